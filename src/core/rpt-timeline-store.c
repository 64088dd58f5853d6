/* rpt-timeline-store.c — the SQL for purchases, interactions and complaints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rpt-customer-store-private.h"
#include "rpt-error.h"
#include "rpt-fields.h"
#include "rpt-format.h"
#include "rpt-letter-store.h"
#include "rpt-names.h"
#include "rpt-timeline-entry-private.h"

#define ENTRY_COLUMNS \
  "t.id, t.customer_id, t.kind, t.occurred, t.summary, t.details, t.amount, t.item, t.category," \
  " coalesce (s.name, ''), coalesce (t.tracking, ''), coalesce (t.due, ''), t.status," \
  " t.resolution, coalesce (t.resolved_on, '')"
#define ENTRY_FROM " FROM timeline t LEFT JOIN staff s ON s.id = t.owner_id"

static const char *
col_text (sqlite3_stmt *stmt,
          int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return text ? text : "";
}

static RptTimelineEntry *
read_entry (sqlite3_stmt *stmt)
{
  RptTimelineEntry *e = g_object_new (RPT_TYPE_TIMELINE_ENTRY, NULL);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->customer_id = sqlite3_column_int64 (stmt, 1);
  e->kind = sqlite3_column_int (stmt, 2);
  e->occurred = g_strdup (col_text (stmt, 3));
  e->summary = g_strdup (col_text (stmt, 4));
  e->details = g_strdup (col_text (stmt, 5));
  e->amount = sqlite3_column_int64 (stmt, 6);
  e->item = g_strdup (col_text (stmt, 7));
  e->category = g_strdup (col_text (stmt, 8));
  e->owner = g_strdup (col_text (stmt, 9));
  e->tracking = g_strdup (col_text (stmt, 10));
  e->due = g_strdup (col_text (stmt, 11));
  e->status = sqlite3_column_int (stmt, 12);
  e->resolution = g_strdup (col_text (stmt, 13));
  e->resolved_on = g_strdup (col_text (stmt, 14));
  return e;
}

static RptTimelineEntry *
load_one (RptDatabase  *db,
          const char   *sql,
          gint64        id,
          gboolean      missing_is_error,
          GError      **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db, sql, error);
  RptTimelineEntry *entry = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    entry = read_entry (stmt);
  else if (rc != SQLITE_DONE)
    rpt_database_set_error (db, rc, error);
  else if (missing_is_error)
    g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND, _("The timeline entry no longer exists."));
  sqlite3_reset (stmt);
  return entry;
}

RptTimelineEntry *
rpt_customer_store_load_entry (RptCustomerStore  *self,
                               gint64             entry_id,
                               GError           **error)
{
  return load_one (rpt_customer_store_get_database (self),
                   "SELECT " ENTRY_COLUMNS ENTRY_FROM " WHERE t.id = ?", entry_id, TRUE, error);
}

/* The conversation to continue: the newest call, visit, e-mail, letter or note. */
RptTimelineEntry *
rpt_customer_store_last_interaction (RptCustomerStore  *self,
                                     gint64             customer_id,
                                     GError           **error)
{
  return load_one (rpt_customer_store_get_database (self),
                   "SELECT " ENTRY_COLUMNS ENTRY_FROM " WHERE t.customer_id = ?"
                   " AND t.kind NOT IN (0, 7) ORDER BY t.occurred DESC, t.id DESC LIMIT 1",
                   customer_id, FALSE, error);
}

GArray *
rpt_customer_store_timeline_ids (RptCustomerStore  *self,
                                 gint64             customer_id,
                                 GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db, "SELECT id FROM timeline WHERE customer_id = ?"
                                                 " ORDER BY occurred DESC, id DESC", error);
  GArray *ids;
  int rc;

  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 id = (guint32) sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rpt_database_set_error (db, rc, error);
      g_array_unref (ids);
      return NULL;
    }
  return ids;
}

int
rpt_customer_store_get_service_level (RptCustomerStore *self)
{
  int days = rpt_database_get_setting_int (rpt_customer_store_get_database (self),
                                           "service_level_days", RPT_DEFAULT_SERVICE_LEVEL_DAYS);
  return days > 0 ? days : RPT_DEFAULT_SERVICE_LEVEL_DAYS;
}

/* A business setting (name, country, currency, service level): every card
 * shown is drawn again, since money and addresses depend on them. */
gboolean
rpt_customer_store_set_setting (RptCustomerStore  *self,
                                const char        *key,
                                const char        *value,
                                GError           **error)
{
  if (!rpt_database_set_setting (rpt_customer_store_get_database (self), key, value, error))
    return FALSE;
  _rpt_customer_store_emit (self, STORE_CUSTOMER_CHANGED, 0);
  return TRUE;
}

