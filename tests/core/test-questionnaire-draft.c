/* test-questionnaire-draft.c — designing a questionnaire part by part
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rpt-error.h"
#include "rpt-questionnaire-draft.h"
#include "rpt-questionnaire-store.h"
#include "test-utils.h"

/* Dimension a: q1 (single) and q2 (scale); dimension b: q3 (yes/no);
 * q4 rates a against q1 and q2. */
static const char source_json[] =
  "{\"format\": \"rapport-questionnaire\", \"format_version\": 1, \"key\": \"draft\","
  " \"title\": {\"en\": \"Draft\"},"
  " \"dimensions\": [{\"key\": \"a\", \"title\": {\"en\": \"A\"}}, {\"key\": \"b\", \"title\": {\"en\": \"B\"}}],"
  " \"sections\": [{\"key\": \"s1\", \"title\": {\"en\": \"One\"}, \"questions\": ["
  "   {\"key\": \"q1\", \"kind\": \"single\", \"text\": {\"en\": \"Q1\"}, \"dimension\": \"a\", \"weight\": 2,"
  "    \"options\": [{\"key\": \"x\", \"text\": {\"en\": \"X\"}, \"score\": 0}, {\"key\": \"y\", \"text\": {\"en\": \"Y\"}, \"score\": 1}]},"
  "   {\"key\": \"q2\", \"kind\": \"scale\", \"text\": {\"en\": \"Q2\"}, \"dimension\": \"a\"}]},"
  "  {\"key\": \"s2\", \"title\": {\"en\": \"Two\"}, \"questions\": ["
  "   {\"key\": \"q3\", \"kind\": \"yes-no\", \"text\": {\"en\": \"Q3\"}, \"dimension\": \"b\"},"
  "   {\"key\": \"q4\", \"kind\": \"scale\", \"text\": {\"en\": \"Rate A\"}}]}],"
  " \"consistency\": [{\"self\": \"q4\", \"measures\": [\"q1\", \"q2\"], \"tolerance\": 20}]}";

static RptQuestionnaire *
source (void)
{
  g_autoptr(GError) error = NULL;
  RptQuestionnaire *q = rpt_questionnaire_new_from_json (source_json, -1, &error);

  g_assert_no_error (error);
  return q;
}

