/* rpt-questionnaire.c — questionnaires, read from and written to the
 * JSON format that rapport-cli questionnaire export writes
 *
 * A file from elsewhere is checked whole before anything is made of it:
 * its size, its nesting, every type, every key and reference; the first
 * fault is reported with where it is, and nothing is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-questionnaire"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rpt-error.h"
#include "rpt-questionnaire-private.h"

#define FORMAT_NAME     "rapport-questionnaire"
#define FORMAT_VERSION  1
#define MAX_BYTES       (4 * 1024 * 1024)
#define MAX_DEPTH       12
#define MAX_SECTIONS    100
#define MAX_QUESTIONS   1000
#define MAX_OPTIONS     50
#define MAX_DIMENSIONS  50
#define MAX_TEXT        4000

/* Texts ---------------------------------------------------------------- */

RptText *
_rpt_text_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
_rpt_text_set (RptText    *text,
               const char *language,
               const char *value)
{
  g_hash_table_insert (text, g_strdup (language), g_strdup (value));
}

/* TEXT in LANGUAGE; else in FALLBACK, English, or any language it has. */
const char *
rpt_text_get (RptText    *text,
              const char *language,
              const char *fallback)
{
  const char *value = NULL;
  GHashTableIter iter;

  if (text == NULL)
    return "";
  if (language != NULL && (value = g_hash_table_lookup (text, language)) != NULL)
    return value;
  /* zh_TW for zh_TW.UTF-8, es for es_MX */
  if (language != NULL)
    {
      g_autofree char *plain = g_strndup (language, strcspn (language, "@."));
      g_autofree char *base = g_strndup (language, strcspn (language, "_@."));

      if ((value = g_hash_table_lookup (text, plain)) != NULL || (value = g_hash_table_lookup (text, base)) != NULL)
        return value;
    }
  if (fallback != NULL && (value = g_hash_table_lookup (text, fallback)) != NULL)
    return value;
  if ((value = g_hash_table_lookup (text, "en")) != NULL)
    return value;
  g_hash_table_iter_init (&iter, text);
  return g_hash_table_iter_next (&iter, NULL, (gpointer *) &value) ? value : "";
}

/* The model ------------------------------------------------------------ */

void
_rpt_option_free (gpointer data)
{
  RptOption *option = data;

  g_free (option->key);
  g_clear_pointer (&option->text, g_hash_table_unref);
  g_free (option);
}

void
_rpt_question_free (gpointer data)
{
  RptQuestion *question = data;

  g_free (question->key);
  g_clear_pointer (&question->text, g_hash_table_unref);
  g_clear_pointer (&question->unit, g_hash_table_unref);
  g_free (question->dimension);
  g_free (question->updates);
  g_clear_pointer (&question->options, g_ptr_array_unref);
  g_free (question);
}

static void
section_free (gpointer data)
{
  RptSection *section = data;

  g_free (section->key);
  g_clear_pointer (&section->title, g_hash_table_unref);
  g_clear_pointer (&section->questions, g_ptr_array_unref);
  g_free (section);
}

static void
dimension_free (gpointer data)
{
  RptDimension *dimension = data;

  g_free (dimension->key);
  g_clear_pointer (&dimension->title, g_hash_table_unref);
  g_clear_pointer (&dimension->offering, g_hash_table_unref);
  g_free (dimension);
}

static void
rule_free (gpointer data)
{
  RptConsistencyRule *rule = data;

  g_free (rule->self);
  g_strfreev (rule->measures);
  g_free (rule);
}

