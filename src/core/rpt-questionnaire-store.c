/* rpt-questionnaire-store.c — the SQL for questionnaires, responses and
 * peer benchmarks
 *
 * A completed response's scores are kept beside it, so a cohort's
 * distribution is one indexed read of its members' scores. Peers are the
 * completed responses to the same questionnaire version: of the same
 * industry and size band, else of the same industry, else all; a cohort
 * of fewer than RPT_MIN_COHORT is never used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "rpt-customer-private.h"
#include "rpt-customer-store-private.h"
#include "rpt-database.h"
#include "rpt-error.h"
#include "rpt-questionnaire-private.h"
#include "rpt-questionnaire-store.h"
#include "rpt-timeline-entry-private.h"

static gboolean
fail (RptDatabase *db,
      gboolean     ok)
{
  if (!ok && rpt_database_in_transaction (db))
    rpt_database_rollback (db);
  return ok;
}

/* Questionnaires ------------------------------------------------------- */

static RptQuestionnaire *
read_questionnaire (sqlite3_stmt  *stmt,
                    GError       **error)
{
  const char *json = (const char *) sqlite3_column_text (stmt, 1);
  RptQuestionnaire *q = rpt_questionnaire_new_from_json (json ? json : "", -1, error);

  if (q != NULL)
    {
      q->id = sqlite3_column_int64 (stmt, 0);
      q->version = sqlite3_column_int (stmt, 2);
    }
  return q;
}

static RptQuestionnaire *
load_one (RptDatabase  *db,
          const char   *sql,
          gint64        id,
          const char   *key,
          GError      **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db, sql, error);
  RptQuestionnaire *q = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (key != NULL)
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    q = read_questionnaire (stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND, _("There is no such questionnaire."));
  else
    rpt_database_set_error (db, rc, error);
  sqlite3_reset (stmt);
  return q;
}

RptQuestionnaire *
rpt_customer_store_load_questionnaire (RptCustomerStore  *self,
                                       gint64             id,
                                       GError           **error)
{
  return load_one (rpt_customer_store_get_database (self),
                   "SELECT id, definition, version FROM questionnaires WHERE id = ?", id, NULL, error);
}

/* The latest version of KEY. */
RptQuestionnaire *
rpt_customer_store_find_questionnaire (RptCustomerStore  *self,
                                       const char        *key,
                                       GError           **error)
{
  return load_one (rpt_customer_store_get_database (self),
                   "SELECT id, definition, version FROM questionnaires WHERE key = ?"
                   " ORDER BY version DESC LIMIT 1", 0, key, error);
}

GPtrArray *
rpt_customer_store_list_questionnaires (RptCustomerStore  *self,
                                        GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "SELECT id, definition, version FROM questionnaires q WHERE version ="
    " (SELECT max (version) FROM questionnaires o WHERE o.key = q.key) ORDER BY builtin DESC, id", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rpt_questionnaire_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      RptQuestionnaire *q = read_questionnaire (stmt, &local_error);

      /* one that no longer reads is left out, not the whole list */
      if (q == NULL)
        g_warning ("Questionnaire %" G_GINT64_FORMAT " cannot be read: %s",
                   (gint64) sqlite3_column_int64 (stmt, 0), local_error->message);
      else
        g_ptr_array_add (list, q);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rpt_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

guint
rpt_customer_store_count_responses (RptCustomerStore *self,
                                    gint64            questionnaire_id,
                                    gboolean          completed_only)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    completed_only ? "SELECT count (*) FROM responses WHERE questionnaire_id = ? AND completed IS NOT NULL"
                   : "SELECT count (*) FROM responses WHERE questionnaire_id = ?", NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, questionnaire_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static int
latest_version (RptDatabase *db,
                const char  *key)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db, "SELECT max (version) FROM questionnaires WHERE key = ?", NULL);
  int version = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

static gboolean
insert_questionnaire (RptDatabase       *db,
                      RptQuestionnaire  *q,
                      gboolean           builtin,
                      GError           **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "INSERT INTO questionnaires (key, version, builtin, definition, created) VALUES (?, ?, ?, ?, ?)", error);
  g_autofree char *json = NULL;
  g_autofree char *now = _rpt_now_utc ();

  if (stmt == NULL)
    return FALSE;
  json = rpt_questionnaire_to_json (q);
  sqlite3_bind_text (stmt, 1, q->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, q->version);
  sqlite3_bind_int (stmt, 3, builtin);
  sqlite3_bind_text (stmt, 4, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!rpt_database_step_done (db, stmt, error))
    return FALSE;
  q->id = sqlite3_last_insert_rowid (rpt_database_get_handle (db));
  return TRUE;
}

