/* rpt-letter.c — letters laid out on pages with Pango, drawn with Cairo
 *
 * Letter markup is line based, so that what the staff type is what they
 * get: every line is a paragraph, an empty line is an empty line. Inside a
 * line, Pango markup (<b>, <i>, <u>, <span size="14pt">); at its start:
 *
 *   <p align="center">…</p>   alignment: left, center, right, justify
 *   - text  or  • text        an item of a bulleted list
 *   1. text                   an item of a numbered list (number as typed)
 *   <signature/>              the signature image
 *   <chart/>                  the bar chart of the letter's content (a
 *                             benchmark report: scores against peers)
 *   <pagebreak/>              the next line starts a new page
 *
 * Each paragraph is a PangoLayout of its own (kept for the next letters
 * that have the same one); its lines are placed one by one so a paragraph
 * can break across pages, never leaving a single line of it alone at the
 * foot or head of a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-letter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

#include "rpt-error.h"
#include "rpt-letter.h"

#define LIST_INDENT RPT_MM (6)
#define SIGNATURE_HEIGHT RPT_MM (15)
#define SIGNATURE_MAX_WIDTH RPT_MM (60)
#define ADDRESS_MIN_SIZE 7.0

struct _RptLetterhead
{
  gatomicrefcount  ref;
  GBytes          *pdf;
  cairo_surface_t *first;
  cairo_surface_t *following;
  double           width;
  double           height;
  guint            n_pages;
};

struct _RptLetterSetup
{
  gatomicrefcount  ref;
  double           width;
  double           height;
  double           margin[4];   /* top, right, bottom, left */
  RptPlacement     placement;
  char            *font_sc;    /* family lists for letters in simplified */
  char            *font_tc;    /* and traditional Chinese, */
  char            *font_latin; /* and in other languages */
  double           size;
  RptLetterhead   *letterhead;
  cairo_surface_t *signature;
  char            *sender_line;
};

typedef enum
{
  BLOCK_TEXT,
  BLOCK_SIGNATURE,
  BLOCK_CHART,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  BlockKind    kind;
  PangoLayout *layout;
  double       indent;
  PangoLayout *marker;
} Block;

typedef struct
{
  guint  page;
  Block *block;
  int    line;        /* -1: the whole block (signature, marker-less) */
  double x;
  double y;           /* baseline, or top for a signature */
} Placed;

struct _RptLetterLayout
{
  RptLetterSetup *setup;
  PangoContext   *context;
  PangoLayout    *address;
  PangoLayout    *sender;
  PangoLayout    *date;
  GArray         *blocks;   /* of Block */
  GArray         *placed;   /* of Placed */
  GArray         *chart;    /* of RptChartBar, its labels owned; may be NULL */
  guint           n_pages;
  RptCatalog     *catalog;
  PangoFontDescription *font;
};

/* Letterhead ---------------------------------------------------------- */

static cairo_surface_t *
record_page (PopplerPage *page,
             double       width,
             double       height)
{
  cairo_rectangle_t extents = { 0, 0, width, height };
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_t *cr = cairo_create (surface);

  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  return surface;
}

/* A letterhead is a PDF: its first page goes under a letter's first page,
 * its second (when it has one) under the following pages. Each is
 * recorded once as vector drawing, then painted from the recording, so a
 * PDF of 10 000 letters holds the letterhead once. */
RptLetterhead *
rpt_letterhead_new (GBytes  *pdf,
                    GError **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document;
  PopplerPage *first, *following;
  RptLetterhead *self;
  gsize size = 0;
  const char *data = g_bytes_get_data (pdf, &size);

  if (size < 5 || memcmp (data, "%PDF-", 5) != 0)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("The letterhead is not a PDF file."));
      return NULL;
    }
  document = poppler_document_new_from_bytes (pdf, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                     _("The letterhead PDF is protected by a password. Save it without protection and choose it again."));
      else
        g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                     _("The letterhead PDF is damaged and cannot be read (%s)."), local_error->message);
      return NULL;
    }
  if (poppler_document_get_n_pages (document) < 1
      || (first = poppler_document_get_page (document, 0)) == NULL)
    {
      g_object_unref (document);
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("The letterhead PDF has no pages."));
      return NULL;
    }
  self = g_new0 (RptLetterhead, 1);
  g_atomic_ref_count_init (&self->ref);
  self->pdf = g_bytes_ref (pdf);
  self->n_pages = poppler_document_get_n_pages (document);
  poppler_page_get_size (first, &self->width, &self->height);
  self->first = record_page (first, self->width, self->height);
  following = self->n_pages > 1 ? poppler_document_get_page (document, 1) : NULL;
  self->following = following ? record_page (following, self->width, self->height)
                              : cairo_surface_reference (self->first);
  g_clear_object (&following);
  g_object_unref (first);
  g_object_unref (document);
  return self;
}