RptQuestionnaire *
_rpt_questionnaire_new (const char *key)
{
  RptQuestionnaire *self = g_new0 (RptQuestionnaire, 1);

  g_atomic_ref_count_init (&self->ref);
  self->key = g_strdup (key);
  self->version = 1;
  self->default_language = g_strdup ("en");
  self->title = _rpt_text_new ();
  self->description = _rpt_text_new ();
  self->sections = g_ptr_array_new_with_free_func (section_free);
  self->dimensions = g_ptr_array_new_with_free_func (dimension_free);
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  self->questions = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

RptQuestionnaire *
rpt_questionnaire_ref (RptQuestionnaire *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
rpt_questionnaire_unref (RptQuestionnaire *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_free (self->key);
  g_free (self->default_language);
  g_clear_pointer (&self->title, g_hash_table_unref);
  g_clear_pointer (&self->description, g_hash_table_unref);
  g_hash_table_unref (self->questions);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->dimensions);
  g_ptr_array_unref (self->rules);
  g_free (self);
}

gint64
rpt_questionnaire_get_id (RptQuestionnaire *self)
{
  return self->id;
}

void
rpt_questionnaire_set_id (RptQuestionnaire *self,
                          gint64            id)
{
  self->id = id;
}

const char *
rpt_questionnaire_get_key (RptQuestionnaire *self)
{
  return self->key;
}

int
rpt_questionnaire_get_version (RptQuestionnaire *self)
{
  return self->version;
}

void
rpt_questionnaire_set_version (RptQuestionnaire *self,
                               int               version)
{
  self->version = version;
}

const char *
rpt_questionnaire_get_default_language (RptQuestionnaire *self)
{
  return self->default_language;
}

const char *
rpt_questionnaire_get_title (RptQuestionnaire *self,
                             const char       *language)
{
  return rpt_text_get (self->title, language, self->default_language);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

const char *
rpt_questionnaire_get_description (RptQuestionnaire *self,
                                   const char       *language)
{
  return rpt_text_get (self->description, language, self->default_language);
}

/* The languages the title is written in, sorted. */
char **
rpt_questionnaire_list_languages (RptQuestionnaire *self)
{
  guint n = 0;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (self->title, &n);
  char **languages = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    languages[i] = g_strdup (keys[i]);
  qsort (languages, n, sizeof (char *), compare_strings);
  return languages;
}

GPtrArray *
rpt_questionnaire_get_sections (RptQuestionnaire *self)
{
  return self->sections;
}

GPtrArray *
rpt_questionnaire_get_dimensions (RptQuestionnaire *self)
{
  return self->dimensions;
}

GPtrArray *
rpt_questionnaire_get_rules (RptQuestionnaire *self)
{
  return self->rules;
}

RptQuestion *
rpt_questionnaire_find_question (RptQuestionnaire *self,
                                 const char       *key)
{
  return key ? g_hash_table_lookup (self->questions, key) : NULL;
}

RptDimension *
rpt_questionnaire_find_dimension (RptQuestionnaire *self,
                                  const char       *key)
{
  for (guint i = 0; key != NULL && i < self->dimensions->len; i++)
    {
      RptDimension *dimension = self->dimensions->pdata[i];

      if (g_str_equal (dimension->key, key))
        return dimension;
    }
  return NULL;
}

guint
rpt_questionnaire_count_questions (RptQuestionnaire *self)
{
  return g_hash_table_size (self->questions);
}

/* Whether any question counts towards a dimension. */
gboolean
rpt_questionnaire_is_scored (RptQuestionnaire *self)
{
  GHashTableIter iter;
  RptQuestion *question;

  g_hash_table_iter_init (&iter, self->questions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &question))
    if (question->dimension != NULL && question->weight > 0)
      return TRUE;
  return FALSE;
}

RptOption *
rpt_question_find_option (RptQuestion *question,
                          const char  *key)
{
  for (guint i = 0; question->options != NULL && i < question->options->len; i++)
    {
      RptOption *option = question->options->pdata[i];

      if (g_str_equal (option->key, key))
        return option;
    }
  return NULL;
}

static const char *const kind_names[] = { "single", "multiple", "scale", "number", "yes-no", "text" };
static const char *const qualification_names[] = { "", "budget", "authority", "need", "timeline" };

const char *
_rpt_question_kind_to_string (RptQuestionKind kind)
{
  return kind < G_N_ELEMENTS (kind_names) ? kind_names[kind] : kind_names[RPT_QUESTION_TEXT];
}

static int name_index (const char *const *names,
                       guint               n_names,
                       const char         *name);

int
_rpt_question_kind_from_string (const char *name)
{
  return name_index (kind_names, G_N_ELEMENTS (kind_names), name);
}

const char *
rpt_qualification_to_string (RptQualification qualification)
{
  return qualification < RPT_N_QUALIFY ? qualification_names[qualification] : "";
}

/* Answers --------------------------------------------------------------- */

static gboolean
parse_number (const char *value,
              double     *number)
{
  char *end = NULL;

  if (value == NULL || *value == '\0')
    return FALSE;
  *number = g_ascii_strtod (value, &end);
  return end != value && *end == '\0' && isfinite (*number);
}

gboolean
rpt_question_check_answer (RptQuestion  *question,
                           const char   *value,
                           const char   *language,
                           GError      **error)
{
  const char *text = rpt_text_get (question->text, language, NULL);
  double number;

  if (value == NULL)
    value = "";
  switch (question->kind)
    {
    case RPT_QUESTION_SINGLE:
      if (rpt_question_find_option (question, value) != NULL)
        return TRUE;
      break;
    case RPT_QUESTION_MULTIPLE:
      {
        g_auto(GStrv) keys = g_strsplit (value, ",", -1);

        for (guint i = 0; keys[i] != NULL; i++)
          if (*keys[i] != '\0' && rpt_question_find_option (question, keys[i]) == NULL)
            goto bad;
        return TRUE;
      }
    case RPT_QUESTION_SCALE:
      if (parse_number (value, &number) && number >= 1 && number <= 5 && number == floor (number))
        return TRUE;
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("“%s”: the answer must be a whole number from 1 to 5."),
                   text);
      return FALSE;
    case RPT_QUESTION_NUMBER:
      if (parse_number (value, &number) && number >= question->min && number <= question->max)
        return TRUE;
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("“%s”: the answer must be a number from %g to %g."),
                   text, question->min, question->max);
      return FALSE;
    case RPT_QUESTION_YES_NO:
      if (g_str_equal (value, "yes") || g_str_equal (value, "no"))
        return TRUE;
      break;
    case RPT_QUESTION_TEXT:
      if (g_utf8_validate (value, -1, NULL) && strlen (value) <= 10000)
        return TRUE;
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("“%s”: the answer is too long."), text);
      return FALSE;
    default:
      break;
    }
