/* rpt-questionnaire.h — a questionnaire: sections, questions, options,
 * the dimensions its scored questions feed, in several languages
 *
 * A questionnaire is read-only once made (from JSON or a built-in); its
 * parts are plain structures its functions hand out. Editing one that
 * has answers saves a new version (see rpt-questionnaire-store.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A text in several languages: language → text. */
typedef GHashTable RptText;

const char *rpt_text_get (RptText    *text,
                          const char *language,
                          const char *fallback);

typedef enum
{
  RPT_QUESTION_SINGLE,     /* one option */
  RPT_QUESTION_MULTIPLE,   /* any options */
  RPT_QUESTION_SCALE,      /* 1 to 5 */
  RPT_QUESTION_NUMBER,     /* within min … max, in a unit */
  RPT_QUESTION_YES_NO,
  RPT_QUESTION_TEXT,       /* free text, never scored */
} RptQuestionKind;

typedef enum
{
  RPT_QUALIFY_NONE,
  RPT_QUALIFY_BUDGET,
  RPT_QUALIFY_AUTHORITY,
  RPT_QUALIFY_NEED,
  RPT_QUALIFY_TIMELINE,
  RPT_N_QUALIFY,
} RptQualification;

typedef struct
{
  char    *key;
  RptText *text;
  double   score;
} RptOption;

typedef struct
{
  char             *key;
  RptQuestionKind   kind;
  RptText          *text;
  RptText          *unit;          /* numbers; may be NULL */
  char             *dimension;     /* NULL: not scored */
  double            weight;
  gboolean          reverse;       /* the lower the answer, the higher the score */
  RptQualification  qualification;
  char             *updates;       /* the customer field an answer sets, or NULL */
  double            min, max;      /* numbers */
  GPtrArray        *options;       /* of RptOption: single and multiple choice */
} RptQuestion;

typedef struct
{
  char      *key;
  RptText   *title;
  GPtrArray *questions;            /* of RptQuestion */
} RptSection;

typedef struct
{
  char    *key;
  RptText *title;
  RptText *offering;               /* what the business offers where it is weak; may be NULL */
} RptDimension;

/* A self-rating checked against the questions that measure the same. */
typedef struct
{
  char    *self;                   /* the self-rating question */
  char   **measures;               /* the detailed questions */
  double   tolerance;              /* points out of 100 */
} RptConsistencyRule;

typedef struct _RptQuestionnaire RptQuestionnaire;

RptQuestionnaire *rpt_questionnaire_ref              (RptQuestionnaire  *self);
void              rpt_questionnaire_unref            (RptQuestionnaire  *self);

RptQuestionnaire *rpt_questionnaire_new_from_json    (const char        *json,
                                                      gssize             length,
                                                      GError           **error);
char             *rpt_questionnaire_to_json          (RptQuestionnaire  *self);

gint64            rpt_questionnaire_get_id           (RptQuestionnaire  *self);
void              rpt_questionnaire_set_id           (RptQuestionnaire  *self,
                                                      gint64             id);
const char       *rpt_questionnaire_get_key          (RptQuestionnaire  *self);
int               rpt_questionnaire_get_version      (RptQuestionnaire  *self);
void              rpt_questionnaire_set_version      (RptQuestionnaire  *self,
                                                      int                version);
const char       *rpt_questionnaire_get_default_language (RptQuestionnaire *self);
const char       *rpt_questionnaire_get_title        (RptQuestionnaire  *self,
                                                      const char        *language);
const char       *rpt_questionnaire_get_description  (RptQuestionnaire  *self,
                                                      const char        *language);
char            **rpt_questionnaire_list_languages   (RptQuestionnaire  *self);
GPtrArray        *rpt_questionnaire_get_sections     (RptQuestionnaire  *self);
GPtrArray        *rpt_questionnaire_get_dimensions   (RptQuestionnaire  *self);
GPtrArray        *rpt_questionnaire_get_rules        (RptQuestionnaire  *self);
RptQuestion      *rpt_questionnaire_find_question    (RptQuestionnaire  *self,
                                                      const char        *key);
RptDimension     *rpt_questionnaire_find_dimension   (RptQuestionnaire  *self,
                                                      const char        *key);
guint             rpt_questionnaire_count_questions  (RptQuestionnaire  *self);
gboolean          rpt_questionnaire_is_scored        (RptQuestionnaire  *self);

/* Answers are text: an option's key (several, comma-separated, for
 * multiple choice), a number, 1–5, “yes” or “no”, or free text. */
gboolean          rpt_question_check_answer          (RptQuestion       *question,
                                                      const char        *value,
                                                      const char        *language,
                                                      GError           **error);
/* The answer's worth, 0 … 1; FALSE for a question not scored or a value
 * it does not accept. */
gboolean          rpt_question_score                 (RptQuestion       *question,
                                                      const char        *value,
                                                      double            *score);
gboolean          rpt_question_worth                 (RptQuestion       *question,
                                                      const char        *value,
                                                      double            *score);
RptOption        *rpt_question_find_option           (RptQuestion       *question,
                                                      const char        *key);

const char       *rpt_qualification_to_string        (RptQualification   qualification);

/* The built-in questionnaires, their text in every language the
 * application is translated into. */
GPtrArray        *rpt_questionnaire_builtins         (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptQuestionnaire, rpt_questionnaire_unref)

G_END_DECLS
