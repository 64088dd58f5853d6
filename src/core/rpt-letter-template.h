/* rpt-letter-template.h — a letter template: its text in several languages
 * and its page setup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rpt-letter.h"

G_BEGIN_DECLS

#define RPT_TYPE_LETTER_TEMPLATE (rpt_letter_template_get_type ())
G_DECLARE_FINAL_TYPE (RptLetterTemplate, rpt_letter_template, RPT, LETTER_TEMPLATE, GObject)

RptLetterTemplate *rpt_letter_template_new            (void);
RptLetterTemplate *rpt_letter_template_copy           (RptLetterTemplate *self);
gint64             rpt_letter_template_get_id         (RptLetterTemplate *self);
void               rpt_letter_template_set_id         (RptLetterTemplate *self,
                                                       gint64             id);
gboolean           rpt_letter_template_get_block      (RptLetterTemplate *self);
void               rpt_letter_template_set_block      (RptLetterTemplate *self,
                                                       gboolean           block);
const char        *rpt_letter_template_get_builtin    (RptLetterTemplate *self);
const char        *rpt_letter_template_get_name       (RptLetterTemplate *self);
void               rpt_letter_template_set_name       (RptLetterTemplate *self,
                                                       const char        *name);
const char        *rpt_letter_template_get_default_language (RptLetterTemplate *self);
void               rpt_letter_template_set_default_language (RptLetterTemplate *self,
                                                             const char        *language);
RptPaper           rpt_letter_template_get_paper      (RptLetterTemplate *self);
void               rpt_letter_template_set_paper      (RptLetterTemplate *self,
                                                       RptPaper           paper);
int                rpt_letter_template_get_placement  (RptLetterTemplate *self);
void               rpt_letter_template_set_placement  (RptLetterTemplate *self,
                                                       int                placement);
const char        *rpt_letter_template_get_required   (RptLetterTemplate *self);
void               rpt_letter_template_set_required   (RptLetterTemplate *self,
                                                       const char        *fields);
void               rpt_letter_template_get_margins    (RptLetterTemplate *self,
                                                       double             margins[4]);
void               rpt_letter_template_set_margins    (RptLetterTemplate *self,
                                                       const double       margins[4]);
GBytes            *rpt_letter_template_get_letterhead (RptLetterTemplate *self);
const char        *rpt_letter_template_get_letterhead_name (RptLetterTemplate *self);
void               rpt_letter_template_set_letterhead (RptLetterTemplate *self,
                                                       GBytes            *pdf,
                                                       const char        *name);
GBytes            *rpt_letter_template_get_signature  (RptLetterTemplate *self);
void               rpt_letter_template_set_signature  (RptLetterTemplate *self,
                                                       GBytes            *png);
const char        *rpt_letter_template_get_body       (RptLetterTemplate *self,
                                                       const char        *language);
void               rpt_letter_template_set_body       (RptLetterTemplate *self,
                                                       const char        *language,
                                                       const char        *body);
char             **rpt_letter_template_list_languages (RptLetterTemplate *self);
const char        *rpt_letter_template_pick_language  (RptLetterTemplate *self,
                                                       const char        *wanted);
RptLetterSetup    *rpt_letter_template_make_setup     (RptLetterTemplate *self,
                                                       const char        *sender_line,
                                                       GError           **error);
GPtrArray         *rpt_letter_template_builtins       (void);
char              *rpt_letter_builtin_partial         (const char        *name,
                                                       const char        *language);

G_END_DECLS
