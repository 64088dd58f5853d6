/* rpt-database.c — the SQLite connection, transactions, settings and backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rpt-database.h"
#include "rpt-error.h"
#include "rpt-migrations.h"

#define SQLITE_MAGIC "SQLite format 3"
#define OPEN_BUSY_TIMEOUT_MS 1500
#define BUSY_TIMEOUT_MS 5000

struct _RptDatabase
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  GHashTable *statements;   /* SQL text (static, by address) → sqlite3_stmt*, owned */
  dev_t       dev;
  ino_t       ino;
  guint       depth;        /* nesting of rpt_database_begin() */
  guint       read_only : 1;
  guint       bulk : 1;      /* filled without a journal, see RPT_DATABASE_BULK_LOAD */
  guint       failed : 1;   /* an inner level rolled back */
};

G_DEFINE_FINAL_TYPE (RptDatabase, rpt_database, G_TYPE_OBJECT)

static void
rpt_database_finalize (GObject *object)
{
  RptDatabase *self = RPT_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (rpt_database_parent_class)->finalize (object);
}

static void
rpt_database_class_init (RptDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rpt_database_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
rpt_database_init (RptDatabase *self)
{
  /* Keyed by the address of the SQL literal: hashing long SQL text on every
   * call showed in bulk-insert profiles. Callers pass string constants. */
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

char *
rpt_database_default_path (void)
{
  const char *env = g_getenv ("RAPPORT_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/* Map an SQLite result code to an error a shop owner can act on. */
static void
error_from_code (GError     **error,
                 int          rc,
                 const char  *detail)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RPT_ERROR, RPT_ERROR_LOCKED,
                   _("The database is in use by another program. Close it there and try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, RPT_ERROR, RPT_ERROR_READ_ONLY,
                   _("The database cannot be written: the file or its folder is read-only."));
      break;
    case SQLITE_FULL:
      g_set_error (error, RPT_ERROR, RPT_ERROR_DISK_FULL,
                   _("The disk is full. Free some space and try again; nothing was saved."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, RPT_ERROR, RPT_ERROR_CORRUPT,
                   _("The database file is damaged or is not a Rapport database."));
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND,
                   _("The database file cannot be opened."));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("The change conflicts with data already saved (%s)."),
                   detail ? detail : "constraint");
      break;
    default:
      g_set_error (error, RPT_ERROR, RPT_ERROR_FAILED,
                   _("The database reported an error: %s"),
                   detail ? detail : sqlite3_errstr (rc));
      break;
    }
}

gboolean
rpt_database_set_error (RptDatabase  *self,
                        int           rc,
                        GError      **error)
{
  error_from_code (error, rc, self->handle ? sqlite3_errmsg (self->handle) : NULL);
  return FALSE;
}

sqlite3 *
rpt_database_get_handle (RptDatabase *self)
{
  g_return_val_if_fail (RPT_IS_DATABASE (self), NULL);
  return self->handle;
}

const char *
rpt_database_get_path (RptDatabase *self)
{
  g_return_val_if_fail (RPT_IS_DATABASE (self), NULL);
  return self->path;
}

gboolean
rpt_database_is_read_only (RptDatabase *self)
{
  g_return_val_if_fail (RPT_IS_DATABASE (self), TRUE);
  return self->read_only;
}

/* SQL must be a string constant: statements are cached by its address. */
sqlite3_stmt *
rpt_database_prepare (RptDatabase  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RPT_IS_DATABASE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rpt_database_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
rpt_database_step_done (RptDatabase   *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  rpt_database_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
rpt_database_exec (RptDatabase  *self,
                   const char   *sql,
                   GError      **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      error_from_code (error, rc, msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/* The file must still be the one we opened: on Linux a deleted file stays
 * writable through the open descriptor, and every change would vanish at exit. */
static gboolean
check_file (RptDatabase  *self,
            GError      **error)
{
  GStatBuf st;

  if (g_stat (self->path, &st) != 0 || st.st_ino != self->ino || st.st_dev != self->dev)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_GONE,
                   _("The database file “%s” was deleted or moved while Rapport had it open. "
                     "Save a copy to keep your data."), self->path);
      return FALSE;
    }
  if ((st.st_mode & 0222) == 0)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_READ_ONLY,
                   _("The database file “%s” was made read-only. Nothing was changed."),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

/* A snapshot for many reads (a run of letters): one lock instead of one
 * per statement, and every read sees the same state of the file. */
gboolean
rpt_database_begin_read (RptDatabase  *self,
                         GError      **error)
{
  g_return_val_if_fail (RPT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  return rpt_database_exec (self, "BEGIN DEFERRED", error);
}

void
rpt_database_end_read (RptDatabase *self)
{
  g_return_if_fail (RPT_IS_DATABASE (self));
  g_return_if_fail (self->depth == 0);

  if (!sqlite3_get_autocommit (self->handle))
    rpt_database_exec (self, "COMMIT", NULL);
}

gboolean
rpt_database_begin (RptDatabase  *self,
                    GError      **error)
{
  g_return_val_if_fail (RPT_IS_DATABASE (self), FALSE);

  if (self->depth > 0)
    {
      self->depth++;
      return TRUE;
    }
  if (self->read_only)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_READ_ONLY,
                   _("This database was opened read-only. Nothing was changed."));
      return FALSE;
    }
  if (!check_file (self, error))
    return FALSE;
  if (!rpt_database_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->depth = 1;
  self->failed = FALSE;
  return TRUE;
}

gboolean
rpt_database_in_transaction (RptDatabase *self)
{
  return self->depth > 0;
}

void
rpt_database_rollback (RptDatabase *self)
{
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    {
      self->failed = TRUE;
      return;
    }
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  self->failed = FALSE;
}

gboolean
rpt_database_commit (RptDatabase  *self,
                     GError      **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;
  if (self->failed)
    {
      self->depth = 1;
      rpt_database_rollback (self);
      g_set_error (error, RPT_ERROR, RPT_ERROR_FAILED, _("A part of the change failed; nothing was saved."));
      return FALSE;
    }
  if (!rpt_database_exec (self, "COMMIT", error))
    {
      self->depth = 1;
      rpt_database_rollback (self);
      return FALSE;
    }
  return TRUE;
}

int
rpt_database_get_version (RptDatabase *self)
{
  sqlite3_stmt *stmt = rpt_database_prepare (self, "PRAGMA user_version", NULL);
  int version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

char *
rpt_database_get_setting (RptDatabase *self,
                          const char  *key)
{
  sqlite3_stmt *stmt = rpt_database_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

int
rpt_database_get_setting_int (RptDatabase *self,
                              const char  *key,
                              int          fallback)
{
  g_autofree char *value = rpt_database_get_setting (self, key);
  gint64 parsed;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, G_MININT, G_MAXINT, &parsed, NULL))
    return fallback;
  return (int) parsed;
}

gboolean
rpt_database_set_setting (RptDatabase  *self,
                          const char   *key,
                          const char   *value,
                          GError      **error)
{
  sqlite3_stmt *stmt;

  if (!rpt_database_begin (self, error))
    return FALSE;
  stmt = rpt_database_prepare (self,
                               "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    {
      rpt_database_rollback (self);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value ? value : "", -1, SQLITE_TRANSIENT);
  if (!rpt_database_step_done (self, stmt, error))
    {
      rpt_database_rollback (self);
      return FALSE;
    }
  return rpt_database_commit (self, error);
}

/* Refuse files that are plainly not SQLite before SQLite touches them. */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  char header[16] = { 0 };
  gsize got = 0;

  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, RPT_ERROR, RPT_ERROR_READ_ONLY,
                     _("You do not have permission to read “%s”."), path);
      else
        g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND,
                     _("“%s” cannot be opened: %s"), path, local_error->message);
      return FALSE;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &got, NULL, NULL))
    got = 0;
  if (got == 0)
    return TRUE; /* an empty file becomes a new database */
  if (got < sizeof header || memcmp (header, SQLITE_MAGIC, strlen (SQLITE_MAGIC)) != 0)
    {
      /* not an SQLite file at all: a letter, a spreadsheet, a wrong choice */
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("“%s” is not a Rapport database (or it is damaged). It was left untouched."),
                   path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
file_is_writable (const char *path)
{
  GStatBuf st;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_stat (path, &st) == 0 && ((st.st_mode & 0222) == 0 || g_access (path, W_OK) != 0))
    return FALSE;
  if (g_stat (dir, &st) == 0 && ((st.st_mode & 0222) == 0 || g_access (dir, W_OK) != 0))
    return FALSE;
  return TRUE;
}

