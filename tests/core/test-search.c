/* test-search.c — folding, short keys and matching in every script
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-utils.h"

static void
test_fold (void)
{
  g_autofree char *a = rpt_search_fold ("López");
  g_autofree char *b = rpt_search_fold ("LOPEZ");
  g_autofree char *c = rpt_search_fold ("Ｌｏｐｅｚ");
  g_autofree char *d = rpt_search_fold ("王伟");
  g_autofree char *e = rpt_search_fold ("bad \xff utf8");

  g_assert_cmpstr (a, ==, "lopez");
  g_assert_cmpstr (b, ==, "lopez");
  g_assert_cmpstr (c, ==, "lopez");
  g_assert_cmpstr (d, ==, "王伟");
  g_assert_true (g_utf8_validate (e, -1, NULL));
}

static gboolean
has_key (GPtrArray  *keys,
         const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

static void
test_keys (void)
{
  g_autoptr(GPtrArray) zh = rpt_search_name_keys ("欧阳 娜娜");
  g_autoptr(GPtrArray) es = rpt_search_name_keys ("María García");

  g_assert_true (has_key (zh, "欧阳"));
  g_assert_true (has_key (zh, "阳"));
  g_assert_true (has_key (zh, "娜娜"));
  g_assert_true (has_key (zh, "娜"));
  g_assert_true (has_key (es, "ma"));
  g_assert_true (has_key (es, "ga"));
  g_assert_false (has_key (es, "ar"));
}

static void
test_split_query (void)
{
  g_auto(GStrv) words = rpt_search_split_query ("林怡君　秀 \t 张秀英 ");

  g_assert_cmpuint (g_strv_length (words), ==, 3);
  g_assert_cmpstr (words[0], ==, "林怡君");
  g_assert_cmpstr (words[1], ==, "秀");
  g_assert_cmpstr (words[2], ==, "张秀英");
}

static void
test_fts_query_quoting (void)
{
  g_auto(GStrv) words = rpt_search_split_query ("  o\"neil  NEAR(a b)  x* ");
  g_autofree char *q = rpt_search_fts_query (words);

  g_assert_cmpstr (q, ==, "\"o\"\"neil\" \"near(a\"");
}

typedef struct
{
  RptDatabase      *db;
  RptCustomerStore *store;
  gint64            wang_wei, ouyang, maria, john, org, lin, zhang;
} Fixture;

static gint64
add (Fixture    *f,
     const char *given,
     const char *family,
     const char *language,
     const char *phone,
     const char *email)
{
  g_autoptr(RptCustomer) c = test_person (given, family, language);

  if (phone)
    g_ptr_array_add (rpt_customer_get_contact_points (c), rpt_contact_point_new (RPT_CONTACT_PHONE, "", phone));
  if (email)
    g_ptr_array_add (rpt_customer_get_contact_points (c), rpt_contact_point_new (RPT_CONTACT_EMAIL, "", email));
  g_assert_true (rpt_customer_store_save (f->store, c, NULL));
  return rpt_customer_get_id (c);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RptCustomer) org = rpt_customer_new (RPT_CUSTOMER_ORGANISATION);

  f->db = test_open_new ("search.db");
  f->store = rpt_customer_store_new (f->db);
  f->wang_wei = add (f, "伟", "王", "zh_CN", "138 1234 5678", NULL);
  f->ouyang = add (f, "娜娜", "欧阳", "zh_CN", NULL, NULL);
  f->maria = add (f, "María", "García López", "es", "+34 612-345-678", "maria.garcia@example.com");
  f->john = add (f, "John", "Smith", "en", NULL, "john@example.com");
  /* 怡 and 秀 hold the bytes of the ideographic space (U+3000) */
  f->lin = add (f, "怡君", "林", "zh_TW", NULL, NULL);
  f->zhang = add (f, "秀英", "张", "zh_CN", NULL, NULL);
  g_object_set (org, "org-name", "台北精品設計有限公司", NULL);
  g_assert_true (rpt_customer_store_save (f->store, org, NULL));
  f->org = rpt_customer_get_id (org);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
}

static void
assert_hits (Fixture    *f,
             const char *query,
             gint64      expected,
             guint       n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptBitset) hits = rpt_customer_store_match (f->store, query, &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint32 i = 0; i < hits->n_bits; i++)
    n += rpt_bitset_has (hits, i);
  if (expected > 0)
    g_assert_true (rpt_bitset_has (hits, expected));
  g_assert_cmpuint (n, ==, n_expected);
}

static void
test_match (Fixture       *f,
            gconstpointer  data)
{
  assert_hits (f, "伟", f->wang_wei, 1);          /* one Han character, inside the name */
  assert_hits (f, "王伟", f->wang_wei, 1);        /* two, family name first */
  assert_hits (f, "阳娜", f->ouyang, 1);          /* two, across family and given name */
  assert_hits (f, "欧阳娜娜", f->ouyang, 1);      /* four: trigrams */
  assert_hits (f, "精品設計", f->org, 1);         /* traditional characters, mid-name */
  assert_hits (f, "m", f->maria, 1);              /* one Latin letter: word prefix */
  assert_hits (f, "ga", f->maria, 1);
  assert_hits (f, "garcia", f->maria, 1);         /* accents do not matter */
  assert_hits (f, "LÓPEZ", f->maria, 1);
  assert_hits (f, "arcí", f->maria, 1);           /* substring from three letters */
  assert_hits (f, "maria lop", f->maria, 1);      /* all words must match */
  assert_hits (f, "612345", f->maria, 1);         /* phone digits without punctuation */
  assert_hits (f, "example.com", 0, 2);
  assert_hits (f, "zzz", 0, 0);
  assert_hits (f, "\"*)(NEAR", 0, 0);            /* never an FTS5 syntax error */
  assert_hits (f, "林怡君", f->lin, 1);
  assert_hits (f, "怡", f->lin, 1);
  assert_hits (f, "秀英", f->zhang, 1);
  assert_hits (f, "张秀", f->zhang, 1);
  assert_hits (f, "秀\u3000张", f->zhang, 1);   /* words apart by an ideographic space */
}

static void
test_like_reference (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RptBitset) like = rpt_customer_store_match_like (f->store, "García", NULL);

  g_assert_true (rpt_bitset_has (like, f->maria));
  g_assert_false (rpt_bitset_has (like, f->john));
}

int
main (int    argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/core/search/fold", test_fold);
  g_test_add_func ("/core/search/keys", test_keys);
  g_test_add_func ("/core/search/split-query", test_split_query);
  g_test_add_func ("/core/search/fts-query-quoting", test_fts_query_quoting);
  g_test_add ("/core/search/match", Fixture, NULL, fixture_set_up, test_match, fixture_tear_down);
  g_test_add ("/core/search/like-reference", Fixture, NULL, fixture_set_up, test_like_reference,
              fixture_tear_down);
  return g_test_run ();
}
