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
#include "rpt-segments-private.h"

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

/* The pass the segments are computed from ------------------------------- */

gboolean
_rpt_day_number (const char *text,
                 int        *day)
{
  int y, m, d;
  unsigned era, yoe, doy, doe;

  /* digits and dashes where they belong (a shorter text stops at its end) */
  if (text == NULL)
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? text[i] != '-' : (unsigned) (text[i] - '0') > 9)
      return FALSE;
  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');
  if (m < 1 || m > 12 || d < 1 || d > 31)
    return FALSE;
  /* days from civil: the proleptic Gregorian calendar, years from 0 */
  y -= m <= 2;
  era = (unsigned) y / 400;
  yoe = (unsigned) y - era * 400;
  doy = (153 * (unsigned) (m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned) d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  *day = (int) (era * 146097 + doe) - 719468;
  return TRUE;
}

/* Customer ids to their place, by a table as long as the largest id */
typedef struct
{
  gint32 *slot;
  gint64  n_slots;
} IdTable;

static inline gint32
id_lookup (IdTable *table,
           gint64   id)
{
  return id >= 0 && id < table->n_slots ? table->slot[id] : -1;
}

static gboolean
read_customers (RptDatabase *db,
                GArray      *ids,
                GArray      *cards,
                IdTable     *table,
                GError     **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "SELECT id, frequency_days, last_contact, stage FROM customers WHERE archived = 0 ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Card c = { 0 };

      c.frequency_days = sqlite3_column_int (stmt, 1);
      if (!_rpt_day_number ((const char *) sqlite3_column_text (stmt, 2), &c.last_contact))
        c.last_contact = G_MININT;
      c.stage = sqlite3_column_int (stmt, 3);
      g_array_append_val (ids, id);
      g_array_append_val (cards, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rpt_database_set_error (db, rc, error);
  table->n_slots = ids->len > 0 ? g_array_index (ids, gint64, ids->len - 1) + 1 : 0;
  table->slot = g_new (gint32, MAX (table->n_slots, 1));
  memset (table->slot, 0xff, sizeof (gint32) * (gsize) MAX (table->n_slots, 1));
  for (guint i = 0; i < ids->len; i++)
    table->slot[g_array_index (ids, gint64, i)] = (gint32) i;
  return TRUE;
}

/* One row of the timeline as it is added up */
typedef struct
{
  gint32 at;
  int    kind;
  int    day;
  gint64 amount;
} Row;

typedef struct
{
  GArray                   *sums;
  GArray                   *cards;
  const RptSegmentSettings *settings;
  int                       start;            /* of the period */
  int                       previous_start;
} Pass;

static inline void
add_row (Pass      *pass,
         const Row *row)
{
  if (row->kind == RPT_ENTRY_PURCHASE)
    {
      Sums *s = &g_array_index (pass->sums, Sums, row->at);

      s->lifetime += row->amount;
      if (row->amount > 0)
        {
          if (s->bought == 0 || row->day < s->first)
            s->first = row->day;
          if (s->bought == 0 || row->day > s->last)
            s->last = row->day;
          s->bought++;
        }
      if (row->day >= pass->start)
        {
          s->revenue += row->amount;
          s->purchases += row->amount > 0;
        }
      else if (row->day >= pass->previous_start)
        s->previous += row->amount;
    }
  else if (row->day >= pass->start)
    g_array_index (pass->cards, Card, row->at).cost += pass->settings->cost[row->kind];
}

/* The rows come in no order of customer, so each finds its customer's
 * sums anywhere in memory: a row is added only after the next few are
 * read, its sums asked for from memory as it is read. */
#define AHEAD 16

static gboolean
read_timeline (RptDatabase              *db,
               const RptSegmentSettings *settings,
               int                       today,
               GArray                   *sums,
               GArray                   *cards,
               IdTable                  *table,
               GError                  **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db, "SELECT customer_id, kind, occurred, amount FROM timeline", error);
  Pass pass = { sums, cards, settings, today - (int) settings->period_days + 1, 0 };
  Row ring[AHEAD];
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  pass.previous_start = pass.start - (int) settings->period_days;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row;

      row.at = id_lookup (table, sqlite3_column_int64 (stmt, 0));
      if (row.at < 0)
        continue;
      __builtin_prefetch (&g_array_index (sums, Sums, row.at), 1);
      row.kind = sqlite3_column_int (stmt, 1);
      if (row.kind < 0 || row.kind >= RPT_N_ENTRY_KINDS
          || !_rpt_day_number ((const char *) sqlite3_column_text (stmt, 2), &row.day) || row.day > today)
        continue;
      row.amount = sqlite3_column_int64 (stmt, 3);
      if (n >= AHEAD)
        add_row (&pass, &ring[n % AHEAD]);
      ring[n++ % AHEAD] = row;
    }
  sqlite3_reset (stmt);
  for (guint i = n > AHEAD ? n - AHEAD : 0; i < n; i++)
    add_row (&pass, &ring[i % AHEAD]);
  return rc == SQLITE_DONE || rpt_database_set_error (db, rc, error);
}

