/* rpt-labels.c — address labels and envelopes, laid out in points and drawn with Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-labels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "rpt-error.h"
#include "rpt-labels.h"

#define MM(mm)       ((mm) * 72.0 / 25.4)
#define INCH(in)     ((in) * 72.0)
#define PT_TO_MM(pt) ((pt) * 25.4 / 72.0)

#define A4           MM (210), MM (297)
#define US_LETTER    INCH (8.5), INCH (11)

/* Noto Sans has no Han glyphs: naming the CJK face next gives Chinese a
 * design that matches rather than whatever fontconfig falls back to. Where
 * Noto Sans is not installed, Latin comes from the CJK face's own set. */
#define FONT_FAMILIES       "Noto Sans, Noto Sans CJK SC"
#define LABEL_FONT_SIZE     10.0
#define RECIPIENT_FONT_SIZE 11.0
#define SENDER_FONT_SIZE    8.0
#define MIN_FONT_SIZE       6.0
#define FONT_SIZE_STEP      0.5
#define LABEL_PADDING       MM (2)
#define ENVELOPE_EDGE       MM (15)
#define SENDER_GAP          MM (5)
#define FIT_TOLERANCE       0.01  /* points: tables that fill the page exactly still fit */

/* Label sheets as Avery specifies them: side and top margin, horizontal and
 * vertical pitch from its template specifications, which label tables
 * measured from Avery's Word and PDF templates confirm. Each sheet leaves
 * equal margins left and right, top and bottom; the tests check that.
 * gLabels' templates round to whole points and place L7163 1.3 mm further
 * left with a wider pitch: Avery's numbers win. Corner radii are gLabels'
 * (5 pt on the A4 sheets, 1/16 in on 5160) and only shape previews. */
static const RptLabelSheet sheets[] = {
  { "L7160", N_("Avery L7160 — 21 per sheet, 63.5 × 38.1 mm"), A4, 3, 7,
    MM (63.5), MM (38.1), MM (7.21), MM (15.15), MM (66.04), MM (38.1), MM (1.76) },
  { "L7163", N_("Avery L7163 — 14 per sheet, 99.1 × 38.1 mm"), A4, 2, 7,
    MM (99.1), MM (38.1), MM (4.65), MM (15.15), MM (101.6), MM (38.1), MM (1.76) },
  { "L7651", N_("Avery L7651 — 65 per sheet, 38.1 × 21.2 mm"), A4, 5, 13,
    MM (38.1), MM (21.2), MM (4.75), MM (10.7), MM (40.6), MM (21.2), MM (1.76) },
  { "5160", N_("Avery 5160 — 30 per sheet, 2⅝ × 1 in"), US_LETTER, 3, 10,
    INCH (2.625), INCH (1), INCH (0.1875), INCH (0.5), INCH (2.75), INCH (1), INCH (0.0625) },
};

/* Where the addresses go on an envelope.
 *
 * DL, C5, C6 (ISO 269): Deutsche Post's rules for machine-readable letters
 * (brochure "Automationsfähige Briefsendungen") keep the address at least
 * 15 mm from the left, right and bottom edges and 40 mm below the top edge,
 * which belongs to postage and the sender. On DL the address block starts
 * 100 mm from the left and 50 mm from the top, where German business
 * practice types it; C5 and C6 keep those two offsets in proportion to
 * their size (100/220 of the width, 50/110 of the height, rounded to the
 * millimetre) and the same 15 mm clear to the right and bottom.
 *
 * US #10: USPS Publication 28, appendix A1: the OCR read area runs from
 * 5/8 in to 2 3/4 in above the bottom edge with 1/2 in clear at the sides,
 * and the return address stays above it. The address block starts in the
 * lower half, 4 in from the left: centred-right as the Publication 28
 * illustration shows, clear of the postage in the top-right corner. */
