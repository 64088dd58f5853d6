/* rpt-migrations.c — every schema the file has had, in order
 *
 * A step never changes once released: the next change is a new step. All
 * the steps an update needs run in one transaction with the user_version
 * bump, so a failure leaves the file at its old version. A step's schema
 * change is plain SQL; what it derives from the data (sort keys, the search
 * index) is filled in by the current code once the schema is the current
 * one, since that code reads the current schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-migrations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rpt-customer-store-private.h"
#include "rpt-error.h"
#include "rpt-migrations.h"

typedef gboolean (*MigrationFunc) (RptDatabase *db, GError **error);

typedef struct
{
  const char    *sql;
  MigrationFunc  after;
} Migration;

/* 1: customers, contacts, tags and the timeline. */
static const char migration_1[] =
  "PRAGMA application_id = 1380995156;"
  "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
  "CREATE TABLE customers ("
  "  id INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1)),"
  "  organisation_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,"
  "  given_name TEXT NOT NULL DEFAULT '',"
  "  family_name TEXT NOT NULL DEFAULT '',"
  "  org_name TEXT NOT NULL DEFAULT '',"
  "  name_order INTEGER NOT NULL DEFAULT 0,"
  "  job_title TEXT NOT NULL DEFAULT '',"
  "  street TEXT NOT NULL DEFAULT '',"
  "  locality TEXT NOT NULL DEFAULT '',"
  "  region TEXT NOT NULL DEFAULT '',"
  "  postal_code TEXT NOT NULL DEFAULT '',"
  "  country TEXT NOT NULL DEFAULT '',"
  "  language TEXT NOT NULL DEFAULT '',"
  "  channel INTEGER NOT NULL DEFAULT 0,"
  "  frequency_days INTEGER NOT NULL DEFAULT 0,"
  "  consent INTEGER NOT NULL DEFAULT 0,"
  "  do_not_contact INTEGER NOT NULL DEFAULT 0,"
  "  industry TEXT NOT NULL DEFAULT '',"
  "  size_band INTEGER NOT NULL DEFAULT 0,"
  "  owner_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  referred_by INTEGER REFERENCES customers (id) ON DELETE SET NULL,"
  "  stage INTEGER NOT NULL DEFAULT 0,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL);"
  "CREATE INDEX customers_organisation ON customers (organisation_id) WHERE organisation_id IS NOT NULL;"
  "CREATE TABLE contact_points ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  kind INTEGER NOT NULL,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  value TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX contact_points_customer ON contact_points (customer_id, position);"
  "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE);"
  "CREATE TABLE customer_tags ("
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  noted_on TEXT NOT NULL,"
  "  PRIMARY KEY (customer_id, tag_id)) WITHOUT ROWID;"
  "CREATE INDEX customer_tags_tag ON customer_tags (tag_id, customer_id);"
  "CREATE TABLE timeline ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  kind INTEGER NOT NULL,"
  "  occurred TEXT NOT NULL,"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  details TEXT NOT NULL DEFAULT '',"
  "  amount INTEGER NOT NULL DEFAULT 0,"
  "  item TEXT NOT NULL DEFAULT '',"
  "  category TEXT NOT NULL DEFAULT '',"
  "  owner_id INTEGER REFERENCES staff (id) ON DELETE SET NULL);"
  "CREATE INDEX timeline_customer ON timeline (customer_id, occurred DESC, id DESC);";

