/* rpt-entry-dialog.h — add an interaction, a purchase or a complaint to a timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-store.h"

G_BEGIN_DECLS

#define RPT_TYPE_ENTRY_DIALOG (rpt_entry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RptEntryDialog, rpt_entry_dialog, RPT, ENTRY_DIALOG, AdwWindow)

RptEntryDialog *rpt_entry_dialog_new (GtkWindow        *parent,
                                      RptCustomerStore *store,
                                      RptCustomer      *customer,
                                      RptEntryKind      kind);

G_END_DECLS