/* Complaints open longer than the service level, oldest first, with who
 * looks after them (the complaint's owner, else the customer's). */
static gboolean
read_complaints (RptDatabase              *db,
                 const RptSegmentSettings *settings,
                 int                       today,
                 GArray                   *cards,
                 IdTable                  *table,
                 GPtrArray                *complaints,
                 GError                  **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "SELECT t.id, t.customer_id, t.occurred, t.summary, coalesce (s.name, ''), t.due"
    " FROM timeline t JOIN customers c ON c.id = t.customer_id"
    " LEFT JOIN staff s ON s.id = coalesce (t.owner_id, c.owner_id)"
    " WHERE t.kind = 7 AND t.status = 0 AND c.archived = 0"
    " ORDER BY t.occurred, t.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *opened = (const char *) sqlite3_column_text (stmt, 2);
      gint32 at = id_lookup (table, sqlite3_column_int64 (stmt, 1));
      RptOverdueComplaint *c;
      int day;

      int due;

      /* past its due date; one without, past the service level */
      if (at < 0 || !_rpt_day_number (opened, &day))
        continue;
      if (!_rpt_day_number ((const char *) sqlite3_column_text (stmt, 5), &due))
        due = day + (int) settings->complaint_days;
      if (due >= today)
        continue;
      c = g_new0 (RptOverdueComplaint, 1);
      c->timeline_id = sqlite3_column_int64 (stmt, 0);
      c->customer_id = sqlite3_column_int64 (stmt, 1);
      c->opened = g_strndup (opened, 10);
      c->age_days = today - day;
      c->summary = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      c->owner = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (complaints, c);
      g_array_index (cards, Card, at).complaint = TRUE;
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || rpt_database_set_error (db, rc, error);
}


gboolean
_rpt_segments_read (RptDatabase               *db,
                    const RptSegmentSettings  *settings,
                    int                        today,
                    GArray                    *ids,
                    GArray                   **sums,
                    GArray                    *cards,
                    GPtrArray                 *complaints,
                    GError                   **error)
{
  IdTable table = { NULL, 0 };
  gboolean ok;

  /* one snapshot: the customers and their timeline as of one moment */
  if (!rpt_database_begin_read (db, error))
    return FALSE;
  ok = read_customers (db, ids, cards, &table, error);
  *sums = g_array_sized_new (FALSE, TRUE, sizeof (Sums), ids->len);
  g_array_set_size (*sums, ids->len);
  ok = ok && read_timeline (db, settings, today, *sums, cards, &table, error)
       && read_complaints (db, settings, today, cards, &table, complaints, error);
  rpt_database_end_read (db);
  g_free (table.slot);
  return ok;
}
