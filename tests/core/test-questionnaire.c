/* test-questionnaire.c — questionnaires, scoring, peers and privacy
 *
 * The expected figures are worked out by hand in the comments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "rpt-error.h"
#include "rpt-questionnaire-store.h"
#include "test-utils.h"

/* Dimension a: q1 (single, scores 0 1 2 4, weight 2), q2 (scale, weight 1);
 * dimension b: q3 (yes/no), q4 (number 0 … 200, reversed); q5 rates a
 * against q1 and q2 (tolerance 20); q6 and q7 qualify. */
static const char fixture_json[] =
  "{\"format\": \"rapport-questionnaire\", \"format_version\": 1, \"key\": \"fixture\","
  " \"title\": {\"en\": \"Fixture\", \"es\": \"Prueba\"},"
  " \"dimensions\": [{\"key\": \"a\", \"title\": {\"en\": \"A\"}, \"offering\": {\"en\": \"Help with A\"}},"
  "                  {\"key\": \"b\", \"title\": {\"en\": \"B\"}}],"
  " \"sections\": [{\"key\": \"s\", \"title\": {\"en\": \"S\"}, \"questions\": ["
  "   {\"key\": \"q1\", \"kind\": \"single\", \"text\": {\"en\": \"One\"}, \"dimension\": \"a\", \"weight\": 2,"
  "    \"options\": [{\"key\": \"w\", \"text\": {\"en\": \"W\"}, \"score\": 0}, {\"key\": \"x\", \"text\": {\"en\": \"X\"}, \"score\": 1},"
  "                  {\"key\": \"y\", \"text\": {\"en\": \"Y\"}, \"score\": 2}, {\"key\": \"z\", \"text\": {\"en\": \"Z\"}, \"score\": 4}]},"
  "   {\"key\": \"q2\", \"kind\": \"scale\", \"text\": {\"en\": \"Two\"}, \"dimension\": \"a\"},"
  "   {\"key\": \"q3\", \"kind\": \"yes-no\", \"text\": {\"en\": \"Three\"}, \"dimension\": \"b\"},"
  "   {\"key\": \"q4\", \"kind\": \"number\", \"text\": {\"en\": \"Four\"}, \"dimension\": \"b\", \"reverse\": true,"
  "    \"min\": 0, \"max\": 200, \"unit\": {\"en\": \"days\"}},"
  "   {\"key\": \"q5\", \"kind\": \"scale\", \"text\": {\"en\": \"Rate A\"}},"
  "   {\"key\": \"q6\", \"kind\": \"yes-no\", \"text\": {\"en\": \"Budget?\"}, \"qualification\": \"budget\"},"
  "   {\"key\": \"q7\", \"kind\": \"scale\", \"text\": {\"en\": \"Need?\"}, \"qualification\": \"need\"},"
  "   {\"key\": \"note\", \"kind\": \"text\", \"text\": {\"en\": \"Anything else?\"}}]}],"
  " \"consistency\": [{\"self\": \"q5\", \"measures\": [\"q1\", \"q2\"], \"tolerance\": 20}]}";

static RptQuestionnaire *
fixture (void)
{
  g_autoptr(GError) error = NULL;
  RptQuestionnaire *q = rpt_questionnaire_new_from_json (fixture_json, -1, &error);

  g_assert_no_error (error);
  return q;
}

static GHashTable *
answers_of (const char *first,
            ...)
{
  GHashTable *answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;

  va_start (args, first);
  for (const char *key = first; key != NULL; key = va_arg (args, const char *))
    g_hash_table_insert (answers, g_strdup (key), g_strdup (va_arg (args, const char *)));
  va_end (args);
  return answers;
}

static double
score_of (GHashTable *scores,
          const char *dimension)
{
  double *score = g_hash_table_lookup (scores, dimension);

  g_assert_nonnull (score);
  return *score;
}

