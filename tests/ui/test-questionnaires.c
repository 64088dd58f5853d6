/* test-questionnaires.c — a questionnaire filled in with a customer,
 * driven through the Questionnaires page
 *
 * On a demo shop (whose customers already answered the scored
 * questionnaires): a card is opened, “Personalization readiness” chosen,
 * filled in section by section with the answer buttons — one answer left
 * for later, taken up again with “Continue” — and finished; the results
 * show a bar per dimension against the peers, and the response is
 * completed in the database and on the customer's timeline.
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
#include "rpt-error.h"
#include "rpt-merge-dialog.h"
#include "rpt-questionnaire-store.h"
#include "rpt-questionnaires-page.h"
#include "rpt-window.h"
#include "ui-test-utils.h"

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && ui_row_titled (widget, title);
}

/* The bar of the dimension NAME */
static gboolean
is_bar_of (GtkWidget     *widget,
           gconstpointer  name)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (widget), "rpt-dimension"), name) == 0;
}

/* The answer button for “QUESTION:VALUE” (the page keeps both on it) */
static gboolean
is_answer (GtkWidget     *widget,
           gconstpointer  name)
{
  RptQuestion *question = g_object_get_data (G_OBJECT (widget), "rpt-question");
  const char *value = g_object_get_data (G_OBJECT (widget), "rpt-value");
  g_autofree char *answer = question && value ? g_strdup_printf ("answer:%s:%s", question->key, value) : NULL;

  return g_strcmp0 (answer, name) == 0;
}

static void
press (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = ui_find (root, GTK_TYPE_TOGGLE_BUTTON, is_answer, name);

  if (button == NULL)
    g_error ("no answer button %s", name);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
}

/* The first customer in the list a letter can go to: an address, no
 * objection to letters. */
static guint
first_letter_customer (RptWindow         *window,
                       GtkSelectionModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      RptCustomer *c;
      g_autofree char *street = NULL;
      int channel = 0;
      gboolean quiet = FALSE;

      gtk_selection_model_select_item (model, i, TRUE);
      c = rpt_customers_page_get_selected (rpt_window_get_customers_page (window));
      g_object_get (c, "street", &street, "channel", &channel, "do-not-contact", &quiet, NULL);
      if (street && *street && !quiet && (channel == RPT_CHANNEL_ANY || channel == RPT_CHANNEL_LETTER))
        return i;
    }
  g_error ("no customer takes letters");
}

