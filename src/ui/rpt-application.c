/* rpt-application.c — opens the database, then the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-application"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "rpt-application.h"
#include "rpt-demo.h"
#include "rpt-error.h"
#include "rpt-preferences-window.h"
#include "rpt-window.h"

struct _RptApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *db_option;     /* --db FILE */
};

G_DEFINE_FINAL_TYPE (RptApplication, rpt_application, ADW_TYPE_APPLICATION)

static void open_database (RptApplication *self, const char *path, RptDatabaseFlags flags);

RptApplication *
rpt_application_new (void)
{
  return g_object_new (RPT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/rapportcrm/Rapport",
                       NULL);
}

static RptWindow *
current_window (RptApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return RPT_IS_WINDOW (window) ? RPT_WINDOW (window) : NULL;
}

/* The daily backup copies the whole file: on a big database that takes
 * seconds, so it runs on its own connection in a worker thread. */
static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = rpt_database_open (task_data, RPT_DATABASE_READ_ONLY, &error);

  if (db == NULL || !rpt_database_backup_if_due (db, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
backup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Daily backup failed: %s", error->message);
}

static void
start_daily_backup (RptApplication *self,
                    RptDatabase    *db)
{
  g_autoptr(GTask) task = NULL;

  if (rpt_database_is_read_only (db) || g_getenv ("RAPPORT_NO_AUTO_BACKUP") != NULL)
    return;
  task = g_task_new (self, NULL, backup_done, NULL);
  g_task_set_task_data (task, g_strdup (rpt_database_get_path (db)), g_free);
  g_task_run_in_thread (task, backup_thread);
}

static void
show_window (RptApplication *self,
             RptDatabase    *db)
{
  RptWindow *old = current_window (self);
  RptWindow *window = rpt_window_new (self, db);

  gtk_window_present (GTK_WINDOW (window));
  if (old != NULL)
    gtk_window_destroy (GTK_WINDOW (old));
  start_daily_backup (self, db);
}

typedef struct
{
  RptApplication *app;
  char           *path;
} ErrorChoice;

static void
error_choice_free (gpointer  data,
                   GClosure *closure)
{
  ErrorChoice *choice = data;

  g_free (choice->path);
  g_free (choice);
}

static void
on_error_response (AdwMessageDialog *dialog,
                   const char       *response,
                   ErrorChoice      *choice)
{
  RptApplication *self = choice->app;

  GtkWindow *window = GTK_WINDOW (current_window (self));

  /* the dialog is closing: a file chooser belongs to the main window, if any */
  if (g_str_equal (response, "retry"))
    open_database (self, choice->path, RPT_DATABASE_FLAGS_NONE);
  else if (g_str_equal (response, "create"))
    open_database (self, choice->path, RPT_DATABASE_CREATE);
  else if (g_str_equal (response, "read-only"))
    open_database (self, choice->path, RPT_DATABASE_READ_ONLY);
  else if (g_str_equal (response, "open"))
    rpt_application_choose_database (self, window, FALSE);
  else if (g_str_equal (response, "new"))
    rpt_application_choose_database (self, window, TRUE);
  else if (current_window (self) == NULL)
    g_application_quit (G_APPLICATION (self));
}

static const char *
error_heading (const GError *error)
{
  switch (error->code)
    {
    case RPT_ERROR_LOCKED: return _("Database in Use");
    case RPT_ERROR_READ_ONLY: return _("Database Is Read-Only");
    case RPT_ERROR_CORRUPT: return _("Database Damaged");
    case RPT_ERROR_TOO_NEW: return _("Database From a Newer Rapport");
    case RPT_ERROR_INVALID: return _("Not a Rapport Database");
    case RPT_ERROR_NOT_FOUND: return _("No Database There Yet");
    default: return _("Cannot Open the Database");
    }
}

/* Every open failure offers a way on; none of them touches the file. */
static void
show_open_error (RptApplication *self,
                 const char     *path,
                 const GError   *error)
{
  GtkWindow *parent = GTK_WINDOW (current_window (self));
  AdwMessageDialog *dialog;
  ErrorChoice *choice = g_new0 (ErrorChoice, 1);
  gboolean has_window = parent != NULL;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, error_heading (error), error->message));
  adw_message_dialog_add_response (dialog, "close", has_window ? _("_Cancel") : _("_Quit"));
  if (error->domain == RPT_ERROR && error->code == RPT_ERROR_LOCKED)
    adw_message_dialog_add_response (dialog, "retry", _("_Try Again"));
  if (error->domain == RPT_ERROR && error->code == RPT_ERROR_READ_ONLY)
    adw_message_dialog_add_response (dialog, "read-only", _("Open _Read-Only"));
  if (error->domain == RPT_ERROR && error->code == RPT_ERROR_NOT_FOUND)
    {
      adw_message_dialog_add_response (dialog, "create", _("_Create It"));
      adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_add_response (dialog, "new", _("_New Database…"));
  adw_message_dialog_add_response (dialog, "open", _("_Open Another…"));
  adw_message_dialog_set_default_response (dialog, error->domain == RPT_ERROR
                                                   && error->code == RPT_ERROR_NOT_FOUND ? "create" : "open");
  adw_message_dialog_set_close_response (dialog, "close");
  choice->app = self;
  choice->path = g_strdup (path);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_error_response), choice,
                         error_choice_free, 0);
  if (!has_window)
    gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
