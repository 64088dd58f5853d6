/* rpt-question-form.c — one section of a questionnaire as the respondent
 * answers it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-question-form"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-question-form.h"

typedef struct
{
  char          *language;
  char          *fallback;
  GHashTable    *answers;
  RptAnswerFunc  save;
  gpointer       user_data;
} Form;

static void
form_free (gpointer data)
{
  Form *form = data;

  g_free (form->language);
  g_free (form->fallback);
  g_clear_pointer (&form->answers, g_hash_table_unref);
  g_free (form);
}

void
rpt_question_form_clear (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

GtkWidget *
rpt_question_form_label_new (const char *text,
                             const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static const char *
text_of (Form    *form,
         RptText *text)
{
  return rpt_text_get (text, form->language, form->fallback);
}

static Form *
form_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "rpt-form");
}

static RptQuestion *
question_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "rpt-question");
}

static GtkLabel *
message_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "rpt-message");
}

static gboolean
save_answer (GtkWidget  *widget,
             const char *value)
{
  Form *form = form_of (widget);
  RptQuestion *question = question_of (widget);
  GtkLabel *message = message_of (widget);
  g_autoptr(GError) error = NULL;

  if (!form->save (question, value, form->user_data, &error))
    {
      gtk_label_set_text (message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (message), TRUE);
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (message), FALSE);
  if (value != NULL && *value != '\0')
    g_hash_table_insert (form->answers, g_strdup (question->key), g_strdup (value));
  else
    g_hash_table_remove (form->answers, question->key);
  return TRUE;
}

static void
on_choice_toggled (GtkCheckButton *button)
{
  RptQuestion *question = question_of (GTK_WIDGET (button));

  if (question->kind == RPT_QUESTION_MULTIPLE)
    {
      GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (button));
      g_autoptr(GString) keys = g_string_new (NULL);

      for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
        if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
          g_string_append_printf (keys, "%s%s", keys->len ? "," : "",
                                  (const char *) g_object_get_data (G_OBJECT (child), "rpt-value"));
      save_answer (GTK_WIDGET (button), keys->str);
    }
  else if (gtk_check_button_get_active (button))
    save_answer (GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "rpt-value"));
}

static void
on_toggle_toggled (GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    save_answer (GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "rpt-value"));
}

/* Typed answers (numbers, text) are saved when the typing is done. */
static gboolean
save_entry (GtkWidget *entry)
{
  Form *form = form_of (entry);
  RptQuestion *question = question_of (entry);
  const char *old = g_hash_table_lookup (form->answers, question->key);
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (g_strcmp0 (old ? old : "", value) == 0)
    return TRUE;
  if (question->kind == RPT_QUESTION_NUMBER)
    g_strdelimit (value, ",", '.');
  return save_answer (entry, value);
}

static void
on_entry_activate (GtkEntry *entry)
{
  save_entry (GTK_WIDGET (entry));
}

gboolean
rpt_question_form_save_typed (GtkBox *box)
{
  gboolean ok = TRUE;

  for (GtkWidget *q = gtk_widget_get_first_child (GTK_WIDGET (box)); q; q = gtk_widget_get_next_sibling (q))
    {
      GtkWidget *entry = g_object_get_data (G_OBJECT (q), "rpt-entry");

      if (entry != NULL)
        ok = save_entry (entry) && ok;
    }
  return ok;
}

static void
attach (GtkWidget   *widget,
        Form        *form,
        RptQuestion *question,
        const char  *value,
        GtkLabel    *message)
{
  g_object_set_data (G_OBJECT (widget), "rpt-form", form);
  g_object_set_data (G_OBJECT (widget), "rpt-question", question);
  g_object_set_data_full (G_OBJECT (widget), "rpt-value", g_strdup (value), g_free);
  g_object_set_data (G_OBJECT (widget), "rpt-message", message);
}