bad:
  g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("“%s”: “%s” is not one of the answers it takes."),
               text, value);
  return FALSE;
}

gboolean
rpt_question_score (RptQuestion *question,
                    const char  *value,
                    double      *score)
{
  return question->dimension != NULL && rpt_question_worth (question, value, score);
}

/* What VALUE is worth, 0 … 1, whatever the question counts for: a
 * dimension, a qualification, a self-rating. */
gboolean
rpt_question_worth (RptQuestion *question,
                    const char  *value,
                    double      *score)
{
  double number, s = 0;

  if (value == NULL || !rpt_question_check_answer (question, value, NULL, NULL))
    return FALSE;
  switch (question->kind)
    {
    case RPT_QUESTION_SINGLE:
      {
        double best = 0;

        for (guint i = 0; i < question->options->len; i++)
          best = MAX (best, ((RptOption *) question->options->pdata[i])->score);
        s = best > 0 ? rpt_question_find_option (question, value)->score / best : 0;
        break;
      }
    case RPT_QUESTION_MULTIPLE:
      {
        g_auto(GStrv) keys = g_strsplit (value, ",", -1);
        double total = 0, got = 0;

        for (guint i = 0; i < question->options->len; i++)
          total += MAX (0, ((RptOption *) question->options->pdata[i])->score);
        for (guint i = 0; keys[i] != NULL; i++)
          if (*keys[i] != '\0')
            got += rpt_question_find_option (question, keys[i])->score;
        s = total > 0 ? got / total : 0;
        break;
      }
    case RPT_QUESTION_SCALE:
      parse_number (value, &number);
      s = (number - 1) / 4;
      break;
    case RPT_QUESTION_NUMBER:
      parse_number (value, &number);
      s = (number - question->min) / (question->max - question->min);
      break;
    case RPT_QUESTION_YES_NO:
      s = g_str_equal (value, "yes") ? 1 : 0;
      break;
    case RPT_QUESTION_TEXT:
    default:
      return FALSE;
    }
  s = CLAMP (s, 0, 1);
  *score = question->reverse ? 1 - s : s;
  return TRUE;
}

/* Reading JSON --------------------------------------------------------- */

typedef struct
{
  GError     **error;
  GString     *where;   /* “sections[2].questions[0].options” */
} Reader;

