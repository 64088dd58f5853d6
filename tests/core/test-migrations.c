/* test-migrations.c — every earlier schema version updates to the current one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "rpt-customer.h"
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

/* From version 3 on, the application indexes each card it saves for search. */
static void
index_seed (sqlite3 *db)
{
  static const struct { gint64 id; const char *given, *family, *locality, *email; } cards[] = {
    { 1, "伟", "王", "上海", NULL },
    { 2, "María", "García López", "Madrid", "maria@example.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autoptr(RptCustomer) c = rpt_customer_new (RPT_CUSTOMER_PERSON);
      g_autofree char *body = NULL;
      g_autoptr(GPtrArray) keys = NULL;
      sqlite3_stmt *stmt = NULL;

      g_object_set (c, "given-name", cards[i].given, "family-name", cards[i].family,
                    "locality", cards[i].locality, NULL);
      if (cards[i].email != NULL)
        g_ptr_array_add (rpt_customer_get_contact_points (c),
                         rpt_contact_point_new (RPT_CONTACT_EMAIL, "", cards[i].email));
      body = rpt_customer_dup_search_text (c);
      keys = rpt_search_name_keys (rpt_customer_get_display_name (c));
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO customer_fts (rowid, body) VALUES (?, ?)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, cards[i].id);
      sqlite3_bind_text (stmt, 2, body, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      for (guint k = 0; k < keys->len; k++)
        {
          g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO search_keys (key, customer_id) VALUES (?, ?)",
                                               -1, &stmt, NULL), ==, SQLITE_OK);
          sqlite3_bind_text (stmt, 1, g_ptr_array_index (keys, k), -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, cards[i].id);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          sqlite3_finalize (stmt);
        }
    }
}

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
  if (version >= 3)
    index_seed (db);
  /* from version 4 on, the application keeps each card's first e-mail and phone in its row */
  if (version >= 4)
    {
      sqlite3_exec (db, "UPDATE customers SET list_email = coalesce ((SELECT value FROM contact_points p"
                        "  WHERE p.customer_id = customers.id AND p.kind = 1 ORDER BY position LIMIT 1), '')",
                    NULL, NULL, &msg);
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
      {
        /* what the list shows comes from the card's own row since version 4 */
        g_autoptr(RptCustomer) row = rpt_customer_store_load_summary (store, 2, &error);
        g_autofree char *email = NULL;

        g_assert_no_error (error);
        g_object_get (row, "email", &email, NULL);
        g_assert_cmpstr (email, ==, "maria@example.com");
      }
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
