/* rpt-questionnaire-designer.h — a window to make or change a
 * questionnaire: its sections, questions, options, dimensions and
 * weights, its texts in every language, and a preview as the respondent
 * sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-customer-store.h"
#include "rpt-questionnaire-draft.h"

G_BEGIN_DECLS

#define RPT_TYPE_QUESTIONNAIRE_DESIGNER (rpt_questionnaire_designer_get_type ())
G_DECLARE_FINAL_TYPE (RptQuestionnaireDesigner, rpt_questionnaire_designer, RPT, QUESTIONNAIRE_DESIGNER, AdwWindow)

/* SOURCE to change, or NULL for a new questionnaire. On saving, emits
 * “saved” with the questionnaire's id (a new one when answers existed:
 * the next version). */
RptQuestionnaireDesigner *rpt_questionnaire_designer_new (GtkWindow        *parent,
                                                          RptCustomerStore *store,
                                                          RptQuestionnaire *source);

/* For tests: the draft being designed, and the preview shown */
RptQuestionnaireDraft *rpt_questionnaire_designer_get_draft (RptQuestionnaireDesigner *self);
GtkListBox *rpt_questionnaire_designer_get_outline (RptQuestionnaireDesigner *self);
GtkBox     *rpt_questionnaire_designer_get_editor  (RptQuestionnaireDesigner *self);
GtkBox     *rpt_questionnaire_designer_get_preview (RptQuestionnaireDesigner *self);
void        rpt_questionnaire_designer_set_language (RptQuestionnaireDesigner *self,
                                                     const char               *language);

G_END_DECLS