static RptQuestionnaire *
build (RptQuestionnaireDraft *draft)
{
  g_autoptr(GError) error = NULL;
  RptQuestionnaire *q = rpt_questionnaire_draft_build (draft, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  return q;
}

static JsonObject *
question_at (RptQuestionnaireDraft *draft,
             guint                  section,
             guint                  index)
{
  JsonArray *sections = rpt_questionnaire_draft_get_sections (draft);

  return json_array_get_object_element (
    rpt_questionnaire_draft_get_questions (json_array_get_object_element (sections, section)), index);
}

static char *
keys_of (RptQuestionnaire *q)
{
  GPtrArray *sections = rpt_questionnaire_get_sections (q);
  GString *keys = g_string_new (NULL);

  for (guint s = 0; s < sections->len; s++)
    {
      RptSection *section = sections->pdata[s];

      g_string_append_printf (keys, "%s%s:", s ? " " : "", section->key);
      for (guint i = 0; i < section->questions->len; i++)
        g_string_append_printf (keys, "%s%s", i ? "," : "", ((RptQuestion *) section->questions->pdata[i])->key);
    }
  return g_string_free (keys, FALSE);
}

/* A new questionnaire is one section, one question feeding one
 * dimension, in the designer's language: complete as it is. */
static void
test_blank (void)
{
  g_autoptr(RptQuestionnaireDraft) draft = rpt_questionnaire_draft_new (NULL, "mine", "es");
  g_autoptr(RptQuestionnaire) q = build (draft);
  RptQuestion *question;

  g_assert_false (rpt_questionnaire_draft_is_modified (draft));
  g_assert_cmpstr (rpt_questionnaire_get_key (q), ==, "mine");
  g_assert_cmpstr (rpt_questionnaire_get_default_language (q), ==, "es");
  g_assert_cmpuint (rpt_questionnaire_count_questions (q), ==, 1);
  g_assert_cmpuint (rpt_questionnaire_get_dimensions (q)->len, ==, 1);
  question = rpt_questionnaire_find_question (q, "question-1");
  g_assert_nonnull (question);
  g_assert_cmpint (question->kind, ==, RPT_QUESTION_SCALE);
  g_assert_cmpstr (question->dimension, ==, "dimension-1");
  g_assert_true (rpt_questionnaire_is_scored (q));
}

/* Unchanged, a draft builds the questionnaire it came from, word for word. */
static void
test_unchanged (void)
{
  g_autoptr(RptQuestionnaire) q = source ();
  g_autoptr(RptQuestionnaireDraft) draft = NULL;
  g_autoptr(RptQuestionnaire) again = NULL;
  g_autofree char *before = rpt_questionnaire_to_json (q);
  g_autofree char *after = NULL;

  rpt_questionnaire_set_id (q, 42);
  draft = rpt_questionnaire_draft_new (q, NULL, NULL);
  again = build (draft);
  after = rpt_questionnaire_to_json (again);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (rpt_questionnaire_get_id (again), ==, 42);
  g_assert_false (rpt_questionnaire_draft_is_modified (draft));
}

/* Text per language; kinds; options; weights */
static void
test_edit (void)
{
  g_autoptr(RptQuestionnaire) q = source ();
  g_autoptr(RptQuestionnaireDraft) draft = rpt_questionnaire_draft_new (q, NULL, NULL);
  g_autoptr(RptQuestionnaire) built = NULL;
  JsonObject *q1 = question_at (draft, 0, 0);
  JsonObject *q3 = question_at (draft, 1, 0);
  JsonObject *added;
  RptQuestion *question;

  rpt_questionnaire_draft_set_text (draft, q1, "text", "zh_CN", "问题一");
  rpt_questionnaire_draft_set_text (draft, q1, "text", "es", "Pregunta");
  rpt_questionnaire_draft_set_text (draft, q1, "text", "es", "");
  g_assert_cmpstr (rpt_questionnaire_draft_get_text (q1, "text", "zh_CN"), ==, "问题一");
  g_assert_cmpstr (rpt_questionnaire_draft_get_text (q1, "text", "es"), ==, "");
  g_assert_true (rpt_questionnaire_draft_is_modified (draft));
  rpt_questionnaire_draft_add_option (draft, q1, "en");
  rpt_questionnaire_draft_set_number (draft, q1, "weight", 3.5);
  /* q3 becomes a number from 1 to 10 in kilograms */
  rpt_questionnaire_draft_set_kind (draft, q3, RPT_QUESTION_NUMBER);
  rpt_questionnaire_draft_set_number (draft, q3, "min", 1);
  rpt_questionnaire_draft_set_number (draft, q3, "max", 10);
  rpt_questionnaire_draft_set_text (draft, q3, "unit", "en", "kg");
  /* a multiple choice added to the second section comes with two options
   * and feeds the first dimension; a free-text question feeds none */
  added = rpt_questionnaire_draft_add_question (draft, json_array_get_object_element (
                                                  rpt_questionnaire_draft_get_sections (draft), 1),
                                                RPT_QUESTION_MULTIPLE, "en");
  g_assert_cmpuint (json_array_get_length (rpt_questionnaire_draft_get_options (added)), ==, 2);
  rpt_questionnaire_draft_set_kind (draft, rpt_questionnaire_draft_add_question (
                                      draft, json_array_get_object_element (rpt_questionnaire_draft_get_sections (draft), 1),
                                      RPT_QUESTION_SCALE, "en"), RPT_QUESTION_TEXT);
  built = build (draft);

  question = rpt_questionnaire_find_question (built, "q1");
  g_assert_cmpstr (rpt_text_get (question->text, "zh_CN", "en"), ==, "问题一");
  g_assert_cmpstr (rpt_text_get (question->text, "es", "en"), ==, "Q1");
  g_assert_cmpuint (question->options->len, ==, 3);
  g_assert_cmpfloat (((RptOption *) question->options->pdata[2])->score, ==, 2);
  g_assert_cmpfloat (question->weight, ==, 3.5);
  question = rpt_questionnaire_find_question (built, "q3");
  g_assert_cmpint (question->kind, ==, RPT_QUESTION_NUMBER);
  g_assert_cmpfloat (question->max, ==, 10);
  g_assert_cmpstr (rpt_text_get (question->unit, "en", NULL), ==, "kg");
  question = rpt_questionnaire_find_question (built, "question-5");
  g_assert_nonnull (question);
  g_assert_cmpint (question->kind, ==, RPT_QUESTION_MULTIPLE);
  g_assert_cmpstr (question->dimension, ==, "a");
  question = rpt_questionnaire_find_question (built, "question-6");
  g_assert_cmpint (question->kind, ==, RPT_QUESTION_TEXT);
  g_assert_null (question->dimension);
}

static void
assert_refused (RptQuestionnaireDraft *draft,
                const char            *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptQuestionnaire) q = rpt_questionnaire_draft_build (draft, &error);

  g_assert_null (q);
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
}

