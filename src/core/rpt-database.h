/* rpt-database.h — owns the SQLite connection of one Rapport file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define RPT_TYPE_DATABASE (rpt_database_get_type ())
G_DECLARE_FINAL_TYPE (RptDatabase, rpt_database, RPT, DATABASE, GObject)

typedef enum
{
  RPT_DATABASE_FLAGS_NONE = 0,
  RPT_DATABASE_READ_ONLY  = 1 << 0, /* open without writing anything, not even a migration */
  RPT_DATABASE_NO_BACKUP  = 1 << 1, /* skip the automatic daily backup (tests, benchmarks) */
  RPT_DATABASE_CREATE     = 1 << 2, /* create the file when it does not exist */
  RPT_DATABASE_BULK_LOAD  = 1 << 3, /* a new file filled once: no journal, no sync, no FK checks */
  RPT_DATABASE_SCAN       = 1 << 4, /* reads whole indexes once (a worker thread): a small cache */
} RptDatabaseFlags;

#define RPT_DATABASE_BACKUPS_KEPT 7

char         *rpt_database_default_path   (void);
RptDatabase  *rpt_database_open           (const char        *path,
                                           RptDatabaseFlags   flags,
                                           GError           **error);
RptDatabase  *rpt_database_open_to_version (const char       *path,
                                            int               version,
                                            GError          **error);
const char   *rpt_database_get_path       (RptDatabase       *self);
gboolean      rpt_database_is_read_only   (RptDatabase       *self);
int           rpt_database_get_version    (RptDatabase       *self);
char         *rpt_database_get_backup_dir (RptDatabase       *self);

gboolean      rpt_database_begin          (RptDatabase       *self,
                                           GError           **error);
gboolean      rpt_database_begin_read     (RptDatabase       *self,
                                           GError           **error);
void          rpt_database_end_read       (RptDatabase       *self);
gboolean      rpt_database_commit         (RptDatabase       *self,
                                           GError           **error);
void          rpt_database_rollback       (RptDatabase       *self);
gboolean      rpt_database_in_transaction (RptDatabase       *self);

sqlite3_stmt *rpt_database_prepare        (RptDatabase       *self,
                                           const char        *sql,
                                           GError           **error);
gboolean      rpt_database_step_done      (RptDatabase       *self,
                                           sqlite3_stmt      *stmt,
                                           GError           **error);
gboolean      rpt_database_exec           (RptDatabase       *self,
                                           const char        *sql,
                                           GError           **error);
gboolean      rpt_database_set_error      (RptDatabase       *self,
                                           int                rc,
                                           GError           **error);
sqlite3      *rpt_database_get_handle     (RptDatabase       *self);
gboolean      rpt_database_finish_bulk_load (RptDatabase     *self,
                                             GError         **error);

char         *rpt_database_get_setting    (RptDatabase       *self,
                                           const char        *key);
int           rpt_database_get_setting_int (RptDatabase      *self,
                                            const char       *key,
                                            int               fallback);
gboolean      rpt_database_set_setting    (RptDatabase       *self,
                                           const char        *key,
                                           const char        *value,
                                           GError           **error);

gboolean      rpt_database_backup_to      (RptDatabase       *self,
                                           const char        *dest_path,
                                           GError           **error);
char         *rpt_database_backup_now     (RptDatabase       *self,
                                           const char        *reason,
                                           GError           **error);
gboolean      rpt_database_backup_if_due  (RptDatabase       *self,
                                           GError           **error);
GPtrArray    *rpt_database_list_backups   (RptDatabase       *self);
gboolean      rpt_database_check          (RptDatabase       *self,
                                           GPtrArray        **problems,
                                           GError           **error);
gboolean      rpt_database_restore        (const char        *db_path,
                                           const char        *backup_path,
                                           GError           **error);

G_END_DECLS
