/* test-labels.c — label sheets and envelopes, checked in the PDFs they make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "rpt-error.h"
#include "rpt-labels.h"
#include "test-utils.h"

#define MM(mm) ((mm) * 72.0 / 25.4)
#define TOLERANCE 0.5  /* points */
#define SHORT_ADDRESS "Kunde Kurz\nHauptstraße 1\n10115 Berlin"

typedef struct
{
  char            *dir;
  char            *path;
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoContext    *context;
} Pdf;

static Pdf *
pdf_new (double width,
         double height)
{
  Pdf *pdf = g_new0 (Pdf, 1);
  g_autoptr(GError) error = NULL;

  pdf->dir = g_dir_make_tmp ("rapport-labels-XXXXXX", &error);
  g_assert_no_error (error);
  pdf->path = g_build_filename (pdf->dir, "labels.pdf", NULL);
  pdf->surface = cairo_pdf_surface_create (pdf->path, width, height);
  pdf->cr = cairo_create (pdf->surface);
  pdf->context = pango_cairo_create_context (pdf->cr);
  return pdf;
}

/* Writes the file out, reads it back with Poppler and removes it. */
static PopplerDocument *
pdf_finish (Pdf *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (pdf->path, NULL, NULL);
  PopplerDocument *document;

  g_object_unref (pdf->context);
  cairo_destroy (pdf->cr);
  cairo_surface_finish (pdf->surface);
  g_assert_cmpint (cairo_surface_status (pdf->surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (pdf->surface);

  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (pdf->path), ==, 0);
  g_assert_cmpint (g_rmdir (pdf->dir), ==, 0);
  g_free (pdf->path);
  g_free (pdf->dir);
  g_free (pdf);
  return document;
}

static PopplerPage *
pdf_page (PopplerDocument *document,
          int              index)
{
  PopplerPage *page = poppler_document_get_page (document, index);

  g_assert_nonnull (page);
  return page;
}

static void
assert_inside (const cairo_rectangle_t *inner,
               const cairo_rectangle_t *outer)
{
  g_assert_cmpfloat (inner->x, >=, outer->x - TOLERANCE);
  g_assert_cmpfloat (inner->y, >=, outer->y - TOLERANCE);
  g_assert_cmpfloat (inner->x + inner->width, <=, outer->x + outer->width + TOLERANCE);
  g_assert_cmpfloat (inner->y + inner->height, <=, outer->y + outer->height + TOLERANCE);
}

/* The one place the text occurs, measured from the top-left corner. */
static cairo_rectangle_t
find_text (PopplerPage *page,
           const char  *text)
{
  GList *matches = poppler_page_find_text (page, text);
  PopplerRectangle *match;
  cairo_rectangle_t box;
  double width, height;

  g_assert_cmpuint (g_list_length (matches), ==, 1);
  match = matches->data;
  /* find_text counts from the bottom of the page, as PDF does */
  poppler_page_get_size (page, &width, &height);
  box = (cairo_rectangle_t) { match->x1, height - match->y2,
                              match->x2 - match->x1, match->y2 - match->y1 };
  g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
  return box;
}

static cairo_rectangle_t
cell_rectangle (const RptLabelSheet *sheet,
                guint                index_on_page)
{
  cairo_rectangle_t cell = { 0, 0, sheet->label_width, sheet->label_height };

  rpt_label_sheet_cell (sheet, index_on_page, &cell.x, &cell.y);
  return cell;
}

static void
assert_in_cell (const cairo_rectangle_t *box,
                const RptLabelSheet     *sheet,
                guint                    index_on_page)
{
  cairo_rectangle_t cell = cell_rectangle (sheet, index_on_page);

  assert_inside (box, &cell);
}

/* Every character on the page, measured from the top-left corner. */
static GArray *
page_glyphs (PopplerPage *page)
{
  g_autofree PopplerRectangle *rectangles = NULL;
  guint n = 0;
  GArray *glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));

  if (poppler_page_get_text_layout (page, &rectangles, &n))
    for (guint i = 0; i < n; i++)
      {
        cairo_rectangle_t glyph = { rectangles[i].x1, rectangles[i].y1,
                                    rectangles[i].x2 - rectangles[i].x1,
                                    rectangles[i].y2 - rectangles[i].y1 };

        g_array_append_val (glyphs, glyph);
      }
  return glyphs;
}

