/* test-customer-list.c — the paged list model over the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rpt-customer-list.h"
#include "rpt-demo.h"
#include "test-utils.h"

typedef struct
{
  RptDatabase      *db;
  RptCustomerStore *store;
  RptCustomerList  *list;
  guint             changes;
  guint             last_pos, last_removed, last_added;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       pos,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->changes++;
  f->last_pos = pos;
  f->last_removed = removed;
  f->last_added = added;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  RptDemoOptions options = { .customers = 500, .purchases = 1500, .seed = 7, .today = "2026-06-30" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_db_path ("list.db");

  g_assert_true (rpt_demo_create_file (path, &options, &error));
  g_assert_no_error (error);
  f->db = rpt_database_open (path, RPT_DATABASE_NO_BACKUP, &error);
  g_assert_no_error (error);
  f->store = rpt_customer_store_new (f->db);
  f->list = rpt_customer_list_new (f->store);
  g_assert_true (rpt_customer_list_refresh (f->list, NULL));
  g_signal_connect (f->list, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->list);
  g_clear_object (&f->store);
  g_clear_object (&f->db);
}

static char *
sort_name_at (Fixture *f,
              guint    pos)
{
  g_autoptr(RptCustomer) c = g_list_model_get_item (G_LIST_MODEL (f->list), pos);

  return rpt_customer_dup_sort_name (c);
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (f->list);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, ==, 500);
  g_assert_true (g_list_model_get_item_type (model) == RPT_TYPE_CUSTOMER);
  /* sorted by name across page boundaries, in any order of access */
  for (guint i = n - 1; i > 0; i -= 7)
    {
      g_autofree char *a = sort_name_at (f, i - 1);
      g_autofree char *b = sort_name_at (f, i);
      g_assert_cmpint (g_strcmp0 (a, b), <=, 0);
      if (i < 7)
        break;
    }
  g_assert_null (g_list_model_get_item (model, n));
}

static gint64
spend_at (Fixture *f,
          guint    pos)
{
  g_autoptr(RptCustomer) c = g_list_model_get_item (G_LIST_MODEL (f->list), pos);
  gint64 spend;

  g_object_get (c, "spend", &spend, NULL);
  return spend;
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  guint n;

  rpt_customer_list_set_sort (f->list, RPT_SORT_SPEND, TRUE);
  n = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  g_assert_cmpuint (n, ==, 500);
  for (guint i = 1; i < n; i += 3)
    g_assert_cmpint (spend_at (f, i - 1), >=, spend_at (f, i));
}

static void
test_search_and_filter (Fixture       *f,
                        gconstpointer  data)
{
  guint all = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  guint trust;

  rpt_customer_list_set_filters (f->list, NULL, RPT_STAGE_TRUST, NULL);
  trust = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  g_assert_cmpuint (trust, >, 0);
  g_assert_cmpuint (trust, <, all);
  for (guint i = 0; i < trust; i++)
    {
      g_autoptr(RptCustomer) c = g_list_model_get_item (G_LIST_MODEL (f->list), i);
      g_assert_cmpint (rpt_customer_get_stage (c), ==, RPT_STAGE_TRUST);
    }
  rpt_customer_list_set_filters (f->list, NULL, -1, NULL);
  rpt_customer_list_set_search (f->list, "王");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->list)); i++)
    {
      g_autoptr(RptCustomer) c = g_list_model_get_item (G_LIST_MODEL (f->list), i);
      g_autofree char *text = rpt_customer_dup_search_text (c);
      g_assert_nonnull (strstr (text, "王"));
    }
  rpt_customer_list_set_search (f->list, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, all);
}

/* A group from elsewhere (a segment, a chart's bar): only its cards,
 * within the search and filters too; every card again without it. */
static void
test_group (Fixture       *f,
            gconstpointer  data)
{
  guint all = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 picked[] = { 3, 17, 42, 43, 499 };
  guint n;

  g_array_append_vals (ids, picked, G_N_ELEMENTS (picked));
  rpt_customer_list_set_group (f->list, ids, "Five");
  g_assert_cmpstr (rpt_customer_list_get_group_label (f->list), ==, "Five");
  n = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (picked));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RptCustomer) c = g_list_model_get_item (G_LIST_MODEL (f->list), i);
      gint64 id = rpt_customer_get_id (c);
      gboolean found = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (picked); k++)
        found |= picked[k] == id;
      g_assert_true (found);
    }
  /* with a filter: the cards in both */
  rpt_customer_list_set_filters (f->list, NULL, RPT_STAGE_TRUST, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->list)); i++)
    {
      g_autoptr(RptCustomer) c = g_list_model_get_item (G_LIST_MODEL (f->list), i);

      g_assert_cmpint (rpt_customer_get_stage (c), ==, RPT_STAGE_TRUST);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), <=, G_N_ELEMENTS (picked));
  rpt_customer_list_set_filters (f->list, NULL, -1, NULL);
  rpt_customer_list_set_group (f->list, NULL, NULL);
  g_assert_null (rpt_customer_list_get_group_label (f->list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, all);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_live_updates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RptCustomer) c = test_person ("Aaron", "Aaberg", "en");
  g_autoptr(RptCustomer) first = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->list));

  g_assert_true (rpt_customer_store_save (f->store, c, NULL));
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, n + 1);
  g_assert_cmpuint (f->last_added, ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (f->list), f->last_pos);
  g_assert_cmpint (rpt_customer_get_id (first), ==, rpt_customer_get_id (c));

  f->changes = 0;
  g_assert_true (rpt_customer_store_set_archived (f->store, rpt_customer_get_id (c), TRUE, NULL));
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, n);
  g_assert_cmpuint (f->last_removed, >=, 1);

  rpt_customer_list_set_archived (f->list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  test_init (&argc, &argv);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/customer-list/pages", test_pages);
  ADD ("/core/customer-list/sort", test_sort);
  ADD ("/core/customer-list/search-and-filter", test_search_and_filter);
  ADD ("/core/customer-list/live-updates", test_live_updates);
  ADD ("/core/customer-list/group", test_group);
#undef ADD
  return g_test_run ();
}
