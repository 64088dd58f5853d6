/* rpt-merge-dialog.c
 *
 * Three steps: choose the recipients and what to make; see how many
 * letters and who is skipped, and why; save or print. The checking and
 * the writing run in a thread with a progress bar and Cancel, so the
 * window keeps responding; a cancelled run leaves no file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-customers-page.h"
#include "rpt-labels.h"
#include "rpt-letter-store.h"
#include "rpt-merge-dialog.h"
#include "rpt-questionnaire-store.h"
#include "rpt-segment-store.h"
#include "rpt-merge.h"
#include "rpt-ui-util.h"
#include "rpt-window.h"

typedef enum
{
  MAKE_LETTERS,
  MAKE_ENVELOPES,
  MAKE_LABELS,
} Make;

typedef enum
{
  JOB_CHECK,
  JOB_PDF,
  JOB_FOLDER,
  JOB_COUNT,
} Job;

struct _RptMergeDialog
{
  AdwWindow          parent_instance;

  RptCustomerStore  *store;
  RptLetterTemplate *letter;
  RptMerge          *merge;
  GArray            *list_ids;
  GArray            *selected_ids;
  RptBenchmark      *benchmark;   /* a report on one response, or NULL */
  GtkWidget         *who_group;
  GCancellable      *cancellable;
  guint              progress_id;
  gint               done;        /* atomic: progress from the thread */
  gint               total;
  Job                job;
  char              *path;        /* what the last run wrote */
  char              *output_path; /* tests: write here, no file chooser */
  gboolean           closed;      /* a run may end after the window */

  GtkStack          *stack;
  GtkCheckButton    *from_list;
  GtkCheckButton    *from_selected;
  GtkCheckButton    *from_tag;
  GtkDropDown       *tag_dropdown;
  GtkCheckButton    *from_segment;
  GtkDropDown       *segment_dropdown;
  GtkSpinButton     *days_spin;
  AdwComboRow       *make_row;
  AdwComboRow       *envelope_row;
  AdwComboRow       *sheet_row;
  GtkWidget         *custom_rows[4];
  GtkSpinButton     *custom_spins[8];  /* columns, rows, width, height, left, top, pitch x, pitch y */
  RptLabelSheet      custom;
  AdwActionRow      *start_row;
  GtkSpinButton     *start_spin;
  GtkProgressBar    *progress;
  GtkLabel          *progress_label;
  GtkLabel          *summary_title;
  GtkLabel          *summary_text;
  GtkListBox        *skipped_list;
  GtkWidget         *skipped_group;
  GtkCheckButton    *record_check;
  GtkWidget         *folder_button;
  GtkWidget         *print_button;
};

G_DEFINE_FINAL_TYPE (RptMergeDialog, rpt_merge_dialog, ADW_TYPE_WINDOW)

static Make
what_to_make (RptMergeDialog *self)
{
  return adw_combo_row_get_selected (self->make_row);
}

/* Progress -------------------------------------------------------------- */

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  RptMergeDialog *self = user_data;

  g_atomic_int_set (&self->total, (gint) total);
  g_atomic_int_set (&self->done, (gint) done);
}

static gboolean
update_progress (gpointer user_data)
{
  RptMergeDialog *self = user_data;
  int done = g_atomic_int_get (&self->done), total = g_atomic_int_get (&self->total);
  g_autofree char *text = g_strdup_printf (_("%d of %d"), done, total);

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress, (double) done / total);
  else
    gtk_progress_bar_pulse (self->progress);
  gtk_progress_bar_set_text (self->progress, total > 0 ? text : NULL);
  return G_SOURCE_CONTINUE;
}

static void
begin_progress (RptMergeDialog *self,
                const char     *what)
{
  g_atomic_int_set (&self->done, 0);
  g_atomic_int_set (&self->total, 0);
  gtk_label_set_text (self->progress_label, what);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->progress_id = g_timeout_add (100, update_progress, self);
}

static void
end_progress (RptMergeDialog *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
}

/* The thread ---------------------------------------------------------- */

typedef struct
{
  Job    job;
  GArray *ids;
  char   *path;
  Make    make;
  const RptEnvelopeSize *size;
  const RptLabelSheet   *sheet;
  guint   start;
} JobData;

static void
job_data_free (gpointer data)
{
  JobData *job = data;

  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job->path);
  g_free (job);
}