static gboolean
configure_connection (RptDatabase       *self,
                      RptDatabaseFlags   flags,
                      GError           **error)
{
  sqlite3_busy_timeout (self->handle, OPEN_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->handle, TRUE);
  if (flags & RPT_DATABASE_BULK_LOAD)
    {
      /* Only for a new file that is renamed into place when complete. */
      if (!rpt_database_exec (self, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                                    " PRAGMA locking_mode = EXCLUSIVE", error))
        return FALSE;
    }
  if (!rpt_database_exec (self, (flags & RPT_DATABASE_BULK_LOAD) ? "PRAGMA foreign_keys = OFF"
                                                                 : "PRAGMA foreign_keys = ON", error)
      /* 16 MB of page cache; no memory mapping: mapped pages count as the
       * app's own memory (the kernel maps 64 KB around each read), and a
       * list row is one table row since schema 4. A scan reads each page
       * once, so a worker thread's scan keeps only a small cache. */
      || !rpt_database_exec (self, (flags & RPT_DATABASE_SCAN) ? "PRAGMA cache_size = -1024"
                                                               : "PRAGMA cache_size = -16384",
                             error))
    return FALSE;
  /* Touch the schema now so locks and damage show up at open, not at first use. */
  if (!rpt_database_exec (self, "SELECT count(*) FROM sqlite_schema", error))
    return FALSE;
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  return TRUE;
}

