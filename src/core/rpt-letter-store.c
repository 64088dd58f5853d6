/* rpt-letter-store.c — the SQL for letter templates and merge facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "rpt-customer-store-private.h"
#include "rpt-database.h"
#include "rpt-error.h"
#include "rpt-letter-store.h"

static char *
dup_column (sqlite3_stmt *stmt,
            int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text && *text ? g_strdup (text) : NULL;
}

static GBytes *
blob_column (sqlite3_stmt *stmt,
             int           col)
{
  const void *data = sqlite3_column_blob (stmt, col);
  int size = sqlite3_column_bytes (stmt, col);

  return data && size > 0 ? g_bytes_new (data, size) : NULL;
}

void
rpt_merge_facts_clear (RptMergeFacts *facts)
{
  g_free (facts->last_purchase);
  g_free (facts->last_item);
  g_free (facts->complaint_tracking);
  g_free (facts->complaint_summary);
  g_free (facts->complaint_opened);
  g_free (facts->complaint_resolution);
  g_free (facts->complaint_resolved_on);
  memset (facts, 0, sizeof *facts);
}

/* Lifetime spend and purchases, the last purchase, the latest complaint:
 * what letters say about the customer, read through the timeline's
 * per-customer index. */
gboolean
rpt_customer_store_merge_facts (RptCustomerStore  *self,
                                gint64             customer_id,
                                RptMergeFacts     *facts,
                                GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt;
  int rc;

  memset (facts, 0, sizeof *facts);
  stmt = rpt_database_prepare (db,
    "SELECT kind, occurred, item, amount, id, coalesce (tracking, ''), summary, status, resolution,"
    " coalesce (resolved_on, '')"
    " FROM timeline WHERE customer_id = ? AND kind IN (0, 7) ORDER BY occurred DESC, id DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 0) == 0)
        {
          facts->n_purchases++;
          facts->spend += sqlite3_column_int64 (stmt, 3);
          if (facts->last_purchase == NULL)
            {
              facts->last_purchase = g_strndup ((const char *) sqlite3_column_text (stmt, 1), 10);
              facts->last_item = dup_column (stmt, 2);
              facts->last_amount = sqlite3_column_int64 (stmt, 3);
            }
        }
      else
        {
          if (sqlite3_column_int (stmt, 7) == 0)
            facts->open_complaints++;
          if (facts->complaint_id == 0)
            {
              facts->complaint_id = sqlite3_column_int64 (stmt, 4);
              facts->complaint_opened = g_strndup ((const char *) sqlite3_column_text (stmt, 1), 10);
              facts->complaint_tracking = dup_column (stmt, 5);
              facts->complaint_summary = dup_column (stmt, 6);
              facts->complaint_resolution = dup_column (stmt, 8);
              facts->complaint_resolved_on = dup_column (stmt, 9);
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rpt_merge_facts_clear (facts);
      return rpt_database_set_error (db, rc, error);
    }
  return TRUE;
}

static RptLetterTemplate *
read_template (RptDatabase   *db,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(RptLetterTemplate) t = rpt_letter_template_new ();
  g_autoptr(GBytes) letterhead = blob_column (stmt, 7);
  g_autoptr(GBytes) signature = blob_column (stmt, 9);
  g_autofree char *letterhead_name = dup_column (stmt, 8);
  sqlite3_stmt *texts;
  int rc;

  rpt_letter_template_set_id (t, sqlite3_column_int64 (stmt, 0));
  rpt_letter_template_set_block (t, sqlite3_column_int (stmt, 1) != 0);
  rpt_letter_template_set_name (t, (const char *) sqlite3_column_text (stmt, 2));
  rpt_letter_template_set_default_language (t, (const char *) sqlite3_column_text (stmt, 3));
  rpt_letter_template_set_paper (t, sqlite3_column_int (stmt, 4));
  rpt_letter_template_set_placement (t, sqlite3_column_int (stmt, 5));
  rpt_letter_template_set_required (t, (const char *) sqlite3_column_text (stmt, 6));
  rpt_letter_template_set_letterhead (t, letterhead, letterhead_name);
  rpt_letter_template_set_signature (t, signature);
  {
    double margins[4] = { 0, 0, 0, 0 };
    const char *text = (const char *) sqlite3_column_text (stmt, 10);

    g_auto(GStrv) parts = g_strsplit (text ? text : "", " ", 4);

    /* written with g_ascii_dtostr: read back whatever the locale's decimal point */
    for (guint i = 0; i < 4 && parts[i] != NULL; i++)
      margins[i] = g_ascii_strtod (parts[i], NULL);
    rpt_letter_template_set_margins (t, margins);
  }

  texts = rpt_database_prepare (db, "SELECT language, body FROM letter_texts WHERE template_id = ?", error);
  if (texts == NULL)
    return NULL;
  sqlite3_bind_int64 (texts, 1, rpt_letter_template_get_id (t));
  while ((rc = sqlite3_step (texts)) == SQLITE_ROW)
    rpt_letter_template_set_body (t, (const char *) sqlite3_column_text (texts, 0),
                                  (const char *) sqlite3_column_text (texts, 1));
  sqlite3_reset (texts);
  if (rc != SQLITE_DONE)
    {
      rpt_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&t);
}

#define TEMPLATE_COLUMNS \
  "id, block, name, default_language, paper, placement, required, letterhead, letterhead_name," \
  " signature, margins FROM letter_templates"

static GPtrArray *
query_templates (RptCustomerStore  *self,
                 const char        *sql,
                 const char        *name,
                 GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db, sql, error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  /* ids first, then each template: its texts need another statement */
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rows, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rpt_database_set_error (db, rc, error);
      return NULL;
    }
  list = g_ptr_array_new_with_free_func (g_object_unref);
  stmt = rpt_database_prepare (db, "SELECT " TEMPLATE_COLUMNS " WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      RptLetterTemplate *t = NULL;

      sqlite3_bind_int64 (stmt, 1, g_array_index (rows, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        t = read_template (db, stmt, error);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW && t == NULL)
        return NULL;
      if (t != NULL)
        g_ptr_array_add (list, t);
    }
  return g_steal_pointer (&list);
}

/* The business's templates and blocks, by name. */
GPtrArray *
rpt_customer_store_list_letter_templates (RptCustomerStore  *self,
                                          GError           **error)
{
  return query_templates (self, "SELECT id FROM letter_templates ORDER BY block, name COLLATE NOCASE, id",
                          NULL, error);
}

/* A template by name: the business's own first, then the examples. NULL
 * and RPT_ERROR_NOT_FOUND when there is none. */
RptLetterTemplate *
rpt_customer_store_find_letter_template (RptCustomerStore  *self,
                                         const char        *name,
                                         GError           **error)
{
  g_autoptr(GPtrArray) found = query_templates (self,
    "SELECT id FROM letter_templates WHERE block = 0 AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1",
    name, error);
  g_autoptr(GPtrArray) builtins = NULL;

  if (found == NULL)
    return NULL;
  if (found->len > 0)
    return g_object_ref (found->pdata[0]);
  builtins = rpt_letter_template_builtins ();
  for (guint i = 0; i < builtins->len; i++)
    {
      RptLetterTemplate *t = builtins->pdata[i];

      if (g_ascii_strcasecmp (rpt_letter_template_get_name (t), name) == 0
          || g_strcmp0 (rpt_letter_template_get_builtin (t), name) == 0)
        return g_object_ref (t);
    }
  g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND, _("There is no letter template named “%s”."), name);
  return NULL;
}

static gboolean
write_template (RptDatabase        *db,
                RptLetterTemplate  *t,
                GError            **error)
{
  g_autofree char *now = _rpt_now_utc ();
  g_auto(GStrv) languages = rpt_letter_template_list_languages (t);
  GBytes *letterhead = rpt_letter_template_get_letterhead (t);
  GBytes *signature = rpt_letter_template_get_signature (t);
  gint64 id = rpt_letter_template_get_id (t);
  sqlite3_stmt *stmt;

  stmt = rpt_database_prepare (db,
    "INSERT INTO letter_templates (id, block, name, default_language, paper, placement, required,"
    " letterhead, letterhead_name, signature, modified, margins) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO UPDATE SET block = excluded.block, name = excluded.name,"
    " default_language = excluded.default_language, paper = excluded.paper,"
    " placement = excluded.placement, required = excluded.required, letterhead = excluded.letterhead,"
    " letterhead_name = excluded.letterhead_name, signature = excluded.signature,"
    " modified = excluded.modified, margins = excluded.margins", error);
  if (stmt == NULL)
    return FALSE;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, rpt_letter_template_get_block (t));
  sqlite3_bind_text (stmt, 3, rpt_letter_template_get_name (t), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, rpt_letter_template_get_default_language (t), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, rpt_letter_template_get_paper (t));
  sqlite3_bind_int (stmt, 6, rpt_letter_template_get_placement (t));
  sqlite3_bind_text (stmt, 7, rpt_letter_template_get_required (t), -1, SQLITE_TRANSIENT);
  if (letterhead != NULL)
    {
      sqlite3_bind_blob64 (stmt, 8, g_bytes_get_data (letterhead, NULL), g_bytes_get_size (letterhead),
                           SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, rpt_letter_template_get_letterhead_name (t), -1, SQLITE_TRANSIENT);
    }
  if (signature != NULL)
    sqlite3_bind_blob64 (stmt, 10, g_bytes_get_data (signature, NULL), g_bytes_get_size (signature),
                         SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, now, -1, SQLITE_TRANSIENT);
  {
    double m[4];
    char text[4 * G_ASCII_DTOSTR_BUF_SIZE];
    char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];

    rpt_letter_template_get_margins (t, m);
    g_snprintf (text, sizeof text, "%s %s %s %s", g_ascii_dtostr (a, sizeof a, m[0]), g_ascii_dtostr (b, sizeof b, m[1]),
                g_ascii_dtostr (c, sizeof c, m[2]), g_ascii_dtostr (d, sizeof d, m[3]));
    sqlite3_bind_text (stmt, 12, m[0] > 0 ? text : "", -1, SQLITE_TRANSIENT);
  }
  if (!rpt_database_step_done (db, stmt, error))
    return FALSE;
  if (id <= 0)
    id = sqlite3_last_insert_rowid (rpt_database_get_handle (db));

  stmt = rpt_database_prepare (db, "DELETE FROM letter_texts WHERE template_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!rpt_database_step_done (db, stmt, error))
    return FALSE;
  for (guint i = 0; languages[i] != NULL; i++)
    {
      stmt = rpt_database_prepare (db, "INSERT INTO letter_texts (template_id, language, body)"
                                       " VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, languages[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, rpt_letter_template_get_body (t, languages[i]), -1, SQLITE_TRANSIENT);
      if (!rpt_database_step_done (db, stmt, error))
        return FALSE;
    }
  rpt_letter_template_set_id (t, id);
  return TRUE;
}

/* Saves a new template (id 0 or an example's negative id: it gets an id)
 * or changes one, texts and all, in one transaction. */
gboolean
rpt_customer_store_save_letter_template (RptCustomerStore   *self,
                                         RptLetterTemplate  *letter,
                                         GError            **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  gint64 old_id = rpt_letter_template_get_id (letter);
  g_autofree char *name = g_strstrip (g_strdup (rpt_letter_template_get_name (letter)));

  if (*name == '\0')
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("A template needs a name."));
      return FALSE;
    }
  if (!rpt_database_begin (db, error))
    return FALSE;
  if (!write_template (db, letter, error) || !rpt_database_commit (db, error))
    {
      if (rpt_database_in_transaction (db))
        rpt_database_rollback (db);
      rpt_letter_template_set_id (letter, old_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
rpt_customer_store_delete_letter_template (RptCustomerStore  *self,
                                           gint64             id,
                                           GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt;

  if (!rpt_database_begin (db, error))
    return FALSE;
  stmt = rpt_database_prepare (db, "DELETE FROM letter_templates WHERE id = ?", error);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, id);
  if (stmt == NULL || !rpt_database_step_done (db, stmt, error) || !rpt_database_commit (db, error))
    {
      if (rpt_database_in_transaction (db))
        rpt_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* The source of the block NAME ({{> name}}) in LANGUAGE: the business's
 * block of that name — its text in LANGUAGE, else its default — or the
 * one that comes with Rapport; NULL when there is none. */
char *
rpt_customer_store_lookup_block (RptCustomerStore *self,
                                 const char       *name,
                                 const char       *language)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "SELECT x.body FROM letter_templates t JOIN letter_texts x ON x.template_id = t.id"
    " WHERE t.block = 1 AND t.name = ?1 COLLATE NOCASE"
    " ORDER BY x.language = ?2 DESC, x.language = t.default_language DESC, t.id LIMIT 1", NULL);
  char *body = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, language ? language : "", -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        body = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return body ? body : rpt_letter_builtin_partial (name, language);
}

/* Customers (not archived) whose interest in TAG was noted in the last
 * DAYS days, by id. */
GArray *
rpt_customer_store_ids_with_tag_since (RptCustomerStore  *self,
                                       const char        *tag,
                                       guint              days,
                                       GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "SELECT c.id FROM tags g JOIN customer_tags ct ON ct.tag_id = g.id"
    " JOIN customers c ON c.id = ct.customer_id"
    " WHERE g.name = ? AND ct.noted_on >= date ('now', 'localtime', ?) AND c.archived = 0"
    " ORDER BY c.id", error);
  g_autofree char *modifier = g_strdup_printf ("-%u days", days);
  GArray *ids;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, modifier, -1, SQLITE_TRANSIENT);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (ids);
      rpt_database_set_error (db, rc, error);
      return NULL;
    }
  return ids;
}
