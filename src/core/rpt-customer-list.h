/* rpt-customer-list.h — the customer list: search, filters and order over SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customer-store.h"
#include "rpt-id-list.h"

G_BEGIN_DECLS

#define RPT_TYPE_CUSTOMER_LIST (rpt_customer_list_get_type ())
G_DECLARE_FINAL_TYPE (RptCustomerList, rpt_customer_list, RPT, CUSTOMER_LIST, RptIdList)

RptCustomerList *rpt_customer_list_new          (RptCustomerStore  *store);
gboolean         rpt_customer_list_refresh      (RptCustomerList   *self,
                                                 GError           **error);
void             rpt_customer_list_set_search   (RptCustomerList   *self,
                                                 const char        *query);
void             rpt_customer_list_set_filters  (RptCustomerList   *self,
                                                 const char        *tag,
                                                 int                stage,
                                                 const char        *owner);
/* Only the customers IDS (gint64), a group called LABEL (NULL: everyone) */
void             rpt_customer_list_set_group    (RptCustomerList   *self,
                                                 const GArray      *ids,
                                                 const char        *label);
const char      *rpt_customer_list_get_group_label (RptCustomerList *self);
void             rpt_customer_list_set_sort     (RptCustomerList   *self,
                                                 RptSortColumn      column,
                                                 gboolean           descending);
void             rpt_customer_list_set_archived (RptCustomerList   *self,
                                                 gboolean           archived);
gboolean         rpt_customer_list_get_archived (RptCustomerList   *self);
guint            rpt_customer_list_get_total    (RptCustomerList   *self);
gboolean         rpt_customer_list_is_loading   (RptCustomerList   *self);
const GError    *rpt_customer_list_get_error    (RptCustomerList   *self);

G_END_DECLS
