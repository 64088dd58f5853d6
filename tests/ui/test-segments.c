/* test-segments.c — the dashboard, driven: a cell of the recency ×
 * frequency grid and a value class each open the customer list at
 * exactly the customers behind them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rpt-application.h"
#include "rpt-customer-list.h"
#include "rpt-customers-page.h"
#include "rpt-segment-editor.h"
#include "rpt-segment-store.h"
#include "rpt-segments-page.h"
#include "rpt-window.h"
#include "ui-test-utils.h"

static gboolean
is_cell (GtkWidget     *widget,
         gconstpointer  cell)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "rpt-cell")) == GPOINTER_TO_UINT (cell);
}

static gboolean
label_starts (GtkWidget     *widget,
              gconstpointer  prefix)
{
  const char *label = gtk_button_get_label (GTK_BUTTON (widget));

  return label != NULL && g_str_has_prefix (label, prefix);
}

/* The customer list holds exactly the customers of REPORT that TEST picks */
static void
assert_list_is (RptWindow              *window,
                RptSegmentReport       *report,
                gboolean              (*test) (const RptCustomerScore *s, guint value),
                guint                   value)
{
  RptCustomerList *list = rpt_customers_page_get_list (rpt_window_get_customers_page (window));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(GHashTable) shown = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint expected = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RptCustomer) c = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 id = rpt_customer_get_id (c);

      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (shown, &g_array_index (ids, gint64, i));
  for (guint i = 0; i < report->scores->len; i++)
    {
      const RptCustomerScore *s = &g_array_index (report->scores, RptCustomerScore, i);

      if (test (s, value))
        {
          expected++;
          g_assert_true (g_hash_table_contains (shown, &s->customer_id));
        }
    }
  g_assert_cmpuint (n, ==, expected);
  g_assert_cmpuint (n, >, 0);
}

static gboolean
cell_test (const RptCustomerScore *s,
           guint                   cell)
{
  return s->r == cell / 10 && s->f == cell % 10;
}

static gboolean
class_test (const RptCustomerScore *s,
            guint                   value_class)
{
  return s->value_class == value_class;
}

static gboolean
segment_test (const RptCustomerScore *s,
              guint                   segment)
{
  return s->segment == segment;
}

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  title)
{
  return ui_row_titled (widget, title);
}

static gboolean
counted (gpointer editor)
{
  return rpt_segment_editor_get_count (editor) >= 0;
}

static gboolean
no_editor (gpointer data)
{
  return ui_find_toplevel (RPT_TYPE_SEGMENT_EDITOR) == NULL;
}

/* The first condition row under WIDGET */
static gboolean
is_condition (GtkWidget     *widget,
              gconstpointer  data)
{
  return g_object_get_data (G_OBJECT (widget), "rpt-condition") != NULL;
}

/* The rule builder: an existing segment read back as saved; a new one
 * made of a condition and a nested group, counted as it changes, saved,
 * and on the dashboard after. */
static void
build_segment (RptWindow        *window,
               RptSegmentsPage  *page,
               RptSegmentReport *report)
{
  RptCustomerStore *store = rpt_window_get_store (window);
  g_autoptr(RptSavedSegment) lost = rpt_customer_store_find_segment (store, "Lost ones", NULL);
  RptSegmentEditor *editor = rpt_segments_page_edit_segment (page, "Lost ones");
  g_autofree char *rule = rpt_segment_editor_dup_rule (editor);
  g_autoptr(RptSavedSegment) saved = NULL;
  GtkWidget *row, *value;
  guint lost_n = report->segment_counts[RPT_RFM_LOST], at_risk_n = report->segment_counts[RPT_RFM_AT_RISK];
  g_autoptr(GError) error = NULL;

  /* the single condition comes back inside a group of all */
  g_assert_nonnull (strstr (rule, "\"value\":\"lost\""));
  ui_wait_for (counted, editor, "the count");
  g_assert_cmpint (rpt_segment_editor_get_count (editor), ==, (int) lost_n);
  gtk_window_destroy (GTK_WINDOW (editor));
  ui_wait_for (no_editor, NULL, "the editor to close");

  /* new: lost, or (a nested group) at risk */
  editor = rpt_segments_page_edit_segment (page, NULL);
  gtk_editable_set_text (GTK_EDITABLE (ui_find (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, NULL, NULL)), "Slipping");
  row = ui_find (rpt_segment_editor_get_root_group (editor), GTK_TYPE_BOX, is_condition, NULL);
  value = g_object_get_data (G_OBJECT (row), "rpt-value");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (value), RPT_RFM_LOST - 1);
  gtk_drop_down_set_selected (g_object_get_data (G_OBJECT (rpt_segment_editor_get_root_group (editor)), "rpt-match"),
                              1);
  ui_click (rpt_segment_editor_get_root_group (editor), _("Add Group"));
  {
    GtkWidget *children = g_object_get_data (G_OBJECT (rpt_segment_editor_get_root_group (editor)), "rpt-children");
    GtkWidget *nested = gtk_widget_get_last_child (children);
    GtkWidget *inner = ui_find (nested, GTK_TYPE_BOX, is_condition, NULL);

    g_assert_null (g_object_get_data (G_OBJECT (nested), "rpt-condition"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (inner), "rpt-value")),
                                RPT_RFM_AT_RISK - 1);
  }
  ui_spin (350);
  ui_wait_for (counted, editor, "the count");
  g_assert_cmpint (rpt_segment_editor_get_count (editor), ==, (int) (lost_n + at_risk_n));
  gtk_widget_activate_action (GTK_WIDGET (editor), "segment.save", NULL);
  ui_wait_for (no_editor, NULL, "the editor to close");
  saved = rpt_customer_store_find_segment (store, "Slipping", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved->rule, "\"match\":\"any\""));
  g_assert_nonnull (strstr (saved->rule, "at-risk"));
  g_assert_nonnull (lost);
}

