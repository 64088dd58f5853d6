/* bench-print.c — printing 10 000 letters through GtkPrintOperation
 *
 * The letters are checked and their pages counted first (in the app, while
 * the staff look at the summary: GTK needs the number of pages before the
 * first), then the print operation runs — exported to a PDF here, as no
 * printer is attached. Reported: the time from starting the operation to
 * the first page handed to the print system, against the one-second floor;
 * the preparation and the whole run are reported too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libintl.h>

#include "bench-common.h"
#include "rpt-letter-store.h"
#include "rpt-merge.h"

typedef struct
{
  RptMerge *merge;
  double    start;
  double    first;
} Print;

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Print             *print)
{
  if (print->first == 0)
    print->first = bench_now_ms ();
  rpt_merge_draw_page (print->merge, gtk_print_context_get_cairo_context (context), page);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = g_build_filename (g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT") : ".",
                                            "bench-letters.db", NULL);
  g_autofree char *out = g_build_filename (g_get_tmp_dir (), "rapport-bench-print.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(GPtrArray) builtins = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  Print print = { 0 };
  double begun, prepared, done;

  gtk_init ();
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RAPPORT_LOCALEDIR"));
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("run the letters benchmark first: it makes %s\n", path);
      return 77;
    }
  db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, &error);
  g_assert_no_error (error);
  store = rpt_customer_store_new (db);
  builtins = rpt_letter_template_builtins ();
  rpt_letter_template_set_paper (builtins->pdata[0], RPT_PAPER_A4);
  ids = rpt_merge_find_recipients (store, "all", &error);
  begun = bench_now_ms ();
  print.merge = rpt_merge_new (store, builtins->pdata[0], &error);
  g_assert_true (rpt_merge_check (print.merge, ids, NULL, NULL, NULL, &error));
  g_assert_true (rpt_merge_count_pages (print.merge, NULL, &error));
  g_assert_no_error (error);
  prepared = bench_now_ms ();

  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, (int) rpt_merge_get_n_pages (print.merge));
  gtk_print_operation_set_export_filename (operation, out);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), &print);
  print.start = bench_now_ms ();
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  done = bench_now_ms ();
  bench_report ("print_first_page", print.first - print.start, "ms", 1000);
  /* checking and counting pages: the reference is the time to write the same into one PDF, 15 s */
  bench_report ("print_prepare_10k", (prepared - begun) / 1000, "s", 15);
  bench_report ("print_10k", (done - print.start) / 1000, "s", 15);
  g_unlink (out);
  rpt_merge_free (print.merge);
  return 0;
}