static gboolean
save_questionnaire (RptCustomerStore  *self,
                    RptQuestionnaire  *q,
                    gboolean           builtin,
                    GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  gint64 old_id = q->id;
  int old_version = q->version;
  gboolean ok;

  if (!rpt_database_begin (db, error))
    return FALSE;
  if (q->id != 0 && rpt_customer_store_count_responses (self, q->id, FALSE) == 0)
    {
      /* nobody answered it yet: changed in place */
      sqlite3_stmt *stmt = rpt_database_prepare (db, "UPDATE questionnaires SET definition = ? WHERE id = ?", error);
      g_autofree char *json = rpt_questionnaire_to_json (q);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, q->id);
          ok = rpt_database_step_done (db, stmt, error);
        }
    }
  else
    {
      /* answered, or new: the next version, old answers keep theirs —
       * unless it is the latest version again, word for word */
      int latest = latest_version (db, q->key);
      gint64 same = 0;

      q->version = latest;
      if (latest > 0)
        {
          g_autofree char *json = rpt_questionnaire_to_json (q);
          sqlite3_stmt *stmt = rpt_database_prepare (db,
            "SELECT id FROM questionnaires WHERE key = ? AND version = ? AND definition = ?", error);

          if (stmt != NULL)
            {
              sqlite3_bind_text (stmt, 1, q->key, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int (stmt, 2, latest);
              sqlite3_bind_text (stmt, 3, json, -1, SQLITE_TRANSIENT);
              if (sqlite3_step (stmt) == SQLITE_ROW)
                same = sqlite3_column_int64 (stmt, 0);
              sqlite3_reset (stmt);
            }
        }
      if (same != 0)
        {
          q->id = same;
          ok = TRUE;
        }
      else
        {
          q->version = latest + 1;
          ok = latest >= 0 && insert_questionnaire (db, q, builtin, error);
        }
    }
  if (!fail (db, ok && rpt_database_commit (db, error)))
    {
      q->id = old_id;
      q->version = old_version;
      return FALSE;
    }
  return TRUE;
}

gboolean
rpt_customer_store_save_questionnaire (RptCustomerStore  *self,
                                       RptQuestionnaire  *questionnaire,
                                       GError           **error)
{
  return save_questionnaire (self, questionnaire, FALSE, error);
}

gboolean
rpt_customer_store_ensure_questionnaires (RptCustomerStore  *self,
                                          GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autoptr(GPtrArray) builtins = NULL;

  if (rpt_database_get_setting_int (db, "questionnaires_installed", 0) >= 1)
    return TRUE;
  builtins = rpt_questionnaire_builtins ();
  for (guint i = 0; i < builtins->len; i++)
    {
      RptQuestionnaire *q = builtins->pdata[i];

      if (latest_version (db, q->key) == 0 && !save_questionnaire (self, q, TRUE, error))
        return FALSE;
    }
  return rpt_database_set_setting (db, "questionnaires_installed", "1", error);
}

/* Responses ------------------------------------------------------------ */

gint64
rpt_customer_store_start_response (RptCustomerStore  *self,
                                   gint64             questionnaire_id,
                                   gint64             customer_id,
                                   const char        *language,
                                   GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autoptr(RptCustomer) customer = customer_id ? rpt_customer_store_load (self, customer_id, error) : NULL;
  g_autofree char *now = _rpt_now_utc ();
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (customer_id != 0 && customer == NULL)
    return 0;
  if (!rpt_database_begin (db, error))
    return 0;
  stmt = rpt_database_prepare (db,
    "INSERT INTO responses (questionnaire_id, customer_id, industry, size_band, language, started)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, questionnaire_id);
      if (customer != NULL)
        {
          sqlite3_bind_int64 (stmt, 2, customer_id);
          sqlite3_bind_text (stmt, 3, customer->industry ? customer->industry : "", -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 4, customer->size_band);
        }
      else
        {
          sqlite3_bind_null (stmt, 2);
          sqlite3_bind_text (stmt, 3, "", -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 4, 0);
        }
      sqlite3_bind_text (stmt, 5, language ? language : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
      if (rpt_database_step_done (db, stmt, error))
        id = sqlite3_last_insert_rowid (rpt_database_get_handle (db));
    }
  if (!fail (db, id != 0 && rpt_database_commit (db, error)))
    return 0;
  return id;
}

gint64
rpt_customer_store_open_response (RptCustomerStore *self,
                                  gint64            questionnaire_id,
                                  gint64            customer_id)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "SELECT id FROM responses WHERE questionnaire_id = ? AND customer_id = ? AND completed IS NULL"
    " ORDER BY id DESC LIMIT 1", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, questionnaire_id);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

