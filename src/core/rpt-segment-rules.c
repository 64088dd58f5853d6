/* rpt-segment-rules.c — a saved segment's rule, read, checked, written
 * back and turned into SQL with bound values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-segments"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rpt-error.h"
#include "rpt-segment-rules.h"
#include "rpt-segments.h"

#define MAX_BYTES      (64 * 1024)
#define MAX_DEPTH      8
#define MAX_CONDITIONS 200
#define MAX_TEXT       200

typedef enum
{
  KIND_TEXT,       /* is, is-not, contains */
  KIND_NAME,       /* contains */
  KIND_NUMBER,     /* is, is-not */
  KIND_AMOUNT,     /* >=, <= */
  KIND_FLAG,       /* is */
  KIND_TAG,        /* has, has-not */
  KIND_DAYS,       /* within-days, not-within-days */
  KIND_CLASS,      /* is, is-not */
  KIND_SEGMENT,    /* is, is-not */
  KIND_WARNING,    /* has, has-not */
  KIND_SCORE,      /* >=, <= */
} Kind;

static const struct
{
  const char *name;
  Kind        kind;
  const char *sql;      /* the column, or the subquery's heart */
} fields[] = {
  { "name", KIND_NAME, "(c.given_name || ' ' || c.family_name || ' ' || c.org_name)" },
  { "locality", KIND_TEXT, "c.locality" },
  { "region", KIND_TEXT, "c.region" },
  { "country", KIND_TEXT, "c.country" },
  { "language", KIND_TEXT, "c.language" },
  { "industry", KIND_TEXT, "c.industry" },
  { "owner", KIND_TEXT, "coalesce ((SELECT s.name FROM staff s WHERE s.id = c.owner_id), '')" },
  { "stage", KIND_NUMBER, "c.stage" },
  { "size_band", KIND_NUMBER, "c.size_band" },
  { "spend", KIND_AMOUNT, "c.spend" },
  { "do_not_contact", KIND_FLAG, "c.do_not_contact" },
  { "open_complaint", KIND_FLAG,
    "EXISTS (SELECT 1 FROM timeline t WHERE t.customer_id = c.id AND t.kind = 7 AND t.status = 0)" },
  { "tag", KIND_TAG, NULL },
  { "last_contact", KIND_DAYS, NULL },
  { "purchased", KIND_DAYS, NULL },
  { "created", KIND_DAYS, NULL },
  { "class", KIND_CLASS, "coalesce ((SELECT s.class FROM segment_scores s WHERE s.customer_id = c.id), 0)" },
  { "segment", KIND_SEGMENT, "coalesce ((SELECT s.segment FROM segment_scores s WHERE s.customer_id = c.id), 0)" },
  { "warning", KIND_WARNING, "coalesce ((SELECT s.warnings FROM segment_scores s WHERE s.customer_id = c.id), 0)" },
  { "score", KIND_SCORE, NULL },
};

static const char *const kind_ops[][4] = {  /* NULL-terminated */
  [KIND_TEXT] = { "is", "is-not", "contains" },
  [KIND_NAME] = { "contains" },
  [KIND_NUMBER] = { "is", "is-not" },
  [KIND_AMOUNT] = { ">=", "<=" },
  [KIND_FLAG] = { "is" },
  [KIND_TAG] = { "has", "has-not" },
  [KIND_DAYS] = { "within-days", "not-within-days" },
  [KIND_CLASS] = { "is", "is-not" },
  [KIND_SEGMENT] = { "is", "is-not" },
  [KIND_WARNING] = { "has", "has-not" },
  [KIND_SCORE] = { ">=", "<=" },
};

const char * const *
rpt_segment_rule_fields (void)
{
  static const char *names[G_N_ELEMENTS (fields) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      names[i] = fields[i].name;
  return names;
}

const char * const *
rpt_segment_rule_field_ops (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, field) == 0)
      return kind_ops[fields[i].kind];
  return NULL;
}

struct _RptSegmentRule
{
  gboolean   group;
  /* a group */
  gboolean   any;
  GPtrArray *children;
  /* a condition */
  guint      field;
  guint      op;            /* its place in kind_ops */
  char      *text;
  gint64     number;
  double     real;
  gboolean   flag;
  gint64     days;          /* tags: 0 for ever */
  char      *questionnaire;
  char      *dimension;
};

