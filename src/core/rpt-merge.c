/* rpt-merge.c — mail merge: a template, many customers, one run
 *
 * A run reads the database through its own read-only connection, so it
 * can work in a thread while the window goes on using the main one; only
 * rpt_merge_record() writes, from the store's own thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-merge"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rpt-catalog.h"
#include "rpt-customer-private.h"
#include "rpt-database.h"
#include "rpt-error.h"
#include "rpt-fields.h"
#include "rpt-format.h"
#include "rpt-labels.h"
#include "rpt-letter-store.h"
#include "rpt-merge-private.h"
#include "rpt-questionnaire-store.h"
#include "rpt-names.h"
#include "rpt-pdf-file.h"
#include "rpt-pdf-join.h"
#include "rpt-template.h"
#include "rpt-timeline-entry-private.h"

typedef struct
{
  gint64      customer_id;
  const char *language;    /* interned */
  guint       first_page;
  guint       n_pages;
  char       *path;        /* the PDF it was written to */
} Letter;


struct _RptMerge
{
  RptCustomerStore  *store;
  char              *db_path;
  RptCustomerStore  *reader;
  GThread           *reader_thread;
  RptLetterTemplate *letter;
  RptLetterSetup    *setup;
  char              *currency;
  char              *today;
  GHashTable        *templates;   /* language → RptTemplate */
  GHashTable        *partials;    /* language → RptPartials */
  GHashTable        *globals;     /* language → JsonNode: what all letters share */
  GHashTable        *sources;     /* language → (name → block source) */
  GHashTable        *wanted;      /* language → names the letters use, or NULL */
  char              *home;        /* the business's country */
  RptBenchmark      *benchmark;   /* a report's figures, or NULL */
  JsonNode          *run_fields;  /* what every letter of the run has besides its customer's, for the check */
  GArray            *letters;     /* of Letter */
  GPtrArray         *skipped;     /* of RptSkipped */
  guint              n_pages;
  PangoContext      *context;
  guint              threads;
  RptLetterLayout   *current;     /* the letter being printed */
  guint              current_index;
};

/* The run ------------------------------------------------------------- */

static void
skipped_free (gpointer data)
{
  RptSkipped *skipped = data;

  g_free (skipped->name);
  g_free (skipped->detail);
  g_free (skipped);
}

static void
hash_table_unref0 (gpointer table)
{
  if (table != NULL)
    g_hash_table_unref (table);
}

static void
letter_clear (gpointer data)
{
  Letter *letter = data;

  g_free (letter->path);
}

RptMerge *
rpt_merge_new (RptCustomerStore   *store,
               RptLetterTemplate  *letter,
               GError            **error)
{
  g_autoptr(RptMerge) self = g_new0 (RptMerge, 1);
  g_autofree char *sender = rpt_merge_sender (store, " · ");

  self->store = g_object_ref (store);
  self->db_path = g_strdup (rpt_database_get_path (rpt_customer_store_get_database (store)));
  self->letter = rpt_letter_template_copy (letter);
  self->setup = rpt_letter_template_make_setup (letter, sender, error);
  if (self->setup == NULL)
    return NULL;
  self->currency = rpt_customer_store_dup_currency (store);
  self->today = _rpt_merge_today_iso ();
  self->templates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) rpt_template_unref);
  self->partials = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) rpt_partials_unref);
  self->globals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) json_node_unref);
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  self->wanted = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) hash_table_unref0);
  self->letters = g_array_new (FALSE, TRUE, sizeof (Letter));
  g_array_set_clear_func (self->letters, letter_clear);
  self->skipped = g_ptr_array_new_with_free_func (skipped_free);
  self->threads = CLAMP (g_get_num_processors (), 1, 8);
  return g_steal_pointer (&self);
}

