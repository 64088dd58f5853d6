/* rpt-questionnaire-private.h — for the files that make questionnaires
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-questionnaire.h"

G_BEGIN_DECLS

struct _RptQuestionnaire
{
  gatomicrefcount  ref;
  gint64           id;
  char            *key;
  int              version;
  char            *default_language;
  RptText         *title;
  RptText         *description;
  GPtrArray       *sections;     /* of RptSection */
  GPtrArray       *dimensions;   /* of RptDimension */
  GPtrArray       *rules;        /* of RptConsistencyRule */
  GHashTable      *questions;    /* key → RptQuestion (owned by the sections) */
};

RptText          *_rpt_text_new           (void);
void              _rpt_text_set           (RptText    *text,
                                           const char *language,
                                           const char *value);
RptQuestionnaire *_rpt_questionnaire_new  (const char *key);
void              _rpt_question_free      (gpointer    question);
void              _rpt_option_free        (gpointer    option);
const char       *_rpt_question_kind_to_string (RptQuestionKind kind);
/* -1 for a name that is no kind */
int               _rpt_question_kind_from_string (const char *name);

G_END_DECLS
