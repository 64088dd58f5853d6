/* rpt-questionnaires-page.c — questionnaires: the list, filling one in
 * with a customer one section at a time, and where they stand
 *
 * Every answer is saved as it is given, so a response left half-done is
 * taken up again where it stopped. The results draw each dimension's
 * score against the peers' middle half and median, naming the cohort;
 * no comparison is drawn without a cohort of at least five.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-questionnaires-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rpt-letter-template.h"
#include "rpt-merge-dialog.h"
#include "rpt-question-form.h"
#include "rpt-questionnaire-designer.h"
#include "rpt-questionnaire-store.h"
#include "rpt-questionnaires-page.h"

struct _RptQuestionnairesPage
{
  GtkWidget         parent_instance;

  GtkWidget        *root;
  GtkToggleButton  *flap_button;
  AdwWindowTitle   *title;
  GtkListBox       *list;
  GtkStack         *content;
  GtkBox           *overview_box;
  GtkBox           *questions_box;
  GtkBox           *results_box;
  GtkButton        *previous_button;
  GtkButton        *next_button;
  GtkLabel         *progress_label;
  GtkButton        *import_button;
  GtkButton        *export_button;
  GtkButton        *new_button;

  RptCustomerStore *store;
  GPtrArray        *questionnaires;   /* of RptQuestionnaire, as listed */
  RptQuestionnaire *current;
  gint64            customer_id;
  char             *language;         /* of the customer, else the interface's */
  gint64            response_id;
  GHashTable       *answers;          /* of the response being filled in */
  guint             section;
};

G_DEFINE_FINAL_TYPE (RptQuestionnairesPage, rpt_questionnaires_page, GTK_TYPE_WIDGET)

static void show_overview (RptQuestionnairesPage *self);
static void on_edit_clicked (RptQuestionnairesPage *self);

/* The list, the overview and the results are the staff's: in the
 * interface's language. The questions are the customer's: in theirs (and
 * so is the report letter). */
static const char *
ui_language (void)
{
  return g_get_language_names ()[0];
}

static void
show_error (RptQuestionnairesPage *self,
            const GError          *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  AdwMessageDialog *dialog;

  if (window == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), _("Questionnaire"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The list ------------------------------------------------------------- */

/* Each row's count of responses; again when one is completed, the rows
 * and the selection kept. */
static void
update_counts (RptQuestionnairesPage *self)
{
  for (guint i = 0; self->questionnaires != NULL && i < self->questionnaires->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) i);
      guint n = rpt_customer_store_count_responses (self->store,
                                                    rpt_questionnaire_get_id (self->questionnaires->pdata[i]), TRUE);
      g_autofree char *count = g_strdup_printf (ngettext ("%u response", "%u responses", n), n);

      if (row != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);
    }
}

static void
reload_list (RptQuestionnairesPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->questionnaires, g_ptr_array_unref);
  if (!rpt_customer_store_ensure_questionnaires (self->store, &error)
      || (self->questionnaires = rpt_customer_store_list_questionnaires (self->store, &error)) == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < self->questionnaires->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     rpt_questionnaire_get_title (self->questionnaires->pdata[i], ui_language ()));
      gtk_list_box_append (self->list, row);
    }
  update_counts (self);
}

static void
on_row_selected (RptQuestionnairesPage *self,
                 GtkListBoxRow         *row)
{
  g_clear_pointer (&self->current, rpt_questionnaire_unref);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  if (row == NULL || self->questionnaires == NULL)
    {
      gtk_stack_set_visible_child_name (self->content, "empty");
      return;
    }
  self->current = rpt_questionnaire_ref (self->questionnaires->pdata[gtk_list_box_row_get_index (row)]);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  show_overview (self);
}

/* Filling in ------------------------------------------------------------ */

static void show_section (RptQuestionnairesPage *self);
static void show_results (RptQuestionnairesPage *self,
                          gint64                 response_id);