/* Removing a question takes it out of the rules; removing a dimension
 * unscores its questions; undo brings each back; moves reorder. */
static void
test_remove_move_undo (void)
{
  g_autoptr(RptQuestionnaire) q = source ();
  g_autoptr(RptQuestionnaireDraft) draft = rpt_questionnaire_draft_new (q, NULL, NULL);
  JsonArray *dimensions = rpt_questionnaire_draft_get_dimensions (draft);
  g_autofree char *keys = NULL;

  g_assert_false (rpt_questionnaire_draft_can_undo (draft));
  g_assert_true (rpt_questionnaire_draft_remove (draft, question_at (draft, 0, 0)));
  {
    g_autoptr(RptQuestionnaire) built = build (draft);
    RptConsistencyRule *rule;

    g_assert_null (rpt_questionnaire_find_question (built, "q1"));
    g_assert_cmpuint (rpt_questionnaire_get_rules (built)->len, ==, 1);
    rule = rpt_questionnaire_get_rules (built)->pdata[0];
    g_assert_cmpstr (rule->measures[0], ==, "q2");
    g_assert_null (rule->measures[1]);
  }
  /* with q2 gone too, dimension a has nothing left to score it: said so */
  g_assert_true (rpt_questionnaire_draft_remove (draft, question_at (draft, 0, 0)));
  assert_refused (draft, "“a”");
  g_assert_true (rpt_questionnaire_draft_undo (draft));
  g_assert_true (rpt_questionnaire_draft_undo (draft));
  g_assert_false (rpt_questionnaire_draft_can_undo (draft));
  g_assert_false (rpt_questionnaire_draft_is_modified (draft));

  /* dimension b removed: q3 no longer scored, still asked */
  dimensions = rpt_questionnaire_draft_get_dimensions (draft);
  g_assert_true (rpt_questionnaire_draft_remove (draft, json_array_get_object_element (dimensions, 1)));
  {
    g_autoptr(RptQuestionnaire) built = build (draft);

    g_assert_null (rpt_questionnaire_find_dimension (built, "b"));
    g_assert_null (rpt_questionnaire_find_question (built, "q3")->dimension);
  }
  /* a section goes with its questions and the rule that named q4 */
  g_assert_true (rpt_questionnaire_draft_remove (draft, json_array_get_object_element (
                                                  rpt_questionnaire_draft_get_sections (draft), 1)));
  {
    g_autoptr(RptQuestionnaire) built = build (draft);

    g_assert_cmpuint (rpt_questionnaire_count_questions (built), ==, 2);
    g_assert_cmpuint (rpt_questionnaire_get_rules (built)->len, ==, 0);
  }
  g_assert_true (rpt_questionnaire_draft_undo (draft));

  /* moves: q2 up, the second section up; the ends stay put */
  g_assert_true (rpt_questionnaire_draft_move (draft, question_at (draft, 0, 1), -1));
  g_assert_false (rpt_questionnaire_draft_move (draft, question_at (draft, 0, 0), -1));
  g_assert_true (rpt_questionnaire_draft_move (draft, json_array_get_object_element (
                                                rpt_questionnaire_draft_get_sections (draft), 1), -1));
  g_assert_false (rpt_questionnaire_draft_move (draft, json_array_get_object_element (
                                                 rpt_questionnaire_draft_get_sections (draft), 1), 1));
  {
    g_autoptr(RptQuestionnaire) built = build (draft);

    keys = keys_of (built);
  }
  g_assert_cmpstr (keys, ==, "s2:q3,q4 s1:q2,q1");
  /* a part that is not in the draft */
  {
    g_autoptr(JsonObject) stranger = json_object_new ();

    g_assert_false (rpt_questionnaire_draft_remove (draft, stranger));
    g_assert_false (rpt_questionnaire_draft_move (draft, stranger, 1));
  }
}

