/* rpt-questionnaires-page.h — questionnaires: the list, filling one in
 * with a customer, the peer benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-store.h"
#include "rpt-questionnaire-designer.h"

G_BEGIN_DECLS

#define RPT_TYPE_QUESTIONNAIRES_PAGE (rpt_questionnaires_page_get_type ())
G_DECLARE_FINAL_TYPE (RptQuestionnairesPage, rpt_questionnaires_page, RPT, QUESTIONNAIRES_PAGE, GtkWidget)

void             rpt_questionnaires_page_set_store    (RptQuestionnairesPage *self,
                                                       RptCustomerStore      *store);
/* The customer a questionnaire is filled in with (0: none). */
void             rpt_questionnaires_page_set_customer (RptQuestionnairesPage *self,
                                                       gint64                 customer_id);
/* What Import… and Export… do with the file chosen */
gboolean         rpt_questionnaires_page_import       (RptQuestionnairesPage *self,
                                                       GFile                 *file,
                                                       GError               **error);
gboolean         rpt_questionnaires_page_export       (RptQuestionnairesPage *self,
                                                       GFile                 *file,
                                                       GError               **error);
/* The designer, on a new questionnaire or the one chosen (NULL: none) */
RptQuestionnaireDesigner *rpt_questionnaires_page_open_designer (RptQuestionnairesPage *self,
                                                                 gboolean               new_one);
GtkToggleButton *rpt_questionnaires_page_get_flap_button (RptQuestionnairesPage *self);
/* For tests: which view shows (“empty”, “overview”, “fill”, “results”),
 * and the response being filled in or shown. */
const char      *rpt_questionnaires_page_get_view     (RptQuestionnairesPage *self);
gint64           rpt_questionnaires_page_get_response (RptQuestionnairesPage *self);

G_END_DECLS