static void on_report_clicked (RptQuestionnairesPage *self);

static gboolean
save_answer (RptQuestion  *question,
             const char   *value,
             gpointer      user_data,
             GError      **error)
{
  RptQuestionnairesPage *self = user_data;

  return rpt_customer_store_set_answer (self->store, self->response_id, question->key, value, error);
}

static gboolean
save_typed (RptQuestionnairesPage *self)
{
  return rpt_question_form_save_typed (self->questions_box);
}

static void
show_section (RptQuestionnairesPage *self)
{
  GPtrArray *sections = rpt_questionnaire_get_sections (self->current);
  RptSection *section = sections->pdata[self->section];
  g_autofree char *progress = g_strdup_printf (_("Section %u of %u"), self->section + 1, sections->len);

  rpt_question_form_show (self->questions_box, section, self->language,
                          rpt_questionnaire_get_default_language (self->current), self->answers, save_answer, self);
  gtk_label_set_text (self->progress_label, progress);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), self->section > 0);
  gtk_button_set_label (self->next_button, self->section + 1 < sections->len ? _("_Next") : _("_Finish"));
  gtk_stack_set_visible_child_name (self->content, "fill");
}

static void
go_previous (RptQuestionnairesPage *self)
{
  if (self->response_id == 0 || self->section == 0)
    return;
  save_typed (self);
  self->section--;
  show_section (self);
}

static void
go_next (RptQuestionnairesPage *self)
{
  GPtrArray *sections;
  g_autoptr(GError) error = NULL;

  if (self->response_id == 0 || !save_typed (self))
    return;
  sections = rpt_questionnaire_get_sections (self->current);
  if (self->section + 1 < sections->len)
    {
      self->section++;
      show_section (self);
      return;
    }
  if (!rpt_customer_store_complete_response (self->store, self->response_id, &error))
    {
      show_error (self, error);
      return;
    }
  show_results (self, self->response_id);
  update_counts (self);
}

/* The first section with a question not answered yet */
static guint
resume_section (RptQuestionnairesPage *self)
{
  GPtrArray *sections = rpt_questionnaire_get_sections (self->current);

  for (guint s = 0; s < sections->len; s++)
    {
      GPtrArray *questions = ((RptSection *) sections->pdata[s])->questions;

      for (guint q = 0; q < questions->len; q++)
        if (!g_hash_table_contains (self->answers, ((RptQuestion *) questions->pdata[q])->key))
          return s;
    }
  return sections->len - 1;
}

static void
on_fill_clicked (RptQuestionnairesPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = rpt_customer_store_open_response (self->store, rpt_questionnaire_get_id (self->current),
                                                self->customer_id);

  if (id == 0)
    id = rpt_customer_store_start_response (self->store, rpt_questionnaire_get_id (self->current),
                                            self->customer_id, self->language, &error);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  if (id == 0 || (self->answers = rpt_customer_store_load_answers (self->store, id, &error)) == NULL)
    {
      show_error (self, error);
      return;
    }
  self->response_id = id;
  self->section = resume_section (self);
  show_section (self);
}

/* Results --------------------------------------------------------------- */

typedef struct
{
  double score, q1, median, q3;
} Bar;

/* The score as a bar; the peers' middle half as a band behind it, their
 * median as a line: all on one 0 … 100 scale. */
static void
draw_bar (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        data)
{
  Bar *bar = data;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 }, band = { 0.6, 0.6, 0.6, 0.35 }, line = { 0.25, 0.25, 0.25, 1 };
  double h = height * 0.5, y = (height - h) / 2;

  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.15);
  cairo_rectangle (cr, 0, y, width, h);
  cairo_fill (cr);
  if (bar->q1 >= 0)
    {
      gdk_cairo_set_source_rgba (cr, &band);
      cairo_rectangle (cr, width * bar->q1 / 100, 0, MAX (2, width * (bar->q3 - bar->q1) / 100), height);
      cairo_fill (cr);
    }
  if (bar->score >= 0)
    {
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_rectangle (cr, 0, y, width * bar->score / 100, h);
      cairo_fill (cr);
    }
  if (bar->median >= 0)
    {
      gdk_cairo_set_source_rgba (cr, &line);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, width * bar->median / 100, 0);
      cairo_line_to (cr, width * bar->median / 100, height);
      cairo_stroke (cr);
    }
}

