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
#include "rpt-questionnaire-designer.h"
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

/* The designer ----------------------------------------------------------- */

static gboolean
edits_member (GtkWidget     *widget,
              gconstpointer  member)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (widget), "rpt-member"), member) == 0;
}

static void
collect (GtkWidget  *root,
         GType       type,
         const char *member,
         GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && edits_member (root, member))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, member, found);
}

/* The editor's fields for MEMBER, in the order shown */
static GPtrArray *
fields (RptQuestionnaireDesigner *designer,
        GType                     type,
        const char               *member)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (GTK_WIDGET (rpt_questionnaire_designer_get_editor (designer)), type, member, found);
  if (found->len == 0)
    g_error ("the editor has no field for “%s”", member);
  return found;
}

static void
type_into (RptQuestionnaireDesigner *designer,
           const char               *member,
           guint                     index,
           const char               *text)
{
  g_autoptr(GPtrArray) entries = fields (designer, GTK_TYPE_ENTRY, member);

  g_assert_cmpuint (index, <, entries->len);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[index]), text);
}

static void
spin_to (RptQuestionnaireDesigner *designer,
         const char               *member,
         double                    value)
{
  g_autoptr(GPtrArray) spins = fields (designer, GTK_TYPE_SPIN_BUTTON, member);

  gtk_spin_button_set_value (spins->pdata[0], value);
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
is_heading (GtkWidget     *widget,
            gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
editor_has_range (gpointer designer)
{
  return ui_find (GTK_WIDGET (rpt_questionnaire_designer_get_editor (designer)), GTK_TYPE_SPIN_BUTTON,
                  edits_member, "min") != NULL;
}

static gboolean
problem_shown (gpointer designer)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (ui_find (designer, GTK_TYPE_REVEALER, NULL, NULL)));
}

static gboolean
problem_gone (gpointer designer)
{
  return !problem_shown (designer);
}