static void
run_job (GTask        *task,
         gpointer      source,
         gpointer      task_data,
         GCancellable *cancellable)
{
  RptMergeDialog *self = source;
  JobData *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  switch (job->job)
    {
    case JOB_CHECK:
      ok = rpt_merge_check (self->merge, job->ids, cancellable, on_progress, self, &error);
      break;
    case JOB_COUNT:
      ok = rpt_merge_count_pages (self->merge, cancellable, &error);
      break;
    case JOB_PDF:
      if (job->make == MAKE_ENVELOPES)
        ok = rpt_merge_write_envelopes (self->merge, job->size, job->path, cancellable, on_progress, self, &error);
      else if (job->make == MAKE_LABELS)
        ok = rpt_merge_write_labels (self->merge, job->sheet, job->start, job->path, cancellable,
                                     on_progress, self, &error);
      else
        ok = rpt_merge_write (self->merge, RPT_MERGE_ONE_PDF, job->path, cancellable, on_progress, self, &error);
      break;
    case JOB_FOLDER:
      ok = rpt_merge_write (self->merge, RPT_MERGE_PDF_PER_RECIPIENT, job->path, cancellable,
                            on_progress, self, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void on_job_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void
start_job (RptMergeDialog *self,
           JobData        *job,
           const char     *what)
{
  g_autoptr(GTask) task = NULL;

  self->job = job->job;
  begin_progress (self, what);
  task = g_task_new (self, self->cancellable, on_job_done, NULL);
  g_task_set_task_data (task, job, job_data_free);
  g_task_run_in_thread (task, run_job);
}

/* Summary ----------------------------------------------------------------- */

static void
show_summary (RptMergeDialog *self)
{
  GPtrArray *skipped = rpt_merge_get_skipped (self->merge);
  guint n = rpt_merge_get_n_letters (self->merge);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  if (what_to_make (self) == MAKE_LETTERS)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Letter", "%u Letters", n), n);
  else if (what_to_make (self) == MAKE_ENVELOPES)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Envelope", "%u Envelopes", n), n);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Label", "%u Labels", n), n);
  description = skipped->len == 0
                ? g_strdup (_("Every recipient gets one."))
                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u recipient is skipped, for the reason shown.",
                                                "%u recipients are skipped, each for the reason shown.",
                                                skipped->len), skipped->len);
  gtk_label_set_text (self->summary_title, title);
  gtk_label_set_text (self->summary_text, description);
  rpt_list_box_remove_all (self->skipped_list);
  /* a long list is cut: the command line lists them all */
  for (guint i = 0; i < skipped->len && i < 500; i++)
    {
      RptSkipped *one = skipped->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = rpt_text_clip (*one->name ? one->name : _("Unnamed"), 80);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), one->detail);
      gtk_list_box_append (self->skipped_list, row);
    }
  gtk_widget_set_visible (self->skipped_group, skipped->len > 0);
  gtk_widget_set_visible (self->folder_button, what_to_make (self) == MAKE_LETTERS);
  gtk_widget_set_visible (GTK_WIDGET (self->record_check), what_to_make (self) == MAKE_LETTERS);
  gtk_widget_set_sensitive (self->folder_button, n > 0);
  gtk_widget_set_sensitive (self->print_button, n > 0);
  gtk_stack_set_visible_child_name (self->stack, "summary");
}

static void
open_result (AdwToast *toast,
             char     *uri)
{
  g_app_info_launch_default_for_uri (uri, NULL, NULL);
}

static void
finish_written (RptMergeDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  guint n = rpt_merge_get_n_letters (self->merge);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter saved", "%u letters saved", n), n);
  AdwToast *toast = adw_toast_new (text);
  g_autoptr(GFile) file = g_file_new_for_path (self->path);

  if (what_to_make (self) == MAKE_LETTERS && gtk_check_button_get_active (self->record_check)
      && !rpt_merge_record (self->merge, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The letters are saved, but not noted on the timelines: %s"),
                                                  error->message);

      adw_toast_set_title (toast, message);
    }
  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_result), g_file_get_uri (file),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  if (RPT_IS_WINDOW (parent))
    rpt_window_add_toast (RPT_WINDOW (parent), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
  gtk_window_close (GTK_WINDOW (self));
}

static void print_letters (RptMergeDialog *self);
static void show_error (RptMergeDialog *self, const char *message);

