/* bench-segments.c — every class, RFM score and warning for 100 000
 * customers and 5 000 000 purchases
 *
 * Next to it, in the same run and on the same file: the floor (one C
 * loop of sqlite3_step over the purchases, adding them up per customer)
 * and the peer (the same RFM and A/B/C in pandas, tests/bench/
 * segments-pandas.py). Time is the median of three; memory the peak of
 * a process doing only that work.
 *
 * usage: bench-segments PANDAS_SCRIPT
 *        bench-segments --compute-only DB   (the measured child)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "rpt-segment-store.h"
#include "rpt-segments.h"

#define TODAY       "2026-11-24"
#define CUSTOMERS   100000
#define PURCHASES   5000000
#define CALLS       100000
#define HISTORY     1095      /* days */
#define ROUNDS      3

static void
exec_or_die (sqlite3    *h,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (h, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Customers who buy as people do: a few often, most now and then */
static void
generate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_CREATE | RPT_DATABASE_NO_BACKUP, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree double *weight = g_new (double, CUSTOMERS);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
  sqlite3 *h;
  sqlite3_stmt *stmt;
  double total = 0;

  g_assert_no_error (error);
  h = rpt_database_get_handle (db);
  for (int d = 0; d <= HISTORY; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (today, -d);

      g_ptr_array_add (days, g_date_time_format (day, "%Y-%m-%dT%H:%M:%SZ"));
    }
  exec_or_die (h, "BEGIN");
  sqlite3_prepare_v2 (h, "INSERT INTO customers (given_name, family_name, sort_name, frequency_days, created, modified)"
                         " VALUES (?1, 'Bench', ?1, ?2, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')", -1, &stmt, NULL);
  for (guint i = 0; i < CUSTOMERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i + 1);

      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i % 4 == 0 ? 30 : 0);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (h));
      sqlite3_reset (stmt);
      /* a Pareto-shaped appetite */
      weight[i] = pow (1.0 - g_rand_double (rand), -1 / 1.16);
      total += weight[i];
    }
  sqlite3_finalize (stmt);
  for (guint i = 1; i < CUSTOMERS; i++)
    weight[i] += weight[i - 1];
  sqlite3_prepare_v2 (h, "INSERT INTO timeline (customer_id, kind, occurred, amount) VALUES (?, ?, ?, ?)", -1, &stmt,
                      NULL);
  for (guint n = 0; n < PURCHASES + CALLS; n++)
    {
      double pick = g_rand_double (rand) * total;
      guint lo = 0, hi = CUSTOMERS - 1;
      gboolean call = n >= PURCHASES;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (weight[mid] < pick)
            lo = mid + 1;
          else
            hi = mid;
        }
      sqlite3_bind_int64 (stmt, 1, lo + 1);
      sqlite3_bind_int (stmt, 2, call ? RPT_ENTRY_CALL : RPT_ENTRY_PURCHASE);
      sqlite3_bind_text (stmt, 3, days->pdata[g_rand_int_range (rand, 0, HISTORY + 1)], -1, SQLITE_STATIC);
      /* now and then a refund */
      sqlite3_bind_int64 (stmt, 4, call ? 0 : (g_rand_int_range (rand, 0, 100) == 0 ? -1 : 1)
                                                * (gint64) (500 + g_rand_int_range (rand, 0, 20000)));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (h));
      sqlite3_reset (stmt);
      if (n % 1000000 == 0)
        fprintf (stderr, "generating: %u / %u\n", n, PURCHASES + CALLS);
    }
  sqlite3_finalize (stmt);
  exec_or_die (h, "COMMIT");
  exec_or_die (h, "ANALYZE");
}

static double
compute_once (RptDatabase *db,
              guint       *n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptSegmentReport) report = NULL;
  double start = bench_now_ms ();

  report = rpt_segments_compute_as_of (db, TODAY, &error);
  g_assert_no_error (error);
  *n = report->scores->len;
  return bench_now_ms () - start;
}

typedef struct
{
  gint64 sum;
  guint  count;
  int    last;
} Floor;

/* The floor: one loop of sqlite3_step over the purchases, summed per customer */
static double
floor_once (RptDatabase *db)
{
  sqlite3 *h = rpt_database_get_handle (db);
  g_autofree Floor *per = g_new0 (Floor, CUSTOMERS + 1);
  sqlite3_stmt *stmt;
  double start = bench_now_ms ();
  gint64 check = 0;

  sqlite3_prepare_v2 (h, "SELECT customer_id, occurred, amount FROM timeline WHERE kind = 0", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const unsigned char *day = sqlite3_column_text (stmt, 1);
      Floor *f = &per[CLAMP (id, 0, CUSTOMERS)];
      int ymd = (day[2] - '0') * 100000 + (day[3] - '0') * 10000 + (day[5] - '0') * 1000
                + (day[6] - '0') * 100 + (day[8] - '0') * 10 + (day[9] - '0');

      f->sum += sqlite3_column_int64 (stmt, 2);
      f->count++;
      f->last = MAX (f->last, ymd);
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i <= CUSTOMERS; i++)
    check += per[i].count;
  g_assert_cmpint (check, ==, PURCHASES);
  return bench_now_ms () - start;
}

static double
median (double *values)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));
  double m;

  g_array_append_vals (a, values, ROUNDS);
  m = bench_percentile (a, 0.5);
  g_array_unref (a);
  return m;
}

