/* rpt-preferences-window.h — the business profile, service level and database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-store.h"

G_BEGIN_DECLS

#define RPT_TYPE_PREFERENCES_WINDOW (rpt_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RptPreferencesWindow, rpt_preferences_window, RPT, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

RptPreferencesWindow *rpt_preferences_window_new (GtkWindow        *parent,
                                                  RptCustomerStore *store);

G_END_DECLS
