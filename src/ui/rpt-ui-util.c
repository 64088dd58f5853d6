/* rpt-ui-util.c
 *
 * Combo rows over codes (countries, languages, currencies) show names in
 * the user's language but store the code; the codes ride along on the row,
 * position 0 being "not set" when a none label is given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rpt-ui-util.h"

void
rpt_combo_row_set_strings (AdwComboRow        *row,
                           const char * const *items)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char **) items);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

void
rpt_combo_row_set_codes (AdwComboRow        *row,
                         const char * const *codes,
                         RptNameFunc         name_of,
                         const char         *none_label)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  if (none_label != NULL)
    {
      gtk_string_list_append (list, none_label);
      g_ptr_array_add (kept, g_strdup (""));
    }
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s (%s)", name_of (codes[i]), codes[i]);

      gtk_string_list_append (list, name_of (codes[i]) == codes[i] ? codes[i] : label);
      g_ptr_array_add (kept, g_strdup (codes[i]));
    }
  g_object_set_data_full (G_OBJECT (row), "rpt-codes", kept, (GDestroyNotify) g_ptr_array_unref);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

void
rpt_combo_row_select_code (AdwComboRow *row,
                           const char  *code)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (row), "rpt-codes");

  g_return_if_fail (codes != NULL);
  for (guint i = 0; i < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code ? code : "") == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}

const char *
rpt_combo_row_get_code (AdwComboRow *row)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (row), "rpt-codes");
  guint i = adw_combo_row_get_selected (row);

  g_return_val_if_fail (codes != NULL, "");
  return i < codes->len ? g_ptr_array_index (codes, i) : "";
}

char *
rpt_text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
rpt_toast_overlay_show (AdwToastOverlay *overlay,
                        const char      *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (overlay, toast);
}

static void
on_save_changes_response (AdwMessageDialog *dialog,
                          const char       *response,
                          GtkWindow        *window)
{
  const char *save_action = g_object_get_data (G_OBJECT (dialog), "save-action");

  if (g_str_equal (response, "discard"))
    {
      /* the question outlives its window by a moment: let go of it first */
      gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
      gtk_window_destroy (window);
    }
  else if (g_str_equal (response, "save"))
    gtk_widget_activate_action (GTK_WIDGET (window), save_action, NULL);
}

/* Ask before a window with unsaved changes closes: save, discard or stay. */
void
rpt_ask_save_changes (GtkWindow  *window,
                      const char *body,
                      const char *save_action)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "save-action", g_strdup (save_action), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_changes_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* gtk_widget_dispose_template() unparents only the children bound to the
 * instance; a plain GtkWidget with a layout manager must drop the rest. */
void
rpt_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* Rows must leave a list box through it, not be unparented under it. */
void
rpt_list_box_remove_all (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* Labels show at most MAX_CHARS characters of a value, and a run of 40
 * characters without a space gets a zero-width break opportunity: a
 * 10 000-character name must neither make the window as wide as itself nor
 * take seconds to lay out. The whole value stays in the editor. */
char *
rpt_text_clip (const char *text,
               gsize       max_chars)
{
  GString *out;
  gsize n = 0, run = 0;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      run = g_unichar_isspace (c) ? 0 : run + 1;
      if (run > 40)
        {
          g_string_append (out, "\u200B");
          run = 1;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}


/* The "cancel" action of a dialog: close it (which may ask about changes). */
static void
rpt_close_window_action (GtkWidget  *widget,
                         const char *action,
                         GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* A form window's GROUP.save (Ctrl+S, Ctrl+Enter) and GROUP.cancel (Escape) */
void
rpt_form_class_install (GtkWidgetClass              *klass,
                        const char                  *group,
                        GtkWidgetActionActivateFunc  save)
{
  g_autofree char *save_name = g_strconcat (group, ".save", NULL);
  g_autofree char *cancel_name = g_strconcat (group, ".cancel", NULL);

  gtk_widget_class_install_action (klass, save_name, NULL, save);
  gtk_widget_class_install_action (klass, cancel_name, NULL, rpt_close_window_action);
  gtk_widget_class_add_binding_action (klass, GDK_KEY_s, GDK_CONTROL_MASK, save_name, NULL);
  gtk_widget_class_add_binding_action (klass, GDK_KEY_Return, GDK_CONTROL_MASK, save_name, NULL);
  gtk_widget_class_add_binding_action (klass, GDK_KEY_Escape, 0, cancel_name, NULL);
}