/* The peak memory of the children waited for so far, in MB */
static double
children_peak_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss / 1024.0;
}

int
main (int    argc,
      char **argv)
{
  const char *dir = g_getenv ("RAPPORT_BENCH_DB");
  g_autofree char *build = dir ? g_path_get_dirname (dir) : g_get_current_dir ();
  g_autofree char *path = g_build_filename (build, "bench-segments.db", NULL);
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  double ours[ROUNDS], floor_ms[ROUNDS], pandas_s[ROUNDS];
  double our_mb, pandas_mb;
  guint n = 0;

  if (argc == 3 && g_str_equal (argv[1], "--compute-only"))
    {
      db = rpt_database_open (argv[2], RPT_DATABASE_READ_ONLY | RPT_DATABASE_NO_BACKUP, &error);
      g_assert_no_error (error);
      compute_once (db, &n);
      printf ("%u\n", n);
      return 0;
    }
  /* for working on it: ours and the floor, alternately, without the peer */
  if (argc == 3 && g_str_equal (argv[1], "--against-floor"))
    {
      db = rpt_database_open (argv[2], RPT_DATABASE_READ_ONLY | RPT_DATABASE_NO_BACKUP, &error);
      g_assert_no_error (error);
      for (guint round = 0; round < 5; round++)
        {
          double t = compute_once (db, &n), f = floor_once (db);

          printf ("ours %.0f ms, floor %.0f ms: %.2f of its speed\n", t, f, f / t);
        }
      return 0;
    }
  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-segments PANDAS_SCRIPT\n");
      return 2;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *part = g_strconcat (path, ".part", NULL);

      g_unlink (part);
      generate (part);
      g_assert_cmpint (g_rename (part, path), ==, 0);
    }
  /* a file from an earlier schema is brought up to date first */
  g_clear_object (&db);
  db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  db = rpt_database_open (path, RPT_DATABASE_READ_ONLY | RPT_DATABASE_NO_BACKUP, &error);
  g_assert_no_error (error);

  /* memory first: our child alone, then the peer's (the larger of the two after) */
  {
    const char *child[] = { argv[0], "--compute-only", path, NULL };
    g_autofree char *out = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
    our_mb = children_peak_mb ();
  }

  for (guint round = 0; round < ROUNDS; round++)
    {
      const char *peer[] = { "/usr/bin/python3", argv[1], path, TODAY, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      ours[round] = compute_once (db, &n);
      floor_ms[round] = floor_once (db);
      g_assert_true (g_spawn_sync (NULL, (char **) peer, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                                   &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("the pandas peer failed: %s", err);
      pandas_s[round] = g_ascii_strtod (out, NULL);
    }
  pandas_mb = children_peak_mb ();
  g_assert_cmpuint (n, ==, CUSTOMERS);

  /* a saved segment's live count, as the rule builder asks for it while
   * the rule is edited: a rule on fields, and one on the computed class
   * with the dashboard's figures at hand; next to a bare count of the
   * customers */
  {
    const char *rules[] = {
      "{\"match\": \"any\", \"conditions\": [{\"field\": \"stage\", \"op\": \"is\", \"value\": 0},"
      " {\"field\": \"purchased\", \"op\": \"not-within-days\", \"value\": 365}]}",
      "{\"match\": \"all\", \"conditions\": [{\"field\": \"class\", \"op\": \"is\", \"value\": \"A\"},"
      " {\"field\": \"stage\", \"op\": \"is\", \"value\": 0}]}",
    };
    const char *names[] = { "segment_live_count_fields", "segment_live_count_class" };
    g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
    g_autoptr(RptSegmentReport) report = rpt_segments_compute_as_of (db, TODAY, &error);
    sqlite3 *h = rpt_database_get_handle (db);
    double floor_count[ROUNDS];

    for (guint round = 0; round < ROUNDS; round++)
      {
        sqlite3_stmt *stmt;
        double start = bench_now_ms ();

        sqlite3_prepare_v2 (h, "SELECT count(*) FROM customers WHERE archived = 0", -1, &stmt, NULL);
        sqlite3_step (stmt);
        sqlite3_finalize (stmt);
        floor_count[round] = bench_now_ms () - start;
      }
    for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
      {
        g_autoptr(RptSegmentRule) rule = rpt_segment_rule_new_from_json (rules[r], &error);
        double t[ROUNDS];

        g_assert_no_error (error);
        for (guint round = 0; round < ROUNDS; round++)
          {
            double start = bench_now_ms ();
            g_autoptr(GArray) ids = rpt_customer_store_segment_members (store, rule, report, TODAY, &error);

            g_assert_no_error (error);
            g_assert_cmpuint (ids->len, >, 0);
            t[round] = bench_now_ms () - start;
          }
        bench_report (names[r], median (t), "ms", 100);
      }
    bench_report ("segment_count_floor", median (floor_count), "ms", 100);
  }

  {
    double t = median (ours), f = median (floor_ms), p = median (pandas_s) * 1000;

    bench_report ("segments_all_vs_pandas", t, "ms", p);
    /* speed against the floor's: floor time over ours (≥ 0.8 wanted) */
    printf ("BENCH segments_all_speed_vs_floor %.3f x ref=%.2f ratio=%.3f\n", f / t, 0.8, f / t / 0.8);
    bench_report ("segments_all_ms_vs_floor_ms", t, "ms", f);
    bench_report ("segments_memory_vs_pandas", our_mb, "MB", pandas_mb);
  }
  return 0;
}
