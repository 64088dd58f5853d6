/* main.c — i18n set-up and the application run, nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rpt-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(RptApplication) app = NULL;
  const char *localedir = g_getenv ("RAPPORT_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rpt_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