static char *
cohort_text (RptBenchmark *b)
{
  switch (b->cohort)
    {
    case RPT_COHORT_INDUSTRY_SIZE:
      return g_strdup_printf (ngettext ("Compared with %u respondent in %s, %s", "Compared with %u respondents in %s, %s",
                                        b->cohort_size), b->cohort_size, b->industry,
                              rpt_size_band_to_string (b->size_band));
    case RPT_COHORT_INDUSTRY:
      return g_strdup_printf (ngettext ("Compared with %u respondent in %s", "Compared with %u respondents in %s",
                                        b->cohort_size), b->cohort_size, b->industry);
    case RPT_COHORT_ALL:
      return g_strdup_printf (ngettext ("Compared with all %u respondent", "Compared with all %u respondents",
                                        b->cohort_size), b->cohort_size);
    case RPT_COHORT_NONE:
    default:
      return g_strdup_printf (_("Not compared with peers yet: at least %d must have answered."), RPT_MIN_COHORT);
    }
}

static const char *
dimension_title_in (RptQuestionnairesPage *self,
                    const char            *key,
                    const char            *language)
{
  RptDimension *dimension = rpt_questionnaire_find_dimension (self->current, key);

  return dimension ? rpt_text_get (dimension->title, language, rpt_questionnaire_get_default_language (self->current))
                   : _("Overall");
}

/* The results are the staff's — qualification, contradictions: in the
 * interface's language. */
static const char *
dimension_title (RptQuestionnairesPage *self,
                 const char            *key)
{
  return dimension_title_in (self, key, ui_language ());
}

static const char *
staff_text (RptQuestionnairesPage *self,
            RptText               *text)
{
  return rpt_text_get (text, ui_language (), rpt_questionnaire_get_default_language (self->current));
}

static void
add_list (RptQuestionnairesPage *self,
          const char            *heading,
          char                 **keys)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (keys == NULL || keys[0] == NULL)
    return;
  for (guint i = 0; keys[i] != NULL; i++)
    /* Translators: between the items of a list, “A, B, C” (Chinese: 、) */
    g_string_append_printf (text, "%s%s", i ? C_("list", ", ") : "", dimension_title (self, keys[i]));
  gtk_box_append (self->results_box, rpt_question_form_label_new (heading, "heading"));
  gtk_box_append (self->results_box, rpt_question_form_label_new (text->str, NULL));
}

static void
add_dimension_row (RptQuestionnairesPage *self,
                   RptBenchmark          *b,
                   RptDimensionResult    *dr)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *area = gtk_drawing_area_new ();
  Bar *bar = g_new (Bar, 1);
  g_autofree char *line = NULL;

  *bar = (Bar) { dr->score, dr->q1, dr->median, dr->q3 };
  if (dr->percentile >= 0)
    /* Translators: a score out of 100, then where it stands among the peers */
    line = g_strdup_printf (_("%s: %.0f — better than %.0f%% of peers (median %.0f)"),
                            dimension_title (self, dr->dimension), dr->score, dr->percentile, dr->median);
  else
    line = g_strdup_printf (_("%s: %.0f"), dimension_title (self, dr->dimension), dr->score);
  gtk_box_append (GTK_BOX (row), rpt_question_form_label_new (line, *dr->dimension ? NULL : "heading"));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 18);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_bar, bar, g_free);
  g_object_set_data_full (G_OBJECT (area), "rpt-dimension", g_strdup (*dr->dimension ? dr->dimension : "overall"),
                          g_free);
  gtk_box_append (GTK_BOX (row), area);
  gtk_box_append (self->results_box, row);
}