static void
test_scores (void)
{
  g_autoptr(RptQuestionnaire) q = fixture ();
  /* a = (2 × 2/4 + 1 × (4-1)/4) / 3 = (1 + 0.75) / 3 = 0.58333 → 58.33;
   * b = (1 + (1 - 50/200)) / 2 = (1 + 0.75) / 2 → 87.5; overall 72.92 */
  g_autoptr(GHashTable) answers = answers_of ("q1", "y", "q2", "4", "q3", "yes", "q4", "50", "note", "hi", NULL);
  g_autoptr(GHashTable) scores = rpt_scoring_scores (q, answers);
  g_autoptr(GHashTable) partial = answers_of ("q3", "no", NULL);
  g_autoptr(GHashTable) partial_scores = rpt_scoring_scores (q, partial);

  g_assert_cmpfloat_with_epsilon (score_of (scores, "a"), 175.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (score_of (scores, "b"), 87.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (score_of (scores, ""), (175.0 / 3 + 87.5) / 2, 1e-9);
  /* a dimension nobody answered is absent, not 0 */
  g_assert_null (g_hash_table_lookup (partial_scores, "a"));
  g_assert_cmpfloat_with_epsilon (score_of (partial_scores, "b"), 0, 1e-9);
}

static void
test_percentiles (void)
{
  const double values[] = { 10, 20, 20, 30, 40 };
  const double four[] = { 1, 2, 3, 4 };
  double q1, median, q3;

  /* below: 1, equal: 2 → (1 + 1) / 5 */
  g_assert_cmpfloat_with_epsilon (rpt_percentile_rank (20, values, 5), 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (rpt_percentile_rank (40, values, 5), 90, 1e-9);
  g_assert_cmpfloat_with_epsilon (rpt_percentile_rank (5, values, 5), 0, 1e-9);
  rpt_quartiles (values, 5, &q1, &median, &q3);
  g_assert_cmpfloat (q1, ==, 20);
  g_assert_cmpfloat (median, ==, 20);
  g_assert_cmpfloat (q3, ==, 30);
  /* interpolated: h = 3 × 0.25 = 0.75 → 1.75; 1.5 → 2.5; 2.25 → 3.25 */
  rpt_quartiles (four, 4, &q1, &median, &q3);
  g_assert_cmpfloat_with_epsilon (q1, 1.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (median, 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (q3, 3.25, 1e-9);
}

static void
test_consistency_and_qualification (void)
{
  g_autoptr(RptQuestionnaire) q = fixture ();
  /* self 5 → 100; q1 x → 0.25, q2 1 → 0: mean 12.5, 87.5 apart > 20 */
  g_autoptr(GHashTable) boastful = answers_of ("q5", "5", "q1", "x", "q2", "1", "q6", "no", "q7", "5", NULL);
  /* self 3 → 50; q1 y → 0.5, q2 3 → 0.5: no flag */
  g_autoptr(GHashTable) honest = answers_of ("q5", "3", "q1", "y", "q2", "3", "q6", "yes", "q7", "4", NULL);
  g_autoptr(GPtrArray) flags = rpt_scoring_consistency (q, boastful);
  g_autoptr(GPtrArray) none = rpt_scoring_consistency (q, honest);
  RptConsistencyFlag *flag;
  RptQualificationResult result;

  g_assert_cmpuint (flags->len, ==, 1);
  flag = flags->pdata[0];
  g_assert_cmpstr (flag->self, ==, "q5");
  g_assert_cmpstr (flag->measures[0], ==, "q1");
  g_assert_cmpfloat_with_epsilon (flag->self_score, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (flag->measured_score, 12.5, 1e-9);
  g_assert_cmpuint (none->len, ==, 0);

  /* no budget: not likely to buy, for that reason, whatever the need */
  rpt_scoring_qualify (q, boastful, &result);
  g_assert_true (result.unlikely);
  g_assert_cmpuint (result.reasons, ==, 1u << RPT_QUALIFY_BUDGET);
  g_assert_cmpfloat_with_epsilon (result.score, 50, 1e-9);
  rpt_scoring_qualify (q, honest, &result);
  g_assert_false (result.unlikely);
  g_assert_cmpfloat_with_epsilon (result.component[RPT_QUALIFY_NEED], 75, 1e-9);
  g_assert_false (result.answered[RPT_QUALIFY_AUTHORITY]);
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) builtins = rpt_questionnaire_builtins ();

  g_assert_cmpuint (builtins->len, ==, 3);
  for (guint i = 0; i < builtins->len; i++)
    {
      g_autofree char *json = rpt_questionnaire_to_json (builtins->pdata[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(RptQuestionnaire) back = rpt_questionnaire_new_from_json (json, -1, &error);
      g_autofree char *again = NULL;
      g_auto(GStrv) languages = NULL;

      g_assert_no_error (error);
      again = rpt_questionnaire_to_json (back);
      g_assert_cmpstr (json, ==, again);
      /* every title in the four languages */
      languages = rpt_questionnaire_list_languages (back);
      g_assert_cmpuint (g_strv_length (languages), ==, 4);
    }
  g_assert_true (rpt_questionnaire_is_scored (builtins->pdata[0]));
  g_assert_false (rpt_questionnaire_is_scored (builtins->pdata[1]));
  g_assert_true (rpt_questionnaire_is_scored (builtins->pdata[2]));
}

/* Malformed or malicious files: a clear message saying where, nothing made. */
static void
test_bad_files (void)
{
  struct { const char *json; const char *says; } cases[] = {
    { "not json", "not JSON" },
    { "[1, 2]", "object" },
    { "{\"format\": \"something-else\"}", "not a questionnaire" },
    { "{\"format\": \"rapport-questionnaire\", \"format_version\": 99, \"key\": \"k\"}", "newer" },
    { "{\"format\": \"rapport-questionnaire\", \"key\": \"bad key!\"}", "key" },
    { "{\"format\": \"rapport-questionnaire\", \"key\": \"k\", \"title\": 5, \"sections\": []}", "title" },
    { "{\"format\": \"rapport-questionnaire\", \"key\": \"k\", \"title\": {\"en\": \"T\"}, \"sections\": []}",
      "no questions" },
    { "{\"format\": \"rapport-questionnaire\", \"key\": \"k\", \"title\": {\"en\": \"T\"}, \"sections\": "
      "[{\"key\": \"s\", \"title\": {\"en\": \"S\"}, \"questions\": [{\"key\": \"q\", \"kind\": \"scale\","
      " \"text\": {\"en\": \"Q\"}, \"dimension\": \"nowhere\"}]}]}", "sections[0].questions[0].dimension" },
    { "{\"format\": \"rapport-questionnaire\", \"key\": \"k\", \"title\": {\"en\": \"T\"},"
      " \"dimensions\": [{\"key\": \"d\", \"title\": {\"en\": \"D\"}}], \"sections\": "
      "[{\"key\": \"s\", \"title\": {\"en\": \"S\"}, \"questions\": [{\"key\": \"q\", \"kind\": \"scale\","
      " \"text\": {\"en\": \"Q\"}, \"dimension\": \"d\", \"weight\": 0}]}]}", "weight above 0" },
    { "{\"format\": \"rapport-questionnaire\", \"key\": \"k\", \"title\": {\"en\": \"T\"}, \"sections\": "
      "[{\"key\": \"s\", \"title\": {\"en\": \"S\"}, \"questions\": [{\"key\": \"q\", \"kind\": \"scale\","
      " \"text\": {\"en\": \"Q\"}}, {\"key\": \"q\", \"kind\": \"scale\", \"text\": {\"en\": \"Q\"}}]}]}", "same key" },
    { "{\"format\": \"rapport-questionnaire\", \"key\": \"k\", \"title\": {\"en\": \"T\"}, \"sections\": "
      "[{\"key\": \"s\", \"title\": {\"en\": \"S\"}, \"questions\": [{\"key\": \"q\", \"kind\": \"number\","
      " \"text\": {\"en\": \"Q\"}, \"min\": 5, \"max\": 5}]}]}", "minimum" },
    { "{\"format\": \"rapport-questionnaire\", \"key\": \"k\", \"title\": {\"en\": \"T\"}, \"sections\": "
      "[{\"key\": \"s\", \"title\": {\"en\": \"S\"}, \"questions\": [{\"key\": \"q\", \"kind\": \"single\","
      " \"text\": {\"en\": \"Q\"}, \"options\": [{\"key\": \"o\", \"text\": {\"en\": \"O\"}}]}]}]}", "two options" },
    { "{\"format\": \"rapport-questionnaire\", \"key\": \"k\", \"title\": {\"en\": \"T\"}, \"sections\": "
      "[{\"key\": \"s\", \"title\": {\"en\": \"S\"}, \"questions\": [{\"key\": \"q\", \"kind\": \"maybe\","
      " \"text\": {\"en\": \"Q\"}}]}]}", "kind" },
    { "{\"format\": \"rapport-questionnaire\", \"key\": \"k\", \"title\": {\"en\": \"T\"}, \"sections\": "
      "[{\"key\": \"s\", \"title\": {\"en\": \"S\"}, \"questions\": [{\"key\": \"q\", \"kind\": \"scale\","
      " \"text\": {\"en\": \"Q\"}}]}], \"consistency\": [{\"self\": \"q\", \"measures\": [\"ghost\"]}]}", "measures" },
  };
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"rapport-questionnaire\", \"x\": ");
  g_autofree char *huge = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RptQuestionnaire) q = rpt_questionnaire_new_from_json (cases[i].json, -1, &error);

      g_assert_null (q);
      g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].says);
    }
  /* nested a hundred thousand deep: refused before the parser recurses */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (rpt_questionnaire_new_from_json (deep->str, deep->len, &error));
    g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  }
  /* larger than any questionnaire */
  huge = g_strnfill (5 * 1024 * 1024, ' ');
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (rpt_questionnaire_new_from_json (huge, -1, &error));
    g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "too large"));
  }
}

