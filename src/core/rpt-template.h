/* rpt-template.h — Mustache templates rendered against JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RPT_TEMPLATE_ERROR (rpt_template_error_quark ())

typedef enum
{
  RPT_TEMPLATE_ERROR_SYNTAX,            /* unclosed/mismatched section, bad delimiters,
                                           unclosed tag, empty tag name, invalid UTF-8 */
  RPT_TEMPLATE_ERROR_UNKNOWN_PARTIAL,   /* only with RPT_TEMPLATE_STRICT */
  RPT_TEMPLATE_ERROR_UNKNOWN_FORMATTER,
  RPT_TEMPLATE_ERROR_RECURSION,         /* partial nesting deeper than 64 */
} RptTemplateError;

GQuark rpt_template_error_quark (void);

typedef enum
{
  RPT_TEMPLATE_DEFAULT = 0,
  RPT_TEMPLATE_STRICT  = 1 << 0,        /* an unknown partial is an error, not an empty string */
} RptTemplateFlags;

/* A compiled template: immutable once parsed, so one can be rendered from
 * several threads at once. Sections are shown for the values JavaScript
 * holds true: false, null, 0, "" and [] hide them. */
typedef struct _RptTemplate RptTemplate;

RptTemplate *rpt_template_new            (const char    *source,
                                          GError       **error);
RptTemplate *rpt_template_ref            (RptTemplate   *self);
void         rpt_template_unref          (RptTemplate   *self);
/* Line and column (1-based, in characters) of a template error */
gboolean     rpt_template_error_position (const GError  *error,
                                          int           *line,
                                          int           *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptTemplate, rpt_template_unref)

/* Returns the partial's source, newly allocated, or NULL when there is none */
typedef char *(*RptPartialLookup) (const char *name,
                                   gpointer    user_data);

/* Partials are looked up when a render first needs them, then kept */
typedef struct _RptPartials RptPartials;

RptPartials *rpt_partials_new            (RptPartialLookup  lookup,
                                          gpointer          user_data,
                                          GDestroyNotify    destroy);
/* The partial NAME is the file DIR/NAME.mustache */
RptPartials *rpt_partials_new_from_dir   (const char       *dir);
/* Members are partial names, their string values the sources */
RptPartials *rpt_partials_new_from_json  (JsonObject       *object);
RptPartials *rpt_partials_ref            (RptPartials      *self);
void         rpt_partials_unref          (RptPartials      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptPartials, rpt_partials_unref)

/* {{ name | formatter }} or {{ name | formatter:argument }}: VALUE is what
 * the name stands for (NULL when nothing), ARGUMENT NULL when there is none.
 * The text returned is escaped unless the tag is {{{ }}} or {{& }}. */
typedef char *(*RptFormatterFunc) (JsonNode   *value,
                                   const char *argument,
                                   gpointer    user_data);

typedef struct
{
  const char       *name;
  RptFormatterFunc  func;
} RptFormatter;

typedef struct
{
  RptTemplateFlags    flags;
  RptPartials        *partials;         /* NULL: there are no partials */
  const RptFormatter *formatters;       /* ended by { NULL, NULL }; may be NULL */
  gpointer            formatter_data;
  JsonNode           *globals;          /* under the context: what every render shares; may be NULL */
} RptRenderOptions;

char      *rpt_template_render     (RptTemplate             *self,
                                    JsonNode                *context,
                                    const RptRenderOptions  *options,
                                    GError                 **error);
/* Appends to OUT, which is left as it was on error */
gboolean   rpt_template_render_to  (RptTemplate             *self,
                                    JsonNode                *context,
                                    const RptRenderOptions  *options,
                                    GString                 *out,
                                    GError                 **error);

typedef struct
{
  char     *name;
  int       line;
  int       column;
  gboolean  section;
} RptTemplateName;

/* The variable and section names, in the order they appear, for telling
 * the user about a name the data will not have */
GPtrArray *rpt_template_list_names (RptTemplate             *self);

/* & < > " as &amp; &lt; &gt; &quot; — the escaping Mustache specifies */
char      *rpt_escape_markup       (const char              *text,
                                    gssize                   len);

G_END_DECLS