static gboolean
run_script (gpointer app)
{
  RptWindow *window;
  RptSegmentsPage *page;
  RptCustomersPage *customers;
  RptSegmentReport *report;
  guint best = 0, best_n = 0, all;
  GtkWidget *cell, *button;

  ui_wait_for (ui_has_window, app, "the main window");
  window = RPT_WINDOW (gtk_application_get_active_window (app));
  customers = rpt_window_get_customers_page (window);
  all = g_list_model_get_n_items (G_LIST_MODEL (rpt_customers_page_get_list (customers)));
  page = RPT_SEGMENTS_PAGE (ui_find (GTK_WIDGET (window), RPT_TYPE_SEGMENTS_PAGE, NULL, NULL));
  /* a saved segment, pinned: shown on the dashboard with its count */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (rpt_customer_store_save_segment (rpt_window_get_store (window), "Lost ones",
                                                    "{\"field\": \"segment\", \"op\": \"is\", \"value\": \"lost\"}",
                                                    TRUE, &error));
    g_assert_no_error (error);
  }
  rpt_segments_page_set_today (page, "2026-11-24");
  rpt_window_show_page (window, "segments");
  ui_wait_for (ui_dashboard_ready, page, "the dashboard");
  report = rpt_segments_page_get_report (page);

  /* the fullest cell of the grid, clicked: its customers and no others */
  for (guint r = 1; r <= 5; r++)
    for (guint f = 1; f <= 5; f++)
      if (report->grid[r - 1][f - 1] > best_n)
        {
          best_n = report->grid[r - 1][f - 1];
          best = r * 10 + f;
        }
  cell = ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, is_cell, GUINT_TO_POINTER (best));
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_get_focusable (cell));
  g_signal_emit_by_name (cell, "clicked");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (customers)));
  assert_list_is (window, report, cell_test, best);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rpt_customers_page_get_list (customers))), ==, best_n);
  g_assert_nonnull (rpt_customer_list_get_group_label (rpt_customers_page_get_list (customers)));

  /* everyone again */
  ui_click (GTK_WIDGET (customers), _("Show Everyone"));
  g_assert_null (rpt_customer_list_get_group_label (rpt_customers_page_get_list (customers)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rpt_customers_page_get_list (customers))), ==, all);

  /* class A, from the button under the curve */
  rpt_window_show_page (window, "segments");
  button = ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, label_starts, "A: ");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  assert_list_is (window, report, class_test, RPT_VALUE_A);

  build_segment (window, page, report);
  ui_wait_for (ui_dashboard_ready, page, "the dashboard again");
  report = rpt_segments_page_get_report (page);
  g_assert_nonnull (ui_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_titled, "Slipping"));

  /* deleted from the builder, and back with Undo */
  {
    RptSegmentEditor *editor = rpt_segments_page_edit_segment (page, "Slipping");
    g_autoptr(RptSavedSegment) back = NULL;
    g_autoptr(GError) error = NULL;

    ui_click (GTK_WIDGET (editor), _("Delete Segment"));
    ui_wait_for (no_editor, NULL, "the editor to close");
    g_assert_null (rpt_customer_store_find_segment (rpt_window_get_store (window), "Slipping", NULL));
    g_assert_true (rpt_segments_page_undo_delete (page));
    back = rpt_customer_store_find_segment (rpt_window_get_store (window), "Slipping", &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (back->rule, "at-risk"));
    ui_wait_for (ui_dashboard_ready, page, "the dashboard once more");
    report = rpt_segments_page_get_report (page);
  }

  /* the saved segment's row: its members */
  rpt_window_show_page (window, "segments");
  {
    GtkWidget *row = ui_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_titled, "Lost ones");

    g_assert_nonnull (row);
    g_signal_emit_by_name (row, "activated");
    assert_list_is (window, report, segment_test, RPT_RFM_LOST);
  }

  ui_spin (100);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_drill_down (void)
{
  ui_run_app_on_demo ("segments.db", 300, 2024, run_script);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/segments/drill-down", test_drill_down);
  return ui_finish (g_test_run ());
}
