/* rpt-window-actions.c — what the window's menus, buttons and shortcuts do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-customer-editor.h"
#include "rpt-entry-dialog.h"
#include "rpt-window-private.h"

static gint64
selected_id (RptWindow *self)
{
  RptCustomer *customer = rpt_customers_page_get_selected (self->customers_page);

  return customer ? rpt_customer_get_id (customer) : 0;
}

void
_rpt_window_update_actions (RptWindow *self)
{
  RptCustomer *customer = rpt_customers_page_get_selected (self->customers_page);
  gboolean writable = self->db != NULL && !rpt_database_is_read_only (self->db);
  gboolean selected = customer != NULL && rpt_customer_get_id (customer) > 0;
  gboolean archived = selected && rpt_customer_get_archived (customer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-customer", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-customer", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.log-interaction", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.record-purchase", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-complaint", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resolve-complaint", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.archive-customer",
                                 writable && selected && !archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-customer",
                                 writable && selected && archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 writable && (self->last_archived > 0 || self->deleted_entry != NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-entry", writable);
}

static void
on_editor_saved (RptWindow *self,
                 gint64     id)
{
  rpt_customers_page_select_id (self->customers_page, id);
  rpt_window_add_toast (self, adw_toast_new (_("Customer card saved")));
}

static void
open_editor (RptWindow *self,
             gint64     id)
{
  g_autoptr(RptCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  RptCustomerEditor *editor;

  if (id > 0 && (customer = rpt_customer_store_load (self->store, id, &error)) == NULL)
    {
      rpt_window_show_error (self, error);
      return;
    }
  editor = rpt_customer_editor_new (GTK_WINDOW (self), self->store, customer);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_customer_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  open_editor (RPT_WINDOW (widget), 0);
}

static void
edit_customer_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  gint64 id = selected_id (RPT_WINDOW (widget));

  if (id > 0)
    open_editor (RPT_WINDOW (widget), id);
}

static void
on_entry_saved (RptWindow        *self,
                RptTimelineEntry *entry)
{
  g_autofree char *text = NULL;

  if (rpt_timeline_entry_get_kind (entry) == RPT_ENTRY_COMPLAINT)
    /* Translators: %s is a complaint's tracking number such as C-2026-000042 */
    text = g_strdup_printf (_("Complaint %s opened"), rpt_timeline_entry_get_tracking (entry));
  else
    text = g_strdup_printf (_("%s added to the timeline"),
                            rpt_entry_kind_to_string (rpt_timeline_entry_get_kind (entry)));
  rpt_window_add_toast (self, adw_toast_new (text));
}

