/* rpt-question-form.h — one section of a questionnaire as the respondent
 * answers it: its title, each question with the widget its kind takes
 * and room for what is wrong with the answer
 *
 * Filling in with a customer and the designer's preview show the same
 * form; what happens to an answer is theirs to say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-questionnaire.h"

G_BEGIN_DECLS

/* Takes VALUE as QUESTION's answer ("" for none), or says why not. */
typedef gboolean (*RptAnswerFunc) (RptQuestion  *question,
                                   const char   *value,
                                   gpointer      user_data,
                                   GError      **error);

/* Shows SECTION in BOX (emptied first), its texts in LANGUAGE (else
 * FALLBACK), the answers in ANSWERS chosen. An answer SAVE takes is
 * kept in ANSWERS; one it refuses shows its error under the question. */
void     rpt_question_form_show        (GtkBox        *box,
                                        RptSection    *section,
                                        const char    *language,
                                        const char    *fallback,
                                        GHashTable    *answers,
                                        RptAnswerFunc  save,
                                        gpointer       user_data);
/* Saves what was typed (numbers, text) and not yet saved; FALSE when
 * an answer is refused. */
gboolean rpt_question_form_save_typed  (GtkBox        *box);
/* The box emptied */
void     rpt_question_form_clear       (GtkBox        *box);
GtkWidget *rpt_question_form_label_new (const char    *text,
                                        const char    *style);

G_END_DECLS
