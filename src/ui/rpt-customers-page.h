/* rpt-customers-page.h — the customer list beside the open card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-list.h"
#include "rpt-customer-store.h"

G_BEGIN_DECLS

#define RPT_TYPE_CUSTOMERS_PAGE (rpt_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (RptCustomersPage, rpt_customers_page, RPT, CUSTOMERS_PAGE, GtkWidget)

void             rpt_customers_page_set_store         (RptCustomersPage *self,
                                                       RptCustomerStore *store,
                                                       GSettings        *settings);
RptCustomer     *rpt_customers_page_get_selected      (RptCustomersPage *self);
void             rpt_customers_page_select_id         (RptCustomersPage *self,
                                                       gint64            id);
void             rpt_customers_page_focus_search      (RptCustomersPage *self);
/* Only the customers IDS (gint64), a group named LABEL, until cleared (NULL) */
void             rpt_customers_page_show_group        (RptCustomersPage *self,
                                                       const GArray     *ids,
                                                       const char       *label);
void             rpt_customers_page_set_show_archived (RptCustomersPage *self,
                                                       gboolean          archived);
GArray          *rpt_customers_page_dup_selected_ids (RptCustomersPage *self);
RptCustomerList *rpt_customers_page_get_list          (RptCustomersPage *self);
GtkToggleButton *rpt_customers_page_get_flap_button   (RptCustomersPage *self);

G_END_DECLS