static void
show_results (RptQuestionnairesPage *self,
              gint64                 response_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptBenchmark) b = rpt_customer_store_benchmark (self->store, response_id, &error);
  g_autofree char *cohort = NULL;
  GtkWidget *back;

  self->response_id = response_id;
  rpt_question_form_clear (self->results_box);
  gtk_box_append (self->results_box, rpt_question_form_label_new (rpt_questionnaire_get_title (self->current, ui_language ()),
                                                "title-2"));
  if (b == NULL)
    {
      /* a questionnaire without scores: the answers are kept, nothing to compare */
      gtk_box_append (self->results_box, rpt_question_form_label_new (error->message, NULL));
    }
  else
    {
      cohort = cohort_text (b);
      gtk_box_append (self->results_box, rpt_question_form_label_new (cohort, "dim-label"));
      for (guint i = 0; i < b->dimensions->len; i++)
        add_dimension_row (self, b, b->dimensions->pdata[i]);
      add_list (self, _("Strengths"), b->strengths);
      add_list (self, _("Weaknesses"), b->weaknesses);
      for (guint i = 0; i < b->flags->len; i++)
        {
          RptConsistencyFlag *flag = b->flags->pdata[i];
          RptQuestion *self_question = rpt_questionnaire_find_question (self->current, flag->self);
          g_autofree char *text = g_strdup_printf (_("“%s” was answered with %.0f of 100, but the detailed answers show %.0f."),
                                                   staff_text (self, self_question->text), flag->self_score,
                                                   flag->measured_score);

          if (i == 0)
            gtk_box_append (self->results_box, rpt_question_form_label_new (_("Contradictions"), "heading"));
          gtk_box_append (self->results_box, rpt_question_form_label_new (text, NULL));
        }
      if (b->qualification.score >= 0)
        {
          const char *names[] = { NULL, C_("qualification", "Budget"), C_("qualification", "Authority"),
                                  C_("qualification", "Need"), C_("qualification", "Timeline") };
          g_autoptr(GString) text = g_string_new (NULL);

          for (guint k = RPT_QUALIFY_BUDGET; k < RPT_N_QUALIFY; k++)
            if (b->qualification.answered[k])
              g_string_append_printf (text, "%s%s %.0f", text->len ? " · " : "", names[k],
                                      b->qualification.component[k]);
          gtk_box_append (self->results_box, rpt_question_form_label_new (_("Qualification"), "heading"));
          gtk_box_append (self->results_box, rpt_question_form_label_new (text->str, NULL));
          if (b->qualification.unlikely)
            {
              g_autoptr(GString) reasons = g_string_new (NULL);

              for (guint k = RPT_QUALIFY_BUDGET; k < RPT_N_QUALIFY; k++)
                if (b->qualification.reasons & (1u << k))
                  g_string_append_printf (reasons, "%s%s", reasons->len ? C_("list", ", ") : "", names[k]);
              {
                g_autofree char *warning = reasons->len
                  ? g_strdup_printf (_("Not likely to buy: %s too low."), reasons->str)
                  : g_strdup (_("Not likely to buy: the answers qualify too little."));

                gtk_box_append (self->results_box, rpt_question_form_label_new (warning, "error"));
              }
            }
        }
      for (guint i = 0; b->offerings[i] != NULL; i++)
        {
          RptDimension *dimension = rpt_questionnaire_find_dimension (self->current, b->offerings[i]);

          if (i == 0)
            gtk_box_append (self->results_box, rpt_question_form_label_new (_("What fits their weak areas"), "heading"));
          gtk_box_append (self->results_box, rpt_question_form_label_new (staff_text (self, dimension->offering), NULL));
        }
    }
  {
    GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    gtk_widget_set_margin_top (buttons, 12);
    back = gtk_button_new_with_mnemonic (_("_Back to Questionnaire"));
    gtk_widget_add_css_class (back, "pill");
    g_signal_connect_swapped (back, "clicked", G_CALLBACK (show_overview), self);
    gtk_box_append (GTK_BOX (buttons), back);
    if (b != NULL && b->customer_id != 0)
      {
        GtkWidget *report = gtk_button_new_with_mnemonic (_("Report _Letter…"));

        gtk_widget_set_tooltip_text (report, _("Print or save the respondent's report, in their language"));
        gtk_widget_set_name (report, "report");
        gtk_widget_add_css_class (report, "pill");
        gtk_widget_add_css_class (report, "suggested-action");
        g_signal_connect_swapped (report, "clicked", G_CALLBACK (on_report_clicked), self);
        gtk_box_append (GTK_BOX (buttons), report);
      }
    gtk_box_append (self->results_box, buttons);
  }
  gtk_stack_set_visible_child_name (self->content, "results");
}