static gboolean
run_script (gpointer app)
{
  RptWindow *window;
  RptCustomerStore *store;
  GtkSelectionModel *model;
  RptQuestionnairesPage *page;
  GtkWidget *row, *fill;
  g_autoptr(GError) error = NULL;
  g_autoptr(RptQuestionnaire) readiness = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GArray) done = NULL;
  RptCustomer *card;
  gint64 customer, response;
  const char *sections[] = { "processes", "technology", "knowledge", "partners", "relations", "employees",
                             "strategy" };

  ui_wait_for (ui_has_window, app, "the main window");
  window = RPT_WINDOW (gtk_application_get_active_window (app));
  store = rpt_window_get_store (window);
  /* one card open on the Customers page: the customer who answers */
  model = gtk_grid_view_get_model (GTK_GRID_VIEW (ui_find (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW, NULL, NULL)));
  gtk_selection_model_select_item (model, first_letter_customer (window, model), TRUE);
  card = rpt_customers_page_get_selected (rpt_window_get_customers_page (window));
  g_assert_nonnull (card);
  customer = rpt_customer_get_id (card);

  rpt_window_show_page (window, "questionnaires");
  page = RPT_QUESTIONNAIRES_PAGE (ui_find (GTK_WIDGET (window), RPT_TYPE_QUESTIONNAIRES_PAGE, NULL, NULL));
  row = ui_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_titled, "Personalization readiness");
  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  g_assert_cmpstr (rpt_questionnaires_page_get_view (page), ==, "overview");

  fill = ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, ui_has_name, "fill-in");
  g_assert_nonnull (fill);
  g_assert_true (gtk_widget_is_sensitive (fill));
  g_signal_emit_by_name (fill, "clicked");
  g_assert_cmpstr (rpt_questionnaires_page_get_view (page), ==, "fill");
  response = rpt_questionnaires_page_get_response (page);
  g_assert_cmpint (response, >, 0);

  /* the first two sections, then away: the answers are kept */
  for (guint s = 0; s < 2; s++)
    {
      g_autofree char *first = g_strdup_printf ("answer:%s-1:%u", sections[s], 2 + s);
      g_autofree char *second = g_strdup_printf ("answer:%s-2:4", sections[s]);

      press (GTK_WIDGET (page), first);
      press (GTK_WIDGET (page), second);
      ui_click (GTK_WIDGET (page), _("Next"));
    }
  answers = rpt_customer_store_load_answers (store, response, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (answers), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (answers, "technology-1"), ==, "3");

  /* back on the overview, the same response is continued where it stopped */
  rpt_questionnaires_page_set_customer (page, customer);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), NULL);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  fill = ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, ui_has_name, "fill-in");
  g_assert_true (g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (fill)), _("_Continue with ")));
  g_signal_emit_by_name (fill, "clicked");
  g_assert_cmpint (rpt_questionnaires_page_get_response (page), ==, response);
  for (guint s = 2; s < G_N_ELEMENTS (sections); s++)
    {
      g_autofree char *first = g_strdup_printf ("answer:%s-1:%u", sections[s], 1 + s % 5);
      g_autofree char *second = g_strdup_printf ("answer:%s-2:5", sections[s]);

      press (GTK_WIDGET (page), first);
      press (GTK_WIDGET (page), second);
      ui_click (GTK_WIDGET (page), s + 1 < G_N_ELEMENTS (sections) ? _("Next") : _("Finish"));
    }

  /* the results: a bar for each dimension and the overall index */
  g_assert_cmpstr (rpt_questionnaires_page_get_view (page), ==, "results");
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    g_assert_nonnull (ui_find (GTK_WIDGET (page), GTK_TYPE_DRAWING_AREA, is_bar_of, sections[s]));
  g_assert_nonnull (ui_find (GTK_WIDGET (page), GTK_TYPE_DRAWING_AREA, is_bar_of, "overall"));
  readiness = rpt_customer_store_find_questionnaire (store, "personalization-readiness", &error);
  done = rpt_customer_store_completed_responses (store, rpt_questionnaire_get_id (readiness), customer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done->len, ==, 1);
  g_assert_cmpint (g_array_index (done, gint64, 0), ==, response);

  /* the respondent's report letter, saved as PDF: their name, the title,
   * the chart's key */
  {
    g_autofree char *out = g_build_filename (g_get_user_data_dir (), "report.pdf", NULL);
    g_autofree char *uri = g_filename_to_uri (out, NULL, NULL);
    GtkWidget *report = ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, ui_has_name, "report");
    GtkWindow *dialog;
    PopplerDocument *doc;
    PopplerPage *first;
    g_autofree char *text = NULL;

    g_assert_nonnull (report);
    g_signal_emit_by_name (report, "clicked");
    ui_wait_for (ui_has_merge_dialog, NULL, "the report dialog");
    dialog = ui_find_toplevel (RPT_TYPE_MERGE_DIALOG);
    rpt_merge_dialog_set_output_path (RPT_MERGE_DIALOG (dialog), out);
    ui_click (GTK_WIDGET (dialog), _("Continue"));
    ui_wait_for (ui_is_mapped, ui_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, ui_button_labelled, _("Save as PDF…")),
                 "the summary");
    ui_click (GTK_WIDGET (dialog), _("Save as PDF…"));
    ui_wait_for (ui_no_merge_dialog, NULL, "the report to be written");
    doc = poppler_document_new_from_file (uri, NULL, NULL);
    g_assert_nonnull (doc);
    g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
    first = poppler_document_get_page (doc, 0);
    text = poppler_page_get_text (first);
    /* in the customer's language: the questionnaire's title, each dimension's name */
    {
      g_autofree char *language = NULL;
      GPtrArray *dimensions = rpt_questionnaire_get_dimensions (readiness);
      g_autoptr(RptCustomer) respondent = rpt_customer_store_load_summary (store, customer, NULL);

      /* the card object the page held has been replaced since: read it again */
      g_object_get (respondent, "language", &language, NULL);
      g_assert_nonnull (strstr (text, rpt_questionnaire_get_title (readiness, language)));
      for (guint i = 0; i < dimensions->len; i++)
        g_assert_nonnull (strstr (text, rpt_text_get (((RptDimension *) dimensions->pdata[i])->title, language, NULL)));
    }
    g_object_unref (first);
    g_object_unref (doc);
  }
  /* Export…, changed, Import…: the next version, shown; the file's
   * faults refused with the place they are at */
  {
    g_autofree char *path = g_build_filename (g_get_user_data_dir (), "readiness.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *json = NULL;
    g_autoptr(GString) changed = NULL;
    g_autoptr(RptQuestionnaire) latest = NULL;

    g_assert_true (rpt_questionnaires_page_export (page, file, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
    changed = g_string_new (json);
    g_string_replace (changed, "\"Personalization readiness\"", "\"Readiness, shared\"", 1);
    g_assert_true (g_file_set_contents (path, changed->str, -1, NULL));
    g_assert_true (rpt_questionnaires_page_import (page, file, &error));
    g_assert_no_error (error);
    latest = rpt_customer_store_find_questionnaire (store, "personalization-readiness", &error);
    g_assert_cmpint (rpt_questionnaire_get_version (latest), ==, 2);
    g_assert_cmpstr (rpt_questionnaires_page_get_view (page), ==, "overview");
    g_assert_nonnull (ui_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_titled, "Readiness, shared"));
    g_string_replace (changed, "\"scale\"", "\"slider\"", 1);
    g_assert_true (g_file_set_contents (path, changed->str, -1, NULL));
    g_assert_false (rpt_questionnaires_page_import (page, file, &error));
    g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "kind"));
  }
  ui_spin (200);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_fill_in (void)
{
  ui_run_app_on_demo ("questionnaires.db", 60, 17, run_script);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/questionnaires/fill-in", test_fill_in);
  return ui_finish (g_test_run ());
}