/* 2: complaints, and what the customer list sorts and counts by. */
static const char migration_2[] =
  "ALTER TABLE timeline ADD COLUMN tracking TEXT;"
  "ALTER TABLE timeline ADD COLUMN due TEXT;"
  "ALTER TABLE timeline ADD COLUMN status INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE timeline ADD COLUMN resolution TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE timeline ADD COLUMN resolved_on TEXT;"
  "CREATE UNIQUE INDEX timeline_tracking ON timeline (tracking) WHERE tracking IS NOT NULL;"
  "CREATE INDEX timeline_complaints ON timeline (status, due) WHERE kind = 7;"
  "ALTER TABLE customers ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE customers ADD COLUMN last_contact TEXT;"
  "ALTER TABLE customers ADD COLUMN spend INTEGER NOT NULL DEFAULT 0;"
  "UPDATE customers SET"
  "  last_contact = (SELECT max (occurred) FROM timeline t WHERE t.customer_id = customers.id),"
  "  spend = (SELECT coalesce (sum (amount), 0) FROM timeline t"
  "           WHERE t.customer_id = customers.id AND t.kind = 0);"
  "CREATE INDEX customers_by_name ON customers (archived, sort_name, id);"
  "CREATE INDEX customers_by_locality ON customers (archived, locality, id);"
  "CREATE INDEX customers_by_stage ON customers (archived, stage, id);"
  "CREATE INDEX customers_by_contact ON customers (archived, last_contact, id);"
  "CREATE INDEX customers_by_spend ON customers (archived, spend, id);"
  "CREATE INDEX customers_by_owner ON customers (owner_id, archived);"
  "CREATE INDEX customers_by_archived ON customers (archived);"
  "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
  "INSERT INTO counters VALUES ('active_customers',"
  "  (SELECT count(*) FROM customers WHERE archived = 0));"
  "CREATE TRIGGER customers_count_insert AFTER INSERT ON customers WHEN NEW.archived = 0 BEGIN"
  "  UPDATE counters SET value = value + 1 WHERE name = 'active_customers'; END;"
  "CREATE TRIGGER customers_count_delete AFTER DELETE ON customers WHEN OLD.archived = 0 BEGIN"
  "  UPDATE counters SET value = value - 1 WHERE name = 'active_customers'; END;"
  "CREATE TRIGGER customers_count_archive AFTER UPDATE OF archived ON customers"
  "  WHEN OLD.archived <> NEW.archived BEGIN"
  "  UPDATE counters SET value = value + (CASE WHEN NEW.archived = 0 THEN 1 ELSE -1 END)"
  "  WHERE name = 'active_customers'; END;";

/* 3: search — trigram full text for three characters and more, and a key
 * table of words and CJK suffixes for the one- and two-character queries. */
static const char migration_3[] =
  "CREATE VIRTUAL TABLE customer_fts USING fts5 (body, tokenize = 'trigram');"
  "CREATE TABLE search_keys ("
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL);"
  "CREATE INDEX search_keys_key ON search_keys (key, customer_id);"
  "CREATE INDEX search_keys_customer ON search_keys (customer_id);";

/* 4: the first e-mail address and phone number of each card, kept on the
 * card itself, so that a row of the customer list is one table row. */
static const char migration_4[] =
  "ALTER TABLE customers ADD COLUMN list_email TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE customers ADD COLUMN list_phone TEXT NOT NULL DEFAULT '';"
  "UPDATE customers SET"
  "  list_email = coalesce ((SELECT value FROM contact_points p WHERE p.customer_id = customers.id"
  "                          AND p.kind = 1 ORDER BY position LIMIT 1), ''),"
  "  list_phone = coalesce ((SELECT value FROM contact_points p WHERE p.customer_id = customers.id"
  "                          AND p.kind = 0 ORDER BY position LIMIT 1), '');";

/* 5: letter templates and reusable blocks, each with a text per language. */
static const char migration_5[] =
  "CREATE TABLE letter_templates ("
  "  id INTEGER PRIMARY KEY,"
  "  block INTEGER NOT NULL DEFAULT 0,"
  "  name TEXT NOT NULL,"
  "  default_language TEXT NOT NULL DEFAULT 'en',"
  "  paper INTEGER NOT NULL DEFAULT 0,"
  "  placement INTEGER NOT NULL DEFAULT -1,"
  "  required TEXT NOT NULL DEFAULT '',"
  "  letterhead BLOB,"
  "  letterhead_name TEXT,"
  "  signature BLOB,"
  "  modified TEXT NOT NULL);"
  "CREATE TABLE letter_texts ("
  "  template_id INTEGER NOT NULL REFERENCES letter_templates (id) ON DELETE CASCADE,"
  "  language TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  PRIMARY KEY (template_id, language)) WITHOUT ROWID;";

