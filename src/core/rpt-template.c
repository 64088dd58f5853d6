/* rpt-template.c — Mustache, as its specification says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rpt-template.h"

#define MAX_SECTION_DEPTH 256
#define MAX_PARTIAL_DEPTH 64
/* Sections in partials in sections…: bounds the recursion of a render */
#define MAX_RENDER_DEPTH  1024

#define BLANKS " \t"
#define SPACES " \t\r\n"

typedef struct
{
  int line;
  int column;
} RptTemplateErrorPrivate;

/* GLib hands the private data over zero-filled: no position */
static void
rpt_template_error_private_init (RptTemplateErrorPrivate *priv)
{
}

static void
rpt_template_error_private_copy (const RptTemplateErrorPrivate *src,
                                 RptTemplateErrorPrivate       *dest)
{
  *dest = *src;
}

static void
rpt_template_error_private_clear (RptTemplateErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (RptTemplateError, rpt_template_error)

typedef enum
{
  NODE_TEXT,
  NODE_INDENT,      /* a line of the source begins: a standalone partial indents it */
  NODE_VARIABLE,
  NODE_SECTION,
  NODE_INVERTED,
  NODE_PARTIAL,
} NodeKind;

/* The nodes of a template are one array; a section's body is the nodes
 * after it, up to its end. */
typedef struct
{
  NodeKind    kind;
  gboolean    raw;          /* variables: {{{ }}} or {{& }} */
  gboolean    standalone;   /* partials: alone on their line, text is their indentation */
  int         line;
  int         column;
  guint       end;          /* sections: the index of the node after the body */
  const char *text;         /* into the template's source */
  gsize       len;
  char       *name;
  char      **path;         /* the name split at its dots; NULL for “.” */
  char       *formatter;
  char       *argument;
} Node;

struct _RptTemplate
{
  gatomicrefcount  ref_count;
  char            *source;
  GArray          *nodes;
};

struct _RptPartials
{
  gatomicrefcount   ref_count;
  RptPartialLookup  lookup;
  gpointer          user_data;
  GDestroyNotify    destroy;
  GMutex            mutex;
  GHashTable       *cache;  /* name → RptTemplate, or NULL when there is no such partial */
};

/* Always FALSE, to return it */
static gboolean
set_error (GError           **error,
           RptTemplateError   code,
           int                line,
           int                column,
           const char        *format,
           ...) G_GNUC_PRINTF (5, 6);

static gboolean
set_error (GError           **error,
           RptTemplateError   code,
           int                line,
           int                column,
           const char        *format,
           ...)
{
  g_autofree char *detail = NULL;
  RptTemplateErrorPrivate *priv;
  GError *new_error;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  new_error = g_error_new (RPT_TEMPLATE_ERROR, code, _("Line %d, column %d: %s"), line, column,
                           detail);
  priv = rpt_template_error_get_private (new_error);
  priv->line = line;
  priv->column = column;
  g_propagate_error (error, new_error);
  return FALSE;
}

gboolean
rpt_template_error_position (const GError *error,
                             int          *line,
                             int          *column)
{
  const RptTemplateErrorPrivate *priv;

  if (error == NULL || error->domain != RPT_TEMPLATE_ERROR)
    return FALSE;
  priv = rpt_template_error_get_private (error);
  if (priv->line <= 0)
    return FALSE;
  if (line != NULL)
    *line = priv->line;
  if (column != NULL)
    *column = priv->column;
  return TRUE;
}

static void
node_clear (gpointer data)
{
  Node *node = data;

  g_free (node->name);
  g_strfreev (node->path);
  g_free (node->formatter);
  g_free (node->argument);
}

static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  const char *run = text, *end = text + len;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        default: continue;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, end - run);
}

char *
rpt_escape_markup (const char *text,
                   gssize      len)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  out = g_string_sized_new (len);
  append_escaped (out, text, len);
  return g_string_free (out, FALSE);
}

/* Parsing */

typedef struct
{
  RptTemplate *self;
  const char  *source;
  gsize        pos;           /* the source before is in nodes */
  gboolean     line_begins;   /* a line begins at pos and has no node yet */
  char        *open;
  char        *close;
  GArray      *sections;      /* the indices of the sections still open */
  gsize        cursor;        /* where position () last counted up to */
  int          cursor_line;
  int          cursor_column;
} Parser;

