/* test-screenshot.c — the window renders, translated, in en, zh_CN and es
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "rpt-application.h"
#include "rpt-customer-editor.h"
#include "rpt-customers-page.h"
#include "rpt-entry-dialog.h"
#include "rpt-preferences-window.h"
#include "rpt-questionnaire-store.h"
#include "rpt-questionnaires-page.h"
#include "rpt-segments-page.h"
#include "rpt-demo.h"
#include "rpt-window.h"
#include "ui-test-utils.h"

static const char *png_path;

static gboolean
is_mapped (gpointer app)
{
  GtkWindow *window = gtk_application_get_active_window (app);

  return RPT_IS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window))
         && gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GskRenderNode *
snapshot_node (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window), gtk_widget_get_height (window));
  return gtk_snapshot_free_to_node (snapshot);
}

/* A window has something to show once it has been drawn at least once. */
static gboolean
has_drawn (gpointer window)
{
  g_autoptr(GskRenderNode) node = snapshot_node (window);

  return node != NULL;
}

static GdkTexture *
render (GtkWidget *window)
{
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  g_autoptr(GskRenderNode) node = snapshot_node (window);

  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* A blank or single-colour picture is a failed rendering. */
static guint
count_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  for (int i = 0; i < width * height; i += 7)
    g_hash_table_add (seen, GUINT_TO_POINTER (pixels[i]));
  return g_hash_table_size (seen);
}

static gboolean
has_toplevel (gpointer type)
{
  GtkWindow *window = ui_find_toplevel (GPOINTER_TO_SIZE (type));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window))
         && gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

static void
save_shot (GtkWidget  *window,
           const char *suffix)
{
  g_autoptr(GdkTexture) texture = NULL;

  /* what changed on it since is drawn first */
  ui_wait_for (has_drawn, window, "the window to be drawn");
  texture = render (window);
  g_autofree char *base = g_strndup (png_path, strlen (png_path) - strlen (".png"));
  g_autofree char *path = g_strconcat (base, suffix, ".png", NULL);

  g_assert_cmpint (gdk_texture_get_width (texture), >=, 300);
  g_assert_cmpuint (count_colours (texture), >, 20);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Open a dialog through its action, check its translated title, keep a picture of it. */
static void
shoot_dialog (GtkWidget  *window,
              const char *action,
              GType       type,
              const char *title,
              const char *suffix)
{
  GtkWindow *dialog;

  if (g_str_has_prefix (action, "app."))
    g_action_group_activate_action (G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (window))),
                                    action + 4, NULL);
  else
    gtk_widget_activate_action (window, action, NULL);
  ui_wait_for (has_toplevel, GSIZE_TO_POINTER (type), title);
  dialog = ui_find_toplevel (type);
  ui_wait_for (has_drawn, dialog, "the dialog to be drawn");
  ui_spin (300);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, title);
  save_shot (GTK_WIDGET (dialog), suffix);
  gtk_window_destroy (dialog);
  ui_spin (100);
}

