/* test-segments.c — value classes, RFM, warnings against figures worked
 * out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rpt-error.h"
#include "rpt-segment-store.h"
#include "rpt-segments.h"
#include "test-utils.h"

static const char *cli_path;

typedef struct
{
  RptDatabase      *db;
  RptCustomerStore *store;
} Fixture;

static gint64
person (Fixture    *f,
        const char *given,
        int         frequency_days)
{
  g_autoptr(RptCustomer) c = test_person (given, "Test", "en");
  g_autoptr(GError) error = NULL;

  g_object_set (c, "frequency-days", frequency_days, NULL);
  g_assert_true (rpt_customer_store_save (f->store, c, &error));
  g_assert_no_error (error);
  return rpt_customer_get_id (c);
}

static void
entry (Fixture      *f,
       gint64        customer,
       RptEntryKind  kind,
       const char   *day,
       gint64        amount)
{
  g_autoptr(RptTimelineEntry) e = rpt_timeline_entry_new (kind);
  g_autofree char *occurred = g_strdup_printf ("%sT10:00:00Z", day);
  g_autoptr(GError) error = NULL;

  g_object_set (e, "customer-id", customer, "occurred", occurred, "amount", amount, "summary", "entry",
                "owner", kind == RPT_ENTRY_COMPLAINT ? "Mia" : NULL, NULL);
  g_assert_true (rpt_customer_store_add_entry (f->store, e, &error));
  g_assert_no_error (error);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  f->db = test_open_new ("segments.db");
  f->store = rpt_customer_store_new (f->db);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
}

static RptSegmentReport *
compute (Fixture    *f,
         const char *today)
{
  g_autoptr(GError) error = NULL;
  RptSegmentReport *report = rpt_segments_compute_as_of (f->db, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* Today 2026-06-30: the period runs from 2025-07-01, the one before from
 * 2024-07-01.
 *
 *   Ann  10 000 in 3 purchases (last 06-01: 29 days); 1 000 before
 *   Bob   6 000 (05-01: 60 days); 20 000 before — class A then, now
 *         under 40 % of it
 *   Cid   2 000 and a refund of 500 (06-20: 10 days); a call 06-25
 *         costing 500, more than 30 % of 1 500; contact every 30 days
 *   Dee   1 500 (2025-08-01: 333 days); a complaint open since 05-01,
 *         due 05-31, costing 1 500
 *   Eve   nothing, to be contacted every 30 days and never was
 *   Fay   only a purchase dated after today
 *   Gus   three purchases of 100 in 2024, 30 days apart (last 2024-03-01:
 *         851 days)
 *
 * Revenue 19 000: Ann A (0 before), Bob A (10 000 / 19 000 = 53 %),
 * Cid and Dee B (16 000 / 19 000 = 84 %, equal, both B); Gus C; Eve and
 * Fay none. Most valuable: 10 % of 4 → Ann.
 * R (days, fewest best): Gus 851 → 1, Dee 2, Bob 3, Ann 4, Cid 10 → 5.
 * F (purchases): Gus 0 → 1; Bob, Cid, Dee 1, middle place 2 of 0…4 → 3;
 * Ann 3 → 5. M: Gus 1; Cid, Dee middle 1.5 → 3; Bob 4; Ann 5.
 * Segments: Ann R4 F5 loyal, Bob R3 F3 need attention, Cid R5 F3
 * potential loyalists, Dee R2 F3 at risk, Gus R1 F1 lost. */
typedef struct
{
  gint64 ann, bob, cid, dee, eve, fay, gus;
} Shop;

