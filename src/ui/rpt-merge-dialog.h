/* rpt-merge-dialog.h — write a letter for many customers: who, what, where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-store.h"
#include "rpt-letter-template.h"

G_BEGIN_DECLS

#define RPT_TYPE_MERGE_DIALOG (rpt_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RptMergeDialog, rpt_merge_dialog, RPT, MERGE_DIALOG, AdwWindow)

RptMergeDialog *rpt_merge_dialog_present (GtkWindow         *parent,
                                          RptCustomerStore  *store,
                                          RptLetterTemplate *letter);
struct _RptBenchmark;
void            rpt_merge_dialog_set_report      (RptMergeDialog *self,
                                                  gint64          customer_id,
                                                  struct _RptBenchmark *benchmark);
void            rpt_merge_dialog_set_output_path (RptMergeDialog *self,
                                                  const char     *path);

G_END_DECLS