void
rpt_merge_free (RptMerge *self)
{
  g_clear_pointer (&self->current, rpt_letter_layout_free);
  g_clear_object (&self->context);
  g_clear_object (&self->reader);
  g_clear_object (&self->store);
  g_clear_object (&self->letter);
  g_clear_pointer (&self->setup, rpt_letter_setup_unref);
  g_clear_pointer (&self->templates, g_hash_table_unref);
  g_clear_pointer (&self->partials, g_hash_table_unref);
  g_clear_pointer (&self->globals, g_hash_table_unref);
  g_clear_pointer (&self->benchmark, rpt_benchmark_unref);
  g_clear_pointer (&self->run_fields, json_node_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_free (self->home);
  g_clear_pointer (&self->letters, g_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_free (self->db_path);
  g_free (self->currency);
  g_free (self->today);
  g_free (self);
}

/* The run's own read-only connection, for the thread it runs in. */
static RptCustomerStore *
reader (RptMerge  *self,
        GError   **error)
{
  if (self->reader != NULL && self->reader_thread == g_thread_self ())
    return self->reader;
  g_clear_object (&self->reader);
  {
    /* each customer is read once or twice: a small page cache will do */
    g_autoptr(RptDatabase) db = rpt_database_open (self->db_path,
                                                   RPT_DATABASE_READ_ONLY | RPT_DATABASE_NO_BACKUP
                                                   | RPT_DATABASE_SCAN, error);
    if (db == NULL)
      return NULL;
    self->reader = rpt_customer_store_new (db);
    self->reader_thread = g_thread_self ();
  }
  return self->reader;
}

typedef struct
{
  GHashTable *blocks;   /* name → source */
} BlockSet;

static char *
lookup_block (const char *name,
              gpointer    user_data)
{
  BlockSet *set = user_data;

  return g_strdup (g_hash_table_lookup (set->blocks, name));
}

static void
block_set_free (gpointer data)
{
  BlockSet *set = data;

  g_hash_table_unref (set->blocks);
  g_free (set);
}

/* The blocks a letter in LANGUAGE can include, read once: rendering may
 * then happen in any thread. */
static RptPartials *
partials_for (RptMerge    *self,
              RptCustomerStore *store,
              const char  *language)
{
  RptPartials *partials = g_hash_table_lookup (self->partials, language);

  if (partials == NULL)
    {
      BlockSet *set = g_new0 (BlockSet, 1);
      g_autoptr(GPtrArray) list = rpt_customer_store_list_letter_templates (store, NULL);
      const char *builtin[] = { "closing", "footer" };

      set->blocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
        g_hash_table_insert (set->blocks, g_strdup (builtin[i]), rpt_letter_builtin_partial (builtin[i], language));
      for (guint i = 0; list != NULL && i < list->len; i++)
        if (rpt_letter_template_get_block (list->pdata[i]))
          {
            const char *name = rpt_letter_template_get_name (list->pdata[i]);

            g_hash_table_insert (set->blocks, g_strdup (name),
                                 rpt_customer_store_lookup_block (store, name, language));
          }
      g_hash_table_insert (self->sources, (gpointer) g_intern_string (language), g_hash_table_ref (set->blocks));
      partials = rpt_partials_new (lookup_block, set, block_set_free);
      g_hash_table_insert (self->partials, (gpointer) g_intern_string (language), partials);
    }
  return partials;
}

/* Today and the business in LANGUAGE, made once: every letter renders
 * with them under its customer's own context. */
static JsonNode *
globals_for (RptMerge         *self,
             RptCustomerStore *store,
             const char       *language)
{
  JsonNode *globals = g_hash_table_lookup (self->globals, language);

  if (globals == NULL)
    {
      RptDatabase *db = rpt_customer_store_get_database (store);

      if (self->home == NULL)
        self->home = rpt_database_get_setting (db, "business_country");
      globals = _rpt_merge_build_globals (db, language, self->currency, self->today);
      if (self->benchmark != NULL)
        {
          /* a report: its figures beside today and the business */
          JsonObject *all = json_object_new ();
          JsonObject *shared = json_node_get_object (globals);
          g_autoptr(GList) members = json_object_get_members (shared);

          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (all, l->data, json_node_copy (json_object_get_member (shared, l->data)));
          json_object_set_member (all, "benchmark", _rpt_merge_benchmark_context (self->benchmark, language));
          json_node_unref (globals);
          globals = json_node_init_object (json_node_alloc (), all);
          json_object_unref (all);
        }
      g_hash_table_insert (self->globals, (gpointer) g_intern_string (language), globals);
    }
  return globals;
}

static RptTemplate *template_for (RptMerge    *self,
                                  const char  *language,
                                  GError     **error);

/* The names letters in LANGUAGE use, or NULL for any: their contexts are
 * made of those only. The template and blocks must be ready. */
static GHashTable *
wanted_for (RptMerge         *self,
            RptCustomerStore *store,
            const char       *language)
{
  GHashTable *wanted;

  if (!g_hash_table_lookup_extended (self->wanted, language, NULL, (gpointer *) &wanted))
    {
      RptTemplate *body = template_for (self, language, NULL);

      partials_for (self, store, language);
      wanted = body ? _rpt_merge_names_used (body, g_hash_table_lookup (self->sources, language)) : NULL;
      g_hash_table_insert (self->wanted, (gpointer) g_intern_string (language), wanted);
    }
  return wanted;
}

static RptTemplate *
template_for (RptMerge    *self,
              const char  *language,
              GError     **error)
{
  RptTemplate *t = g_hash_table_lookup (self->templates, language);

  if (t == NULL)
    {
      t = rpt_template_new (rpt_letter_template_get_body (self->letter, language), error);
      if (t == NULL)
        return NULL;
      g_hash_table_insert (self->templates, (gpointer) g_intern_string (language), t);
    }
  return t;
}

static void
skip (GPtrArray     *skipped_list,
      gint64         customer_id,
      RptCustomer   *customer,
      RptSkipReason  reason,
      const char    *detail)
{
  RptSkipped *skipped = g_new0 (RptSkipped, 1);

  skipped->customer_id = customer_id;
  skipped->name = g_strdup (customer ? rpt_customer_get_display_name (customer) : "");
  skipped->reason = reason;
  skipped->detail = g_strdup (detail);
  g_ptr_array_add (skipped_list, skipped);
}

static const char *
channel_name (int channel)
{
  switch (channel)
    {
    case RPT_CHANNEL_EMAIL:
      return _("prefers e-mail");
    case RPT_CHANNEL_PHONE:
      return _("prefers a call");
    case RPT_CHANNEL_VISIT:
      return _("prefers a visit");
    default:
      return _("wants no contact");
    }
}

/* A value a required field must have: present, not empty, not false. */
static gboolean
has_value (JsonNode   *context,
           const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = context;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      JsonObject *object;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      object = json_node_get_object (node);
      node = json_object_has_member (object, parts[i]) ? json_object_get_member (object, parts[i]) : NULL;
    }
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        {
          for (const char *p = json_node_get_string (node); *p; p = g_utf8_next_char (p))
            if (!g_unichar_isspace (g_utf8_get_char (p)))
              return TRUE;
          return FALSE;
        }
      if (type == G_TYPE_BOOLEAN)
        return json_node_get_boolean (node);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;
  return TRUE;
}

static gboolean
requires_only_facts (char **required)
{
  static const char *const facts[] = { "lifetime_spend", "purchases", "last_purchase", "open_complaints",
                                       "complaint", NULL };

  for (guint i = 0; required[i] != NULL; i++)
    {
      g_autofree char *root = g_strdup (required[i]);

      if (strchr (root, '.'))
        *strchr (root, '.') = '\0';
      if (*root != '\0' && !g_strv_contains (facts, root))
        return FALSE;
    }
  return TRUE;
}

/* Whether CUSTOMER gets a letter, and in which language. */
static gboolean
check_one (RptMerge          *self,
           RptCustomerStore  *store,
           GPtrArray         *skipped,
           gint64             id,
           const char       **language,
           GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) required = g_strsplit_set (rpt_letter_template_get_required (self->letter), ", ", -1);
  gboolean facts_only = requires_only_facts (required);
  /* the card's own row tells all but its phones, e-mails and tags */
  g_autoptr(RptCustomer) customer = facts_only ? rpt_customer_store_load_summary (store, id, &local_error)
                                               : rpt_customer_store_load (store, id, &local_error);
  g_autoptr(JsonNode) context = NULL;
  g_autofree char *address = NULL;
  const char *lang;

  if (customer == NULL)
    {
      if (!g_error_matches (local_error, RPT_ERROR, RPT_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      skip (skipped, id, NULL, RPT_SKIP_NOT_FOUND, _("no longer in the database"));
      return TRUE;
    }
  if (customer->archived)
    {
      skip (skipped, id, customer, RPT_SKIP_ARCHIVED, _("archived"));
      return TRUE;
    }
  if (customer->do_not_contact)
    {
      skip (skipped, id, customer, RPT_SKIP_DO_NOT_CONTACT, _("asked not to be contacted"));
      return TRUE;
    }
  if (customer->channel != RPT_CHANNEL_ANY && customer->channel != RPT_CHANNEL_LETTER)
    {
      skip (skipped, id, customer, RPT_SKIP_OTHER_CHANNEL, channel_name (customer->channel));
      return TRUE;
    }
  address = rpt_customer_dup_address (customer, NULL);
  if (*address == '\0' || customer->street == NULL || *g_strstrip (customer->street) == '\0'
      || ((customer->locality == NULL || *customer->locality == '\0')
          && (customer->postal_code == NULL || *customer->postal_code == '\0')))
    {
      skip (skipped, id, customer, RPT_SKIP_NO_ADDRESS, _("no postal address"));
      return TRUE;
    }
  lang = rpt_letter_template_pick_language (self->letter, customer->language);
  if (lang == NULL)
    {
      skip (skipped, id, customer, RPT_SKIP_NO_TEXT, _("the template has no text"));
      return TRUE;
    }
  if (required[0] != NULL)
    {
      context = _rpt_merge_build_context (store, customer, lang, self->currency, self->today,
                                          facts_only ? RPT_CONTEXT_FACTS_ONLY : RPT_CONTEXT_FULL, NULL, error);
      if (context == NULL)
        return FALSE;
    }
  for (guint i = 0; required[i] != NULL; i++)
    if (*required[i] != '\0' && !has_value (context, required[i])
        && !(self->run_fields != NULL && has_value (self->run_fields, required[i])))
      {
        g_autofree char *detail = g_strdup_printf (_("has no “%s”"), required[i]);

        skip (skipped, id, customer, RPT_SKIP_MISSING_FIELD, detail);
        return TRUE;
      }
  *language = g_intern_string (lang);
  return TRUE;
}

/* Sorts CUSTOMER_IDS into letters and skipped recipients, with the reason
 * for each; may run in a thread. */
/* Checks the recipients FIRST … LAST - 1 of IDS into LETTERS and SKIPPED,
 * counting them in DONE (atomically: another thread reports progress). */
static gboolean
check_range (RptMerge          *self,
             RptCustomerStore  *store,
             GArray            *ids,
             guint              first,
             guint              last,
             GArray            *letters,
             GPtrArray         *skipped,
             GCancellable      *cancellable,
             gint              *done,
             GError           **error)
{
  for (guint i = first; i < last; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const char *language = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !check_one (self, store, skipped, id, &language, error))
        return FALSE;
      if (language != NULL)
        {
          Letter letter = { id, language };

          g_array_append_val (letters, letter);
        }
      g_atomic_int_inc (done);
    }
  return TRUE;
}

typedef struct
{
  RptMerge     *self;
  GArray       *ids;
  guint         first;
  guint         last;
  GArray       *letters;
  GPtrArray    *skipped;
  GCancellable *cancellable;
  gint         *done;
  GError       *error;
} CheckPart;

static gpointer
check_thread (gpointer data)
{
  CheckPart *part = data;
  g_autoptr(RptDatabase) db = rpt_database_open (part->self->db_path, RPT_DATABASE_READ_ONLY
                                                 | RPT_DATABASE_NO_BACKUP | RPT_DATABASE_SCAN,
                                                 &part->error);
  g_autoptr(RptCustomerStore) store = db ? rpt_customer_store_new (db) : NULL;

  if (db != NULL && rpt_database_begin_read (db, &part->error))
    {
      check_range (part->self, store, part->ids, part->first, part->last, part->letters, part->skipped,
                   part->cancellable, part->done, &part->error);
      rpt_database_end_read (db);
    }
  return NULL;
}

/* Many recipients are checked by several threads, each a range, the
 * results put together in the recipients' order. */
static gboolean
check_all (RptMerge          *self,
           RptCustomerStore  *store,
           GArray            *customer_ids,
           GCancellable      *cancellable,
           RptMergeProgress   progress,
           gpointer           user_data,
           GError           **error)
{
  guint n_parts = customer_ids->len >= 256 ? MAX (self->threads, 1) : 1;
  g_autofree CheckPart *parts = g_new0 (CheckPart, n_parts);
  g_autofree GThread **threads = g_new0 (GThread *, n_parts);
  gint done = 0;
  gboolean ok = TRUE;

  g_array_set_size (self->letters, 0);
  g_ptr_array_set_size (self->skipped, 0);
  self->n_pages = 0;
  if (n_parts == 1)
    {
      ok = check_range (self, store, customer_ids, 0, customer_ids->len, self->letters, self->skipped,
                        cancellable, &done, error);
      if (progress != NULL)
        progress (done, customer_ids->len, user_data);
      return ok;
    }
  for (guint i = 0; i < n_parts; i++)
    {
      parts[i] = (CheckPart) { self, customer_ids, (guint) ((guint64) customer_ids->len * i / n_parts),
                               (guint) ((guint64) customer_ids->len * (i + 1) / n_parts),
                               g_array_new (FALSE, FALSE, sizeof (Letter)),
                               g_ptr_array_new_with_free_func (skipped_free), cancellable, &done, NULL };
      threads[i] = g_thread_new ("rapport-check", check_thread, &parts[i]);
    }
  for (guint i = 0; i < n_parts; i++)
    {
      /* progress while the threads work, from this thread */
      while (progress != NULL && g_atomic_int_get (&done) < (gint) parts[i].last
             && g_atomic_pointer_get (&parts[i].error) == NULL && !g_cancellable_is_cancelled (cancellable))
        {
          progress (g_atomic_int_get (&done), customer_ids->len, user_data);
          g_usleep (G_USEC_PER_SEC / 20);
        }
      g_thread_join (threads[i]);
    }
  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i].error != NULL)
        {
          if (ok)
            g_propagate_error (error, g_steal_pointer (&parts[i].error));
          g_clear_error (&parts[i].error);
          ok = FALSE;
        }
      g_array_append_vals (self->letters, parts[i].letters->data, parts[i].letters->len);
      g_array_unref (parts[i].letters);
      g_ptr_array_extend_and_steal (self->skipped, parts[i].skipped);
    }
  if (progress != NULL)
    progress (g_atomic_int_get (&done), customer_ids->len, user_data);
  return ok;
}

