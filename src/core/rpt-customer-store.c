/* rpt-customer-store.c — the SQL for customer cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rpt-customer-private.h"
#include "rpt-customer-store-private.h"
#include "rpt-error.h"
#include "rpt-fields.h"

struct _RptCustomerStore
{
  GObject      parent_instance;
  RptDatabase *db;
  GHashTable  *staff_ids;   /* name → id, only while a bulk write runs */
  GPtrArray   *deferred;    /* CREATE INDEX statements to run after a bulk load */
};

G_DEFINE_FINAL_TYPE (RptCustomerStore, rpt_customer_store, G_TYPE_OBJECT)

static guint signals[STORE_N_SIGNALS];

#define CUSTOMER_COLUMNS \
  "c.id, c.kind, c.organisation_id, coalesce (o.org_name, ''), c.given_name, c.family_name," \
  " c.org_name, c.name_order, c.job_title, c.street, c.locality, c.region, c.postal_code," \
  " c.country, c.language, c.channel, c.frequency_days, c.consent, c.do_not_contact," \
  " c.industry, c.size_band, coalesce (s.name, ''), c.notes, c.referred_by," \
  " coalesce (r.given_name || ' ' || r.family_name || r.org_name, ''), c.stage, c.archived," \
  " c.created, c.modified, coalesce (c.last_contact, ''), c.spend," \
  " c.list_email, c.list_phone"

#define CUSTOMER_FROM \
  " FROM customers c LEFT JOIN customers o ON o.id = c.organisation_id" \
  " LEFT JOIN staff s ON s.id = c.owner_id LEFT JOIN customers r ON r.id = c.referred_by"

static void
rpt_customer_store_dispose (GObject *object)
{
  RptCustomerStore *self = RPT_CUSTOMER_STORE (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->staff_ids, g_hash_table_unref);
  g_clear_pointer (&self->deferred, g_ptr_array_unref);
  G_OBJECT_CLASS (rpt_customer_store_parent_class)->dispose (object);
}