/* The respondent's report: the “benchmark-report” letter, through Write
 * Letters, for this response's customer alone. */
static void
on_report_clicked (RptQuestionnairesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptBenchmark) b = rpt_customer_store_benchmark (self->store, self->response_id, &error);
  g_autoptr(GPtrArray) examples = rpt_letter_template_builtins ();
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  RptLetterTemplate *report = NULL;
  RptMergeDialog *dialog;

  if (b == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < examples->len; i++)
    if (g_strcmp0 (rpt_letter_template_get_builtin (examples->pdata[i]), "benchmark-report") == 0)
      report = examples->pdata[i];
  g_return_if_fail (report != NULL);
  dialog = rpt_merge_dialog_present (GTK_WINDOW (window), self->store, report);
  rpt_merge_dialog_set_report (dialog, b->customer_id, b);
}

/* Overview --------------------------------------------------------------- */

/* Each dimension among all respondents: the middle half and the median. */
static void
add_overall_distribution (RptQuestionnairesPage *self)
{
  g_autoptr(GPtrArray) stats = rpt_customer_store_overall_distributions (self->store, self->current, NULL);

  if (stats == NULL || stats->len == 0)
    return;
  gtk_box_append (self->overview_box, rpt_question_form_label_new (_("All respondents"), "heading"));
  for (guint i = 0; i < stats->len; i++)
    {
      RptCohortStats *st = stats->pdata[i];
      GtkWidget *area = gtk_drawing_area_new ();
      Bar *bar = g_new (Bar, 1);
      g_autofree char *line = g_strdup_printf (_("%s: median %.0f, middle half %.0f–%.0f"),
                                               dimension_title_in (self, st->dimension, ui_language ()),
                                               st->median, st->q1, st->q3);

      *bar = (Bar) { -1, st->q1, st->median, st->q3 };
      gtk_box_append (self->overview_box, rpt_question_form_label_new (line, NULL));
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_bar, bar, g_free);
      gtk_box_append (self->overview_box, area);
    }
}

static gint64
latest_completed (RptQuestionnairesPage *self)
{
  g_autoptr(GArray) ids = NULL;

  if (self->customer_id == 0)
    return 0;
  ids = rpt_customer_store_completed_responses (self->store, rpt_questionnaire_get_id (self->current),
                                                self->customer_id, NULL);
  return ids != NULL && ids->len > 0 ? g_array_index (ids, gint64, ids->len - 1) : 0;
}

static void
on_results_clicked (RptQuestionnairesPage *self)
{
  gint64 id = latest_completed (self);

  if (id != 0)
    show_results (self, id);
}

