/* rpt-segments-page.h — the dashboard: value, RFM, warnings, stages;
 * every number opens the customers behind it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-store.h"
#include "rpt-segment-editor.h"
#include "rpt-segments.h"

G_BEGIN_DECLS

#define RPT_TYPE_SEGMENTS_PAGE (rpt_segments_page_get_type ())
G_DECLARE_FINAL_TYPE (RptSegmentsPage, rpt_segments_page, RPT, SEGMENTS_PAGE, GtkWidget)

/* Computes the dashboard (in a worker, on its own connection) when first
 * called and again on refresh. Emits “show-group” (GArray of gint64
 * ids, label) when a number, bar or cell is chosen, and “show-customer”
 * (id) for one customer. */
void              rpt_segments_page_set_store       (RptSegmentsPage  *self,
                                                     RptCustomerStore *store);
void              rpt_segments_page_refresh         (RptSegmentsPage  *self);
GtkToggleButton  *rpt_segments_page_get_flap_button (RptSegmentsPage  *self);
/* The rule builder on the saved segment NAME, or on a new one (NULL) */
RptSegmentEditor *rpt_segments_page_edit_segment    (RptSegmentsPage  *self,
                                                     const char       *name);
/* Saves again the segment deleted last from the rule builder (its toast's Undo) */
gboolean          rpt_segments_page_undo_delete     (RptSegmentsPage  *self);
/* For tests: the report shown (NULL while computing), what the view is */
RptSegmentReport *rpt_segments_page_get_report      (RptSegmentsPage  *self);
const char       *rpt_segments_page_get_view        (RptSegmentsPage  *self);
/* Today as the dashboard sees it (NULL: the real one), for tests and demos */
void              rpt_segments_page_set_today       (RptSegmentsPage  *self,
                                                     const char       *today);

G_END_DECLS