static void
position (Parser *p,
          gsize   offset,
          int    *line,
          int    *column)
{
  if (offset < p->cursor)
    {
      p->cursor = 0;
      p->cursor_line = p->cursor_column = 1;
    }
  for (; p->cursor < offset; p->cursor++)
    {
      guchar c = p->source[p->cursor];

      if (c == '\n')
        {
          p->cursor_line++;
          p->cursor_column = 1;
        }
      else if ((c & 0xC0) != 0x80)
        p->cursor_column++;
    }
  *line = p->cursor_line;
  *column = p->cursor_column;
}

static Node *
append_node (Parser   *p,
             NodeKind  kind)
{
  Node node = { .kind = kind };

  g_array_append_val (p->self->nodes, node);
  return &g_array_index (p->self->nodes, Node, p->self->nodes->len - 1);
}

/* A line that stays in the output starts with an INDENT node; a
 * standalone tag's line disappears, and its nodes use append_node (). */
static void
begin_line (Parser *p)
{
  if (p->line_begins)
    append_node (p, NODE_INDENT);
  p->line_begins = FALSE;
}

static void
add_text (Parser *p,
          gsize   end)
{
  Node *node;

  begin_line (p);
  node = append_node (p, NODE_TEXT);
  node->text = p->source + p->pos;
  node->len = end - p->pos;
  p->pos = end;
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  return strspn (text, BLANKS) >= len;
}

/* The source up to END becomes text nodes, one a line; blanks that start
 * a line before a tag wait: they go if the tag is standalone. */
static void
add_lines (Parser   *p,
           gsize     end,
           gboolean  before_tag)
{
  while (p->pos < end)
    {
      const char *newline = memchr (p->source + p->pos, '\n', end - p->pos);

      if (newline == NULL && before_tag && p->line_begins
          && is_blank (p->source + p->pos, end - p->pos))
        return;
      add_text (p, newline != NULL ? (gsize) (newline - p->source) + 1 : end);
      p->line_begins = newline != NULL;
    }
}

/* A tag that is not standalone: its line stays, with the blanks before it */
static void
keep_line (Parser *p,
           gsize   tag_start)
{
  begin_line (p);
  if (p->pos < tag_start)
    add_text (p, tag_start);
}

static gboolean
is_standalone (Parser *p,
               gsize   tag_start,
               gsize   tag_end,
               gsize  *line_end)
{
  const char *after = p->source + tag_end + strspn (p->source + tag_end, BLANKS);

  if (!p->line_begins || !is_blank (p->source + p->pos, tag_start - p->pos))
    return FALSE;
  if (after[0] == '\n')
    after += 1;
  else if (after[0] == '\r' && after[1] == '\n')
    after += 2;
  else if (after[0] != '\0')
    return FALSE;
  *line_end = after - p->source;
  return TRUE;
}

/* A name is one word, made of parts between dots, or just a dot */
static char *
parse_name (const char  *text,
            gsize        len,
            int          line,
            int          column,
            GError     **error)
{
  g_autofree char *name = g_strstrip (g_strndup (text, len));

  if (*name == '\0')
    {
      set_error (error, RPT_TEMPLATE_ERROR_SYNTAX, line, column, _("a name is missing in the tag"));
      return NULL;
    }
  if (name[strcspn (name, SPACES "|")] != '\0'
      || (!g_str_equal (name, ".")
          && (name[0] == '.' || g_str_has_suffix (name, ".") || strstr (name, "..") != NULL)))
    {
      set_error (error, RPT_TEMPLATE_ERROR_SYNTAX, line, column, _("“%s” is not a valid name"),
                 name);
      return NULL;
    }
  return g_steal_pointer (&name);
}

static Node *
add_named (Parser      *p,
           NodeKind     kind,
           const char  *text,
           gsize        len,
           int          line,
           int          column,
           GError     **error)
{
  char *name = parse_name (text, len, line, column, error);
  Node *node;

  if (name == NULL)
    return NULL;
  node = append_node (p, kind);
  node->name = name;
  node->path = g_str_equal (name, ".") ? NULL : g_strsplit (name, ".", -1);
  node->line = line;
  node->column = column;
  return node;
}