static void
rpt_customer_store_class_init (RptCustomerStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rpt_customer_store_dispose;

  signals[STORE_CUSTOMER_CHANGED] =
    g_signal_new ("customer-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[STORE_TIMELINE_CHANGED] =
    g_signal_new ("timeline-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
rpt_customer_store_init (RptCustomerStore *self)
{
}

RptCustomerStore *
rpt_customer_store_new (RptDatabase *db)
{
  RptCustomerStore *self;

  g_return_val_if_fail (RPT_IS_DATABASE (db), NULL);

  self = g_object_new (RPT_TYPE_CUSTOMER_STORE, NULL);
  self->db = g_object_ref (db);
  return self;
}

RptDatabase *
rpt_customer_store_get_database (RptCustomerStore *self)
{
  g_return_val_if_fail (RPT_IS_CUSTOMER_STORE (self), NULL);
  return self->db;
}

void
_rpt_customer_store_emit (RptCustomerStore *self,
                          guint             signal,
                          gint64            id)
{
  g_signal_emit (self, signals[signal], 0, id);
}

char *
_rpt_now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static const char *
col_text (sqlite3_stmt *stmt,
          int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return text ? text : "";
}

static void
read_customer_row (sqlite3_stmt *stmt,
                   RptCustomer  *c)
{
  int i = 0;

  c->id = sqlite3_column_int64 (stmt, i++);
  c->kind = sqlite3_column_int (stmt, i++);
  c->organisation_id = sqlite3_column_int64 (stmt, i++);
#define TEXT(member) rpt_set_str (&c->member, col_text (stmt, i++))
  TEXT (organisation_name);
  TEXT (given_name);
  TEXT (family_name);
  TEXT (org_name);
  c->name_order = sqlite3_column_int (stmt, i++);
  TEXT (job_title);
  TEXT (street);
  TEXT (locality);
  TEXT (region);
  TEXT (postal_code);
  TEXT (country);
  TEXT (language);
  c->channel = sqlite3_column_int (stmt, i++);
  c->frequency_days = sqlite3_column_int (stmt, i++);
  c->consent = sqlite3_column_int (stmt, i++) != 0;
  c->do_not_contact = sqlite3_column_int (stmt, i++) != 0;
  TEXT (industry);
  c->size_band = sqlite3_column_int (stmt, i++);
  TEXT (owner);
  TEXT (notes);
  c->referred_by = sqlite3_column_int64 (stmt, i++);
  TEXT (referred_by_name);
  c->stage = sqlite3_column_int (stmt, i++);
  c->archived = sqlite3_column_int (stmt, i++) != 0;
  TEXT (created);
  TEXT (modified);
  TEXT (last_contact);
  c->spend = sqlite3_column_int64 (stmt, i++);
  TEXT (email);
  TEXT (phone);
#undef TEXT
  g_strstrip (c->referred_by_name);
  _rpt_customer_update_display_name (c);
}

RptCustomer *
rpt_customer_store_load_summary (RptCustomerStore  *self,
                                 gint64             id,
                                 GError           **error)
{
  sqlite3_stmt *stmt;
  RptCustomer *customer;
  int rc;

  g_return_val_if_fail (RPT_IS_CUSTOMER_STORE (self), NULL);

  stmt = rpt_database_prepare (self->db, "SELECT " CUSTOMER_COLUMNS CUSTOMER_FROM " WHERE c.id = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND, _("There is no customer number %lld."),
                     (long long) id);
      else
        rpt_database_set_error (self->db, rc, error);
      return NULL;
    }
  customer = g_object_new (RPT_TYPE_CUSTOMER, NULL);
  read_customer_row (stmt, customer);
  sqlite3_reset (stmt);
  return customer;
}

static gboolean
load_details (RptCustomerStore  *self,
              RptCustomer       *c,
              GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = rpt_database_prepare (self->db,
                               "SELECT kind, label, value FROM contact_points WHERE customer_id = ?"
                               " ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  g_ptr_array_set_size (c->contact_points, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (c->contact_points,
                     rpt_contact_point_new (sqlite3_column_int (stmt, 0), col_text (stmt, 1),
                                            col_text (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rpt_database_set_error (self->db, rc, error);

  stmt = rpt_database_prepare (self->db,
                               "SELECT t.name, ct.noted_on FROM customer_tags ct"
                               " JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = ?"
                               " ORDER BY ct.noted_on DESC, t.name", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  g_ptr_array_set_size (c->tags, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (c->tags, rpt_tag_note_new (col_text (stmt, 0), col_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rpt_database_set_error (self->db, rc, error);
  c->complete = TRUE;
  return TRUE;
}

RptCustomer *
rpt_customer_store_load (RptCustomerStore  *self,
                         gint64             id,
                         GError           **error)
{
  g_autoptr(RptCustomer) customer = rpt_customer_store_load_summary (self, id, error);

  if (customer == NULL || !load_details (self, customer, error))
    return NULL;
  return g_steal_pointer (&customer);
}

gint64
_rpt_customer_store_staff_id (RptDatabase  *db,
                              const char   *name,
                              GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (name == NULL || *name == '\0')
    return 0;
  stmt = rpt_database_prepare (db, "INSERT INTO staff (name) VALUES (?1) ON CONFLICT (name)"
                                   " DO UPDATE SET name = excluded.name RETURNING id", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else
    {
      rpt_database_set_error (db, sqlite3_errcode (rpt_database_get_handle (db)), error);
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           col,
                   gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, col, id);
  else
    sqlite3_bind_null (stmt, col);
}

/* What the customer list shows of a card's contacts */
static const char *
first_contact (RptCustomer    *c,
               RptContactKind  kind)
{
  for (guint i = 0; i < c->contact_points->len; i++)
    {
      RptContactPoint *p = g_ptr_array_index (c->contact_points, i);

      if (p->kind == kind && p->value != NULL && *p->value != '\0')
        return p->value;
    }
  return "";
}

static gboolean
write_row (RptCustomerStore  *self,
           RptCustomer       *c,
           gint64             owner_id,
           GError           **error)
{
  static const char insert_sql[] =
    "INSERT INTO customers (kind, organisation_id, given_name, family_name, org_name, name_order,"
    " job_title, street, locality, region, postal_code, country, language, channel,"
    " frequency_days, consent, do_not_contact, industry, size_band, owner_id, notes, referred_by,"
    " stage, archived, sort_name, created, modified, last_contact, spend, list_email, list_phone)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23, ?24, ?25, coalesce (?28, ?26), ?26, ?29, ?30, ?31, ?32)";
  static const char update_sql[] =
    "UPDATE customers SET kind = ?1, organisation_id = ?2, given_name = ?3, family_name = ?4,"
    " org_name = ?5, name_order = ?6, job_title = ?7, street = ?8, locality = ?9, region = ?10,"
    " postal_code = ?11, country = ?12, language = ?13, channel = ?14, frequency_days = ?15,"
    " consent = ?16, do_not_contact = ?17, industry = ?18, size_band = ?19, owner_id = ?20,"
    " notes = ?21, referred_by = ?22, stage = ?23, archived = ?24, sort_name = ?25,"
    " modified = ?26, list_email = ?31, list_phone = ?32 WHERE id = ?27";
  g_autofree char *now = _rpt_now_utc ();
  g_autofree char *sort_name = rpt_customer_dup_sort_name (c);
  sqlite3_stmt *stmt = rpt_database_prepare (self->db, c->id > 0 ? update_sql : insert_sql, error);
  int i = 1;

  if (stmt == NULL)
    return FALSE;
#define TEXT(member) sqlite3_bind_text (stmt, i++, c->member ? c->member : "", -1, SQLITE_TRANSIENT)
  sqlite3_bind_int (stmt, i++, c->kind);
  bind_text_or_null (stmt, i++, c->organisation_id != c->id ? c->organisation_id : 0);
  TEXT (given_name);
  TEXT (family_name);
  TEXT (org_name);
  sqlite3_bind_int (stmt, i++, c->name_order);
  TEXT (job_title);
  TEXT (street);
  TEXT (locality);
  TEXT (region);
  TEXT (postal_code);
  TEXT (country);
  TEXT (language);
  sqlite3_bind_int (stmt, i++, c->channel);
  sqlite3_bind_int (stmt, i++, MAX (c->frequency_days, 0));
  sqlite3_bind_int (stmt, i++, c->consent);
  sqlite3_bind_int (stmt, i++, c->do_not_contact);
  TEXT (industry);
  sqlite3_bind_int (stmt, i++, c->size_band);
  bind_text_or_null (stmt, i++, owner_id);
  TEXT (notes);
  bind_text_or_null (stmt, i++, c->referred_by != c->id ? c->referred_by : 0);
  sqlite3_bind_int (stmt, i++, CLAMP (c->stage, 0, RPT_N_STAGES - 1));
  sqlite3_bind_int (stmt, i++, c->archived);
  sqlite3_bind_text (stmt, i++, sort_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, now, -1, SQLITE_TRANSIENT);
#undef TEXT
  sqlite3_bind_text (stmt, 31, first_contact (c, RPT_CONTACT_EMAIL), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 32, first_contact (c, RPT_CONTACT_PHONE), -1, SQLITE_TRANSIENT);
  if (c->id > 0)
    sqlite3_bind_int64 (stmt, i++, c->id);
  else
    {
      /* bulk writers (demo, import) bring their own history */
      if (c->created && *c->created)
        sqlite3_bind_text (stmt, 28, c->created, -1, SQLITE_TRANSIENT);
      if (c->last_contact && *c->last_contact)
        sqlite3_bind_text (stmt, 29, c->last_contact, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 30, c->spend);
    }
  if (!rpt_database_step_done (self->db, stmt, error))
    return FALSE;
  if (c->id <= 0)
    {
      c->id = sqlite3_last_insert_rowid (rpt_database_get_handle (self->db));
      if (c->created == NULL || *c->created == '\0')
        rpt_set_str (&c->created, now);
    }
  rpt_set_str (&c->modified, now);
  return TRUE;
}

static gboolean
delete_rows_of (RptDatabase  *db,
                const char   *sql,
                gint64        id,
                GError      **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return rpt_database_step_done (db, stmt, error);
}

static gboolean
write_contact_points (RptCustomerStore  *self,
                      RptCustomer       *c,
                      gboolean           is_new,
                      GError           **error)
{
  sqlite3_stmt *stmt;

  if (!is_new && !delete_rows_of (self->db, "DELETE FROM contact_points WHERE customer_id = ?",
                                  c->id, error))
    return FALSE;
  for (guint i = 0; i < c->contact_points->len; i++)
    {
      RptContactPoint *p = g_ptr_array_index (c->contact_points, i);

      if (p->value == NULL || *p->value == '\0')
        continue;
      stmt = rpt_database_prepare (self->db,
                                   "INSERT INTO contact_points (customer_id, kind, label, value,"
                                   " position) VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, c->id);
      sqlite3_bind_int (stmt, 2, p->kind);
      sqlite3_bind_text (stmt, 3, p->label ? p->label : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, p->value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, i);
      if (!rpt_database_step_done (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The newest date for each tag name, so the list needs no upsert: upserts
 * open savepoints, and savepoints make FTS5 flush on every statement. */
static GPtrArray *
distinct_tags (RptCustomer *c)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) rpt_tag_note_free);

  for (guint i = 0; i < c->tags->len; i++)
    {
      RptTagNote *t = g_ptr_array_index (c->tags, i);
      g_autofree char *name = g_strstrip (g_strdup (t->name ? t->name : ""));
      RptTagNote *have;

      if (*name == '\0')
        continue;
      have = g_hash_table_lookup (seen, name);
      if (have == NULL)
        {
          have = rpt_tag_note_new (name, t->noted_on);
          g_ptr_array_add (out, have);
          g_hash_table_insert (seen, have->name, have);
        }
      else if (g_strcmp0 (t->noted_on, have->noted_on) > 0)
        rpt_set_str (&have->noted_on, t->noted_on);
    }
  return out;
}

static gboolean
write_tags (RptCustomerStore  *self,
            RptCustomer       *c,
            gboolean           is_new,
            GError           **error)
{
  g_autoptr(GPtrArray) tags = distinct_tags (c);
  sqlite3_stmt *stmt;

  if (!is_new && !delete_rows_of (self->db, "DELETE FROM customer_tags WHERE customer_id = ?",
                                  c->id, error))
    return FALSE;
  for (guint i = 0; i < tags->len; i++)
    {
      RptTagNote *t = g_ptr_array_index (tags, i);

      stmt = rpt_database_prepare (self->db, "INSERT OR IGNORE INTO tags (name) VALUES (?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, t->name, -1, SQLITE_TRANSIENT);
      if (!rpt_database_step_done (self->db, stmt, error))
        return FALSE;
      stmt = rpt_database_prepare (self->db,
                                   "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id, noted_on)"
                                   " SELECT ?1, id, ?3 FROM tags WHERE name = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, c->id);
      sqlite3_bind_text (stmt, 2, t->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, t->noted_on ? t->noted_on : "", -1, SQLITE_TRANSIENT);
      if (!rpt_database_step_done (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The search index rows of one card: the trigram body and the short keys. */
gboolean
_rpt_customer_store_index (RptDatabase  *db,
                           RptCustomer  *c,
                           gboolean      is_new,
                           GError      **error)
{
  g_autofree char *body = rpt_customer_dup_search_text (c);
  /* the display name has both parts in the order people write them: 王伟 */
  g_autofree char *names = g_strjoin (" ", c->display_name ? c->display_name : "",
                                      c->org_name ? c->org_name : "", NULL);
  g_autoptr(GPtrArray) keys = rpt_search_name_keys (names);
  sqlite3_stmt *stmt;

  if (!is_new && (!delete_rows_of (db, "DELETE FROM customer_fts WHERE rowid = ?", c->id, error)
                  || !delete_rows_of (db, "DELETE FROM search_keys WHERE customer_id = ?", c->id,
                                      error)))
    return FALSE;

  stmt = rpt_database_prepare (db, "INSERT INTO customer_fts (rowid, body) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_TRANSIENT);
  if (!rpt_database_step_done (db, stmt, error))
    return FALSE;
  for (guint i = 0; i < keys->len; i++)
    {
      /* keys are distinct per card already: a plain insert, no conflict check */
      stmt = rpt_database_prepare (db, "INSERT INTO search_keys (key, customer_id) VALUES (?, ?)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (keys, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, c->id);
      if (!rpt_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gint64
_rpt_customer_store_cached_staff_id (RptCustomerStore  *self,
                                     const char        *name,
                                     GError           **error)
{
  gpointer cached;
  gint64 id;

  if (self->staff_ids == NULL || name == NULL || *name == '\0')
    return _rpt_customer_store_staff_id (self->db, name, error);
  if (g_hash_table_lookup_extended (self->staff_ids, name, NULL, &cached))
    return GPOINTER_TO_SIZE (cached);
  id = _rpt_customer_store_staff_id (self->db, name, error);
  if (id > 0)
    g_hash_table_insert (self->staff_ids, g_strdup (name), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

void
_rpt_customer_store_set_bulk (RptCustomerStore *self,
                              gboolean          bulk)
{
  g_clear_pointer (&self->staff_ids, g_hash_table_unref);
  if (bulk)
    self->staff_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rpt_database_exec (self->db, bulk ? "PRAGMA cache_size = -262144" : "PRAGMA cache_size = -16384",
                     NULL);
}

/* Filling empty tables is several times faster with the secondary indexes
 * built once at the end, from sorted data, than maintained row by row. The
 * statements are read back from the schema itself, so they never drift. */
gboolean
rpt_customer_store_bulk_defer_indexes (RptCustomerStore  *self,
                                       GError           **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (self->deferred == NULL, FALSE);
  /* Triggers go too: a statement that fires one opens a savepoint, and
   * every savepoint makes FTS5 flush its pending terms — row by row. */
  stmt = rpt_database_prepare (self->db, "SELECT type, name, sql FROM sqlite_schema"
                                         " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
                                         " AND tbl_name IN ('customers', 'timeline', 'contact_points',"
                                         " 'customer_tags', 'search_keys')", error);
  if (stmt == NULL)
    return FALSE;
  self->deferred = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup_printf ("DROP %s \"%s\"", sqlite3_column_text (stmt, 0),
                                               sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (self->deferred, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rpt_database_set_error (self->db, rc, error);
  for (guint i = 0; i < names->len; i++)
    {
      /* names come from the schema, not from input */
      if (!rpt_database_exec (self->db, names->pdata[i], error))
        return FALSE;
    }
  /* the trigram index merges its segments once, at the end */
  return rpt_database_exec (self->db, "INSERT INTO customer_fts (customer_fts, rank)"
                                      " VALUES ('automerge', 0)", error);
}

gboolean
_rpt_customer_store_restore_indexes (RptCustomerStore  *self,
                                     GError           **error)
{
  g_autoptr(GPtrArray) deferred = g_steal_pointer (&self->deferred);

  if (deferred == NULL)
    return TRUE;
  if (!rpt_database_exec (self->db, "INSERT INTO customer_fts (customer_fts, rank)"
                                    " VALUES ('automerge', 4);"
                                    "INSERT INTO customer_fts (customer_fts) VALUES ('optimize')",
                          error))
    return FALSE;
  for (guint i = 0; i < deferred->len; i++)
    if (!rpt_database_exec (self->db, deferred->pdata[i], error))
      return FALSE;
  return rpt_database_exec (self->db, "UPDATE counters SET value ="
                                      " (SELECT count(*) FROM customers WHERE archived = 0)"
                                      " WHERE name = 'active_customers'", error);
}

/* A rolled-back load also rolls back the drops. */
void
_rpt_customer_store_forget_indexes (RptCustomerStore *self)
{
  g_clear_pointer (&self->deferred, g_ptr_array_unref);
}

/* Inside a transaction the caller holds: every table a card touches. */
gboolean
_rpt_customer_store_write (RptCustomerStore  *self,
                           RptCustomer       *customer,
                           GError           **error)
{
  gint64 owner_id = _rpt_customer_store_cached_staff_id (self, customer->owner, error);
  gboolean is_new = customer->id <= 0;

  return owner_id >= 0 && write_row (self, customer, owner_id, error)
         && write_contact_points (self, customer, is_new, error)
         && write_tags (self, customer, is_new, error)
         && _rpt_customer_store_index (self->db, customer, is_new, error);
}

gboolean
rpt_customer_store_save (RptCustomerStore  *self,
                         RptCustomer       *customer,
                         GError           **error)
{
  gint64 old_id = customer->id;

  g_return_val_if_fail (RPT_IS_CUSTOMER_STORE (self), FALSE);
  g_return_val_if_fail (RPT_IS_CUSTOMER (customer), FALSE);

  if (!rpt_database_begin (self->db, error))
    return FALSE;
  if (!_rpt_customer_store_write (self, customer, error) || !rpt_database_commit (self->db, error))
    {
      if (rpt_database_in_transaction (self->db))
        rpt_database_rollback (self->db);
      customer->id = old_id;
      return FALSE;
    }
  customer->complete = TRUE;
  _rpt_customer_store_emit (self, STORE_CUSTOMER_CHANGED, customer->id);
  return TRUE;
}

gboolean
rpt_customer_store_set_archived (RptCustomerStore  *self,
                                 gint64             id,
                                 gboolean           archived,
                                 GError           **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *now = _rpt_now_utc ();

  if (!rpt_database_begin (self->db, error))
    return FALSE;
  stmt = rpt_database_prepare (self->db,
                               "UPDATE customers SET archived = ?, modified = ? WHERE id = ?", error);
  if (stmt == NULL)
    {
      rpt_database_rollback (self->db);
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, archived ? 1 : 0);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!rpt_database_step_done (self->db, stmt, error))
    {
      rpt_database_rollback (self->db);
      return FALSE;
    }
  if (sqlite3_changes (rpt_database_get_handle (self->db)) == 0)
    {
      rpt_database_rollback (self->db);
      g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND, _("There is no customer number %lld."),
                   (long long) id);
      return FALSE;
    }
  if (!rpt_database_commit (self->db, error))
    return FALSE;
  _rpt_customer_store_emit (self, STORE_CUSTOMER_CHANGED, id);
  return TRUE;
}

static gint64
query_int (RptDatabase *db,
           const char  *sql)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db, sql, NULL);
  gint64 value = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value;
}

guint
rpt_customer_store_count_active (RptCustomerStore *self)
{
  return (guint) query_int (self->db, "SELECT value FROM counters WHERE name = 'active_customers'");
}

gint64
rpt_customer_store_max_id (RptCustomerStore *self)
{
  return query_int (self->db, "SELECT max (id) FROM customers");
}

static const char *const sort_sql[RPT_N_SORTS][2] = {
  { "SELECT id FROM customers WHERE archived = ? ORDER BY sort_name, id LIMIT ?2",
    "SELECT id FROM customers WHERE archived = ? ORDER BY sort_name DESC, id DESC LIMIT ?2" },
  { "SELECT id FROM customers WHERE archived = ? ORDER BY locality, id LIMIT ?2",
    "SELECT id FROM customers WHERE archived = ? ORDER BY locality DESC, id DESC LIMIT ?2" },
  { "SELECT id FROM customers WHERE archived = ? ORDER BY stage, id LIMIT ?2",
    "SELECT id FROM customers WHERE archived = ? ORDER BY stage DESC, id DESC LIMIT ?2" },
  { "SELECT id FROM customers WHERE archived = ? ORDER BY last_contact, id LIMIT ?2",
    "SELECT id FROM customers WHERE archived = ? ORDER BY last_contact DESC, id DESC LIMIT ?2" },
  { "SELECT id FROM customers WHERE archived = ? ORDER BY spend, id LIMIT ?2",
    "SELECT id FROM customers WHERE archived = ? ORDER BY spend DESC, id DESC LIMIT ?2" },
  { "SELECT id FROM customers WHERE archived = ? ORDER BY id LIMIT ?2",
    "SELECT id FROM customers WHERE archived = ? ORDER BY id DESC LIMIT ?2" },
};

static GArray *
collect_ids (RptDatabase   *db,
             const char    *sql,
             gboolean       archived,
             guint          limit,
             guint          expected,
             GError       **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db, sql, error);
  GArray *ids;
  int rc;

  if (stmt == NULL)
    return NULL;
  /* sized once: growing a million-entry array by doubling copies it and
   * briefly holds twice its memory */
  ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), limit ? limit : MAX (expected + 16, 1024));
  sqlite3_bind_int (stmt, 1, archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
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

/* Every card of the list in display order, as 32-bit ids: 4 MB at a million,
 * where objects for every row would be hundreds. */
GArray *
rpt_customer_store_ordered_ids (RptCustomerStore  *self,
                                RptSortColumn      column,
                                gboolean           descending,
                                gboolean           archived,
                                GError           **error)
{
  g_return_val_if_fail (column < RPT_N_SORTS, NULL);
  return collect_ids (self->db, sort_sql[column][descending ? 1 : 0], archived, 0,
                      rpt_customer_store_count (self, archived), error);
}

GArray *
rpt_customer_store_first_ids (RptCustomerStore  *self,
                              RptSortColumn      column,
                              gboolean           descending,
                              gboolean           archived,
                              guint              limit,
                              GError           **error)
{
  g_return_val_if_fail (column < RPT_N_SORTS, NULL);
  return collect_ids (self->db, sort_sql[column][descending ? 1 : 0], archived, MAX (limit, 1), 0,
                      error);
}

/* How many cards there are in the archive, or out of it. */
guint
rpt_customer_store_count (RptCustomerStore *self,
                          gboolean          archived)
{
  if (!archived)
    return rpt_customer_store_count_active (self);
  return (guint) query_int (self->db, "SELECT count(*) FROM customers WHERE archived = 1");
}

static gboolean
add_matches (RptDatabase  *db,
             const char   *sql,
             const char   *arg1,
             const char   *arg2,
             RptBitset    *set,
             GError      **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (arg1 != NULL)
    sqlite3_bind_text (stmt, 1, arg1, -1, SQLITE_TRANSIENT);
  if (arg2 != NULL)
    sqlite3_bind_text (stmt, 2, arg2, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rpt_bitset_add (set, (guint32) sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rpt_database_set_error (db, rc, error);
  return TRUE;
}

static RptBitset *
new_id_set (RptCustomerStore *self)
{
  return rpt_bitset_new ((guint32) MIN (rpt_customer_store_max_id (self) + 1, G_MAXUINT32));
}

/* The ids of every card matching QUERY (all its words), archived or not;
 * NULL with no error when QUERY has no words. */
RptBitset *
rpt_customer_store_match (RptCustomerStore  *self,
                          const char        *query,
                          GError           **error)
{
  g_auto(GStrv) words = rpt_search_split_query (query);
  g_autofree char *fts = NULL;
  g_autoptr(RptBitset) result = NULL;

  if (words[0] == NULL)
    return NULL;
  fts = rpt_search_fts_query (words);
  if (fts != NULL)
    {
      result = new_id_set (self);
      if (!add_matches (self->db, "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?",
                        fts, NULL, result, error))
        return NULL;
    }
  for (guint i = 0; words[i] != NULL; i++)
    {
      glong len = g_utf8_strlen (words[i], -1);
      g_autoptr(RptBitset) part = NULL;

      if (len >= 3)
        continue;
      part = new_id_set (self);
      if (len == RPT_SEARCH_SHORT_KEY_CHARS)
        {
          if (!add_matches (self->db, "SELECT customer_id FROM search_keys WHERE key = ?",
                            words[i], NULL, part, error))
            return NULL;
        }
      else
        {
          g_autofree char *upper = rpt_search_key_upper (words[i]);
          if (!add_matches (self->db, "SELECT customer_id FROM search_keys"
                                      " WHERE key >= ? AND key < ?", words[i], upper, part, error))
            return NULL;
        }
      if (result == NULL)
        result = g_steal_pointer (&part);
      else
        rpt_bitset_intersect (result, part);
    }
  return g_steal_pointer (&result);
}

/* The plain scan the index replaces; kept as the benchmarks' reference. */
RptBitset *
rpt_customer_store_match_like (RptCustomerStore  *self,
                               const char        *query,
                               GError           **error)
{
  g_autoptr(RptBitset) result = new_id_set (self);
  g_autofree char *pattern = g_strdup_printf ("%%%s%%", query);

  if (!add_matches (self->db,
                    "SELECT id FROM customers WHERE given_name || ' ' || family_name || ' '"
                    " || org_name || ' ' || locality LIKE ?", pattern, NULL, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

RptBitset *
rpt_customer_store_filter (RptCustomerStore  *self,
                           const char        *tag,
                           int                stage,
                           const char        *owner,
                           GError           **error)
{
  g_autoptr(RptBitset) result = NULL;

  if (tag != NULL && *tag != '\0')
    {
      result = new_id_set (self);
      if (!add_matches (self->db, "SELECT ct.customer_id FROM customer_tags ct"
                                  " JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?",
                        tag, NULL, result, error))
        return NULL;
    }
  if (stage >= 0)
    {
      g_autoptr(RptBitset) part = new_id_set (self);
      g_autofree char *value = g_strdup_printf ("%d", stage);
      if (!add_matches (self->db, "SELECT id FROM customers WHERE archived IN (0, 1)"
                                  " AND stage = CAST (? AS INTEGER)", value, NULL, part, error))
        return NULL;
      if (result == NULL)
        result = g_steal_pointer (&part);
      else
        rpt_bitset_intersect (result, part);
    }
  if (owner != NULL && *owner != '\0')
    {
      g_autoptr(RptBitset) part = new_id_set (self);
      if (!add_matches (self->db, "SELECT c.id FROM customers c JOIN staff s ON s.id = c.owner_id"
                                  " WHERE s.name = ?", owner, NULL, part, error))
        return NULL;
      if (result == NULL)
        result = g_steal_pointer (&part);
      else
        rpt_bitset_intersect (result, part);
    }
  return g_steal_pointer (&result);
}

static char **
list_names (RptDatabase *db,
            const char  *sql)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db, sql, NULL);
  GPtrArray *names = g_ptr_array_new ();

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup (col_text (stmt, 0)));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

char **
rpt_customer_store_list_tags (RptCustomerStore *self)
{
  return list_names (self->db, "SELECT name FROM tags ORDER BY name");
}

char **
rpt_customer_store_list_staff (RptCustomerStore *self)
{
  return list_names (self->db, "SELECT name FROM staff ORDER BY name");
}

/* For pickers (organisation, referred by): a few cards whose name matches. */
GPtrArray *
rpt_customer_store_find_by_name (RptCustomerStore *self,
                                 const char       *query,
                                 RptCustomerKind   kind,
                                 guint             limit)
{
  g_autoptr(RptBitset) set = rpt_customer_store_match (self, query, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  if (set == NULL)
    return found;
  for (guint32 id = 1; id < set->n_bits && found->len < limit; id++)
    {
      RptCustomer *c;

      if (!rpt_bitset_has (set, id))
        continue;
      c = rpt_customer_store_load_summary (self, id, NULL);
      if (c != NULL && c->kind == (int) kind && !c->archived)
        g_ptr_array_add (found, c);
      else
        g_clear_object (&c);
    }
  return found;
}

/* Ids have gaps where cards were deleted; any other failure stops the update. */
static gboolean
skip_missing (GError **local_error,
              GError **error)
{
  if (g_error_matches (*local_error, RPT_ERROR, RPT_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (local_error));
  return FALSE;
}

gboolean
_rpt_customer_store_fill_sort_names (RptDatabase  *db,
                                     GError      **error)
{
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  gint64 max = rpt_customer_store_max_id (store);

  for (gint64 id = 1; id <= max; id++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RptCustomer) c = rpt_customer_store_load_summary (store, id, &local_error);
      g_autofree char *key = NULL;
      sqlite3_stmt *stmt;

      if (c == NULL && !skip_missing (&local_error, error))
        return FALSE;
      if (c == NULL)
        continue;
      key = rpt_customer_dup_sort_name (c);
      stmt = rpt_database_prepare (db, "UPDATE customers SET sort_name = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!rpt_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_rpt_customer_store_reindex_all (RptDatabase  *db,
                                 GError      **error)
{
  g_autoptr(RptCustomerStore) store = rpt_customer_store_new (db);
  gint64 max = rpt_customer_store_max_id (store);

  for (gint64 id = 1; id <= max; id++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RptCustomer) c = rpt_customer_store_load (store, id, &local_error);

      if (c == NULL && !skip_missing (&local_error, error))
        return FALSE;
      if (c != NULL && !_rpt_customer_store_index (db, c, FALSE, error))
        return FALSE;
    }
  return TRUE;
}