static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RptMergeDialog *self = RPT_MERGE_DIALOG (source);
  g_autoptr(GError) error = NULL;

  end_progress (self);
  /* closed while the thread ran: it was cancelled, and wrote nothing */
  if (self->closed)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      gtk_stack_set_visible_child_name (self->stack, self->job == JOB_CHECK ? "setup" : "summary");
      return;
    }
  switch (self->job)
    {
    case JOB_CHECK:
      show_summary (self);
      break;
    case JOB_COUNT:
      print_letters (self);
      break;
    default:
      finish_written (self);
      break;
    }
}

/* Steps ------------------------------------------------------------------- */

static GArray *
chosen_ids (RptMergeDialog  *self,
            GError         **error)
{
  if (gtk_check_button_get_active (self->from_selected))
    return g_array_ref (self->selected_ids);
  if (gtk_check_button_get_active (self->from_tag))
    {
      GtkStringObject *tag = gtk_drop_down_get_selected_item (self->tag_dropdown);

      if (tag == NULL)
        return g_array_new (FALSE, FALSE, sizeof (gint64));
      return rpt_customer_store_ids_with_tag_since (self->store, gtk_string_object_get_string (tag),
                                                    gtk_spin_button_get_value_as_int (self->days_spin), error);
    }
  if (gtk_check_button_get_active (self->from_segment))
    {
      GtkStringObject *name = gtk_drop_down_get_selected_item (self->segment_dropdown);

      if (name == NULL)
        return g_array_new (FALSE, FALSE, sizeof (gint64));
      return rpt_customer_store_saved_segment_members (self->store, gtk_string_object_get_string (name), NULL, error);
    }
  return g_array_ref (self->list_ids);
}

static gboolean
custom_sheet_chosen (RptMergeDialog *self)
{
  guint n;

  rpt_label_sheets (&n);
  return adw_combo_row_get_selected (self->sheet_row) >= n;
}

/* The sheet of the user's own measures, on the letter's paper; FALSE with
 * the reason when its labels overlap or leave the page. */
static gboolean
make_custom_sheet (RptMergeDialog  *self,
                   GError         **error)
{
  g_autoptr(RptLetterSetup) setup = rpt_letter_template_make_setup (self->letter, NULL, NULL);
  double width = RPT_MM (210), height = RPT_MM (297), v[8];

  if (setup != NULL)
    rpt_letter_setup_get_size (setup, &width, &height);
  for (guint i = 0; i < 8; i++)
    v[i] = gtk_spin_button_get_value (self->custom_spins[i]);
  return rpt_label_sheet_init_custom (&self->custom, width, height, (int) v[0], (int) v[1],
                                      RPT_MM (v[2]), RPT_MM (v[3]), RPT_MM (v[4]), RPT_MM (v[5]),
                                      RPT_MM (v[6]), RPT_MM (v[7]), error);
}