static void
assert_all_text_in_cell (PopplerPage         *page,
                         const RptLabelSheet *sheet,
                         guint                index_on_page)
{
  g_autoptr(GArray) glyphs = page_glyphs (page);

  g_assert_cmpuint (glyphs->len, >, 0);
  for (guint i = 0; i < glyphs->len; i++)
    assert_in_cell (&g_array_index (glyphs, cairo_rectangle_t, i), sheet, index_on_page);
}

static gboolean
cell_is_empty (PopplerPage         *page,
               const RptLabelSheet *sheet,
               guint                index_on_page)
{
  g_autoptr(GArray) glyphs = page_glyphs (page);
  cairo_rectangle_t cell = cell_rectangle (sheet, index_on_page);

  for (guint i = 0; i < glyphs->len; i++)
    {
      cairo_rectangle_t *glyph = &g_array_index (glyphs, cairo_rectangle_t, i);
      double x = glyph->x + glyph->width / 2, y = glyph->y + glyph->height / 2;

      if (x >= cell.x && x <= cell.x + cell.width && y >= cell.y && y <= cell.y + cell.height)
        return FALSE;
    }
  return TRUE;
}

static char *
customer_address (guint i)
{
  return g_strdup_printf ("Kunde%02u Beispiel\nHauptstraße %u\n%05u Berlin", i, i + 1, 10115 + i);
}

/* One label on one sheet: the document, ready to read. */
static PopplerDocument *
single_label (const RptLabelSheet *sheet,
              guint                index_on_page,
              const char          *address)
{
  Pdf *pdf = pdf_new (sheet->page_width, sheet->page_height);

  rpt_draw_label (pdf->cr, pdf->context, sheet, index_on_page, address);
  return pdf_finish (pdf);
}

static void
test_sheet_table (void)
{
  guint n;
  const RptLabelSheet *sheets = rpt_label_sheets (&n);

  g_assert_cmpuint (n, >=, 4);
  for (guint i = 0; i < n; i++)
    {
      const RptLabelSheet *s = &sheets[i];
      double right = s->page_width - s->left - (s->columns - 1) * s->pitch_x - s->label_width;
      double bottom = s->page_height - s->top - (s->rows - 1) * s->pitch_y - s->label_height;
      g_autoptr(GError) error = NULL;
      RptLabelSheet copy;

      g_assert_true (rpt_label_sheet_find (s->id) == s);
      /* the sheets are die-cut symmetrically: a typo in the table shows here */
      g_assert_cmpfloat_with_epsilon (right, s->left, MM (0.05));
      g_assert_cmpfloat_with_epsilon (bottom, s->top, MM (0.05));
      g_assert_true (rpt_label_sheet_init_custom (&copy, s->page_width, s->page_height,
                                                  s->columns, s->rows, s->label_width,
                                                  s->label_height, s->left, s->top,
                                                  s->pitch_x, s->pitch_y, &error));
      g_assert_no_error (error);
    }
  g_assert_null (rpt_label_sheet_find ("L9999"));
  g_assert_null (rpt_label_sheet_find (NULL));
}

static void
test_page_size (void)
{
  const RptLabelSheet *l7160 = rpt_label_sheet_find ("L7160");
  guint n;
  const RptLabelSheet *sheets = rpt_label_sheets (&n);

  g_assert_cmpfloat_with_epsilon (l7160->page_width, 595.28, TOLERANCE);
  g_assert_cmpfloat_with_epsilon (l7160->page_height, 841.89, TOLERANCE);
  g_assert_cmpfloat_with_epsilon (rpt_label_sheet_find ("5160")->page_width, 612, TOLERANCE);
  g_assert_cmpfloat_with_epsilon (rpt_label_sheet_find ("5160")->page_height, 792, TOLERANCE);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *address = customer_address (i);
      PopplerDocument *document = single_label (&sheets[i], 0, address);
      PopplerPage *page = pdf_page (document, 0);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, sheets[i].page_width, TOLERANCE);
      g_assert_cmpfloat_with_epsilon (height, sheets[i].page_height, TOLERANCE);
      g_object_unref (page);
      g_object_unref (document);
    }
}