static gboolean
check_identity (RptDatabase  *self,
                int           version,
                GError      **error)
{
  sqlite3_stmt *stmt;
  int app_id = 0, tables = 0;

  stmt = rpt_database_prepare (self, "PRAGMA application_id", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    app_id = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  stmt = rpt_database_prepare (self, "SELECT count(*) FROM sqlite_schema", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    tables = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if ((app_id != 0 && app_id != RPT_APPLICATION_ID) || (app_id == 0 && tables > 0))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("“%s” is a database of another program, not of Rapport. It was left untouched."),
                   self->path);
      return FALSE;
    }
  if (version > RPT_SCHEMA_VERSION)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Rapport. Update Rapport to open it; "
                     "the file was left untouched."), self->path);
      return FALSE;
    }
  return TRUE;
}

/* SQLite counts the memory it uses under one lock for the whole process,
 * which threads reading at once (a mail merge) then wait for; nothing
 * here reads the count. Only possible before SQLite starts. */
static void
configure_sqlite (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&done, 1);
    }
}

static RptDatabase *
open_connection (const char        *path,
                 RptDatabaseFlags   flags,
                 GError           **error)
{
  g_autoptr(RptDatabase) self = NULL;
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  GStatBuf st;
  int rc, open_flags;

  configure_sqlite ();
  if (!exists && !(flags & RPT_DATABASE_CREATE))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND, _("There is no database at “%s”."), path);
      return NULL;
    }
  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, RPT_ERROR, saved == EROFS || saved == EACCES ? RPT_ERROR_READ_ONLY
                                                                           : RPT_ERROR_FAILED,
                       _("The folder “%s” cannot be created: %s"), dir, g_strerror (saved));
          return NULL;
        }
    }
  else if (!check_header (path, error))
    return NULL;

  self = g_object_new (RPT_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & RPT_DATABASE_READ_ONLY) != 0;
  self->bulk = (flags & RPT_DATABASE_BULK_LOAD) != 0;
  if (!self->read_only && exists && !file_is_writable (path))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_READ_ONLY,
                   _("“%s” is read-only. Open it read-only to look at it, or choose another file."),
                   path);
      return NULL;
    }

  open_flags = self->read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  rc = sqlite3_open_v2 (path, &self->handle, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      rpt_database_set_error (self, rc, error);
      return NULL;
    }
  if (!configure_connection (self, flags, error))
    return NULL;
  if (g_stat (path, &st) == 0)
    {
      self->dev = st.st_dev;
      self->ino = st.st_ino;
    }
  return g_steal_pointer (&self);
}