/* {{ name }}, {{ name | formatter }} or {{ name | formatter:argument }} */
static gboolean
add_variable (Parser      *p,
              const char  *text,
              gsize        len,
              gboolean     raw,
              int          line,
              int          column,
              GError     **error)
{
  const char *bar = memchr (text, '|', len);
  const char *colon;
  Node *node = add_named (p, NODE_VARIABLE, text, bar != NULL ? (gsize) (bar - text) : len, line,
                          column, error);

  if (node == NULL)
    return FALSE;
  node->raw = raw;
  if (bar == NULL)
    return TRUE;
  bar++;
  len -= bar - text;
  colon = memchr (bar, ':', len);
  node->formatter = parse_name (bar, colon != NULL ? (gsize) (colon - bar) : len, line, column,
                                error);
  if (node->formatter == NULL)
    return FALSE;
  if (colon != NULL)
    node->argument = g_strstrip (g_strndup (colon + 1, len - (colon + 1 - bar)));
  return TRUE;
}

static gboolean
open_section (Parser      *p,
              NodeKind     kind,
              const char  *text,
              gsize        len,
              int          line,
              int          column,
              GError     **error)
{
  guint index = p->self->nodes->len;

  if (p->sections->len == MAX_SECTION_DEPTH)
    return set_error (error, RPT_TEMPLATE_ERROR_SYNTAX, line, column,
                      _("sections are nested more than %d deep"), MAX_SECTION_DEPTH);
  if (add_named (p, kind, text, len, line, column, error) == NULL)
    return FALSE;
  g_array_append_val (p->sections, index);
  return TRUE;
}

static gboolean
close_section (Parser      *p,
               const char  *text,
               gsize        len,
               int          line,
               int          column,
               GError     **error)
{
  g_autofree char *name = parse_name (text, len, line, column, error);
  Node *open;

  if (name == NULL)
    return FALSE;
  if (p->sections->len == 0)
    return set_error (error, RPT_TEMPLATE_ERROR_SYNTAX, line, column,
                      _("“%s” closes a section that is not open"), name);
  open = &g_array_index (p->self->nodes, Node,
                         g_array_index (p->sections, guint, p->sections->len - 1));
  if (!g_str_equal (open->name, name))
    return set_error (error, RPT_TEMPLATE_ERROR_SYNTAX, line, column,
                      _("“%s” cannot close the section “%s” opened at line %d, column %d"),
                      name, open->name, open->line, open->column);
  open->end = p->self->nodes->len;
  g_array_set_size (p->sections, p->sections->len - 1);
  return TRUE;
}

/* {{=<% %>=}}: two words, the new opening and closing markers */
static gboolean
set_delimiters (Parser      *p,
                const char  *text,
                gsize        len,
                int          line,
                int          column,
                GError     **error)
{
  g_autofree char *words = g_strstrip (g_strndup (text, len));
  char *gap = words + strcspn (words, SPACES);
  char *second = gap + strspn (gap, SPACES);

  if (*words == '\0' || *gap == '\0' || second[strcspn (second, SPACES)] != '\0')
    return set_error (error, RPT_TEMPLATE_ERROR_SYNTAX, line, column,
                      _("new delimiters are two markers with a space between, "
                        "as in “{{=<%% %%>=}}”"));
  *gap = '\0';
  g_free (p->open);
  g_free (p->close);
  p->open = g_strdup (words);
  p->close = g_strdup (second);
  return TRUE;
}

/* The closing marker, after SUFFIX when there is one: }}} ends {{{ */
static const char *
find_close (const char *from,
            const char *close,
            char        suffix)
{
  for (const char *q = strstr (from, close); q != NULL; q = strstr (q + 1, close))
    {
      if (suffix == '\0')
        return q;
      if (q > from && q[-1] == suffix)
        return q - 1;
    }
  return NULL;
}