/* One snapshot of the database for a whole pass: every letter sees the
 * same data, and the file is locked once, not per statement. */
static RptCustomerStore *
begin_pass (RptMerge  *self,
            GError   **error)
{
  RptCustomerStore *store = reader (self, error);

  if (store == NULL || !rpt_database_begin_read (rpt_customer_store_get_database (store), error))
    return NULL;
  return store;
}

static gboolean
end_pass (RptCustomerStore *store,
          gboolean          ok)
{
  rpt_database_end_read (rpt_customer_store_get_database (store));
  return ok;
}

gboolean
rpt_merge_check (RptMerge          *self,
                 GArray            *customer_ids,
                 GCancellable      *cancellable,
                 RptMergeProgress   progress,
                 gpointer           user_data,
                 GError           **error)
{
  RptCustomerStore *store = begin_pass (self, error);

  return store && end_pass (store, check_all (self, store, customer_ids, cancellable,
                                              progress, user_data, error));
}

void
rpt_merge_set_benchmark (RptMerge     *self,
                         RptBenchmark *benchmark)
{
  g_clear_pointer (&self->benchmark, rpt_benchmark_unref);
  g_clear_pointer (&self->run_fields, json_node_unref);
  self->benchmark = benchmark ? rpt_benchmark_ref (benchmark) : NULL;
  if (benchmark != NULL)
    {
      /* a field is there or not whatever the language: the template's own will do */
      JsonObject *fields = json_object_new ();

      json_object_set_member (fields, "benchmark", _rpt_merge_benchmark_context (
        benchmark, rpt_letter_template_get_default_language (self->letter)));
      self->run_fields = json_node_init_object (json_node_alloc (), fields);
      json_object_unref (fields);
    }
  g_hash_table_remove_all (self->globals);
}