RptLetterhead *
rpt_letterhead_ref (RptLetterhead *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
rpt_letterhead_unref (RptLetterhead *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  cairo_surface_destroy (self->first);
  cairo_surface_destroy (self->following);
  g_bytes_unref (self->pdf);
  g_free (self);
}

guint
rpt_letterhead_get_n_pages (RptLetterhead *self)
{
  return self->n_pages;
}

/* Setup ---------------------------------------------------------------- */

/* The paper of LC_PAPER: Letter where the locale says so, A4 elsewhere. */
static RptPaper
locale_paper (void)
{
#ifdef _NL_PAPER_WIDTH
  union { char *string; unsigned int word; } width;

  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  if (width.word == 216)
    return RPT_PAPER_LETTER;
#endif
  return RPT_PAPER_A4;
}

RptLetterSetup *
rpt_letter_setup_new (void)
{
  RptLetterSetup *self = g_new0 (RptLetterSetup, 1);

  g_atomic_ref_count_init (&self->ref);
  rpt_letter_setup_set_font (self, NULL, 11);
  rpt_letter_setup_set_paper (self, RPT_PAPER_AUTO);
  return self;
}

RptLetterSetup *
rpt_letter_setup_ref (RptLetterSetup *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
rpt_letter_setup_unref (RptLetterSetup *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_clear_pointer (&self->letterhead, rpt_letterhead_unref);
  g_clear_pointer (&self->signature, cairo_surface_destroy);
  g_free (self->font_sc);
  g_free (self->font_tc);
  g_free (self->font_latin);
  g_free (self->sender_line);
  g_free (self);
}

/* A setup of its own for another thread. Cairo notes on every surface it
 * paints from which copies were taken of it, so two threads must not
 * paint from the same letterhead recording or signature image: the copy
 * records the letterhead again and copies the signature. */
RptLetterSetup *
rpt_letter_setup_copy (RptLetterSetup *self)
{
  RptLetterSetup *copy = g_memdup2 (self, sizeof *self);

  g_atomic_ref_count_init (&copy->ref);
  copy->font_sc = g_strdup (self->font_sc);
  copy->font_tc = g_strdup (self->font_tc);
  copy->font_latin = g_strdup (self->font_latin);
  copy->sender_line = g_strdup (self->sender_line);
  /* the bytes were read as a letterhead once: they are again */
  copy->letterhead = self->letterhead ? rpt_letterhead_new (self->letterhead->pdf, NULL) : NULL;
  if (self->signature != NULL)
    {
      cairo_t *cr;

      copy->signature = cairo_image_surface_create (cairo_image_surface_get_format (self->signature),
                                                    cairo_image_surface_get_width (self->signature),
                                                    cairo_image_surface_get_height (self->signature));
      cr = cairo_create (copy->signature);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface (cr, self->signature, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  return copy;
}

/* Sets the paper and the margins and address placement usual for it:
 * DIN 5008 on A4, a #10 window envelope on Letter. */
void
rpt_letter_setup_set_paper (RptLetterSetup *self,
                            RptPaper        paper)
{
  if (paper == RPT_PAPER_AUTO)
    paper = locale_paper ();
  if (paper == RPT_PAPER_LETTER)
    {
      self->width = 612;
      self->height = 792;
      rpt_letter_setup_set_margins (self, 72, 72, 72, 72);
      self->placement = RPT_PLACEMENT_US10;
    }
  else
    {
      self->width = RPT_MM (210);
      self->height = RPT_MM (297);
      rpt_letter_setup_set_margins (self, RPT_MM (20), RPT_MM (20), RPT_MM (20), RPT_MM (25));
      self->placement = RPT_PLACEMENT_DIN_B;
    }
}

void
rpt_letter_setup_get_size (RptLetterSetup *self,
                           double         *width,
                           double         *height)
{
  *width = self->width;
  *height = self->height;
}

void
rpt_letter_setup_set_margins (RptLetterSetup *self,
                              double          top,
                              double          right,
                              double          bottom,
                              double          left)
{
  /* at least 5 mm, and a text column of at least a third of the page */
  self->margin[0] = CLAMP (top, RPT_MM (5), self->height / 3);
  self->margin[1] = CLAMP (right, RPT_MM (5), self->width / 3);
  self->margin[2] = CLAMP (bottom, RPT_MM (5), self->height / 3);
  self->margin[3] = CLAMP (left, RPT_MM (5), self->width / 3);
}

void
rpt_letter_setup_set_placement (RptLetterSetup *self,
                                RptPlacement    placement)
{
  self->placement = placement;
}

/* The recipient's lines, in points from the page's top-left corner.
 * DIN 5008: address field 85 × 45 mm at 20 mm from the left, 45 mm (form
 * B) or 27 mm (form A) from the top; its first 17.7 mm hold the return
 * line, the text starts 5 mm in. US #10 window envelope (window 4½ × 1⅛ in,
 * ⅞ in from the left and ½ in from the bottom of a 9½ × 4⅛ in envelope,
 * letter folded in three): the window shows 2½–3⅝ in from the top of the
 * sheet; the address sits 1/16 in inside it. */
void
rpt_letter_setup_get_address_area (RptLetterSetup *self,
                                   double         *x,
                                   double         *y,
                                   double         *width,
                                   double         *height)
{
  switch (self->placement)
    {
    case RPT_PLACEMENT_US10:
      *x = 72 * 1.0;
      *y = 72 * 2.5625;
      *width = 72 * 3.75;
      *height = 72 * 1.0;
      break;
    case RPT_PLACEMENT_DIN_A:
    case RPT_PLACEMENT_DIN_B:
    default:
      *x = RPT_MM (25);
      *y = RPT_MM ((self->placement == RPT_PLACEMENT_DIN_A ? 27 : 45) + 17.7);
      *width = RPT_MM (75);
      *height = RPT_MM (27.3);
      break;
    }
}

/* Where the body starts on the first page: under the address field, with
 * room for the date line. */
static double
first_body_top (RptLetterSetup *self)
{
  double x, y, w, h;

  rpt_letter_setup_get_address_area (self, &x, &y, &w, &h);
  return MAX (y + h + RPT_MM (8), self->margin[0]);
}

void
rpt_letter_setup_set_font (RptLetterSetup *self,
                           const char     *family,
                           double          size)
{
  const char *prefix = family && *family ? family : "";
  const char *sep = family && *family ? ", " : "";

  g_free (self->font_sc);
  g_free (self->font_tc);
  g_free (self->font_latin);
  /* A Chinese letter takes its Latin letters from the CJK face, so both
   * scripts match. A letter in another language sets its text in a Latin
   * face and the Chinese names it quotes in a TrueType one: embedding a
   * few glyphs of a 20 MB CFF face costs a PDF 20 ms and the run 40 MB. */
  self->font_sc = g_strdup_printf ("%s%sNoto Serif CJK SC, DejaVu Serif", prefix, sep);
  self->font_tc = g_strdup_printf ("%s%sNoto Serif CJK TC, DejaVu Serif", prefix, sep);
  self->font_latin = g_strdup_printf ("%s%sDejaVu Serif, Droid Sans Fallback, Noto Serif CJK SC", prefix, sep);
  self->size = size >= 6 && size <= 36 ? size : 11;
}

void
rpt_letter_setup_set_letterhead (RptLetterSetup *self,
                                 RptLetterhead  *letterhead)
{
  g_clear_pointer (&self->letterhead, rpt_letterhead_unref);
  self->letterhead = letterhead ? rpt_letterhead_ref (letterhead) : NULL;
}

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->offset + length > reader->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
rpt_letter_setup_set_signature (RptLetterSetup *self,
                                GBytes         *png,
                                GError        **error)
{
  PngReader reader = { 0 };
  cairo_surface_t *surface;

  g_clear_pointer (&self->signature, cairo_surface_destroy);
  if (png == NULL)
    return TRUE;
  reader.data = g_bytes_get_data (png, &reader.size);
  surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS
      || cairo_image_surface_get_width (surface) < 1 || cairo_image_surface_get_height (surface) < 1)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("The signature must be a PNG image."));
      return FALSE;
    }
  self->signature = surface;
  return TRUE;
}

void
rpt_letter_setup_set_sender_line (RptLetterSetup *self,
                                  const char     *line)
{
  g_free (self->sender_line);
  self->sender_line = line && *line ? g_strdup (line) : NULL;
}

/* The letterhead, scaled to the paper's width when its size differs. */
void
rpt_letter_setup_draw_background (RptLetterSetup *self,
                                  cairo_t        *cr,
                                  gboolean        first_page)
{
  RptLetterhead *head = self->letterhead;

  if (head == NULL)
    return;
  cairo_save (cr);
  if (ABS (head->width - self->width) > 1)
    cairo_scale (cr, self->width / head->width, self->width / head->width);
  cairo_set_source_surface (cr, first_page ? head->first : head->following, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Fonts are measured as the PDF will have them: no hinting, no rounding,
 * one unit a point. */
PangoContext *
rpt_letter_pango_context_new (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

/* Layout --------------------------------------------------------------- */

static PangoLayout *
new_layout (RptLetterLayout *self,
            double           size,
            double           width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_font_description_set_size (self->font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, self->font);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* Layouts kept on a Pango context (one per thread) for the letters that
 * follow: the return line, the date and every paragraph of the template's
 * own text are the same in most letters of a run; each is laid out once
 * and then only drawn. A paragraph only one letter has (“Dear María,”)
 * leaves the cache at the next sweep; one that recurs stays. */
#define CACHE_SIZE 256

typedef struct
{
  PangoLayout *layout;
  guint        hits;
} Cached;

static void
cached_free (gpointer data)
{
  Cached *cached = data;

  g_object_unref (cached->layout);
  g_free (cached);
}

static gboolean
sweep_unused (gpointer key,
              gpointer value,
              gpointer user_data)
{
  Cached *cached = value;
  gboolean unused = cached->hits == 0;

  cached->hits = 0;
  return unused;
}

static GHashTable *
layout_cache (RptLetterLayout *self)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (self->context), "rpt-letter-layouts");

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_free);
      g_object_set_data_full (G_OBJECT (self->context), "rpt-letter-layouts", cache,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return cache;
}

/* The layout cached under KEY, with a reference, or NULL. */
static PangoLayout *
cache_lookup (RptLetterLayout *self,
              const char      *key)
{
  Cached *cached = g_hash_table_lookup (layout_cache (self), key);

  if (cached == NULL)
    return NULL;
  cached->hits++;
  return g_object_ref (cached->layout);
}

/* Keeps LAYOUT under KEY (taken) */
static void
cache_insert (RptLetterLayout *self,
              char            *key,
              PangoLayout     *layout)
{
  GHashTable *cache = layout_cache (self);
  Cached *cached = g_new (Cached, 1);

  if (g_hash_table_size (cache) >= CACHE_SIZE)
    {
      g_hash_table_foreach_remove (cache, sweep_unused, NULL);
      if (g_hash_table_size (cache) >= CACHE_SIZE / 2)
        g_hash_table_remove_all (cache);
    }
  cached->layout = g_object_ref (layout);
  cached->hits = 0;
  g_hash_table_insert (cache, key, cached);
}

static PangoLayout *
shared_layout (RptLetterLayout *self,
               const char      *role,
               const char      *text,
               double           size,
               double           width)
{
  char *key = g_strdup_printf ("%s\x1f%s\x1f%g\x1f%g\x1f%s", role,
                               pango_font_description_get_family (self->font), size, width, text);
  PangoLayout *layout = cache_lookup (self, key);

  if (layout != NULL)
    {
      g_free (key);
      return layout;
    }
  layout = new_layout (self, size, width);
  pango_layout_set_text (layout, text, -1);
  cache_insert (self, key, layout);
  return layout;
}

static double
text_width (RptLetterLayout *self)
{
  return self->setup->width - self->setup->margin[1] - self->setup->margin[3];
}

typedef enum
{
  LINE_PLAIN,
  LINE_ITEM,
  LINE_SIGNATURE,
  LINE_CHART,
  LINE_PAGE_BREAK,
} LineKind;

typedef struct
{
  LineKind        kind;
  PangoAlignment  align;
  gboolean        justify;
  const char     *text;     /* into the line */
  gsize           length;
  char           *marker;   /* bullet or number, for items */
} Line;

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Reads one line of letter markup; LINE is not changed. */
static void
classify_line (const char *line,
               gsize       length,
               Line       *out)
{
  g_autofree char *copy = g_strndup (line, length);
  const char *p = skip_spaces (copy);
  const char *end;

  memset (out, 0, sizeof *out);
  out->align = PANGO_ALIGN_LEFT;
  out->text = line;
  out->length = length;
  g_strchomp (copy);
  if (strcmp (p, "<signature/>") == 0)
    {
      out->kind = LINE_SIGNATURE;
      return;
    }
  if (strcmp (p, "<chart/>") == 0)
    {
      out->kind = LINE_CHART;
      return;
    }
  if (strcmp (p, "<pagebreak/>") == 0)
    {
      out->kind = LINE_PAGE_BREAK;
      return;
    }
  if (g_str_has_prefix (p, "<p align=\"") && (end = strchr (p + 10, '"')) != NULL && end[1] == '>')
    {
      g_autofree char *value = g_strndup (p + 10, end - (p + 10));
      const char *inner = end + 2;
      gsize inner_len = strlen (inner);

      if (strcmp (value, "center") == 0)
        out->align = PANGO_ALIGN_CENTER;
      else if (strcmp (value, "right") == 0)
        out->align = PANGO_ALIGN_RIGHT;
      else if (strcmp (value, "justify") == 0)
        out->justify = TRUE;
      if (g_str_has_suffix (inner, "</p>"))
        inner_len -= 4;
      out->text = line + (inner - copy);
      out->length = inner_len;
      return;
    }
  if ((p[0] == '-' || p[0] == '*') && p[1] == ' ')
    {
      out->kind = LINE_ITEM;
      out->marker = g_strdup ("•");
      p = skip_spaces (p + 2);
    }
  else if (g_str_has_prefix (p, "• "))
    {
      out->kind = LINE_ITEM;
      out->marker = g_strdup ("•");
      p = skip_spaces (p + strlen ("• "));
    }
  else if (g_ascii_isdigit (p[0]))
    {
      const char *q = p;

      while (g_ascii_isdigit (*q))
        q++;
      if ((*q == '.' || *q == ')') && q[1] == ' ' && q - p <= 3)
        {
          out->kind = LINE_ITEM;
          out->marker = g_strndup (p, q - p + 1);
          p = skip_spaces (q + 2);
        }
    }
  if (out->kind == LINE_ITEM)
    {
      out->text = line + (p - copy);
      out->length = strlen (p);
    }
}

static gboolean
set_markup (PangoLayout *layout,
            const char  *markup,
            int          first_line,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PangoAttrList *attrs = NULL;
  g_autofree char *text = NULL;

  if (!pango_parse_markup (markup, -1, 0, &attrs, &text, NULL, &local_error))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("Line %d of the letter: the formatting is not closed or not known (%s)"),
                   first_line, local_error->message);
      return FALSE;
    }
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return TRUE;
}

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_object (&block->layout);
  g_clear_object (&block->marker);
}