static void
fill_shop (Fixture *f,
           Shop    *shop)
{
  shop->ann = person (f, "Ann", 0);
  shop->bob = person (f, "Bob", 0);
  shop->cid = person (f, "Cid", 30);
  shop->dee = person (f, "Dee", 0);
  shop->eve = person (f, "Eve", 30);
  shop->fay = person (f, "Fay", 0);
  shop->gus = person (f, "Gus", 0);
  entry (f, shop->ann, RPT_ENTRY_PURCHASE, "2026-06-01", 5000);
  entry (f, shop->ann, RPT_ENTRY_PURCHASE, "2026-03-01", 3000);
  entry (f, shop->ann, RPT_ENTRY_PURCHASE, "2025-12-01", 2000);
  entry (f, shop->ann, RPT_ENTRY_PURCHASE, "2025-01-01", 1000);
  entry (f, shop->bob, RPT_ENTRY_PURCHASE, "2026-05-01", 6000);
  entry (f, shop->bob, RPT_ENTRY_PURCHASE, "2025-03-01", 20000);
  entry (f, shop->cid, RPT_ENTRY_PURCHASE, "2026-06-20", 2000);
  entry (f, shop->cid, RPT_ENTRY_PURCHASE, "2026-06-21", -500);
  entry (f, shop->cid, RPT_ENTRY_CALL, "2026-06-25", 0);
  entry (f, shop->dee, RPT_ENTRY_PURCHASE, "2025-08-01", 1500);
  entry (f, shop->dee, RPT_ENTRY_COMPLAINT, "2026-05-01", 0);
  entry (f, shop->fay, RPT_ENTRY_PURCHASE, "2026-07-15", 9999);
  entry (f, shop->gus, RPT_ENTRY_PURCHASE, "2024-01-01", 100);
  entry (f, shop->gus, RPT_ENTRY_PURCHASE, "2024-01-31", 100);
  entry (f, shop->gus, RPT_ENTRY_PURCHASE, "2024-03-01", 100);
}