static void
show_overview (RptQuestionnairesPage *self)
{
  RptQuestionnaire *q = self->current;
  g_autoptr(RptCustomer) customer = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autofree char *counts = NULL;
  guint done, started, cohorts = 0;
  GtkWidget *buttons, *fill;
  gint64 open = 0;

  if (q == NULL)
    return;
  self->response_id = 0;
  rpt_question_form_clear (self->overview_box);
  done = rpt_customer_store_count_responses (self->store, rpt_questionnaire_get_id (q), TRUE);
  started = rpt_customer_store_count_responses (self->store, rpt_questionnaire_get_id (q), FALSE);
  gtk_box_append (self->overview_box, rpt_question_form_label_new (rpt_questionnaire_get_title (q, ui_language ()), "title-1"));
  gtk_box_append (self->overview_box, rpt_question_form_label_new (rpt_questionnaire_get_description (q, ui_language ()), NULL));
  counts = g_strdup_printf (ngettext ("%u completed response, %u in progress", "%u completed responses, %u in progress",
                                      done), done, started - done);
  gtk_box_append (self->overview_box, rpt_question_form_label_new (counts, "dim-label"));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  if (self->customer_id != 0)
    {
      customer = rpt_customer_store_load_summary (self->store, self->customer_id, NULL);
      open = rpt_customer_store_open_response (self->store, rpt_questionnaire_get_id (q), self->customer_id);
    }
  if (customer != NULL)
    {
      g_autofree char *label = open != 0
        ? g_strdup_printf (_("_Continue with %s"), rpt_customer_get_display_name (customer))
        : g_strdup_printf (_("_Fill In with %s"), rpt_customer_get_display_name (customer));

      fill = gtk_button_new_with_mnemonic (label);
    }
  else
    {
      fill = gtk_button_new_with_mnemonic (_("_Fill In with Customer"));
      gtk_widget_set_sensitive (fill, FALSE);
      gtk_widget_set_tooltip_text (fill, _("Select a customer on the Customers page first"));
    }
  gtk_widget_set_name (fill, "fill-in");
  gtk_widget_add_css_class (fill, "suggested-action");
  gtk_widget_add_css_class (fill, "pill");
  g_signal_connect_swapped (fill, "clicked", G_CALLBACK (on_fill_clicked), self);
  gtk_box_append (GTK_BOX (buttons), fill);
  if (customer != NULL && latest_completed (self) != 0)
    {
      GtkWidget *results = gtk_button_new_with_mnemonic (_("Latest _Results"));

      gtk_widget_set_name (results, "latest-results");
      gtk_widget_add_css_class (results, "pill");
      g_signal_connect_swapped (results, "clicked", G_CALLBACK (on_results_clicked), self);
      gtk_box_append (GTK_BOX (buttons), results);
    }
  {
    GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Edit…"));

    gtk_widget_add_css_class (edit, "pill");
    gtk_widget_set_tooltip_text (edit, started > 0
                                 ? _("Change the questions; answers given keep the version they answered")
                                 : _("Change the questions, options, dimensions and texts"));
    g_signal_connect_swapped (edit, "clicked", G_CALLBACK (on_edit_clicked), self);
    gtk_box_append (GTK_BOX (buttons), edit);
  }
  gtk_widget_set_margin_top (buttons, 12);
  gtk_widget_set_margin_bottom (buttons, 12);
  gtk_box_append (self->overview_box, buttons);

  /* who answered, by cohort; a cohort under five is not shown */
  if (rpt_questionnaire_is_scored (q)
      && (stats = rpt_customer_store_cohort_distributions (self->store, rpt_questionnaire_get_id (q), NULL)) != NULL)
    {
      GtkWidget *grid = gtk_grid_new ();
      guint row = 0;

      gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
      for (guint i = 0; i < stats->len; i++)
        {
          RptCohortStats *s = stats->pdata[i];
          g_autofree char *n = NULL;
          g_autofree char *spread = NULL;

          if (*s->dimension != '\0')
            continue;
          n = g_strdup_printf ("%u", s->n);
          spread = g_strdup_printf (_("median %.0f, middle half %.0f–%.0f"), s->median, s->q1, s->q3);
          gtk_grid_attach (GTK_GRID (grid), rpt_question_form_label_new (s->industry, NULL), 0, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), rpt_question_form_label_new (rpt_size_band_to_string (s->size_band), NULL), 1, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), rpt_question_form_label_new (n, "numeric"), 2, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), rpt_question_form_label_new (spread, "dim-label"), 3, row, 1, 1);
          row++;
          cohorts++;
        }
      add_overall_distribution (self);
      gtk_box_append (self->overview_box, rpt_question_form_label_new (_("Peer groups of five or more"), "heading"));
      if (cohorts > 0)
        gtk_box_append (self->overview_box, grid);
      else
        {
          g_object_ref_sink (grid);
          g_object_unref (grid);
          gtk_box_append (self->overview_box,
                          rpt_question_form_label_new (_("No industry and size has five answers yet; each respondent is compared "
                                       "with the widest group that has."), "dim-label"));
        }
    }
  gtk_stack_set_visible_child_name (self->content, "overview");
}

