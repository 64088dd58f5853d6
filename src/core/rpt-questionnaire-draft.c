/* rpt-questionnaire-draft.c — a questionnaire being designed, as its
 * JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-questionnaire"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rpt-questionnaire-draft.h"
#include "rpt-questionnaire-private.h"

#define MAX_UNDO 50

struct _RptQuestionnaireDraft
{
  JsonNode *root;
  gint64    source_id;
  char     *original;   /* the document as it began, to tell a change */
  GQueue    undo;       /* of char *: the document before each removal */
};

static char *
document_text (RptQuestionnaireDraft *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, self->root);
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (object, member, json_array_new ());
      node = json_object_get_member (object, member);
    }
  return json_node_get_array (node);
}

JsonObject *
rpt_questionnaire_draft_get_root (RptQuestionnaireDraft *self)
{
  return json_node_get_object (self->root);
}

JsonArray *
rpt_questionnaire_draft_get_sections (RptQuestionnaireDraft *self)
{
  return array_member (json_node_get_object (self->root), "sections");
}

JsonArray *
rpt_questionnaire_draft_get_dimensions (RptQuestionnaireDraft *self)
{
  return array_member (json_node_get_object (self->root), "dimensions");
}

JsonArray *
rpt_questionnaire_draft_get_questions (JsonObject *section)
{
  return array_member (section, "questions");
}

JsonArray *
rpt_questionnaire_draft_get_options (JsonObject *question)
{
  return array_member (question, "options");
}

JsonArray *
rpt_questionnaire_draft_get_rules (RptQuestionnaireDraft *self)
{
  JsonNode *node = json_object_get_member (json_node_get_object (self->root), "consistency");

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Keys: made up, never asked for ---------------------------------------- */

static gboolean
key_in (JsonArray  *array,
        const char *key)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (array, i),
                                                               "key", ""), key) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
question_key_taken (RptQuestionnaireDraft *self,
                    const char            *key)
{
  JsonArray *sections = rpt_questionnaire_draft_get_sections (self);

  for (guint i = 0; i < json_array_get_length (sections); i++)
    if (key_in (rpt_questionnaire_draft_get_questions (json_array_get_object_element (sections, i)), key))
      return TRUE;
  return FALSE;
}

/* “question-7”, the first number no sibling (or, for questions, no
 * question anywhere) has */
static char *
new_key (RptQuestionnaireDraft *self,
         const char            *prefix,
         JsonArray             *siblings)
{
  for (guint n = json_array_get_length (siblings) + 1;; n++)
    {
      g_autofree char *key = g_strdup_printf ("%s-%u", prefix, n);

      if (!key_in (siblings, key) && !(g_str_equal (prefix, "question") && question_key_taken (self, key)))
        return g_steal_pointer (&key);
    }
}

/* Texts and values ------------------------------------------------------ */

const char *
rpt_questionnaire_draft_get_text (JsonObject *object,
                                  const char *member,
                                  const char *language)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return "";
  return json_object_get_string_member_with_default (json_node_get_object (node), language, "");
}

static void
set_text (JsonObject *object,
          const char *member,
          const char *language,
          const char *value)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonObject *text;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      if (value == NULL || *value == '\0')
        return;
      json_object_set_object_member (object, member, json_object_new ());
      node = json_object_get_member (object, member);
    }
  text = json_node_get_object (node);
  if (value == NULL || *value == '\0')
    json_object_remove_member (text, language);
  else
    json_object_set_string_member (text, language, value);
  if (json_object_get_size (text) == 0)
    json_object_remove_member (object, member);
}

void
rpt_questionnaire_draft_set_text (RptQuestionnaireDraft *self,
                                  JsonObject            *object,
                                  const char            *member,
                                  const char            *language,
                                  const char            *value)
{
  set_text (object, member, language, value);
}

void
rpt_questionnaire_draft_set_string (RptQuestionnaireDraft *self,
                                    JsonObject            *object,
                                    const char            *member,
                                    const char            *value)
{
  if (value == NULL || *value == '\0')
    json_object_remove_member (object, member);
  else
    json_object_set_string_member (object, member, value);
}

void
rpt_questionnaire_draft_set_number (RptQuestionnaireDraft *self,
                                    JsonObject            *object,
                                    const char            *member,
                                    double                 value)
{
  json_object_set_double_member (object, member, value);
}

RptQuestionKind
rpt_questionnaire_draft_get_kind (JsonObject *question)
{
  int kind = _rpt_question_kind_from_string (json_object_get_string_member_with_default (question, "kind", ""));

  return kind < 0 ? RPT_QUESTION_TEXT : (RptQuestionKind) kind;
}

static gboolean
is_choice (RptQuestionKind kind)
{
  return kind == RPT_QUESTION_SINGLE || kind == RPT_QUESTION_MULTIPLE;
}