static void
test_hand_computed (Fixture       *f,
                    gconstpointer  data)
{
  Shop shop;
  gint64 ann, bob, cid, dee, eve, fay, gus;
  g_autoptr(RptSegmentReport) report = NULL;
  const RptCustomerScore *s;
  struct { gint64 *id; RptValueClass cls; guint r, f, m; RptRfmSegment segment; guint warnings; } expected[] = {
    { &ann, RPT_VALUE_A, 4, 5, 5, RPT_RFM_LOYAL, 0 },
    { &bob, RPT_VALUE_A, 3, 3, 4, RPT_RFM_NEED_ATTENTION, RPT_WARN_SPEND_FELL },
    { &cid, RPT_VALUE_B, 5, 3, 3, RPT_RFM_POTENTIAL_LOYALISTS, 0 },
    { &dee, RPT_VALUE_B, 2, 3, 3, RPT_RFM_AT_RISK, RPT_WARN_COMPLAINT },
    { &eve, RPT_VALUE_NONE, 0, 0, 0, RPT_RFM_NONE, RPT_WARN_CONTACT_OVERDUE },
    { &fay, RPT_VALUE_NONE, 0, 0, 0, RPT_RFM_NONE, 0 },
    { &gus, RPT_VALUE_C, 1, 1, 1, RPT_RFM_LOST, RPT_WARN_LAPSED },
  };

  fill_shop (f, &shop);
  ann = shop.ann, bob = shop.bob, cid = shop.cid, dee = shop.dee, eve = shop.eve, fay = shop.fay, gus = shop.gus;

  report = compute (f, "2026-06-30");
  g_assert_cmpuint (report->scores->len, ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      s = rpt_segment_report_find (report, *expected[i].id);
      g_assert_nonnull (s);
      g_assert_cmpint (s->value_class, ==, expected[i].cls);
      g_assert_cmpuint (s->r, ==, expected[i].r);
      g_assert_cmpuint (s->f, ==, expected[i].f);
      g_assert_cmpuint (s->m, ==, expected[i].m);
      g_assert_cmpint (s->segment, ==, expected[i].segment);
      g_assert_cmpuint (s->warnings, ==, expected[i].warnings);
    }
  g_assert_cmpint (report->revenue, ==, 19000);
  s = rpt_segment_report_find (report, ann);
  g_assert_true (s->top);
  g_assert_cmpint (s->recency_days, ==, 29);
  g_assert_cmpint (s->lifetime, ==, 11000);
  g_assert_cmpint (s->projected, ==, 11000 + 3 * 10000);
  g_assert_false (rpt_segment_report_find (report, bob)->top);
  s = rpt_segment_report_find (report, cid);
  g_assert_cmpint (s->revenue, ==, 1500);
  g_assert_cmpuint (s->purchases, ==, 1);
  g_assert_cmpint (s->recency_days, ==, 10);
  g_assert_cmpint (s->cost, ==, 500);
  g_assert_true (s->unprofitable);
  /* Dee's complaint costs 1 500, more than 30 % of her 1 500; Ann costs nothing */
  g_assert_cmpint (rpt_segment_report_find (report, dee)->cost, ==, 1500);
  g_assert_true (rpt_segment_report_find (report, dee)->unprofitable);
  g_assert_false (rpt_segment_report_find (report, ann)->unprofitable);
  g_assert_cmpint (rpt_segment_report_find (report, dee)->recency_days, ==, 333);
  g_assert_cmpint (rpt_segment_report_find (report, gus)->recency_days, ==, 851);
  g_assert_cmpint (rpt_segment_report_find (report, fay)->lifetime, ==, 0);
  g_assert_cmpint (rpt_segment_report_find (report, eve)->recency_days, ==, -1);

  g_assert_cmpuint (report->class_counts[RPT_VALUE_A], ==, 2);
  g_assert_cmpuint (report->class_counts[RPT_VALUE_B], ==, 2);
  g_assert_cmpuint (report->class_counts[RPT_VALUE_C], ==, 1);
  g_assert_cmpuint (report->class_counts[RPT_VALUE_NONE], ==, 2);
  g_assert_cmpint (report->class_revenue[RPT_VALUE_A], ==, 16000);
  g_assert_cmpuint (report->grid[3][4], ==, 1);   /* Ann: R4 F5 */
  g_assert_cmpuint (report->grid[0][0], ==, 1);   /* Gus */
  g_assert_cmpuint (report->segment_counts[RPT_RFM_NONE], ==, 2);
  g_assert_cmpuint (report->stage_counts[RPT_STAGE_CONTACT], ==, 7);
  g_assert_cmpuint (report->warning_counts[1], ==, 1);   /* contact overdue: Eve */

  /* the complaint: Dee's, 60 days old, looked after by Mia */
  g_assert_cmpuint (report->complaints->len, ==, 1);
  {
    RptOverdueComplaint *c = report->complaints->pdata[0];

    g_assert_cmpint (c->customer_id, ==, dee);
    g_assert_cmpstr (c->opened, ==, "2026-05-01");
    g_assert_cmpint (c->age_days, ==, 60);
    g_assert_cmpstr (c->owner, ==, "Mia");
  }

  /* the Pareto curve: 10 000, 16 000, 17 500, 19 000 of 19 000 */
  {
    g_autoptr(GArray) curve = rpt_segment_report_pareto (report, 10);

    g_assert_cmpuint (curve->len, ==, 4);
    g_assert_cmpfloat_with_epsilon (g_array_index (curve, double, 0), 10000.0 / 19000, 1e-9);
    g_assert_cmpfloat_with_epsilon (g_array_index (curve, double, 3), 1.0, 1e-9);
  }

  /* the thresholds are the shop's: A up to 50 % makes Bob B */
  g_assert_true (rpt_database_set_setting (f->db, "segments.share_a", "0.5", NULL));
  g_clear_pointer (&report, rpt_segment_report_free);
  report = compute (f, "2026-06-30");
  g_assert_cmpint (rpt_segment_report_find (report, bob)->value_class, ==, RPT_VALUE_B);
  /* a setting that makes no sense is not taken */
  g_assert_true (rpt_database_set_setting (f->db, "segments.share_a", "lots", NULL));
  g_clear_pointer (&report, rpt_segment_report_free);
  report = compute (f, "2026-06-30");
  g_assert_cmpint (rpt_segment_report_find (report, bob)->value_class, ==, RPT_VALUE_A);
}

