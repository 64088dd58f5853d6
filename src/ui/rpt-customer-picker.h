/* rpt-customer-picker.h — a button that finds and picks another card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-store.h"

G_BEGIN_DECLS

#define RPT_TYPE_CUSTOMER_PICKER (rpt_customer_picker_get_type ())
G_DECLARE_FINAL_TYPE (RptCustomerPicker, rpt_customer_picker, RPT, CUSTOMER_PICKER, GtkWidget)

GtkWidget *rpt_customer_picker_new (RptCustomerStore *store,
                                    RptCustomerKind   kind,
                                    gint64            exclude_id);

G_END_DECLS