static gboolean
migrate (RptDatabase  *self,
         int           target,
         gboolean      backup,
         GError      **error)
{
  int version = rpt_database_get_version (self);

  if (version < 0)
    return rpt_database_set_error (self, SQLITE_CORRUPT, error);
  if (!check_identity (self, version, error))
    return FALSE;
  /* Only a file known to be ours is switched to WAL: the switch writes. */
  if (!self->read_only && !self->bulk
      && (!rpt_database_exec (self, "PRAGMA journal_mode = WAL", error)
          || !rpt_database_exec (self, "PRAGMA synchronous = NORMAL", error)))
    return FALSE;
  if (version >= target)
    return TRUE;
  if (self->read_only)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_READ_ONLY,
                   _("“%s” was saved by an older version of Rapport and must be updated, "
                     "but it is read-only."), self->path);
      return FALSE;
    }
  if (version > 0 && backup)
    {
      g_autofree char *copy = rpt_database_backup_now (self, "before-update", error);
      if (copy == NULL)
        return FALSE;
    }
  return rpt_migrations_run (self, version, target, error);
}

RptDatabase *
rpt_database_open (const char        *path,
                   RptDatabaseFlags   flags,
                   GError           **error)
{
  g_autoptr(RptDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = open_connection (path, flags, error);
  if (self == NULL)
    return NULL;
  if (!migrate (self, RPT_SCHEMA_VERSION, TRUE, error))
    return NULL;
  if (!(flags & (RPT_DATABASE_NO_BACKUP | RPT_DATABASE_READ_ONLY))
      && g_getenv ("RAPPORT_NO_AUTO_BACKUP") == NULL)
    {
      g_autoptr(GError) backup_error = NULL;
      if (!rpt_database_backup_if_due (self, &backup_error))
        g_warning ("Daily backup of %s failed: %s", path, backup_error->message);
    }
  return g_steal_pointer (&self);
}

/* Back to the normal journal once a bulk-loaded file is complete. */
gboolean
rpt_database_finish_bulk_load (RptDatabase  *self,
                               GError      **error)
{
  self->bulk = FALSE;
  if (!rpt_database_exec (self, "PRAGMA locking_mode = NORMAL; PRAGMA foreign_keys = ON;"
                                " PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error))
    return FALSE;
  return TRUE;
}

/* For the migration tests: a database stopped at an earlier schema version. */
RptDatabase *
rpt_database_open_to_version (const char  *path,
                              int          version,
                              GError     **error)
{
  g_autoptr(RptDatabase) self = open_connection (path, RPT_DATABASE_CREATE, error);

  if (self == NULL || !migrate (self, version, FALSE, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- backups ---------------------------------------------------------- */

static gboolean
copy_database (sqlite3     *source,
               const char  *dest_path,
               GError     **error)
{
  g_autofree char *tmp = g_strconcat (dest_path, ".part", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_unlink (tmp);
  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          do
            {
              rc = sqlite3_backup_step (backup, 4096);
              if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep (20);
            }
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        }
    }
  sqlite3_close_v2 (dest);
  if (rc != SQLITE_OK)
    {
      error_from_code (error, rc, NULL);
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, dest_path) != 0)
    {
      int saved = errno;
      g_set_error (error, RPT_ERROR, RPT_ERROR_FAILED, _("The backup “%s” cannot be written: %s"),
                   dest_path, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

gboolean
rpt_database_backup_to (RptDatabase  *self,
                        const char   *dest_path,
                        GError      **error)
{
  g_return_val_if_fail (RPT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (g_strcmp0 (dest_path, self->path) == 0)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("A backup cannot replace the database it copies."));
      return FALSE;
    }
  return copy_database (self->handle, dest_path, error);
}

char *
rpt_database_get_backup_dir (RptDatabase *self)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  return g_build_filename (dir, "backups", NULL);
}

static char *
backup_prefix (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strconcat (base, "-", NULL);
}

static int
compare_names_desc (gconstpointer a,
                    gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Newest first; names carry a sortable timestamp. */
GPtrArray *
rpt_database_list_backups (RptDatabase *self)
{
  g_autofree char *dir = rpt_database_get_backup_dir (self);
  g_autofree char *prefix = backup_prefix (self->path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (found, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (found, compare_names_desc);
  return found;
}

static void
rotate_backups (RptDatabase *self)
{
  g_autoptr(GPtrArray) found = rpt_database_list_backups (self);

  for (guint i = RPT_DATABASE_BACKUPS_KEPT; i < found->len; i++)
    if (g_unlink (g_ptr_array_index (found, i)) != 0)
      g_warning ("Cannot remove old backup %s", (char *) g_ptr_array_index (found, i));
}

char *
rpt_database_backup_now (RptDatabase  *self,
                         const char   *reason,
                         GError      **error)
{
  g_autofree char *dir = rpt_database_get_backup_dir (self);
  g_autofree char *prefix = backup_prefix (self->path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = NULL;
  g_autofree char *dest = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, RPT_ERROR, RPT_ERROR_FAILED, _("The folder “%s” cannot be created: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }
  name = g_strdup_printf ("%s%s-%06d-%s.db", prefix, stamp,
                          g_date_time_get_microsecond (now), reason ? reason : "manual");
  dest = g_build_filename (dir, name, NULL);
  if (!rpt_database_backup_to (self, dest, error))
    return NULL;
  rotate_backups (self);
  return g_steal_pointer (&dest);
}

gboolean
rpt_database_backup_if_due (RptDatabase  *self,
                            GError      **error)
{
  g_autoptr(GPtrArray) found = rpt_database_list_backups (self);
  g_autofree char *copy = NULL;
  GStatBuf st;

  if (found->len > 0 && g_stat (g_ptr_array_index (found, 0), &st) == 0
      && (g_get_real_time () / G_USEC_PER_SEC) - st.st_mtime < 24 * 60 * 60)
    return TRUE;
  copy = rpt_database_backup_now (self, "daily", error);
  return copy != NULL;
}

gboolean
rpt_database_check (RptDatabase  *self,
                    GPtrArray   **problems,
                    GError      **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rpt_database_prepare (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (found, g_strdup (line));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rpt_database_set_error (self, rc, error);

  stmt = rpt_database_prepare (self, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, g_strdup_printf ("foreign key: %s row %lld refers to a missing %s",
                                             sqlite3_column_text (stmt, 0),
                                             (long long) sqlite3_column_int64 (stmt, 1),
                                             sqlite3_column_text (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rpt_database_set_error (self, rc, error);

  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return TRUE;
}

gboolean
rpt_database_restore (const char  *db_path,
                      const char  *backup_path,
                      GError     **error)
{
  g_autoptr(RptDatabase) source = NULL;
  g_autoptr(RptDatabase) target = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *safety = NULL;

  source = open_connection (backup_path, RPT_DATABASE_READ_ONLY, error);
  if (source == NULL)
    return FALSE;
  if (!check_identity (source, rpt_database_get_version (source), error))
    return FALSE;
  if (!rpt_database_check (source, &problems, error))
    return FALSE;
  if (problems->len > 0)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_CORRUPT,
                   _("The backup “%s” is damaged (%s). Nothing was restored."), backup_path,
                   (char *) g_ptr_array_index (problems, 0));
      return FALSE;
    }

  target = open_connection (db_path, RPT_DATABASE_CREATE, error);
  if (target == NULL)
    return FALSE;
  if (rpt_database_get_version (target) > 0)
    {
      /* Keep what is being replaced: a restore must be undoable. */
      safety = rpt_database_backup_now (target, "before-restore", error);
      if (safety == NULL)
        return FALSE;
    }
  {
    sqlite3_backup *backup = sqlite3_backup_init (target->handle, "main", source->handle, "main");
    int rc;

    if (backup == NULL)
      return rpt_database_set_error (target, sqlite3_errcode (target->handle), error);
    rc = sqlite3_backup_step (backup, -1);
    sqlite3_backup_finish (backup);
    if (rc != SQLITE_DONE)
      return rpt_database_set_error (target, rc, error);
  }
  /* An older backup is brought up to date like any older file. */
  return migrate (target, RPT_SCHEMA_VERSION, FALSE, error);
}
