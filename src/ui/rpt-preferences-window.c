/* rpt-preferences-window.c
 *
 * The business profile lives in the database (it travels with the file);
 * each change is written at once, in its own transaction, and a write that
 * fails is shown as a toast with the old value put back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rpt-customer-store.h"
#include "rpt-format.h"
#include "rpt-names.h"
#include "rpt-preferences-window.h"
#include "rpt-ui-util.h"

struct _RptPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  RptCustomerStore    *store;
  RptDatabase         *db;
  gboolean             loading;

  AdwPreferencesGroup *business_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *address_row;
  AdwComboRow         *country_row;
  AdwComboRow         *currency_row;
  AdwPreferencesGroup *service_group;
  GtkSpinButton       *service_spin;
  AdwActionRow        *path_row;
  AdwActionRow        *state_row;
  AdwPreferencesGroup *backups_group;
  GPtrArray           *backup_rows;
};

G_DEFINE_FINAL_TYPE (RptPreferencesWindow, rpt_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void load (RptPreferencesWindow *self);

static void
save_setting (RptPreferencesWindow *self,
              const char           *key,
              const char           *value)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  if (!rpt_customer_store_set_setting (self->store, key, value, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The setting could not be saved: %s"), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
      load (self);
    }
}

static void
on_name_apply (RptPreferencesWindow *self)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  save_setting (self, "business_name", value);
}

static void
on_address_apply (RptPreferencesWindow *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->address_row)), ",", -1);
  g_autofree char *value = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    g_strstrip (parts[i]);
  value = g_strjoinv ("\n", parts);
  save_setting (self, "business_address", g_strstrip (value));
}

static const char *
currency_name (const char *code)
{
  return code;
}

/* "Automatic" is the currency of the business's country, else the region's */
static void
fill_currencies (RptPreferencesWindow *self)
{
  const char *of_country = rpt_country_currency (rpt_combo_row_get_code (self->country_row));
  g_autofree char *chosen = rpt_database_get_setting (self->db, "currency");
  /* Translators: the currency of the business's country or region; %s is a code such as EUR */
  g_autofree char *automatic = g_strdup_printf (_("Automatic (%s)"),
                                                of_country ? of_country : rpt_locale_currency ());
  gboolean loading = self->loading;

  self->loading = TRUE;
  rpt_combo_row_set_codes (self->currency_row, rpt_currency_codes (), currency_name, automatic);
  rpt_combo_row_select_code (self->currency_row, chosen);
  self->loading = loading;
}

static void
on_country_changed (RptPreferencesWindow *self)
{
  save_setting (self, "business_country", rpt_combo_row_get_code (self->country_row));
  fill_currencies (self);
}

static void
on_currency_changed (RptPreferencesWindow *self)
{
  save_setting (self, "currency", rpt_combo_row_get_code (self->currency_row));
}

static void
on_service_changed (RptPreferencesWindow *self)
{
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->service_spin));

  save_setting (self, "service_level_days", value);
}

static void
fill_backups (RptPreferencesWindow *self)
{
  g_autoptr(GPtrArray) backups = rpt_database_list_backups (self->db);

  for (guint i = 0; i < self->backup_rows->len; i++)
    adw_preferences_group_remove (self->backups_group, g_ptr_array_index (self->backup_rows, i));
  g_ptr_array_set_size (self->backup_rows, 0);
  for (guint i = 0; i < backups->len; i++)
    {
      const char *path = g_ptr_array_index (backups, i);
      g_autofree char *name = g_path_get_basename (path);
      GtkWidget *row = adw_action_row_new ();
      GStatBuf st;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (g_stat (path, &st) == 0)
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (st.st_mtime);
          g_autofree char *date = g_date_time_format (when, "%x %H:%M");
          g_autofree char *size = g_format_size (st.st_size);
          /* Translators: when a backup was made, and its size: "24/11/2026 09:30 · 12.3 MB" */
          g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), date, size);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
  if (backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
}

static void
load (RptPreferencesWindow *self)
{
  g_autofree char *name = rpt_database_get_setting (self->db, "business_name");
  g_autofree char *address = rpt_database_get_setting (self->db, "business_address");
  g_autofree char *country = rpt_database_get_setting (self->db, "business_country");
  g_auto(GStrv) lines = g_strsplit (address ? address : "", "\n", -1);
  g_autofree char *one_line = g_strjoinv (", ", lines);
  gboolean writable = !rpt_database_is_read_only (self->db);
  g_autofree char *state = NULL;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), one_line);
  rpt_combo_row_select_code (self->country_row, country);
  fill_currencies (self);
  gtk_spin_button_set_value (self->service_spin,
                             rpt_database_get_setting_int (self->db, "service_level_days",
                                                           RPT_DEFAULT_SERVICE_LEVEL_DAYS));
  gtk_widget_set_sensitive (GTK_WIDGET (self->business_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->service_group), writable);
  adw_action_row_set_subtitle (self->path_row, rpt_database_get_path (self->db));
  /* Translators: %d is the version of the database's file format */
  state = g_strdup_printf (writable ? _("Open for changes · file format %d")
                                    : _("Open read-only; settings cannot be changed · file format %d"),
                           rpt_database_get_version (self->db));
  adw_action_row_set_subtitle (self->state_row, state);
  fill_backups (self);
  self->loading = FALSE;
}

static void
open_backups_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  RptPreferencesWindow *self = RPT_PREFERENCES_WINDOW (widget);
  g_autofree char *dir = rpt_database_get_backup_dir (self->db);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (file);

  g_mkdir_with_parents (dir, 0700);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
rpt_preferences_window_dispose (GObject *object)
{
  RptPreferencesWindow *self = RPT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RPT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->db);
  g_clear_object (&self->store);
  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (rpt_preferences_window_parent_class)->dispose (object);
}

static void
rpt_preferences_window_class_init (RptPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rpt_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/rpt-preferences-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RptPreferencesWindow, name)
  BIND (business_group); BIND (name_row); BIND (address_row); BIND (country_row); BIND (currency_row);
  BIND (service_group); BIND (service_spin); BIND (path_row); BIND (state_row); BIND (backups_group);
#undef BIND
  gtk_widget_class_install_action (widget_class, "prefs.open-backups", NULL, open_backups_action);
}

static void
rpt_preferences_window_init (RptPreferencesWindow *self)
{
  self->backup_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  rpt_combo_row_set_codes (self->country_row, rpt_country_codes (), rpt_country_name, _("Not set"));
  g_signal_connect_swapped (self->name_row, "apply", G_CALLBACK (on_name_apply), self);
  g_signal_connect_swapped (self->address_row, "apply", G_CALLBACK (on_address_apply), self);
  g_signal_connect_swapped (self->country_row, "notify::selected", G_CALLBACK (on_country_changed), self);
  g_signal_connect_swapped (self->currency_row, "notify::selected", G_CALLBACK (on_currency_changed), self);
  g_signal_connect_swapped (self->service_spin, "value-changed", G_CALLBACK (on_service_changed), self);
}

RptPreferencesWindow *
rpt_preferences_window_new (GtkWindow        *parent,
                            RptCustomerStore *store)
{
  RptPreferencesWindow *self = g_object_new (RPT_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->db = g_object_ref (rpt_customer_store_get_database (store));
  load (self);
  return self;
}