static void
test_full_sheet (void)
{
  const RptLabelSheet *sheet = rpt_label_sheet_find ("L7160");
  Pdf *pdf = pdf_new (sheet->page_width, sheet->page_height);
  PopplerDocument *document;
  PopplerPage *page;

  for (guint i = 0; i < 21; i++)
    {
      g_autofree char *address = customer_address (i);

      rpt_draw_label (pdf->cr, pdf->context, sheet, i, address);
    }
  document = pdf_finish (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  page = pdf_page (document, 0);

  for (guint i = 0; i < 21; i++)
    {
      g_autofree char *name = g_strdup_printf ("Kunde%02u", i);
      g_autofree char *city = g_strdup_printf ("%05u Berlin", 10115 + i);
      cairo_rectangle_t name_box = find_text (page, name);
      cairo_rectangle_t city_box = find_text (page, city);

      assert_in_cell (&name_box, sheet, i);
      assert_in_cell (&city_box, sheet, i);
      /* lines stay in order and aligned left */
      g_assert_cmpfloat (name_box.y, <, city_box.y);
      g_assert_cmpfloat_with_epsilon (name_box.x, city_box.x, TOLERANCE);
    }
  g_object_unref (page);
  g_object_unref (document);
}

static void
test_start_position (void)
{
  const RptLabelSheet *sheet = rpt_label_sheet_find ("L7160");
  guint n_pages = rpt_label_sheet_pages (sheet, 30, 5);
  Pdf *pdf = pdf_new (sheet->page_width, sheet->page_height);
  PopplerDocument *document;
  PopplerPage *first;
  PopplerPage *second;
  cairo_rectangle_t box;
  guint current = 0;

  g_assert_cmpuint (n_pages, ==, 2);
  g_assert_cmpuint (rpt_label_sheet_pages (sheet, 16, 5), ==, 1);
  g_assert_cmpuint (rpt_label_sheet_pages (sheet, 17, 5), ==, 2);
  g_assert_cmpuint (rpt_label_sheet_pages (sheet, 0, 5), ==, 0);
  g_assert_cmpuint (rpt_label_sheet_pages (sheet, 21, 0), ==, 1);

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *address = customer_address (i);
      guint page, cell;

      rpt_label_sheet_position (sheet, 5, i, &page, &cell);
      if (page != current)
        {
          cairo_show_page (pdf->cr);
          current = page;
        }
      rpt_draw_label (pdf->cr, pdf->context, sheet, cell, address);
    }
  document = pdf_finish (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, n_pages);
  first = pdf_page (document, 0);
  second = pdf_page (document, 1);

  box = find_text (first, "Kunde00");
  assert_in_cell (&box, sheet, 5);
  for (guint used = 0; used < 5; used++)
    g_assert_true (cell_is_empty (first, sheet, used));
  g_assert_false (cell_is_empty (first, sheet, 5));
  box = find_text (first, "Kunde15");
  assert_in_cell (&box, sheet, 20);
  box = find_text (second, "Kunde16");
  assert_in_cell (&box, sheet, 0);
  box = find_text (second, "Kunde29");
  assert_in_cell (&box, sheet, 13);
  g_object_unref (second);
  g_object_unref (first);
  g_object_unref (document);
}

