/* rpt-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "rpt-error.h"
#include "rpt-ui-util.h"
#include "rpt-window-private.h"

G_DEFINE_FINAL_TYPE (RptWindow, rpt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* For the benchmarks: report the first painted frame and the memory then. */
static void
on_first_paint (GdkFrameClock *clock,
                RptWindow     *self)
{
  g_autofree char *status = NULL;
  const char *rss = NULL;

  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    rss = strstr (status, "VmRSS:");
  g_print ("FIRST_FRAME %" G_GINT64_FORMAT " %ld\n", g_get_monotonic_time (),
           rss ? strtol (rss + 6, NULL, 10) : 0L);
  if (g_strcmp0 (g_getenv ("RAPPORT_BENCH_FIRST_FRAME"), "quit") == 0)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
on_realize_for_bench (RptWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), self);
}

/* The Letters page loads its templates and fonts when first shown, not
 * at start; its preview follows the open card. */
static void
on_page_changed (RptWindow *self)
{
  RptCustomer *card;
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "segments") == 0 && self->store != NULL)
    {
      if (!self->segments_ready)
        {
          rpt_segments_page_set_store (self->segments_page, self->store);
          self->segments_ready = TRUE;
        }
      return;
    }
  if (g_strcmp0 (page, "questionnaires") == 0 && self->store != NULL)
    {
      card = rpt_customers_page_get_selected (self->customers_page);
      if (!self->questionnaires_ready)
        {
          rpt_questionnaires_page_set_store (self->questionnaires_page, self->store);
          self->questionnaires_ready = TRUE;
        }
      rpt_questionnaires_page_set_customer (self->questionnaires_page, card ? rpt_customer_get_id (card) : 0);
      return;
    }
  if (g_strcmp0 (page, "letters") != 0 || self->store == NULL)
    return;
  if (!self->letters_ready)
    {
      rpt_letters_page_set_store (self->letters_page, self->store);
      self->letters_ready = TRUE;
    }
  card = rpt_customers_page_get_selected (self->customers_page);
  if (card != NULL)
    rpt_letters_page_set_recipient (self->letters_page, rpt_customer_get_id (card));
}

/* A number on the dashboard chosen: the customers behind it */
static void
on_show_group (RptWindow  *self,
               GArray     *ids,
               const char *label)
{
  rpt_customers_page_show_group (self->customers_page, ids, label);
  rpt_window_show_page (self, "customers");
}

static void
on_show_customer (RptWindow *self,
                  gint64     id)
{
  rpt_customers_page_show_group (self->customers_page, NULL, NULL);
  rpt_window_show_page (self, "customers");
  rpt_customers_page_select_id (self->customers_page, id);
}

RptWindow *
rpt_window_new (RptApplication *app,
                RptDatabase    *db)
{
  RptWindow *self = g_object_new (RPT_TYPE_WINDOW, "application", app, NULL);
  g_autofree char *demo = NULL;

  self->db = g_object_ref (db);
  self->store = rpt_customer_store_new (db);
  rpt_customers_page_set_store (self->customers_page, self->store, self->settings);
  on_page_changed (self);
  demo = rpt_database_get_setting (db, "is_demo");
  gtk_revealer_set_reveal_child (self->demo_bar, g_strcmp0 (demo, "1") == 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_NAME]);
  _rpt_window_update_actions (self);
  return self;
}

RptCustomersPage *
rpt_window_get_customers_page (RptWindow *self)
{
  g_return_val_if_fail (RPT_IS_WINDOW (self), NULL);
  return self->customers_page;
}

RptDatabase *
rpt_window_get_database (RptWindow *self)
{
  g_return_val_if_fail (RPT_IS_WINDOW (self), NULL);
  return self->db;
}

RptCustomerStore *
rpt_window_get_store (RptWindow *self)
{
  g_return_val_if_fail (RPT_IS_WINDOW (self), NULL);
  return self->store;
}

void
rpt_window_add_toast (RptWindow *self,
                      AdwToast  *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
rpt_window_show_page (RptWindow  *self,
                      const char *name)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));

  for (; row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
}

