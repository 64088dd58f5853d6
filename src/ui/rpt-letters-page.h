/* rpt-letters-page.h — letter templates: the list, the editor, the preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-store.h"

G_BEGIN_DECLS

#define RPT_TYPE_LETTERS_PAGE (rpt_letters_page_get_type ())
G_DECLARE_FINAL_TYPE (RptLettersPage, rpt_letters_page, RPT, LETTERS_PAGE, GtkWidget)

void             rpt_letters_page_set_store       (RptLettersPage   *self,
                                                   RptCustomerStore *store);
void             rpt_letters_page_set_recipient   (RptLettersPage   *self,
                                                   gint64            customer_id);
GtkToggleButton *rpt_letters_page_get_flap_button (RptLettersPage   *self);
guint            rpt_letters_page_get_n_preview_pages (RptLettersPage *self);

G_END_DECLS