/* What cannot be built is said, with where. */
static void
test_refused (void)
{
  g_autoptr(RptQuestionnaire) q = source ();
  g_autoptr(RptQuestionnaireDraft) draft = rpt_questionnaire_draft_new (q, NULL, NULL);
  JsonObject *q1 = question_at (draft, 0, 0);

  /* zero weight on every question of a dimension */
  rpt_questionnaire_draft_set_number (draft, q1, "weight", 0);
  rpt_questionnaire_draft_set_number (draft, question_at (draft, 0, 1), "weight", 0);
  assert_refused (draft, "“a”");
  rpt_questionnaire_draft_set_number (draft, q1, "weight", 1);
  /* a choice with one option */
  rpt_questionnaire_draft_remove (draft, json_array_get_object_element (rpt_questionnaire_draft_get_options (q1), 0));
  assert_refused (draft, "sections[0].questions[0]");
  rpt_questionnaire_draft_undo (draft);
  /* a number whose range is empty */
  q1 = question_at (draft, 0, 0);
  rpt_questionnaire_draft_set_kind (draft, q1, RPT_QUESTION_NUMBER);
  rpt_questionnaire_draft_set_number (draft, q1, "min", 5);
  rpt_questionnaire_draft_set_number (draft, q1, "max", 5);
  assert_refused (draft, "minimum below its maximum");
  rpt_questionnaire_draft_set_number (draft, q1, "max", 6);
  g_clear_pointer (&q, rpt_questionnaire_unref);
  q = build (draft);
  /* a question without text in any language */
  rpt_questionnaire_draft_set_text (draft, q1, "text", "en", "");
  assert_refused (draft, "sections[0].questions[0]");
  /* no question at all */
  while (json_array_get_length (rpt_questionnaire_draft_get_sections (draft)) > 0)
    rpt_questionnaire_draft_remove (draft, json_array_get_object_element (rpt_questionnaire_draft_get_sections (draft),
                                                                          0));
  assert_refused (draft, "");
}

/* Consistency rules: added between the first two scorable questions,
 * their measures chosen, removed; a questionnaire without scorable
 * questions to compare gets none. */