create_demo (const char  *path,
             GError     **error)
{
  RptDemoOptions options = { 0 };

  options.customers = RPT_DEMO_DEFAULT_CUSTOMERS;
  options.seed = 2024;
  return rpt_demo_create_file (path, &options, error);
}

static void
open_database (RptApplication   *self,
               const char       *path,
               RptDatabaseFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = NULL;
  g_autofree char *default_path = rpt_database_default_path ();

  /* A newcomer sees a living shop, not an empty grid. */
  if (g_str_equal (path, default_path) && !g_file_test (path, G_FILE_TEST_EXISTS)
      && !create_demo (path, &error))
    {
      show_open_error (self, path, error);
      return;
    }
  db = rpt_database_open (path, flags | RPT_DATABASE_NO_BACKUP, &error);
  if (db == NULL)
    {
      show_open_error (self, path, error);
      return;
    }
  show_window (self, db);
}

void
rpt_application_open_path (RptApplication *self,
                           const char     *path,
                           gboolean        read_only)
{
  g_autofree char *default_path = rpt_database_default_path ();

  g_settings_set_string (self->settings, "database-path",
                         g_str_equal (path, default_path) ? "" : path);
  open_database (self, path, read_only ? RPT_DATABASE_READ_ONLY : RPT_DATABASE_FLAGS_NONE);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     RptApplication  *self)
{
  gboolean create = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser))
                    == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (create && g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autoptr(GError) error = g_error_new (RPT_ERROR, RPT_ERROR_INVALID,
                                                 _("“%s” exists already. Choose a new name; "
                                                   "Rapport never overwrites a file."), path);
          show_open_error (self, path, error);
        }
      else if (create)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(RptDatabase) db = rpt_database_open (path, RPT_DATABASE_CREATE
                                                               | RPT_DATABASE_NO_BACKUP, &error);
          if (db == NULL)
            show_open_error (self, path, error);
          else
            {
              g_settings_set_string (self->settings, "database-path", path);
              show_window (self, db);
            }
        }
      else
        rpt_application_open_path (self, path, FALSE);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_application_release (G_APPLICATION (self));
}

