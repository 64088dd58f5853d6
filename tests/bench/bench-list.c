/* bench-list.c — the customer list at a million cards: search, sort, scroll
 *
 * Each figure is printed with a reference measured in the same run: the
 * plain LIKE scan for search, SQLite sorting without our indexes for sort,
 * LIMIT/OFFSET paging for scrolling, reading every entry for the timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "bench-common.h"
#include "rpt-customer-list.h"
#include "rpt-timeline-list.h"

#define VISIBLE_ROWS 30

static const char *const queries[] = {
  "garcia", "martinez", "smith", "johnson", "lopez", "madrid", "maria jo", "5551",
  "王伟", "欧阳娜娜", "张", "陈", "李娜", "司马", "台北", "志明", "j", "ma", "上海", "13"
};

static void
touch_first_rows (GListModel *model)
{
  guint n = MIN (g_list_model_get_n_items (model), VISIBLE_ROWS);

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (model, i));
}

static void
bench_search (RptCustomerStore *store,
              RptCustomerList  *list)
{
  g_autoptr(GArray) short_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) long_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) like_ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      glong len = g_utf8_strlen (queries[q], -1);

      /* typed one character at a time, as a person does */
      for (glong k = 1; k <= len; k++)
        {
          g_autofree char *prefix = g_utf8_substring (queries[q], 0, k);
          double start = bench_now_ms (), ms;

          rpt_customer_list_set_search (list, prefix);
          touch_first_rows (G_LIST_MODEL (list));
          ms = bench_now_ms () - start;
          g_array_append_val (g_utf8_strlen (prefix, -1) >= 3 ? long_ms : short_ms, ms);
          if (k == len || k == 3)
            {
              g_autoptr(RptBitset) like = NULL;
              start = bench_now_ms ();
              like = rpt_customer_store_match_like (store, prefix, NULL);
              ms = bench_now_ms () - start;
              g_array_append_val (like_ms, ms);
            }
        }
    }
  rpt_customer_list_set_search (list, "");
  {
    double like_median = bench_percentile (like_ms, 0.5);
    bench_report ("search-3plus-p95", bench_percentile (long_ms, 0.95), "ms", like_median);
    bench_report ("search-3plus-p99", bench_percentile (long_ms, 0.99), "ms", like_median);
    bench_report ("search-1-2-p95", bench_percentile (short_ms, 0.95), "ms", like_median);
    bench_report ("search-1-2-p99", bench_percentile (short_ms, 0.99), "ms", like_median);
  }
}

static double
time_unindexed_sort (RptDatabase *db,
                     const char  *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM customers WHERE archived = 0"
                                          " ORDER BY +%s, id", column);
  sqlite3_stmt *stmt = NULL;
  double start = bench_now_ms ();

  g_assert_cmpint (sqlite3_prepare_v2 (rpt_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  return bench_now_ms () - start;
}

static void
bench_sort (RptDatabase     *db,
            RptCustomerList *list)
{
  static const char *const columns[RPT_N_SORTS] = { "sort_name", "locality", "stage",
                                                    "last_contact", "spend", "id" };
  static const char *const names[RPT_N_SORTS] = { "name", "locality", "stage", "last-contact",
                                                  "spend", "created" };

  /* name last, so that every column is a change from the one before */
  for (int step = 1; step <= RPT_N_SORTS; step++)
    {
      int col = step % RPT_N_SORTS;
      double start = bench_now_ms (), ours, complete, ref;
      g_autofree char *name = g_strdup_printf ("sort-%s", names[col]);
      g_autofree char *full = NULL;

      rpt_customer_list_set_sort (list, col, col % 2 == 1);
      touch_first_rows (G_LIST_MODEL (list));
      ours = bench_now_ms () - start;
      /* the rest of the order, read by the worker thread meanwhile */
      while (rpt_customer_list_is_loading (list))
        g_main_context_iteration (NULL, TRUE);
      complete = bench_now_ms () - start;
      /* measured after ours, never alongside it */
      ref = time_unindexed_sort (db, columns[col]);
      bench_report (name, ours, "ms", ref);
      full = g_strdup_printf ("sort-%s-complete", names[col]);
      bench_report (full, complete, "ms", ref);
    }
  rpt_customer_list_set_sort (list, RPT_SORT_NAME, FALSE);
  while (rpt_customer_list_is_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static double
time_offset_page (RptDatabase *db,
                  guint        offset)
{
  sqlite3_stmt *stmt = NULL;
  double start = bench_now_ms ();

  sqlite3_prepare_v2 (rpt_database_get_handle (db),
                      "SELECT c.id, c.given_name, c.family_name FROM customers c WHERE archived = 0"
                      " ORDER BY sort_name, id LIMIT 64 OFFSET ?", -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, offset);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  return bench_now_ms () - start;
}

static void
bench_scroll (RptDatabase     *db,
              RptCustomerList *list)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ref = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (int i = 0; i < 400; i++)
    {
      guint pos = g_rand_int_range (rand, 0, n);
      double start = bench_now_ms (), ms;

      rpt_id_list_drop_cache (RPT_ID_LIST (list));
      for (guint j = pos; j < MIN (pos + VISIBLE_ROWS, n); j++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), j));
      ms = bench_now_ms () - start;
      g_array_append_val (ours, ms);
      if (i < 40)
        {
          ms = time_offset_page (db, pos);
          g_array_append_val (ref, ms);
        }
    }
  bench_report ("scroll-page-p95", bench_percentile (ours, 0.95), "ms", bench_percentile (ref, 0.5));
}

static void
bench_timeline (RptCustomerStore *store,
                gint64            heavy)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  double start, ref;

  for (int i = 0; i < 20; i++)
    {
      g_autoptr(RptTimelineList) timeline = NULL;
      double ms;

      start = bench_now_ms ();
      timeline = rpt_timeline_list_new (store, heavy);
      for (guint j = 0; j < 50; j++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (timeline), j));
      ms = bench_now_ms () - start;
      g_array_append_val (ours, ms);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), >=, 5000);
    }
  {
    g_autoptr(GArray) ids = rpt_customer_store_timeline_ids (store, heavy, NULL);
    start = bench_now_ms ();
    for (guint j = 0; j < ids->len; j++)
      g_object_unref (rpt_customer_store_load_entry (store, g_array_index (ids, guint32, j), NULL));
    ref = bench_now_ms () - start;
  }
  bench_report ("timeline-5000-open", bench_percentile (ours, 0.5), "ms", ref);
}

int
main (int    argc,
      char **argv)
{
  gint64 heavy = 0;
  g_autoptr(RptDatabase) db = bench_open_database (&heavy);
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  g_autoptr(RptCustomerList) list = rpt_customer_list_new (store);
  double start = bench_now_ms (), first_page, complete, ref;

  rpt_customer_list_refresh (list, NULL);
  touch_first_rows (G_LIST_MODEL (list));
  first_page = bench_now_ms () - start;
  while (rpt_customer_list_is_loading (list))
    g_main_context_iteration (NULL, TRUE);
  complete = bench_now_ms () - start;
  /* the reference runs after ours: C leaves the order of arguments open */
  ref = time_unindexed_sort (db, "sort_name");
  bench_report ("list-first-page", first_page, "ms", ref);
  bench_report ("list-complete-order", complete, "ms", ref);
  g_print ("customers: %u\n", g_list_model_get_n_items (G_LIST_MODEL (list)));
  bench_search (store, list);
  bench_sort (db, list);
  bench_scroll (db, list);
  bench_timeline (store, heavy);
  return 0;
}