/* How many threads lay letters out and write them (1: the caller's only). */
void
rpt_merge_set_threads (RptMerge *self,
                       guint     threads)
{
  self->threads = CLAMP (threads, 1, 64);
}

guint
rpt_merge_get_n_letters (RptMerge *self)
{
  return self->letters->len;
}

/* Of RptSkipped, in the order of the recipients. */
GPtrArray *
rpt_merge_get_skipped (RptMerge *self)
{
  return self->skipped;
}

static PangoContext *
pango_context (RptMerge *self)
{
  if (self->context == NULL)
    self->context = rpt_letter_pango_context_new ();
  return self->context;
}

/* What one thread needs to lay letters out: its own connection, Pango
 * context and text buffer. */
typedef struct
{
  RptCustomerStore *store;
  PangoContext     *context;
  GString          *buffer;
  RptLetterSetup   *setup;
} Worker;

/* Letter INDEX laid out: its customer read, the template rendered in the
 * customer's language. Templates and blocks must be ready (prepare ()). */
static RptLetterLayout *
lay_out_with (RptMerge   *self,
              Worker     *worker,
              guint       index,
              GError    **error)
{
  RptCustomerStore *store = worker->store;
  GString *buffer = worker->buffer;
  Letter *letter = &g_array_index (self->letters, Letter, index);
  g_autoptr(RptCustomer) customer = rpt_customer_store_load (store, letter->customer_id, error);
  g_autoptr(JsonNode) context = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GArray) chart = NULL;
  RptMergeFormat format = { letter->language, self->currency };
  RptRenderOptions options = { RPT_TEMPLATE_STRICT, NULL, rpt_merge_formatters (), &format };
  RptLetterContent content = { 0 };
  RptTemplate *body;

  if (customer == NULL)
    return NULL;
  if ((body = template_for (self, letter->language, error)) == NULL)
    return NULL;
  context = _rpt_merge_build_context (store, customer, letter->language, self->currency, self->today,
                                      RPT_CONTEXT_NO_GLOBALS, wanted_for (self, store, letter->language), error);
  if (context == NULL)
    return NULL;
  options.partials = partials_for (self, store, letter->language);
  options.globals = globals_for (self, store, letter->language);
  g_string_truncate (buffer, 0);
  if (!rpt_template_render_to (body, context, &options, buffer, error))
    return NULL;
  address = rpt_customer_dup_address (customer, self->home);
  content.address = address;
  content.date = json_object_get_string_member (json_node_get_object (options.globals), "today");
  content.body = buffer->str;
  content.language = letter->language;
  content.catalog = rpt_catalog_get (letter->language);
  if (self->benchmark != NULL)
    {
      chart = _rpt_merge_benchmark_chart (self->benchmark, letter->language);
      content.chart = (RptChartBar *) chart->data;
      content.n_chart = chart->len;
    }
  return rpt_letter_layout_new (worker->setup, worker->context, &content, error);
}

/* The same, in the thread the run was started from. */
static RptLetterLayout *
lay_out (RptMerge          *self,
         RptCustomerStore  *store,
         guint              index,
         GString           *buffer,
         GError           **error)
{
  Worker worker = { store, pango_context (self), buffer, self->setup };

  return lay_out_with (self, &worker, index, error);
}

/* “García López, María.pdf”: the customer's name with what no file
 * system accepts replaced, unique in its folder. */
