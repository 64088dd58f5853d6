/* test-window.c — a shop owner's first minutes, driven through the widgets
 *
 * Starts the real application on a temporary database, creates a customer
 * in the editor, finds the card by a two-character Chinese substring, logs
 * an interaction, archives the card and undoes it — checking the rows in
 * SQLite after each step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "rpt-application.h"
#include "rpt-customer-editor.h"
#include "rpt-customers-page.h"
#include "rpt-demo.h"
#include "rpt-entry-dialog.h"
#include "rpt-window.h"
#include "ui-test-utils.h"


static gboolean
has_toplevel (gpointer type)
{
  return ui_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
no_toplevel (gpointer type)
{
  return ui_find_toplevel (GPOINTER_TO_SIZE (type)) == NULL;
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
has_count (gpointer data)
{
  CountWait *w = data;
  return g_list_model_get_n_items (w->model) == w->n;
}

static GtkWindow *
open_new_editor (RptWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL);
  ui_wait_for (has_toplevel, GSIZE_TO_POINTER (RPT_TYPE_CUSTOMER_EDITOR), "the editor");
  return ui_find_toplevel (RPT_TYPE_CUSTOMER_EDITOR);
}

static gint64
create_customer (RptWindow *window)
{
  GtkWindow *editor;
  RptCustomerList *list;
  RptCustomer *selected;

  editor = open_new_editor (window);
  ui_set_row_text (GTK_WIDGET (editor), _("Given name"), "梦蝶");
  ui_set_row_text (GTK_WIDGET (editor), _("Family name"), "欧阳");
  ui_click (GTK_WIDGET (editor), _("Save"));
  ui_wait_for (no_toplevel, GSIZE_TO_POINTER (RPT_TYPE_CUSTOMER_EDITOR), "the editor to close");

  list = rpt_customers_page_get_list (RPT_CUSTOMERS_PAGE (ui_find (GTK_WIDGET (window),
                                                                   RPT_TYPE_CUSTOMERS_PAGE, NULL, NULL)));
  g_assert_nonnull (list);
  selected = rpt_customers_page_get_selected (RPT_CUSTOMERS_PAGE (ui_find (GTK_WIDGET (window),
                                                                           RPT_TYPE_CUSTOMERS_PAGE, NULL, NULL)));
  g_assert_nonnull (selected);
  g_assert_cmpstr (rpt_customer_get_display_name (selected), ==, "欧阳梦蝶");
  return rpt_customer_get_id (selected);
}

static void
search_for (RptWindow  *window,
            const char *query,
            guint       expected)
{
  RptCustomersPage *page = RPT_CUSTOMERS_PAGE (ui_find (GTK_WIDGET (window), RPT_TYPE_CUSTOMERS_PAGE,
                                                        NULL, NULL));
  GtkWidget *entry = ui_find (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  CountWait wait = { G_LIST_MODEL (rpt_customers_page_get_list (page)), expected };

  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  ui_wait_for (has_count, &wait, "search results");
}

/* Enter in the search field opens the first card, as a user would */
static void
open_first_result (RptWindow *window,
                   gint64     id)
{
  RptCustomersPage *page = RPT_CUSTOMERS_PAGE (ui_find (GTK_WIDGET (window), RPT_TYPE_CUSTOMERS_PAGE,
                                                        NULL, NULL));
  GtkWidget *entry = ui_find (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  RptCustomer *selected;

  g_signal_emit_by_name (entry, "activate");
  selected = rpt_customers_page_get_selected (page);
  g_assert_nonnull (selected);
  g_assert_cmpint (rpt_customer_get_id (selected), ==, id);
}

static void
log_interaction (RptWindow *window,
                 gint64     id)
{
  RptCustomerStore *store = rpt_window_get_store (window);
  g_autoptr(RptTimelineEntry) last = NULL;
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-interaction", NULL);
  ui_wait_for (has_toplevel, GSIZE_TO_POINTER (RPT_TYPE_ENTRY_DIALOG), "the entry dialog");
  dialog = ui_find_toplevel (RPT_TYPE_ENTRY_DIALOG);
  ui_set_row_text (GTK_WIDGET (dialog), _("Summary"), "Asked about the autumn oolong");
  ui_click (GTK_WIDGET (dialog), _("Save"));
  ui_wait_for (no_toplevel, GSIZE_TO_POINTER (RPT_TYPE_ENTRY_DIALOG), "the dialog to close");
  last = rpt_customer_store_last_interaction (store, id, NULL);
  g_assert_nonnull (last);
  g_assert_cmpstr (rpt_timeline_entry_get_summary (last), ==, "Asked about the autumn oolong");
}

/* A wrong entry is deleted from its row's button, and comes back with Undo */
static void
delete_and_undo (RptWindow *window,
                 gint64     id)
{
  RptCustomerStore *store = rpt_window_get_store (window);
  g_autoptr(RptTimelineEntry) logged = rpt_customer_store_last_interaction (store, id, NULL);
  g_autoptr(RptTimelineEntry) gone = NULL;
  g_autoptr(RptTimelineEntry) back = NULL;
  gint64 entry_id = rpt_timeline_entry_get_id (logged);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-entry", "x", entry_id);
  gone = rpt_customer_store_load_entry (store, entry_id, NULL);
  g_assert_null (gone);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  back = rpt_customer_store_last_interaction (store, id, NULL);
  g_assert_nonnull (back);
  g_assert_cmpint (rpt_timeline_entry_get_id (back), ==, entry_id);
  g_assert_cmpstr (rpt_timeline_entry_get_summary (back), ==, "Asked about the autumn oolong");
}

static gboolean
is_archived (RptCustomerStore *store,
             gint64            id)
{
  g_autoptr(RptCustomer) c = rpt_customer_store_load_summary (store, id, NULL);

  g_assert_nonnull (c);
  return rpt_customer_get_archived (c);
}

static void
archive_and_undo (RptWindow *window,
                  gint64     id)
{
  RptCustomerStore *store = rpt_window_get_store (window);
  RptCustomersPage *page = RPT_CUSTOMERS_PAGE (ui_find (GTK_WIDGET (window), RPT_TYPE_CUSTOMERS_PAGE,
                                                        NULL, NULL));
  CountWait gone = { G_LIST_MODEL (rpt_customers_page_get_list (page)), 0 };
  CountWait back = { G_LIST_MODEL (rpt_customers_page_get_list (page)), 1 };

  gtk_widget_activate_action (GTK_WIDGET (window), "win.archive-customer", NULL);
  g_assert_true (is_archived (store, id));
  ui_wait_for (has_count, &gone, "the card to leave the list");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_false (is_archived (store, id));
  ui_wait_for (has_count, &back, "the card to come back");
}

static gboolean
run_script (gpointer app)
{
  RptWindow *window;
  gint64 id;

  ui_wait_for (ui_has_window, app, "the main window");
  window = RPT_WINDOW (gtk_application_get_active_window (app));
  ui_spin (200);
  /* nothing is chosen yet, so nothing can be edited or logged */
  g_assert_null (rpt_customers_page_get_selected (RPT_CUSTOMERS_PAGE (ui_find (GTK_WIDGET (window),
                                                                               RPT_TYPE_CUSTOMERS_PAGE,
                                                                               NULL, NULL))));
  id = create_customer (window);
  search_for (window, "阳梦", 1);       /* across family and given name, two characters */
  search_for (window, "梦蝶", 1);
  search_for (window, "zzzz", 0);
  search_for (window, "阳梦", 1);
  open_first_result (window, id);
  log_interaction (window, id);
  delete_and_undo (window, id);
  archive_and_undo (window, id);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_owner_flow (void)
{
  ui_run_app_on_demo ("shop.db", 300, 5, run_script);
}

/* The database file is deleted while the app runs: saving a new card must
 * say so, offer to save a copy, and keep the editor open with what was typed. */
static gboolean
run_gone_script (gpointer app)
{
  RptWindow *window;
  GtkWindow *editor;
  const char *path;

  ui_wait_for (ui_has_window, app, "the main window");
  window = RPT_WINDOW (gtk_application_get_active_window (app));
  path = rpt_database_get_path (rpt_window_get_database (window));
  g_assert_cmpint (g_remove (path), ==, 0);

  editor = open_new_editor (window);
  ui_set_row_text (GTK_WIDGET (editor), _("Given name"), "Lucía");
  ui_click (GTK_WIDGET (editor), _("Save"));
  ui_wait_for (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the error dialog");
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    GtkWidget *given;

    g_assert_true (adw_message_dialog_has_response (dialog, "copy"));
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == editor);
    /* the editor is still there, with the name as typed */
    g_assert_true (ui_find_toplevel (RPT_TYPE_CUSTOMER_EDITOR) == editor);
    given = ui_find (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, ui_row_titled, _("Given name"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (given)), ==, "Lucía");
    adw_message_dialog_response (dialog, "close");
  }
  gtk_window_destroy (editor);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_database_gone (void)
{
  ui_run_app_on_demo ("gone.db", 20, 9, run_gone_script);
}

/* A card with nothing in it is not saved: the editor stays, and says why */
static gboolean
run_empty_script (gpointer app)
{
  RptWindow *window;
  GtkWindow *editor;
  guint before;

  ui_wait_for (ui_has_window, app, "the main window");
  window = RPT_WINDOW (gtk_application_get_active_window (app));
  before = rpt_customer_store_count_active (rpt_window_get_store (window));
  editor = open_new_editor (window);
  ui_set_row_text (GTK_WIDGET (editor), _("Given name"), "   ");
  ui_click (GTK_WIDGET (editor), _("Save"));
  ui_spin (200);
  g_assert_true (ui_find_toplevel (RPT_TYPE_CUSTOMER_EDITOR) == editor);
  g_assert_cmpuint (rpt_customer_store_count_active (rpt_window_get_store (window)), ==, before);
  gtk_window_destroy (editor);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_empty_card (void)
{
  ui_run_app_on_demo ("empty.db", 10, 3, run_empty_script);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/window/owner-flow", test_owner_flow);
  g_test_add_func ("/ui/window/database-gone", test_database_gone);
  g_test_add_func ("/ui/window/empty-card", test_empty_card);
  return ui_finish (g_test_run ());
}