void
rpt_segment_rule_free (RptSegmentRule *rule)
{
  if (rule == NULL)
    return;
  g_clear_pointer (&rule->children, g_ptr_array_unref);
  g_free (rule->text);
  g_free (rule->questionnaire);
  g_free (rule->dimension);
  g_free (rule);
}

/* Reading ----------------------------------------------------------------- */

typedef struct
{
  GError **error;
  guint    conditions;
} Reader;

static gboolean
refuse (Reader     *r,
        const char *where,
        const char *message)
{
  if (r->error != NULL && *r->error == NULL)
    g_set_error (r->error, RPT_ERROR, RPT_ERROR_INVALID, _("The segment’s rule is not valid at %s: %s"), where,
                 message);
  return FALSE;
}

static const char *
string_member (JsonObject *o,
               const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
number_member (JsonObject *o,
               const char *member,
               double     *value)
{
  JsonNode *node = json_object_get_member (o, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

static int
segment_from_key (const char *key)
{
  for (int s = RPT_RFM_CHAMPIONS; s < RPT_N_RFM_SEGMENTS; s++)
    if (g_strcmp0 (rpt_rfm_segment_to_key (s), key) == 0)
      return s;
  return -1;
}

static int
warning_from_key (const char *key)
{
  for (guint b = 0; b < 4; b++)
    if (g_strcmp0 (rpt_warning_to_key (1u << b), key) == 0)
      return 1 << b;
  return -1;
}

static RptSegmentRule *read_node (Reader *r, JsonNode *node, const char *where, guint depth);

static gboolean
read_value (Reader         *r,
            RptSegmentRule *rule,
            JsonObject     *o,
            const char     *where)
{
  Kind kind = fields[rule->field].kind;
  double number = 0;
  const char *text = string_member (o, "value");
  JsonNode *value = json_object_get_member (o, "value");

  switch (kind)
    {
    case KIND_TEXT:
    case KIND_NAME:
    case KIND_TAG:
      if (text == NULL || *text == '\0' || g_utf8_strlen (text, -1) > MAX_TEXT)
        return refuse (r, where, _("“value” must be a text of 1 to 200 characters"));
      rule->text = g_strdup (text);
      if (kind == KIND_TAG && json_object_has_member (o, "days"))
        {
          if (!number_member (o, "days", &number) || number < 1 || number > 36500 || number != (gint64) number)
            return refuse (r, where, _("“days” must be a whole number from 1 to 36500"));
          rule->days = (gint64) number;
        }
      return TRUE;
    case KIND_NUMBER:
    case KIND_AMOUNT:
    case KIND_DAYS:
      if (!number_member (o, "value", &number) || number != (gint64) number || number < (kind == KIND_AMOUNT ? -1e15 : 0)
          || number > (kind == KIND_DAYS ? 36500 : 1e15))
        return refuse (r, where, _("“value” must be a whole number in range"));
      rule->number = (gint64) number;
      return TRUE;
    case KIND_FLAG:
      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        return refuse (r, where, _("“value” must be true or false"));
      rule->flag = json_node_get_boolean (value);
      return TRUE;
    case KIND_CLASS:
      if (text == NULL || strlen (text) != 1 || strchr ("ABC", text[0]) == NULL)
        return refuse (r, where, _("“value” must be A, B or C"));
      rule->number = RPT_VALUE_A + (text[0] - 'A');
      return TRUE;
    case KIND_SEGMENT:
      if ((rule->number = segment_from_key (text)) < 0)
        return refuse (r, where, _("“value” must name a segment, such as “at-risk”"));
      return TRUE;
    case KIND_WARNING:
      if ((rule->number = warning_from_key (text)) < 0)
        return refuse (r, where, _("“value” must name a warning, such as “contact-overdue”"));
      return TRUE;
    case KIND_SCORE:
    default:
      {
        const char *questionnaire = string_member (o, "questionnaire");
        const char *dimension = string_member (o, "dimension");

        if (!number_member (o, "value", &number) || number < 0 || number > 100)
          return refuse (r, where, _("“value” must be a score from 0 to 100"));
        if (questionnaire == NULL || *questionnaire == '\0' || strlen (questionnaire) > MAX_TEXT
            || dimension == NULL || strlen (dimension) > MAX_TEXT)
          return refuse (r, where, _("a score needs “questionnaire” and “dimension” (\"\" for the overall index)"));
        rule->real = number;
        rule->questionnaire = g_strdup (questionnaire);
        rule->dimension = g_strdup (dimension);
        return TRUE;
      }
    }
}

static RptSegmentRule *
read_condition (Reader     *r,
                JsonObject *o,
                const char *where)
{
  g_autoptr(RptSegmentRule) rule = g_new0 (RptSegmentRule, 1);
  const char *field = string_member (o, "field");
  const char *op = string_member (o, "op");
  gboolean found = FALSE;

  if (++r->conditions > MAX_CONDITIONS)
    {
      refuse (r, where, _("a rule has 200 conditions at most"));
      return NULL;
    }
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (fields) && !found; i++)
    if (g_str_equal (fields[i].name, field))
      {
        rule->field = i;
        found = TRUE;
      }
  if (!found)
    {
      refuse (r, where, _("“field” is not one a rule knows"));
      return NULL;
    }
  found = FALSE;
  for (guint i = 0; op != NULL && i < 3 && kind_ops[fields[rule->field].kind][i] != NULL && !found; i++)
    if (g_str_equal (kind_ops[fields[rule->field].kind][i], op))
      {
        rule->op = i;
        found = TRUE;
      }
  if (!found)
    {
      refuse (r, where, _("“op” does not go with this field"));
      return NULL;
    }
  return read_value (r, rule, o, where) ? g_steal_pointer (&rule) : NULL;
}

static RptSegmentRule *
read_node (Reader     *r,
           JsonNode   *node,
           const char *where,
           guint       depth)
{
  JsonObject *o;
  JsonNode *conditions;
  const char *match;
  g_autoptr(RptSegmentRule) group = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      refuse (r, where, _("a condition or group must be an object"));
      return NULL;
    }
  o = json_node_get_object (node);
  if (!json_object_has_member (o, "match"))
    return read_condition (r, o, where);
  if (depth >= MAX_DEPTH)
    {
      refuse (r, where, _("groups nest 8 deep at most"));
      return NULL;
    }
  match = string_member (o, "match");
  conditions = json_object_get_member (o, "conditions");
  if (g_strcmp0 (match, "all") != 0 && g_strcmp0 (match, "any") != 0)
    {
      refuse (r, where, _("“match” must be “all” or “any”"));
      return NULL;
    }
  if (conditions == NULL || !JSON_NODE_HOLDS_ARRAY (conditions))
    {
      refuse (r, where, _("“conditions” must be a list"));
      return NULL;
    }
  group = g_new0 (RptSegmentRule, 1);
  group->group = TRUE;
  group->any = g_str_equal (match, "any");
  group->children = g_ptr_array_new_with_free_func ((GDestroyNotify) rpt_segment_rule_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (conditions)); i++)
    {
      g_autofree char *place = g_strdup_printf ("%s.conditions[%u]", where, i);
      RptSegmentRule *child = read_node (r, json_array_get_element (json_node_get_array (conditions), i), place,
                                         depth + 1);

      if (child == NULL)
        return NULL;
      g_ptr_array_add (group->children, child);
    }
  return g_steal_pointer (&group);
}