static void
on_sidebar_row_selected (GtkListBox    *box,
                         GtkListBoxRow *row,
                         RptWindow     *self)
{
  if (row == NULL)
    return;
  gtk_stack_set_visible_child_name (self->stack, gtk_widget_get_name (GTK_WIDGET (row)));
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
on_save_copy_response (GtkNativeDialog *chooser,
                       int              response,
                       RptWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!rpt_database_backup_to (self->db, path, &error))
        rpt_window_show_error (self, error);
      else
        rpt_window_add_toast (self, adw_toast_new (_("A copy of your data was saved")));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_copy (RptWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save a Copy of the Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("customers-copy.db"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_copy_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_error_response (AdwMessageDialog *dialog,
                   const char       *response,
                   RptWindow        *self)
{
  if (g_str_equal (response, "copy"))
    save_copy (self);
}

/* Write errors that need a decision (the file vanished, became read-only,
 * the disk is full or the file is damaged) get a dialog over OVER, which
 * may be the form that failed: it stays open with what was typed. Returns
 * FALSE for the other errors, which the caller shows itself. */
gboolean
rpt_window_show_serious_error (RptWindow    *self,
                               GtkWindow    *over,
                               const GError *error)
{
  gboolean serious = error->domain == RPT_ERROR
                     && (error->code == RPT_ERROR_GONE || error->code == RPT_ERROR_DISK_FULL
                         || error->code == RPT_ERROR_READ_ONLY || error->code == RPT_ERROR_CORRUPT);
  AdwMessageDialog *dialog;

  if (!serious)
    return FALSE;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (over, _("Changes Not Saved"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (error->code == RPT_ERROR_GONE || error->code == RPT_ERROR_READ_ONLY)
    {
      adw_message_dialog_add_response (dialog, "copy", _("_Save a Copy…"));
      adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* A form (editor, entry dialog) whose save failed: serious errors get the
 * dialog with its choices over the form, the rest TEXT as a toast in it. */
void
rpt_window_report_save_error (GtkWindow       *form,
                              AdwToastOverlay *toasts,
                              const char      *text,
                              const GError    *error)
{
  GtkWindow *parent = gtk_window_get_transient_for (form);

  if (RPT_IS_WINDOW (parent) && rpt_window_show_serious_error (RPT_WINDOW (parent), form, error))
    return;
  rpt_toast_overlay_show (toasts, text);
}

/* Serious errors get a dialog; the rest a toast. */
void
rpt_window_show_error (RptWindow    *self,
                       const GError *error)
{
  if (!rpt_window_show_serious_error (self, GTK_WINDOW (self), error))
    rpt_window_add_toast (self, adw_toast_new (error->message));
}

static void
rpt_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RptWindow *self = RPT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_NAME:
      if (self->db == NULL)
        g_value_set_string (value, "");
      else
        {
          g_autofree char *base = g_path_get_basename (rpt_database_get_path (self->db));
          g_value_take_string (value, rpt_database_is_read_only (self->db)
                                        /* Translators: a file name and that it is read-only */
                                        ? g_strdup_printf (_("%s (read-only)"), base)
                                        : g_steal_pointer (&base));
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
rpt_window_close_request (GtkWindow *window)
{
  RptWindow *self = RPT_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (rpt_window_parent_class)->close_request (window);
}

static void
rpt_window_dispose (GObject *object)
{
  RptWindow *self = RPT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RPT_TYPE_WINDOW);
  g_clear_object (&self->deleted_entry);
  g_clear_object (&self->store);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rpt_window_parent_class)->dispose (object);
}

static void
rpt_window_class_init (RptWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rpt_window_dispose;
  object_class->get_property = rpt_window_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = rpt_window_close_request;

  properties[PROP_DATABASE_NAME] =
    g_param_spec_string ("database-name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RPT_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (RPT_TYPE_LETTERS_PAGE);
  g_type_ensure (RPT_TYPE_QUESTIONNAIRES_PAGE);
  g_type_ensure (RPT_TYPE_SEGMENTS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/rpt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RptWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RptWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, RptWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RptWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RptWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, RptWindow, letters_page);
  gtk_widget_class_bind_template_child (widget_class, RptWindow, questionnaires_page);
  gtk_widget_class_bind_template_child (widget_class, RptWindow, segments_page);
  gtk_widget_class_bind_template_child (widget_class, RptWindow, demo_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected);
  _rpt_window_class_actions_init (widget_class);
}

static void
rpt_window_init (RptWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  rpt_window_show_page (self, "customers");
  g_object_bind_property (self->flap, "reveal-flap",
                          rpt_customers_page_get_flap_button (self->customers_page), "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->flap, "folded",
                          rpt_customers_page_get_flap_button (self->customers_page), "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->customers_page, "selection-changed",
                            G_CALLBACK (_rpt_window_update_actions), self);
  g_object_bind_property (self->flap, "reveal-flap",
                          rpt_letters_page_get_flap_button (self->letters_page), "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->flap, "folded",
                          rpt_letters_page_get_flap_button (self->letters_page), "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->flap, "reveal-flap",
                          rpt_questionnaires_page_get_flap_button (self->questionnaires_page), "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->flap, "folded",
                          rpt_questionnaires_page_get_flap_button (self->questionnaires_page), "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->flap, "reveal-flap",
                          rpt_segments_page_get_flap_button (self->segments_page), "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->flap, "folded",
                          rpt_segments_page_get_flap_button (self->segments_page), "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->segments_page, "show-group", G_CALLBACK (on_show_group), self);
  g_signal_connect_swapped (self->segments_page, "show-customer", G_CALLBACK (on_show_customer), self);
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (on_page_changed), self);
  if (g_getenv ("RAPPORT_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect_after (self, "realize", G_CALLBACK (on_realize_for_bench), NULL);
}