static const RptEnvelopeSize envelopes[] = {
  { "DL", N_("DL — 220 × 110 mm"), MM (220), MM (110),
    MM (100), MM (50), MM (220 - 100 - 15), MM (110 - 50 - 15), MM (40) },
  { "C5", N_("C5 — 229 × 162 mm"), MM (229), MM (162),
    MM (104), MM (74), MM (229 - 104 - 15), MM (162 - 74 - 15), MM (40) },
  { "C6", N_("C6 — 162 × 114 mm"), MM (162), MM (114),
    MM (74), MM (52), MM (162 - 74 - 15), MM (114 - 52 - 15), MM (40) },
  { "US10", N_("US #10 — 9½ × 4⅛ in"), INCH (9.5), INCH (4.125),
    INCH (4), INCH (2.0625), INCH (9.5 - 4 - 0.5), INCH (4.125 - 2.0625 - 0.625),
    INCH (4.125 - 2.75) },
};

const RptLabelSheet *
rpt_label_sheets (guint *n)
{
  *n = G_N_ELEMENTS (sheets);
  return sheets;
}

const RptLabelSheet *
rpt_label_sheet_find (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    if (g_strcmp0 (sheets[i].id, id) == 0)
      return &sheets[i];
  return NULL;
}

static gboolean G_GNUC_PRINTF (2, 3)
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (RPT_ERROR, RPT_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

gboolean
rpt_label_sheet_init_custom (RptLabelSheet  *sheet,
                             double          page_width,
                             double          page_height,
                             int             columns,
                             int             rows,
                             double          label_width,
                             double          label_height,
                             double          left,
                             double          top,
                             double          pitch_x,
                             double          pitch_y,
                             GError        **error)
{
  double overhang_x, overhang_y;

  /* written as !(x > 0) so that NaN fails too */
  if (!(page_width > 0 && page_height > 0 && label_width > 0 && label_height > 0)
      || columns < 1 || rows < 1)
    return invalid (error, _("The page, the labels and the number of rows and columns "
                             "must be greater than zero."));
  if (!(left >= 0 && top >= 0))
    return invalid (error, _("The first label must start on the page."));

  /* a single column or row has no pitch worth asking the user for */
  if (columns == 1)
    pitch_x = label_width;
  if (rows == 1)
    pitch_y = label_height;
  if (!(pitch_x >= label_width))
    return invalid (error, _("The labels overlap: columns are %.1f mm apart "
                             "but labels are %.1f mm wide."),
                    PT_TO_MM (pitch_x), PT_TO_MM (label_width));
  if (!(pitch_y >= label_height))
    return invalid (error, _("The labels overlap: rows are %.1f mm apart "
                             "but labels are %.1f mm high."),
                    PT_TO_MM (pitch_y), PT_TO_MM (label_height));

  overhang_x = left + (columns - 1) * pitch_x + label_width - page_width;
  overhang_y = top + (rows - 1) * pitch_y + label_height - page_height;
  if (overhang_x > FIT_TOLERANCE)
    return invalid (error, _("The labels do not fit on the page: the last column ends "
                             "%.1f mm past the right edge."), PT_TO_MM (overhang_x));
  if (overhang_y > FIT_TOLERANCE)
    return invalid (error, _("The labels do not fit on the page: the last row ends "
                             "%.1f mm past the bottom edge."), PT_TO_MM (overhang_y));

  *sheet = (RptLabelSheet) {
    "custom", N_("Custom labels"), page_width, page_height, columns, rows,
    label_width, label_height, left, top, pitch_x, pitch_y, 0,
  };
  return TRUE;
}

static guint
labels_per_page (const RptLabelSheet *sheet)
{
  return (guint) sheet->columns * (guint) sheet->rows;
}

/* “70x36.5”: two numbers around an x (not read as hexadecimal “0x…”). */
static gboolean
parse_pair (const char *text,
            double     *a,
            double     *b)
{
  g_auto(GStrv) parts = g_strsplit_set (text, "xX", -1);
  char *end;

  if (g_strv_length (parts) != 2 || *parts[0] == '\0' || *parts[1] == '\0')
    return FALSE;
  *a = g_ascii_strtod (parts[0], &end);
  if (*end != '\0')
    return FALSE;
  *b = g_ascii_strtod (parts[1], &end);
  return *end == '\0';
}

/* A custom sheet written as “COLUMNSxROWS,WIDTHxHEIGHT,LEFTxTOP,PITCHxPITCH”
 * in millimetres, with “,letter” for US Letter paper (A4 otherwise):
 * “3x8,70x36,0x4.5,70x36”. */
gboolean
rpt_label_sheet_parse_custom (RptLabelSheet  *sheet,
                              const char     *spec,
                              GError        **error)
{
  g_auto(GStrv) parts = g_strsplit (spec ? spec : "", ",", -1);
  double columns, rows, width, height, left, top, pitch_x, pitch_y;
  gboolean letter;

  if (g_strv_length (parts) < 4 || g_strv_length (parts) > 5
      || !parse_pair (parts[0], &columns, &rows) || !parse_pair (parts[1], &width, &height)
      || !parse_pair (parts[2], &left, &top) || !parse_pair (parts[3], &pitch_x, &pitch_y)
      || (parts[4] != NULL && g_ascii_strcasecmp (parts[4], "letter") != 0
          && g_ascii_strcasecmp (parts[4], "a4") != 0))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
                   _("“%s” is not a label sheet: write COLUMNSxROWS,WIDTHxHEIGHT,LEFTxTOP,PITCHxPITCH in millimetres, as in 3x8,70x36,0x4.5,70x36."),
                   spec ? spec : "");
      return FALSE;
    }
  letter = parts[4] != NULL && g_ascii_strcasecmp (parts[4], "letter") == 0;
  return rpt_label_sheet_init_custom (sheet, letter ? 612 : MM (210), letter ? 792 : MM (297),
                                      (int) columns, (int) rows, MM (width), MM (height),
                                      MM (left), MM (top), MM (pitch_x),
                                      MM (pitch_y), error);
}

