/* rpt-customer-editor.h — the window that creates or edits one customer card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-store.h"

G_BEGIN_DECLS

#define RPT_TYPE_CUSTOMER_EDITOR (rpt_customer_editor_get_type ())
G_DECLARE_FINAL_TYPE (RptCustomerEditor, rpt_customer_editor, RPT, CUSTOMER_EDITOR, AdwWindow)

RptCustomerEditor *rpt_customer_editor_new (GtkWindow        *parent,
                                            RptCustomerStore *store,
                                            RptCustomer      *customer);

G_END_DECLS
