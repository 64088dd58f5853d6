/* ui-test-utils.h — drive the real application from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "rpt-application.h"
#include "rpt-demo.h"
#include "rpt-merge-dialog.h"
#include "rpt-segments-page.h"
#include "rpt-window.h"

typedef gboolean (*UiCondition) (gpointer data);

static char *ui_home;

static inline void
ui_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        ui_remove_tree (child);
      else
        g_remove (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

/* The user's folders point into a fresh temporary folder for the whole run.
 * (G_TEST_OPTION_ISOLATE_DIRS would also hide the system's MIME database,
 * without which no SVG icon loads.) Call before g_test_init(). */
static inline void
ui_isolate_user_dirs (void)
{
  const char *kinds[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  ui_home = g_dir_make_tmp ("rapport-ui-XXXXXX", NULL);
  g_assert_nonnull (ui_home);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *dir = g_build_filename (ui_home, kinds[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (kinds[i], dir, TRUE);
    }
}

static inline int
ui_finish (int status)
{
  ui_remove_tree (ui_home);
  g_clear_pointer (&ui_home, g_free);
  return status;
}

/* Let the main loop run until CONDITION holds; fail after ten seconds. */
static inline void
ui_wait_for (UiCondition  condition,
             gpointer     data,
             const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static inline void
ui_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The application's main window is up */
static inline gboolean
ui_has_window (gpointer app)
{
  return RPT_IS_WINDOW (gtk_application_get_active_window (app));
}

static inline gboolean
ui_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static inline gboolean
ui_has_name (GtkWidget     *widget,
             gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static inline GtkWidget *
ui_find (GtkWidget             *root,
         GType                  type,
         gboolean             (*match) (GtkWidget *widget, gconstpointer data),
         gconstpointer          data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find (child, type, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline GtkWindow *ui_find_toplevel (GType type);

/* The Write Letters dialog is open / closed again */
static inline gboolean
ui_has_merge_dialog (gpointer data)
{
  return ui_find_toplevel (RPT_TYPE_MERGE_DIALOG) != NULL;
}

static inline gboolean
ui_no_merge_dialog (gpointer data)
{
  return ui_find_toplevel (RPT_TYPE_MERGE_DIALOG) == NULL;
}

static inline GtkWindow *
ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* A stack with a page called NAME */
static inline gboolean
ui_stack_has (GtkWidget     *stack,
              gconstpointer  name)
{
  return gtk_stack_get_child_by_name (GTK_STACK (stack), name) != NULL;
}

/* The Segments page shows its figures */
static inline gboolean
ui_dashboard_ready (gpointer page)
{
  return rpt_segments_page_get_report (page) != NULL
         && g_strcmp0 (rpt_segments_page_get_view (page), "dashboard") == 0;
}

static inline gboolean
ui_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static inline gboolean
ui_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  const char *text = gtk_button_get_label (GTK_BUTTON (widget));
  g_autofree char *plain = NULL;

  if (text == NULL)
    return FALSE;
  plain = g_strdup (text);
  /* mnemonics are not part of what the user reads */
  for (char *p = plain, *q = plain;; p++)
    if (*p != '_' && (*q++ = *p) == '\0')
      break;
  return g_strcmp0 (plain, label) == 0;
}

static inline void
ui_set_row_text (GtkWidget  *root,
                 const char *title,
                 const char *text)
{
  GtkWidget *row = ui_find (root, ADW_TYPE_ENTRY_ROW, ui_row_titled, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static inline void
ui_click (GtkWidget  *root,
          const char *label)
{
  GtkWidget *button = ui_find (root, GTK_TYPE_BUTTON, ui_button_labelled, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static inline void
ui_on_activate (GApplication *app,
                gpointer      script)
{
  g_idle_add (script, app);
}

/* Start the real application on the database at PATH and run SCRIPT (given
 * the application) once it is up. */
static inline void
ui_run_app (const char  *path,
            GSourceFunc  script)
{
  g_autoptr(RptApplication) app = rpt_application_new ();
  char *argv[] = { (char *) "rapport", (char *) "--db", (char *) path, NULL };

  g_signal_connect_after (app, "activate", G_CALLBACK (ui_on_activate), script);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
}

/* The same on a new demo database of CUSTOMERS cards in the user data folder */
static inline void
ui_run_app_on_demo (const char  *file_name,
                    guint        customers,
                    guint        seed,
                    GSourceFunc  script)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), file_name, NULL);
  RptDemoOptions options = { .customers = customers, .seed = seed, .today = "2026-11-24" };
  g_autoptr(GError) error = NULL;

  rpt_demo_create_file (path, &options, &error);
  g_assert_no_error (error);
  ui_run_app (path, script);
}

/* The translations the app uses, fresh user folders, then GTest. */
static inline void
ui_test_init (int    *argc,
              char ***argv)
{
  const char *localedir = g_getenv ("RAPPORT_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ui_isolate_user_dirs ();
  g_test_init (argc, argv, NULL);
}