static char *
file_name_for (RptCustomer *customer,
               GHashTable  *used)
{
  g_autofree char *base = g_strdup (rpt_customer_get_display_name (customer));
  g_autofree char *valid = NULL;
  char *name;

  g_strdelimit (base, "/\\:*?\"<>|\t\r\n", '_');
  for (char *p = base; *p; p++)
    if ((guchar) *p < 0x20)
      *p = '_';
  g_strstrip (base);
  /* no hidden files, no names only Windows refuses; at most 100 characters */
  valid = g_utf8_make_valid (*base && *base != '.' ? base : "letter", -1);
  if (g_utf8_strlen (valid, -1) > 100)
    *g_utf8_offset_to_pointer (valid, 100) = '\0';
  name = g_strdup_printf ("%s.pdf", valid);
  for (guint n = 2; g_hash_table_contains (used, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%u).pdf", valid, n);
    }
  g_hash_table_add (used, name);
  return g_strdup (name);
}

/* A PDF of the run's paper. */
static gboolean
letter_pdf_open (RptMerge    *self,
                 RptPdfFile  *out,
                 const char  *path,
                 GError     **error)
{
  double width, height;

  rpt_letter_setup_get_size (self->setup, &width, &height);
  return rpt_pdf_file_open (out, path, width, height, error);
}

static gboolean
draw_letter (RptLetterLayout *layout,
             cairo_t         *cr)
{
  for (guint p = 0; p < rpt_letter_layout_get_n_pages (layout); p++)
    {
      rpt_letter_layout_draw_page (layout, cr, p);
      cairo_show_page (cr);
    }
  return cairo_status (cr) == CAIRO_STATUS_SUCCESS;
}

/* Threads --------------------------------------------------------------- */

/* A PDF that cannot be shared between threads: for one PDF, each thread
 * writes a part — a range of the letters — and the parts are joined. For
 * one PDF per recipient, each thread takes the next letter. */
typedef struct
{
  RptMerge         *self;
  GMutex            lock;
  GCond             cond;
  guint             next;       /* the next letter a thread takes */
  gint              finished;   /* letters done (atomic) */
  guint             running;    /* threads still running */
  GError           *error;
  GCancellable     *cancellable;
  const char      **paths;      /* one PDF per recipient: each letter's file */
} Run;

typedef struct
{
  Run   *run;
  guint  index;                 /* of the thread */
  guint  first;                 /* a part: letters first … last - 1 */
  guint  last;
  char  *path;                  /* the part's file */
  RptLetterSetup *setup;        /* the thread's own */
} Part;

static void
run_fail (Run    *run,
          GError *error)
{
  g_mutex_lock (&run->lock);
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

static gboolean
run_stopped (Run *run)
{
  gboolean stopped;

  g_mutex_lock (&run->lock);
  stopped = run->error != NULL || g_cancellable_is_cancelled (run->cancellable);
  g_mutex_unlock (&run->lock);
  return stopped;
}

/* Counted without waking the thread that reports progress: it looks ten
 * times a second, and a wake-up per letter would take a core from a
 * thread that writes letters. */
static void
run_done_one (Run *run)
{
  g_atomic_int_inc (&run->finished);
}

static gboolean
write_file (RptMerge         *self,
            RptLetterLayout  *layout,
            const char       *path,
            GError          **error)
{
  RptPdfFile out;
  gboolean drawn;

  if (!letter_pdf_open (self, &out, path, error))
    return FALSE;
  drawn = draw_letter (layout, out.cr);
  if (!rpt_pdf_file_close (&out, drawn, error))
    {
      if (!drawn && error != NULL && *error == NULL)
        g_set_error (error, RPT_ERROR, RPT_ERROR_DISK_FULL, _("The PDF could not be written. Is the disk full?"));
      return FALSE;
    }
  return TRUE;
}

/* The letter INDEX by a thread: laid out, then its own file written or
 * its pages added to the part's PDF (CR). */
static gboolean
work_one (Run      *run,
          Worker   *worker,
          guint     index,
          cairo_t  *cr,
          GError  **error)
{
  RptMerge *self = run->self;
  RptLetterLayout *layout = lay_out_with (self, worker, index, error);
  gboolean ok;

  if (layout == NULL)
    return FALSE;
  g_array_index (self->letters, Letter, index).n_pages = rpt_letter_layout_get_n_pages (layout);
  if (cr != NULL)
    {
      ok = draw_letter (layout, cr);
      if (!ok)
        g_set_error (error, RPT_ERROR, RPT_ERROR_DISK_FULL, _("The PDF could not be written. Is the disk full?"));
    }
  else
    ok = write_file (self, layout, run->paths[index], error);
  rpt_letter_layout_free (layout);
  return ok;
}

/* A Pango context whose fonts no other thread shares. Cairo keeps one
 * scaled font — one glyph cache behind one lock — for each face, size and
 * set of options; options that change nothing in a PDF (antialiasing)
 * but differ between threads give each thread fonts of its own. */
static PangoContext *
own_pango_context (guint index)
{
  PangoContext *context = rpt_letter_pango_context_new ();
  cairo_font_options_t *options = cairo_font_options_copy (pango_cairo_context_get_font_options (context));

  cairo_font_options_set_antialias (options, (cairo_antialias_t) (index % (CAIRO_ANTIALIAS_BEST + 1)));
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/* A thread: its own connection and Pango context; either a part of one
 * PDF (PART) or the next letters' own files. */
static gpointer
run_thread (gpointer data)
{
  Part *part = data;
  Run *run = part->run;
  RptMerge *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = rpt_database_open (self->db_path, RPT_DATABASE_READ_ONLY | RPT_DATABASE_NO_BACKUP
                                                                | RPT_DATABASE_SCAN, &error);
  g_autoptr(RptCustomerStore) store = db ? rpt_customer_store_new (db) : NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  PangoContext *context = own_pango_context (part->index);
  Worker worker = { store, context, buffer, part->setup };
  gboolean ok = db != NULL && rpt_database_begin_read (db, &error);

  if (ok && part->path != NULL)
    {
      RptPdfFile out;

      ok = letter_pdf_open (self, &out, part->path, &error);
      for (guint i = part->first; ok && i < part->last && !run_stopped (run); i++)
        {
          ok = work_one (run, &worker, i, out.cr, &error);
          run_done_one (run);
        }
      if (out.surface != NULL)
        ok = rpt_pdf_file_close (&out, ok && !run_stopped (run), ok ? &error : NULL) && ok;
    }
  else
    while (ok && !run_stopped (run))
      {
        guint index;

        g_mutex_lock (&run->lock);
        index = run->next++;
        g_mutex_unlock (&run->lock);
        if (index >= self->letters->len)
          break;
        ok = work_one (run, &worker, index, NULL, &error);
        if (ok)
          run_done_one (run);
      }
  if (error != NULL)
    run_fail (run, g_steal_pointer (&error));
  if (db != NULL)
    rpt_database_end_read (db);
  g_object_unref (context);
  g_mutex_lock (&run->lock);
  run->running--;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
  return NULL;
}

/* Templates and blocks of every language the letters are in, read and
 * compiled before the threads start: they only look them up. */
static gboolean
prepare (RptMerge          *self,
         RptCustomerStore  *store,
         GError           **error)
{
  for (guint i = 0; i < self->letters->len; i++)
    {
      const char *language = g_array_index (self->letters, Letter, i).language;

      if (template_for (self, language, error) == NULL)
        return FALSE;
      partials_for (self, store, language);
      globals_for (self, store, language);
      wanted_for (self, store, language);
    }
  return TRUE;
}

/* Starts one thread per part, reports progress from this thread until
 * they end, and gives back whether every letter was done. */
static gboolean
run_parts (RptMerge          *self,
           Part              *parts,
           guint              n_parts,
           const char       **paths,
           GCancellable      *cancellable,
           RptMergeProgress   progress,
           gpointer           user_data,
           GError           **error)
{
  g_autofree GThread **threads = g_new0 (GThread *, n_parts);
  Run run = { self };
  gboolean ok;

  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);
  run.cancellable = cancellable;
  run.paths = paths;
  run.running = n_parts;
  for (guint i = 0; i < n_parts; i++)
    {
      parts[i].run = &run;
      parts[i].index = i;
      parts[i].setup = rpt_letter_setup_copy (self->setup);
      threads[i] = g_thread_new ("rapport-merge", run_thread, &parts[i]);
    }
  g_mutex_lock (&run.lock);
  while (run.running > 0)
    {
      g_cond_wait_until (&run.cond, &run.lock, g_get_monotonic_time () + G_TIME_SPAN_SECOND / 10);
      if (progress != NULL)
        progress (g_atomic_int_get (&run.finished), self->letters->len, user_data);
    }
  g_mutex_unlock (&run.lock);
  for (guint i = 0; i < n_parts; i++)
    {
      g_thread_join (threads[i]);
      g_clear_pointer (&parts[i].setup, rpt_letter_setup_unref);
    }
  ok = run.error == NULL && (guint) run.finished == self->letters->len;
  if (run.error != NULL)
    g_propagate_error (error, run.error);
  else if (!ok && !g_cancellable_set_error_if_cancelled (cancellable, error))
    g_set_error (error, RPT_ERROR, RPT_ERROR_FAILED, _("Not every letter was written."));
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.cond);
  return ok;
}