static gboolean
add_tag (Parser      *p,
         char         sigil,
         const char  *text,
         gsize        len,
         gboolean     standalone,
         gsize        indent_start,
         gsize        tag_start,
         int          line,
         int          column,
         GError     **error)
{
  Node *node;

  switch (sigil)
    {
    case '!':
      return TRUE;
    case '=':
      return set_delimiters (p, text, len, line, column, error);
    case '#':
      return open_section (p, NODE_SECTION, text, len, line, column, error);
    case '^':
      return open_section (p, NODE_INVERTED, text, len, line, column, error);
    case '/':
      return close_section (p, text, len, line, column, error);
    case '>':
      if ((node = add_named (p, NODE_PARTIAL, text, len, line, column, error)) == NULL)
        return FALSE;
      node->standalone = standalone;
      if (standalone)
        {
          node->text = p->source + indent_start;
          node->len = tag_start - indent_start;
        }
      return TRUE;
    default:
      return add_variable (p, text, len, sigil != '\0', line, column, error);
    }
}

static gboolean
parse_tag (Parser  *p,
           gsize    start,
           GError **error)
{
  const char *source = p->source;
  const char *content = source + start + strlen (p->open);
  char sigil = *content != '\0' && strchr ("#^/!>&{=", *content) ? *content : '\0';
  const char *suffix = sigil == '{' ? "}" : sigil == '=' ? "=" : "";
  const char *from = sigil != '\0' ? content + 1 : content;
  const char *closing = find_close (from, p->close, *suffix);
  gsize end, line_end = 0, indent_start = p->pos;
  gboolean standalone;
  int line, column;

  position (p, start, &line, &column);
  if (closing == NULL)
    return set_error (error, RPT_TEMPLATE_ERROR_SYNTAX, line, column,
                      _("the tag is never closed with “%s%s”"), suffix, p->close);
  end = closing - source + strlen (suffix) + strlen (p->close);
  standalone = sigil != '\0' && sigil != '&' && sigil != '{'
               && is_standalone (p, start, end, &line_end);
  if (!standalone)
    keep_line (p, start);
  if (!add_tag (p, sigil, from, closing - from, standalone, indent_start, start, line, column,
                error))
    return FALSE;
  p->pos = standalone ? line_end : end;
  return TRUE;
}

static gboolean
parse (Parser  *p,
       GError **error)
{
  const char *tag;

  while ((tag = strstr (p->source + p->pos, p->open)) != NULL)
    {
      add_lines (p, tag - p->source, TRUE);
      if (!parse_tag (p, tag - p->source, error))
        return FALSE;
    }
  add_lines (p, strlen (p->source), FALSE);
  if (p->sections->len > 0)
    {
      const Node *open = &g_array_index (p->self->nodes, Node,
                                         g_array_index (p->sections, guint, p->sections->len - 1));

      return set_error (error, RPT_TEMPLATE_ERROR_SYNTAX, open->line, open->column,
                        _("the section “%s” is never closed"), open->name);
    }
  return TRUE;
}

RptTemplate *
rpt_template_new (const char  *source,
                  GError     **error)
{
  g_autoptr(RptTemplate) self = NULL;
  Parser p = { .line_begins = TRUE, .cursor_line = 1, .cursor_column = 1 };
  const char *invalid;
  gboolean ok;

  g_return_val_if_fail (source != NULL, NULL);

  self = g_new0 (RptTemplate, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->source = g_strdup (source);
  self->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_array_set_clear_func (self->nodes, node_clear);
  p.self = self;
  p.source = self->source;
  p.open = g_strdup ("{{");
  p.close = g_strdup ("}}");
  p.sections = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!g_utf8_validate (source, -1, &invalid))
    {
      int line, column;

      position (&p, invalid - source, &line, &column);
      ok = set_error (error, RPT_TEMPLATE_ERROR_SYNTAX, line, column,
                      _("the template is not valid UTF-8 text"));
    }
  else
    ok = parse (&p, error);
  g_free (p.open);
  g_free (p.close);
  g_array_unref (p.sections);
  return ok ? g_steal_pointer (&self) : NULL;
}

RptTemplate *
rpt_template_ref (RptTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rpt_template_unref (RptTemplate *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->nodes, g_array_unref);
  g_free (self->source);
  g_free (self);
}

static void
template_name_free (gpointer data)
{
  RptTemplateName *name = data;

  g_free (name->name);
  g_free (name);
}