static void
show_error (RptMergeDialog *self,
            const char     *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                       _("The Letters Were Not Made"),
                                                                       message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_continue (RptMergeDialog *self)
{
  g_autoptr(GError) error = NULL;
  JobData *job;

  if (what_to_make (self) == MAKE_LABELS && custom_sheet_chosen (self) && !make_custom_sheet (self, &error))
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->merge, rpt_merge_free);
  self->merge = rpt_merge_new (self->store, self->letter, &error);
  if (self->merge == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (self->benchmark != NULL)
    rpt_merge_set_benchmark (self->merge, self->benchmark);
  job = g_new0 (JobData, 1);
  job->job = JOB_CHECK;
  job->ids = chosen_ids (self, &error);
  if (job->ids == NULL)
    {
      job_data_free (job);
      show_error (self, error->message);
      return;
    }
  start_job (self, job, _("Checking the recipients…"));
}

static JobData *
write_job (RptMergeDialog *self,
           Job             kind,
           const char     *path)
{
  JobData *job = g_new0 (JobData, 1);
  guint n;

  job->job = kind;
  job->path = g_strdup (path);
  job->make = what_to_make (self);
  job->size = &rpt_envelope_sizes (&n)[MIN (adw_combo_row_get_selected (self->envelope_row), n - 1)];
  job->sheet = custom_sheet_chosen (self) ? &self->custom
               : &rpt_label_sheets (&n)[MIN (adw_combo_row_get_selected (self->sheet_row), n - 1)];
  job->start = gtk_spin_button_get_value_as_int (self->start_spin) - 1;
  return job;
}

static void
write_to (RptMergeDialog *self,
          Job             kind,
          const char     *path)
{
  g_free (self->path);
  self->path = g_strdup (path);
  start_job (self, write_job (self, kind, path),
             kind == JOB_FOLDER ? _("Writing one PDF per customer…") : _("Writing the PDF…"));
}

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  RptMergeDialog  *self)
{
  Job kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "job"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        write_to (self, kind, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_output (RptMergeDialog *self,
               Job             kind)
{
  GtkFileChooserNative *chooser;

  if (self->output_path != NULL)
    {
      write_to (self, kind, self->output_path);
      return;
    }
  chooser = gtk_file_chooser_native_new (kind == JOB_FOLDER ? _("Choose a Folder for the Letters")
                                                            : _("Save the Letters"),
                                         GTK_WINDOW (self),
                                         kind == JOB_FOLDER ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                            : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  if (kind == JOB_PDF)
    {
      g_autofree char *name = g_strdup_printf ("%s.pdf", rpt_letter_template_get_name (self->letter));

      g_strdelimit (name, "/\\:", '-');
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_object_set_data (G_OBJECT (chooser), "job", GINT_TO_POINTER (kind));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_save_pdf (RptMergeDialog *self)
{
  choose_output (self, JOB_PDF);
}

static void
on_save_folder (RptMergeDialog *self)
{
  choose_output (self, JOB_FOLDER);
}

/* Printing: every letter is laid out once to count the pages (in the
 * thread), then GTK asks for them one by one. */
static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              RptMergeDialog    *self)
{
  rpt_merge_draw_page (self->merge, gtk_print_context_get_cairo_context (context), page);
}

static void
print_letters (RptMergeDialog *self)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(RptLetterSetup) letter_setup = rpt_letter_template_make_setup (self->letter, NULL, NULL);
  g_autoptr(GError) error = NULL;
  double width = 595.28, height = 841.89;
  GtkPrintOperationResult result;

  if (letter_setup != NULL)
    rpt_letter_setup_get_size (letter_setup, &width, &height);
  paper = gtk_paper_size_new (width < 600 ? GTK_PAPER_NAME_A4 : GTK_PAPER_NAME_LETTER);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, (int) rpt_merge_get_n_pages (self->merge));
  gtk_print_operation_set_job_name (operation, rpt_letter_template_get_name (self->letter));
  gtk_print_operation_set_show_progress (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  if (self->output_path != NULL)
    gtk_print_operation_set_export_filename (operation, self->output_path);
  result = gtk_print_operation_run (operation, self->output_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                                 : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_label_set_text (self->progress_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "summary");
      return;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_free (self->path);
      self->path = g_strdup (self->output_path ? self->output_path : "");
      if (gtk_check_button_get_active (self->record_check))
        rpt_merge_record (self->merge, NULL);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "summary");
}

static void
on_print (RptMergeDialog *self)
{
  JobData *job = g_new0 (JobData, 1);

  job->job = JOB_COUNT;
  start_job (self, job, _("Preparing the pages…"));
}

static void
on_cancel (RptMergeDialog *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
on_make_changed (RptMergeDialog *self)
{
  Make make = what_to_make (self);

  gtk_widget_set_visible (GTK_WIDGET (self->envelope_row), make == MAKE_ENVELOPES);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), make == MAKE_LABELS);
  gtk_widget_set_visible (GTK_WIDGET (self->start_row), make == MAKE_LABELS);
  for (guint i = 0; i < G_N_ELEMENTS (self->custom_rows); i++)
    gtk_widget_set_visible (self->custom_rows[i], make == MAKE_LABELS && custom_sheet_chosen (self));
}

static void
on_sheet_changed (RptMergeDialog *self)
{
  guint n;
  const RptLabelSheet *sheets = rpt_label_sheets (&n);
  const RptLabelSheet *sheet = &sheets[MIN (adw_combo_row_get_selected (self->sheet_row), n - 1)];
  int per_sheet = sheet->columns * sheet->rows;

  if (custom_sheet_chosen (self))
    per_sheet = gtk_spin_button_get_value_as_int (self->custom_spins[0])
                * gtk_spin_button_get_value_as_int (self->custom_spins[1]);
  gtk_spin_button_set_range (self->start_spin, 1, MAX (per_sheet, 1));
  on_make_changed (self);
}

/* Building --------------------------------------------------------------- */

static GtkWidget *
check_row (AdwPreferencesGroup *group,
           const char          *title,
           const char          *subtitle,
           GtkCheckButton     **check,
           GtkCheckButton      *same_group)
{
  GtkWidget *row = adw_action_row_new ();

  *check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  if (same_group != NULL)
    gtk_check_button_set_group (*check, same_group);
  gtk_widget_set_valign (GTK_WIDGET (*check), GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (*check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (*check));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  return row;
}

static AdwComboRow *
combo_row (AdwPreferencesGroup *group,
           const char          *title,
           GtkStringList       *items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (row, G_LIST_MODEL (items));
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static GtkWidget *
build_setup (RptMergeDialog *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *who = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *what = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) makes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) envelopes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sheets = gtk_string_list_new (NULL);
  g_auto(GStrv) tags = rpt_customer_store_list_tags (self->store);
  g_autoptr(GtkStringList) tag_list = gtk_string_list_new ((const char * const *) tags);
  g_autofree char *list_subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u customer, as searched and filtered",
                                                                 "%u customers, as searched and filtered",
                                                                 self->list_ids->len), self->list_ids->len);
  g_autoptr(RptCustomer) card = self->selected_ids->len == 1
    ? rpt_customer_store_load_summary (self->store, g_array_index (self->selected_ids, gint64, 0), NULL) : NULL;
  g_autofree char *selected_subtitle = self->selected_ids->len == 0 ? g_strdup (_("No customer is selected"))
    : card != NULL ? g_strdup (rpt_customer_get_display_name (card))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", self->selected_ids->len),
                       self->selected_ids->len);
  GtkWidget *tag_row, *tag_box, *button, *box;
  guint n;

  adw_preferences_group_set_title (who, _("Recipients"));
  self->who_group = GTK_WIDGET (who);
  check_row (who, _("Customers in the _List"), list_subtitle, &self->from_list, NULL);
  check_row (who, _("The _Selected Customers"), selected_subtitle, &self->from_selected, self->from_list);
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_selected), self->selected_ids->len > 0);
  tag_row = check_row (who, _("Interested in a _Tag"), _("Interest noted within the days given"),
                       &self->from_tag, self->from_list);
  tag_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->tag_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (tag_list)),
                                                         gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                                      NULL, "string")));
  gtk_drop_down_set_enable_search (self->tag_dropdown, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->tag_dropdown), GTK_ALIGN_CENTER);
  self->days_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 3650, 1));
  gtk_spin_button_set_value (self->days_spin, 90);
  gtk_widget_set_valign (GTK_WIDGET (self->days_spin), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->days_spin), _("Days"));
  gtk_box_append (GTK_BOX (tag_box), GTK_WIDGET (self->tag_dropdown));
  gtk_box_append (GTK_BOX (tag_box), GTK_WIDGET (self->days_spin));
  adw_action_row_add_suffix (ADW_ACTION_ROW (tag_row), tag_box);
  gtk_widget_set_sensitive (tag_row, tags != NULL && tags[0] != NULL);
  {
    g_autoptr(GPtrArray) saved = rpt_customer_store_list_segments (self->store, NULL);
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
    GtkWidget *segment_row = check_row (who, _("In a Saved _Segment"), _("Its members as of today"),
                                        &self->from_segment, self->from_list);

    for (guint i = 0; saved != NULL && i < saved->len; i++)
      gtk_string_list_append (names, ((RptSavedSegment *) saved->pdata[i])->name);
    self->segment_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)),
                                                               gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                                            NULL, "string")));
    gtk_widget_set_valign (GTK_WIDGET (self->segment_dropdown), GTK_ALIGN_CENTER);
    adw_action_row_add_suffix (ADW_ACTION_ROW (segment_row), GTK_WIDGET (self->segment_dropdown));
    gtk_widget_set_sensitive (segment_row, saved != NULL && saved->len > 0);
  }
  /* several customers picked by hand are what the staff mean */
  gtk_check_button_set_active (self->selected_ids->len > 1 || (self->selected_ids->len > 0 && self->list_ids->len == 0)
                               ? self->from_selected : self->from_list, TRUE);

  adw_preferences_group_set_title (what, _("Make"));
  gtk_string_list_append (makes, _("Letters"));
  gtk_string_list_append (makes, _("Envelopes"));
  gtk_string_list_append (makes, _("Address Labels"));
  self->make_row = combo_row (what, _("_Make"), makes);
  for (guint i = 0, count = 0; i < (rpt_envelope_sizes (&count), count); i++)
    gtk_string_list_append (envelopes, _(rpt_envelope_sizes (&n)[i].name));
  self->envelope_row = combo_row (what, _("_Envelope"), envelopes);
  for (guint i = 0, count = 0; i < (rpt_label_sheets (&count), count); i++)
    gtk_string_list_append (sheets, _(rpt_label_sheets (&n)[i].name));
  gtk_string_list_append (sheets, _("Custom Sheet"));
  self->sheet_row = combo_row (what, _("Label _Sheet"), sheets);
  {
    const char *titles[] = { N_("Columns and Rows"), N_("Label Size (mm)"), N_("First Label From the Corner (mm)"),
                             N_("From One Label to the Next (mm)") };
    /* an L7160 sheet to start from */
    const double values[8] = { 3, 7, 63.5, 38.1, 7.2, 15.2, 66, 38.1 };

    for (guint i = 0; i < 4; i++)
      {
        GtkWidget *row = adw_action_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(titles[i]));
        for (guint j = 0; j < 2; j++)
          {
            GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (i == 0 ? 1 : 0,
                                                                                   i == 0 ? 40 : 300,
                                                                                   i == 0 ? 1 : 0.1));

            gtk_spin_button_set_digits (spin, i == 0 ? 0 : 1);
            gtk_spin_button_set_value (spin, values[i * 2 + j]);
            gtk_widget_set_valign (GTK_WIDGET (spin), GTK_ALIGN_CENTER);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
            self->custom_spins[i * 2 + j] = spin;
            g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_sheet_changed), self);
          }
        adw_preferences_group_add (what, row);
        self->custom_rows[i] = row;
      }
  }
  self->start_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->start_row), _("Start at Label"));
  adw_action_row_set_subtitle (self->start_row, _("On a used sheet, the first free label, counted row by row"));
  self->start_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 21, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->start_spin), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->start_row, GTK_WIDGET (self->start_spin));
  adw_preferences_group_add (what, GTK_WIDGET (self->start_row));
  g_signal_connect_swapped (self->make_row, "notify::selected", G_CALLBACK (on_make_changed), self);
  g_signal_connect_swapped (self->sheet_row, "notify::selected", G_CALLBACK (on_sheet_changed), self);
  on_make_changed (self);
  on_sheet_changed (self);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), who);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), what);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  button = gtk_button_new_with_mnemonic (_("C_ontinue"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (button, 18);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_continue), self);
  gtk_box_append (GTK_BOX (box), button);
  gtk_window_set_default_widget (GTK_WINDOW (self), button);
  return box;
}