static gboolean
bad (Reader     *r,
     const char *message)
{
  if (r->error != NULL && *r->error == NULL)
    g_set_error (r->error, RPT_ERROR, RPT_ERROR_INVALID,
                 /* Translators: the first is a place in the file (“sections[2].title”), the second what is wrong there */
                 _("The questionnaire file is not valid at %s: %s"),
                 r->where->len > 0 ? r->where->str : "/", message);
  return FALSE;
}

static gsize
enter (Reader     *r,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static gsize
enter (Reader     *r,
       const char *format,
       ...)
{
  gsize mark = r->where->len;
  va_list args;

  if (mark > 0 && format[0] != '[')
    g_string_append_c (r->where, '.');
  va_start (args, format);
  g_string_append_vprintf (r->where, format, args);
  va_end (args);
  return mark;
}

static void
leave (Reader *r,
       gsize   mark)
{
  g_string_truncate (r->where, mark);
}

/* The fault MESSAGE at MEMBER of the place being read. */
static gboolean
bad_at (Reader     *r,
        const char *member,
        const char *message)
{
  gsize mark = enter (r, "%s", member);

  bad (r, message);
  leave (r, mark);
  return FALSE;
}

static gboolean
valid_key (const char *key)
{
  gsize n = strlen (key);

  if (n == 0 || n > 64)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
valid_language (const char *language)
{
  gsize n = strlen (language);

  /* en, zh_CN, zh_TW, es_419 */
  if (n < 2 || n > 12)
    return FALSE;
  for (const char *p = language; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* MEMBER of OBJECT as a string; NULL (and an error) if it is something
 * else, or missing when REQUIRED. */
static const char *
get_string (Reader     *r,
            JsonObject *object,
            const char *member,
            gboolean    required,
            gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        *ok = bad_at (r, member, _("it is missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = bad_at (r, member, _("it must be text"));
      return NULL;
    }
  value = json_node_get_string (node);
  if (strlen (value) > MAX_TEXT)
    {
      *ok = bad_at (r, member, _("the text is too long"));
      return NULL;
    }
  return value;
}

static double
get_number (Reader     *r,
            JsonObject *object,
            const char *member,
            double      fallback,
            double      min,
            double      max,
            gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, member);
  double value;
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      *ok = bad_at (r, member, _("it must be a number"));
      return fallback;
    }
  value = json_node_get_double (node);
  if (!isfinite (value) || value < min || value > max)
    {
      g_autofree char *message = g_strdup_printf (_("it must be a number from %g to %g"), min, max);

      *ok = bad_at (r, member, message);
      return fallback;
    }
  return value;
}

static gboolean
get_boolean (Reader     *r,
             JsonObject *object,
             const char *member,
             gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  *ok = bad_at (r, member, _("it must be true or false"));
  return FALSE;
}

static JsonArray *
get_array (Reader     *r,
           JsonObject *object,
           const char *member,
           guint       max,
           gboolean    required,
           gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize mark = enter (r, "%s", member);
  JsonArray *array = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        *ok = bad (r, _("it is missing"));
    }
  else if (!JSON_NODE_HOLDS_ARRAY (node))
    *ok = bad (r, _("it must be a list"));
  else if (json_array_get_length (json_node_get_array (node)) > max)
    {
      g_autofree char *message = g_strdup_printf (_("it has more than %u entries"), max);

      *ok = bad (r, message);
    }
  else
    array = json_node_get_array (node);
  leave (r, mark);
  return array;
}

static JsonObject *
element_object (Reader    *r,
                JsonArray *array,
                guint      index,
                gboolean  *ok)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *ok = bad (r, _("it must be an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* {"en": "…", "zh_CN": "…"}; REQUIRED: at least one language */
static RptText *
get_text (Reader     *r,
          JsonObject *object,
          const char *member,
          gboolean    required,
          gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize mark = enter (r, "%s", member);
  RptText *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        *ok = bad (r, _("it is missing"));
    }
  else if (!JSON_NODE_HOLDS_OBJECT (node))
    *ok = bad (r, _("it must be an object of texts by language, such as {\"en\": \"…\"}"));
  else
    {
      JsonObject *texts = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (texts);

      text = _rpt_text_new ();
      for (GList *l = members; l != NULL && *ok; l = l->next)
        {
          const char *value;

          if (!valid_language (l->data))
            {
              *ok = bad (r, _("a language must be a code such as en, es or zh_CN"));
              break;
            }
          value = get_string (r, texts, l->data, TRUE, ok);
          if (value != NULL)
            _rpt_text_set (text, l->data, value);
        }
      if (*ok && required && g_hash_table_size (text) == 0)
        *ok = bad (r, _("it has no text in any language"));
      if (!*ok)
        g_clear_pointer (&text, g_hash_table_unref);
    }
  leave (r, mark);
  return text;
}

static const char *
get_key (Reader     *r,
         JsonObject *object,
         gboolean   *ok)
{
  const char *key = get_string (r, object, "key", TRUE, ok);

  if (key != NULL && !valid_key (key))
    {
      *ok = bad_at (r, "key", _("a key is 1 to 64 letters, digits, “-” or “_”"));
      return NULL;
    }
  return key;
}

static int
name_index (const char *const *names,
            guint               n_names,
            const char         *name)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    if (g_str_equal (names[i], name))
      return (int) i;
  return -1;
}

static RptQuestion *
read_question (Reader           *r,
               RptQuestionnaire *self,
               JsonObject       *object,
               gboolean         *ok)
{
  RptQuestion *question = g_new0 (RptQuestion, 1);
  const char *key = get_key (r, object, ok);
  const char *kind = get_string (r, object, "kind", TRUE, ok);
  const char *qualification = get_string (r, object, "qualification", FALSE, ok);
  const char *dimension = get_string (r, object, "dimension", FALSE, ok);
  const char *updates = get_string (r, object, "updates", FALSE, ok);
  int kind_index = name_index (kind_names, G_N_ELEMENTS (kind_names), kind);
  JsonArray *options;

  question->key = g_strdup (key);
  question->text = get_text (r, object, "text", TRUE, ok);
  question->unit = get_text (r, object, "unit", FALSE, ok);
  question->weight = get_number (r, object, "weight", 1, 0, 1000, ok);
  question->reverse = get_boolean (r, object, "reverse", ok);
  question->min = get_number (r, object, "min", 0, -1e12, 1e12, ok);
  question->max = get_number (r, object, "max", 100, -1e12, 1e12, ok);
  question->dimension = g_strdup (dimension);
  question->updates = g_strdup (updates);
  if (!*ok)
    return question;
  if (kind_index < 0)
    {
      *ok = bad_at (r, "kind", _("it must be single, multiple, scale, number, yes-no or text"));
      return question;
    }
  question->kind = kind_index;
  if (qualification != NULL)
    {
      int q = name_index (qualification_names, G_N_ELEMENTS (qualification_names), qualification);

      if (q <= 0)
        {
          *ok = bad_at (r, "qualification", _("it must be budget, authority, need or timeline"));
          return question;
        }
      question->qualification = q;
    }
  if (g_hash_table_contains (self->questions, key))
    {
      *ok = bad_at (r, "key", _("another question has the same key"));
      return question;
    }
  if (dimension != NULL && rpt_questionnaire_find_dimension (self, dimension) == NULL)
    {
      *ok = bad_at (r, "dimension", _("no dimension has this key"));
      return question;
    }
  if (question->kind == RPT_QUESTION_TEXT && dimension != NULL)
    {
      *ok = bad (r, _("a free-text question cannot be scored"));
      return question;
    }
  if (question->kind == RPT_QUESTION_NUMBER && !(question->min < question->max))
    {
      *ok = bad (r, _("a number question needs a minimum below its maximum"));
      return question;
    }
  options = get_array (r, object, "options", MAX_OPTIONS,
                       question->kind == RPT_QUESTION_SINGLE || question->kind == RPT_QUESTION_MULTIPLE, ok);
  if (options == NULL)
    return question;
  question->options = g_ptr_array_new_with_free_func (_rpt_option_free);
  for (guint i = 0; i < json_array_get_length (options) && *ok; i++)
    {
      gsize mark = enter (r, "options[%u]", i);
      JsonObject *o = element_object (r, options, i, ok);
      RptOption *option;

      if (o == NULL)
        {
          leave (r, mark);
          break;
        }
      option = g_new0 (RptOption, 1);
      option->key = g_strdup (get_key (r, o, ok));
      option->text = get_text (r, o, "text", TRUE, ok);
      option->score = get_number (r, o, "score", 0, -1000, 1000, ok);
      g_ptr_array_add (question->options, option);
      if (*ok && rpt_question_find_option (question, option->key) != option)
        *ok = bad (r, _("another option has the same key"));
      leave (r, mark);
    }
  if (*ok && question->options->len < 2
      && (question->kind == RPT_QUESTION_SINGLE || question->kind == RPT_QUESTION_MULTIPLE))
    *ok = bad (r, _("a choice needs at least two options"));
  return question;
}

static gboolean
read_dimensions (Reader           *r,
                 RptQuestionnaire *self,
                 JsonObject       *root)
{
  gboolean ok = TRUE;
  JsonArray *dimensions = get_array (r, root, "dimensions", MAX_DIMENSIONS, FALSE, &ok);

  for (guint i = 0; dimensions != NULL && i < json_array_get_length (dimensions) && ok; i++)
    {
      gsize mark = enter (r, "dimensions[%u]", i);
      JsonObject *o = element_object (r, dimensions, i, &ok);
      RptDimension *dimension;

      if (o != NULL)
        {
          dimension = g_new0 (RptDimension, 1);
          dimension->key = g_strdup (get_key (r, o, &ok));
          dimension->title = get_text (r, o, "title", TRUE, &ok);
          dimension->offering = get_text (r, o, "offering", FALSE, &ok);
          if (ok && rpt_questionnaire_find_dimension (self, dimension->key) != NULL)
            ok = bad (r, _("another dimension has the same key"));
          g_ptr_array_add (self->dimensions, dimension);
        }
      leave (r, mark);
    }
  return ok;
}

static gboolean
read_sections (Reader           *r,
               RptQuestionnaire *self,
               JsonObject       *root)
{
  gboolean ok = TRUE;
  JsonArray *sections = get_array (r, root, "sections", MAX_SECTIONS, TRUE, &ok);

  for (guint i = 0; sections != NULL && i < json_array_get_length (sections) && ok; i++)
    {
      gsize mark = enter (r, "sections[%u]", i);
      JsonObject *o = element_object (r, sections, i, &ok);
      RptSection *section;
      JsonArray *questions;

      if (o == NULL)
        {
          leave (r, mark);
          break;
        }
      section = g_new0 (RptSection, 1);
      section->key = g_strdup (get_key (r, o, &ok));
      section->title = get_text (r, o, "title", TRUE, &ok);
      section->questions = g_ptr_array_new_with_free_func (_rpt_question_free);
      g_ptr_array_add (self->sections, section);
      questions = get_array (r, o, "questions", MAX_QUESTIONS, TRUE, &ok);
      for (guint j = 0; questions != NULL && j < json_array_get_length (questions) && ok; j++)
        {
          gsize qmark = enter (r, "questions[%u]", j);
          JsonObject *q = element_object (r, questions, j, &ok);

          if (q != NULL)
            {
              RptQuestion *question = read_question (r, self, q, &ok);

              g_ptr_array_add (section->questions, question);
              if (ok)
                g_hash_table_insert (self->questions, question->key, question);
              if (ok && g_hash_table_size (self->questions) > MAX_QUESTIONS)
                ok = bad (r, _("the questionnaire has too many questions"));
            }
          leave (r, qmark);
        }
      leave (r, mark);
    }
  if (ok && g_hash_table_size (self->questions) == 0)
    ok = bad (r, _("the questionnaire has no questions"));
  return ok;
}

static gboolean
read_rules (Reader           *r,
            RptQuestionnaire *self,
            JsonObject       *root)
{
  gboolean ok = TRUE;
  JsonArray *rules = get_array (r, root, "consistency", MAX_QUESTIONS, FALSE, &ok);

  for (guint i = 0; rules != NULL && i < json_array_get_length (rules) && ok; i++)
    {
      gsize mark = enter (r, "consistency[%u]", i);
      JsonObject *o = element_object (r, rules, i, &ok);
      RptConsistencyRule *rule;
      JsonArray *measures;
      RptQuestion *self_question;

      if (o == NULL)
        {
          leave (r, mark);
          break;
        }
      rule = g_new0 (RptConsistencyRule, 1);
      g_ptr_array_add (self->rules, rule);
      rule->self = g_strdup (get_string (r, o, "self", TRUE, &ok));
      rule->tolerance = get_number (r, o, "tolerance", 25, 0, 100, &ok);
      measures = get_array (r, o, "measures", 100, TRUE, &ok);
      self_question = rpt_questionnaire_find_question (self, rule->self);
      if (ok && (self_question == NULL || self_question->kind == RPT_QUESTION_TEXT))
        ok = bad (r, _("“self” must be the key of a question that is not free text"));
      rule->measures = g_new0 (char *, (measures ? json_array_get_length (measures) : 0) + 1);
      for (guint j = 0; ok && measures != NULL && j < json_array_get_length (measures); j++)
        {
          JsonNode *node = json_array_get_element (measures, j);
          RptQuestion *measure = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                                 ? rpt_questionnaire_find_question (self, json_node_get_string (node)) : NULL;

          if (measure == NULL || measure->kind == RPT_QUESTION_TEXT || measure == self_question)
            ok = bad (r, _("“measures” must list keys of other questions that are not free text"));
          else
            rule->measures[j] = g_strdup (measure->key);
        }
      if (ok && (measures == NULL || json_array_get_length (measures) == 0))
        ok = bad (r, _("“measures” is empty"));
      leave (r, mark);
    }
  return ok;
}

/* Every dimension must count: a dimension whose questions weigh nothing
 * would show a score no answer can move. */
static gboolean
check_weights (Reader           *r,
               RptQuestionnaire *self)
{
  for (guint i = 0; i < self->dimensions->len; i++)
    {
      RptDimension *dimension = self->dimensions->pdata[i];
      double weight = 0;
      GHashTableIter iter;
      RptQuestion *question;

      g_hash_table_iter_init (&iter, self->questions);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &question))
        if (g_strcmp0 (question->dimension, dimension->key) == 0)
          weight += question->weight;
      if (weight <= 0)
        {
          g_autofree char *place = g_strdup_printf ("dimensions[%u]", i);
          g_autofree char *message = g_strdup_printf (_("the dimension “%s” has no question with a weight above 0"),
                                                      dimension->key);

          return bad_at (r, place, message);
        }
    }
  return TRUE;
}