void
rpt_label_sheet_cell (const RptLabelSheet *sheet,
                      guint                index_on_page,
                      double              *x,
                      double              *y)
{
  g_return_if_fail (index_on_page < labels_per_page (sheet));

  *x = sheet->left + (index_on_page % sheet->columns) * sheet->pitch_x;
  *y = sheet->top + (index_on_page / sheet->columns) * sheet->pitch_y;
}

/* The die-cut outline, for previews and to keep ink off the neighbours. */
void
rpt_label_sheet_cell_path (const RptLabelSheet *sheet,
                           guint                index_on_page,
                           cairo_t             *cr)
{
  double x, y;
  double w = sheet->label_width, h = sheet->label_height;
  double r = MIN (sheet->corner_radius, MIN (w, h) / 2);

  rpt_label_sheet_cell (sheet, index_on_page, &x, &y);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Printing can start on a sheet whose first start_position labels are
 * already used; the sheets after it are full. */
guint
rpt_label_sheet_pages (const RptLabelSheet *sheet,
                       guint                n_labels,
                       guint                start_position)
{
  g_return_val_if_fail (start_position < labels_per_page (sheet), 0);

  if (n_labels == 0)
    return 0;
  return (guint) (((guint64) start_position + n_labels - 1) / labels_per_page (sheet) + 1);
}

void
rpt_label_sheet_position (const RptLabelSheet *sheet,
                          guint                start_position,
                          guint                label,
                          guint               *page,
                          guint               *index_on_page)
{
  guint64 position = (guint64) start_position + label;

  g_return_if_fail (start_position < labels_per_page (sheet));

  *page = (guint) (position / labels_per_page (sheet));
  *index_on_page = (guint) (position % labels_per_page (sheet));
}

const RptEnvelopeSize *
rpt_envelope_sizes (guint *n)
{
  *n = G_N_ELEMENTS (envelopes);
  return envelopes;
}

const RptEnvelopeSize *
rpt_envelope_size_find (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
    if (g_strcmp0 (envelopes[i].id, id) == 0)
      return &envelopes[i];
  return NULL;
}

void
rpt_envelope_recipient_area (const RptEnvelopeSize *size,
                             double                *x,
                             double                *y,
                             double                *width,
                             double                *height)
{
  *x = size->address_x;
  *y = size->address_y;
  *width = size->address_width;
  *height = size->address_height;
}

/* At the smallest size the lines that still do not fit the height go,
 * and the last one kept says so with an ellipsis. */
static void
drop_overflowing_lines (PangoLayout *layout,
                        double       height)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int n_lines = pango_layout_get_line_count (layout);
  int kept = 0;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  do
    {
      PangoRectangle line;

      pango_layout_iter_get_line_extents (iter, NULL, &line);
      if (line.y + line.height > height * PANGO_SCALE)
        break;
      kept++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  /* one line stays even when nothing fits: clipped text beats none */
  kept = MAX (kept, 1);
  if (kept >= n_lines)
    return;
  text = g_strndup (pango_layout_get_text (layout),
                    pango_layout_get_line_readonly (layout, kept)->start_index);
  shown = g_strconcat (g_strchomp (text), "…", NULL);
  pango_layout_set_text (layout, shown, -1);
}

/* Each address line stays one line: the text shrinks in steps down to
 * MIN_FONT_SIZE, and only then are lines cut with an ellipsis. */
static PangoLayout *
fit_layout (PangoContext *context,
            const char   *text,
            double        size,
            double        width,
            double        height)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILIES);

  pango_layout_set_text (layout, text, -1);
  for (; size >= MIN_FONT_SIZE; size -= FONT_SIZE_STEP)
    {
      PangoRectangle extents;

      /* absolute: one unit is one point on paper whatever the context's resolution */
      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_get_extents (layout, NULL, &extents);
      if (extents.width <= width * PANGO_SCALE && extents.height <= height * PANGO_SCALE)
        return layout;
    }

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  drop_overflowing_lines (layout, height);
  return layout;
}

