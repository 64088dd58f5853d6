/* rpt-entry-dialog.c
 *
 * One dialog for the three things that go on a timeline: an interaction
 * (call, visit, email, letter, note), a purchase, and a complaint. For an
 * interaction the previous one is shown first, so the conversation picks
 * up where it stopped; a complaint shows when its answer is due under the
 * business's service level.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-entry-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-entry-dialog.h"
#include "rpt-format.h"
#include "rpt-ui-util.h"
#include "rpt-window.h"

static const RptEntryKind interaction_kinds[] = {
  RPT_ENTRY_CALL, RPT_ENTRY_VISIT, RPT_ENTRY_EMAIL, RPT_ENTRY_LETTER, RPT_ENTRY_NOTE,
};

struct _RptEntryDialog
{
  AdwWindow         parent_instance;

  RptCustomerStore *store;
  RptCustomer      *customer;
  RptEntryKind      kind;
  gboolean          dirty;

  AdwToastOverlay     *toasts;
  AdwPreferencesGroup *previous_group;
  AdwActionRow        *previous_row;
  AdwPreferencesGroup *main_group;
  AdwComboRow         *kind_row;
  GtkMenuButton       *date_button;
  GtkCalendar         *calendar;
  AdwEntryRow         *summary_row;
  AdwEntryRow         *amount_row;
  AdwEntryRow         *item_row;
  AdwEntryRow         *category_row;
  AdwEntryRow         *owner_row;
  AdwActionRow        *due_row;
  GtkTextView         *details_view;
};

G_DEFINE_FINAL_TYPE (RptEntryDialog, rpt_entry_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
mark_dirty (RptEntryDialog *self)
{
  self->dirty = TRUE;
}

static gboolean
is_today (GDateTime *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now) == g_date_time_get_year (date)
         && g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (date);
}

static void
update_date (RptEntryDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *label = g_date_time_format (date, "%x");

  gtk_menu_button_set_label (self->date_button, is_today (date) ? _("Today") : label);
  gtk_menu_button_popdown (self->date_button);
}

static void show_due (RptEntryDialog *self);

static void
on_day_selected (RptEntryDialog *self)
{
  update_date (self);
  if (self->kind == RPT_ENTRY_COMPLAINT)
    show_due (self);
  mark_dirty (self);
}

static void
show_previous (RptEntryDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptTimelineEntry) last = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;

  if (!rpt_entry_kind_is_interaction (self->kind))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->previous_group), FALSE);
      return;
    }
  last = rpt_customer_store_last_interaction (self->store, rpt_customer_get_id (self->customer), &error);
  if (last == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->previous_row),
                                     error ? error->message : _("This is the first interaction"));
      return;
    }
  when = rpt_format_relative (rpt_timeline_entry_get_occurred (last), now);
  /* Translators: a timeline entry's kind and when it happened, e.g. "Call · 3 days ago" */
  title = g_strdup_printf (_("%s · %s"), rpt_entry_kind_to_string (rpt_timeline_entry_get_kind (last)), when);
  g_object_get (last, "details", &details, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->previous_row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->previous_row), FALSE);
  if (details != NULL && *details != '\0')
    {
      g_autofree char *subtitle = g_strdup_printf ("%s\n%s", rpt_timeline_entry_get_summary (last), details);
      adw_action_row_set_subtitle (self->previous_row, subtitle);
    }
  else
    adw_action_row_set_subtitle (self->previous_row, rpt_timeline_entry_get_summary (last));
}

static void
show_due (RptEntryDialog *self)
{
  int days = rpt_customer_store_get_service_level (self->store);
  g_autoptr(GDateTime) opened = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) due = g_date_time_add_days (opened, days);
  g_autofree char *date = g_date_time_format (due, "%x");
  /* counted from the day the complaint was made, as the store counts it */
  g_autofree char *subtitle =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d day after the complaint (the service level in Preferences)",
                                  "%s, %d days after the complaint (the service level in Preferences)", days),
                     date, days);

  adw_action_row_set_subtitle (self->due_row, subtitle);
}

static void
set_up_for_kind (RptEntryDialog *self)
{
  gboolean interaction = rpt_entry_kind_is_interaction (self->kind);
  gboolean purchase = self->kind == RPT_ENTRY_PURCHASE;
  gboolean complaint = self->kind == RPT_ENTRY_COMPLAINT;
  const char *names[G_N_ELEMENTS (interaction_kinds) + 1] = { NULL };
  g_autofree char *owner = NULL;
  const char *title;

  for (guint i = 0; i < G_N_ELEMENTS (interaction_kinds); i++)
    names[i] = rpt_entry_kind_to_string (interaction_kinds[i]);
  rpt_combo_row_set_strings (self->kind_row, names);
  for (guint i = 0; i < G_N_ELEMENTS (interaction_kinds); i++)
    if (interaction_kinds[i] == self->kind)
      adw_combo_row_set_selected (self->kind_row, i);

  gtk_widget_set_visible (GTK_WIDGET (self->kind_row), interaction);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), purchase);
  gtk_widget_set_visible (GTK_WIDGET (self->item_row), purchase);
  gtk_widget_set_visible (GTK_WIDGET (self->category_row), purchase);
  gtk_widget_set_visible (GTK_WIDGET (self->due_row), complaint);
  title = purchase ? _("Record Purchase") : complaint ? _("Open Complaint") : _("Log Interaction");
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_preferences_group_set_title (self->main_group, rpt_customer_get_display_name (self->customer));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row),
                                 complaint ? _("What is the complaint?") : _("Summary"));
  g_object_get (self->customer, "owner", &owner, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), owner ? owner : "");
  show_previous (self);
  if (complaint)
    show_due (self);
  update_date (self);
  self->dirty = FALSE;
}