/* One PDF from several threads: each writes a part beside PATH, then the
 * parts are joined into PATH, itself written all or nothing. */
static gboolean
write_one_pdf_threaded (RptMerge          *self,
                        RptCustomerStore  *store,
                        const char        *path,
                        GCancellable      *cancellable,
                        RptMergeProgress   progress,
                        gpointer           user_data,
                        GError           **error)
{
  guint n_parts = MIN (self->threads, self->letters->len);
  g_autofree Part *parts = g_new0 (Part, n_parts);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree const char **inputs = g_new0 (const char *, n_parts);
  gboolean ok;

  if (!prepare (self, store, error))
    return FALSE;
  for (guint i = 0; i < n_parts; i++)
    {
      g_autofree char *name = g_strdup_printf (".%s.part%u", base, i);

      parts[i].first = (guint) ((guint64) self->letters->len * i / n_parts);
      parts[i].last = (guint) ((guint64) self->letters->len * (i + 1) / n_parts);
      parts[i].path = g_build_filename (dir, name, NULL);
      inputs[i] = parts[i].path;
    }
  ok = run_parts (self, parts, n_parts, NULL, cancellable, progress, user_data, error);
  if (ok)
    {
      char *tmp = NULL;   /* freed by rpt_file_close_temporary () */
      FILE *file = rpt_file_open_temporary (path, &tmp, error);

      ok = file != NULL && rpt_pdf_join (inputs, n_parts, file, error);
      if (file != NULL)
        ok = rpt_file_close_temporary (file, tmp, path, ok, ok ? error : NULL) && ok;
    }
  for (guint i = 0; i < n_parts; i++)
    {
      g_unlink (parts[i].path);
      g_free (parts[i].path);
    }
  return ok;
}

static gboolean
write_one_pdf (RptMerge          *self,
               RptCustomerStore  *store,
               const char        *path,
               GCancellable      *cancellable,
               RptMergeProgress   progress,
               gpointer           user_data,
               GError           **error)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  RptPdfFile out = { 0 };
  gboolean ok = TRUE;

  if (self->threads > 1 && self->letters->len > 1)
    ok = write_one_pdf_threaded (self, store, path, cancellable, progress, user_data, error);
  else if (!letter_pdf_open (self, &out, path, error))
    return FALSE;
  for (guint i = 0; out.surface != NULL && ok && i < self->letters->len; i++)
    {
      RptLetterLayout *layout;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if ((layout = lay_out (self, store, i, buffer, error)) == NULL)
        ok = FALSE;
      else
        {
          g_array_index (self->letters, Letter, i).n_pages = rpt_letter_layout_get_n_pages (layout);
          if (!draw_letter (layout, out.cr))
            {
              g_set_error (error, RPT_ERROR, RPT_ERROR_DISK_FULL,
                           _("The PDF could not be written. Is the disk full?"));
              ok = FALSE;
            }
          rpt_letter_layout_free (layout);
          if (progress != NULL && (i % 16 == 15 || i + 1 == self->letters->len))
            progress (i + 1, self->letters->len, user_data);
        }
    }
  if (out.surface != NULL && !rpt_pdf_file_close (&out, ok, ok ? error : NULL))
    return FALSE;
  for (guint i = 0; ok && i < self->letters->len; i++)
    {
      Letter *letter = &g_array_index (self->letters, Letter, i);

      g_free (letter->path);
      letter->path = g_strdup (path);
    }
  return ok;
}