static gboolean
add_text_block (RptLetterLayout *self,
                GString         *markup,
                const Line      *style,
                int              first_line,
                GError         **error)
{
  Block block = { BLOCK_TEXT };
  double indent = style->kind == LINE_ITEM ? LIST_INDENT : 0;
  char *key = g_strdup_printf ("text\x1f%s\x1f%g\x1f%g\x1f%d%d\x1f%s",
                               pango_font_description_get_family (self->font), self->setup->size,
                               text_width (self) - indent, style->align, style->justify, markup->str);

  block.layout = cache_lookup (self, key);
  if (block.layout == NULL)
    {
      block.layout = new_layout (self, self->setup->size, text_width (self) - indent);
      pango_layout_set_alignment (block.layout, style->align);
      pango_layout_set_justify (block.layout, style->justify);
      if (!set_markup (block.layout, markup->str, first_line, error))
        {
          g_object_unref (block.layout);
          g_free (key);
          return FALSE;
        }
      cache_insert (self, key, block.layout);
    }
  else
    g_free (key);
  block.indent = indent;
  if (style->marker != NULL)
    {
      block.marker = new_layout (self, self->setup->size, -1);
      pango_layout_set_text (block.marker, style->marker, -1);
    }
  g_array_append_val (self->blocks, block);
  g_string_truncate (markup, 0);
  return TRUE;
}