static GtkWidget *
build_progress (RptMergeDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 36);
  gtk_widget_set_margin_end (box, 36);
  self->progress_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->progress_label), "title-4");
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_halign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cancel, "pill");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (box), cancel);
  return box;
}

static GtkWidget *
pill (const char *label,
      GCallback   callback,
      gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_swapped (button, "clicked", callback, data);
  return button;
}

static GtkWidget *
build_summary (RptMergeDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *save = pill (_("_Save as PDF…"), G_CALLBACK (on_save_pdf), self);

  self->summary_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_title), "title-1");
  gtk_widget_set_margin_top (GTK_WIDGET (self->summary_title), 24);
  gtk_label_set_wrap (self->summary_title, TRUE);
  self->summary_text = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary_text, TRUE);
  gtk_label_set_justify (self->summary_text, GTK_JUSTIFY_CENTER);
  self->skipped_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->skipped_group), _("Skipped"));
  self->skipped_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->skipped_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->skipped_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->skipped_group), GTK_WIDGET (self->skipped_list));
  gtk_widget_set_margin_start (inner, 18);
  gtk_widget_set_margin_end (inner, 18);
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->summary_title));
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->summary_text));
  gtk_box_append (GTK_BOX (inner), self->skipped_group);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), inner);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->record_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Note each letter on the customer’s timeline")));
  gtk_check_button_set_active (self->record_check, TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->record_check), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (save, "suggested-action");
  self->folder_button = pill (_("One PDF per _Customer…"), G_CALLBACK (on_save_folder), self);
  self->print_button = pill (_("_Print…"), G_CALLBACK (on_print), self);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (buttons, 18);
  gtk_widget_set_margin_start (buttons, 12);
  gtk_widget_set_margin_end (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), self->print_button);
  gtk_box_append (GTK_BOX (buttons), self->folder_button);
  gtk_box_append (GTK_BOX (buttons), save);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->record_check));
  gtk_box_append (GTK_BOX (box), buttons);
  g_object_set_data (G_OBJECT (self), "save-button", save);
  return box;
}

