/* rpt-window.h — the main window: pages on the left, the work on the right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-application.h"
#include "rpt-customer-store.h"

G_BEGIN_DECLS

#define RPT_TYPE_WINDOW (rpt_window_get_type ())
G_DECLARE_FINAL_TYPE (RptWindow, rpt_window, RPT, WINDOW, AdwApplicationWindow)

RptWindow        *rpt_window_new          (RptApplication *app,
                                           RptDatabase    *db);
RptDatabase      *rpt_window_get_database (RptWindow      *self);
RptCustomerStore *rpt_window_get_store    (RptWindow      *self);
struct _RptCustomersPage *rpt_window_get_customers_page (RptWindow *self);
void              rpt_window_add_toast    (RptWindow      *self,
                                           AdwToast       *toast);
gboolean          rpt_window_show_serious_error (RptWindow    *self,
                                                 GtkWindow    *over,
                                                 const GError *error);
void              rpt_window_report_save_error (GtkWindow       *form,
                                                AdwToastOverlay *toasts,
                                                const char      *text,
                                                const GError    *error);
void              rpt_window_show_error   (RptWindow      *self,
                                           const GError   *error);
void              rpt_window_show_page    (RptWindow      *self,
                                           const char     *name);

G_END_DECLS