void
rpt_questionnaire_draft_set_kind (RptQuestionnaireDraft *self,
                                  JsonObject            *question,
                                  RptQuestionKind        kind)
{
  const char *language = json_object_get_string_member_with_default (json_node_get_object (self->root),
                                                                     "default_language", "en");

  json_object_set_string_member (question, "kind", _rpt_question_kind_to_string (kind));
  if (!is_choice (kind))
    json_object_remove_member (question, "options");
  else
    while (json_array_get_length (rpt_questionnaire_draft_get_options (question)) < 2)
      rpt_questionnaire_draft_add_option (self, question, language);
  if (kind != RPT_QUESTION_NUMBER)
    {
      json_object_remove_member (question, "min");
      json_object_remove_member (question, "max");
      json_object_remove_member (question, "unit");
    }
  else if (!json_object_has_member (question, "max"))
    {
      json_object_set_int_member (question, "min", 0);
      json_object_set_int_member (question, "max", 100);
    }
  if (kind == RPT_QUESTION_TEXT)
    {
      json_object_remove_member (question, "dimension");
      json_object_remove_member (question, "weight");
      json_object_remove_member (question, "reverse");
    }
}

/* Adding ---------------------------------------------------------------- */

static JsonObject *
add_part (RptQuestionnaireDraft *self,
          JsonArray             *siblings,
          const char            *prefix,
          const char            *text_member,
          const char            *language,
          const char            *text)
{
  JsonObject *part = json_object_new ();
  g_autofree char *key = new_key (self, prefix, siblings);

  json_object_set_string_member (part, "key", key);
  set_text (part, text_member, language, text);
  json_array_add_object_element (siblings, part);
  return part;
}

JsonObject *
rpt_questionnaire_draft_add_dimension (RptQuestionnaireDraft *self,
                                       const char            *language)
{
  JsonArray *dimensions = rpt_questionnaire_draft_get_dimensions (self);
  g_autofree char *title = g_strdup_printf (_("Dimension %u"), json_array_get_length (dimensions) + 1);

  return add_part (self, dimensions, "dimension", "title", language, title);
}

JsonObject *
rpt_questionnaire_draft_add_section (RptQuestionnaireDraft *self,
                                     const char            *language)
{
  JsonArray *sections = rpt_questionnaire_draft_get_sections (self);
  g_autofree char *title = g_strdup_printf (_("Section %u"), json_array_get_length (sections) + 1);
  JsonObject *section = add_part (self, sections, "section", "title", language, title);

  json_object_set_array_member (section, "questions", json_array_new ());
  return section;
}

/* A new scored question feeds the first dimension. */
JsonObject *
rpt_questionnaire_draft_add_question (RptQuestionnaireDraft *self,
                                      JsonObject            *section,
                                      RptQuestionKind        kind,
                                      const char            *language)
{
  JsonObject *question = json_object_new ();
  JsonArray *dimensions = rpt_questionnaire_draft_get_dimensions (self);
  g_autofree char *key = NULL;
  guint n = 1;

  for (guint i = 0; i < json_array_get_length (rpt_questionnaire_draft_get_sections (self)); i++)
    n += json_array_get_length (rpt_questionnaire_draft_get_questions (
           json_array_get_object_element (rpt_questionnaire_draft_get_sections (self), i)));
  do
    {
      g_free (key);
      key = g_strdup_printf ("question-%u", n++);
    }
  while (question_key_taken (self, key));
  json_object_set_string_member (question, "key", key);
  set_text (question, "text", language, _("New question"));
  json_array_add_object_element (rpt_questionnaire_draft_get_questions (section), question);
  if (kind != RPT_QUESTION_TEXT && json_array_get_length (dimensions) > 0)
    {
      json_object_set_string_member (question, "dimension",
                                     json_object_get_string_member (json_array_get_object_element (dimensions, 0),
                                                                    "key"));
      json_object_set_int_member (question, "weight", 1);
    }
  rpt_questionnaire_draft_set_kind (self, question, kind);
  return question;
}

/* Options score 0, 1, 2 … as they are added: the later, the better. */
JsonObject *
rpt_questionnaire_draft_add_option (RptQuestionnaireDraft *self,
                                    JsonObject            *question,
                                    const char            *language)
{
  JsonArray *options = rpt_questionnaire_draft_get_options (question);
  guint n = json_array_get_length (options);
  g_autofree char *text = g_strdup_printf (_("Option %u"), n + 1);
  JsonObject *option = add_part (self, options, "option", "text", language, text);

  json_object_set_int_member (option, "score", n);
  return option;
}