GArray *
rpt_customer_store_completed_responses (RptCustomerStore  *self,
                                        gint64             questionnaire_id,
                                        gint64             customer_id,
                                        GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "SELECT id FROM responses WHERE questionnaire_id = ? AND customer_id = ? AND completed IS NOT NULL"
    " ORDER BY id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, questionnaire_id);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rpt_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

typedef struct
{
  gint64  questionnaire_id;
  gint64  customer_id;
  char   *industry;
  int     size_band;
  char   *language;
  gboolean completed;
} ResponseRow;

static void
response_row_clear (ResponseRow *row)
{
  g_free (row->industry);
  g_free (row->language);
}

static gboolean
read_response (RptDatabase  *db,
               gint64        response_id,
               ResponseRow  *row,
               GError      **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "SELECT questionnaire_id, coalesce (customer_id, 0), industry, size_band, language, completed IS NOT NULL"
    " FROM responses WHERE id = ?", error);
  int rc;

  memset (row, 0, sizeof *row);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, response_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->questionnaire_id = sqlite3_column_int64 (stmt, 0);
      row->customer_id = sqlite3_column_int64 (stmt, 1);
      row->industry = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->size_band = sqlite3_column_int (stmt, 3);
      row->language = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->completed = sqlite3_column_int (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND, _("There is no such response."));
  else if (rc != SQLITE_ROW)
    rpt_database_set_error (db, rc, error);
  return rc == SQLITE_ROW;
}

gboolean
rpt_customer_store_set_answer (RptCustomerStore  *self,
                               gint64             response_id,
                               const char        *question,
                               const char        *value,
                               GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  ResponseRow row;
  g_autoptr(RptQuestionnaire) q = NULL;
  RptQuestion *asked;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_autofree char *language = NULL;

  if (!read_response (db, response_id, &row, error))
    return FALSE;
  q = rpt_customer_store_load_questionnaire (self, row.questionnaire_id, error);
  language = g_steal_pointer (&row.language);
  response_row_clear (&row);
  if (q == NULL)
    return FALSE;
  asked = rpt_questionnaire_find_question (q, question);
  if (asked == NULL)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("The questionnaire (version %d) has no question “%s”."), q->version, question);
      return FALSE;
    }
  /* an empty answer takes the answer back */
  if (value != NULL && *value != '\0' && !rpt_question_check_answer (asked, value, language, error))
    return FALSE;
  if (!rpt_database_begin (db, error))
    return FALSE;
  stmt = rpt_database_prepare (db, value != NULL && *value != '\0'
                                   ? "INSERT OR REPLACE INTO answers (response_id, question, value) VALUES (?, ?, ?)"
                                   : "DELETE FROM answers WHERE response_id = ? AND question = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, response_id);
      sqlite3_bind_text (stmt, 2, question, -1, SQLITE_TRANSIENT);
      if (value != NULL && *value != '\0')
        sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
      ok = rpt_database_step_done (db, stmt, error);
    }
  return fail (db, ok && rpt_database_commit (db, error));
}

GHashTable *
rpt_customer_store_load_answers (RptCustomerStore  *self,
                                 gint64             response_id,
                                 GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db, "SELECT question, value FROM answers WHERE response_id = ?", error);
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, response_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (answers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rpt_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&answers);
}

static const char *const channel_keys[] = { "any", "letter", "email", "phone", "visit", "none" };

/* The card fields the answers set (“updates”); TRUE when one changed. */
static gboolean
apply_preferences (RptQuestionnaire *q,
                   GHashTable       *answers,
                   RptCustomer      *customer,
                   GString          *changes)
{
  GHashTableIter iter;
  RptQuestion *question;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, q->questions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &question))
    {
      const char *value = g_hash_table_lookup (answers, question->key);

      if (question->updates == NULL || value == NULL)
        continue;
      if (g_str_equal (question->updates, "channel"))
        {
          for (guint i = 0; i < G_N_ELEMENTS (channel_keys); i++)
            if (g_str_equal (value, channel_keys[i]) && customer->channel != (int) i)
              {
                customer->channel = i;
                g_string_append_printf (changes, "%s%s", changes->len ? "; " : "", _("preferred channel"));
                changed = TRUE;
              }
        }
      else if (g_str_equal (question->updates, "frequency"))
        {
          guint64 days;

          if (g_ascii_string_to_unsigned (value, 10, 0, 3650, &days, NULL) && customer->frequency_days != (int) days)
            {
              customer->frequency_days = days;
              g_string_append_printf (changes, "%s%s", changes->len ? "; " : "", _("contact frequency"));
              changed = TRUE;
            }
        }
      else if (g_str_equal (question->updates, "consent"))
        {
          gboolean consent = g_str_equal (value, "yes");

          if (customer->consent != consent)
            {
              customer->consent = consent;
              g_string_append_printf (changes, "%s%s", changes->len ? "; " : "", _("consent"));
              changed = TRUE;
            }
        }
      else if (g_str_equal (question->updates, "interests"))
        {
          g_auto(GStrv) keys = g_strsplit (value, ",", -1);
          g_autofree char *today = _rpt_now_utc ();

          for (guint i = 0; keys[i] != NULL; i++)
            {
              gboolean has = FALSE;

              if (*keys[i] == '\0')
                continue;
              for (guint t = 0; t < customer->tags->len; t++)
                has |= g_str_equal (((RptTagNote *) customer->tags->pdata[t])->name, keys[i]);
              if (!has)
                {
                  today[10] = '\0';
                  g_ptr_array_add (customer->tags, rpt_tag_note_new (keys[i], today));
                  g_string_append_printf (changes, "%s%s", changes->len ? "; " : "", keys[i]);
                  changed = TRUE;
                }
            }
        }
    }
  return changed;
}