/* Files ------------------------------------------------------------------- */

/* A questionnaire file from another shop: checked whole, then saved — as
 * the next version when its key is taken. */
/* The list again, the questionnaire KEY chosen */
static void
reload_and_select (RptQuestionnairesPage *self,
                   const char            *key)
{
  reload_list (self);
  for (guint i = 0; self->questionnaires != NULL && i < self->questionnaires->len; i++)
    if (g_str_equal (rpt_questionnaire_get_key (self->questionnaires->pdata[i]), key))
      gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, (int) i));
}

static void
on_designer_saved (RptQuestionnaireDesigner *designer,
                   gint64                    id,
                   RptQuestionnairesPage    *self)
{
  g_autoptr(RptQuestionnaire) q = rpt_customer_store_load_questionnaire (self->store, id, NULL);

  if (q != NULL)
    reload_and_select (self, rpt_questionnaire_get_key (q));
}

RptQuestionnaireDesigner *
rpt_questionnaires_page_open_designer (RptQuestionnairesPage *self,
                                       gboolean               new_one)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  RptQuestionnaireDesigner *designer;

  if (!new_one && self->current == NULL)
    return NULL;
  designer = rpt_questionnaire_designer_new (GTK_WINDOW (window), self->store, new_one ? NULL : self->current);
  g_signal_connect_object (designer, "saved", G_CALLBACK (on_designer_saved), self, 0);
  gtk_window_present (GTK_WINDOW (designer));
  return designer;
}

static void
on_new_clicked (RptQuestionnairesPage *self)
{
  rpt_questionnaires_page_open_designer (self, TRUE);
}

static void
on_edit_clicked (RptQuestionnairesPage *self)
{
  rpt_questionnaires_page_open_designer (self, FALSE);
}

gboolean
rpt_questionnaires_page_import (RptQuestionnairesPage  *self,
                                GFile                  *file,
                                GError                **error)
{
  g_autofree char *json = NULL;
  gsize length = 0;
  g_autoptr(RptQuestionnaire) q = NULL;
  g_autofree char *key = NULL;

  if (!g_file_load_contents (file, NULL, &json, &length, NULL, error)
      || (q = rpt_questionnaire_new_from_json (json, length, error)) == NULL
      || !rpt_customer_store_save_questionnaire (self->store, q, error))
    return FALSE;
  key = g_strdup (rpt_questionnaire_get_key (q));
  reload_and_select (self, key);
  return TRUE;
}