JsonObject *
rpt_questionnaire_draft_add_rule (RptQuestionnaireDraft *self)
{
  JsonArray *sections = rpt_questionnaire_draft_get_sections (self);
  const char *keys[2] = { NULL, NULL };
  guint found = 0;
  JsonObject *rule;
  JsonArray *measures;

  for (guint s = 0; s < json_array_get_length (sections) && found < 2; s++)
    {
      JsonArray *questions = rpt_questionnaire_draft_get_questions (json_array_get_object_element (sections, s));

      for (guint q = 0; q < json_array_get_length (questions) && found < 2; q++)
        {
          JsonObject *question = json_array_get_object_element (questions, q);

          if (rpt_questionnaire_draft_get_kind (question) != RPT_QUESTION_TEXT)
            keys[found++] = json_object_get_string_member_with_default (question, "key", "");
        }
    }
  if (found < 2)
    return NULL;
  if (rpt_questionnaire_draft_get_rules (self) == NULL)
    json_object_set_array_member (json_node_get_object (self->root), "consistency", json_array_new ());
  rule = json_object_new ();
  json_object_set_string_member (rule, "self", keys[0]);
  measures = json_array_new ();
  json_array_add_string_element (measures, keys[1]);
  json_object_set_array_member (rule, "measures", measures);
  json_object_set_int_member (rule, "tolerance", 25);
  json_array_add_object_element (rpt_questionnaire_draft_get_rules (self), rule);
  return rule;
}

void
rpt_questionnaire_draft_set_measures (RptQuestionnaireDraft *self,
                                      JsonObject            *rule,
                                      const char * const    *keys)
{
  JsonArray *measures = json_array_new ();

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    json_array_add_string_element (measures, keys[i]);
  json_object_set_array_member (rule, "measures", measures);
}

/* Finding, removing, moving ---------------------------------------------- */

/* The array holding PART and its place there */
static JsonArray *
find_part (RptQuestionnaireDraft *self,
           JsonObject            *part,
           guint                 *index)
{
  JsonArray *arrays[3] = { rpt_questionnaire_draft_get_dimensions (self), rpt_questionnaire_draft_get_sections (self),
                           rpt_questionnaire_draft_get_rules (self) };
  JsonArray *sections = arrays[1];

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; arrays[a] != NULL && i < json_array_get_length (arrays[a]); i++)
      if (json_array_get_object_element (arrays[a], i) == part)
        {
          *index = i;
          return arrays[a];
        }
  for (guint s = 0; s < json_array_get_length (sections); s++)
    {
      JsonArray *questions = rpt_questionnaire_draft_get_questions (json_array_get_object_element (sections, s));

      for (guint q = 0; q < json_array_get_length (questions); q++)
        {
          JsonObject *question = json_array_get_object_element (questions, q);
          JsonNode *options = json_object_get_member (question, "options");

          if (question == part)
            {
              *index = q;
              return questions;
            }
          for (guint o = 0; options != NULL && JSON_NODE_HOLDS_ARRAY (options)
                            && o < json_array_get_length (json_node_get_array (options)); o++)
            if (json_array_get_object_element (json_node_get_array (options), o) == part)
              {
                *index = o;
                return json_node_get_array (options);
              }
        }
    }
  return NULL;
}

/* Rules that name QUESTION_KEY lose it; a rule left without its
 * self-rating or without measures goes. */
static void
forget_question (RptQuestionnaireDraft *self,
                 const char            *question_key)
{
  JsonArray *rules = rpt_questionnaire_draft_get_rules (self);

  if (rules == NULL)
    return;
  for (guint i = json_array_get_length (rules); i-- > 0;)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      JsonArray *measures = array_member (rule, "measures");

      for (guint j = json_array_get_length (measures); j-- > 0;)
        if (g_strcmp0 (json_array_get_string_element (measures, j), question_key) == 0)
          json_array_remove_element (measures, j);
      if (g_strcmp0 (json_object_get_string_member_with_default (rule, "self", ""), question_key) == 0
          || json_array_get_length (measures) == 0)
        json_array_remove_element (rules, i);
    }
  if (json_array_get_length (rules) == 0)
    json_object_remove_member (json_node_get_object (self->root), "consistency");
}

static void
forget_dimension (RptQuestionnaireDraft *self,
                  const char            *dimension_key)
{
  JsonArray *sections = rpt_questionnaire_draft_get_sections (self);

  for (guint s = 0; s < json_array_get_length (sections); s++)
    {
      JsonArray *questions = rpt_questionnaire_draft_get_questions (json_array_get_object_element (sections, s));

      for (guint q = 0; q < json_array_get_length (questions); q++)
        {
          JsonObject *question = json_array_get_object_element (questions, q);

          if (g_strcmp0 (json_object_get_string_member_with_default (question, "dimension", ""), dimension_key) == 0)
            {
              json_object_remove_member (question, "dimension");
              json_object_remove_member (question, "weight");
              json_object_remove_member (question, "reverse");
            }
        }
    }
}