static gboolean
write_per_recipient (RptMerge          *self,
                     RptCustomerStore  *store,
                     const char        *dir,
                     GCancellable      *cancellable,
                     RptMergeProgress   progress,
                     gpointer           user_data,
                     GError           **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder “%s” cannot be created: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  /* the names first: unique in the folder, the same whatever thread writes */
  for (guint i = 0; i < self->letters->len; i++)
    {
      g_autoptr(RptCustomer) customer = rpt_customer_store_load_summary (store,
        g_array_index (self->letters, Letter, i).customer_id, error);
      g_autofree char *name = NULL;

      if (customer == NULL)
        return FALSE;
      name = file_name_for (customer, used);
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
    }
  if (self->threads > 1 && self->letters->len > 1)
    {
      g_autofree Part *parts = g_new0 (Part, self->threads);

      ok = prepare (self, store, error)
           && run_parts (self, parts, self->threads, (const char **) paths->pdata, cancellable,
                         progress, user_data, error);
    }
  else
    {
      g_autoptr(GString) buffer = g_string_new (NULL);

      for (guint i = 0; ok && i < self->letters->len; i++)
        {
          RptLetterLayout *layout = NULL;

          ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
               && (layout = lay_out (self, store, i, buffer, error)) != NULL
               && write_file (self, layout, paths->pdata[i], error);
          if (layout != NULL)
            {
              g_array_index (self->letters, Letter, i).n_pages = rpt_letter_layout_get_n_pages (layout);
              rpt_letter_layout_free (layout);
            }
          if (progress != NULL)
            progress (i + 1, self->letters->len, user_data);
        }
    }
  for (guint i = 0; i < self->letters->len; i++)
    {
      Letter *letter = &g_array_index (self->letters, Letter, i);

      /* all or nothing: a run that did not finish takes back what it wrote
       * (files it wrote have this run's pages; others were never touched) */
      if (!ok && letter->n_pages > 0)
        g_unlink (paths->pdata[i]);
      if (ok)
        {
          g_free (letter->path);
          letter->path = g_strdup (paths->pdata[i]);
        }
    }
  return ok;
}


/* Writes the checked letters: into the PDF at PATH, or one PDF per
 * recipient into the folder PATH. May run in a thread. */
gboolean
rpt_merge_write (RptMerge          *self,
                 RptMergeOutput     output,
                 const char        *path,
                 GCancellable      *cancellable,
                 RptMergeProgress   progress,
                 gpointer           user_data,
                 GError           **error)
{
  RptCustomerStore *store;

  if (self->letters->len == 0)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("No recipient gets this letter."));
      return FALSE;
    }
  if ((store = begin_pass (self, error)) == NULL)
    return FALSE;
  if (output == RPT_MERGE_PDF_PER_RECIPIENT)
    return end_pass (store, write_per_recipient (self, store, path, cancellable, progress, user_data, error));
  return end_pass (store, write_one_pdf (self, store, path, cancellable, progress, user_data, error));
}

/* Envelopes and labels ------------------------------------------------ */

static char *
recipient_address (RptCustomerStore  *store,
                   gint64             id,
                   GError           **error)
{
  g_autoptr(RptCustomer) customer = rpt_customer_store_load_summary (store, id, error);
  g_autofree char *home = NULL;

  if (customer == NULL)
    return NULL;
  home = rpt_database_get_setting (rpt_customer_store_get_database (store), "business_country");
  return rpt_customer_dup_address (customer, home);
}

typedef void (*DrawRecipient) (RptMerge *self,
                               cairo_t  *cr,
                               guint     index,
                               const char *address,
                               gpointer  data);

/* One pass over the checked recipients, each drawn by DRAW into one PDF
 * of WIDTH × HEIGHT pages. */
static gboolean
write_addresses (RptMerge          *self,
                 RptCustomerStore  *store,
                 double             width,
                 double             height,
                 DrawRecipient      draw,
                 gpointer           data,
                 const char        *path,
                 GCancellable      *cancellable,
                 RptMergeProgress   progress,
                 gpointer           user_data,
                 GError           **error)
{
  RptPdfFile out;
  gboolean ok = TRUE;

  if (!rpt_pdf_file_open (&out, path, width, height, error))
    return FALSE;
  for (guint i = 0; ok && i < self->letters->len; i++)
    {
      g_autofree char *address = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || (address = recipient_address (store, g_array_index (self->letters, Letter, i).customer_id,
                                           error)) == NULL)
        {
          ok = FALSE;
          break;
        }
      draw (self, out.cr, i, address, data);
      if (progress != NULL && (i % 64 == 63 || i + 1 == self->letters->len))
        progress (i + 1, self->letters->len, user_data);
    }
  cairo_show_page (out.cr);
  return rpt_pdf_file_close (&out, ok, ok ? error : NULL);
}

typedef struct
{
  const RptEnvelopeSize *size;
  char                  *sender;
} EnvelopeJob;

static void
draw_envelope (RptMerge   *self,
               cairo_t    *cr,
               guint       index,
               const char *address,
               gpointer    data)
{
  EnvelopeJob *job = data;

  if (index > 0)
    cairo_show_page (cr);
  rpt_draw_envelope (cr, pango_context (self), job->size, job->sender, address);
}

typedef struct
{
  const RptLabelSheet *sheet;
  guint                start;
  guint                page;
} LabelJob;

static void
draw_label (RptMerge   *self,
            cairo_t    *cr,
            guint       index,
            const char *address,
            gpointer    data)
{
  LabelJob *job = data;
  guint page, cell;

  rpt_label_sheet_position (job->sheet, job->start, index, &page, &cell);
  for (; job->page < page; job->page++)
    cairo_show_page (cr);
  rpt_draw_label (cr, pango_context (self), job->sheet, cell, address);
}