static gboolean
write_scores (RptDatabase  *db,
              gint64        response_id,
              GHashTable   *scores,
              GError      **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "INSERT OR REPLACE INTO response_scores (response_id, dimension, score) VALUES (?, ?, ?)", error);
  GHashTableIter iter;
  gpointer key, value;

  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_bind_int64 (stmt, 1, response_id);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 3, *(double *) value);
      if (!rpt_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
rpt_customer_store_complete_response (RptCustomerStore  *self,
                                      gint64             response_id,
                                      GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  ResponseRow row;
  g_autoptr(RptQuestionnaire) q = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GHashTable) scores = NULL;
  g_autoptr(RptCustomer) customer = NULL;
  g_autoptr(GString) changes = g_string_new (NULL);
  g_autofree char *now = _rpt_now_utc ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!read_response (db, response_id, &row, error))
    return FALSE;
  if ((q = rpt_customer_store_load_questionnaire (self, row.questionnaire_id, error)) == NULL
      || (answers = rpt_customer_store_load_answers (self, response_id, error)) == NULL
      || (row.customer_id != 0 && (customer = rpt_customer_store_load (self, row.customer_id, error)) == NULL))
    {
      response_row_clear (&row);
      return FALSE;
    }
  scores = rpt_scoring_scores (q, answers);
  if (!rpt_database_begin (db, error))
    {
      response_row_clear (&row);
      return FALSE;
    }
  stmt = rpt_database_prepare (db, "UPDATE responses SET completed = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, response_id);
      ok = rpt_database_step_done (db, stmt, error) && write_scores (db, response_id, scores, error);
    }
  if (ok && customer != NULL)
    {
      g_autoptr(RptTimelineEntry) entry = rpt_timeline_entry_new (RPT_ENTRY_QUESTIONNAIRE);
      g_autofree char *summary = g_strdup_printf (_("Answered “%s”"), rpt_questionnaire_get_title (q, row.language));
      g_autofree char *link = g_strdup_printf ("response:%" G_GINT64_FORMAT, response_id);

      g_object_set (entry, "customer-id", row.customer_id, "summary", summary, "item", link, NULL);
      ok = _rpt_customer_store_insert_entry (self, entry, error);
      if (ok && apply_preferences (q, answers, customer, changes))
        {
          g_autoptr(RptTimelineEntry) note = rpt_timeline_entry_new (RPT_ENTRY_NOTE);
          g_autofree char *text = g_strdup_printf (_("Preferences updated from “%s”: %s"),
                                                   rpt_questionnaire_get_title (q, row.language), changes->str);

          g_object_set (note, "customer-id", row.customer_id, "summary", text, NULL);
          ok = _rpt_customer_store_write (self, customer, error)
               && _rpt_customer_store_insert_entry (self, note, error);
        }
    }
  response_row_clear (&row);
  if (!fail (db, ok && rpt_database_commit (db, error)))
    return FALSE;
  if (customer != NULL)
    {
      _rpt_customer_store_emit (self, STORE_TIMELINE_CHANGED, rpt_customer_get_id (customer));
      _rpt_customer_store_emit (self, STORE_CUSTOMER_CHANGED, rpt_customer_get_id (customer));
    }
  return TRUE;
}

static gboolean
insert_response (RptDatabase            *db,
                 RptQuestionnaire       *q,
                 const RptResponseData  *data,
                 const char             *now,
                 GError                **error)
{
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "INSERT INTO responses (questionnaire_id, customer_id, industry, size_band, language, started, completed)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  sqlite3_stmt *answer;
  g_autoptr(GHashTable) scores = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 id;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, q->id);
  if (data->customer_id != 0)
    sqlite3_bind_int64 (stmt, 2, data->customer_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, data->industry ? data->industry : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, data->size_band);
  sqlite3_bind_text (stmt, 5, data->language ? data->language : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!rpt_database_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (rpt_database_get_handle (db));
  answer = rpt_database_prepare (db, "INSERT INTO answers (response_id, question, value) VALUES (?, ?, ?)", error);
  if (answer == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, data->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RptQuestion *question = rpt_questionnaire_find_question (q, key);

      if (question == NULL)
        {
          g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                       _("The questionnaire (version %d) has no question “%s”."), q->version, (const char *) key);
          return FALSE;
        }
      if (!rpt_question_check_answer (question, value, data->language, error))
        return FALSE;
      sqlite3_bind_int64 (answer, 1, id);
      sqlite3_bind_text (answer, 2, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (answer, 3, value, -1, SQLITE_TRANSIENT);
      if (!rpt_database_step_done (db, answer, error))
        return FALSE;
    }
  scores = rpt_scoring_scores (q, data->answers);
  return write_scores (db, id, scores, error);
}