/* Ties at quintile and class boundaries; everyone alike; one customer
 * with all the revenue; an empty database; a day that is no date. */
static void
test_edges (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RptSegmentReport) report = compute (f, "2026-06-30");
  g_autoptr(GError) error = NULL;
  RptSegmentSettings settings;
  gint64 ids[4];

  g_assert_cmpuint (report->scores->len, ==, 0);
  g_assert_cmpint (report->revenue, ==, 0);
  {
    g_autoptr(GArray) curve = rpt_segment_report_pareto (report, 10);

    g_assert_cmpuint (curve->len, ==, 0);
  }
  g_clear_pointer (&report, rpt_segment_report_free);

  /* four alike: all A, all most valuable, all scored 3 — need attention */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      ids[i] = person (f, "Same", 0);
      entry (f, ids[i], RPT_ENTRY_PURCHASE, "2026-06-01", 1000);
    }
  report = compute (f, "2026-06-30");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const RptCustomerScore *s = rpt_segment_report_find (report, ids[i]);

      g_assert_cmpint (s->value_class, ==, RPT_VALUE_A);
      g_assert_true (s->top);
      g_assert_cmpuint (s->r, ==, 3);
      g_assert_cmpuint (s->f, ==, 3);
      g_assert_cmpuint (s->m, ==, 3);
      g_assert_cmpint (s->segment, ==, RPT_RFM_NEED_ATTENTION);
    }
  g_clear_pointer (&report, rpt_segment_report_free);

  /* one holds it all: A; the rest, who bought long ago, C */
  entry (f, ids[0], RPT_ENTRY_PURCHASE, "2026-06-02", 1000000);
  for (guint i = 1; i < G_N_ELEMENTS (ids); i++)
    entry (f, ids[i], RPT_ENTRY_PURCHASE, "2026-06-03", -1000);
  report = compute (f, "2026-06-30");
  g_assert_cmpint (rpt_segment_report_find (report, ids[0])->value_class, ==, RPT_VALUE_A);
  for (guint i = 1; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpint (rpt_segment_report_find (report, ids[i])->value_class, ==, RPT_VALUE_C);
  g_assert_cmpuint (report->class_counts[RPT_VALUE_A], ==, 1);
  g_clear_pointer (&report, rpt_segment_report_free);

  rpt_segment_settings_init (&settings);
  settings.today = g_strdup ("yesterday");
  g_assert_null (rpt_segments_compute (f->db, &settings, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  rpt_segment_settings_clear (&settings);
}

/* Five customers with 1, 2, 2, 3 and 9 purchases: mid-rank quintiles
 * give 1, 3, 3, 4, 5 (the pair shares place 1.5 of 0…4). */
static void
test_quintile_ties (Fixture       *f,
                    gconstpointer  data)
{
  guint counts[] = { 1, 2, 2, 3, 9 };
  guint8 expected[] = { 1, 3, 3, 4, 5 };
  gint64 ids[5];
  g_autoptr(RptSegmentReport) report = NULL;

  for (guint i = 0; i < 5; i++)
    {
      ids[i] = person (f, "Q", 0);
      for (guint n = 0; n < counts[i]; n++)
        entry (f, ids[i], RPT_ENTRY_PURCHASE, "2026-01-10", 100);
    }
  report = compute (f, "2026-06-30");
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (rpt_segment_report_find (report, ids[i])->f, ==, expected[i]);
}

/* Gives customer ID the stage STAGE and the tag TAG noted on NOTED (or none) */
static void
card_set (Fixture    *f,
          gint64      id,
          int         stage,
          const char *tag,
          const char *noted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptCustomer) c = rpt_customer_store_load (f->store, id, &error);

  g_assert_no_error (error);
  g_object_set (c, "stage", stage, NULL);
  if (tag != NULL)
    g_ptr_array_add (rpt_customer_get_tags (c), rpt_tag_note_new (tag, noted));
  g_assert_true (rpt_customer_store_save (f->store, c, &error));
  g_assert_no_error (error);
}

/* The members of RULE as of 2026-06-30, as "1,3,5" */
static char *
members (Fixture    *f,
         const char *rule_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptSegmentRule) rule = rpt_segment_rule_new_from_json (rule_json, &error);
  g_autoptr(GArray) ids = NULL;
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  ids = rpt_customer_store_segment_members (f->store, rule, NULL, "2026-06-30", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  return g_string_free (text, FALSE);
}

#define ASSERT_MEMBERS(f, rule, expected) \
  G_STMT_START { g_autofree char *got_ = members (f, rule); g_assert_cmpstr (got_, ==, expected); } G_STMT_END

/* Rules on the shop of the hand-computed test (Ann 1 … Gus 7): fields,
 * tags within days, purchases, classes and segments, all/any nested, a
 * deleted tag, and values that try to be SQL. */
static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  Shop shop;

  fill_shop (f, &shop);
  card_set (f, shop.ann, RPT_STAGE_TRUST, "tea", "2026-06-10");
  card_set (f, shop.bob, RPT_STAGE_TRUST, "tea", "2025-01-10");
  card_set (f, shop.cid, RPT_STAGE_RELATIONSHIP, "coffee", "2026-06-01");

  ASSERT_MEMBERS (f, "{\"match\": \"all\", \"conditions\": []}", "1,2,3,4,5,6,7");
  ASSERT_MEMBERS (f, "{\"match\": \"any\", \"conditions\": []}", "");
  ASSERT_MEMBERS (f, "{\"field\": \"stage\", \"op\": \"is\", \"value\": 3}", "1,2");
  ASSERT_MEMBERS (f, "{\"field\": \"tag\", \"op\": \"has\", \"value\": \"TEA\"}", "1,2");
  ASSERT_MEMBERS (f, "{\"field\": \"tag\", \"op\": \"has\", \"value\": \"tea\", \"days\": 90}", "1");
  ASSERT_MEMBERS (f, "{\"field\": \"tag\", \"op\": \"has-not\", \"value\": \"tea\"}", "3,4,5,6,7");
  /* bought in the last 30 days: Ann (06-01), Cid; Fay's is dated after today */
  ASSERT_MEMBERS (f, "{\"field\": \"purchased\", \"op\": \"within-days\", \"value\": 30}", "1,3");
  /* spend as the card keeps it: Ann 11 000, Bob 26 000 (Fay 9 999) */
  ASSERT_MEMBERS (f, "{\"field\": \"spend\", \"op\": \">=\", \"value\": 10000}", "1,2");
  ASSERT_MEMBERS (f, "{\"field\": \"name\", \"op\": \"contains\", \"value\": \"gu\"}", "7");
  ASSERT_MEMBERS (f, "{\"field\": \"open_complaint\", \"op\": \"is\", \"value\": true}", "4");
  /* computed: class A, the segment at risk, warnings */
  ASSERT_MEMBERS (f, "{\"field\": \"class\", \"op\": \"is\", \"value\": \"A\"}", "1,2");
  ASSERT_MEMBERS (f, "{\"field\": \"segment\", \"op\": \"is\", \"value\": \"at-risk\"}", "4");
  ASSERT_MEMBERS (f, "{\"field\": \"warning\", \"op\": \"has\", \"value\": \"contact-overdue\"}", "5");
  /* class A at the trust stage, or anyone tagged coffee */
  ASSERT_MEMBERS (f, "{\"match\": \"any\", \"conditions\": ["
                     " {\"match\": \"all\", \"conditions\": [{\"field\": \"class\", \"op\": \"is\", \"value\": \"A\"},"
                     "   {\"field\": \"tag\", \"op\": \"has\", \"value\": \"tea\", \"days\": 90}]},"
                     " {\"field\": \"tag\", \"op\": \"has\", \"value\": \"coffee\"}]}", "1,3");
  /* a tag nobody has (or that was deleted), a questionnaire that is gone: nobody */
  ASSERT_MEMBERS (f, "{\"field\": \"tag\", \"op\": \"has\", \"value\": \"deleted\"}", "");
  ASSERT_MEMBERS (f, "{\"field\": \"score\", \"op\": \">=\", \"value\": 0, \"questionnaire\": \"gone\","
                     " \"dimension\": \"\"}", "");
  /* values that try to be SQL are only values */
  ASSERT_MEMBERS (f, "{\"field\": \"locality\", \"op\": \"is\", \"value\": \"x' OR 1=1 --\"}", "");
  ASSERT_MEMBERS (f, "{\"field\": \"tag\", \"op\": \"has\", \"value\": \"tea') OR 1=1; DROP TABLE customers; --\"}",
                  "");
  ASSERT_MEMBERS (f, "{\"field\": \"stage\", \"op\": \"is\", \"value\": 3}", "1,2");
}