typedef struct
{
  RptDatabase      *db;
  RptCustomerStore *store;
  gint64            questionnaire;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptQuestionnaire) q = fixture ();

  f->db = test_open_new ("questionnaire.db");
  f->store = rpt_customer_store_new (f->db);
  g_assert_true (rpt_customer_store_save_questionnaire (f->store, q, &error));
  g_assert_no_error (error);
  f->questionnaire = rpt_questionnaire_get_id (q);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
}

static gint64
customer (Fixture    *f,
          const char *industry,
          int         size_band)
{
  g_autoptr(RptCustomer) c = test_person ("Test", "Customer", "en");
  g_autoptr(GError) error = NULL;

  g_object_set (c, "industry", industry, "size-band", size_band, NULL);
  g_assert_true (rpt_customer_store_save (f->store, c, &error));
  return rpt_customer_get_id (c);
}

/* A completed response of a new customer whose q2 (scale) is VALUE:
 * dimension a is then (value - 1) / 4 × 100. */
static gint64
respond (Fixture    *f,
         const char *industry,
         int         size_band,
         const char *value)
{
  g_autoptr(GError) error = NULL;
  gint64 id = rpt_customer_store_start_response (f->store, f->questionnaire, customer (f, industry, size_band),
                                                 "en", &error);

  g_assert_no_error (error);
  g_assert_true (rpt_customer_store_set_answer (f->store, id, "q2", value, &error));
  g_assert_true (rpt_customer_store_set_answer (f->store, id, "q3", "yes", &error));
  g_assert_true (rpt_customer_store_complete_response (f->store, id, &error));
  g_assert_no_error (error);
  return id;
}

