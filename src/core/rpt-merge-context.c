/* rpt-merge-context.c — what a letter can say about a customer: the
 * fields, the formatters, the context a template is rendered against, and
 * the customers a query names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "rpt-catalog.h"
#include "rpt-customer-private.h"
#include "rpt-database.h"
#include "rpt-error.h"
#include "rpt-format.h"
#include "rpt-letter-store.h"
#include "rpt-merge-private.h"
#include "rpt-names.h"
#include "rpt-questionnaire-store.h"
#include "rpt-search.h"
#include "rpt-segment-store.h"

/* Fields ---------------------------------------------------------------- */

static const RptMergeField fields[] = {
  { "name", N_("Full name, in the customer’s culture") },
  { "salutation", N_("Salutation in the letter’s language") },
  { "given_name", N_("Given name") },
  { "family_name", N_("Family name") },
  { "org_name", N_("Organisation") },
  { "job_title", N_("Job title") },
  { "address", N_("Postal address, one line each") },
  { "street", N_("Street") },
  { "postal_code", N_("Postal code") },
  { "locality", N_("Town or city") },
  { "region", N_("Region") },
  { "country_name", N_("Country") },
  { "email", N_("E-mail address") },
  { "phone", N_("Phone number") },
  { "industry", N_("Industry") },
  { "owner", N_("Owner in the business") },
  { "lifetime_spend", N_("Spent so far") },
  { "purchases", N_("Number of purchases") },
  { "last_purchase.date", N_("Date of the last purchase") },
  { "last_purchase.item", N_("Item of the last purchase") },
  { "last_purchase.amount", N_("Amount of the last purchase") },
  { "open_complaints", N_("Open complaints") },
  { "complaint.tracking", N_("Latest complaint: tracking number") },
  { "complaint.summary", N_("Latest complaint: what it was about") },
  { "complaint.resolution", N_("Latest complaint: how it was resolved") },
  { "class", N_("Value class (A, B, C)") },
  { "rfm_segment", N_("RFM segment") },
  { "today", N_("Today’s date") },
  { "business.name", N_("Business name") },
  { "business.address_line", N_("Business address on one line") },
};

const RptMergeField *
rpt_merge_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

/* Formatters -------------------------------------------------------------- */

char *
_rpt_merge_long_date (const char *iso,
                      const char *language)
{
  RptCatalog *catalog = rpt_catalog_get (language);
  /* Translators: the date line of a letter, a strftime() pattern:
   * %B the month's name, %-d the day, %Y the year. */
  const char *pattern = rpt_catalog_gettext (catalog, LN_("%B %-d, %Y"));

  return rpt_format_date_in (iso, pattern, language);
}