/* How deep arrays and objects nest, strings skipped: checked before the
 * parser sees the text, which would otherwise recurse as deep as a
 * malicious file asks. */
static gboolean
nesting_within (const char *json,
                gsize       length,
                int         max)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

RptQuestionnaire *
rpt_questionnaire_new_from_json (const char  *json,
                                 gssize       length,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RptQuestionnaire) self = NULL;
  g_autoptr(GString) where = g_string_new (NULL);
  Reader r = { error, where };
  JsonNode *root;
  JsonObject *object;
  gboolean ok = TRUE;
  const char *format, *key, *language;

  if (length < 0)
    length = strlen (json);
  if (length > MAX_BYTES)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("The questionnaire file is too large (more than %d MB)."), MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate_len (json, length, NULL))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("The questionnaire file is not UTF-8 text."));
      return NULL;
    }
  if (!nesting_within (json, length, MAX_DEPTH))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("The questionnaire file nests deeper than a questionnaire does."));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("The questionnaire file is not JSON: %s"),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bad (&r, _("it must be an object"));
      return NULL;
    }
  object = json_node_get_object (root);
  format = get_string (&r, object, "format", TRUE, &ok);
  if (ok && !g_str_equal (format, FORMAT_NAME))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("This is not a questionnaire file (its format is “%s”)."), format);
      return NULL;
    }
  if (ok && get_number (&r, object, "format_version", 1, 1, 1000, &ok) > FORMAT_VERSION)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("The questionnaire file was written by a newer version of Rapport."));
      return NULL;
    }
  key = ok ? get_key (&r, object, &ok) : NULL;
  if (!ok)
    return NULL;
  self = _rpt_questionnaire_new (key);
  self->version = (int) get_number (&r, object, "version", 1, 1, 1e6, &ok);
  language = get_string (&r, object, "default_language", FALSE, &ok);
  if (language != NULL && valid_language (language))
    {
      g_free (self->default_language);
      self->default_language = g_strdup (language);
    }
  g_clear_pointer (&self->title, g_hash_table_unref);
  self->title = get_text (&r, object, "title", TRUE, &ok);
  if (!ok)
    return NULL;
  g_clear_pointer (&self->description, g_hash_table_unref);
  self->description = get_text (&r, object, "description", FALSE, &ok);
  if (self->description == NULL)
    self->description = _rpt_text_new ();
  if (!ok || !read_dimensions (&r, self, object) || !read_sections (&r, self, object)
      || !read_rules (&r, self, object) || !check_weights (&r, self))
    return NULL;
  return g_steal_pointer (&self);
}