static void
open_entry_dialog (RptWindow    *self,
                   RptEntryKind  kind)
{
  g_autoptr(RptCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = selected_id (self);
  RptEntryDialog *dialog;

  if (id <= 0)
    return;
  customer = rpt_customer_store_load (self->store, id, &error);
  if (customer == NULL)
    {
      rpt_window_show_error (self, error);
      return;
    }
  dialog = rpt_entry_dialog_new (GTK_WINDOW (self), self->store, customer, kind);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_entry_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
entry_action (GtkWidget  *widget,
              const char *action,
              GVariant   *param)
{
  RptEntryKind kind = g_str_equal (action, "win.record-purchase") ? RPT_ENTRY_PURCHASE
                    : g_str_equal (action, "win.open-complaint") ? RPT_ENTRY_COMPLAINT
                    : RPT_ENTRY_CALL;

  open_entry_dialog (RPT_WINDOW (widget), kind);
}

static gboolean
set_archived (RptWindow *self,
              gint64     id,
              gboolean   archived)
{
  g_autoptr(GError) error = NULL;

  if (!rpt_customer_store_set_archived (self->store, id, archived, &error))
    {
      rpt_window_show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
archive_customer_action (GtkWidget  *widget,
                         const char *action,
                         GVariant   *param)
{
  RptWindow *self = RPT_WINDOW (widget);
  RptCustomer *customer = rpt_customers_page_get_selected (self->customers_page);
  g_autofree char *title = NULL;
  AdwToast *toast;
  gint64 id;

  if (customer == NULL || (id = rpt_customer_get_id (customer)) <= 0)
    return;
  title = g_strdup_printf (_("“%s” archived"), *rpt_customer_get_display_name (customer)
                                                 ? rpt_customer_get_display_name (customer)
                                                 : _("Unnamed"));
  if (!set_archived (self, id, TRUE))
    return;
  self->last_archived = id;
  g_clear_object (&self->deleted_entry);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.unarchive");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  rpt_window_add_toast (self, toast);
  _rpt_window_update_actions (self);
}

static void
unarchive (RptWindow *self,
           gint64     id)
{
  if (id <= 0 || !set_archived (self, id, FALSE))
    return;
  if (self->last_archived == id)
    self->last_archived = 0;
  if (!rpt_customer_list_get_archived (rpt_customers_page_get_list (self->customers_page)))
    rpt_customers_page_select_id (self->customers_page, id);
  _rpt_window_update_actions (self);
}

static void
unarchive_action (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  unarchive (RPT_WINDOW (widget), g_variant_get_int64 (param));
}

static void
restore_customer_action (GtkWidget  *widget,
                         const char *action,
                         GVariant   *param)
{
  RptWindow *self = RPT_WINDOW (widget);
  gint64 id = selected_id (self);

  if (id > 0 && set_archived (self, id, FALSE))
    rpt_window_add_toast (self, adw_toast_new (_("Customer restored from the archive")));
}

static void
restore_entry (RptWindow *self)
{
  g_autoptr(RptTimelineEntry) entry = g_steal_pointer (&self->deleted_entry);
  g_autoptr(GError) error = NULL;

  if (entry != NULL && !rpt_customer_store_restore_entry (self->store, entry, &error))
    rpt_window_show_error (self, error);
  _rpt_window_update_actions (self);
}

static void
undo_delete_entry_action (GtkWidget  *widget,
                          const char *action,
                          GVariant   *param)
{
  restore_entry (RPT_WINDOW (widget));
}

/* Ctrl+Z undoes the last archiving or deleting, whichever came last */
static void
undo_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  RptWindow *self = RPT_WINDOW (widget);

  if (self->deleted_entry != NULL)
    restore_entry (self);
  else
    unarchive (self, self->last_archived);
}

static void
delete_entry_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  RptWindow *self = RPT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RptTimelineEntry) entry = rpt_customer_store_load_entry (self->store,
                                                                     g_variant_get_int64 (param), &error);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (entry == NULL || !rpt_customer_store_delete_entry (self->store, rpt_timeline_entry_get_id (entry),
                                                         &error))
    {
      rpt_window_show_error (self, error);
      return;
    }
  g_set_object (&self->deleted_entry, entry);
  self->last_archived = 0;
  /* Translators: %s is the kind of a timeline entry: "Purchase deleted" */
  title = g_strdup_printf (_("%s deleted"), rpt_entry_kind_to_string (rpt_timeline_entry_get_kind (entry)));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete-entry");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  rpt_window_add_toast (self, toast);
  _rpt_window_update_actions (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  RptWindow *self = RPT_WINDOW (widget);

  rpt_window_show_page (self, "customers");
  rpt_customers_page_focus_search (self->customers_page);
}

static void
page_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  rpt_window_show_page (RPT_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_archived_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  RptWindow *self = RPT_WINDOW (widget);
  RptCustomerList *list = rpt_customers_page_get_list (self->customers_page);

  rpt_customers_page_set_show_archived (self->customers_page, !rpt_customer_list_get_archived (list));
  gtk_widget_action_set_enabled (widget, "win.show-archived", TRUE);
}

static void
database_action (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  rpt_application_choose_database (RPT_APPLICATION (app), GTK_WINDOW (widget),
                                   g_str_equal (action, "win.new-database"));
}

static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      path,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_READ_ONLY, &error);
  char *written = db ? rpt_database_backup_now (db, "manual", &error) : NULL;

  if (written == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, written, g_free);
}

static void
backup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RptWindow *self = RPT_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = g_task_propagate_pointer (G_TASK (result), &error);

  if (written == NULL)
    rpt_window_show_error (self, error);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Backup saved as %s"), written);
      rpt_window_add_toast (self, adw_toast_new (text));
    }
}