/* Whether every tag opened in MARKUP is closed in it: a paragraph whose
 * bold or italic goes on over the next line is laid out with it. */
static gboolean
tags_closed (const char *markup)
{
  int depth = 0;

  for (const char *p = strchr (markup, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      const char *end = strchr (p, '>');

      if (end == NULL)
        break;
      if (p[1] == '/')
        depth--;
      else if (end[-1] != '/')
        depth++;
    }
  return depth <= 0;
}

/* Splits the body into blocks: paragraphs (each a line of the text, an
 * empty one keeping a line's height, unless a tag spans lines), list
 * items, signatures, page breaks. A paragraph is a block of its own, so
 * the same paragraph in many letters is laid out once (see
 * cache_lookup ()). */
static gboolean
build_blocks (RptLetterLayout *self,
              const char      *body,
              GError         **error)
{
  g_autoptr(GString) run = g_string_new (NULL);
  Line style = { LINE_PLAIN, PANGO_ALIGN_LEFT };
  int run_start = 1, number = 0;
  const char *p = body;

  for (;;)
    {
      const char *eol = strchr (p, '\n');
      gsize length = eol ? (gsize) (eol - p) : strlen (p);
      g_autofree char *marker = NULL;
      Line line;

      number++;
      if (length > 0 && p[length - 1] == '\r')
        length--;
      /* the newline ending the last line does not start another */
      if (eol == NULL && length == 0 && number > 1)
        break;
      classify_line (p, length, &line);
      marker = line.marker;
      if (run->len > 0 && line.kind != LINE_PLAIN && !add_text_block (self, run, &style, run_start, error))
        return FALSE;
      switch (line.kind)
        {
        case LINE_PLAIN:
          if (run->len == 0)
            {
              style = line;
              run_start = number;
            }
          else
            g_string_append_c (run, '\n');
          /* an empty line keeps a line's height */
          if (line.length == 0)
            g_string_append (run, "\u200b");
          else
            g_string_append_len (run, line.text, line.length);
          if (tags_closed (run->str) && !add_text_block (self, run, &style, run_start, error))
            return FALSE;
          break;
        case LINE_ITEM:
          g_string_append_len (run, line.text, line.length);
          if (!add_text_block (self, run, &line, number, error))
            return FALSE;
          break;
        case LINE_SIGNATURE:
        case LINE_CHART:
        case LINE_PAGE_BREAK:
          {
            Block block = { line.kind == LINE_SIGNATURE ? BLOCK_SIGNATURE
                            : line.kind == LINE_CHART ? BLOCK_CHART : BLOCK_PAGE_BREAK };

            g_array_append_val (self->blocks, block);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      if (eol == NULL)
        break;
      p = eol + 1;
    }
  if (run->len > 0)
    return add_text_block (self, run, &style, run_start, error);
  return TRUE;
}

static void
place (RptLetterLayout *self,
       guint            page,
       Block           *block,
       int              line,
       double           x,
       double           y)
{
  Placed placed = { page, block, line, x, y };

  g_array_append_val (self->placed, placed);
}

typedef struct
{
  double top;        /* of the line box */
  double height;
  double baseline;   /* from the top of the line box */
  double x;
  gboolean paragraph_start;
} LineBox;

/* Lines are placed one by one; before a line that does not fit, a new
 * page. A paragraph never leaves its first line alone at the foot of a
 * page, nor its last line alone at the head of the next. */
static void
place_text (RptLetterLayout *self,
            Block           *block,
            guint           *page,
            double          *y,
            double           bottom,
            double           top)
{
  PangoLayoutIter *iter = pango_layout_get_iter (block->layout);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (LineBox));
  double x0 = self->setup->margin[3] + block->indent;
  guint first_placed = self->placed->len;

  do
    {
      PangoRectangle logical;
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      LineBox box;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.top = (double) logical.y / PANGO_SCALE;
      box.height = (double) logical.height / PANGO_SCALE;
      box.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - box.top;
      box.x = (double) logical.x / PANGO_SCALE;
      box.paragraph_start = line->is_paragraph_start;
      g_array_append_val (boxes, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  for (guint i = 0; i < boxes->len; i++)
    {
      LineBox *box = &g_array_index (boxes, LineBox, i);

      if (*y + box->height > bottom && *y > top)
        {
          gboolean next_starts = i + 1 >= boxes->len
                                 || g_array_index (boxes, LineBox, i + 1).paragraph_start;
          guint back = 0;

          /* widow: this is the paragraph's last line, take one more along */
          if (next_starts && !box->paragraph_start && i >= 2
              && !g_array_index (boxes, LineBox, i - 1).paragraph_start)
            back = 1;
          /* orphan: the line before is the paragraph's first, take it along */
          else if (!box->paragraph_start && i >= 1
                   && g_array_index (boxes, LineBox, i - 1).paragraph_start)
            back = 1;
          if (back > 0 && self->placed->len - first_placed >= back + 1)
            {
              self->placed->len -= back;
              i -= back;
              box = &g_array_index (boxes, LineBox, i);
            }
          (*page)++;
          *y = top;
        }
      place (self, *page, block, (int) i, x0 + box->x, *y + box->baseline);
      if (i == 0 && block->marker != NULL)
        place (self, *page, block, -1, self->setup->margin[3], *y + box->baseline);
      *y += box->height;
    }
}

static void
place_signature (RptLetterLayout *self,
                 Block           *block,
                 guint           *page,
                 double          *y,
                 double           bottom,
                 double           top)
{
  if (self->setup->signature == NULL)
    return;
  if (*y + SIGNATURE_HEIGHT > bottom && *y > top)
    {
      (*page)++;
      *y = top;
    }
  place (self, *page, block, -1, self->setup->margin[3], *y);
  *y += SIGNATURE_HEIGHT;
}

/* A chart: a row a bar, a row for the key. */
#define CHART_ROW RPT_MM (7)

static double
chart_height (RptLetterLayout *self)
{
  return self->chart ? CHART_ROW * (self->chart->len + 1.5) : 0;
}

static void
place_chart (RptLetterLayout *self,
             Block           *block,
             guint           *page,
             double          *y,
             double           bottom,
             double           top)
{
  double height = chart_height (self);

  if (height == 0)
    return;
  if (*y + height > bottom && *y > top)
    {
      (*page)++;
      *y = top;
    }
  place (self, *page, block, -1, self->setup->margin[3], *y);
  *y += height;
}

static void
paginate (RptLetterLayout *self)
{
  RptLetterSetup *setup = self->setup;
  double bottom = setup->height - setup->margin[2];
  double top = setup->margin[0];
  double y = first_body_top (setup);
  guint page = 0;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);

      switch (block->kind)
        {
        case BLOCK_TEXT:
          place_text (self, block, &page, &y, bottom, top);
          break;
        case BLOCK_SIGNATURE:
          place_signature (self, block, &page, &y, bottom, top);
          break;
        case BLOCK_CHART:
          place_chart (self, block, &page, &y, bottom, top);
          break;
        case BLOCK_PAGE_BREAK:
          page++;
          y = top;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  self->n_pages = page + 1;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* The address fills its window: every line ellipsized to the window's
 * width, the font made smaller (down to 7 pt) until all lines fit its
 * height; lines that still do not fit are left out after the name,
 * keeping the last two (town and country matter most to the post). */
static void
layout_address (RptLetterLayout *self,
                const char      *address)
{
  g_auto(GStrv) lines = g_strsplit (address ? address : "", "\n", -1);
  guint n_lines = g_strv_length (lines);
  double x, y, width, height, size = self->setup->size;

  rpt_letter_setup_get_address_area (self->setup, &x, &y, &width, &height);
  for (guint dropped = 0;; dropped++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < n_lines; i++)
        {
          if (i >= 1 && i < 1 + dropped && i + 2 < n_lines)
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, lines[i]);
        }
      for (size = self->setup->size;; size -= 0.5)
        {
          g_clear_object (&self->address);
          self->address = new_layout (self, size, width);
          pango_layout_set_ellipsize (self->address, PANGO_ELLIPSIZE_END);
          pango_layout_set_text (self->address, text->str, -1);
          if (layout_height (self->address) <= height || size <= ADDRESS_MIN_SIZE)
            break;
        }
      if (layout_height (self->address) <= height || 1 + dropped + 2 >= n_lines)
        break;
    }
}

static void
chart_bar_clear (gpointer data)
{
  g_free ((char *) ((RptChartBar *) data)->label);
}

RptLetterLayout *
rpt_letter_layout_new (RptLetterSetup         *setup,
                       PangoContext           *context,
                       const RptLetterContent *content,
                       GError                **error)
{
  g_autoptr(RptLetterLayout) self = g_new0 (RptLetterLayout, 1);
  const char *language = content->language ? content->language : "";

  self->setup = rpt_letter_setup_ref (setup);
  self->context = g_object_ref (context);
  self->catalog = content->catalog;
  self->font = pango_font_description_from_string (g_str_has_prefix (language, "zh_TW") ? setup->font_tc
                                                   : g_str_has_prefix (language, "zh") ? setup->font_sc
                                                   : setup->font_latin);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->placed = g_array_new (FALSE, FALSE, sizeof (Placed));

  if (content->chart != NULL && content->n_chart > 0)
    {
      self->chart = g_array_sized_new (FALSE, FALSE, sizeof (RptChartBar), content->n_chart);
      g_array_set_clear_func (self->chart, chart_bar_clear);
      for (guint i = 0; i < content->n_chart; i++)
        {
          RptChartBar bar = content->chart[i];

          bar.label = g_strdup (bar.label);
          g_array_append_val (self->chart, bar);
        }
    }
  if (!build_blocks (self, content->body ? content->body : "", error))
    return NULL;
  layout_address (self, content->address);
  if (setup->sender_line && setup->placement != RPT_PLACEMENT_US10)
    {
      double x, y, w, h;

      rpt_letter_setup_get_address_area (setup, &x, &y, &w, &h);
      self->sender = shared_layout (self, "sender", setup->sender_line, 7, w);
      if (pango_layout_get_ellipsize (self->sender) != PANGO_ELLIPSIZE_END)
        {
          pango_layout_set_ellipsize (self->sender, PANGO_ELLIPSIZE_END);
          pango_layout_set_single_paragraph_mode (self->sender, TRUE);
        }
    }
  if (content->date && *content->date)
    {
      self->date = shared_layout (self, "date", content->date, setup->size, text_width (self));
      pango_layout_set_alignment (self->date, PANGO_ALIGN_RIGHT);
    }
  paginate (self);
  return g_steal_pointer (&self);
}

void
rpt_letter_layout_free (RptLetterLayout *self)
{
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->placed, g_array_unref);
  g_clear_pointer (&self->chart, g_array_unref);
  g_clear_object (&self->address);
  g_clear_object (&self->sender);
  g_clear_object (&self->date);
  g_clear_object (&self->context);
  g_clear_pointer (&self->setup, rpt_letter_setup_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_free (self);
}

guint
rpt_letter_layout_get_n_pages (RptLetterLayout *self)
{
  return self->n_pages;
}

static void
draw_first_page_head (RptLetterLayout *self,
                      cairo_t         *cr)
{
  RptLetterSetup *setup = self->setup;
  double x, y, w, h;

  rpt_letter_setup_get_address_area (setup, &x, &y, &w, &h);
  if (self->sender != NULL)
    {
      PangoRectangle logical;

      /* the return line sits just above the address, underlined */
      pango_layout_get_extents (self->sender, NULL, &logical);
      cairo_move_to (cr, x, y - RPT_MM (1.5) - (double) logical.height / PANGO_SCALE);
      pango_cairo_show_layout (cr, self->sender);
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, x, y - RPT_MM (1));
      cairo_rel_line_to (cr, MIN ((double) logical.width / PANGO_SCALE, w), 0);
      cairo_stroke (cr);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, self->address);
  if (self->date != NULL)
    {
      cairo_move_to (cr, setup->margin[3], y + h + RPT_MM (2));
      pango_cairo_show_layout (cr, self->date);
    }
}

static void
draw_chart_key (RptLetterLayout *self,
                cairo_t         *cr,
                double           x,
                double           y,
                gboolean         peers)
{
  const char *keys[] = { LN_("Your score"), LN_("Middle half of your peers"), LN_("Median of your peers") };
  double at = x;

  for (guint k = 0; k < (peers ? 3u : 1u); k++)
    {
      g_autoptr(PangoLayout) layout = new_layout (self, 8, -1);
      PangoRectangle logical;

      if (k == 0)
        cairo_set_source_rgb (cr, 0.16, 0.38, 0.66);
      else if (k == 1)
        cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      else
        cairo_set_source_rgb (cr, 0, 0, 0);
      if (k < 2)
        cairo_rectangle (cr, at, y + RPT_MM (1), RPT_MM (4), RPT_MM (2.5));
      else
        cairo_rectangle (cr, at + RPT_MM (1.7), y + RPT_MM (0.5), RPT_MM (0.6), RPT_MM (3.5));
      cairo_fill (cr);
      pango_layout_set_text (layout, self->catalog ? rpt_catalog_gettext (self->catalog, keys[k]) : keys[k], -1);
      pango_layout_get_extents (layout, NULL, &logical);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, at + RPT_MM (5.5), y);
      pango_cairo_show_layout (cr, layout);
      at += RPT_MM (10) + (double) logical.width / PANGO_SCALE;
    }
}

/* One row a dimension: its name and score, then the score as a bar over
 * the peers' middle half, their median a line; all out of 100. */
static void
draw_chart (RptLetterLayout *self,
            cairo_t         *cr,
            double           x,
            double           y)
{
  double label_width = RPT_MM (55), width = text_width (self) - label_width - RPT_MM (2);
  gboolean peers = FALSE;

  cairo_save (cr);
  for (guint i = 0; i < self->chart->len; i++)
    {
      RptChartBar *bar = &g_array_index (self->chart, RptChartBar, i);
      g_autoptr(PangoLayout) layout = new_layout (self, 9, label_width - RPT_MM (2));
      g_autofree char *text = g_strdup_printf ("%s  %.0f", bar->label, bar->score);
      double row = y + i * CHART_ROW, bx = x + label_width, h = CHART_ROW * 0.55;

      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
      pango_layout_set_text (layout, text, -1);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x, row + RPT_MM (1.5));
      pango_cairo_show_layout (cr, layout);
      cairo_set_source_rgb (cr, 0.94, 0.94, 0.94);
      cairo_rectangle (cr, bx, row + (CHART_ROW - h) / 2, width, h);
      cairo_fill (cr);
      if (bar->q1 >= 0)
        {
          peers = TRUE;
          cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
          cairo_rectangle (cr, bx + width * bar->q1 / 100, row + RPT_MM (0.8),
                           MAX (RPT_MM (0.5), width * (bar->q3 - bar->q1) / 100), CHART_ROW - RPT_MM (1.6));
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.16, 0.38, 0.66);
      cairo_rectangle (cr, bx, row + (CHART_ROW - h * 0.6) / 2, width * CLAMP (bar->score, 0, 100) / 100, h * 0.6);
      cairo_fill (cr);
      if (bar->median >= 0)
        {
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_rectangle (cr, bx + width * bar->median / 100 - RPT_MM (0.3), row + RPT_MM (0.5),
                           RPT_MM (0.6), CHART_ROW - RPT_MM (1));
          cairo_fill (cr);
        }
    }
  draw_chart_key (self, cr, x + label_width, y + self->chart->len * CHART_ROW + RPT_MM (2), peers);
  cairo_restore (cr);
}