static void
assert_rule_refused (const char *json,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptSegmentRule) rule = rpt_segment_rule_new_from_json (json, &error);

  g_assert_null (rule);
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
}

/* Rules that cannot be: each refused with where it goes wrong */
static void
test_bad_rules (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) many = g_string_new ("{\"match\": \"all\", \"conditions\": [");

  assert_rule_refused ("", "64 KB");
  assert_rule_refused ("{\"match\": ", "not JSON");
  assert_rule_refused ("[1, 2]", "object");
  assert_rule_refused ("{\"field\": \"password\", \"op\": \"is\", \"value\": \"x\"}", "“field”");
  assert_rule_refused ("{\"field\": \"stage\", \"op\": \"contains\", \"value\": 3}", "“op”");
  assert_rule_refused ("{\"field\": \"stage\", \"op\": \"is\", \"value\": \"3; DROP\"}", "whole number");
  assert_rule_refused ("{\"field\": \"class\", \"op\": \"is\", \"value\": \"Z\"}", "A, B or C");
  assert_rule_refused ("{\"field\": \"segment\", \"op\": \"is\", \"value\": \"vip\"}", "segment");
  assert_rule_refused ("{\"field\": \"score\", \"op\": \">=\", \"value\": 150, \"questionnaire\": \"q\","
                       " \"dimension\": \"\"}", "0 to 100");
  assert_rule_refused ("{\"match\": \"most\", \"conditions\": []}", "“match”");
  assert_rule_refused ("{\"match\": \"all\", \"conditions\": [{\"field\": \"stage\", \"op\": \"is\"}]}",
                       "rule.conditions[0]");
  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "{\"match\": \"all\", \"conditions\": [");
  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "]}");
  assert_rule_refused (deep->str, "8 groups");
  for (guint i = 0; i < 201; i++)
    g_string_append_printf (many, "%s{\"field\": \"stage\", \"op\": \"is\", \"value\": 1}", i ? "," : "");
  g_string_append (many, "]}");
  assert_rule_refused (many->str, "200 conditions");
}

