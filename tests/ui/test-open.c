/* test-open.c — a database that cannot be opened as it is: the app says why,
 * offers choices, and leaves the file exactly as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "rpt-window.h"
#include "ui-test-utils.h"

static char *path;

static gboolean
has_dialog (gpointer data)
{
  return ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
no_dialog (gpointer data)
{
  return ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  ui_wait_for (has_dialog, NULL, "the message about the file");
  return ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* No file there yet: it can be created at once, and is. */
static gboolean
run_missing (gpointer app)
{
  AdwMessageDialog *dialog = wait_for_dialog ();

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("No Database There Yet"));
  g_assert_true (adw_message_dialog_has_response (dialog, "create"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  ui_click (GTK_WIDGET (dialog), _("Create It"));   /* as the user does: the button */
  ui_wait_for (ui_has_window, app, "the main window on the new database");
  ui_wait_for (no_dialog, NULL, "the message to close");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_missing (void)
{
  g_free (path);
  path = g_build_filename (g_get_user_data_dir (), "not-yet.db", NULL);
  ui_run_app (path, run_missing);
}

/* A file that is not a Rapport database, or one from a newer Rapport: a
 * message, no way to write to it, and quitting leaves it byte for byte. */
static gboolean
run_refused (gpointer app)
{
  AdwMessageDialog *dialog = wait_for_dialog ();

  g_assert_false (adw_message_dialog_has_response (dialog, "create"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  g_assert_true (adw_message_dialog_has_response (dialog, "new"));
  g_object_set_data_full (app, "heading", g_strdup (adw_message_dialog_get_heading (dialog)), g_free);
  ui_click (GTK_WIDGET (dialog), _("Quit"));
  return G_SOURCE_REMOVE;
}

static void
check_refused (const char *expected_heading)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(RptApplication) app = rpt_application_new ();
  char *argv[] = { (char *) "rapport", (char *) "--db", path, NULL };

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  g_signal_connect_after (app, "activate", G_CALLBACK (ui_on_activate), run_refused);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (app), "heading"), ==, expected_heading);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_not_a_database (void)
{
  g_autofree char *junk = g_strnfill (8192, 'x');

  g_free (path);
  path = g_build_filename (g_get_user_data_dir (), "notes.db", NULL);
  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  check_refused (_("Not a Rapport Database"));
}

static void
test_newer_version (void)
{
  RptDemoOptions options = { .customers = 5, .seed = 1, .today = "2026-11-24" };
  sqlite3 *db = NULL;

  g_free (path);
  path = g_build_filename (g_get_user_data_dir (), "future.db", NULL);
  g_assert_true (rpt_demo_create_file (path, &options, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  check_refused (_("Database From a Newer Rapport"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/open/missing", test_missing);
  g_test_add_func ("/ui/open/not-a-database", test_not_a_database);
  g_test_add_func ("/ui/open/newer-version", test_newer_version);
  status = g_test_run ();
  g_free (path);
  return ui_finish (status);
}