static gboolean
no_designer (gpointer data)
{
  return ui_find_toplevel (RPT_TYPE_QUESTIONNAIRE_DESIGNER) == NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Chooses the outline's row of the part called KEY */
static void
choose_part (RptQuestionnaireDesigner *designer,
             const char               *key)
{
  GtkListBox *outline = rpt_questionnaire_designer_get_outline (designer);

  for (int i = 0; gtk_list_box_get_row_at_index (outline, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (outline, i);
      JsonObject *part = g_object_get_data (G_OBJECT (row), "rpt-part");

      if (part != NULL && g_strcmp0 (json_object_get_string_member_with_default (part, "key", ""), key) == 0)
        {
          gtk_list_box_select_row (outline, row);
          return;
        }
    }
  g_error ("no part %s in the outline", key);
}

static guint
questions_in_draft (RptQuestionnaireDraft *draft)
{
  JsonArray *sections = rpt_questionnaire_draft_get_sections (draft);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (sections); i++)
    n += json_array_get_length (rpt_questionnaire_draft_get_questions (json_array_get_object_element (sections, i)));
  return n;
}

static gboolean
run_designer (gpointer app)
{
  RptWindow *window;
  RptCustomerStore *store;
  RptQuestionnairesPage *page;
  RptQuestionnaireDesigner *designer;
  RptQuestionnaireDraft *draft;
  GtkWidget *stack, *row;
  GtkDropDown *languages;
  g_autoptr(GError) error = NULL;
  g_autoptr(RptQuestionnaire) saved = NULL;
  g_autoptr(RptQuestionnaire) before = NULL;
  g_autoptr(RptQuestionnaire) after = NULL;
  RptQuestion *question;
  guint answered;

  ui_wait_for (ui_has_window, app, "the main window");
  window = RPT_WINDOW (gtk_application_get_active_window (app));
  store = rpt_window_get_store (window);
  rpt_window_show_page (window, "questionnaires");
  page = RPT_QUESTIONNAIRES_PAGE (ui_find (GTK_WIDGET (window), RPT_TYPE_QUESTIONNAIRES_PAGE, NULL, NULL));

  /* a new questionnaire: its title, then a question of one choice with a third option */
  g_signal_emit_by_name (ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, has_tooltip, "New Questionnaire…"), "clicked");
  designer = RPT_QUESTIONNAIRE_DESIGNER (ui_find_toplevel (RPT_TYPE_QUESTIONNAIRE_DESIGNER));
  g_assert_nonnull (designer);
  draft = rpt_questionnaire_designer_get_draft (designer);
  languages = GTK_DROP_DOWN (ui_find (GTK_WIDGET (designer), GTK_TYPE_DROP_DOWN, NULL, NULL));
  gtk_drop_down_set_selected (languages, 0);   /* English */
  type_into (designer, "title", 0, "Visit survey");
  gtk_widget_activate_action (GTK_WIDGET (designer), "designer.add-question", NULL);
  g_assert_cmpuint (questions_in_draft (draft), ==, 2);
  g_signal_emit_by_name (ui_find (GTK_WIDGET (designer), GTK_TYPE_BUTTON, has_tooltip, "Add an Option"), "clicked");
  type_into (designer, "text", 0, "How often do you visit?");
  type_into (designer, "text", 1, "Rarely");
  type_into (designer, "text", 2, "Monthly");
  type_into (designer, "text", 3, "Weekly");
  spin_to (designer, "score", 0);

  /* the same in Chinese: the English beside it to translate from */
  gtk_drop_down_set_selected (languages, 1);   /* zh_CN */
  {
    g_autoptr(GPtrArray) entries = fields (designer, GTK_TYPE_ENTRY, "text");

    g_assert_cmpstr (gtk_editable_get_text (entries->pdata[0]), ==, "");
    g_assert_cmpstr (gtk_entry_get_placeholder_text (entries->pdata[0]), ==, "How often do you visit?");
  }
  type_into (designer, "text", 0, "您多久来一次？");
  type_into (designer, "text", 3, "每周");

  /* removed, and back with Undo */
  gtk_widget_activate_action (GTK_WIDGET (designer), "designer.remove", NULL);
  g_assert_cmpuint (questions_in_draft (draft), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (designer), "designer.undo", NULL);
  g_assert_cmpuint (questions_in_draft (draft), ==, 2);

  /* a consistency check: the first question's self-rating against the
   * second; with nothing to measure it is refused until checked again */
  gtk_widget_activate_action (GTK_WIDGET (designer), "designer.add-rule", NULL);
  spin_to (designer, "tolerance", 15);
  {
    g_autoptr(GPtrArray) checks = fields (designer, GTK_TYPE_CHECK_BUTTON, "question-2");

    g_assert_true (gtk_check_button_get_active (checks->pdata[0]));
    gtk_check_button_set_active (checks->pdata[0], FALSE);
    ui_wait_for (problem_shown, designer, "the empty check to be refused");
  }
  {
    g_autoptr(GPtrArray) checks = fields (designer, GTK_TYPE_CHECK_BUTTON, "question-2");

    gtk_check_button_set_active (checks->pdata[0], TRUE);
    ui_wait_for (problem_gone, designer, "the check to be accepted");
  }

  /* the first question as a number from 5 to 5: said at the top, until mended */
  choose_part (designer, "question-1");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find (GTK_WIDGET (rpt_questionnaire_designer_get_editor (designer)),
                                                      ADW_TYPE_COMBO_ROW, row_titled, "Answer")),
                              RPT_QUESTION_NUMBER);
  ui_wait_for (editor_has_range, designer, "the number's range in the editor");
  spin_to (designer, "min", 5);
  spin_to (designer, "max", 5);
  ui_wait_for (problem_shown, designer, "the fault to be shown");
  spin_to (designer, "max", 10);
  ui_wait_for (problem_gone, designer, "the fault to go");

  /* the preview, in Chinese */
  stack = ui_find (GTK_WIDGET (designer), GTK_TYPE_STACK, ui_stack_has, "preview");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "preview");
  g_assert_nonnull (ui_find (GTK_WIDGET (rpt_questionnaire_designer_get_preview (designer)), GTK_TYPE_LABEL,
                             is_heading, "您多久来一次？"));
  g_assert_nonnull (ui_find (GTK_WIDGET (rpt_questionnaire_designer_get_preview (designer)), GTK_TYPE_CHECK_BUTTON,
                             NULL, NULL));

  /* saved: in the store and chosen on the page */
  gtk_widget_activate_action (GTK_WIDGET (designer), "designer.save", NULL);
  ui_wait_for (no_designer, NULL, "the designer to close");
  saved = rpt_customer_store_find_questionnaire (store, "questionnaire-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (rpt_questionnaire_get_title (saved, "en"), ==, "Visit survey");
  question = rpt_questionnaire_find_question (saved, "question-2");
  g_assert_nonnull (question);
  g_assert_cmpstr (rpt_text_get (question->text, "zh_CN", "en"), ==, "您多久来一次？");
  g_assert_cmpuint (question->options->len, ==, 3);
  g_assert_cmpstr (rpt_text_get (((RptOption *) question->options->pdata[2])->text, "zh_CN", "en"), ==, "每周");
  g_assert_cmpstr (rpt_text_get (((RptOption *) question->options->pdata[1])->text, "zh_CN", "en"), ==, "Monthly");
  g_assert_cmpint (rpt_questionnaire_find_question (saved, "question-1")->kind, ==, RPT_QUESTION_NUMBER);
  g_assert_cmpuint (rpt_questionnaire_get_rules (saved)->len, ==, 1);
  {
    RptConsistencyRule *rule = rpt_questionnaire_get_rules (saved)->pdata[0];

    g_assert_cmpstr (rule->self, ==, "question-1");
    g_assert_cmpstr (rule->measures[0], ==, "question-2");
    g_assert_null (rule->measures[1]);
    g_assert_cmpfloat (rule->tolerance, ==, 15);
  }
  row = ui_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_titled, "Visit survey");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));

  /* an answered questionnaire changed: its next version; the answers keep theirs */
  before = rpt_customer_store_find_questionnaire (store, "personalization-readiness", &error);
  answered = rpt_customer_store_count_responses (store, rpt_questionnaire_get_id (before), FALSE);
  g_assert_cmpuint (answered, >, 0);
  row = ui_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, row_titled, "Personalization readiness");
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  ui_click (GTK_WIDGET (page), _("Edit…"));
  designer = RPT_QUESTIONNAIRE_DESIGNER (ui_find_toplevel (RPT_TYPE_QUESTIONNAIRE_DESIGNER));
  type_into (designer, "title", 0, "Readiness, revised");
  gtk_widget_activate_action (GTK_WIDGET (designer), "designer.save", NULL);
  ui_wait_for (no_designer, NULL, "the designer to close");
  after = rpt_customer_store_find_questionnaire (store, "personalization-readiness", &error);
  g_assert_cmpint (rpt_questionnaire_get_version (after), ==, rpt_questionnaire_get_version (before) + 1);
  g_assert_cmpstr (rpt_questionnaire_get_title (after, "en"), ==, "Readiness, revised");
  g_assert_cmpuint (rpt_customer_store_count_responses (store, rpt_questionnaire_get_id (before), FALSE), ==, answered);
  g_assert_cmpuint (rpt_customer_store_count_responses (store, rpt_questionnaire_get_id (after), FALSE), ==, 0);

  /* closed with a change: asked first; discarded, nothing saved */
  ui_click (GTK_WIDGET (page), _("Edit…"));
  designer = RPT_QUESTIONNAIRE_DESIGNER (ui_find_toplevel (RPT_TYPE_QUESTIONNAIRE_DESIGNER));
  type_into (designer, "title", 0, "Not kept");
  gtk_window_close (GTK_WINDOW (designer));
  ui_wait_for (has_message_dialog, NULL, "the question whether to save");
  g_assert_nonnull (ui_find_toplevel (RPT_TYPE_QUESTIONNAIRE_DESIGNER));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "discard");
  ui_wait_for (no_designer, NULL, "the designer to close");
  g_clear_pointer (&after, rpt_questionnaire_unref);
  after = rpt_customer_store_find_questionnaire (store, "personalization-readiness", &error);
  g_assert_cmpstr (rpt_questionnaire_get_title (after, "en"), ==, "Readiness, revised");

  ui_spin (200);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_designer (void)
{
  ui_run_app_on_demo ("designer.db", 30, 5, run_designer);
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
  g_test_add_func ("/ui/questionnaires/designer", test_designer);
  return ui_finish (g_test_run ());
}