void
rpt_application_choose_database (RptApplication *self,
                                 GtkWindow      *parent,
                                 gboolean        create)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (create ? _("New Database") : _("Open Database"), parent,
                                         create ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Rapport databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("customers.db"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  /* the chooser may be all there is on screen (after an error at start):
   * the application waits for it */
  g_application_hold (G_APPLICATION (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The demo file is kept beside the new one, renamed, never deleted. */
void
rpt_application_start_own_database (RptApplication *self,
                                    GtkWindow      *parent)
{
  g_autofree char *path = rpt_database_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("demo-%s.db", stamp);
  g_autofree char *kept = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  RptWindow *window = current_window (self);
  g_autoptr(RptDatabase) db = NULL;

  /* Close the demo's connection before its files move. */
  g_application_hold (G_APPLICATION (self));
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (path, kept) != 0)
    {
      g_set_error (&error, RPT_ERROR, RPT_ERROR_FAILED, _("The demo database cannot be moved aside: %s"),
                   g_strerror (errno));
      show_open_error (self, path, error);
      g_application_release (G_APPLICATION (self));
      return;
    }
  for (const char *suffix = "-wal"; suffix != NULL; suffix = g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *from = g_strconcat (path, suffix, NULL);
      g_autofree char *to = g_strconcat (kept, suffix, NULL);
      g_rename (from, to);
    }
  db = rpt_database_open (path, RPT_DATABASE_CREATE | RPT_DATABASE_NO_BACKUP, &error);
  if (db == NULL)
    show_open_error (self, path, error);
  else
    {
      g_autofree char *where = NULL;

      g_settings_set_string (self->settings, "database-path", "");
      show_window (self, db);
      /* Translators: %s is the path of the user's new database file */
      where = g_strdup_printf (_("Your customers are kept in %s"), path);
      if (current_window (self) != NULL)
        rpt_window_add_toast (current_window (self), adw_toast_new (where));
    }
  g_application_release (G_APPLICATION (self));
}

static void
rpt_application_activate (GApplication *app)
{
  RptApplication *self = RPT_APPLICATION (app);
  RptWindow *window = current_window (self);
  g_autofree char *setting = NULL;
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  setting = g_settings_get_string (self->settings, "database-path");
  if (self->db_option != NULL)
    path = g_strdup (self->db_option);
  else if (setting != NULL && *setting != '\0')
    path = g_strdup (setting);
  else
    path = rpt_database_default_path ();
  open_database (self, path, RPT_DATABASE_FLAGS_NONE);
}

static int
rpt_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  RptApplication *self = RPT_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && *db != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);
      self->db_option = g_file_get_path (file);
    }
  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  RptApplication *self = user_data;
  const char *developers[] = { _("The Rapport developers"), NULL };
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about,
                "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                "application-name", _("Rapport"),
                "application-icon", APP_ID,
                "developer-name", _("The Rapport developers"),
                "developers", developers,
                "version", PACKAGE_VERSION,
                "website", "https://github.com/rapportcrm/rapport",
                "issue-url", "https://github.com/rapportcrm/rapport/issues",
                "license-type", GTK_LICENSE_GPL_3_0,
                "copyright", "© 2026 The Rapport developers",
                /* Translators: put your names here, one per line */
                "translator-credits", _("translator-credits"),
                "comments", _("Customer cards, questionnaires and personal letters for small businesses"),
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RptWindow *window = current_window (user_data);
  RptPreferencesWindow *prefs;

  if (window == NULL)
    return;
  prefs = rpt_preferences_window_new (GTK_WINDOW (window), rpt_window_get_store (window));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
on_help_shown (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) && RPT_IS_WINDOW (source))
    {
      g_autofree char *text = g_strdup_printf (_("Help could not be opened (%s). The help viewer "
                                                 "“yelp” shows it."), error->message);
      rpt_window_add_toast (RPT_WINDOW (source), adw_toast_new (text));
    }
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri_full (window, "help:rapport", GDK_CURRENT_TIME, NULL, on_help_shown, window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
rpt_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "about", about_action },
    { "preferences", preferences_action },
    { "help", help_action },
    { "quit", quit_action },
  };
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };
  RptApplication *self = RPT_APPLICATION (app);
  const char *datadir = g_getenv ("RAPPORT_DATADIR");

  G_APPLICATION_CLASS (rpt_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
  /* running from the build tree: the icon is not installed yet */
  if (datadir != NULL)
    {
      g_autofree char *icons = g_build_filename (datadir, "icons", NULL);
      gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      icons);
    }
  gtk_window_set_default_icon_name (APP_ID);
  self->settings = g_settings_new (APP_ID);
}

static void
rpt_application_finalize (GObject *object)
{
  RptApplication *self = RPT_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_option, g_free);
  G_OBJECT_CLASS (rpt_application_parent_class)->finalize (object);
}

static void
rpt_application_class_init (RptApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rpt_application_finalize;
  app_class->activate = rpt_application_activate;
  app_class->startup = rpt_application_startup;
  app_class->handle_local_options = rpt_application_handle_local_options;
}

static void
rpt_application_init (RptApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the database FILE"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}