/* Saved by name (in any case), listed, found, changed, deleted; a bad rule
 * is not saved; the written rule reads back the same */
static void
test_saved (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(RptSavedSegment) found = NULL;
  const char *rule = "{\"match\":\"all\",\"conditions\":[{\"field\":\"tag\",\"op\":\"has\",\"value\":\"tea\",\"days\":90},"
                     "{\"field\":\"score\",\"op\":\">=\",\"value\":60.5,\"questionnaire\":\"b2b-needs\",\"dimension\":\"need\"}]}";

  g_assert_true (rpt_customer_store_save_segment (f->store, "Tea lovers", rule, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (rpt_customer_store_save_segment (f->store, "Lapsed", "{\"field\": \"warning\", \"op\": \"has\","
                                                  " \"value\": \"lapsed\"}", FALSE, &error));
  g_assert_false (rpt_customer_store_save_segment (f->store, "Broken", "{\"field\": 1}", FALSE, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rpt_customer_store_save_segment (f->store, "  ", rule, FALSE, &error));
  g_clear_error (&error);
  all = rpt_customer_store_list_segments (f->store, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((RptSavedSegment *) all->pdata[0])->name, ==, "Lapsed");
  found = rpt_customer_store_find_segment (f->store, "tea LOVERS", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->rule, ==, rule);
  g_assert_true (found->pinned);
  /* the same name in other letters changes it */
  g_assert_true (rpt_customer_store_save_segment (f->store, "TEA lovers", "{\"field\": \"stage\", \"op\": \"is\","
                                                  " \"value\": 1}", FALSE, &error));
  g_clear_pointer (&found, rpt_saved_segment_free);
  found = rpt_customer_store_find_segment (f->store, "Tea lovers", &error);
  g_assert_cmpstr (found->name, ==, "TEA lovers");
  g_assert_false (found->pinned);
  g_assert_true (rpt_customer_store_delete_segment (f->store, "tea lovers", &error));
  g_assert_false (rpt_customer_store_delete_segment (f->store, "tea lovers", &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&found, rpt_saved_segment_free);
  g_assert_null (rpt_customer_store_find_segment (f->store, "Tea lovers", &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND);
}

/* rapport-cli segments --json gives the core's figures, customer by customer */
static void
test_cli_agrees (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = test_db_path ("segments.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RptSegmentReport) report = NULL;
  JsonArray *customers;
  int status = 0;
  const char *argv[] = { cli_path, "--db", path, "segments", "--json", "--today", "2026-06-30", NULL };

  /* the test command passes the command line's path: without it, a failure */
  if (cli_path == NULL)
    g_error ("test-segments needs the path of rapport-cli as its argument");
  for (guint i = 0; i < 40; i++)
    {
      gint64 id = person (f, "C", (int) (i % 3) * 20);

      for (guint n = 0; n <= i % 7; n++)
        {
          g_autofree char *day = g_strdup_printf ("2026-%02u-%02u", 1 + (i + n) % 6, 1 + (i * n) % 28);

          entry (f, id, RPT_ENTRY_PURCHASE, day, 100 * (gint64) (1 + (i * 7 + n * 3) % 11));
        }
    }
  report = compute (f, "2026-06-30");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  customers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "customers");
  g_assert_cmpuint (json_array_get_length (customers), ==, report->scores->len);
  for (guint i = 0; i < report->scores->len; i++)
    {
      const RptCustomerScore *s = &g_array_index (report->scores, RptCustomerScore, i);
      JsonObject *c = json_array_get_object_element (customers, i);

      g_assert_cmpint (json_object_get_int_member (c, "id"), ==, s->customer_id);
      g_assert_cmpint (json_object_get_int_member (c, "r"), ==, s->r);
      g_assert_cmpint (json_object_get_int_member (c, "f"), ==, s->f);
      g_assert_cmpint (json_object_get_int_member (c, "m"), ==, s->m);
      g_assert_cmpint (json_object_get_int_member (c, "revenue"), ==, s->revenue);
      g_assert_cmpstr (json_object_get_string_member (c, "segment"), ==, rpt_rfm_segment_to_key (s->segment));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "warnings")), ==,
                        (guint) __builtin_popcount (s->warnings));
    }
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);
  cli_path = argc > 1 ? argv[1] : NULL;
  g_test_add ("/segments/hand-computed", Fixture, NULL, set_up, test_hand_computed, tear_down);
  g_test_add ("/segments/edges", Fixture, NULL, set_up, test_edges, tear_down);
  g_test_add ("/segments/quintile-ties", Fixture, NULL, set_up, test_quintile_ties, tear_down);
  g_test_add ("/segments/cli-agrees", Fixture, NULL, set_up, test_cli_agrees, tear_down);
  g_test_add ("/segments/rules", Fixture, NULL, set_up, test_rules, tear_down);
  g_test_add_func ("/segments/bad-rules", test_bad_rules);
  g_test_add ("/segments/saved", Fixture, NULL, set_up, test_saved, tear_down);
  return g_test_run ();
}