static const char *
node_string (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
node_number (JsonNode *node,
             double   *number)
{
  const char *text = node_string (node);
  char *end;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *number = json_node_get_double (node);
      return TRUE;
    }
  if (text == NULL)
    return FALSE;
  *number = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

static char *
fmt_date (JsonNode   *value,
          const char *argument,
          gpointer    user_data)
{
  RptMergeFormat *data = user_data;
  const char *iso = node_string (value);
  char *text;

  if (iso == NULL)
    return g_strdup ("");
  if (g_strcmp0 (argument, "short") == 0)
    text = rpt_format_date_in (iso, NULL, data->language);
  else
    text = _rpt_merge_long_date (iso, data->language);
  return text ? text : g_strdup (iso);
}

static char *
fmt_money (JsonNode   *value,
           const char *argument,
           gpointer    user_data)
{
  RptMergeFormat *data = user_data;
  double amount;

  if (!node_number (value, &amount))
    return g_strdup (node_string (value) ? node_string (value) : "");
  return rpt_format_money_in ((gint64) (amount * 100 + (amount < 0 ? -0.5 : 0.5)),
                              argument && *argument ? argument : data->currency, data->language);
}

static char *
fmt_number (JsonNode   *value,
            const char *argument,
            gpointer    user_data)
{
  RptMergeFormat *data = user_data;
  double number;

  if (!node_number (value, &number))
    return g_strdup (node_string (value) ? node_string (value) : "");
  return rpt_format_number_in (number, argument ? atoi (argument) : 0, data->language);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_has_member (object, name) ? node_string (json_object_get_member (object, name)) : NULL;
}

static char *
person_name (JsonObject *object,
             const char *language)
{
  int order = json_object_has_member (object, "name_order")
              ? (int) json_object_get_int_member (object, "name_order") : 0;

  return rpt_format_person_name (member_string (object, "given_name"),
                                 member_string (object, "family_name"), order,
                                 member_string (object, "language") ? member_string (object, "language")
                                                                     : language);
}

static char *
fmt_name (JsonNode   *value,
          const char *argument,
          gpointer    user_data)
{
  RptMergeFormat *data = user_data;

  if (value != NULL && JSON_NODE_HOLDS_OBJECT (value))
    return person_name (json_node_get_object (value), data->language);
  return g_strdup (node_string (value) ? node_string (value) : "");
}

/* “Dear Maria García,” in the letter's language: by name for a person,
 * the form for a business or an unknown reader otherwise. */
static char *
salutation (const char *name,
            gboolean    organisation,
            const char *language)
{
  RptCatalog *catalog = rpt_catalog_get (language);
  g_auto(GStrv) parts = NULL;

  if (organisation)
    return g_strdup (rpt_catalog_gettext (catalog, LN_("Dear Sir or Madam,")));
  if (name == NULL || *name == '\0')
    return g_strdup (rpt_catalog_gettext (catalog, LN_("Dear customer,")));
  /* Translators: the salutation of a letter; {name} is the full name. */
  parts = g_strsplit (rpt_catalog_gettext (catalog, LN_("Dear {name},")), "{name}", 2);
  if (g_strv_length (parts) != 2)
    {
      g_strfreev (parts);
      parts = g_strsplit ("Dear {name},", "{name}", 2);
    }
  return g_strconcat (parts[0], name, parts[1], NULL);
}

static char *
fmt_salutation (JsonNode   *value,
                const char *argument,
                gpointer    user_data)
{
  RptMergeFormat *data = user_data;
  g_autofree char *name = NULL;
  JsonObject *object;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return salutation (node_string (value), FALSE, data->language);
  object = json_node_get_object (value);
  if (json_object_has_member (object, "kind") && json_object_get_int_member (object, "kind") == 1)
    return salutation (NULL, TRUE, data->language);
  name = person_name (object, data->language);
  return salutation (name, FALSE, data->language);
}

static char *
fmt_upper (JsonNode   *value,
           const char *argument,
           gpointer    user_data)
{
  return g_utf8_strup (node_string (value) ? node_string (value) : "", -1);
}

/* The formatters a template can use: {{ value | date }}, {{ value | date:short }},
 * {{ value | money }} or money:USD, {{ value | number:2 }}, {{ . | name }},
 * {{ . | salutation }}, {{ value | upper }}; documented in help/C/letters-fields.page. */
static const RptFormatter formatters[] = {
  { "date", fmt_date },
  { "money", fmt_money },
  { "number", fmt_number },
  { "name", fmt_name },
  { "salutation", fmt_salutation },
  { "upper", fmt_upper },
  { NULL, NULL },
};

const RptFormatter *
rpt_merge_formatters (void)
{
  return formatters;
}

/* Context -------------------------------------------------------------- */

/* Whether a context for a template that uses the names WANTED (NULL:
 * any) needs the top-level member NAME. */
#define WANT(wanted, name) ((wanted) == NULL || g_hash_table_contains ((wanted), (name)))

static void
add_property_members (JsonBuilder *builder,
                      RptCustomer *customer,
                      GHashTable  *wanted)
{
  /* listed once: asking GObject for a class's properties, or a property
   * by its name, takes a lock all threads share */
  static GPtrArray *readable;   /* of GParamSpec, readable, the JSON name as qdata */
  static GQuark json_name;
  GObjectClass *klass = G_OBJECT_GET_CLASS (customer);

  if (g_once_init_enter (&readable))
    {
      g_autofree GParamSpec **specs = NULL;
      guint n_specs = 0;
      GPtrArray *list = g_ptr_array_new ();

      json_name = g_quark_from_static_string ("rpt-json-name");
      specs = g_object_class_list_properties (klass, &n_specs);
      for (guint i = 0; i < n_specs; i++)
        if ((specs[i]->flags & G_PARAM_READABLE) && specs[i]->owner_type == RPT_TYPE_CUSTOMER)
          {
            g_param_spec_set_qdata_full (specs[i], json_name, g_strdelimit (g_strdup (specs[i]->name), "-", '_'),
                                         g_free);
            g_ptr_array_add (list, specs[i]);
          }
      g_once_init_leave (&readable, list);
    }
  for (guint i = 0; i < readable->len; i++)
    {
      GParamSpec *spec = readable->pdata[i];
      const char *name = g_param_spec_get_qdata (spec, json_name);
      g_auto(GValue) value = G_VALUE_INIT;

      if (!WANT (wanted, name))
        continue;
      g_value_init (&value, spec->value_type);
      klass->get_property (G_OBJECT (customer), spec->param_id, &value, spec);
      switch (spec->value_type)
        {
        case G_TYPE_STRING:
          json_builder_set_member_name (builder, name);
          json_builder_add_string_value (builder, g_value_get_string (&value) ? g_value_get_string (&value) : "");
          break;
        case G_TYPE_INT:
          json_builder_set_member_name (builder, name);
          json_builder_add_int_value (builder, g_value_get_int (&value));
          break;
        case G_TYPE_INT64:
          json_builder_set_member_name (builder, name);
          json_builder_add_int_value (builder, g_value_get_int64 (&value));
          break;
        case G_TYPE_BOOLEAN:
          json_builder_set_member_name (builder, name);
          json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
          break;
        default:
          break;
        }
    }
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_owned (JsonBuilder *builder,
           const char  *name,
           char        *value)
{
  add_string (builder, name, value);
  g_free (value);
}

static void
add_business (JsonBuilder *builder,
              RptDatabase *db,
              const char  *currency)
{
  g_autofree char *name = rpt_database_get_setting (db, "business_name");
  g_autofree char *address = rpt_database_get_setting (db, "business_address");
  g_autofree char *country = rpt_database_get_setting (db, "business_country");
  g_auto(GStrv) lines = g_strsplit (address ? address : "", "\n", -1);
  g_autofree char *line = g_strjoinv (", ", lines);

  json_builder_set_member_name (builder, "business");
  json_builder_begin_object (builder);
  add_string (builder, "name", name);
  add_string (builder, "address", address);
  add_string (builder, "address_line", line);
  add_string (builder, "country", country);
  add_string (builder, "currency", currency);
  json_builder_end_object (builder);
}

static void
add_customer_members (JsonBuilder *builder,
                      RptCustomer *customer,
                      const char  *language,
                      const char  *home,
                      GHashTable  *wanted)
{
  g_autofree char *name = NULL;
  GPtrArray *tags = rpt_customer_get_tags (customer);

  add_property_members (builder, customer, wanted);
  if (WANT (wanted, "name") || WANT (wanted, "salutation"))
    {
      name = customer->kind == RPT_CUSTOMER_PERSON
             ? rpt_format_person_name (customer->given_name, customer->family_name, customer->name_order,
                                       customer->language && *customer->language ? customer->language : language)
             : g_strdup (customer->org_name);
      add_string (builder, "name", name);
      add_owned (builder, "salutation", salutation (name, customer->kind == RPT_CUSTOMER_ORGANISATION, language));
    }
  if (WANT (wanted, "address"))
    add_owned (builder, "address", rpt_customer_dup_address (customer, home));
  if (WANT (wanted, "country_name"))
    add_string (builder, "country_name", customer->country && *customer->country
                                         ? rpt_country_name (customer->country) : "");
  if (WANT (wanted, "email"))
    add_string (builder, "email", rpt_customer_get_primary (customer, RPT_CONTACT_EMAIL));
  if (WANT (wanted, "phone"))
    add_string (builder, "phone", rpt_customer_get_primary (customer, RPT_CONTACT_PHONE));
  if (!WANT (wanted, "tags"))
    return;
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      RptTagNote *tag = tags->pdata[i];

      json_builder_begin_object (builder);
      add_string (builder, "name", tag->name);
      add_owned (builder, "noted_on", _rpt_merge_long_date (tag->noted_on, language));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_fact_members (JsonBuilder   *builder,
                  RptMergeFacts *facts,
                  const char    *language,
                  const char    *currency)
{
  add_owned (builder, "lifetime_spend", rpt_format_money_in (facts->spend, currency, language));
  json_builder_set_member_name (builder, "purchases");
  json_builder_add_int_value (builder, facts->n_purchases);
  json_builder_set_member_name (builder, "last_purchase");
  if (facts->last_purchase != NULL)
    {
      json_builder_begin_object (builder);
      add_owned (builder, "date", _rpt_merge_long_date (facts->last_purchase, language));
      add_string (builder, "iso", facts->last_purchase);
      add_string (builder, "item", facts->last_item);
      add_owned (builder, "amount", rpt_format_money_in (facts->last_amount, currency, language));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "open_complaints");
  json_builder_add_int_value (builder, facts->open_complaints);
  json_builder_set_member_name (builder, "complaint");
  if (facts->complaint_id != 0)
    {
      json_builder_begin_object (builder);
      add_string (builder, "tracking", facts->complaint_tracking);
      add_string (builder, "summary", facts->complaint_summary);
      add_owned (builder, "opened", _rpt_merge_long_date (facts->complaint_opened, language));
      add_string (builder, "resolution", facts->complaint_resolution);
      json_builder_set_member_name (builder, "resolved");
      json_builder_add_boolean_value (builder, facts->complaint_resolved_on != NULL);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_boolean_value (builder, FALSE);
}

static void
add_global_members (JsonBuilder *builder,
                    RptDatabase *db,
                    const char  *language,
                    const char  *currency,
                    const char  *today)
{
  add_owned (builder, "today", _rpt_merge_long_date (today, language));
  add_string (builder, "today_iso", today);
  add_business (builder, db, currency);
}

/* What every letter of a run in LANGUAGE shares: today, the business. */
JsonNode *
_rpt_merge_build_globals (RptDatabase *db,
                          const char  *language,
                          const char  *currency,
                          const char  *today)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  add_global_members (builder, db, language, currency, today);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Everything a letter can say about CUSTOMER. With FACTS_ONLY, only what
 * the timeline tells (purchases, complaints): enough to check most
 * required fields, at a fraction of the cost; with NO_GLOBALS, not what
 * every letter shares (a run renders with those as globals). */
JsonNode *
_rpt_merge_build_context (RptCustomerStore  *store,
                          RptCustomer       *customer,
                          const char        *language,
                          const char        *currency,
                          const char        *today,
                          RptContextFlags    flags,
                          GHashTable        *wanted,
                          GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  RptDatabase *db = rpt_customer_store_get_database (store);
  RptMergeFacts facts = { 0 };
  const char *fact_names[] = { "lifetime_spend", "purchases", "last_purchase", "open_complaints", "complaint" };
  gboolean want_facts = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fact_names); i++)
    want_facts |= WANT (wanted, fact_names[i]);
  /* the timeline is asked only when the template says something of it */
  if (want_facts && !rpt_customer_store_merge_facts (store, rpt_customer_get_id (customer), &facts, error))
    return NULL;
  json_builder_begin_object (builder);
  if (!(flags & RPT_CONTEXT_FACTS_ONLY))
    {
      g_autofree char *home = rpt_database_get_setting (db, "business_country");

      add_customer_members (builder, customer, language, home, wanted);
    }
  if (want_facts)
    add_fact_members (builder, &facts, language, currency);
  if (!(flags & RPT_CONTEXT_FACTS_ONLY))
    {
      /* value classes and RFM segments come with the segment dashboards */
      add_string (builder, "class", "");
      add_string (builder, "rfm_segment", "");
      if (!(flags & RPT_CONTEXT_NO_GLOBALS))
        add_global_members (builder, db, language, currency, today);
    }
  json_builder_end_object (builder);
  rpt_merge_facts_clear (&facts);
  return json_builder_get_root (builder);
}

static void
collect_names (RptTemplate *template,
               GHashTable  *names)
{
  g_autoptr(GPtrArray) list = rpt_template_list_names (template);

  for (guint i = 0; i < list->len; i++)
    {
      const char *name = ((RptTemplateName *) list->pdata[i])->name;
      gsize length;

      while (g_ascii_isspace (*name))
        name++;
      length = strcspn (name, ".| \t");
      if (length > 0)
        g_hash_table_add (names, g_strndup (name, length));
    }
}

/* The top-level names BODY and the blocks it may include (name → source)
 * use: a run's contexts need nothing else. NULL when a block does not
 * even parse — the run will say so; until then, everything is wanted. */
GHashTable *
_rpt_merge_names_used (RptTemplate *body,
                       GHashTable  *partials)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer source;

  collect_names (body, names);
  g_hash_table_iter_init (&iter, partials);
  while (g_hash_table_iter_next (&iter, NULL, &source))
    {
      g_autoptr(RptTemplate) block = source ? rpt_template_new (source, NULL) : NULL;

      if (source != NULL && block == NULL)
        return NULL;
      if (block != NULL)
        collect_names (block, names);
    }
  return g_steal_pointer (&names);
}

char *
_rpt_merge_today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Everything a template can say about CUSTOMER, in LANGUAGE. */
JsonNode *
rpt_merge_context_new (RptCustomerStore  *store,
                       RptCustomer       *customer,
                       const char        *language,
                       GError           **error)
{
  g_autofree char *currency = rpt_customer_store_dup_currency (store);
  g_autofree char *today = _rpt_merge_today_iso ();

  return _rpt_merge_build_context (store, customer, language, currency, today, RPT_CONTEXT_FULL, NULL, error);
}

/* The business's name and each line of its address, joined by SEPARATOR:
 * the return line above a window envelope's address (“ · ”), or the
 * sender on an envelope (a line each). */
char *
rpt_merge_sender (RptCustomerStore *store,
                  const char       *separator)
{
  RptDatabase *db = rpt_customer_store_get_database (store);
  g_autofree char *name = rpt_database_get_setting (db, "business_name");
  g_autofree char *address = rpt_database_get_setting (db, "business_address");
  g_auto(GStrv) lines = g_strsplit (address ? address : "", "\n", -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (name != NULL && *g_strstrip (name) != '\0')
    g_ptr_array_add (parts, name);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_ptr_array_add (parts, lines[i]);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (separator, (char **) parts->pdata);
}

/* Benchmark reports ---------------------------------------------------- */

/* FORMAT (a translation: not trusted as a printf format) with each %u or
 * %s replaced by the next of ARGS, in order. */
static char *
fill_in (const char        *format,
         const char *const *args)
{
  GString *out = g_string_new (NULL);
  guint next = 0;

  for (const char *p = format; *p; p++)
    {
      if (p[0] == '%' && (p[1] == 'u' || p[1] == 's') && args[next] != NULL)
        {
          g_string_append (out, args[next++]);
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static const char *
size_in (RptCatalog *catalog,
         int         band)
{
  /* the same words as the card's, in the letter's language */
  return band > 0 && band < RPT_N_SIZES ? rpt_catalog_gettext (catalog, rpt_size_band_msgid (band)) : "";
}

static char *
join_titles (RptBenchmark *b,
             char        **keys,
             const char   *language)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *separator = g_str_has_prefix (language, "zh") ? "、" : ", ";

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      RptDimension *dimension = rpt_questionnaire_find_dimension (b->questionnaire, keys[i]);

      g_string_append_printf (text, "%s%s", i ? separator : "",
                              dimension ? rpt_text_get (dimension->title, language, NULL) : keys[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What a report letter says of a response ({{benchmark.…}}), in LANGUAGE:
 * the questionnaire's title, the cohort in words, each dimension, the
 * strengths and weaknesses, the offerings that fit. */
JsonNode *
_rpt_merge_benchmark_context (RptBenchmark *b,
                              const char   *language)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  RptCatalog *catalog = rpt_catalog_get (language);
  g_autofree char *cohort = NULL;
  g_autofree char *size = g_strdup_printf ("%u", b->cohort_size);
  const char *args[] = { size, b->industry, size_in (catalog, b->size_band), NULL };

  switch (b->cohort)
    {
    case RPT_COHORT_INDUSTRY_SIZE:
      cohort = fill_in (rpt_catalog_gettext (catalog, LN_("%u respondents in %s with %s")), args);
      break;
    case RPT_COHORT_INDUSTRY:
      cohort = fill_in (rpt_catalog_gettext (catalog, LN_("%u respondents in %s")), args);
      break;
    case RPT_COHORT_ALL:
      cohort = fill_in (rpt_catalog_gettext (catalog, LN_("all %u respondents")), args);
      break;
    case RPT_COHORT_NONE:
    default:
      cohort = g_strdup ("");
      break;
    }
  json_builder_begin_object (builder);
  add_string (builder, "title", rpt_questionnaire_get_title (b->questionnaire, language));
  json_builder_set_member_name (builder, "compared");
  json_builder_add_boolean_value (builder, b->cohort != RPT_COHORT_NONE);
  add_string (builder, "cohort", cohort);
  json_builder_set_member_name (builder, "dimensions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < b->dimensions->len; i++)
    {
      RptDimensionResult *dr = b->dimensions->pdata[i];
      RptDimension *dimension = rpt_questionnaire_find_dimension (b->questionnaire, dr->dimension);

      json_builder_begin_object (builder);
      add_string (builder, "title", dimension ? rpt_text_get (dimension->title, language, NULL)
                                              : rpt_catalog_gettext (catalog, LN_("Overall")));
      json_builder_set_member_name (builder, "score");
      json_builder_add_int_value (builder, (gint64) (dr->score + 0.5));
      if (dr->percentile >= 0)
        {
          json_builder_set_member_name (builder, "percentile");
          json_builder_add_int_value (builder, (gint64) (dr->percentile + 0.5));
          json_builder_set_member_name (builder, "median");
          json_builder_add_int_value (builder, (gint64) (dr->median + 0.5));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_owned (builder, "strengths", join_titles (b, b->strengths, language));
  add_owned (builder, "weaknesses", join_titles (b, b->weaknesses, language));
  json_builder_set_member_name (builder, "offerings");
  json_builder_begin_array (builder);
  for (guint i = 0; b->offerings[i] != NULL; i++)
    {
      RptDimension *dimension = rpt_questionnaire_find_dimension (b->questionnaire, b->offerings[i]);

      json_builder_begin_object (builder);
      add_string (builder, "offering", rpt_text_get (dimension->offering, language, NULL));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The chart of a report: each dimension, then the overall index. */
GArray *
_rpt_merge_benchmark_chart (RptBenchmark *b,
                            const char   *language)
{
  GArray *bars = g_array_sized_new (FALSE, FALSE, sizeof (RptChartBar), b->dimensions->len);
  RptCatalog *catalog = rpt_catalog_get (language);

  for (guint i = 0; i < b->dimensions->len; i++)
    {
      RptDimensionResult *dr = b->dimensions->pdata[i];
      RptDimension *dimension = rpt_questionnaire_find_dimension (b->questionnaire, dr->dimension);
      RptChartBar bar = { dimension ? rpt_text_get (dimension->title, language, NULL)
                                    : rpt_catalog_gettext (catalog, LN_("Overall")),
                          dr->score, dr->q1, dr->median, dr->q3 };

      g_array_append_val (bars, bar);
    }
  return bars;
}

/* Recipients ---------------------------------------------------------- */

static GArray *
ids_from_bitset (RptBitset *set)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint32 id = 1; set != NULL && id < set->n_bits; id++)
    if (rpt_bitset_has (set, id))
      {
        gint64 wide = id;

        g_array_append_val (ids, wide);
      }
  return ids;
}

/* The customers a query names, for scripts: “all” (every card not
 * archived), “tag:NAME” or “tag:NAME:DAYS” (interest noted in the last
 * DAYS days), “segment:NAME” (a saved segment's members), “ids:1,2,3”, or
 * any other text: a search as in the window. */
GArray *
rpt_merge_find_recipients (RptCustomerStore  *store,
                           const char        *query,
                           GError           **error)
{
  if (g_strcmp0 (query, "all") == 0)
    {
      g_autoptr(GArray) narrow = rpt_customer_store_ordered_ids (store, RPT_SORT_NAME, FALSE, FALSE, error);
      GArray *ids;

      if (narrow == NULL)
        return NULL;
      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), narrow->len);
      for (guint i = 0; i < narrow->len; i++)
        {
          gint64 id = g_array_index (narrow, guint32, i);

          g_array_append_val (ids, id);
        }
      return ids;
    }
  if (g_str_has_prefix (query, "tag:"))
    {
      g_auto(GStrv) parts = g_strsplit (query + 4, ":", 2);
      guint64 days = 36500;

      if (parts[0] == NULL || *parts[0] == '\0'
          || (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 1, 36500, &days, NULL)))
        {
          g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                       _("“%s” is not a tag query: write tag:NAME or tag:NAME:DAYS."), query);
          return NULL;
        }
      return rpt_customer_store_ids_with_tag_since (store, parts[0], (guint) days, error);
    }
  if (g_str_has_prefix (query, "segment:"))
    return rpt_customer_store_saved_segment_members (store, query + 8, NULL, error);
  if (g_str_has_prefix (query, "ids:"))
    {
      g_auto(GStrv) parts = g_strsplit (query + 4, ",", -1);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; parts[i] != NULL; i++)
        {
          guint64 id;

          if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, G_MAXINT64, &id, NULL))
            {
              g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("“%s” is not a customer number."), parts[i]);
              return NULL;
            }
          g_array_append_val (ids, id);
        }
      return g_steal_pointer (&ids);
    }
  {
    g_autoptr(RptBitset) set = rpt_customer_store_match (store, query, error);

    return set ? ids_from_bitset (set) : NULL;
  }
}