static void
assert_custom_fails (double      label_width,
                     double      label_height,
                     double      pitch_x,
                     double      pitch_y,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  RptLabelSheet sheet;

  g_assert_false (rpt_label_sheet_init_custom (&sheet, MM (210), MM (297), 3, 8,
                                               label_width, label_height, MM (5), MM (10),
                                               pitch_x, pitch_y, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_custom (void)
{
  g_autoptr(GError) error = NULL;
  RptLabelSheet sheet;
  double x, y;

  g_assert_true (rpt_label_sheet_init_custom (&sheet, MM (210), MM (297), 3, 8,
                                              MM (64), MM (34), MM (5), MM (10),
                                              MM (67), MM (34), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sheet.id, ==, "custom");
  rpt_label_sheet_cell (&sheet, 4, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, MM (5 + 67), 0.001);
  g_assert_cmpfloat_with_epsilon (y, MM (10 + 34), 0.001);
  g_assert_cmpuint (rpt_label_sheet_pages (&sheet, 48, 0), ==, 2);

  /* one column: the horizontal pitch does not matter */
  g_assert_true (rpt_label_sheet_init_custom (&sheet, MM (100), MM (150), 1, 4,
                                              MM (90), MM (35), MM (5), MM (5),
                                              NAN, MM (35), &error));
  g_assert_no_error (error);
  rpt_label_sheet_cell (&sheet, 3, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, MM (5), 0.001);
  g_assert_cmpfloat_with_epsilon (y, MM (5 + 3 * 35), 0.001);

  assert_custom_fails (MM (70), MM (34), MM (67), MM (34), "overlap");
  assert_custom_fails (MM (64), MM (34), MM (67), MM (30), "overlap");
  assert_custom_fails (MM (64), MM (34), MM (75), MM (34), "right edge");
  assert_custom_fails (MM (64), MM (36), MM (67), MM (36), "bottom edge");
  assert_custom_fails (0, MM (34), MM (67), MM (34), "greater than zero");
  assert_custom_fails (MM (64), NAN, MM (67), MM (34), "greater than zero");
}

/* A line a little too long for the label is set smaller, not cut: an
 * ellipsis would squeeze the words it replaces into its own width. */
static void
test_shrink (void)
{
  const RptLabelSheet *sheet = rpt_label_sheet_find ("L7160");
  Pdf *pdf = pdf_new (sheet->page_width, sheet->page_height);
  PopplerDocument *document;
  PopplerPage *page;
  cairo_rectangle_t wide, normal;

  rpt_draw_label (pdf->cr, pdf->context, sheet, 0, SHORT_ADDRESS);
  rpt_draw_label (pdf->cr, pdf->context, sheet, 1,
                  "Kunde Breit\nAm Großen Wannsee 56, Hinterhaus links\n14109 Berlin");
  document = pdf_finish (pdf);
  page = pdf_page (document, 0);

  normal = find_text (page, "Kurz");
  wide = find_text (page, "Hinterhaus links");
  assert_in_cell (&wide, sheet, 1);
  g_assert_cmpfloat (wide.width, >, 3 * wide.height);
  g_assert_cmpfloat (wide.height, <, normal.height * 0.9);
  g_assert_cmpfloat (wide.height, >, normal.height * 0.6);
  g_object_unref (page);
  g_object_unref (document);
}

/* Shrinking to the smallest size is not enough: the street is cut with an
 * ellipsis. Cairo maps the ellipsis glyph to the text it stands for, so the
 * PDF still yields the whole street to search and copy, squeezed into the
 * place of that one glyph inside the label. */
static void
test_long_street (void)
{
  const RptLabelSheet *sheet = rpt_label_sheet_find ("L7160");
  g_autoptr(GString) street = g_string_new (NULL);
  g_autofree char *address = NULL;
  g_autofree char *text = NULL;
  PopplerDocument *short_document = single_label (sheet, 4, SHORT_ADDRESS);
  PopplerPage *short_page = pdf_page (short_document, 0);
  PopplerDocument *document;
  PopplerPage *page;
  double ratio;

  while (street->len < 2000)
    g_string_append (street, "Lindenallee ");
  g_strchomp (street->str);
  address = g_strdup_printf ("Kunde Lang\n%s\n10115 Berlin", street->str);
  document = single_label (sheet, 4, address);
  page = pdf_page (document, 0);
  text = poppler_page_get_text (page);

  ratio = find_text (page, "Lang").height / find_text (short_page, "Kurz").height;
  g_assert_cmpfloat_with_epsilon (ratio, 6.0 / 10.0, 0.02);
  g_assert_nonnull (strstr (text, "Kunde Lang"));
  g_assert_nonnull (strstr (text, street->str));
  g_assert_nonnull (strstr (text, "10115 Berlin"));
  assert_all_text_in_cell (page, sheet, 4);
  g_object_unref (page);
  g_object_unref (document);
  g_object_unref (short_page);
  g_object_unref (short_document);
}

/* More lines than a small label holds even at the smallest size. */
static void
test_many_lines (void)
{
  const RptLabelSheet *sheet = rpt_label_sheet_find ("L7651");
  g_autoptr(GString) address = g_string_new ("Kunde Viele");
  PopplerDocument *document;
  PopplerPage *page;
  g_autofree char *text = NULL;

  for (guint i = 1; i <= 20; i++)
    g_string_append_printf (address, "\nZeile %u", i);

  document = single_label (sheet, 7, address->str);
  page = pdf_page (document, 0);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "Kunde Viele"));
  g_assert_nonnull (strstr (text, "…"));
  g_assert_null (strstr (text, "Zeile 20"));
  assert_all_text_in_cell (page, sheet, 7);
  g_object_unref (page);
  g_object_unref (document);
}

static void
test_chinese (void)
{
  const RptLabelSheet *sheet = rpt_label_sheet_find ("L7163");
  const char *address = "王伟 (Wang Wei)\n中国 上海市 浦东新区 世纪大道100号\n200120";
  PopplerDocument *document = single_label (sheet, 2, address);
  PopplerPage *page = pdf_page (document, 0);
  g_autofree char *text = poppler_page_get_text (page);
  PopplerFontInfo *fonts = poppler_font_info_new (document);
  PopplerFontsIter *iter = NULL;
  gboolean cjk_font = FALSE;

  g_assert_nonnull (strstr (text, "王伟 (Wang Wei)"));
  g_assert_nonnull (strstr (text, "中国 上海市 浦东新区 世纪大道100号"));
  g_assert_nonnull (strstr (text, "200120"));
  assert_all_text_in_cell (page, sheet, 2);

  g_assert_true (poppler_font_info_scan (fonts, 1, &iter));
  do
    cjk_font |= strstr (poppler_fonts_iter_get_name (iter), "NotoSansCJK") != NULL;
  while (poppler_fonts_iter_next (iter));
  g_assert_true (cjk_font);
  poppler_fonts_iter_free (iter);
  poppler_font_info_free (fonts);
  g_object_unref (page);
  g_object_unref (document);
}

static void
test_envelopes (void)
{
  const RptEnvelopeSize *dl = rpt_envelope_size_find ("DL");
  guint n;
  const RptEnvelopeSize *sizes = rpt_envelope_sizes (&n);
  cairo_rectangle_t area;

  /* DIN 5008 practice on DL: the address starts 100 mm in and 50 mm down */
  rpt_envelope_recipient_area (dl, &area.x, &area.y, &area.width, &area.height);
  g_assert_cmpfloat_with_epsilon (dl->width, MM (220), TOLERANCE);
  g_assert_cmpfloat_with_epsilon (area.x, MM (100), TOLERANCE);
  g_assert_cmpfloat_with_epsilon (area.y, MM (50), TOLERANCE);
  g_assert_null (rpt_envelope_size_find ("B4"));

  for (guint i = 0; i < n; i++)
    {
      const RptEnvelopeSize *size = &sizes[i];
      Pdf *pdf = pdf_new (size->width, size->height);
      PopplerDocument *document;
      PopplerPage *page;
      cairo_rectangle_t quarter = { 0, 0, size->width / 2, size->height / 2 };
      cairo_rectangle_t box;
      double width, height;

      g_assert_cmpfloat (size->width, >, size->height);
      rpt_envelope_recipient_area (size, &area.x, &area.y, &area.width, &area.height);
      rpt_draw_envelope (pdf->cr, pdf->context, size,
                         "Versandhaus Rapport GmbH\nHauptstraße 1\n10115 Berlin",
                         "Erika Mustermann\nHeidestraße 17\n51147 Köln");
      document = pdf_finish (pdf);
      page = pdf_page (document, 0);
      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, size->width, TOLERANCE);
      g_assert_cmpfloat_with_epsilon (height, size->height, TOLERANCE);

      box = find_text (page, "Erika Mustermann");
      assert_inside (&box, &area);
      box = find_text (page, "Heidestraße 17");
      assert_inside (&box, &area);
      box = find_text (page, "51147 Köln");
      assert_inside (&box, &area);
      box = find_text (page, "Versandhaus");
      assert_inside (&box, &quarter);
      g_assert_cmpfloat (box.x, >=, MM (15) - TOLERANCE);
      g_assert_cmpfloat (box.y, >=, MM (15) - TOLERANCE);
      g_object_unref (page);
      g_object_unref (document);
    }
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);
  g_test_add_func ("/core/labels/sheet-table", test_sheet_table);
  g_test_add_func ("/core/labels/page-size", test_page_size);
  g_test_add_func ("/core/labels/full-sheet", test_full_sheet);
  g_test_add_func ("/core/labels/start-position", test_start_position);
  g_test_add_func ("/core/labels/custom", test_custom);
  g_test_add_func ("/core/labels/shrink", test_shrink);
  g_test_add_func ("/core/labels/long-street", test_long_street);
  g_test_add_func ("/core/labels/many-lines", test_many_lines);
  g_test_add_func ("/core/labels/chinese", test_chinese);
  g_test_add_func ("/core/labels/envelopes", test_envelopes);
  return g_test_run ();
}
