/* test-letters.c — the staff's letters, driven through the Letters page
 *
 * On a demo shop: the examples preview a real letter; a duplicate is
 * edited and saved; then "Write Letters…" checks the recipients of the
 * customer list and saves one PDF, which Poppler reads back, and each
 * letter is noted on its customer's timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "rpt-application.h"
#include "rpt-customers-page.h"
#include "rpt-demo.h"
#include "rpt-letter-store.h"
#include "rpt-letters-page.h"
#include "rpt-merge-dialog.h"
#include "rpt-merge.h"
#include "rpt-timeline-entry.h"
#include "rpt-ui-util.h"
#include "rpt-window.h"
#include "ui-test-utils.h"

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
has_preview (gpointer page)
{
  return rpt_letters_page_get_n_preview_pages (page) > 0;
}

typedef struct
{
  RptLettersPage *page;
  guint           n;
} PagesWait;

static gboolean
has_pages (gpointer data)
{
  PagesWait *w = data;

  return rpt_letters_page_get_n_preview_pages (w->page) == w->n;
}

typedef void (*DialogSetUp) (GtkWidget *dialog);

/* Write Letters from PAGE into OUT through the dialog: SET_UP chooses what
 * to make (NULL: letters, as the dialog opens), BUTTON says how. */
static void
write_through_dialog (GtkWidget   *page,
                      const char  *out,
                      DialogSetUp  set_up,
                      const char  *button)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (page, "letters.write", NULL);
  ui_wait_for (ui_has_merge_dialog, NULL, "the Write Letters dialog");
  dialog = ui_find_toplevel (RPT_TYPE_MERGE_DIALOG);
  rpt_merge_dialog_set_output_path (RPT_MERGE_DIALOG (dialog), out);
  if (set_up != NULL)
    set_up (GTK_WIDGET (dialog));
  ui_click (GTK_WIDGET (dialog), _("Continue"));
  ui_wait_for (ui_is_mapped, ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, ui_button_labelled, button), "the summary");
  ui_click (GTK_WIDGET (dialog), button);
  ui_wait_for (ui_no_merge_dialog, NULL, "the run to end");
}

static void
choose_custom_labels (GtkWidget *dialog)
{
  AdwComboRow *make = ADW_COMBO_ROW (ui_find (dialog, ADW_TYPE_COMBO_ROW, ui_row_titled, _("_Make")));
  AdwComboRow *sheet = ADW_COMBO_ROW (ui_find (dialog, ADW_TYPE_COMBO_ROW, ui_row_titled, _("Label _Sheet")));

  adw_combo_row_set_selected (make, 2);
  adw_combo_row_set_selected (sheet, g_list_model_get_n_items (adw_combo_row_get_model (sheet)) - 1);
}

static gboolean
saved_body (gpointer store)
{
  g_autoptr(GPtrArray) own = rpt_customer_store_list_letter_templates (store, NULL);

  g_auto(GStrv) languages = NULL;

  if (own == NULL || own->len != 1)
    return FALSE;
  languages = rpt_letter_template_list_languages (own->pdata[0]);
  return g_strv_length (languages) == 1
         && g_strrstr (rpt_letter_template_get_body (own->pdata[0], "en"), "Second page") != NULL;
}

static guint
count_letters_noted (RptCustomerStore *store)
{
  g_autoptr(GArray) all = rpt_merge_find_recipients (store, "all", NULL);
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(GArray) ids = rpt_customer_store_timeline_ids (store, g_array_index (all, gint64, i), NULL);

      for (guint j = 0; ids != NULL && j < ids->len; j++)
        {
          g_autoptr(RptTimelineEntry) e = rpt_customer_store_load_entry (store, g_array_index (ids, guint32, j), NULL);

          if (rpt_timeline_entry_get_kind (e) == RPT_ENTRY_LETTER
              && g_str_has_prefix (rpt_timeline_entry_get_summary (e), "Thank you for your purchase"))
            n++;
        }
    }
  return n;
}

