/* rpt-segment-store.c — saved segments in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-segments"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "rpt-customer-store-private.h"
#include "rpt-error.h"
#include "rpt-segment-store.h"

#define MAX_NAME 100

void
rpt_saved_segment_free (RptSavedSegment *segment)
{
  if (segment == NULL)
    return;
  g_free (segment->name);
  g_free (segment->rule);
  g_free (segment);
}

static gboolean
finish (RptDatabase *db,
        gboolean     ok,
        GError     **error)
{
  if (ok)
    return rpt_database_commit (db, error);
  if (rpt_database_in_transaction (db))
    rpt_database_rollback (db);
  return FALSE;
}

gboolean
rpt_customer_store_save_segment (RptCustomerStore  *self,
                                 const char        *name,
                                 const char        *rule,
                                 gboolean           pinned,
                                 GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autoptr(RptSegmentRule) checked = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *normal = NULL;
  g_autofree char *now = _rpt_now_utc ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (*clean == '\0' || g_utf8_strlen (clean, -1) > MAX_NAME || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("A segment needs a name of 1 to 100 characters."));
      return FALSE;
    }
  if ((checked = rpt_segment_rule_new_from_json (rule, error)) == NULL)
    return FALSE;
  normal = rpt_segment_rule_to_json (checked);
  if (!rpt_database_begin (db, error))
    return FALSE;
  stmt = rpt_database_prepare (db,
    "INSERT INTO saved_segments (name, rule, pinned, created, modified) VALUES (?1, ?2, ?3, ?4, ?4)"
    " ON CONFLICT (name) DO UPDATE SET name = ?1, rule = ?2, pinned = ?3, modified = ?4", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, normal, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, pinned ? 1 : 0);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
      ok = rpt_database_step_done (db, stmt, error);
    }
  return finish (db, ok, error);
}

gboolean
rpt_customer_store_delete_segment (RptCustomerStore  *self,
                                   const char        *name,
                                   GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!rpt_database_begin (db, error))
    return FALSE;
  stmt = rpt_database_prepare (db, "DELETE FROM saved_segments WHERE name = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      ok = rpt_database_step_done (db, stmt, error);
    }
  if (ok && sqlite3_changes (rpt_database_get_handle (db)) == 0)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND, _("No segment is called “%s”."), name);
      ok = FALSE;
    }
  return finish (db, ok, error);
}

static GPtrArray *
read_segments (RptCustomerStore  *self,
               const char        *name,
               GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db, name == NULL
    ? "SELECT id, name, rule, pinned FROM saved_segments ORDER BY name"
    : "SELECT id, name, rule, pinned FROM saved_segments WHERE name = ?", error);
  GPtrArray *segments;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  segments = g_ptr_array_new_with_free_func ((GDestroyNotify) rpt_saved_segment_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RptSavedSegment *s = g_new0 (RptSavedSegment, 1);

      s->id = sqlite3_column_int64 (stmt, 0);
      s->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      s->rule = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      s->pinned = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (segments, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rpt_database_set_error (db, rc, error);
      g_ptr_array_unref (segments);
      return NULL;
    }
  return segments;
}

GPtrArray *
rpt_customer_store_list_segments (RptCustomerStore  *self,
                                  GError           **error)
{
  return read_segments (self, NULL, error);
}

RptSavedSegment *
rpt_customer_store_find_segment (RptCustomerStore  *self,
                                 const char        *name,
                                 GError           **error)
{
  g_autoptr(GPtrArray) found = read_segments (self, name, error);

  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND, _("No segment is called “%s”."), name);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

/* The computed figures, where a rule can read them: a temporary table of
 * this connection, filled anew for each use. */
