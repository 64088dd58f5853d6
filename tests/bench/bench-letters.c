/* bench-letters.c — mail merge at scale
 *
 * 10 000 one-page letters (the thank-you example, Chinese and Latin names
 * mixed) with a vector letterhead into one PDF, against the floor measured
 * in the same run: the same pages drawn with Pango and Cairo directly, no
 * merging, no letterhead, no database. Each run is its own process, so
 * its peak resident memory is its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "rpt-letter-store.h"
#include "rpt-merge.h"
#include "rpt-pdf-file.h"
#include "rpt-timeline-entry.h"

#define N_LETTERS 10000

static const char *const given[] = { "伟", "María", "美玲", "John", "芳", "Lucía", "建国", "Anne" };
static const char *const family[] = { "王", "García", "陳", "Smith", "李", "Fernández", "张", "Dubois" };
static const char *const items[] = { "绿茶 Green tea", "Oolong 烏龍茶", "Teapot 茶壶", "Jasmine 茉莉花茶" };

static char *
db_path (void)
{
  return g_build_filename (g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT") : ".",
                           "bench-letters.db", NULL);
}

static void
make_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(RptCustomerStore) store = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  db = rpt_database_open (path, RPT_DATABASE_CREATE | RPT_DATABASE_NO_BACKUP, &error);
  g_assert_no_error (error);
  store = rpt_customer_store_new (db);
  rpt_customer_store_set_setting (store, "business_name", "Rapport 茶行 Tea House", NULL);
  rpt_customer_store_set_setting (store, "business_address", "Calle Mayor 1\n28013 Madrid", NULL);
  g_assert_true (rpt_customer_store_bulk_begin (store, &error));
  for (int i = 0; i < N_LETTERS; i++)
    {
      g_autoptr(RptCustomer) c = rpt_customer_new (RPT_CUSTOMER_PERSON);
      g_autoptr(RptTimelineEntry) e = rpt_timeline_entry_new (RPT_ENTRY_PURCHASE);
      g_autofree char *street = g_strdup_printf (i % 2 ? "Calle del Olmo %d" : "世纪大道 %d 号", i + 1);
      g_autofree char *code = g_strdup_printf ("%05d", 10000 + i);

      g_object_set (c, "given-name", given[i % 8], "family-name", family[i % 8],
                    "language", "en", "street", street, "postal-code", code,
                    "locality", i % 2 ? "Madrid" : "上海", "country", i % 2 ? "ES" : "CN", NULL);
      g_assert_true (rpt_customer_store_bulk_add_customer (store, c, &error));
      g_object_set (e, "customer-id", rpt_customer_get_id (c), "item", items[i % 4], "summary", items[i % 4],
                    "amount", (gint64) 1000 + i, "occurred", "2026-10-02T10:00:00Z", NULL);
      g_assert_true (rpt_customer_store_bulk_add_entry (store, e, &error));
    }
  g_assert_true (rpt_customer_store_bulk_commit (store, &error));
  g_assert_no_error (error);
}

/* A letterhead as a designer would make it: a logo of curves, the name
 * in two scripts, a rule and a footer band; a lighter second page. */