GPtrArray *
rpt_template_list_names (RptTemplate *self)
{
  GPtrArray *names;

  g_return_val_if_fail (self != NULL, NULL);

  names = g_ptr_array_new_with_free_func (template_name_free);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node *node = &g_array_index (self->nodes, Node, i);
      RptTemplateName *name;

      if (node->path == NULL || node->kind == NODE_PARTIAL)
        continue;
      name = g_new (RptTemplateName, 1);
      name->name = g_strdup (node->name);
      name->line = node->line;
      name->column = node->column;
      name->section = node->kind != NODE_VARIABLE;
      g_ptr_array_add (names, name);
    }
  return names;
}

/* Partials */

static void
template_unref0 (gpointer template)
{
  if (template != NULL)
    rpt_template_unref (template);
}

RptPartials *
rpt_partials_new (RptPartialLookup lookup,
                  gpointer         user_data,
                  GDestroyNotify   destroy)
{
  RptPartials *self;

  g_return_val_if_fail (lookup != NULL, NULL);

  self = g_new0 (RptPartials, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->lookup = lookup;
  self->user_data = user_data;
  self->destroy = destroy;
  g_mutex_init (&self->mutex);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, template_unref0);
  return self;
}

static char *
lookup_in_dir (const char *name,
               gpointer    user_data)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;

  /* a partial cannot reach outside its folder (g_build_filename () keeps
   * a name starting with “/” inside) */
  if (strstr (name, "..") != NULL)
    return NULL;
  file = g_strconcat (name, ".mustache", NULL);
  path = g_build_filename (user_data, file, NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

RptPartials *
rpt_partials_new_from_dir (const char *dir)
{
  g_return_val_if_fail (dir != NULL, NULL);

  return rpt_partials_new (lookup_in_dir, g_strdup (dir), g_free);
}

static char *
lookup_in_object (const char *name,
                  gpointer    user_data)
{
  JsonNode *member = json_object_get_member (user_data, name);

  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (member));
}

RptPartials *
rpt_partials_new_from_json (JsonObject *object)
{
  g_return_val_if_fail (object != NULL, NULL);

  return rpt_partials_new (lookup_in_object, json_object_ref (object),
                           (GDestroyNotify) json_object_unref);
}

RptPartials *
rpt_partials_ref (RptPartials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rpt_partials_unref (RptPartials *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->cache);
  g_mutex_clear (&self->mutex);
  if (self->destroy != NULL)
    self->destroy (self->user_data);
  g_free (self);
}

/* The partial stays in the cache until SELF goes: the pointer is not a
 * new reference. */
static gboolean
partials_get (RptPartials  *self,
              const char   *name,
              RptTemplate **partial,
              GError      **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autofree char *source = NULL;
  gpointer cached;

  if (g_hash_table_lookup_extended (self->cache, name, NULL, &cached))
    {
      *partial = cached;
      return TRUE;
    }
  source = self->lookup (name, self->user_data);
  *partial = NULL;
  if (source != NULL && (*partial = rpt_template_new (source, error)) == NULL)
    {
      g_prefix_error (error, _("In the partial “%s”: "), name);
      return FALSE;
    }
  g_hash_table_insert (self->cache, g_strdup (name), *partial);
  return TRUE;
}

/* Rendering */

typedef struct
{
  const RptRenderOptions *options;
  GString                *out;
  GPtrArray              *stack;          /* the context stack, its top last */
  GString                *indent;         /* of the standalone partials being rendered */
  gsize                   indent_start;   /* an inline partial has none of its caller's */
  guint                   depth;
  guint                   partial_depth;
} RenderState;

static gboolean render_nodes (RenderState  *state,
                              RptTemplate  *tpl,
                              guint         start,
                              guint         end,
                              GError      **error);

/* A member of an object, or an element of an array by its index */
static JsonNode *
lookup_member (JsonNode   *node,
               const char *name)
{
  guint64 index;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_member (json_node_get_object (node), name);
  if (JSON_NODE_HOLDS_ARRAY (node)
      && g_ascii_isdigit (name[0])
      && g_ascii_string_to_unsigned (name, 10, 0, G_MAXUINT, &index, NULL)
      && index < json_array_get_length (json_node_get_array (node)))
    return json_array_get_element (json_node_get_array (node), index);
  return NULL;
}

