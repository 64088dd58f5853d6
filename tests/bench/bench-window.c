/* bench-window.c — time to first frame and memory of the main window at a
 * million customers, against a minimal libadwaita window; opening a card
 * with 5 000 timeline entries against a card with a handful.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "bench-common.h"
#include "rpt-customer-card.h"

#define RUNS 5

typedef struct
{
  double ms;
  double rss_mb;
} FirstFrame;

static FirstFrame
spawn_until_first_frame (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  FirstFrame result = { 0 };
  double start;
  char *line;

  g_subprocess_launcher_setenv (launcher, "RAPPORT_BENCH_FIRST_FRAME", "quit", TRUE);
  start = bench_now_ms ();
  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, "FIRST_FRAME "))
        {
          g_auto(GStrv) parts = g_strsplit (line, " ", 3);
          result.ms = bench_now_ms () - start;
          result.rss_mb = g_ascii_strtod (parts[2], NULL) / 1024.0;
        }
      g_free (line);
    }
  g_subprocess_wait (child, NULL, NULL);
  g_assert_cmpfloat (result.ms, >, 0);
  return result;
}

static void
bench_first_frame (const char *rapport,
                   const char *minimal,
                   const char *db_path)
{
  const char *app_argv[] = { rapport, "--db", db_path, NULL };
  const char *ref_argv[] = { minimal, NULL };
  g_autoptr(GArray) app_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ref_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ref_rss = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < RUNS; i++)
    {
      FirstFrame a = spawn_until_first_frame (app_argv);
      FirstFrame r = spawn_until_first_frame (ref_argv);
      g_array_append_val (app_ms, a.ms);
      g_array_append_val (ref_ms, r.ms);
      g_array_append_val (app_rss, a.rss_mb);
      g_array_append_val (ref_rss, r.rss_mb);
    }
  bench_report ("first-frame", bench_percentile (app_ms, 0.5), "ms", bench_percentile (ref_ms, 0.5));
  bench_report ("rss-first-frame", bench_percentile (app_rss, 0.5), "MB",
                bench_percentile (ref_rss, 0.5));
}

typedef struct
{
  gboolean painted;
} PaintWait;

static void
on_after_paint (GdkFrameClock *clock,
                PaintWait     *wait)
{
  wait->painted = TRUE;
}

static double
time_card (GtkWidget        *window,
           RptCustomerCard  *card,
           RptCustomerStore *store,
           gint64            id)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  PaintWait wait = { FALSE };
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &wait);
  double start = bench_now_ms ();

  rpt_customer_card_set_customer (card, store, id);
  gtk_widget_queue_draw (window);
  while (!wait.painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  return bench_now_ms () - start;
}

static gboolean
is_mapped (GtkWidget *window)
{
  return gtk_widget_get_mapped (window);
}

static void
bench_card (RptDatabase *db,
            gint64       heavy)
{
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  GtkWidget *window = gtk_window_new ();
  RptCustomerCard *card = g_object_new (RPT_TYPE_CUSTOMER_CARD, NULL);
  g_autoptr(GArray) heavy_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) light_ms = g_array_new (FALSE, FALSE, sizeof (double));

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (card));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_window_present (GTK_WINDOW (window));
  while (!is_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 10; i++)
    {
      double h = time_card (window, card, store, heavy);
      double l = time_card (window, card, store, 1 + i);
      g_array_append_val (heavy_ms, h);
      g_array_append_val (light_ms, l);
    }
  bench_report ("card-5000-entries-first-frame", bench_percentile (heavy_ms, 0.5), "ms",
                bench_percentile (light_ms, 0.5));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gint64 heavy = 0;
  g_autoptr(RptDatabase) db = NULL;

  if (argc < 3)
    {
      g_printerr ("usage: bench-window RAPPORT MINIMAL-WINDOW\n");
      return 2;
    }
  db = bench_open_database (&heavy);
  bench_first_frame (argv[1], argv[2], rpt_database_get_path (db));
  adw_init ();
  bench_card (db, heavy);
  return 0;
}