gboolean
rpt_customer_store_add_responses (RptCustomerStore       *self,
                                  RptQuestionnaire       *questionnaire,
                                  const RptResponseData  *responses,
                                  guint                   n_responses,
                                  GError                **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autofree char *now = _rpt_now_utc ();
  gboolean ok = TRUE;

  if (!rpt_database_begin (db, error))
    return FALSE;
  for (guint i = 0; ok && i < n_responses; i++)
    ok = insert_response (db, questionnaire, &responses[i], now, error);
  return fail (db, ok && rpt_database_commit (db, error));
}

/* Benchmarks ----------------------------------------------------------- */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
array_unref0 (gpointer array)
{
  g_array_unref (array);
}

/* The scores of every dimension in a cohort: dimension → sorted GArray
 * of double. One read of the cohort's members and their scores. */
static GHashTable *
cohort_scores (RptDatabase   *db,
               gint64         questionnaire_id,
               RptCohortLevel level,
               const char    *industry,
               int            size_band,
               GError       **error)
{
  static const char *const sql[] = {
    NULL,
    "SELECT s.dimension, s.score FROM responses r JOIN response_scores s ON s.response_id = r.id"
    " WHERE r.questionnaire_id = ?1 AND r.industry = ?2 AND r.size_band = ?3 AND r.completed IS NOT NULL",
    "SELECT s.dimension, s.score FROM responses r JOIN response_scores s ON s.response_id = r.id"
    " WHERE r.questionnaire_id = ?1 AND r.industry = ?2 AND r.completed IS NOT NULL",
    "SELECT s.dimension, s.score FROM responses r JOIN response_scores s ON s.response_id = r.id"
    " WHERE r.questionnaire_id = ?1 AND r.completed IS NOT NULL",
  };
  sqlite3_stmt *stmt = rpt_database_prepare (db, sql[level], error);
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, array_unref0);
  GHashTableIter iter;
  gpointer values;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, questionnaire_id);
  if (level == RPT_COHORT_INDUSTRY_SIZE || level == RPT_COHORT_INDUSTRY)
    sqlite3_bind_text (stmt, 2, industry, -1, SQLITE_TRANSIENT);
  if (level == RPT_COHORT_INDUSTRY_SIZE)
    sqlite3_bind_int (stmt, 3, size_band);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *dimension = (const char *) sqlite3_column_text (stmt, 0);
      double score = sqlite3_column_double (stmt, 1);
      GArray *array = g_hash_table_lookup (scores, dimension);

      if (array == NULL)
        {
          array = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (scores, g_strdup (dimension), array);
        }
      g_array_append_val (array, score);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rpt_database_set_error (db, rc, error);
      return NULL;
    }
  g_hash_table_iter_init (&iter, scores);
  while (g_hash_table_iter_next (&iter, NULL, &values))
    qsort (((GArray *) values)->data, ((GArray *) values)->len, sizeof (double), compare_doubles);
  return g_steal_pointer (&scores);
}