gboolean
rpt_questionnaire_draft_remove (RptQuestionnaireDraft *self,
                                JsonObject            *part)
{
  guint index = 0;
  JsonArray *array = find_part (self, part, &index);
  g_autofree char *key = NULL;

  if (array == NULL)
    return FALSE;
  g_queue_push_head (&self->undo, document_text (self));
  if (g_queue_get_length (&self->undo) > MAX_UNDO)
    g_free (g_queue_pop_tail (&self->undo));
  key = g_strdup (json_object_get_string_member_with_default (part, "key", ""));
  if (array == rpt_questionnaire_draft_get_dimensions (self))
    forget_dimension (self, key);
  else if (array == rpt_questionnaire_draft_get_sections (self))
    {
      JsonArray *questions = rpt_questionnaire_draft_get_questions (part);

      for (guint q = 0; q < json_array_get_length (questions); q++)
        forget_question (self, json_object_get_string_member_with_default (
                                 json_array_get_object_element (questions, q), "key", ""));
    }
  else if (json_object_has_member (part, "kind"))
    forget_question (self, key);
  json_array_remove_element (array, index);
  if (array == rpt_questionnaire_draft_get_rules (self) && json_array_get_length (array) == 0)
    json_object_remove_member (json_node_get_object (self->root), "consistency");
  return TRUE;
}

gboolean
rpt_questionnaire_draft_move (RptQuestionnaireDraft *self,
                              JsonObject            *part,
                              int                    delta)
{
  guint index = 0;
  JsonArray *array = find_part (self, part, &index);
  g_autoptr(GPtrArray) nodes = NULL;
  gint64 to;

  if (array == NULL)
    return FALSE;
  to = (gint64) index + delta;
  if (to < 0 || to >= json_array_get_length (array))
    return FALSE;
  /* JsonArray moves nothing in place: taken out whole and put back */
  nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (nodes, json_node_ref (json_array_get_element (array, i)));
  while (json_array_get_length (array) > 0)
    json_array_remove_element (array, 0);
  {
    gpointer moved = nodes->pdata[index];

    nodes->pdata[index] = nodes->pdata[to];
    nodes->pdata[to] = moved;
  }
  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (array, json_node_ref (nodes->pdata[i]));
  return TRUE;
}

gboolean
rpt_questionnaire_draft_can_undo (RptQuestionnaireDraft *self)
{
  return !g_queue_is_empty (&self->undo);
}

gboolean
rpt_questionnaire_draft_undo (RptQuestionnaireDraft *self)
{
  g_autofree char *before = g_queue_pop_head (&self->undo);
  JsonNode *root = before != NULL ? parse (before) : NULL;

  if (root == NULL)
    return FALSE;
  json_node_unref (self->root);
  self->root = root;
  return TRUE;
}

gboolean
rpt_questionnaire_draft_is_modified (RptQuestionnaireDraft *self)
{
  g_autofree char *now = document_text (self);

  return g_strcmp0 (now, self->original) != 0;
}

/* The draft as a whole ---------------------------------------------------- */

RptQuestionnaireDraft *
rpt_questionnaire_draft_new (RptQuestionnaire *source,
                             const char       *key,
                             const char       *language)
{
  RptQuestionnaireDraft *self = g_new0 (RptQuestionnaireDraft, 1);

  g_queue_init (&self->undo);
  if (source != NULL)
    {
      g_autofree char *json = rpt_questionnaire_to_json (source);

      self->root = parse (json);
      self->source_id = rpt_questionnaire_get_id (source);
    }
  else
    {
      g_autoptr(RptQuestionnaire) blank = _rpt_questionnaire_new (key);
      g_autofree char *json = NULL;

      g_free (blank->default_language);
      blank->default_language = g_strdup (language);
      _rpt_text_set (blank->title, language, _("New questionnaire"));
      json = rpt_questionnaire_to_json (blank);
      self->root = parse (json);
      rpt_questionnaire_draft_add_dimension (self, language);
      rpt_questionnaire_draft_add_question (self, rpt_questionnaire_draft_add_section (self, language),
                                            RPT_QUESTION_SCALE, language);
    }
  self->original = document_text (self);
  return self;
}

void
rpt_questionnaire_draft_free (RptQuestionnaireDraft *self)
{
  json_node_unref (self->root);
  g_free (self->original);
  g_queue_clear_full (&self->undo, g_free);
  g_free (self);
}

RptQuestionnaire *
rpt_questionnaire_draft_build (RptQuestionnaireDraft *self,
                               GError               **error)
{
  g_autofree char *json = document_text (self);
  RptQuestionnaire *q = rpt_questionnaire_new_from_json (json, -1, error);

  if (q != NULL)
    rpt_questionnaire_set_id (q, self->source_id);
  return q;
}