/* The business's currency: the one chosen in Preferences, else that of the
 * business's country, else that of the system's region. */
char *
rpt_customer_store_dup_currency (RptCustomerStore *self)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autofree char *chosen = rpt_database_get_setting (db, "currency");
  g_autofree char *country = NULL;
  const char *of_country;

  if (chosen != NULL && *chosen != '\0')
    return g_steal_pointer (&chosen);
  country = rpt_database_get_setting (db, "business_country");
  of_country = rpt_country_currency (country);
  return g_strdup (of_country ? of_country : rpt_locale_currency ());
}

guint
rpt_customer_store_count_open_complaints (RptCustomerStore *self,
                                          gint64            customer_id)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db, "SELECT count(*) FROM timeline WHERE kind = 7"
                                                 /* through the customer's entries, not every
                                                  * open complaint of the business */
                                                 " AND +status = 0 AND customer_id = ?", NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* Complaint numbers are C-YEAR-SEQUENCE, never reused even after a delete. */
static gboolean
assign_tracking (RptCustomerStore  *self,
                 RptTimelineEntry  *e,
                 GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt;
  gint64 seq = 0;
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (e->occurred, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) due = NULL;

  /* read, then write: RETURNING and upserts open a savepoint, which makes
   * FTS5 flush its pending terms (see bulk_defer_indexes) */
  stmt = rpt_database_prepare (db, "SELECT value FROM counters WHERE name = 'complaints'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  seq++;
  stmt = rpt_database_prepare (db, "INSERT OR REPLACE INTO counters (name, value)"
                                   " VALUES ('complaints', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  if (!rpt_database_step_done (db, stmt, error))
    return FALSE;

  if (when == NULL)
    when = g_date_time_ref (now);
  g_free (e->tracking);
  e->tracking = g_strdup_printf ("C-%d-%06" G_GINT64_FORMAT, g_date_time_get_year (when), seq);
  if (e->due == NULL || *e->due == '\0')
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (when);
      due = g_date_time_add_days (local, rpt_customer_store_get_service_level (self));
      g_free (e->due);
      e->due = g_date_time_format (due, "%Y-%m-%d");
    }
  return TRUE;
}

static gboolean
touch_customer (RptDatabase  *db,
                gint64        customer_id,
                GError      **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "UPDATE customers SET"
    " last_contact = (SELECT max (occurred) FROM timeline WHERE customer_id = ?1),"
    " spend = (SELECT coalesce (sum (amount), 0) FROM timeline WHERE customer_id = ?1 AND kind = 0)"
    " WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  return rpt_database_step_done (db, stmt, error);
}

static gboolean
insert_entry_row (RptCustomerStore  *self,
                  RptTimelineEntry  *e,
                  GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  gint64 owner_id = _rpt_customer_store_cached_staff_id (self, e->owner, error);
  sqlite3_stmt *stmt;

  if (owner_id < 0)
    return FALSE;
  /* a new complaint gets its number; a restored one keeps it */
  if (e->kind == RPT_ENTRY_COMPLAINT && e->id == 0 && !assign_tracking (self, e, error))
    return FALSE;
  stmt = rpt_database_prepare (db,
    "INSERT INTO timeline (customer_id, kind, occurred, summary, details, amount, item, category,"
    " owner_id, tracking, due, status, resolution, id, resolved_on)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->customer_id);
  sqlite3_bind_int (stmt, 2, e->kind);
  sqlite3_bind_text (stmt, 3, e->occurred, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, e->summary ? e->summary : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, e->details ? e->details : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, e->kind == RPT_ENTRY_PURCHASE ? e->amount : 0);
  sqlite3_bind_text (stmt, 7, e->item ? e->item : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, e->category ? e->category : "", -1, SQLITE_TRANSIENT);
  if (owner_id > 0)
    sqlite3_bind_int64 (stmt, 9, owner_id);
  if (e->kind == RPT_ENTRY_COMPLAINT)
    {
      sqlite3_bind_text (stmt, 10, e->tracking, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, e->due, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int (stmt, 12, e->status);
  sqlite3_bind_text (stmt, 13, e->resolution ? e->resolution : "", -1, SQLITE_TRANSIENT);
  if (e->id > 0)
    sqlite3_bind_int64 (stmt, 14, e->id);
  if (e->resolved_on != NULL && *e->resolved_on != '\0')
    sqlite3_bind_text (stmt, 15, e->resolved_on, -1, SQLITE_TRANSIENT);
  if (!rpt_database_step_done (db, stmt, error))
    return FALSE;
  e->id = sqlite3_last_insert_rowid (rpt_database_get_handle (db));
  return TRUE;
}

static gboolean
insert_entry (RptCustomerStore  *self,
              RptTimelineEntry  *e,
              GError           **error)
{
  return insert_entry_row (self, e, error)
         && touch_customer (rpt_customer_store_get_database (self), e->customer_id, error);
}

/* For writes that add an entry within their own transaction. */
gboolean
_rpt_customer_store_insert_entry (RptCustomerStore  *self,
                                  RptTimelineEntry  *entry,
                                  GError           **error)
{
  if (entry->occurred == NULL || *entry->occurred == '\0')
    {
      g_free (entry->occurred);
      entry->occurred = _rpt_now_utc ();
    }
  return insert_entry (self, entry, error);
}

/* The end of every change to a timeline: commit when the writes went well
 * (OK), else roll back; then the card and its timeline are drawn again. */
static gboolean
finish_entry_change (RptCustomerStore  *self,
                     gint64             customer_id,
                     gboolean           ok,
                     GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);

  if (!ok || !rpt_database_commit (db, error))
    {
      if (rpt_database_in_transaction (db))
        rpt_database_rollback (db);
      return FALSE;
    }
  _rpt_customer_store_emit (self, STORE_TIMELINE_CHANGED, customer_id);
  _rpt_customer_store_emit (self, STORE_CUSTOMER_CHANGED, customer_id);
  return TRUE;
}

gboolean
rpt_customer_store_add_entry (RptCustomerStore  *self,
                              RptTimelineEntry  *entry,
                              GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autofree char *old_tracking = g_strdup (entry->tracking);
  g_autofree char *old_due = g_strdup (entry->due);

  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (entry), FALSE);
  g_return_val_if_fail (entry->id == 0, FALSE);

  if (entry->kind < 0 || entry->kind >= RPT_N_ENTRY_KINDS)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("Unknown kind of timeline entry."));
      return FALSE;
    }
  if (entry->occurred == NULL || *entry->occurred == '\0')
    {
      g_free (entry->occurred);
      entry->occurred = _rpt_now_utc ();
    }
  if (!rpt_database_begin (db, error))
    return FALSE;
  if (!finish_entry_change (self, entry->customer_id, insert_entry (self, entry, error), error))
    {
      entry->id = 0;
      rpt_set_str (&entry->tracking, old_tracking);
      rpt_set_str (&entry->due, old_due);
      return FALSE;
    }
  return TRUE;
}