static guint
cohort_count (RptDatabase   *db,
              gint64         questionnaire_id,
              RptCohortLevel level,
              const char    *industry,
              int            size_band)
{
  static const char *const sql[] = {
    NULL,
    "SELECT count (*) FROM responses WHERE questionnaire_id = ?1 AND industry = ?2 AND size_band = ?3"
    " AND completed IS NOT NULL",
    "SELECT count (*) FROM responses WHERE questionnaire_id = ?1 AND industry = ?2 AND completed IS NOT NULL",
    "SELECT count (*) FROM responses WHERE questionnaire_id = ?1 AND completed IS NOT NULL",
  };
  sqlite3_stmt *stmt = rpt_database_prepare (db, sql[level], NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, questionnaire_id);
  if (level == RPT_COHORT_INDUSTRY_SIZE || level == RPT_COHORT_INDUSTRY)
    sqlite3_bind_text (stmt, 2, industry, -1, SQLITE_TRANSIENT);
  if (level == RPT_COHORT_INDUSTRY_SIZE)
    sqlite3_bind_int (stmt, 3, size_band);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
dimension_result_free (gpointer data)
{
  RptDimensionResult *result = data;

  g_free (result->dimension);
  g_free (result);
}

RptBenchmark *
rpt_benchmark_ref (RptBenchmark *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
rpt_benchmark_unref (RptBenchmark *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_clear_pointer (&self->questionnaire, rpt_questionnaire_unref);
  g_free (self->language);
  g_free (self->industry);
  g_clear_pointer (&self->dimensions, g_ptr_array_unref);
  g_strfreev (self->strengths);
  g_strfreev (self->weaknesses);
  g_strfreev (self->offerings);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  g_free (self);
}

RptDimensionResult *
rpt_benchmark_find (RptBenchmark *self,
                    const char   *dimension)
{
  for (guint i = 0; i < self->dimensions->len; i++)
    {
      RptDimensionResult *result = self->dimensions->pdata[i];

      if (g_str_equal (result->dimension, dimension))
        return result;
    }
  return NULL;
}

/* Best first by percentile (by score without a cohort), then by order. */
static int
compare_results (gconstpointer a,
                 gconstpointer b)
{
  const RptDimensionResult *x = *(RptDimensionResult **) a, *y = *(RptDimensionResult **) b;
  double vx = x->percentile >= 0 ? x->percentile : x->score;
  double vy = y->percentile >= 0 ? y->percentile : y->score;

  return (vy > vx) - (vy < vx);
}

static void
rank_dimensions (RptBenchmark *self)
{
  g_autoptr(GPtrArray) ranked = g_ptr_array_new ();
  g_autoptr(GPtrArray) offerings = g_ptr_array_new ();
  guint n, take;

  for (guint i = 0; i < self->dimensions->len; i++)
    if (*((RptDimensionResult *) self->dimensions->pdata[i])->dimension != '\0')
      g_ptr_array_add (ranked, self->dimensions->pdata[i]);
  g_ptr_array_sort (ranked, compare_results);
  n = ranked->len;
  /* three each, never the same dimension both strong and weak */
  take = MIN (3, n / 2);
  self->strengths = g_new0 (char *, take + 1);
  self->weaknesses = g_new0 (char *, take + 1);
  for (guint i = 0; i < take; i++)
    {
      RptDimensionResult *weak = ranked->pdata[n - 1 - i];
      RptDimension *dimension = rpt_questionnaire_find_dimension (self->questionnaire, weak->dimension);

      self->strengths[i] = g_strdup (((RptDimensionResult *) ranked->pdata[i])->dimension);
      self->weaknesses[i] = g_strdup (weak->dimension);
      /* an offering fits where the respondent is weak: below the peers' median, or below half */
      if (dimension != NULL && dimension->offering != NULL && g_hash_table_size (dimension->offering) > 0
          && (weak->percentile >= 0 ? weak->percentile < 50 : weak->score < 50))
        g_ptr_array_add (offerings, g_strdup (weak->dimension));
    }
  g_ptr_array_add (offerings, NULL);
  self->offerings = (char **) g_ptr_array_steal (offerings, NULL);
}

RptBenchmark *
rpt_customer_store_benchmark (RptCustomerStore  *self,
                              gint64             response_id,
                              GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autoptr(RptBenchmark) result = g_new0 (RptBenchmark, 1);
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GHashTable) scores = NULL;
  g_autoptr(GHashTable) peers = NULL;
  ResponseRow row;
  GPtrArray *dimensions;
  gboolean ok = TRUE;

  g_atomic_ref_count_init (&result->ref);
  if (!rpt_database_begin_read (db, error))
    return NULL;
  if (!read_response (db, response_id, &row, error))
    {
      rpt_database_end_read (db);
      return NULL;
    }
  result->response_id = response_id;
  result->customer_id = row.customer_id;
  result->language = g_steal_pointer (&row.language);
  result->industry = g_strdup ("");
  result->questionnaire = rpt_customer_store_load_questionnaire (self, row.questionnaire_id, error);
  if (result->questionnaire == NULL || (answers = rpt_customer_store_load_answers (self, response_id, error)) == NULL)
    ok = FALSE;
  else if (!rpt_questionnaire_is_scored (result->questionnaire))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("“%s” has no scored questions: there is nothing to compare with peers."),
                   rpt_questionnaire_get_title (result->questionnaire, result->language));
      ok = FALSE;
    }
  if (!ok)
    {
      response_row_clear (&row);
      rpt_database_end_read (db);
      return NULL;
    }
  scores = rpt_scoring_scores (result->questionnaire, answers);
  result->flags = rpt_scoring_consistency (result->questionnaire, answers);
  rpt_scoring_qualify (result->questionnaire, answers, &result->qualification);

  /* the narrowest cohort of at least RPT_MIN_COHORT, only once the
   * response itself is among those counted */
  for (RptCohortLevel level = RPT_COHORT_INDUSTRY_SIZE; row.completed && level <= RPT_COHORT_ALL; level++)
    {
      guint n;

      if (level != RPT_COHORT_ALL && *row.industry == '\0')
        continue;
      if (level == RPT_COHORT_INDUSTRY_SIZE && row.size_band == 0)
        continue;
      n = cohort_count (db, row.questionnaire_id, level, row.industry, row.size_band);
      if (n >= RPT_MIN_COHORT)
        {
          result->cohort = level;
          result->cohort_size = n;
          g_free (result->industry);
          result->industry = g_strdup (level == RPT_COHORT_ALL ? "" : row.industry);
          result->size_band = level == RPT_COHORT_INDUSTRY_SIZE ? row.size_band : 0;
          break;
        }
    }

  result->dimensions = g_ptr_array_new_with_free_func (dimension_result_free);
  dimensions = rpt_questionnaire_get_dimensions (result->questionnaire);
  if (result->cohort != RPT_COHORT_NONE
      && (peers = cohort_scores (db, row.questionnaire_id, result->cohort, row.industry, row.size_band,
                                 error)) == NULL)
    ok = FALSE;
  for (guint i = 0; ok && i <= dimensions->len; i++)
    {
      const char *key = i < dimensions->len ? ((RptDimension *) dimensions->pdata[i])->key : "";
      double *score = g_hash_table_lookup (scores, key);
      GArray *values = peers ? g_hash_table_lookup (peers, key) : NULL;
      RptDimensionResult *dr;

      if (score == NULL)
        continue;
      dr = g_new0 (RptDimensionResult, 1);
      dr->dimension = g_strdup (key);
      dr->score = *score;
      dr->percentile = dr->q1 = dr->median = dr->q3 = -1;
      g_ptr_array_add (result->dimensions, dr);
      /* a dimension fewer peers answered than a cohort needs shows no comparison */
      if (values != NULL && values->len >= RPT_MIN_COHORT)
        {
          dr->percentile = rpt_percentile_rank (dr->score, (double *) values->data, values->len);
          rpt_quartiles ((double *) values->data, values->len, &dr->q1, &dr->median, &dr->q3);
        }
    }
  response_row_clear (&row);
  rpt_database_end_read (db);
  if (!ok)
    return NULL;
  rank_dimensions (result);
  return g_steal_pointer (&result);
}