/* An envelope for each checked recipient, one per page of SIZE. */
gboolean
rpt_merge_write_envelopes (RptMerge               *self,
                           const RptEnvelopeSize  *size,
                           const char             *path,
                           GCancellable           *cancellable,
                           RptMergeProgress        progress,
                           gpointer                user_data,
                           GError                **error)
{
  RptCustomerStore *store = begin_pass (self, error);
  EnvelopeJob job = { size, NULL };
  gboolean ok;

  if (store == NULL)
    return FALSE;
  job.sender = rpt_merge_sender (store, "\n");
  ok = write_addresses (self, store, size->width, size->height, draw_envelope, &job, path,
                        cancellable, progress, user_data, error);
  g_free (job.sender);
  return end_pass (store, ok);
}

/* An address label for each checked recipient, starting at label START
 * (0-based, row by row) of a used first sheet. */
gboolean
rpt_merge_write_labels (RptMerge             *self,
                        const RptLabelSheet  *sheet,
                        guint                 start,
                        const char           *path,
                        GCancellable         *cancellable,
                        RptMergeProgress      progress,
                        gpointer              user_data,
                        GError              **error)
{
  RptCustomerStore *store = begin_pass (self, error);
  LabelJob job = { sheet, start, 0 };

  return store && end_pass (store, write_addresses (self, store, sheet->page_width, sheet->page_height,
                                                    draw_label, &job, path, cancellable, progress,
                                                    user_data, error));
}

/* A “letter” entry on each recipient's timeline, with the template's
 * name and the PDF; in one transaction, from the store's thread. */
gboolean
rpt_merge_record (RptMerge  *self,
                  GError   **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->letters->len; i++)
    {
      Letter *letter = &g_array_index (self->letters, Letter, i);
      RptTimelineEntry *entry = rpt_timeline_entry_new (RPT_ENTRY_LETTER);

      entry->customer_id = letter->customer_id;
      rpt_set_str (&entry->summary, rpt_letter_template_get_name (self->letter));
      rpt_set_str (&entry->details, letter->path);
      g_ptr_array_add (entries, entry);
    }
  return rpt_customer_store_add_entries (self->store, entries, error);
}

/* Printing needs the number of pages before the first is drawn: every
 * letter is laid out once to count them. */
static gboolean
count_all (RptMerge          *self,
           RptCustomerStore  *store,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(GString) buffer = g_string_new (NULL);

  self->n_pages = 0;
  for (guint i = 0; i < self->letters->len; i++)
    {
      Letter *letter = &g_array_index (self->letters, Letter, i);
      RptLetterLayout *layout;

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || (layout = lay_out (self, store, i, buffer, error)) == NULL)
        return FALSE;
      letter->first_page = self->n_pages;
      letter->n_pages = rpt_letter_layout_get_n_pages (layout);
      self->n_pages += letter->n_pages;
      rpt_letter_layout_free (layout);
    }
  return TRUE;
}

gboolean
rpt_merge_count_pages (RptMerge      *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  RptCustomerStore *store = begin_pass (self, error);

  return store && end_pass (store, count_all (self, store, cancellable, error));
}

guint
rpt_merge_get_n_pages (RptMerge *self)
{
  return self->n_pages;
}

/* The letter that page PAGE of the run belongs to, NULL past the end. */
static Letter *
letter_of_page (RptMerge *self,
                guint     page)
{
  guint low = 0, high = self->letters->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      Letter *letter = &g_array_index (self->letters, Letter, mid);

      if (page < letter->first_page)
        high = mid;
      else if (page >= letter->first_page + letter->n_pages)
        low = mid + 1;
      else
        return letter;
    }
  return NULL;
}

/* Draws page PAGE of the whole run (after rpt_merge_count_pages()), for
 * the printer; pages come in order, so the current letter is kept. */
void
rpt_merge_draw_page (RptMerge *self,
                     cairo_t  *cr,
                     guint     page)
{
  g_autoptr(GError) error = NULL;
  Letter *letter = letter_of_page (self, page);
  guint index;

  if (letter == NULL)
    return;
  index = letter - (Letter *) (gpointer) self->letters->data;
  if (self->current == NULL || self->current_index != index)
    {
      g_autoptr(GString) buffer = g_string_new (NULL);
      RptCustomerStore *store = reader (self, &error);

      g_clear_pointer (&self->current, rpt_letter_layout_free);
      self->current = store ? lay_out (self, store, index, buffer, &error) : NULL;
      self->current_index = index;
      if (self->current == NULL)
        {
          g_warning ("Letter %u cannot be printed: %s", index, error->message);
          return;
        }
    }
  if (page - letter->first_page < rpt_letter_layout_get_n_pages (self->current))
    rpt_letter_layout_draw_page (self->current, cr, page - letter->first_page);
}

/* The real letter for one customer as a PDF in memory, in LANGUAGE (NULL:
 * the customer's own): what the editor's preview shows. */
GBytes *
rpt_merge_preview (RptLetterTemplate  *letter,
                   const char         *language,
                   RptCustomerStore   *store,
                   gint64              customer_id,
                   GError            **error)
{
  g_autoptr(RptMerge) self = rpt_merge_new (store, letter, error);
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  RptLetterLayout *layout;
  Letter entry = { customer_id };
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  if (self == NULL)
    return NULL;
  if (language == NULL)
    {
      g_autoptr(RptCustomer) customer = rpt_customer_store_load_summary (store, customer_id, error);

      if (customer == NULL)
        return NULL;
      language = rpt_letter_template_pick_language (letter, customer->language);
    }
  if (language == NULL || rpt_letter_template_get_body (letter, language) == NULL)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("The template has no text yet."));
      return NULL;
    }
  entry.language = g_intern_string (language);
  g_array_append_val (self->letters, entry);
  /* the window's own connection: a preview is drawn in its thread */
  layout = lay_out (self, store, 0, buffer, error);
  if (layout == NULL)
    return NULL;
  rpt_letter_setup_get_size (self->setup, &width, &height);
  surface = rpt_pdf_surface_new_in_memory (bytes, width, height);
  cr = cairo_create (surface);
  draw_letter (layout, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  rpt_letter_layout_free (layout);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