static GBytes *
make_letterhead (void)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = rpt_pdf_surface_new_in_memory (bytes, 595.28, 841.89);
  cairo_t *cr = cairo_create (surface);

  for (int page = 0; page < 2; page++)
    {
      cairo_set_source_rgb (cr, 0.13, 0.4, 0.3);
      for (int i = 0; i < 6; i++)
        {
          cairo_arc (cr, 70 + i * 6, 60, 22 - i * 3, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
      if (page == 0)
        {
          cairo_select_font_face (cr, "Noto Serif CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
          cairo_set_font_size (cr, 20);
          cairo_move_to (cr, 110, 66);
          cairo_show_text (cr, "Rapport 茶行 Tea House");
        }
      cairo_move_to (cr, 70, 95);
      cairo_line_to (cr, 525, 95);
      cairo_stroke (cr);
      cairo_rectangle (cr, 0, 815, 595.28, 27);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static char *
letterhead_path (void)
{
  return g_build_filename (g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT") : ".",
                           "bench-letterhead.pdf", NULL);
}

/* The thank-you example with the letterhead the parent process made: a
 * run reads it as the app reads the one the user chose. */
static RptLetterTemplate *
thank_you (void)
{
  g_autoptr(GPtrArray) list = rpt_letter_template_builtins ();
  g_autofree char *path = letterhead_path ();
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) head = NULL;
  RptLetterTemplate *t = g_object_ref (list->pdata[0]);

  g_assert_nonnull (file);
  head = g_mapped_file_get_bytes (file);
  rpt_letter_template_set_paper (t, RPT_PAPER_A4);
  rpt_letter_template_set_letterhead (t, head, "head.pdf");
  return t;
}

static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

/* child: merge N letters into OUT (one PDF, or a folder when DIR is set) */
static int
run_merge (int         n,
           const char *out,
           gboolean    per_recipient,
           int         threads)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_path ();
  g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, &error);
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(RptLetterTemplate) t = thank_you ();
  g_autoptr(RptMerge) merge = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  double start;

  g_assert_no_error (error);
  store = rpt_customer_store_new (db);
  for (gint64 id = 1; id <= n; id++)
    g_array_append_val (ids, id);
  start = bench_now_ms ();
  merge = rpt_merge_new (store, t, &error);
  rpt_merge_set_threads (merge, threads);
  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rpt_merge_get_n_letters (merge), ==, n);
  g_assert_true (rpt_merge_write (merge, per_recipient ? RPT_MERGE_PDF_PER_RECIPIENT : RPT_MERGE_ONE_PDF,
                                  out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  printf ("%.1f %.1f\n", bench_now_ms () - start, peak_rss_mb ());
  return 0;
}

/* child: the floor — the same pages straight from Pango to Cairo */
static int
run_floor (int         n,
           const char *out)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (out, 595.28, 841.89);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = rpt_letter_pango_context_new ();
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Serif, Droid Sans Fallback, Noto Serif CJK SC 11");
  PangoFontDescription *small = pango_font_description_from_string ("DejaVu Serif, Droid Sans Fallback, Noto Serif CJK SC 7");
  double start = bench_now_ms ();

  for (int i = 0; i < n; i++)
    {
      g_autofree char *address = g_strdup_printf ("%s%s\n%s\n%05d %s\n%s", family[i % 8], given[i % 8],
                                                  i % 2 ? "Calle del Olmo 1" : "世纪大道 1 号", 10000 + i,
                                                  i % 2 ? "Madrid" : "上海", i % 2 ? "SPAIN" : "CHINA");
      g_autofree char *body = g_strdup_printf (
        "<b>Thank you for your purchase</b>\n\nDear %s %s,\n\nThank you for choosing us for your purchase "
        "of %s on October 2, 2026. We hope it brings you joy, and we are glad to help whenever you have "
        "a question about it.\n\nAs a valued customer you are always welcome to visit us or call us for "
        "advice.\n\nKind regards,\n\nRapport 茶行 Tea House", given[i % 8], family[i % 8], items[i % 4]);
      PangoLayout *layout = pango_layout_new (context);

      /* the return line above the address, as the letters have it */
      pango_layout_set_font_description (layout, small);
      pango_layout_set_text (layout, "Rapport 茶行 Tea House · Calle Mayor 1 · 28013 Madrid", -1);
      cairo_move_to (cr, RPT_MM (25), RPT_MM (58));
      pango_cairo_show_layout (cr, layout);
      cairo_move_to (cr, RPT_MM (25), RPT_MM (61.7));
      cairo_rel_line_to (cr, RPT_MM (60), 0);
      cairo_set_line_width (cr, 0.4);
      cairo_stroke (cr);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) (RPT_MM (165) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, address, -1);
      cairo_move_to (cr, RPT_MM (25), RPT_MM (62.7));
      pango_cairo_show_layout (cr, layout);
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      pango_layout_set_text (layout, "November 26, 2026", -1);
      cairo_move_to (cr, RPT_MM (25), RPT_MM (92));
      pango_cairo_show_layout (cr, layout);
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
      pango_layout_set_markup (layout, body, -1);
      cairo_move_to (cr, RPT_MM (25), RPT_MM (98));
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  pango_font_description_free (font);
  pango_font_description_free (small);
  g_object_unref (context);
  printf ("%.1f %.1f\n", bench_now_ms () - start, peak_rss_mb ());
  return 0;
}

typedef struct
{
  double ms;
  double rss;
} Run;

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);

      g_unlink (file);
    }
  g_rmdir (folder);
}

/* One run of MODE in a process of its own. */
static Run
run_child (const char *self,
           const char *mode,
           int         n,
           const char *out,
           int         threads)
{
  g_autofree char *count = g_strdup_printf ("%d", n);
  g_autofree char *n_threads = g_strdup_printf ("%d", threads);
  const char *argv[] = { self, mode, count, out, n_threads, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  Run run = { 0 };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  /* how a run ended, when it did not end well */
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sscanf (output, "%lf %lf", &run.ms, &run.rss), ==, 2);
  if (g_str_equal (mode, "each"))
    remove_folder (out);
  return run;
}

static void
keep_best (Run       *best,
           const Run *run)
{
  best->ms = MIN (best->ms, run->ms);
  best->rss = MAX (best->rss, run->rss);
}

