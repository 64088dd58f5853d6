/* test-demo.c — the generated demo shop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rpt-demo.h"
#include "rpt-error.h"
#include "test-utils.h"

static char *
make_demo (const char *name,
           guint32     seed)
{
  RptDemoOptions options = { .customers = 300, .seed = seed, .today = "2026-11-24" };
  g_autofree char *path = test_db_path (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (rpt_demo_create_file (path, &options, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static char *
digest (const char *path)
{
  g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, NULL);
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (gint64 id = 1; id <= rpt_customer_store_max_id (store); id++)
    {
      g_autoptr(RptCustomer) c = rpt_customer_store_load (store, id, NULL);
      g_autoptr(GArray) ids = rpt_customer_store_timeline_ids (store, id, NULL);
      g_autofree char *text = rpt_customer_dup_search_text (c);
      g_checksum_update (sum, (const guchar *) text, -1);
      g_checksum_update (sum, (const guchar *) ids->data, ids->len * sizeof (guint32));
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_deterministic (void)
{
  g_autofree char *a = make_demo ("a.db", 42);
  g_autofree char *b = make_demo ("b.db", 42);
  g_autofree char *c = make_demo ("c.db", 43);
  g_autofree char *da = digest (a), *db = digest (b), *dc = digest (c);

  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
}

static void
test_living_shop (void)
{
  g_autofree char *path = make_demo ("shop.db", 2024);
  g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, NULL);
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  g_autoptr(RptBitset) zh = rpt_customer_store_match (store, "王", NULL);
  g_autoptr(RptBitset) es = rpt_customer_store_match (store, "madrid", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *demo = rpt_database_get_setting (db, "is_demo");
  guint complaints = 0, lapsed = 0;

  g_assert_cmpstr (demo, ==, "1");
  g_assert_cmpuint (rpt_customer_store_count_active (store), ==, 300);
  g_assert_nonnull (zh);
  g_assert_nonnull (es);
  for (gint64 id = 1; id <= 300; id++)
    {
      g_autoptr(RptCustomer) c = rpt_customer_store_load_summary (store, id, NULL);
      g_autofree char *last = NULL;
      complaints += rpt_customer_store_count_open_complaints (store, id);
      g_object_get (c, "last-contact", &last, NULL);
      if (last && *last && strcmp (last, "2026-05-01") < 0)
        lapsed++;
    }
  g_assert_cmpuint (complaints, >, 0);
  g_assert_cmpuint (lapsed, >, 0);
  g_assert_true (rpt_database_check (db, &problems, NULL));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_refuses_existing (void)
{
  g_autofree char *path = make_demo ("full.db", 1);
  RptDemoOptions options = { .customers = 10, .seed = 1 };
  g_autoptr(GError) error = NULL;

  g_assert_false (rpt_demo_create_file (path, &options, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
}

static void
test_cancelled_leaves_nothing (void)
{
  g_autofree char *path = test_db_path ("cancelled.db");
  g_autofree char *part = g_strconcat (path, ".demo-part", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RptDemoOptions options = { .customers = 20000, .seed = 1, .cancellable = cancellable };
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (rpt_demo_create_file (path, &options, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/core/demo/deterministic", test_deterministic);
  g_test_add_func ("/core/demo/living-shop", test_living_shop);
  g_test_add_func ("/core/demo/refuses-existing", test_refuses_existing);
  g_test_add_func ("/core/demo/cancelled-leaves-nothing", test_cancelled_leaves_nothing);
  return g_test_run ();
}