static const char *
cohort_level_name (RptCohortLevel level)
{
  static const char *const names[] = { "none", "industry-size", "industry", "all" };

  return names[level];
}

/* Figures out of 100 are given whole: that is how they are read, and no
 * reader is misled by a binary fraction's last digits. */
JsonNode *
rpt_benchmark_to_json (RptBenchmark *self,
                       const char   *language)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  RptQuestionnaire *q = self->questionnaire;
  const char *lang = language ? language : self->language;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "response");
  json_builder_add_int_value (b, self->response_id);
  json_builder_set_member_name (b, "questionnaire");
  json_builder_add_string_value (b, rpt_questionnaire_get_key (q));
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, rpt_questionnaire_get_version (q));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, rpt_questionnaire_get_title (q, lang));
  json_builder_set_member_name (b, "cohort");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "level");
  json_builder_add_string_value (b, cohort_level_name (self->cohort));
  json_builder_set_member_name (b, "industry");
  json_builder_add_string_value (b, self->industry);
  json_builder_set_member_name (b, "size_band");
  json_builder_add_string_value (b, self->size_band ? rpt_size_band_to_string (self->size_band) : "");
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, self->cohort_size);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "dimensions");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->dimensions->len; i++)
    {
      RptDimensionResult *dr = self->dimensions->pdata[i];
      RptDimension *dimension = rpt_questionnaire_find_dimension (q, dr->dimension);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, *dr->dimension ? dr->dimension : "overall");
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, dimension ? rpt_text_get (dimension->title, lang, q->default_language)
                                                  : _("Overall"));
      json_builder_set_member_name (b, "score");
      json_builder_add_int_value (b, (gint64) round (dr->score));
      if (dr->percentile >= 0)
        {
          json_builder_set_member_name (b, "percentile");
          json_builder_add_int_value (b, (gint64) round (dr->percentile));
          json_builder_set_member_name (b, "median");
          json_builder_add_int_value (b, (gint64) round (dr->median));
          json_builder_set_member_name (b, "q1");
          json_builder_add_int_value (b, (gint64) round (dr->q1));
          json_builder_set_member_name (b, "q3");
          json_builder_add_int_value (b, (gint64) round (dr->q3));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "strengths");
  json_builder_begin_array (b);
  for (guint i = 0; self->strengths[i] != NULL; i++)
    json_builder_add_string_value (b, self->strengths[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "weaknesses");
  json_builder_begin_array (b);
  for (guint i = 0; self->weaknesses[i] != NULL; i++)
    json_builder_add_string_value (b, self->weaknesses[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->flags->len; i++)
    {
      RptConsistencyFlag *flag = self->flags->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "self");
      json_builder_add_string_value (b, flag->self);
      json_builder_set_member_name (b, "measures");
      json_builder_begin_array (b);
      for (guint j = 0; flag->measures[j] != NULL; j++)
        json_builder_add_string_value (b, flag->measures[j]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "self_score");
      json_builder_add_int_value (b, (gint64) round (flag->self_score));
      json_builder_set_member_name (b, "measured_score");
      json_builder_add_int_value (b, (gint64) round (flag->measured_score));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "qualification");
  json_builder_begin_object (b);
  for (guint k = RPT_QUALIFY_BUDGET; k < RPT_N_QUALIFY; k++)
    if (self->qualification.answered[k])
      {
        json_builder_set_member_name (b, rpt_qualification_to_string (k));
        json_builder_add_int_value (b, (gint64) round (self->qualification.component[k]));
      }
  if (self->qualification.score >= 0)
    {
      json_builder_set_member_name (b, "score");
      json_builder_add_int_value (b, (gint64) round (self->qualification.score));
    }
  json_builder_set_member_name (b, "not_likely_to_buy");
  json_builder_add_boolean_value (b, self->qualification.unlikely);
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint k = RPT_QUALIFY_BUDGET; k < RPT_N_QUALIFY; k++)
    if (self->qualification.reasons & (1u << k))
      json_builder_add_string_value (b, rpt_qualification_to_string (k));
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "offerings");
  json_builder_begin_array (b);
  for (guint i = 0; self->offerings[i] != NULL; i++)
    {
      RptDimension *dimension = rpt_questionnaire_find_dimension (q, self->offerings[i]);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "dimension");
      json_builder_add_string_value (b, self->offerings[i]);
      json_builder_set_member_name (b, "offering");
      json_builder_add_string_value (b, rpt_text_get (dimension->offering, lang, q->default_language));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