/* The best of RUNS runs of each of two modes, taken in turns: the
 * machine's other work only ever slows a run, and whatever it does then
 * falls on both alike. */
static void
best_of_pair (const char *self,
              guint       runs,
              const char *mode_a,
              int         n_a,
              const char *out_a,
              int         threads_a,
              Run        *a,
              const char *mode_b,
              int         n_b,
              const char *out_b,
              int         threads_b,
              Run        *b)
{
  *a = (Run) { G_MAXDOUBLE, 0 };
  *b = (Run) { G_MAXDOUBLE, 0 };
  for (guint i = 0; i < runs; i++)
    {
      Run run = run_child (self, mode_a, n_a, out_a, threads_a);

      keep_best (a, &run);
      run = run_child (self, mode_b, n_b, out_b, threads_b);
      keep_best (b, &run);
    }
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = db_path ();
  g_autofree char *tmp = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *floor_pdf = NULL;
  g_autofree char *folder = NULL;
  Run ours_1k, ours_10k, run_10k, floor_10k, each_10k, each_1t, two_10k;

  g_setenv ("RAPPORT_NO_AUTO_BACKUP", "1", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RAPPORT_LOCALEDIR"));
  if (argc == 5 && g_str_equal (argv[1], "merge"))
    return run_merge (atoi (argv[2]), argv[3], FALSE, atoi (argv[4]));
  if (argc == 5 && g_str_equal (argv[1], "each"))
    return run_merge (atoi (argv[2]), argv[3], TRUE, atoi (argv[4]));
  if (argc == 5 && g_str_equal (argv[1], "floor"))
    return run_floor (atoi (argv[2]), argv[3]);

  make_database (path);
  {
    g_autoptr(GBytes) head = make_letterhead ();
    g_autofree char *head_path = letterhead_path ();

    g_assert_true (g_file_set_contents (head_path, g_bytes_get_data (head, NULL), g_bytes_get_size (head), NULL));
  }
  tmp = g_dir_make_tmp ("rapport-bench-XXXXXX", NULL);
  pdf = g_build_filename (tmp, "letters.pdf", NULL);
  floor_pdf = g_build_filename (tmp, "floor.pdf", NULL);
  folder = g_build_filename (tmp, "each", NULL);

  /* the floor, one thread and two in turns, so that each ratio compares
   * runs made in the same conditions */
  floor_10k = ours_10k = two_10k = (Run) { G_MAXDOUBLE, 0 };
  for (int i = 0; i < 5; i++)
    {
      Run run = run_child (argv[0], "floor", N_LETTERS, floor_pdf, 1);

      keep_best (&floor_10k, &run);
      run = run_child (argv[0], "merge", N_LETTERS, pdf, 1);
      keep_best (&ours_10k, &run);
      run = run_child (argv[0], "merge", N_LETTERS, pdf, 2);
      keep_best (&two_10k, &run);
    }
  best_of_pair (argv[0], 3, "merge", N_LETTERS / 10, pdf, 1, &ours_1k, "merge", N_LETTERS, pdf, 1, &run_10k);
  ours_10k.rss = MAX (ours_10k.rss, run_10k.rss);
  ours_10k.ms = MIN (ours_10k.ms, run_10k.ms);
  bench_report ("letters_per_second_10k", N_LETTERS / (ours_10k.ms / 1000), "letters/s",
                N_LETTERS / (floor_10k.ms / 1000));
  bench_report ("letters_per_second_10k_two_threads", N_LETTERS / (two_10k.ms / 1000), "letters/s",
                N_LETTERS / (ours_10k.ms / 1000));
  bench_report ("letters_10k_time", ours_10k.ms / 1000, "s", 15);
  bench_report ("letters_time_10k_over_1k", ours_10k.ms / ours_1k.ms, "x", 11);
  bench_report ("letters_rss_10k", ours_10k.rss, "MB", 100);
  bench_report ("letters_rss_10k_two_threads", two_10k.rss, "MB", 100);
  bench_report ("letters_rss_10k_over_1k", ours_10k.rss / ours_1k.rss, "x", 1.10);
  bench_report ("letters_pdf_bytes_per_page", file_size (pdf) / (double) N_LETTERS, "B",
                file_size (floor_pdf) / (double) N_LETTERS);
  g_unlink (pdf);
  g_unlink (floor_pdf);

  best_of_pair (argv[0], 3, "each", N_LETTERS / 10, folder, 1, &each_1t, "each", N_LETTERS, folder, 2, &each_10k);
  bench_report ("letters_per_recipient_10k_time", each_10k.ms / 1000, "s", ours_10k.ms / 1000);
  bench_report ("letters_per_recipient_two_threads_speedup", (each_1t.ms * 10) / each_10k.ms, "x", 1.7);
  g_rmdir (tmp);
  return 0;
}
