/* rpt-customer-card.h — everything about one customer, and their timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-store.h"

G_BEGIN_DECLS

#define RPT_CARD_FIRST_ENTRIES 10   /* shown when a card opens */
#define RPT_CARD_PAGE_SIZE 50       /* added by Show Older Entries */

#define RPT_TYPE_CUSTOMER_CARD (rpt_customer_card_get_type ())
G_DECLARE_FINAL_TYPE (RptCustomerCard, rpt_customer_card, RPT, CUSTOMER_CARD, GtkWidget)

void         rpt_customer_card_set_customer (RptCustomerCard  *self,
                                             RptCustomerStore *store,
                                             gint64            id);
RptCustomer *rpt_customer_card_get_customer (RptCustomerCard  *self);

G_END_DECLS
