/* rpt-letter-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-letter-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rpt-catalog.h"
#include "rpt-letter-template.h"

struct _RptLetterTemplate
{
  GObject     parent_instance;
  gint64      id;
  gboolean    block;       /* a reusable block ({{> name}}), not a letter */
  char       *builtin;
  char       *name;
  char       *default_language;
  RptPaper    paper;
  int         placement;   /* -1: the usual one for the paper */
  char       *required;
  double      margins[4];  /* mm: top, right, bottom, left; 0: the paper's usual */
  GBytes     *letterhead;
  char       *letterhead_name;
  GBytes     *signature;
  GHashTable *bodies;      /* language → letter markup */
};

G_DEFINE_FINAL_TYPE (RptLetterTemplate, rpt_letter_template, G_TYPE_OBJECT)

enum { PROP_0, PROP_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
rpt_letter_template_finalize (GObject *object)
{
  RptLetterTemplate *self = RPT_LETTER_TEMPLATE (object);

  g_free (self->builtin);
  g_free (self->name);
  g_free (self->default_language);
  g_free (self->required);
  g_clear_pointer (&self->letterhead, g_bytes_unref);
  g_free (self->letterhead_name);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_hash_table_unref (self->bodies);
  G_OBJECT_CLASS (rpt_letter_template_parent_class)->finalize (object);
}

static void
rpt_letter_template_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RptLetterTemplate *self = RPT_LETTER_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rpt_letter_template_class_init (RptLetterTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rpt_letter_template_finalize;
  object_class->get_property = rpt_letter_template_get_property;
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "",
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                               | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rpt_letter_template_init (RptLetterTemplate *self)
{
  self->name = g_strdup ("");
  self->default_language = g_strdup ("en");
  self->required = g_strdup ("");
  self->placement = -1;
  self->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

RptLetterTemplate *
rpt_letter_template_new (void)
{
  return g_object_new (RPT_TYPE_LETTER_TEMPLATE, NULL);
}

RptLetterTemplate *
rpt_letter_template_copy (RptLetterTemplate *self)
{
  RptLetterTemplate *copy = rpt_letter_template_new ();
  GHashTableIter iter;
  gpointer key, value;

  copy->id = self->id;
  copy->block = self->block;
  copy->builtin = g_strdup (self->builtin);
  rpt_letter_template_set_name (copy, self->name);
  rpt_letter_template_set_default_language (copy, self->default_language);
  copy->paper = self->paper;
  copy->placement = self->placement;
  rpt_letter_template_set_required (copy, self->required);
  memcpy (copy->margins, self->margins, sizeof self->margins);
  rpt_letter_template_set_letterhead (copy, self->letterhead, self->letterhead_name);
  rpt_letter_template_set_signature (copy, self->signature);
  g_hash_table_iter_init (&iter, self->bodies);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->bodies, g_strdup (key), g_strdup (value));
  return copy;
}

gint64
rpt_letter_template_get_id (RptLetterTemplate *self)
{
  return self->id;
}

void
rpt_letter_template_set_id (RptLetterTemplate *self,
                            gint64             id)
{
  self->id = id;
}

gboolean
rpt_letter_template_get_block (RptLetterTemplate *self)
{
  return self->block;
}

void
rpt_letter_template_set_block (RptLetterTemplate *self,
                               gboolean           block)
{
  self->block = block;
}

/* The example's key (“thank-you”) for the templates that come with
 * Rapport, NULL for the business's own. */
const char *
rpt_letter_template_get_builtin (RptLetterTemplate *self)
{
  return self->builtin;
}

const char *
rpt_letter_template_get_name (RptLetterTemplate *self)
{
  return self->name;
}

void
rpt_letter_template_set_name (RptLetterTemplate *self,
                              const char        *name)
{
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name ? name : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
rpt_letter_template_get_default_language (RptLetterTemplate *self)
{
  return self->default_language;
}

void
rpt_letter_template_set_default_language (RptLetterTemplate *self,
                                          const char        *language)
{
  g_free (self->default_language);
  self->default_language = g_strdup (language && *language ? language : "en");
}

RptPaper
rpt_letter_template_get_paper (RptLetterTemplate *self)
{
  return self->paper;
}

void
rpt_letter_template_set_paper (RptLetterTemplate *self,
                               RptPaper           paper)
{
  self->paper = CLAMP (paper, RPT_PAPER_AUTO, RPT_PAPER_LETTER);
}

int
rpt_letter_template_get_placement (RptLetterTemplate *self)
{
  return self->placement;
}

void
rpt_letter_template_set_placement (RptLetterTemplate *self,
                                   int                placement)
{
  self->placement = CLAMP (placement, -1, RPT_PLACEMENT_US10);
}

/* Fields a customer must have for the letter to make sense, comma
 * separated (“last_purchase, complaint”); others are skipped. */
const char *
rpt_letter_template_get_required (RptLetterTemplate *self)
{
  return self->required;
}

void
rpt_letter_template_set_required (RptLetterTemplate *self,
                                  const char        *fields)
{
  g_free (self->required);
  self->required = g_strdup (fields ? fields : "");
}

/* The margins in millimetres (top, right, bottom, left); all 0 when the
 * paper's usual ones apply. */
void
rpt_letter_template_get_margins (RptLetterTemplate *self,
                                 double             margins[4])
{
  memcpy (margins, self->margins, sizeof self->margins);
}

void
rpt_letter_template_set_margins (RptLetterTemplate *self,
                                 const double       margins[4])
{
  for (guint i = 0; i < 4; i++)
    self->margins[i] = isfinite (margins[i]) ? CLAMP (margins[i], 0, 100) : 0;
}

GBytes *
rpt_letter_template_get_letterhead (RptLetterTemplate *self)
{
  return self->letterhead;
}

const char *
rpt_letter_template_get_letterhead_name (RptLetterTemplate *self)
{
  return self->letterhead_name;
}

void
rpt_letter_template_set_letterhead (RptLetterTemplate *self,
                                    GBytes            *pdf,
                                    const char        *name)
{
  g_clear_pointer (&self->letterhead, g_bytes_unref);
  self->letterhead = pdf ? g_bytes_ref (pdf) : NULL;
  g_free (self->letterhead_name);
  self->letterhead_name = pdf ? g_strdup (name) : NULL;
}

GBytes *
rpt_letter_template_get_signature (RptLetterTemplate *self)
{
  return self->signature;
}

void
rpt_letter_template_set_signature (RptLetterTemplate *self,
                                   GBytes            *png)
{
  g_clear_pointer (&self->signature, g_bytes_unref);
  self->signature = png ? g_bytes_ref (png) : NULL;
}

/* The text in LANGUAGE; NULL when the template has no such variant. */
const char *
rpt_letter_template_get_body (RptLetterTemplate *self,
                              const char        *language)
{
  return g_hash_table_lookup (self->bodies, language ? language : self->default_language);
}

/* A NULL body removes the variant. */
void
rpt_letter_template_set_body (RptLetterTemplate *self,
                              const char        *language,
                              const char        *body)
{
  if (body == NULL)
    g_hash_table_remove (self->bodies, language);
  else
    g_hash_table_insert (self->bodies, g_strdup (language), g_strdup (body));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

char **
rpt_letter_template_list_languages (RptLetterTemplate *self)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bodies);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (list, g_strdup (key));
  g_ptr_array_sort (list, compare_strings);
  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

/* The variant a reader of WANTED gets: theirs, or the closest one
 * (“es_MX” reads “es”), or the template's default. */
const char *
rpt_letter_template_pick_language (RptLetterTemplate *self,
                                   const char        *wanted)
{
  g_autofree char *best = rpt_language_best (wanted);
  const char *candidates[] = { wanted, best, self->default_language };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      gpointer key;

      if (candidates[i] && g_hash_table_lookup_extended (self->bodies, candidates[i], &key, NULL))
        return key;
    }
  return NULL;
}

RptLetterSetup *
rpt_letter_template_make_setup (RptLetterTemplate *self,
                                const char        *sender_line,
                                GError           **error)
{
  g_autoptr(RptLetterSetup) setup = rpt_letter_setup_new ();

  rpt_letter_setup_set_paper (setup, self->paper);
  if (self->placement >= 0)
    rpt_letter_setup_set_placement (setup, self->placement);
  if (self->margins[0] > 0 && self->margins[1] > 0 && self->margins[2] > 0 && self->margins[3] > 0)
    rpt_letter_setup_set_margins (setup, RPT_MM (self->margins[0]), RPT_MM (self->margins[1]),
                                  RPT_MM (self->margins[2]), RPT_MM (self->margins[3]));
  if (self->letterhead != NULL)
    {
      g_autoptr(RptLetterhead) head = rpt_letterhead_new (self->letterhead, error);

      if (head == NULL)
        return NULL;
      rpt_letter_setup_set_letterhead (setup, head);
    }
  if (self->signature != NULL && !rpt_letter_setup_set_signature (setup, self->signature, error))
    return NULL;
  rpt_letter_setup_set_sender_line (setup, sender_line);
  return g_steal_pointer (&setup);
}

/* Examples -------------------------------------------------------------- */

typedef struct
{
  const char *key;
  const char *name;
  const char *required;
  const char *body;
} Example;

static const Example examples[] = {
  { "thank-you", N_("Thank you for your purchase"), "last_purchase",
    LN_("<b>Thank you for your purchase</b>\n"
        "\n"
        "{{salutation}}\n"
        "\n"
        "{{#last_purchase}}Thank you for choosing us for your purchase of {{item}} on {{date}}.{{/last_purchase}} "
        "We hope it brings you joy, and we are glad to help whenever you have a question about it.\n"
        "\n"
        "As a valued customer you are always welcome to visit us or call us for advice.\n"
        "\n"
        "{{> closing}}") },
  { "win-back", N_("We miss you"), "",
    /* xgettext:no-c-format */
    LN_("<b>We miss you</b>\n"
        "\n"
        "{{salutation}}\n"
        "\n"
        "It has been a while since we last saw you{{#last_purchase}}: your last purchase with us was on {{date}}{{/last_purchase}}. "
        "We would be delighted to welcome you again.\n"
        "\n"
        "Come and see what is new. As a thank-you for your loyalty, bring this letter on your next visit and we will take 10% off your purchase.\n"
        "\n"
        "{{> closing}}") },
  { "complaint-resolved", N_("Your complaint is resolved"), "complaint",
    LN_("<b>Your complaint {{complaint.tracking}}</b>\n"
        "\n"
        "{{salutation}}\n"
        "\n"
        "{{#complaint}}Thank you for telling us on {{opened}} about the following: {{summary}}. We are sorry for the trouble it caused you.\n"
        "\n"
        "{{#resolved}}We have resolved it as follows: {{resolution}}{{/resolved}}"
        "{{^resolved}}We are still working on it and will contact you again very soon.{{/resolved}}{{/complaint}}\n"
        "\n"
        "Your opinion helps us to improve. Please contact us if anything is still not right.\n"
        "\n"
        "{{> closing}}") },
  { "benchmark-report", N_("Your benchmark report"), "benchmark",
    LN_("<b>{{benchmark.title}}: where you stand</b>\n"
        "\n"
        "{{salutation}}\n"
        "\n"
        "Thank you for answering our questionnaire. "
        "{{#benchmark.compared}}Here is how your answers compare with those of {{benchmark.cohort}}: the blue bar is "
        "your score out of 100, the grey band shows where the middle half of them stand, and the black line their "
        "median.{{/benchmark.compared}}"
        "{{^benchmark.compared}}Too few have answered yet to compare you with others, so here are your scores out "
        "of 100.{{/benchmark.compared}}\n"
        "\n"
        "<chart/>\n"
        "\n"
        "{{#benchmark.strengths}}Your strengths: {{benchmark.strengths}}.{{/benchmark.strengths}}\n"
        "{{#benchmark.weaknesses}}Where you can gain most: {{benchmark.weaknesses}}.{{/benchmark.weaknesses}}\n"
        "{{#benchmark.offerings}}\n"
        "- {{offering}}\n"
        "{{/benchmark.offerings}}\n"
        "\n"
        "We would be glad to talk it over with you.\n"
        "\n"
        "{{> closing}}") },
};

static const char *const example_languages[] = { "en", "es", "zh_CN", "zh_TW" };

/* The example letters, each in every language Rapport is translated into
 * (ids -1, -2, …: they are not in the database until copied). */
GPtrArray *
rpt_letter_template_builtins (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      RptLetterTemplate *t = rpt_letter_template_new ();

      t->id = -(gint64) (i + 1);
      t->builtin = g_strdup (examples[i].key);
      rpt_letter_template_set_name (t, _(examples[i].name));
      rpt_letter_template_set_required (t, examples[i].required);
      for (guint j = 0; j < G_N_ELEMENTS (example_languages); j++)
        {
          RptCatalog *catalog = rpt_catalog_get (example_languages[j]);

          rpt_letter_template_set_body (t, example_languages[j],
                                        rpt_catalog_gettext (catalog, examples[i].body));
        }
      g_ptr_array_add (list, t);
    }
  return list;
}

/* The reusable blocks that come with Rapport, in LANGUAGE. */
char *
rpt_letter_builtin_partial (const char *name,
                            const char *language)
{
  RptCatalog *catalog = rpt_catalog_get (language);

  if (g_strcmp0 (name, "closing") == 0)
    return g_strdup (rpt_catalog_gettext (catalog, LN_("Kind regards,\n<signature/>\n{{business.name}}")));
  if (g_strcmp0 (name, "footer") == 0)
    return g_strdup ("<p align=\"center\"><small>{{business.name}} · {{business.address_line}}</small></p>");
  return NULL;
}