static void
backup_now_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  RptWindow *self = RPT_WINDOW (widget);
  g_autoptr(GTask) task = g_task_new (self, NULL, backup_done, NULL);

  rpt_window_add_toast (self, adw_toast_new (_("Backing up…")));
  g_task_set_task_data (task, g_strdup (rpt_database_get_path (self->db)), g_free);
  g_task_run_in_thread (task, backup_thread);
}

static void
on_start_own_response (AdwMessageDialog *dialog,
                       const char       *response,
                       RptWindow        *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (g_str_equal (response, "start"))
    rpt_application_start_own_database (RPT_APPLICATION (app), GTK_WINDOW (self));
}

static void
start_own_database_action (GtkWidget  *widget,
                           const char *action,
                           GVariant   *param)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (widget),
                                                       _("Start Your Own Database?"),
                                                       _("Rapport starts a new, empty database for your "
                                                         "customers in your data folder. The demo shop "
                                                         "is kept and can be opened again with Open "
                                                         "Database.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "start", _("_Start"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "start");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_start_own_response), widget);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_resolve_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RptWindow        *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  RptTimelineEntry *complaint = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "resolve"))
    return;
  if (!rpt_customer_store_resolve_complaint (self->store, complaint, gtk_editable_get_text (entry),
                                             &error))
    rpt_window_show_error (self, error);
  else
    rpt_window_add_toast (self, adw_toast_new (_("Complaint resolved")));
}

static void
on_resolution_changed (GtkEditable      *text,
                       AdwMessageDialog *dialog)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (text)));

  adw_message_dialog_set_response_enabled (dialog, "resolve", *value != '\0');
}

static void
resolve_complaint_action (GtkWidget  *widget,
                          const char *action,
                          GVariant   *param)
{
  RptWindow *self = RPT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RptTimelineEntry) entry = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *text;

  entry = rpt_customer_store_load_entry (self->store, g_variant_get_int64 (param), &error);
  if (entry == NULL)
    {
      rpt_window_show_error (self, error);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Resolve Complaint"),
                                                       rpt_timeline_entry_get_summary (entry)));
  text = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (text), _("How was it resolved?"));
  gtk_entry_set_activates_default (GTK_ENTRY (text), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Resolution"), -1);
  adw_message_dialog_set_extra_child (dialog, text);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "resolve", _("_Resolve"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "resolve", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "resolve");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* a complaint is resolved with a word on how */
  adw_message_dialog_set_response_enabled (dialog, "resolve", FALSE);
  g_signal_connect (text, "changed", G_CALLBACK (on_resolution_changed), dialog);
  g_object_set_data_full (G_OBJECT (dialog), "entry", g_steal_pointer (&entry), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_resolve_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_rpt_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.edit-customer", NULL, edit_customer_action);
  gtk_widget_class_install_action (widget_class, "win.log-interaction", NULL, entry_action);
  gtk_widget_class_install_action (widget_class, "win.record-purchase", NULL, entry_action);
  gtk_widget_class_install_action (widget_class, "win.open-complaint", NULL, entry_action);
  gtk_widget_class_install_action (widget_class, "win.resolve-complaint", "x", resolve_complaint_action);
  gtk_widget_class_install_action (widget_class, "win.archive-customer", NULL, archive_customer_action);
  gtk_widget_class_install_action (widget_class, "win.restore-customer", NULL, restore_customer_action);
  gtk_widget_class_install_action (widget_class, "win.unarchive", "x", unarchive_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.delete-entry", "x", delete_entry_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete-entry", NULL, undo_delete_entry_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action);
  gtk_widget_class_install_action (widget_class, "win.show-archived", NULL, show_archived_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, database_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, database_action);
  gtk_widget_class_install_action (widget_class, "win.backup-now", NULL, backup_now_action);
  gtk_widget_class_install_action (widget_class, "win.start-own-database", NULL,
                                   start_own_database_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit-customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.log-interaction", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.record-purchase", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.open-complaint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "win.archive-customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.page", "s", "customers");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.page", "s", "segments");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.page", "s",
                                       "questionnaires");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.page", "s", "letters");
}
