/* rpt-customer-row.h — one line of the customer list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer.h"

G_BEGIN_DECLS

#define RPT_TYPE_CUSTOMER_ROW (rpt_customer_row_get_type ())
G_DECLARE_FINAL_TYPE (RptCustomerRow, rpt_customer_row, RPT, CUSTOMER_ROW, GtkWidget)

RptCustomerRow *rpt_customer_row_new          (void);
void            rpt_customer_row_set_customer (RptCustomerRow *self,
                                               RptCustomer    *customer);

G_END_DECLS