static JsonNode *
resolve (RenderState *state,
         const Node  *node)
{
  GPtrArray *stack = state->stack;
  JsonNode *value = NULL;

  if (node->path == NULL)
    return g_ptr_array_index (stack, stack->len - 1);
  for (guint i = stack->len; i > 0 && value == NULL; i--)
    value = lookup_member (g_ptr_array_index (stack, i - 1), node->path[0]);
  for (guint i = 1; value != NULL && node->path[i] != NULL; i++)
    value = lookup_member (value, node->path[i]);
  return value;
}

static gboolean
is_truthy (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (value))
    return json_array_get_length (json_node_get_array (value)) > 0;
  if (JSON_NODE_HOLDS_OBJECT (value))
    return TRUE;
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (value);
    case G_TYPE_INT64:
      return json_node_get_int (value) != 0;
    case G_TYPE_DOUBLE:
      return json_node_get_double (value) != 0.0;
    case G_TYPE_STRING:
      return *json_node_get_string (value) != '\0';
    default:
      return TRUE;
    }
}

/* The shortest of the decimal forms that read back as the same double:
 * 1.1, not 1.1000000000000001 */
static const char *
format_double (double  value,
               char   *buffer,
               gsize   size)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats) - 1; i++)
    if (g_ascii_strtod (g_ascii_formatd (buffer, size, formats[i], value), NULL) == value)
      return buffer;
  return g_ascii_formatd (buffer, size, formats[G_N_ELEMENTS (formats) - 1], value);
}

/* Objects, arrays, null and nothing interpolate as nothing */
static const char *
value_text (JsonNode *value,
            char     *buffer,
            gsize     size)
{
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return "";
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
      return json_node_get_string (value);
    case G_TYPE_INT64:
      g_snprintf (buffer, size, "%" G_GINT64_FORMAT, json_node_get_int (value));
      return buffer;
    case G_TYPE_DOUBLE:
      return format_double (json_node_get_double (value), buffer, size);
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (value) ? "true" : "false";
    default:
      return "";
    }
}

static RptFormatterFunc
find_formatter (const RptRenderOptions *options,
                const char             *name)
{
  for (const RptFormatter *f = options->formatters; f != NULL && f->name != NULL; f++)
    if (g_str_equal (f->name, name))
      return f->func;
  return NULL;
}

static void
render_variable (RenderState *state,
                 const Node  *node)
{
  JsonNode *value = resolve (state, node);
  g_autofree char *formatted = NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  const char *text;

  if (node->formatter != NULL)
    {
      RptFormatterFunc func = find_formatter (state->options, node->formatter);

      formatted = func (value, node->argument, state->options->formatter_data);
      text = formatted != NULL ? formatted : "";
    }
  else
    text = value_text (value, buffer, sizeof buffer);
  if (node->raw)
    g_string_append (state->out, text);
  else
    append_escaped (state->out, text, strlen (text));
}

/* A section's body, or a partial: deeper in the render */
static gboolean
render_body (RenderState  *state,
             RptTemplate  *tpl,
             const Node   *at,
             guint         start,
             guint         end,
             GError      **error)
{
  gboolean ok;

  if (state->depth == MAX_RENDER_DEPTH)
    return set_error (error, RPT_TEMPLATE_ERROR_RECURSION, at->line, at->column,
                      _("sections and partials are nested more than %d deep"), MAX_RENDER_DEPTH);
  state->depth++;
  ok = render_nodes (state, tpl, start, end, error);
  state->depth--;
  return ok;
}

static gboolean
render_with_context (RenderState  *state,
                     RptTemplate  *tpl,
                     const Node   *node,
                     guint         start,
                     JsonNode     *context,
                     GError      **error)
{
  gboolean ok;

  g_ptr_array_add (state->stack, context);
  ok = render_body (state, tpl, node, start, node->end, error);
  g_ptr_array_set_size (state->stack, state->stack->len - 1);
  return ok;
}

static gboolean
render_section (RenderState  *state,
                RptTemplate  *tpl,
                guint         index,
                GError      **error)
{
  const Node *node = &g_array_index (tpl->nodes, Node, index);
  JsonNode *value = resolve (state, node);
  JsonArray *array;

  if (node->kind == NODE_INVERTED)
    return is_truthy (value) || render_body (state, tpl, node, index + 1, node->end, error);
  if (!is_truthy (value))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (value))
    return render_with_context (state, tpl, node, index + 1, value, error);
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!render_with_context (state, tpl, node, index + 1, json_array_get_element (array, i),
                              error))
      return FALSE;
  return TRUE;
}

