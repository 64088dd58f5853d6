/* rpt-timeline-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-timeline-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-format.h"
#include "rpt-timeline-row.h"
#include "rpt-ui-util.h"

static char *
complaint_status (RptTimelineEntry *entry)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *due = rpt_format_date (rpt_timeline_entry_get_due (entry));
  g_autofree char *resolution = NULL;

  if (rpt_timeline_entry_get_status (entry) == RPT_COMPLAINT_RESOLVED)
    {
      g_object_get (entry, "resolution", &resolution, NULL);
      if (resolution != NULL && *resolution != '\0')
        /* Translators: a complaint's state and how it was resolved */
        return g_strdup_printf (_("Resolved: %s"), resolution);
      return g_strdup (_("Resolved"));
    }
  if (rpt_timeline_entry_is_overdue (entry, now))
    /* Translators: %s is a date */
    return g_strdup_printf (_("Overdue since %s"), due);
  /* Translators: %s is a date */
  return g_strdup_printf (_("Open, due %s"), due);
}

static char *
subtitle_for (RptTimelineEntry *entry,
              const char       *currency)
{
  g_autofree char *when = rpt_format_date_time (rpt_timeline_entry_get_occurred (entry));
  g_autofree char *owner = NULL;
  g_autofree char *details = NULL;
  GString *text = g_string_new (when);

  g_object_get (entry, "owner", &owner, "details", &details, NULL);
  switch (rpt_timeline_entry_get_kind (entry))
    {
    case RPT_ENTRY_PURCHASE:
      {
        g_autofree char *money = rpt_format_money (rpt_timeline_entry_get_amount (entry), currency);
        g_string_append_printf (text, " · %s", money);
      }
      break;
    case RPT_ENTRY_COMPLAINT:
      {
        g_autofree char *status = complaint_status (entry);
        g_string_append_printf (text, " · %s · %s", rpt_timeline_entry_get_tracking (entry), status);
      }
      break;
    default:
      break;
    }
  if (owner != NULL && *owner != '\0')
    g_string_append_printf (text, " · %s", owner);
  if (details != NULL && *details != '\0')
    g_string_append_printf (text, "\n%s", details);
  return g_string_free (text, FALSE);
}

GtkWidget *
rpt_timeline_row_new (RptTimelineEntry *entry,
                      const char       *currency)
{
  RptEntryKind kind = rpt_timeline_entry_get_kind (entry);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (rpt_entry_kind_icon_name (kind));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = subtitle_for (entry, currency);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *summary = rpt_text_clip (rpt_timeline_entry_get_summary (entry), RPT_LABEL_MAX_CHARS);

  /* Translators: the kind of a timeline entry and its summary */
  title = *summary ? g_strdup_printf (_("%s: %s"), rpt_entry_kind_to_string (kind), summary)
                   : g_strdup (rpt_entry_kind_to_string (kind));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  {
    g_autofree char *shown = rpt_text_clip (subtitle, RPT_LABEL_MAX_CHARS);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);
  }
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rpt_entry_kind_to_string (kind), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (rpt_timeline_entry_is_overdue (entry, now))
    gtk_widget_add_css_class (row, "overdue");
  if (kind == RPT_ENTRY_COMPLAINT && rpt_timeline_entry_get_status (entry) == RPT_COMPLAINT_OPEN)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Resolve…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.resolve-complaint");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x",
                                        rpt_timeline_entry_get_id (entry));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  {
    /* a mistake (a wrong amount) is deleted, with Undo */
    GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

    gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (remove, "flat");
    gtk_widget_set_tooltip_text (remove, _("Delete this entry"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.delete-entry");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", rpt_timeline_entry_get_id (entry));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  }
  return row;
}
