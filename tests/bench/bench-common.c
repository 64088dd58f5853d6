/* bench-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "rpt-demo.h"

#define HEAVY_ENTRIES 5000

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
bench_percentile (GArray *ms,
                  double  p)
{
  guint i;

  if (ms->len == 0)
    return 0;
  g_array_sort (ms, compare_double);
  i = (guint) (p * (ms->len - 1) + 0.5);
  return g_array_index (ms, double, MIN (i, ms->len - 1));
}

void
bench_report (const char *name,
              double      value,
              const char *unit,
              double      ref)
{
  printf ("BENCH %s %.2f %s ref=%.2f ratio=%.3f\n", name, value, unit, ref,
          ref > 0 ? value / ref : 0.0);
  fflush (stdout);
}

static void
progress (guint done, guint total, gpointer data)
{
  if (done % 100000 == 0 || done == total)
    fprintf (stderr, "generating: %u / %u\n", done, total);
}

/* One customer with a long history, for the card benchmark. */
static gint64
add_heavy_customer (RptDatabase *db)
{
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  g_autoptr(RptCustomer) c = rpt_customer_new (RPT_CUSTOMER_PERSON);
  g_autofree char *id_text = NULL;

  g_object_set (c, "given-name", "Heavy", "family-name", "Buyer", "language", "en", NULL);
  g_assert_true (rpt_customer_store_bulk_begin (store, NULL));
  g_assert_true (rpt_customer_store_bulk_add_customer (store, c, NULL));
  for (int i = 0; i < HEAVY_ENTRIES; i++)
    {
      g_autoptr(RptTimelineEntry) e = rpt_timeline_entry_new (i % 4 ? RPT_ENTRY_PURCHASE : RPT_ENTRY_CALL);
      g_autoptr(GDateTime) when = g_date_time_new_utc (2020 + i / 1000, 1 + (i / 80) % 12, 1 + i % 28, 10, 0, 0);
      g_autofree char *iso = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
      g_object_set (e, "customer-id", rpt_customer_get_id (c), "occurred", iso, "summary", "Order",
                    "amount", (gint64) 1999, NULL);
      g_assert_true (rpt_customer_store_bulk_add_entry (store, e, NULL));
    }
  g_assert_true (rpt_customer_store_bulk_commit (store, NULL));
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, rpt_customer_get_id (c));
  g_assert_true (rpt_database_set_setting (db, "bench_heavy_id", id_text, NULL));
  return rpt_customer_get_id (c);
}

RptDatabase *
bench_open_database (gint64 *heavy_id)
{
  const char *path = g_getenv ("RAPPORT_BENCH_DB");
  guint customers = atoi (g_getenv ("RAPPORT_BENCH_CUSTOMERS") ?: "1000000");
  guint entries = atoi (g_getenv ("RAPPORT_BENCH_ENTRIES") ?: "5000000");
  g_autoptr(GError) error = NULL;
  RptDatabase *db;

  g_assert_nonnull (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* purchases plus the quarter as many interactions and a few complaints */
      RptDemoOptions options = { .customers = customers, .purchases = (guint) (entries / 1.27),
                                 .seed = 1, .today = "2026-11-24", .progress = progress };
      double start = bench_now_ms ();
      if (!rpt_demo_create_file (path, &options, &error))
        g_error ("%s", error->message);
      bench_report ("demo-generate", (bench_now_ms () - start) / 1000.0, "s", 60.0);
    }
  db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  *heavy_id = rpt_database_get_setting_int (db, "bench_heavy_id", 0);
  if (*heavy_id == 0)
    *heavy_id = add_heavy_customer (db);
  return db;
}