static RptBenchmark *
benchmark (Fixture *f,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  RptBenchmark *b = rpt_customer_store_benchmark (f->store, id, &error);

  g_assert_no_error (error);
  return b;
}

/* Cohorts of 4, 5 and 6; the fallback from industry and size to industry
 * to everyone; no percentile without a cohort of 5. */
static void
test_cohorts (Fixture       *f,
              gconstpointer  data)
{
  gint64 first, shop, lone;
  g_autoptr(RptBenchmark) b = NULL;
  RptDimensionResult *a;

  /* retail, small: 4 — too few; retail in all: 4 + 2 micro = 6 */
  first = respond (f, "retail", RPT_SIZE_SMALL, "1");
  respond (f, "retail", RPT_SIZE_SMALL, "2");
  respond (f, "retail", RPT_SIZE_SMALL, "2");
  respond (f, "retail", RPT_SIZE_SMALL, "4");
  lone = respond (f, "retail", RPT_SIZE_MICRO, "5");
  b = benchmark (f, first);
  /* five responses to retail at this point: the industry cohort */
  g_assert_cmpint (b->cohort, ==, RPT_COHORT_INDUSTRY);
  g_assert_cmpuint (b->cohort_size, ==, 5);
  g_clear_pointer (&b, rpt_benchmark_unref);
  respond (f, "retail", RPT_SIZE_MICRO, "3");
  b = benchmark (f, first);
  g_assert_cmpint (b->cohort, ==, RPT_COHORT_INDUSTRY);
  g_assert_cmpstr (b->industry, ==, "retail");
  g_assert_cmpuint (b->cohort_size, ==, 6);
  /* a scores: 0, 25, 25, 75, 100, 50 → sorted 0 25 25 50 75 100;
   * the first (0) is below none, equal to one: 0.5 / 6 */
  a = rpt_benchmark_find (b, "a");
  g_assert_cmpfloat_with_epsilon (a->score, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->percentile, 50.0 / 6, 1e-9);
  /* median of 6: h = 2.5 → 25 + 0.5 × 25 */
  g_assert_cmpfloat_with_epsilon (a->median, 37.5, 1e-9);
  g_clear_pointer (&b, rpt_benchmark_unref);

  /* a fifth small retailer: the narrow cohort is big enough now */
  shop = respond (f, "retail", RPT_SIZE_SMALL, "3");
  b = benchmark (f, shop);
  g_assert_cmpint (b->cohort, ==, RPT_COHORT_INDUSTRY_SIZE);
  g_assert_cmpint (b->size_band, ==, RPT_SIZE_SMALL);
  g_assert_cmpuint (b->cohort_size, ==, 5);
  g_clear_pointer (&b, rpt_benchmark_unref);
  /* the micro retailer: only 2 of its size, so all retail (7) */
  b = benchmark (f, lone);
  g_assert_cmpint (b->cohort, ==, RPT_COHORT_INDUSTRY);
  g_assert_cmpuint (b->cohort_size, ==, 7);
  g_clear_pointer (&b, rpt_benchmark_unref);

  /* a bakery alone in its industry: everyone (8) */
  b = benchmark (f, respond (f, "bakery", RPT_SIZE_SMALL, "5"));
  g_assert_cmpint (b->cohort, ==, RPT_COHORT_ALL);
  g_assert_cmpuint (b->cohort_size, ==, 8);
}