/* Writing JSON ---------------------------------------------------------- */

static void
add_text (JsonBuilder *builder,
          const char  *member,
          RptText     *text)
{
  g_autoptr(GList) keys = NULL;

  if (text == NULL || g_hash_table_size (text) == 0)
    return;
  keys = g_list_sort (g_hash_table_get_keys (text), (GCompareFunc) strcmp);
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, g_hash_table_lookup (text, l->data));
    }
  json_builder_end_object (builder);
}

static void
add_member_string (JsonBuilder *builder,
                   const char  *member,
                   const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_member_double (JsonBuilder *builder,
                   const char  *member,
                   double       value)
{
  json_builder_set_member_name (builder, member);
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_question (JsonBuilder *builder,
              RptQuestion *question)
{
  json_builder_begin_object (builder);
  add_member_string (builder, "key", question->key);
  add_member_string (builder, "kind", kind_names[question->kind]);
  add_text (builder, "text", question->text);
  add_text (builder, "unit", question->unit);
  add_member_string (builder, "dimension", question->dimension);
  if (question->dimension != NULL)
    add_member_double (builder, "weight", question->weight);
  if (question->reverse)
    {
      json_builder_set_member_name (builder, "reverse");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (question->qualification != RPT_QUALIFY_NONE)
    add_member_string (builder, "qualification", qualification_names[question->qualification]);
  add_member_string (builder, "updates", question->updates);
  if (question->kind == RPT_QUESTION_NUMBER)
    {
      add_member_double (builder, "min", question->min);
      add_member_double (builder, "max", question->max);
    }
  if (question->options != NULL)
    {
      json_builder_set_member_name (builder, "options");
      json_builder_begin_array (builder);
      for (guint i = 0; i < question->options->len; i++)
        {
          RptOption *option = question->options->pdata[i];

          json_builder_begin_object (builder);
          add_member_string (builder, "key", option->key);
          add_text (builder, "text", option->text);
          add_member_double (builder, "score", option->score);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

char *
rpt_questionnaire_to_json (RptQuestionnaire *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_member_string (builder, "format", FORMAT_NAME);
  add_member_double (builder, "format_version", FORMAT_VERSION);
  add_member_string (builder, "key", self->key);
  add_member_double (builder, "version", self->version);
  add_member_string (builder, "default_language", self->default_language);
  add_text (builder, "title", self->title);
  add_text (builder, "description", self->description);
  json_builder_set_member_name (builder, "dimensions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->dimensions->len; i++)
    {
      RptDimension *dimension = self->dimensions->pdata[i];

      json_builder_begin_object (builder);
      add_member_string (builder, "key", dimension->key);
      add_text (builder, "title", dimension->title);
      add_text (builder, "offering", dimension->offering);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->sections->len; i++)
    {
      RptSection *section = self->sections->pdata[i];

      json_builder_begin_object (builder);
      add_member_string (builder, "key", section->key);
      add_text (builder, "title", section->title);
      json_builder_set_member_name (builder, "questions");
      json_builder_begin_array (builder);
      for (guint j = 0; j < section->questions->len; j++)
        add_question (builder, section->questions->pdata[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (self->rules->len > 0)
    {
      json_builder_set_member_name (builder, "consistency");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->rules->len; i++)
        {
          RptConsistencyRule *rule = self->rules->pdata[i];

          json_builder_begin_object (builder);
          add_member_string (builder, "self", rule->self);
          json_builder_set_member_name (builder, "measures");
          json_builder_begin_array (builder);
          for (guint j = 0; rule->measures[j] != NULL; j++)
            json_builder_add_string_value (builder, rule->measures[j]);
          json_builder_end_array (builder);
          add_member_double (builder, "tolerance", rule->tolerance);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}