cohort_stats_free (gpointer data)
{
  RptCohortStats *stats = data;

  g_free (stats->industry);
  g_free (stats->dimension);
  g_free (stats);
}

static void
flush_cohort (GPtrArray   *out,
              GArray      *values,
              const char  *industry,
              int          size_band,
              const char  *dimension)
{
  RptCohortStats *stats;

  if (values->len >= RPT_MIN_COHORT)
    {
      stats = g_new0 (RptCohortStats, 1);
      stats->industry = g_strdup (industry);
      stats->size_band = size_band;
      stats->dimension = g_strdup (dimension);
      stats->n = values->len;
      /* read in order of score within the cohort: already sorted */
      rpt_quartiles ((double *) values->data, values->len, &stats->q1, &stats->median, &stats->q3);
      g_ptr_array_add (out, stats);
    }
  g_array_set_size (values, 0);
}

GPtrArray *
rpt_customer_store_overall_distributions (RptCustomerStore  *self,
                                          RptQuestionnaire  *questionnaire,
                                          GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  g_autoptr(GHashTable) scores = NULL;
  GPtrArray *out;
  GPtrArray *dimensions = rpt_questionnaire_get_dimensions (questionnaire);

  if (!rpt_database_begin_read (db, error))
    return NULL;
  scores = cohort_scores (db, questionnaire->id, RPT_COHORT_ALL, NULL, 0, error);
  rpt_database_end_read (db);
  if (scores == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func (cohort_stats_free);
  for (guint i = 0; i <= dimensions->len; i++)
    {
      const char *key = i < dimensions->len ? ((RptDimension *) dimensions->pdata[i])->key : "";
      GArray *values = g_hash_table_lookup (scores, key);

      if (values != NULL)
        flush_cohort (out, values, "", 0, key);
    }
  return out;
}

/* One pass over every completed response's scores, in cohort order. */
GPtrArray *
rpt_customer_store_cohort_distributions (RptCustomerStore  *self,
                                         gint64             questionnaire_id,
                                         GError           **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self);
  sqlite3_stmt *stmt = rpt_database_prepare (db,
    "SELECT r.industry, r.size_band, s.dimension, s.score FROM responses r"
    " JOIN response_scores s ON s.response_id = r.id"
    " WHERE r.questionnaire_id = ? AND r.completed IS NOT NULL"
    " ORDER BY r.industry, r.size_band, s.dimension, s.score", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (cohort_stats_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *industry = NULL;
  g_autofree char *dimension = NULL;
  int size_band = -1, rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, questionnaire_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *i = (const char *) sqlite3_column_text (stmt, 0);
      int band = sqlite3_column_int (stmt, 1);
      const char *d = (const char *) sqlite3_column_text (stmt, 2);
      double score = sqlite3_column_double (stmt, 3);

      if (industry == NULL || band != size_band || strcmp (i, industry) != 0 || strcmp (d, dimension) != 0)
        {
          if (industry != NULL)
            flush_cohort (out, values, industry, size_band, dimension);
          g_free (industry);
          g_free (dimension);
          industry = g_strdup (i);
          dimension = g_strdup (d);
          size_band = band;
        }
      g_array_append_val (values, score);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rpt_database_set_error (db, rc, error);
      return NULL;
    }
  if (industry != NULL)
    flush_cohort (out, values, industry, size_band, dimension);
  return g_steal_pointer (&out);
}