static void
test_rules (void)
{
  g_autoptr(RptQuestionnaire) q = source ();
  g_autoptr(RptQuestionnaireDraft) draft = rpt_questionnaire_draft_new (q, NULL, NULL);
  g_autoptr(RptQuestionnaireDraft) blank = rpt_questionnaire_draft_new (NULL, "one", "en");
  const char *measures[] = { "q2", "q3", NULL };
  JsonObject *rule;

  g_assert_cmpuint (json_array_get_length (rpt_questionnaire_draft_get_rules (draft)), ==, 1);
  rule = rpt_questionnaire_draft_add_rule (draft);
  g_assert_nonnull (rule);
  g_assert_cmpstr (json_object_get_string_member (rule, "self"), ==, "q1");
  rpt_questionnaire_draft_set_measures (draft, rule, measures);
  rpt_questionnaire_draft_set_number (draft, rule, "tolerance", 10);
  {
    g_autoptr(RptQuestionnaire) built = build (draft);
    RptConsistencyRule *r;

    g_assert_cmpuint (rpt_questionnaire_get_rules (built)->len, ==, 2);
    r = rpt_questionnaire_get_rules (built)->pdata[1];
    g_assert_cmpstr (r->self, ==, "q1");
    g_assert_cmpstr (r->measures[0], ==, "q2");
    g_assert_cmpstr (r->measures[1], ==, "q3");
    g_assert_cmpfloat (r->tolerance, ==, 10);
  }
  /* a rule measuring its own self-rating is refused */
  {
    const char *self_too[] = { "q1", NULL };

    rpt_questionnaire_draft_set_measures (draft, rule, self_too);
    assert_refused (draft, "consistency[1]");
    rpt_questionnaire_draft_set_measures (draft, rule, measures);
  }
  /* both removed: none left, the document as without any */
  g_assert_true (rpt_questionnaire_draft_remove (draft, rule));
  g_assert_true (rpt_questionnaire_draft_remove (draft, json_array_get_object_element (
                                                  rpt_questionnaire_draft_get_rules (draft), 0)));
  g_assert_null (rpt_questionnaire_draft_get_rules (draft));
  {
    g_autoptr(RptQuestionnaire) built = build (draft);

    g_assert_cmpuint (rpt_questionnaire_get_rules (built)->len, ==, 0);
  }
  /* one question only: nothing to compare */
  g_assert_null (rpt_questionnaire_draft_add_rule (blank));
  g_assert_false (rpt_questionnaire_draft_is_modified (blank));
}

/* Saved: in place while unanswered, as the next version once answered. */
static void
test_save (void)
{
  g_autoptr(RptDatabase) db = test_open_new ("draft.db");
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  g_autoptr(RptQuestionnaire) q = source ();
  g_autoptr(RptQuestionnaire) first = NULL;
  g_autoptr(RptQuestionnaire) second = NULL;
  g_autoptr(RptQuestionnaire) loaded = NULL;
  g_autoptr(RptQuestionnaireDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  gint64 original, response;

  g_assert_true (rpt_customer_store_save_questionnaire (store, q, &error));
  original = rpt_questionnaire_get_id (q);
  draft = rpt_questionnaire_draft_new (q, NULL, NULL);
  rpt_questionnaire_draft_set_text (draft, rpt_questionnaire_draft_get_root (draft), "title", "es", "Borrador");
  first = build (draft);
  g_assert_true (rpt_customer_store_save_questionnaire (store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rpt_questionnaire_get_id (first), ==, original);
  g_assert_cmpint (rpt_questionnaire_get_version (first), ==, 1);

  response = rpt_customer_store_start_response (store, original, 0, "en", &error);
  g_assert_no_error (error);
  g_assert_true (rpt_customer_store_set_answer (store, response, "q2", "4", &error));
  rpt_questionnaire_draft_set_text (draft, question_at (draft, 0, 1), "text", "es", "P2");
  second = build (draft);
  g_assert_true (rpt_customer_store_save_questionnaire (store, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rpt_questionnaire_get_id (second), !=, original);
  g_assert_cmpint (rpt_questionnaire_get_version (second), ==, 2);

  loaded = rpt_customer_store_load_questionnaire (store, original, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rpt_questionnaire_get_title (loaded, "es"), ==, "Borrador");
  g_assert_cmpstr (rpt_text_get (rpt_questionnaire_find_question (loaded, "q2")->text, "es", NULL), ==, "Q2");
  g_clear_pointer (&loaded, rpt_questionnaire_unref);
  loaded = rpt_customer_store_load_questionnaire (store, rpt_questionnaire_get_id (second), &error);
  g_assert_cmpstr (rpt_text_get (rpt_questionnaire_find_question (loaded, "q2")->text, "es", NULL), ==, "P2");
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/questionnaire-draft/blank", test_blank);
  g_test_add_func ("/questionnaire-draft/unchanged", test_unchanged);
  g_test_add_func ("/questionnaire-draft/edit", test_edit);
  g_test_add_func ("/questionnaire-draft/remove-move-undo", test_remove_move_undo);
  g_test_add_func ("/questionnaire-draft/refused", test_refused);
  g_test_add_func ("/questionnaire-draft/rules", test_rules);
  g_test_add_func ("/questionnaire-draft/save", test_save);
  return g_test_run ();
}