static gboolean
run_script (gpointer app)
{
  RptWindow *window;
  RptLettersPage *page;
  RptCustomerStore *store;
  GtkTextView *view;
  GtkDropDown *language;
  g_autofree char *out = g_build_filename (g_get_user_data_dir (), "letters.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (out, NULL, NULL);
  PopplerDocument *doc;
  PagesWait two;
  int n_pages;

  ui_wait_for (ui_has_window, app, "the main window");
  window = RPT_WINDOW (gtk_application_get_active_window (app));
  store = rpt_window_get_store (window);
  rpt_window_show_page (window, "letters");
  page = RPT_LETTERS_PAGE (ui_find (GTK_WIDGET (window), RPT_TYPE_LETTERS_PAGE, NULL, NULL));
  g_assert_nonnull (page);
  /* the first example, previewed for a real customer */
  ui_wait_for (has_preview, page, "the preview");

  /* a copy of the example is the staff's own: edited, saved, previewed on two pages */
  gtk_widget_activate_action (GTK_WIDGET (page), "letters.duplicate", NULL);
  view = GTK_TEXT_VIEW (ui_find (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW, NULL, NULL));
  g_assert_true (gtk_text_view_get_editable (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                            "<b>Hello</b> {{name}}\n\n{{salutation}}\n<pagebreak/>\nSecond page\n\n{{> closing}}", -1);
  /* the other languages' texts are cleared: every customer gets the English one */
  language = GTK_DROP_DOWN (ui_find (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, has_tooltip,
                                     _("The text for customers who read this language")));
  g_assert_nonnull (language);
  for (guint i = 1; i < 4; i++)
    {
      gtk_drop_down_set_selected (language, i);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "", -1);
    }
  gtk_drop_down_set_selected (language, 0);
  {
    g_autofree char *text = rpt_text_view_dup_text (view);

    g_assert_nonnull (strstr (text, "Second page"));
  }
  ui_wait_for (saved_body, store, "the template to be saved");
  two.page = page;
  two.n = 2;
  ui_wait_for (has_pages, &two, "a two-page preview");

  /* write it for the customers in the list */
  write_through_dialog (GTK_WIDGET (page), out, NULL, _("Save as PDF…"));

  doc = poppler_document_new_from_file (uri, NULL, NULL);
  g_assert_nonnull (doc);
  n_pages = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n_pages, >=, 2);
  g_assert_cmpint (n_pages % 2, ==, 0);
  {
    PopplerPage *first = poppler_document_get_page (doc, 0);
    PopplerPage *second = poppler_document_get_page (doc, 1);
    g_autofree char *text = poppler_page_get_text (first);
    g_autofree char *more = poppler_page_get_text (second);

    g_assert_nonnull (strstr (text, "Hello"));
    g_assert_nonnull (strstr (more, "Second page"));
    g_object_unref (first);
    g_object_unref (second);
  }
  g_object_unref (doc);
  /* each letter is on its customer's timeline */
  g_assert_cmpuint (count_letters_noted (store), ==, n_pages / 2);

  /* the same letters through the print system, exported to a PDF as no printer is attached */
  g_unlink (out);
  write_through_dialog (GTK_WIDGET (page), out, NULL, _("Print…"));
  doc = poppler_document_new_from_file (uri, NULL, NULL);
  g_assert_nonnull (doc);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, n_pages);
  {
    PopplerPage *second = poppler_document_get_page (doc, 1);
    g_autofree char *more = poppler_page_get_text (second);

    g_assert_nonnull (strstr (more, "Second page"));
    g_object_unref (second);
  }
  g_object_unref (doc);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

/* Three customers selected by hand on the Customers page are the ones the
 * letters go to. */
static gboolean
run_selected_script (gpointer app)
{
  RptWindow *window;
  GtkGridView *grid;
  GtkSelectionModel *model;
  GtkWidget *page;
  g_autofree char *out = g_build_filename (g_get_user_data_dir (), "selected.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (out, NULL, NULL);
  g_autoptr(GArray) ids = NULL;
  PopplerDocument *doc;

  ui_wait_for (ui_has_window, app, "the main window");
  window = RPT_WINDOW (gtk_application_get_active_window (app));
  grid = GTK_GRID_VIEW (ui_find (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW, NULL, NULL));
  model = gtk_grid_view_get_model (grid);
  gtk_selection_model_select_range (model, 0, 3, TRUE);
  ids = rpt_customers_page_dup_selected_ids (rpt_window_get_customers_page (window));
  g_assert_cmpuint (ids->len, ==, 3);
  /* several selected: no card is open, the page says how many */
  g_assert_null (rpt_customers_page_get_selected (rpt_window_get_customers_page (window)));

  rpt_window_show_page (window, "letters");
  page = ui_find (GTK_WIDGET (window), RPT_TYPE_LETTERS_PAGE, NULL, NULL);
  write_through_dialog (page, out, NULL, _("Save as PDF…"));
  doc = poppler_document_new_from_file (uri, NULL, NULL);
  g_assert_nonnull (doc);
  /* at most the three, each a one-page example letter; the others are skipped with a reason */
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 1);
  g_assert_cmpint (poppler_document_get_n_pages (doc), <=, 3);
  g_object_unref (doc);

  /* the same customers on labels of a sheet of the staff's own measures: one page */
  g_unlink (out);
  write_through_dialog (page, out, choose_custom_labels, _("Save as PDF…"));
  doc = poppler_document_new_from_file (uri, NULL, NULL);
  g_assert_nonnull (doc);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  g_object_unref (doc);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_selected (void)
{
  ui_run_app_on_demo ("selected.db", 40, 13, run_selected_script);
}

static void
test_write_letters (void)
{
  ui_run_app_on_demo ("letters.db", 60, 11, run_script);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/letters/write", test_write_letters);
  g_test_add_func ("/ui/letters/selected", test_selected);
  return ui_finish (g_test_run ());
}
