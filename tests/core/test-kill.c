/* test-kill.c — kill -9 during writes: the file is intact and holds every commit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "test-utils.h"

static const char *writer_path;

static void
test_kill_during_writes (gconstpointer data)
{
  guint round = GPOINTER_TO_UINT (data);
  g_autofree char *name = g_strdup_printf ("killed-%u.db", round);
  g_autofree char *path = test_db_path (name);
  const char *argv[] = { writer_path, path, NULL };
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) committed = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint wanted = 40 + round * 37;
  char *line;

  writer = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
  while (committed->len < wanted
         && (line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      gint64 id = g_ascii_strtoll (line, NULL, 10);
      g_array_append_val (committed, id);
      g_free (line);
    }
  g_subprocess_send_signal (writer, SIGKILL);
  g_subprocess_wait (writer, NULL, NULL);
  /* ids it printed before the signal arrived */
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      gint64 id = g_ascii_strtoll (line, NULL, 10);
      g_array_append_val (committed, id);
      g_free (line);
    }
  g_assert_cmpuint (committed->len, >=, wanted);

  {
    g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, &error);
    g_autoptr(RptCustomerStore) store = NULL;
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_no_error (error);
    g_assert_true (rpt_database_check (db, &problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
    store = rpt_customer_store_new (db);
    for (guint i = 0; i < committed->len; i++)
      {
        gint64 id = g_array_index (committed, gint64, i);
        g_autoptr(RptCustomer) c = rpt_customer_store_load (store, id, &error);
        gint64 spend;
        g_assert_no_error (error);
        g_object_get (c, "spend", &spend, NULL);
        g_assert_cmpint (spend, ==, 100);
      }
    g_assert_cmpuint (rpt_customer_store_count_active (store), >=, committed->len);
  }
}

int
main (int    argc,
      char **argv)
{
  test_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: test-kill WRITER\n");
      return 2;
    }
  writer_path = argv[1];
  for (guint round = 0; round < 5; round++)
    {
      g_autofree char *name = g_strdup_printf ("/core/kill/during-writes/%u", round);
      g_test_add_data_func (name, GUINT_TO_POINTER (round), test_kill_during_writes);
    }
  return g_test_run ();
}