/* Adds many entries (a run of letters) in one transaction: all or none. */
gboolean
rpt_customer_store_add_entries (RptCustomerStore  *self,
                                GPtrArray         *entries,
                                GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  gboolean ok = TRUE;

  if (!rpt_database_begin (db, error))
    return FALSE;
  for (guint i = 0; ok && i < entries->len; i++)
    {
      RptTimelineEntry *e = entries->pdata[i];

      /* complaints get their numbers one by one, through add_entry () */
      if (e->id != 0 || e->kind < 0 || e->kind >= RPT_N_ENTRY_KINDS || e->kind == RPT_ENTRY_COMPLAINT)
        {
          g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("Unknown kind of timeline entry."));
          ok = FALSE;
          break;
        }
      if (e->occurred == NULL || *e->occurred == '\0')
        {
          g_free (e->occurred);
          e->occurred = _rpt_now_utc ();
        }
      ok = insert_entry (self, e, error);
    }
  if (!ok || !rpt_database_commit (db, error))
    {
      if (rpt_database_in_transaction (db))
        rpt_database_rollback (db);
      for (guint i = 0; i < entries->len; i++)
        ((RptTimelineEntry *) entries->pdata[i])->id = 0;
      return FALSE;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      RptTimelineEntry *e = entries->pdata[i];

      _rpt_customer_store_emit (self, STORE_TIMELINE_CHANGED, e->customer_id);
      _rpt_customer_store_emit (self, STORE_CUSTOMER_CHANGED, e->customer_id);
    }
  return TRUE;
}

/* Put a deleted entry back as it was: the same id, tracking number and
 * resolution (the undo of rpt_customer_store_delete_entry()). */
gboolean
rpt_customer_store_restore_entry (RptCustomerStore  *self,
                                  RptTimelineEntry  *entry,
                                  GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);

  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (entry), FALSE);
  g_return_val_if_fail (entry->id > 0, FALSE);

  return rpt_database_begin (db, error)
         && finish_entry_change (self, entry->customer_id, insert_entry (self, entry, error), error);
}