static void
draw_page_number (RptLetterLayout *self,
                  cairo_t         *cr,
                  guint            page)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  const char *format = self->catalog ? rpt_catalog_gettext (self->catalog, LN_("Page %u of %u"))
                                     : "Page %u of %u";
  g_auto(GStrv) parts = g_strsplit (format, "%u", -1);

  /* a translation that lost its two numbers prints the English form */
  if (g_strv_length (parts) != 3)
    {
      g_strfreev (parts);
      parts = g_strsplit ("Page %u of %u", "%u", -1);
    }
  text = g_strdup_printf ("%s%u%s%u%s", parts[0], page + 1, parts[1], self->n_pages, parts[2]);
  layout = new_layout (self, 8, text_width (self));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, self->setup->margin[3], self->setup->height - self->setup->margin[2] + RPT_MM (5));
  pango_cairo_show_layout (cr, layout);
}

void
rpt_letter_layout_draw_page (RptLetterLayout *self,
                             cairo_t         *cr,
                             guint            page)
{
  RptLetterSetup *setup = self->setup;

  g_return_if_fail (page < self->n_pages);

  rpt_letter_setup_draw_background (setup, cr, page == 0);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page == 0)
    draw_first_page_head (self, cr);
  for (guint i = 0; i < self->placed->len; i++)
    {
      Placed *placed = &g_array_index (self->placed, Placed, i);

      if (placed->page != page)
        continue;
      if (placed->block->kind == BLOCK_CHART)
        draw_chart (self, cr, placed->x, placed->y);
      else if (placed->block->kind == BLOCK_SIGNATURE)
        {
          cairo_surface_t *image = setup->signature;
          double iw = cairo_image_surface_get_width (image);
          double ih = cairo_image_surface_get_height (image);
          double scale = MIN (SIGNATURE_HEIGHT / ih, SIGNATURE_MAX_WIDTH / iw);

          cairo_save (cr);
          cairo_translate (cr, placed->x, placed->y);
          cairo_scale (cr, scale, scale);
          cairo_set_source_surface (cr, image, 0, 0);
          cairo_paint (cr);
          cairo_restore (cr);
        }
      else if (placed->line < 0)
        {
          PangoLayoutLine *line = pango_layout_get_line_readonly (placed->block->marker, 0);

          cairo_move_to (cr, placed->x, placed->y);
          pango_cairo_show_layout_line (cr, line);
        }
      else
        {
          PangoLayoutLine *line = pango_layout_get_line_readonly (placed->block->layout, placed->line);

          cairo_move_to (cr, placed->x, placed->y);
          pango_cairo_show_layout_line (cr, line);
        }
    }
  if (self->n_pages > 1)
    draw_page_number (self, cr, page);
}
