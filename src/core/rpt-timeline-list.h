/* rpt-timeline-list.h — one customer's timeline, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customer-store.h"
#include "rpt-id-list.h"

G_BEGIN_DECLS

#define RPT_TYPE_TIMELINE_LIST (rpt_timeline_list_get_type ())
G_DECLARE_FINAL_TYPE (RptTimelineList, rpt_timeline_list, RPT, TIMELINE_LIST, RptIdList)

RptTimelineList *rpt_timeline_list_new     (RptCustomerStore  *store,
                                            gint64             customer_id);
gboolean         rpt_timeline_list_refresh (RptTimelineList   *self,
                                            GError           **error);

G_END_DECLS