gboolean
rpt_customer_store_resolve_complaint (RptCustomerStore  *self,
                                      RptTimelineEntry  *entry,
                                      const char        *resolution,
                                      GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autofree char *now = _rpt_now_utc ();
  sqlite3_stmt *stmt;

  g_autofree char *text = g_strstrip (g_strdup (resolution ? resolution : ""));

  g_return_val_if_fail (entry->kind == RPT_ENTRY_COMPLAINT, FALSE);

  if (*text == '\0')
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("Write how the complaint was resolved."));
      return FALSE;
    }
  if (!rpt_database_begin (db, error))
    return FALSE;
  /* a resolution is never overwritten */
  stmt = rpt_database_prepare (db, "UPDATE timeline SET status = 1, resolution = ?, resolved_on = ?"
                                   " WHERE id = ? AND kind = 7 AND status = 0", error);
  if (stmt == NULL)
    {
      rpt_database_rollback (db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, entry->id);
  if (!rpt_database_step_done (db, stmt, error))
    {
      rpt_database_rollback (db);
      return FALSE;
    }
  if (sqlite3_changes (rpt_database_get_handle (db)) != 1)
    {
      rpt_database_rollback (db);
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("Complaint %s is already resolved."), entry->tracking ? entry->tracking : "");
      return FALSE;
    }
  if (!rpt_database_commit (db, error))
    {
      if (rpt_database_in_transaction (db))
        rpt_database_rollback (db);
      return FALSE;
    }
  g_object_set (entry, "status", RPT_COMPLAINT_RESOLVED, "resolution", text,
                "resolved-on", now, NULL);
  _rpt_customer_store_emit (self, STORE_TIMELINE_CHANGED, entry->customer_id);
  return TRUE;
}

gboolean
rpt_customer_store_delete_entry (RptCustomerStore  *self,
                                 gint64             entry_id,
                                 GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autoptr(RptTimelineEntry) entry = rpt_customer_store_load_entry (self, entry_id, error);
  sqlite3_stmt *stmt;

  if (entry == NULL)
    return FALSE;
  if (!rpt_database_begin (db, error))
    return FALSE;
  stmt = rpt_database_prepare (db, "DELETE FROM timeline WHERE id = ?", error);
  if (stmt == NULL)
    {
      rpt_database_rollback (db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, entry_id);
  return finish_entry_change (self, entry->customer_id,
                              rpt_database_step_done (db, stmt, error)
                              && touch_customer (db, entry->customer_id, error),
                              error);
}

gboolean
rpt_customer_store_bulk_begin (RptCustomerStore  *self,
                               GError           **error)
{
  if (!rpt_database_begin (rpt_customer_store_get_database (self), error))
    return FALSE;
  _rpt_customer_store_set_bulk (self, TRUE);
  return TRUE;
}

gboolean
rpt_customer_store_bulk_add_customer (RptCustomerStore  *self,
                                      RptCustomer       *customer,
                                      GError           **error)
{
  g_return_val_if_fail (rpt_database_in_transaction (rpt_customer_store_get_database (self)), FALSE);
  return _rpt_customer_store_write (self, customer, error);
}

gboolean
rpt_customer_store_bulk_add_entry (RptCustomerStore  *self,
                                   RptTimelineEntry  *entry,
                                   GError           **error)
{
  g_return_val_if_fail (rpt_database_in_transaction (rpt_customer_store_get_database (self)), FALSE);
  if (entry->occurred == NULL || *entry->occurred == '\0')
    entry->occurred = _rpt_now_utc ();
  return insert_entry_row (self, entry, error);
}

gboolean
rpt_customer_store_bulk_commit (RptCustomerStore  *self,
                                GError           **error)
{
  _rpt_customer_store_set_bulk (self, FALSE);
  if (!_rpt_customer_store_restore_indexes (self, error))
    {
      rpt_customer_store_bulk_abort (self);
      return FALSE;
    }
  if (!rpt_database_commit (rpt_customer_store_get_database (self), error))
    return FALSE;
  _rpt_customer_store_emit (self, STORE_CUSTOMER_CHANGED, 0);
  return TRUE;
}

void
rpt_customer_store_bulk_abort (RptCustomerStore *self)
{
  RptDatabase *db = rpt_customer_store_get_database (self);

  _rpt_customer_store_set_bulk (self, FALSE);
  _rpt_customer_store_forget_indexes (self);
  if (rpt_database_in_transaction (db))
    rpt_database_rollback (db);
}