static void
rpt_merge_dialog_dispose (GObject *object)
{
  RptMergeDialog *self = RPT_MERGE_DIALOG (object);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  end_progress (self);
  G_OBJECT_CLASS (rpt_merge_dialog_parent_class)->dispose (object);
}

static void
rpt_merge_dialog_finalize (GObject *object)
{
  RptMergeDialog *self = RPT_MERGE_DIALOG (object);

  g_clear_pointer (&self->merge, rpt_merge_free);
  g_clear_pointer (&self->list_ids, g_array_unref);
  g_clear_pointer (&self->selected_ids, g_array_unref);
  g_clear_pointer (&self->benchmark, rpt_benchmark_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->letter);
  g_free (self->path);
  g_free (self->output_path);
  G_OBJECT_CLASS (rpt_merge_dialog_parent_class)->finalize (object);
}

static void
rpt_merge_dialog_class_init (RptMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rpt_merge_dialog_dispose;
  object_class->finalize = rpt_merge_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rpt_merge_dialog_init (RptMergeDialog *self)
{
}

/* The ids of the customer list as the window shows it. */
static GArray *
list_ids_of (GtkWindow *parent)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RptCustomersPage *page;
  const GArray *narrow;

  if (!RPT_IS_WINDOW (parent) || (page = rpt_window_get_customers_page (RPT_WINDOW (parent))) == NULL)
    return ids;
  narrow = rpt_id_list_get_ids (RPT_ID_LIST (rpt_customers_page_get_list (page)));
  for (guint i = 0; narrow != NULL && i < narrow->len; i++)
    {
      gint64 id = g_array_index (narrow, guint32, i);

      if (id > 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

RptMergeDialog *
rpt_merge_dialog_present (GtkWindow         *parent,
                          RptCustomerStore  *store,
                          RptLetterTemplate *letter)
{
  RptMergeDialog *self = g_object_new (RPT_TYPE_MERGE_DIALOG,
                                       "modal", TRUE,
                                       "transient-for", parent,
                                       "default-width", 600,
                                       "default-height", 640,
                                       "title", _("Write Letters"),
                                       NULL);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  g_autofree char *subtitle = g_strdup (rpt_letter_template_get_name (letter));
  RptCustomersPage *page = RPT_IS_WINDOW (parent) ? rpt_window_get_customers_page (RPT_WINDOW (parent)) : NULL;

  self->store = g_object_ref (store);
  self->letter = g_object_ref (letter);
  self->list_ids = list_ids_of (parent);
  self->selected_ids = page ? rpt_customers_page_dup_selected_ids (page) : g_array_new (FALSE, FALSE, sizeof (gint64));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Write Letters"), subtitle));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (self->stack, build_setup (self), "setup");
  gtk_stack_add_named (self->stack, build_progress (self), "progress");
  gtk_stack_add_named (self->stack, build_summary (self), "summary");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/* A report on one questionnaire response, for its customer alone. */
void
rpt_merge_dialog_set_report (RptMergeDialog *self,
                             gint64          customer_id,
                             RptBenchmark   *benchmark)
{
  g_clear_pointer (&self->benchmark, rpt_benchmark_unref);
  self->benchmark = rpt_benchmark_ref (benchmark);
  g_array_set_size (self->selected_ids, 0);
  g_array_append_val (self->selected_ids, customer_id);
  gtk_check_button_set_active (self->from_selected, TRUE);
  gtk_widget_set_visible (self->who_group, FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Benchmark Report"));
}

/* For tests: outputs go to PATH instead of through a file chooser. */
void
rpt_merge_dialog_set_output_path (RptMergeDialog *self,
                                  const char     *path)
{
  g_free (self->output_path);
  self->output_path = g_strdup (path);
}