/* Every formatter the template names must exist, whether the data shows
 * the tag or not: a mistake is found on the first render. */
static gboolean
render_template (RenderState  *state,
                 RptTemplate  *tpl,
                 const Node   *at,
                 GError      **error)
{
  for (guint i = 0; i < tpl->nodes->len; i++)
    {
      const Node *node = &g_array_index (tpl->nodes, Node, i);

      if (node->formatter != NULL && find_formatter (state->options, node->formatter) == NULL)
        return set_error (error, RPT_TEMPLATE_ERROR_UNKNOWN_FORMATTER, node->line, node->column,
                          _("there is no formatter named “%s”"), node->formatter);
    }
  return render_body (state, tpl, at, 0, tpl->nodes->len, error);
}

static gboolean
render_partial (RenderState  *state,
                const Node   *node,
                GError      **error)
{
  RptPartials *partials = state->options->partials;
  RptTemplate *partial = NULL;
  gsize indent_start = state->indent_start, indent_len = state->indent->len;
  gboolean ok;

  if (partials != NULL && !partials_get (partials, node->name, &partial, error))
    return FALSE;
  if (partial == NULL && (state->options->flags & RPT_TEMPLATE_STRICT) != 0)
    return set_error (error, RPT_TEMPLATE_ERROR_UNKNOWN_PARTIAL, node->line, node->column,
                      _("there is no partial named “%s”"), node->name);
  if (partial == NULL)
    return TRUE;
  if (state->partial_depth == MAX_PARTIAL_DEPTH)
    return set_error (error, RPT_TEMPLATE_ERROR_RECURSION, node->line, node->column,
                      _("partials are nested more than %d deep"), MAX_PARTIAL_DEPTH);
  if (node->standalone)
    g_string_append_len (state->indent, node->text, node->len);
  else
    state->indent_start = indent_len;
  state->partial_depth++;
  ok = render_template (state, partial, node, error);
  state->partial_depth--;
  g_string_truncate (state->indent, indent_len);
  state->indent_start = indent_start;
  return ok;
}

static gboolean
render_nodes (RenderState  *state,
              RptTemplate  *tpl,
              guint         start,
              guint         end,
              GError      **error)
{
  guint i = start;

  while (i < end)
    {
      const Node *node = &g_array_index (tpl->nodes, Node, i);

      switch (node->kind)
        {
        case NODE_TEXT:
          g_string_append_len (state->out, node->text, node->len);
          break;
        case NODE_INDENT:
          g_string_append_len (state->out, state->indent->str + state->indent_start,
                               state->indent->len - state->indent_start);
          break;
        case NODE_VARIABLE:
          render_variable (state, node);
          break;
        case NODE_SECTION:
        case NODE_INVERTED:
          if (!render_section (state, tpl, i, error))
            return FALSE;
          i = node->end;
          continue;
        case NODE_PARTIAL:
          if (!render_partial (state, node, error))
            return FALSE;
          break;
        }
      i++;
    }
  return TRUE;
}

gboolean
rpt_template_render_to (RptTemplate             *self,
                        JsonNode                *context,
                        const RptRenderOptions  *options,
                        GString                 *out,
                        GError                 **error)
{
  static const RptRenderOptions defaults = { 0 };
  RenderState state = { .options = options != NULL ? options : &defaults, .out = out };
  gsize out_len = out->len;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  state.stack = g_ptr_array_sized_new (16);
  state.indent = g_string_new (NULL);
  if (state.options->globals != NULL)
    g_ptr_array_add (state.stack, state.options->globals);
  g_ptr_array_add (state.stack, context);
  ok = render_template (&state, self, NULL, error);
  if (!ok)
    g_string_truncate (out, out_len);
  g_ptr_array_unref (state.stack);
  g_string_free (state.indent, TRUE);
  return ok;
}

char *
rpt_template_render (RptTemplate             *self,
                     JsonNode                *context,
                     const RptRenderOptions  *options,
                     GError                 **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!rpt_template_render_to (self, context, options, out, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