/* 6: a letter template's own margins. */
static const char migration_6[] =
  "ALTER TABLE letter_templates ADD COLUMN margins TEXT NOT NULL DEFAULT '';";

/* 7: questionnaires (each version its own row, the definition in the
 * documented JSON format), responses, their answers, and the scores a
 * completed response earned — the overall index under the dimension ''. */
static const char migration_7[] =
  "CREATE TABLE questionnaires ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  builtin INTEGER NOT NULL DEFAULT 0,"
  "  definition TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  UNIQUE (key, version));"
  "CREATE TABLE responses ("
  "  id INTEGER PRIMARY KEY,"
  "  questionnaire_id INTEGER NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,"
  "  customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,"
  "  industry TEXT NOT NULL DEFAULT '',"
  "  size_band INTEGER NOT NULL DEFAULT 0,"
  "  language TEXT NOT NULL DEFAULT '',"
  "  started TEXT NOT NULL,"
  "  completed TEXT);"
  "CREATE INDEX responses_by_cohort ON responses (questionnaire_id, industry, size_band)"
  "  WHERE completed IS NOT NULL;"
  "CREATE INDEX responses_by_customer ON responses (customer_id);"
  "CREATE TABLE answers ("
  "  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,"
  "  question TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (response_id, question)) WITHOUT ROWID;"
  "CREATE TABLE response_scores ("
  "  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,"
  "  dimension TEXT NOT NULL,"
  "  score REAL NOT NULL,"
  "  PRIMARY KEY (response_id, dimension)) WITHOUT ROWID;";

/* 8: saved segments — a name and a rule in the JSON of rpt-segment-rules.h */
static const char migration_8[] =
  "CREATE TABLE saved_segments ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  rule TEXT NOT NULL,"
  "  pinned INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL);";

static const Migration migrations[RPT_SCHEMA_VERSION] = {
  { migration_1, NULL },
  { migration_2, _rpt_customer_store_fill_sort_names },
  { migration_3, _rpt_customer_store_reindex_all },
  { migration_4, NULL },
  { migration_5, NULL },
  { migration_6, NULL },
  { migration_7, NULL },
  { migration_8, NULL },
};

G_STATIC_ASSERT (RPT_APPLICATION_ID == 1380995156);

static gboolean
run_steps (RptDatabase  *db,
           int           from,
           int           to,
           GError      **error)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", to);

  for (int version = from + 1; version <= to; version++)
    {
      g_debug ("Migrating %s to version %d", rpt_database_get_path (db), version);
      if (!rpt_database_exec (db, migrations[version - 1].sql, error))
        {
          g_prefix_error (error, _("Updating the database to version %d failed: "), version);
          return FALSE;
        }
    }
  /* Derived data only once the schema is the one the code reads. The
   * partial updates (tests) stop short of the current schema and leave it. */
  for (int version = from + 1; to == RPT_SCHEMA_VERSION && version <= to; version++)
    if (migrations[version - 1].after != NULL && !migrations[version - 1].after (db, error))
      {
        g_prefix_error (error, _("Updating the database to version %d failed: "), version);
        return FALSE;
      }
  return rpt_database_exec (db, bump, error);
}

gboolean
rpt_migrations_run (RptDatabase  *db,
                    int           from,
                    int           to,
                    GError      **error)
{
  g_return_val_if_fail (from >= 0 && to <= RPT_SCHEMA_VERSION, FALSE);

  if (from >= to)
    return TRUE;
  if (!rpt_database_begin (db, error))
    return FALSE;
  if (!run_steps (db, from, to, error))
    {
      rpt_database_rollback (db);
      return FALSE;
    }
  return rpt_database_commit (db, error);
}