/* Layout units are points here, not pixels: glyphs rounded to whole units
 * would sit unevenly in print and in a scaled preview. */
static void
prepare_context (cairo_t      *cr,
                 PangoContext *context)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_cairo_update_context (cr, context);
}

static void
draw_text_in_box (cairo_t                 *cr,
                  PangoContext            *context,
                  const char              *text,
                  double                   size,
                  const cairo_rectangle_t *box,
                  gboolean                 centred)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle extents;
  double x = box->x, y = box->y;

  if (text == NULL || *text == '\0')
    return;

  layout = fit_layout (context, text, size, box->width, box->height);
  pango_layout_get_extents (layout, NULL, &extents);
  if (centred)
    {
      x += (box->width - (double) extents.width / PANGO_SCALE) / 2;
      y += (box->height - (double) extents.height / PANGO_SCALE) / 2;
    }
  cairo_move_to (cr, x - (double) extents.x / PANGO_SCALE, y - (double) extents.y / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

/* The address block is centred on the label, its lines aligned left as the
 * post wants them. */
void
rpt_draw_label (cairo_t             *cr,
                PangoContext        *context,
                const RptLabelSheet *sheet,
                guint                index_on_page,
                const char          *address)
{
  cairo_rectangle_t box;

  g_return_if_fail (index_on_page < labels_per_page (sheet));

  rpt_label_sheet_cell (sheet, index_on_page, &box.x, &box.y);
  box.x += LABEL_PADDING;
  box.y += LABEL_PADDING;
  box.width = sheet->label_width - 2 * LABEL_PADDING;
  box.height = sheet->label_height - 2 * LABEL_PADDING;

  cairo_save (cr);
  rpt_label_sheet_cell_path (sheet, index_on_page, cr);
  cairo_clip (cr);
  prepare_context (cr, context);
  draw_text_in_box (cr, context, address, LABEL_FONT_SIZE, &box, TRUE);
  cairo_restore (cr);
}

void
rpt_draw_envelope (cairo_t               *cr,
                   PangoContext          *context,
                   const RptEnvelopeSize *size,
                   const char            *sender,
                   const char            *recipient)
{
  cairo_rectangle_t to, from;

  rpt_envelope_recipient_area (size, &to.x, &to.y, &to.width, &to.height);
  from.x = ENVELOPE_EDGE;
  from.y = ENVELOPE_EDGE;
  from.width = to.x - ENVELOPE_EDGE - SENDER_GAP;
  from.height = size->sender_bottom - ENVELOPE_EDGE;

  cairo_save (cr);
  prepare_context (cr, context);
  draw_text_in_box (cr, context, sender, SENDER_FONT_SIZE, &from, FALSE);
  draw_text_in_box (cr, context, recipient, RECIPIENT_FONT_SIZE, &to, FALSE);
  cairo_restore (cr);
}
