/* test-database.c — opening, refusing, transactions and backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "rpt-error.h"
#include "test-utils.h"

static char *
file_digest (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_create (void)
{
  g_autoptr(RptDatabase) db = test_open_new ("new.db");
  g_autofree char *mode = NULL;
  sqlite3_stmt *stmt;

  g_assert_cmpint (rpt_database_get_version (db), >, 0);
  stmt = rpt_database_prepare (db, "PRAGMA journal_mode", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  g_assert_cmpstr (mode, ==, "wal");
  stmt = rpt_database_prepare (db, "PRAGMA foreign_keys", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
}

static void
test_missing (void)
{
  g_autofree char *path = test_db_path ("missing.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, &error);

  g_assert_null (db);
  g_assert_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
assert_refused (const char   *path,
                RptErrorCode  code)
{
  g_autofree char *before = file_digest (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, &error);

  g_assert_null (db);
  g_assert_error (error, RPT_ERROR, (int) code);
  g_assert_cmpstr (error->message, !=, "");
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_a_database (void)
{
  g_autofree char *path = test_db_path ("letter.db");

  g_assert_true (g_file_set_contents (path, "Dear customer,\nthis is not SQLite at all.\n", -1, NULL));
  assert_refused (path, RPT_ERROR_INVALID);
}

static void
test_corrupt (void)
{
  g_autofree char *path = test_db_path ("damaged.db");
  g_autofree char *data = NULL;
  gsize len;

  {
    g_autoptr(RptDatabase) db = test_open_new ("damaged.db");
    g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
    g_autoptr(RptCustomer) c = test_person ("Ana", "López", "es");
    g_assert_true (rpt_customer_store_save (store, c, NULL));
    g_assert_true (rpt_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  }
  /* keep the header, scramble the schema page */
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  for (gsize i = 100; i < MIN (len, 4096); i++)
    data[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  assert_refused (path, RPT_ERROR_CORRUPT);
}

