/* test-migrations.c — every earlier schema version updates to the current one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "rpt-migrations.h"
#include "rpt-search.h"
#include "test-utils.h"

/* Rows a user of version V could have written, in that version's schema. */
static const char *const seed_sql[] = {
  /* version 1 */
  "INSERT INTO staff (id, name) VALUES (1, 'Ana');"
  "INSERT INTO customers (id, given_name, family_name, language, locality, owner_id, created, modified)"
  "  VALUES (1, '伟', '王', 'zh_CN', '上海', 1, '2024-01-02T10:00:00Z', '2024-01-02T10:00:00Z');"
  "INSERT INTO customers (id, given_name, family_name, language, locality, created, modified)"
  "  VALUES (2, 'María', 'García López', 'es', 'Madrid', '2024-01-03T10:00:00Z', '2024-01-03T10:00:00Z');"
  "INSERT INTO contact_points (customer_id, kind, value) VALUES (2, 1, 'maria@example.com');"
  "INSERT INTO tags (id, name) VALUES (1, 'tea');"
  "INSERT INTO customer_tags VALUES (1, 1, '2024-02-01');"
  "INSERT INTO timeline (customer_id, kind, occurred, summary, amount)"
  "  VALUES (1, 0, '2024-03-01T09:00:00Z', 'Green tea', 4550);"
  "INSERT INTO timeline (customer_id, kind, occurred, summary)"
  "  VALUES (1, 1, '2024-03-05T09:00:00Z', 'Asked about oolong');",
  /* version 2 */
  "INSERT INTO timeline (customer_id, kind, occurred, summary, tracking, due, status)"
  "  VALUES (2, 7, '2024-04-01T09:00:00Z', 'Late delivery', 'C-2024-000001', '2024-05-01', 0);",
};

static void
seed (const char *path,
      int         version)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (int v = 1; v <= version && v <= (int) G_N_ELEMENTS (seed_sql); v++)
    {
      sqlite3_exec (db, seed_sql[v - 1], NULL, NULL, &msg);
      g_assert_null (msg);
    }
  /* from version 2 on, the application keeps these totals itself */
  if (version >= 2)
    {
      sqlite3_exec (db, "UPDATE customers SET"
                        " spend = (SELECT coalesce (sum (amount), 0) FROM timeline t"
                        "          WHERE t.customer_id = customers.id AND t.kind = 0),"
                        " last_contact = (SELECT max (occurred) FROM timeline t"
                        "                 WHERE t.customer_id = customers.id)", NULL, NULL, &msg);
      g_assert_null (msg);
    }
  sqlite3_close (db);
}

static void
check_current (const char *path,
               int         from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_FLAGS_NONE, &error);
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (rpt_database_get_version (db), ==, RPT_SCHEMA_VERSION);
  g_assert_true (rpt_database_check (db, &problems, NULL));
  g_assert_cmpuint (problems->len, ==, 0);
  backups = rpt_database_list_backups (db);
  /* an update is always preceded by a backup of the old file */
  g_assert_cmpuint (backups->len, ==, from > 0 ? 1 : 0);

  store = rpt_customer_store_new (db);
  if (from >= 1)
    {
      g_autoptr(RptCustomer) wang = rpt_customer_store_load (store, 1, &error);
      g_autoptr(RptCustomer) maria = rpt_customer_store_load (store, 2, &error);
      g_autoptr(RptBitset) hits = rpt_customer_store_match (store, "伟", NULL);
      g_autoptr(RptBitset) long_hits = rpt_customer_store_match (store, "garcía", NULL);
      gint64 spend;
      g_autofree char *owner = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (rpt_customer_get_display_name (wang), ==, "王伟");
      g_object_get (wang, "spend", &spend, "owner", &owner, NULL);
      g_assert_cmpint (spend, ==, 4550);
      g_assert_cmpstr (owner, ==, "Ana");
      g_assert_cmpuint (rpt_customer_get_tags (wang)->len, ==, 1);
      g_assert_cmpstr (rpt_customer_get_primary (maria, RPT_CONTACT_EMAIL), ==, "maria@example.com");
      g_assert_true (rpt_bitset_has (hits, 1));
      g_assert_false (rpt_bitset_has (hits, 2));
      g_assert_true (rpt_bitset_has (long_hits, 2));
      g_assert_cmpuint (rpt_customer_store_count_active (store), ==, 2);
    }
  if (from >= 2)
    g_assert_cmpuint (rpt_customer_store_count_open_complaints (store, 2), ==, 1);
}

static void
test_from_version (gconstpointer data)
{
  int from = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("v%d.db", from);
  g_autofree char *path = test_db_path (name);

  if (from > 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RptDatabase) old = rpt_database_open_to_version (path, from, &error);
      g_assert_no_error (error);
      g_assert_cmpint (rpt_database_get_version (old), ==, from);
    }
  else
    g_assert_true (g_file_set_contents (path, "", 0, NULL));
  seed (path, from);
  check_current (path, from);
}

static void
test_failed_step_keeps_file (void)
{
  g_autofree char *path = test_db_path ("broken-step.db");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(RptDatabase) old = rpt_database_open_to_version (path, 1, &error);
    g_assert_no_error (error);
    /* a table the next step wants to create is already there */
    g_assert_true (rpt_database_exec (old, "CREATE TABLE counters (x)", NULL));
  }
  {
    g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, &error);
    g_assert_null (db);
    g_assert_nonnull (error);
  }
  {
    g_autoptr(RptDatabase) again = rpt_database_open_to_version (path, 1, NULL);
    g_assert_nonnull (again);
    g_assert_cmpint (rpt_database_get_version (again), ==, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  test_init (&argc, &argv);
  for (int v = 0; v < RPT_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("/core/migrations/from-%d", v);
      g_test_add_data_func (name, GINT_TO_POINTER (v), test_from_version);
    }
  g_test_add_func ("/core/migrations/failed-step-keeps-file", test_failed_step_keeps_file);
  return g_test_run ();
}
