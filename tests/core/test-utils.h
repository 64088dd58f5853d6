/* test-utils.h — shared set-up for the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "rpt-customer-store.h"
#include "rpt-database.h"

static inline char *
test_db_path (const char *name)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives every test its own temporary home */
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static inline RptDatabase *
test_open_new (const char *name)
{
  g_autofree char *path = test_db_path (name);
  g_autoptr(GError) error = NULL;
  RptDatabase *db = rpt_database_open (path, RPT_DATABASE_CREATE | RPT_DATABASE_NO_BACKUP, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static inline RptCustomer *
test_person (const char *given,
             const char *family,
             const char *language)
{
  RptCustomer *c = rpt_customer_new (RPT_CUSTOMER_PERSON);

  g_object_set (c, "given-name", given, "family-name", family, "language", language, NULL);
  return c;
}

static inline void
test_init (int    *argc,
           char ***argv)
{
  g_setenv ("RAPPORT_NO_AUTO_BACKUP", "1", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}