/* Fewer than five respondents in all: scores, but no cohort, and nothing
 * in the JSON that compares. */
static void
test_privacy (Fixture       *f,
              gconstpointer  data)
{
  gint64 id = 0;
  g_autoptr(RptBenchmark) b = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  for (int i = 0; i < 4; i++)
    id = respond (f, "retail", RPT_SIZE_SMALL, "3");
  b = benchmark (f, id);
  g_assert_cmpint (b->cohort, ==, RPT_COHORT_NONE);
  g_assert_cmpuint (b->cohort_size, ==, 0);
  for (guint i = 0; i < b->dimensions->len; i++)
    {
      RptDimensionResult *dr = b->dimensions->pdata[i];

      g_assert_cmpfloat (dr->percentile, <, 0);
      g_assert_cmpfloat (dr->median, <, 0);
    }
  json = rpt_benchmark_to_json (b, "en");
  json_generator_set_root (generator, json);
  text = json_generator_to_data (generator, NULL);
  g_assert_null (strstr (text, "percentile"));
  g_assert_null (strstr (text, "median"));
  g_assert_nonnull (strstr (text, "\"level\":\"none\""));
}

/* Answers are checked; a change to an answered questionnaire is a new
 * version; old answers keep theirs. */
static void
test_versions_and_answers (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptQuestionnaire) q = rpt_customer_store_load_questionnaire (f->store, f->questionnaire, &error);
  g_autoptr(RptQuestionnaire) edited = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autofree char *json = NULL;
  gint64 who = customer (f, "retail", 1);
  gint64 id = rpt_customer_store_start_response (f->store, f->questionnaire, who, "en", &error);

  /* out of range, not an option, not a question: refused, nothing stored */
  g_assert_false (rpt_customer_store_set_answer (f->store, id, "q4", "500", &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "from 0 to 200"));
  g_clear_error (&error);
  g_assert_false (rpt_customer_store_set_answer (f->store, id, "q1", "nope", &error));
  g_clear_error (&error);
  g_assert_false (rpt_customer_store_set_answer (f->store, id, "ghost", "1", &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_clear_error (&error);
  answers = rpt_customer_store_load_answers (f->store, id, &error);
  g_assert_cmpuint (g_hash_table_size (answers), ==, 0);
  g_clear_pointer (&answers, g_hash_table_unref);
  g_assert_true (rpt_customer_store_set_answer (f->store, id, "q4", "20", &error));
  g_assert_no_error (error);

  /* the same questionnaire saved again, word for word: still version 1 */
  {
    g_autoptr(RptQuestionnaire) same = fixture ();

    g_assert_true (rpt_customer_store_save_questionnaire (f->store, same, &error));
    g_assert_cmpint (rpt_questionnaire_get_version (same), ==, 1);
    g_assert_cmpint (rpt_questionnaire_get_id (same), ==, f->questionnaire);
  }
  /* an answered questionnaire changes: version 2, the response keeps 1 */
  {
    GString *changed = g_string_new (fixture_json);

    g_string_replace (changed, "\"Fixture\"", "\"Fixture, edited\"", 1);
    json = g_string_free (changed, FALSE);
  }
  edited = rpt_questionnaire_new_from_json (json, -1, &error);
  rpt_questionnaire_set_id (edited, f->questionnaire);
  g_assert_true (rpt_customer_store_save_questionnaire (f->store, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rpt_questionnaire_get_version (edited), ==, 2);
  g_assert_cmpint (rpt_questionnaire_get_id (edited), !=, f->questionnaire);
  g_assert_cmpuint (rpt_customer_store_count_responses (f->store, f->questionnaire, FALSE), ==, 1);
  g_assert_cmpuint (rpt_customer_store_count_responses (f->store, rpt_questionnaire_get_id (edited), FALSE), ==, 0);
  g_assert_cmpint (rpt_questionnaire_get_version (q), ==, 1);
  /* the open response is found again, to be finished */
  g_assert_cmpint (rpt_customer_store_open_response (f->store, f->questionnaire, who), ==, id);
  /* a questionnaire nobody answered changes in place */
  g_assert_true (rpt_customer_store_save_questionnaire (f->store, edited, &error));
  g_assert_cmpint (rpt_questionnaire_get_version (edited), ==, 2);
}

/* The preference form: no benchmark, but the card takes the answers and
 * the timeline shows both. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptQuestionnaire) prefs = NULL;
  g_autoptr(RptCustomer) back = NULL;
  g_autoptr(GArray) entries = NULL;
  gint64 who = customer (f, "", 0);
  int channel = 0;
  gboolean consent = FALSE;
  gint64 id;
  gboolean answered = FALSE, updated = FALSE;

  g_assert_true (rpt_customer_store_ensure_questionnaires (f->store, &error));
  prefs = rpt_customer_store_find_questionnaire (f->store, "shop-preferences", &error);
  g_assert_no_error (error);
  id = rpt_customer_store_start_response (f->store, rpt_questionnaire_get_id (prefs), who, "en", &error);
  g_assert_true (rpt_customer_store_set_answer (f->store, id, "channel", "email", &error));
  g_assert_true (rpt_customer_store_set_answer (f->store, id, "frequency", "90", &error));
  g_assert_true (rpt_customer_store_set_answer (f->store, id, "consent", "yes", &error));
  g_assert_true (rpt_customer_store_set_answer (f->store, id, "interests", "events,gifts", &error));
  g_assert_true (rpt_customer_store_complete_response (f->store, id, &error));
  g_assert_no_error (error);
  back = rpt_customer_store_load (f->store, who, &error);
  g_object_get (back, "channel", &channel, "consent", &consent, NULL);
  g_assert_cmpint (channel, ==, RPT_CHANNEL_EMAIL);
  g_assert_true (consent);
  g_assert_cmpuint (rpt_customer_get_tags (back)->len, ==, 2);
  entries = rpt_customer_store_timeline_ids (f->store, who, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(RptTimelineEntry) entry = rpt_customer_store_load_entry (f->store, g_array_index (entries, guint32, i),
                                                                         &error);
      const char *summary = rpt_timeline_entry_get_summary (entry);

      answered |= strstr (summary, "Answered “Customer preferences”") != NULL;
      updated |= strstr (summary, "Preferences updated") != NULL && strstr (summary, "preferred channel") != NULL;
    }
  g_assert_true (answered);
  g_assert_true (updated);
  /* nothing to compare: said so */
  g_assert_null (rpt_customer_store_benchmark (f->store, id, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no scored questions"));
}

/* Distributions of every cohort of at least five, in one pass. */
static void
test_distributions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  const char *values[] = { "1", "2", "3", "4", "5" };

  for (int i = 0; i < 5; i++)
    respond (f, "retail", RPT_SIZE_SMALL, values[i]);
  for (int i = 0; i < 4; i++)
    respond (f, "bakery", RPT_SIZE_SMALL, values[i]);
  stats = rpt_customer_store_cohort_distributions (f->store, f->questionnaire, &error);
  g_assert_no_error (error);
  /* retail × small only (bakery has 4): dimensions a, b and the overall */
  g_assert_cmpuint (stats->len, ==, 3);
  for (guint i = 0; i < stats->len; i++)
    {
      RptCohortStats *s = stats->pdata[i];

      g_assert_cmpstr (s->industry, ==, "retail");
      g_assert_cmpuint (s->n, ==, 5);
      if (g_str_equal (s->dimension, "a"))
        {
          /* 0 25 50 75 100 */
          g_assert_cmpfloat_with_epsilon (s->q1, 25, 1e-9);
          g_assert_cmpfloat_with_epsilon (s->median, 50, 1e-9);
          g_assert_cmpfloat_with_epsilon (s->q3, 75, 1e-9);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/questionnaire/scores", test_scores);
  g_test_add_func ("/questionnaire/percentiles", test_percentiles);
  g_test_add_func ("/questionnaire/consistency-qualification", test_consistency_and_qualification);
  g_test_add_func ("/questionnaire/round-trip", test_round_trip);
  g_test_add_func ("/questionnaire/bad-files", test_bad_files);
  g_test_add ("/questionnaire/cohorts", Fixture, NULL, fixture_set_up, test_cohorts, fixture_tear_down);
  g_test_add ("/questionnaire/privacy", Fixture, NULL, fixture_set_up, test_privacy, fixture_tear_down);
  g_test_add ("/questionnaire/versions-answers", Fixture, NULL, fixture_set_up, test_versions_and_answers,
              fixture_tear_down);
  g_test_add ("/questionnaire/preferences", Fixture, NULL, fixture_set_up, test_preferences, fixture_tear_down);
  g_test_add ("/questionnaire/distributions", Fixture, NULL, fixture_set_up, test_distributions, fixture_tear_down);
  return g_test_run ();
}
