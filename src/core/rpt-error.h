/* rpt-error.h — the one error domain of Rapport's core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RPT_ERROR (rpt_error_quark ())

typedef enum
{
  RPT_ERROR_FAILED,
  RPT_ERROR_LOCKED,        /* another program holds the database */
  RPT_ERROR_READ_ONLY,     /* the file or its folder cannot be written */
  RPT_ERROR_CORRUPT,       /* not a database, or damaged */
  RPT_ERROR_TOO_NEW,       /* written by a newer Rapport */
  RPT_ERROR_DISK_FULL,
  RPT_ERROR_GONE,          /* the file was deleted or replaced while open */
  RPT_ERROR_NOT_FOUND,
  RPT_ERROR_INVALID,       /* bad input from a user or a file */
} RptErrorCode;

GQuark rpt_error_quark (void);

G_END_DECLS