static GtkWidget *
choice_widget (Form        *form,
               RptQuestion *question,
               const char  *answer,
               GtkLabel    *message)
{
  g_auto(GStrv) chosen = g_strsplit (answer ? answer : "", ",", -1);
  GtkCheckButton *group = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  for (guint i = 0; question->options != NULL && i < question->options->len; i++)
    {
      RptOption *option = question->options->pdata[i];
      GtkWidget *check = gtk_check_button_new_with_label (text_of (form, option->text));

      attach (check, form, question, option->key, message);
      if (question->kind == RPT_QUESTION_SINGLE)
        {
          if (group != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
          else
            group = GTK_CHECK_BUTTON (check);
        }
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strv_contains ((const char * const *) chosen,
                                                                              option->key));
      g_signal_connect (check, "toggled", G_CALLBACK (on_choice_toggled), NULL);
      gtk_box_append (GTK_BOX (box), check);
    }
  return box;
}

static GtkWidget *
buttons_widget (Form        *form,
                RptQuestion *question,
                const char  *answer,
                GtkLabel    *message)
{
  const char *scale[] = { "1", "2", "3", "4", "5" };
  const char *yes_no[][2] = { { "yes", N_("Yes") }, { "no", N_("No") } };
  guint n = question->kind == RPT_QUESTION_SCALE ? 5 : 2;
  GtkToggleButton *group = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  for (guint i = 0; i < n; i++)
    {
      const char *value = question->kind == RPT_QUESTION_SCALE ? scale[i] : yes_no[i][0];
      GtkWidget *button = gtk_toggle_button_new_with_label (question->kind == RPT_QUESTION_SCALE
                                                            ? scale[i] : _(yes_no[i][1]));

      gtk_widget_set_size_request (button, 48, -1);
      attach (button, form, question, value, message);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), g_strcmp0 (answer, value) == 0);
      g_signal_connect (button, "toggled", G_CALLBACK (on_toggle_toggled), NULL);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static GtkWidget *
entry_widget (Form        *form,
              RptQuestion *question,
              const char  *answer,
              GtkLabel    *message,
              GtkWidget   *holder)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *box;
  g_autofree char *hint = NULL;

  attach (entry, form, question, NULL, message);
  gtk_editable_set_text (GTK_EDITABLE (entry), answer ? answer : "");
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), NULL);
  g_object_set_data (G_OBJECT (holder), "rpt-entry", entry);
  if (question->kind != RPT_QUESTION_NUMBER)
    return entry;
  hint = g_strdup_printf (_("%g to %g"), question->min, question->max);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), hint);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), entry);
  if (question->unit != NULL)
    gtk_box_append (GTK_BOX (box), rpt_question_form_label_new (text_of (form, question->unit), "dim-label"));
  return box;
}

void
rpt_question_form_show (GtkBox        *box,
                        RptSection    *section,
                        const char    *language,
                        const char    *fallback,
                        GHashTable    *answers,
                        RptAnswerFunc  save,
                        gpointer       user_data)
{
  Form *form = g_new0 (Form, 1);

  rpt_question_form_clear (box);
  form->language = g_strdup (language);
  form->fallback = g_strdup (fallback);
  form->answers = g_hash_table_ref (answers);
  form->save = save;
  form->user_data = user_data;
  g_object_set_data_full (G_OBJECT (box), "rpt-form", form, form_free);

  gtk_box_append (box, rpt_question_form_label_new (text_of (form, section->title), "title-2"));
  for (guint i = 0; i < section->questions->len; i++)
    {
      RptQuestion *question = section->questions->pdata[i];
      const char *answer = g_hash_table_lookup (answers, question->key);
      GtkWidget *holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *message = rpt_question_form_label_new ("", "error");
      GtkWidget *input;

      switch (question->kind)
        {
        case RPT_QUESTION_SINGLE:
        case RPT_QUESTION_MULTIPLE:
          input = choice_widget (form, question, answer, GTK_LABEL (message));
          break;
        case RPT_QUESTION_SCALE:
        case RPT_QUESTION_YES_NO:
          input = buttons_widget (form, question, answer, GTK_LABEL (message));
          break;
        case RPT_QUESTION_NUMBER:
        case RPT_QUESTION_TEXT:
        default:
          input = entry_widget (form, question, answer, GTK_LABEL (message), holder);
          break;
        }
      gtk_box_append (GTK_BOX (holder), rpt_question_form_label_new (text_of (form, question->text), "heading"));
      gtk_box_append (GTK_BOX (holder), input);
      gtk_widget_set_visible (message, FALSE);
      gtk_box_append (GTK_BOX (holder), message);
      gtk_box_append (box, holder);
    }
}