static void
test_foreign (void)
{
  g_autofree char *path = test_db_path ("other-app.db");

  raw_exec (path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
  assert_refused (path, RPT_ERROR_INVALID);
}

static void
test_too_new (void)
{
  g_autofree char *path = test_db_path ("future.db");

  g_clear_object (&(RptDatabase *) { test_open_new ("future.db") });
  raw_exec (path, "PRAGMA user_version = 999");
  assert_refused (path, RPT_ERROR_TOO_NEW);
}

static void
test_read_only_file (void)
{
  g_autofree char *path = test_db_path ("ro.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) ro = NULL;
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(RptCustomer) c = test_person ("Wei", "Wang", "zh_CN");

  g_clear_object (&(RptDatabase *) { test_open_new ("ro.db") });
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  assert_refused (path, RPT_ERROR_READ_ONLY);

  ro = rpt_database_open (path, RPT_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  store = rpt_customer_store_new (ro);
  g_assert_false (rpt_customer_store_save (store, c, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_READ_ONLY);
  g_assert_cmpint (rpt_customer_get_id (c), ==, 0);
  g_chmod (path, 0644);
}

static void
test_locked (void)
{
  g_autofree char *path = test_db_path ("locked.db");
  sqlite3 *other = NULL;

  g_clear_object (&(RptDatabase *) { test_open_new ("locked.db") });
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                        " CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  assert_refused (path, RPT_ERROR_LOCKED);
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
}

static void
test_deleted_while_open (void)
{
  g_autofree char *path = test_db_path ("gone.db");
  g_autofree char *copy = test_db_path ("rescued.db");
  g_autoptr(RptDatabase) db = test_open_new ("gone.db");
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  g_autoptr(RptCustomer) saved = test_person ("María", "García", "es");
  g_autoptr(RptCustomer) later = test_person ("John", "Smith", "en");
  g_autoptr(GError) error = NULL;

  g_assert_true (rpt_customer_store_save (store, saved, NULL));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_false (rpt_customer_store_save (store, later, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_GONE);
  /* what was saved can still be rescued into a copy */
  g_assert_true (rpt_database_backup_to (db, copy, NULL));
  {
    g_autoptr(RptDatabase) rescued = rpt_database_open (copy, RPT_DATABASE_NO_BACKUP, NULL);
    g_autoptr(RptCustomerStore) s2 = rpt_customer_store_new (rescued);
    g_autoptr(RptCustomer) back = rpt_customer_store_load (s2, rpt_customer_get_id (saved), NULL);
    g_assert_nonnull (back);
    g_assert_cmpstr (rpt_customer_get_display_name (back), ==, "María García");
  }
}

static void
test_made_read_only_while_open (void)
{
  g_autofree char *path = test_db_path ("chmod.db");
  g_autoptr(RptDatabase) db = test_open_new ("chmod.db");
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  g_autoptr(RptCustomer) c = test_person ("Li", "Na", "zh_CN");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_false (rpt_customer_store_save (store, c, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_READ_ONLY);
  g_chmod (path, 0644);
  g_clear_error (&error);
  g_assert_true (rpt_customer_store_save (store, c, &error));
  g_assert_no_error (error);
}

static void
test_disk_full (void)
{
  g_autoptr(RptDatabase) db = test_open_new ("full.db");
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  g_autoptr(RptCustomer) first = test_person ("Ana", "Ruiz", "es");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *huge = NULL;
  sqlite3_stmt *stmt;
  int pages;

  g_assert_true (rpt_customer_store_save (store, first, NULL));
  stmt = rpt_database_prepare (db, "PRAGMA page_count", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  {
    g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %d", pages);
    g_assert_true (rpt_database_exec (db, limit, NULL));
  }
  for (int i = 0; i < 50 && error == NULL; i++)
    {
      g_autoptr(RptCustomer) c = test_person ("Overflow", "Customer", "en");
      huge = g_strnfill (20000, 'x');
      g_object_set (c, "notes", huge, NULL);
      g_clear_pointer (&huge, g_free);
      rpt_customer_store_save (store, c, &error);
    }
  g_assert_error (error, RPT_ERROR, RPT_ERROR_DISK_FULL);
  g_assert_false (rpt_database_in_transaction (db));
  {
    g_autoptr(RptCustomer) back = rpt_customer_store_load (store, rpt_customer_get_id (first), NULL);
    g_assert_nonnull (back);
  }
  g_assert_true (rpt_database_check (db, &problems, NULL));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_rollback (void)
{
  g_autoptr(RptDatabase) db = test_open_new ("rollback.db");
  g_autofree char *value = NULL;

  g_assert_true (rpt_database_begin (db, NULL));
  g_assert_true (rpt_database_set_setting (db, "k", "v", NULL));
  rpt_database_rollback (db);
  value = rpt_database_get_setting (db, "k");
  g_assert_null (value);
  g_assert_true (rpt_database_set_setting (db, "k", "w", NULL));
  g_free (value);
  value = rpt_database_get_setting (db, "k");
  g_assert_cmpstr (value, ==, "w");
}

static void
test_backups_rotate (void)
{
  g_autoptr(RptDatabase) db = test_open_new ("shop.db");
  g_autoptr(GPtrArray) found = NULL;

  for (int i = 0; i < RPT_DATABASE_BACKUPS_KEPT + 3; i++)
    {
      g_autofree char *written = rpt_database_backup_now (db, "manual", NULL);
      g_assert_nonnull (written);
      g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
    }
  found = rpt_database_list_backups (db);
  g_assert_cmpuint (found->len, ==, RPT_DATABASE_BACKUPS_KEPT);
  /* a fresh backup exists, so the daily one is not due */
  g_assert_true (rpt_database_backup_if_due (db, NULL));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = rpt_database_list_backups (db);
  g_assert_cmpuint (found->len, ==, RPT_DATABASE_BACKUPS_KEPT);
}

static void
test_daily_backup_on_open (void)
{
  g_autofree char *path = test_db_path ("daily.db");
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_clear_object (&(RptDatabase *) { test_open_new ("daily.db") });
  g_unsetenv ("RAPPORT_NO_AUTO_BACKUP");
  db = rpt_database_open (path, RPT_DATABASE_FLAGS_NONE, NULL);
  g_setenv ("RAPPORT_NO_AUTO_BACKUP", "1", TRUE);
  g_assert_nonnull (db);
  found = rpt_database_list_backups (db);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (found, 0), "-daily.db"));
}

static void
test_restore (void)
{
  g_autofree char *path = test_db_path ("restore.db");
  g_autofree char *backup = NULL;
  g_autoptr(RptCustomer) keep = test_person ("Keep", "Me", "en");
  g_autoptr(RptCustomer) later = test_person ("Added", "Later", "en");
  g_autoptr(GError) error = NULL;
  gint64 later_id;

  {
    g_autoptr(RptDatabase) db = test_open_new ("restore.db");
    g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
    g_assert_true (rpt_customer_store_save (store, keep, NULL));
    backup = rpt_database_backup_now (db, "manual", NULL);
    g_assert_true (rpt_customer_store_save (store, later, NULL));
  }
  later_id = rpt_customer_get_id (later);
  g_assert_true (rpt_database_restore (path, backup, &error));
  g_assert_no_error (error);
  {
    g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, NULL);
    g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
    g_autoptr(RptCustomer) gone = rpt_customer_store_load (store, later_id, NULL);
    g_autoptr(RptCustomer) kept = rpt_customer_store_load (store, rpt_customer_get_id (keep), NULL);
    g_autoptr(GPtrArray) found = rpt_database_list_backups (db);
    g_assert_null (gone);
    g_assert_nonnull (kept);
    /* what was replaced was itself backed up first */
    g_assert_cmpuint (found->len, ==, 2);
  }
}

static void
test_restore_refuses_damage (void)
{
  g_autofree char *path = test_db_path ("target.db");
  g_autofree char *bad = test_db_path ("bad-backup.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_clear_object (&(RptDatabase *) { test_open_new ("target.db") });
  before = file_digest (path);
  g_assert_true (g_file_set_contents (bad, "garbage", -1, NULL));
  g_assert_false (rpt_database_restore (path, bad, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);   /* not even SQLite */
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/core/database/create", test_create);
  g_test_add_func ("/core/database/missing", test_missing);
  g_test_add_func ("/core/database/not-a-database", test_not_a_database);
  g_test_add_func ("/core/database/corrupt", test_corrupt);
  g_test_add_func ("/core/database/foreign", test_foreign);
  g_test_add_func ("/core/database/too-new", test_too_new);
  g_test_add_func ("/core/database/read-only-file", test_read_only_file);
  g_test_add_func ("/core/database/locked", test_locked);
  g_test_add_func ("/core/database/deleted-while-open", test_deleted_while_open);
  g_test_add_func ("/core/database/made-read-only-while-open", test_made_read_only_while_open);
  g_test_add_func ("/core/database/disk-full", test_disk_full);
  g_test_add_func ("/core/database/rollback", test_rollback);
  g_test_add_func ("/core/database/backups-rotate", test_backups_rotate);
  g_test_add_func ("/core/database/daily-backup", test_daily_backup_on_open);
  g_test_add_func ("/core/database/restore", test_restore);
  g_test_add_func ("/core/database/restore-refuses-damage", test_restore_refuses_damage);
  return g_test_run ();
}
