/* rpt-migrations.h — numbered schema steps on PRAGMA user_version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-database.h"

G_BEGIN_DECLS

#define RPT_SCHEMA_VERSION 8
#define RPT_APPLICATION_ID 0x52505054 /* "RPPT" in the file header */

gboolean rpt_migrations_run (RptDatabase  *db,
                             int           from,
                             int           to,
                             GError      **error);

G_END_DECLS