/* Customer 1 answers “Personalization readiness”; its results, drawn. */
static void
shoot_results (GtkWidget *window)
{
  RptCustomerStore *store = rpt_window_get_store (RPT_WINDOW (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(RptQuestionnaire) q = NULL;
  GtkWidget *page, *list, *latest;
  GPtrArray *sections;
  gint64 id;

  rpt_window_show_page (RPT_WINDOW (window), "questionnaires");
  g_assert_true (rpt_customer_store_ensure_questionnaires (store, &error));
  q = rpt_customer_store_find_questionnaire (store, "personalization-readiness", &error);
  g_assert_no_error (error);
  id = rpt_customer_store_start_response (store, rpt_questionnaire_get_id (q), 1, "", &error);
  sections = rpt_questionnaire_get_sections (q);
  for (guint s = 0; s < sections->len; s++)
    {
      GPtrArray *questions = ((RptSection *) sections->pdata[s])->questions;

      for (guint i = 0; i < questions->len; i++)
        {
          g_autofree char *value = g_strdup_printf ("%u", 1 + (s + i * 2) % 5);

          g_assert_true (rpt_customer_store_set_answer (store, id, ((RptQuestion *) questions->pdata[i])->key,
                                                        value, &error));
        }
    }
  g_assert_true (rpt_customer_store_complete_response (store, id, &error));
  page = ui_find (window, RPT_TYPE_QUESTIONNAIRES_PAGE, NULL, NULL);
  list = ui_find (page, GTK_TYPE_LIST_BOX, NULL, NULL);
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
  latest = ui_find (page, GTK_TYPE_BUTTON, ui_has_name, "latest-results");
  g_assert_nonnull (latest);
  g_signal_emit_by_name (latest, "clicked");
  g_assert_cmpstr (rpt_questionnaires_page_get_view (RPT_QUESTIONNAIRES_PAGE (page)), ==, "results");
  ui_spin (400);
  ui_wait_for (has_drawn, window, "the results to be drawn");
  save_shot (window, "-results");
}

/* A button whose label, mnemonic and all, is LABEL */
static gboolean
button_is (GtkWidget     *widget,
           gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The dashboard of the demo shop as of the day its history ends */
static void
shoot_segments (GtkWidget *window)
{
  GtkWidget *page = ui_find (window, RPT_TYPE_SEGMENTS_PAGE, NULL, NULL);

  rpt_segments_page_set_today (RPT_SEGMENTS_PAGE (page), "2026-11-24");
  rpt_window_show_page (RPT_WINDOW (window), "segments");
  ui_wait_for (ui_dashboard_ready, page, "the dashboard");
  ui_spin (500);
  ui_wait_for (has_drawn, window, "the dashboard to be drawn");
  save_shot (window, "-segments");
  /* the rule builder, a new segment with a nested group */
  {
    RptSegmentEditor *editor = rpt_segments_page_edit_segment (RPT_SEGMENTS_PAGE (page), NULL);

    ui_wait_for (has_drawn, editor, "the rule builder to be drawn");
    g_signal_emit_by_name (ui_find (rpt_segment_editor_get_root_group (editor), GTK_TYPE_BUTTON, button_is,
                                     _("Add _Group")), "clicked");
    ui_spin (600);
    save_shot (GTK_WIDGET (editor), "-segment-editor");
    gtk_window_destroy (GTK_WINDOW (editor));
    ui_spin (100);
  }
  /* further down, in a taller window: the grid, the segments */
  {
    GtkWidget *stack = ui_find (page, GTK_TYPE_STACK, NULL, NULL);
    GtkWidget *scrolled = gtk_stack_get_child_by_name (GTK_STACK (stack), "dashboard");

    gtk_window_set_default_size (GTK_WINDOW (window), 1200, 1000);
    ui_spin (500);
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 700);
    ui_spin (500);
    ui_wait_for (has_drawn, window, "the dashboard to be drawn again");
    save_shot (window, "-segments-grid");
  }
}

/* The designer on the questionnaire chosen: its first question in the
 * interface's language, then the preview */
static void
shoot_designer (GtkWidget *window)
{
  GtkWidget *page = ui_find (window, RPT_TYPE_QUESTIONNAIRES_PAGE, NULL, NULL);
  RptQuestionnaireDesigner *designer = rpt_questionnaires_page_open_designer (RPT_QUESTIONNAIRES_PAGE (page), FALSE);
  GtkListBox *outline = rpt_questionnaire_designer_get_outline (designer);
  GtkWidget *stack;

  ui_wait_for (has_drawn, designer, "the designer to be drawn");
  /* the general row, two headings and a dimension or more, a section: a question follows */
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (outline, i);

      g_assert_nonnull (row);
      if (gtk_widget_get_margin_start (gtk_list_box_row_get_child (row)) > 0)
        {
          gtk_list_box_select_row (outline, row);
          break;
        }
    }
  ui_spin (300);
  save_shot (GTK_WIDGET (designer), "-designer");
  stack = ui_find (GTK_WIDGET (designer), GTK_TYPE_STACK, ui_stack_has, "preview");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "preview");
  ui_spin (300);
  save_shot (GTK_WIDGET (designer), "-designer-preview");
  gtk_window_destroy (GTK_WINDOW (designer));
  ui_spin (100);
}

static gboolean
run_script (gpointer app)
{
  GtkWidget *window;
  const char *customers = _("Customers");
  g_autoptr(GdkTexture) texture = NULL;
  RptCustomersPage *page;

  ui_wait_for (is_mapped, app, "the window on screen");
  window = GTK_WIDGET (gtk_application_get_active_window (app));
  page = RPT_CUSTOMERS_PAGE (ui_find (window, RPT_TYPE_CUSTOMERS_PAGE, NULL, NULL));
  rpt_customers_page_select_id (page, 1);
  ui_wait_for (has_drawn, window, "the window to be drawn");
  ui_spin (500);

  /* the translation is loaded and on screen */
  if (!g_str_has_prefix (g_getenv ("LANGUAGE"), "en"))
    g_assert_cmpstr (customers, !=, "Customers");
  g_assert_nonnull (ui_find (window, GTK_TYPE_LABEL, label_is, customers));

  texture = render (window);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, 360);
  g_assert_cmpuint (count_colours (texture), >, 50);
  g_assert_true (gdk_texture_save_to_png (texture, png_path));

  shoot_dialog (window, "win.edit-customer", RPT_TYPE_CUSTOMER_EDITOR, _("Edit Customer"), "-editor");
  shoot_dialog (window, "win.log-interaction", RPT_TYPE_ENTRY_DIALOG, _("Log Interaction"), "-entry");
  shoot_dialog (window, "win.open-complaint", RPT_TYPE_ENTRY_DIALOG, _("Open Complaint"), "-complaint");
  shoot_dialog (window, "app.preferences", RPT_TYPE_PREFERENCES_WINDOW, _("Preferences"), "-preferences");
  shoot_results (window);
  shoot_designer (window);
  shoot_segments (window);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_screenshot (void)
{
  ui_run_app_on_demo ("shop.db", 300, 2024, run_script);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: test-screenshot OUTPUT.png\n");
      return 2;
    }
  png_path = argv[1];
  g_test_add_func ("/ui/screenshot", test_screenshot);
  return ui_finish (g_test_run ());
}