static char *
trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static char *
occurred_iso (RptEntryDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  return rpt_iso_from_local_date (g_date_time_get_year (date), g_date_time_get_month (date),
                                  g_date_time_get_day_of_month (date));
}

static void
save_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  RptEntryDialog *self = RPT_ENTRY_DIALOG (widget);
  g_autofree char *summary = trimmed (self->summary_row);
  g_autofree char *amount_text = trimmed (self->amount_row);
  g_autofree char *item = trimmed (self->item_row);
  g_autofree char *category = trimmed (self->category_row);
  g_autofree char *owner = trimmed (self->owner_row);
  g_autofree char *details = rpt_text_view_dup_text (self->details_view);
  g_autofree char *occurred = occurred_iso (self);
  g_autoptr(RptTimelineEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  RptEntryKind kind = self->kind;
  gint64 cents = 0;

  if (rpt_entry_kind_is_interaction (kind))
    kind = interaction_kinds[MIN (adw_combo_row_get_selected (self->kind_row),
                                  G_N_ELEMENTS (interaction_kinds) - 1)];
  if (kind == RPT_ENTRY_PURCHASE)
    {
      if (*amount_text == '\0' || !rpt_parse_money (amount_text, &cents))
        {
          g_autofree char *text = *amount_text == '\0'
            ? g_strdup (_("Enter the amount of the purchase"))
            /* Translators: %s is what the user typed as an amount */
            : g_strdup_printf (_("“%s” is not an amount; write it like 12.50"), amount_text);
          rpt_toast_overlay_show (self->toasts, text);
          gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
          return;
        }
      if (*summary == '\0' && *item != '\0')
        { g_free (summary); summary = g_strdup (item); }
    }
  if (*summary == '\0')
    {
      rpt_toast_overlay_show (self->toasts, _("Write a short summary first"));
      gtk_widget_grab_focus (GTK_WIDGET (self->summary_row));
      return;
    }
  entry = rpt_timeline_entry_new (kind);
  g_object_set (entry,
                "customer-id", rpt_customer_get_id (self->customer),
                "occurred", occurred,
                "summary", summary,
                "details", details,
                "amount", cents,
                "item", item,
                "category", category,
                "owner", owner,
                NULL);
  if (!rpt_customer_store_add_entry (self->store, entry, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The entry could not be saved: %s"), error->message);

      rpt_window_report_save_error (GTK_WINDOW (self), self->toasts, text, error);
      return;
    }
  self->dirty = FALSE;
  g_signal_emit (self, signals[SAVED], 0, entry);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
rpt_entry_dialog_close_request (GtkWindow *window)
{
  if (RPT_ENTRY_DIALOG (window)->dirty)
    {
      rpt_ask_save_changes (window, _("This entry is not saved yet."), "entry.save");
      return TRUE;
    }
  return GTK_WINDOW_CLASS (rpt_entry_dialog_parent_class)->close_request (window);
}

static void
rpt_entry_dialog_dispose (GObject *object)
{
  RptEntryDialog *self = RPT_ENTRY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RPT_TYPE_ENTRY_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->customer);
  G_OBJECT_CLASS (rpt_entry_dialog_parent_class)->dispose (object);
}

static void
rpt_entry_dialog_class_init (RptEntryDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rpt_entry_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = rpt_entry_dialog_close_request;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, RPT_TYPE_TIMELINE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/rpt-entry-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RptEntryDialog, name)
  BIND (toasts); BIND (previous_group); BIND (previous_row); BIND (main_group); BIND (kind_row);
  BIND (date_button); BIND (calendar); BIND (summary_row); BIND (amount_row); BIND (item_row);
  BIND (category_row); BIND (owner_row); BIND (due_row); BIND (details_view);
#undef BIND

  rpt_form_class_install (widget_class, "entry", save_action);
}

static void
rpt_entry_dialog_init (RptEntryDialog *self)
{
  GtkWidget *editables[4];

  gtk_widget_init_template (GTK_WIDGET (self));
  editables[0] = GTK_WIDGET (self->summary_row);
  editables[1] = GTK_WIDGET (self->amount_row);
  editables[2] = GTK_WIDGET (self->item_row);
  editables[3] = GTK_WIDGET (self->category_row);
  for (guint i = 0; i < G_N_ELEMENTS (editables); i++)
    g_signal_connect_swapped (editables[i], "changed", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->details_view), "changed",
                            G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self);
}

RptEntryDialog *
rpt_entry_dialog_new (GtkWindow        *parent,
                      RptCustomerStore *store,
                      RptCustomer      *customer,
                      RptEntryKind      kind)
{
  RptEntryDialog *self = g_object_new (RPT_TYPE_ENTRY_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->customer = g_object_ref (customer);
  self->kind = kind;
  set_up_for_kind (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_row));
  return self;
}