gboolean
rpt_questionnaires_page_export (RptQuestionnairesPage  *self,
                                GFile                  *file,
                                GError                **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (self->current != NULL, FALSE);
  json = rpt_questionnaire_to_json (self->current);
  return g_file_replace_contents (file, json, strlen (json), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

static void
on_file_chosen (GtkNativeDialog       *chooser,
                int                    response,
                RptQuestionnairesPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean import = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "import"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!(import ? rpt_questionnaires_page_import (self, file, &error)
                   : rpt_questionnaires_page_export (self, file, &error)))
        show_error (self, error);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_file (RptQuestionnairesPage *self,
             gboolean               import)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!import && self->current == NULL)
    return;
  chooser = gtk_file_chooser_native_new (import ? _("Import a Questionnaire") : _("Export the Questionnaire"),
                                         GTK_WINDOW (window),
                                         import ? GTK_FILE_CHOOSER_ACTION_OPEN : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         import ? _("_Import") : _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Questionnaires (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (!import)
    {
      g_autofree char *name = g_strdup_printf ("%s.json", rpt_questionnaire_get_key (self->current));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_object_set_data (G_OBJECT (chooser), "import", GINT_TO_POINTER (import));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_import_clicked (RptQuestionnairesPage *self)
{
  choose_file (self, TRUE);
}

static void
on_export_clicked (RptQuestionnairesPage *self)
{
  choose_file (self, FALSE);
}

/* The page --------------------------------------------------------------- */

static gboolean
on_key (GtkEventControllerKey *controller,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        RptQuestionnairesPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content), "fill") != 0 || !(state & GDK_ALT_MASK))
    return FALSE;
  if (keyval == GDK_KEY_Left)
    go_previous (self);
  else if (keyval == GDK_KEY_Right)
    go_next (self);
  else
    return FALSE;
  return TRUE;
}

void
rpt_questionnaires_page_set_store (RptQuestionnairesPage *self,
                                   RptCustomerStore      *store)
{
  g_set_object (&self->store, store);
  reload_list (self);
}

void
rpt_questionnaires_page_set_customer (RptQuestionnairesPage *self,
                                      gint64                 customer_id)
{
  g_autoptr(RptCustomer) customer = NULL;
  g_autofree char *language = NULL;

  self->customer_id = customer_id;
  customer = customer_id && self->store ? rpt_customer_store_load_summary (self->store, customer_id, NULL) : NULL;
  if (customer != NULL)
    g_object_get (customer, "language", &language, NULL);
  g_free (self->language);
  self->language = g_strdup (language && *language ? language : g_get_language_names ()[0]);
  /* a response being filled in stays with its customer */
  if (self->current != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->content), "overview") == 0)
    show_overview (self);
}

GtkToggleButton *
rpt_questionnaires_page_get_flap_button (RptQuestionnairesPage *self)
{
  return self->flap_button;
}

const char *
rpt_questionnaires_page_get_view (RptQuestionnairesPage *self)
{
  return gtk_stack_get_visible_child_name (self->content);
}

gint64
rpt_questionnaires_page_get_response (RptQuestionnairesPage *self)
{
  return self->response_id;
}

static void
rpt_questionnaires_page_dispose (GObject *object)
{
  RptQuestionnairesPage *self = RPT_QUESTIONNAIRES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RPT_TYPE_QUESTIONNAIRES_PAGE);
  g_clear_pointer (&self->questionnaires, g_ptr_array_unref);
  g_clear_pointer (&self->current, rpt_questionnaire_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->language, g_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rpt_questionnaires_page_parent_class)->dispose (object);
}

static void
rpt_questionnaires_page_class_init (RptQuestionnairesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rpt_questionnaires_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/rpt-questionnaires-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RptQuestionnairesPage, name)
  CHILD (root);
  CHILD (flap_button);
  CHILD (title);
  CHILD (list);
  CHILD (content);
  CHILD (overview_box);
  CHILD (questions_box);
  CHILD (results_box);
  CHILD (previous_button);
  CHILD (next_button);
  CHILD (progress_label);
  CHILD (import_button);
  CHILD (export_button);
  CHILD (new_button);
#undef CHILD
}

static void
rpt_questionnaires_page_init (RptQuestionnairesPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->language = g_strdup (g_get_language_names ()[0]);
  g_signal_connect_swapped (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (go_previous), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (go_next), self);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->new_button, "clicked", G_CALLBACK (on_new_clicked), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