static gboolean
load_scores (RptDatabase      *db,
             RptSegmentReport *report,
             GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  guint64 *loaded = g_object_get_data (G_OBJECT (db), "rpt-segment-scores");

  /* the same figures as last time on this connection: already there */
  if (loaded != NULL && *loaded == report->serial)
    return TRUE;

  /* a savepoint, not a write transaction: only the temporary table is
   * written, which a connection opened read-only may do too */
  if (!rpt_database_exec (db, "CREATE TEMP TABLE IF NOT EXISTS segment_scores ("
                              " customer_id INTEGER PRIMARY KEY, class INTEGER, segment INTEGER, warnings INTEGER)",
                          error)
      || !rpt_database_exec (db, "SAVEPOINT segment_scores", error))
    return FALSE;
  ok = rpt_database_exec (db, "DELETE FROM temp.segment_scores", error);
  stmt = ok ? rpt_database_prepare (db, "INSERT INTO temp.segment_scores VALUES (?, ?, ?, ?)", error) : NULL;
  ok = stmt != NULL;
  for (guint i = 0; ok && i < report->scores->len; i++)
    {
      const RptCustomerScore *s = &g_array_index (report->scores, RptCustomerScore, i);

      sqlite3_bind_int64 (stmt, 1, s->customer_id);
      sqlite3_bind_int (stmt, 2, s->value_class);
      sqlite3_bind_int (stmt, 3, s->segment);
      sqlite3_bind_int (stmt, 4, (int) s->warnings);
      ok = rpt_database_step_done (db, stmt, error);
    }
  if (!ok)
    rpt_database_exec (db, "ROLLBACK TO segment_scores", NULL);
  if (!rpt_database_exec (db, "RELEASE segment_scores", ok ? error : NULL) || !ok)
    return FALSE;
  g_object_set_data_full (G_OBJECT (db), "rpt-segment-scores", g_memdup2 (&report->serial, sizeof report->serial),
                          g_free);
  return TRUE;
}

static void
bind_values (sqlite3_stmt *stmt,
             GPtrArray    *values)
{
  for (guint i = 0; i < values->len; i++)
    {
      GVariant *v = values->pdata[i];

      if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, (int) i + 1, g_variant_get_int64 (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, (int) i + 1, g_variant_get_double (v));
      else
        sqlite3_bind_text (stmt, (int) i + 1, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
    }
}

GArray *
rpt_customer_store_segment_members (RptCustomerStore  *self,
                                    RptSegmentRule    *rule,
                                    RptSegmentReport  *report,
                                    const char        *today,
                                    GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autoptr(RptSegmentReport) computed = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *day = NULL;
  g_autofree char *condition = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GArray *ids;
  int rc;

  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      day = g_date_time_format (now, "%Y-%m-%d");
    }
  else
    day = g_strndup (today, 10);
  if (rpt_segment_rule_uses_scores (rule))
    {
      if (report == NULL && (report = computed = rpt_segments_compute_as_of (db, day, error)) == NULL)
        return NULL;
      if (!load_scores (db, report, error))
        return NULL;
    }
  condition = rpt_segment_rule_to_sql (rule, day, values);
  sql = g_strdup_printf ("SELECT c.id FROM customers c WHERE c.archived = 0 AND (%s) ORDER BY c.id", condition);
  /* a statement per rule: not kept among the cached ones */
  if (sqlite3_prepare_v2 (rpt_database_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      rpt_database_set_error (db, sqlite3_errcode (rpt_database_get_handle (db)), error);
      return NULL;
    }
  bind_values (stmt, values);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      rpt_database_set_error (db, rc, error);
      g_array_unref (ids);
      return NULL;
    }
  return ids;
}

GArray *
rpt_customer_store_saved_segment_members (RptCustomerStore  *self,
                                          const char        *name,
                                          const char        *today,
                                          GError           **error)
{
  g_autoptr(RptSavedSegment) saved = rpt_customer_store_find_segment (self, name, error);
  g_autoptr(RptSegmentRule) rule = saved ? rpt_segment_rule_new_from_json (saved->rule, error) : NULL;

  return rule ? rpt_customer_store_segment_members (self, rule, NULL, today, error) : NULL;
}