RptSegmentRule *
rpt_segment_rule_new_from_json (const char  *json,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  Reader r = { error, 0 };
  gsize length = json != NULL ? strlen (json) : 0;
  guint depth = 0, deepest = 0;

  if (length == 0 || length > MAX_BYTES)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("A segment’s rule must be 1 byte to 64 KB of JSON."));
      return NULL;
    }
  /* nesting counted before the parser recurses into it */
  for (const char *p = json; *p; p++)
    {
      if (*p == '"')
        for (p++; *p && *p != '"'; p++)
          if (*p == '\\' && p[1])
            p++;
      if (*p == '{' || *p == '[')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((*p == '}' || *p == ']') && depth > 0)
        depth--;
      if (*p == '\0')
        break;
    }
  if (deepest > 2 * MAX_DEPTH + 2)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("The segment’s rule nests deeper than 8 groups."));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, (gssize) length, &local_error))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("The segment’s rule is not JSON: %s"), local_error->message);
      return NULL;
    }
  return read_node (&r, json_parser_get_root (parser), "rule", 0);
}

/* Writing -------------------------------------------------------------------- */

static void
write_node (JsonBuilder    *b,
            RptSegmentRule *rule)
{
  Kind kind;

  json_builder_begin_object (b);
  if (rule->group)
    {
      json_builder_set_member_name (b, "match");
      json_builder_add_string_value (b, rule->any ? "any" : "all");
      json_builder_set_member_name (b, "conditions");
      json_builder_begin_array (b);
      for (guint i = 0; i < rule->children->len; i++)
        write_node (b, rule->children->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      return;
    }
  kind = fields[rule->field].kind;
  json_builder_set_member_name (b, "field");
  json_builder_add_string_value (b, fields[rule->field].name);
  json_builder_set_member_name (b, "op");
  json_builder_add_string_value (b, kind_ops[kind][rule->op]);
  json_builder_set_member_name (b, "value");
  switch (kind)
    {
    case KIND_TEXT:
    case KIND_NAME:
    case KIND_TAG:
      json_builder_add_string_value (b, rule->text);
      if (rule->days > 0)
        {
          json_builder_set_member_name (b, "days");
          json_builder_add_int_value (b, rule->days);
        }
      break;
    case KIND_FLAG:
      json_builder_add_boolean_value (b, rule->flag);
      break;
    case KIND_CLASS:
      json_builder_add_string_value (b, (const char[]) { (char) ('A' + rule->number - RPT_VALUE_A), '\0' });
      break;
    case KIND_SEGMENT:
      json_builder_add_string_value (b, rpt_rfm_segment_to_key (rule->number));
      break;
    case KIND_WARNING:
      json_builder_add_string_value (b, rpt_warning_to_key (rule->number));
      break;
    case KIND_SCORE:
      json_builder_add_double_value (b, rule->real);
      json_builder_set_member_name (b, "questionnaire");
      json_builder_add_string_value (b, rule->questionnaire);
      json_builder_set_member_name (b, "dimension");
      json_builder_add_string_value (b, rule->dimension);
      break;
    case KIND_NUMBER:
    case KIND_AMOUNT:
    case KIND_DAYS:
    default:
      json_builder_add_int_value (b, rule->number);
      break;
    }
  json_builder_end_object (b);
}

char *
rpt_segment_rule_to_json (RptSegmentRule *rule)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  write_node (b, rule);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
rpt_segment_rule_uses_scores (RptSegmentRule *rule)
{
  if (!rule->group)
    {
      Kind kind = fields[rule->field].kind;

      return kind == KIND_CLASS || kind == KIND_SEGMENT || kind == KIND_WARNING;
    }
  for (guint i = 0; i < rule->children->len; i++)
    if (rpt_segment_rule_uses_scores (rule->children->pdata[i]))
      return TRUE;
  return FALSE;
}

/* SQL ------------------------------------------------------------------------- */

/* TODAY less DAYS, as YYYY-MM-DD */
static char *
days_before (const char *today,
             gint64      days)
{
  GDate date;
  char text[16];

  g_date_clear (&date, 1);
  g_date_set_parse (&date, today);
  if (!g_date_valid (&date))
    g_date_set_dmy (&date, 1, 1, 2000);
  g_date_subtract_days (&date, (guint) MIN (days, 36500));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

static void
condition_sql (RptSegmentRule *rule,
               const char     *today,
               GString        *sql,
               GPtrArray      *values)
{
  Kind kind = fields[rule->field].kind;
  const char *column = fields[rule->field].sql;
  const char *op = kind_ops[kind][rule->op];
  gboolean negate = g_str_has_prefix (op, "not-") || g_str_equal (op, "is-not") || g_str_equal (op, "has-not");

  switch (kind)
    {
    case KIND_TEXT:
    case KIND_NAME:
      if (g_str_equal (op, "contains"))
        g_string_append_printf (sql, "instr (lower (%s), lower (?)) > 0", column);
      else
        g_string_append_printf (sql, "%s %s ? COLLATE NOCASE", column, negate ? "<>" : "=");
      g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_string (rule->text)));
      break;
    case KIND_NUMBER:
    case KIND_CLASS:
    case KIND_SEGMENT:
      g_string_append_printf (sql, "%s %s ?", column, negate ? "<>" : "=");
      g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_int64 (rule->number)));
      break;
    case KIND_WARNING:
      g_string_append_printf (sql, "(%s & ?) %s 0", column, negate ? "=" : "<>");
      g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_int64 (rule->number)));
      break;
    case KIND_AMOUNT:
      g_string_append_printf (sql, "%s %s ?", column, op);
      g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_int64 (rule->number)));
      break;
    case KIND_FLAG:
      g_string_append_printf (sql, "(%s) = ?", column);
      g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_int64 (rule->flag ? 1 : 0)));
      break;
    case KIND_TAG:
      g_string_append_printf (sql, "%sEXISTS (SELECT 1 FROM customer_tags ct JOIN tags g ON g.id = ct.tag_id"
                                   " WHERE ct.customer_id = c.id AND g.name = ?%s)",
                              negate ? "NOT " : "", rule->days > 0 ? " AND ct.noted_on >= ?" : "");
      g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_string (rule->text)));
      if (rule->days > 0)
        g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_take_string (days_before (today, rule->days))));
      break;
    case KIND_DAYS:
      {
        g_autofree char *since = days_before (today, rule->number);
        const char *name = fields[rule->field].name;

        if (g_str_equal (name, "purchased"))
          {
            /* a purchase dated after today does not count yet */
            g_string_append_printf (sql, "%sEXISTS (SELECT 1 FROM timeline t WHERE t.customer_id = c.id"
                                         " AND t.kind = 0 AND t.occurred >= ? AND substr (t.occurred, 1, 10) <= ?)",
                                    negate ? "NOT " : "");
            g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_string (since)));
            g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_string (today)));
          }
        else
          {
            const char *col = g_str_equal (name, "created") ? "c.created" : "c.last_contact";

            if (negate)
              g_string_append_printf (sql, "(%s IS NULL OR %s < ?)", col, col);
            else
              g_string_append_printf (sql, "%s >= ?", col);
            g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_string (since)));
          }
        break;
      }
    case KIND_SCORE:
    default:
      g_string_append_printf (sql, "(SELECT sc.score FROM responses r JOIN questionnaires q ON q.id = r.questionnaire_id"
                                   " JOIN response_scores sc ON sc.response_id = r.id AND sc.dimension = ?"
                                   " WHERE r.customer_id = c.id AND q.key = ? AND r.completed IS NOT NULL"
                                   " ORDER BY r.completed DESC, r.id DESC LIMIT 1) %s ?", op);
      g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_string (rule->dimension)));
      g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_string (rule->questionnaire)));
      g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_double (rule->real)));
      break;
    }
}

static void
node_sql (RptSegmentRule *rule,
          const char     *today,
          GString        *sql,
          GPtrArray      *values)
{
  if (!rule->group)
    {
      condition_sql (rule, today, sql, values);
      return;
    }
  if (rule->children->len == 0)
    {
      /* all of nothing holds; any of nothing does not */
      g_string_append (sql, rule->any ? "0" : "1");
      return;
    }
  g_string_append_c (sql, '(');
  for (guint i = 0; i < rule->children->len; i++)
    {
      if (i > 0)
        g_string_append (sql, rule->any ? " OR " : " AND ");
      g_string_append_c (sql, '(');
      node_sql (rule->children->pdata[i], today, sql, values);
      g_string_append_c (sql, ')');
    }
  g_string_append_c (sql, ')');
}

char *
rpt_segment_rule_to_sql (RptSegmentRule *rule,
                         const char     *today,
                         GPtrArray      *values)
{
  GString *sql = g_string_new (NULL);

  node_sql (rule, today, sql, values);
  return g_string_free (sql, FALSE);
}
