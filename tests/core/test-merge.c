/* test-merge.c — mail merge: who gets a letter, what the PDF says
 *
 * Every PDF is read back with Poppler: text, positions, page counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <libintl.h>
#include <poppler.h>
#include <signal.h>
#include <sys/resource.h>

#include "rpt-error.h"
#include "rpt-letter-store.h"
#include "rpt-merge.h"
#include "rpt-pdf-file.h"
#include "rpt-template.h"
#include "rpt-timeline-entry.h"
#include "test-utils.h"

/* Poppler 22.12 declares none */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

typedef struct
{
  RptDatabase      *db;
  RptCustomerStore *store;
  char             *dir;
  gint64            wang, maria, chen, ann, org, quiet, mailer, homeless, newbie;
} Fixture;

static gint64
add_customer (Fixture    *f,
              const char *given,
              const char *family,
              const char *language,
              const char *street,
              const char *country)
{
  g_autoptr(RptCustomer) c = test_person (given, family, language);
  g_autoptr(GError) error = NULL;

  g_object_set (c, "street", street, "locality", street && *street ? "Springfield" : "",
                "postal-code", street && *street ? "12345" : "", "country", country, NULL);
  g_assert_true (rpt_customer_store_save (f->store, c, &error));
  g_assert_no_error (error);
  return rpt_customer_get_id (c);
}

static void
add_purchase (Fixture    *f,
              gint64      customer,
              const char *item,
              gint64      cents,
              const char *when)
{
  g_autoptr(RptTimelineEntry) e = rpt_timeline_entry_new (RPT_ENTRY_PURCHASE);
  g_autoptr(GError) error = NULL;

  g_object_set (e, "customer-id", customer, "item", item, "summary", item, "amount", cents,
                "occurred", when, NULL);
  g_assert_true (rpt_customer_store_add_entry (f->store, e, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = test_open_new ("merge.db");
  f->store = rpt_customer_store_new (f->db);
  g_assert_true (rpt_customer_store_set_setting (f->store, "business_name", "Casa Rapport", &error));
  g_assert_true (rpt_customer_store_set_setting (f->store, "business_address", "Calle Mayor 1\n28013 Madrid", &error));
  g_assert_true (rpt_customer_store_set_setting (f->store, "currency", "EUR", &error));
  f->wang = add_customer (f, "伟", "王", "zh_CN", "世纪大道 100 号", "CN");
  f->maria = add_customer (f, "María", "García", "es", "Calle Luna 5", "ES");
  f->chen = add_customer (f, "美玲", "陳", "zh_TW", "忠孝東路 1 號", "TW");
  f->ann = add_customer (f, "Ann", "Smith", "en", "1 Main Street", "US");
  f->quiet = add_customer (f, "Quentin", "Quiet", "en", "2 Main Street", "US");
  f->mailer = add_customer (f, "Erin", "Mailer", "en", "3 Main Street", "US");
  f->homeless = add_customer (f, "Nora", "Nowhere", "en", "", "");
  f->newbie = add_customer (f, "Neil", "New", "en", "4 Main Street", "US");
  {
    g_autoptr(RptCustomer) q = rpt_customer_store_load (f->store, f->quiet, &error);
    g_autoptr(RptCustomer) m = rpt_customer_store_load (f->store, f->mailer, &error);

    g_object_set (q, "do-not-contact", TRUE, NULL);
    g_object_set (m, "channel", RPT_CHANNEL_EMAIL, NULL);
    g_assert_true (rpt_customer_store_save (f->store, q, &error));
    g_assert_true (rpt_customer_store_save (f->store, m, &error));
  }
  add_purchase (f, f->wang, "绿茶 Green tea", 123450, "2026-03-02T10:00:00Z");
  add_purchase (f, f->maria, "Té verde", 123450, "2026-03-02T10:00:00Z");
  add_purchase (f, f->chen, "烏龍茶", 5000, "2026-04-01T10:00:00Z");
  add_purchase (f, f->ann, "Teapot", 4200, "2026-05-06T10:00:00Z");
  add_purchase (f, f->quiet, "Teapot", 4200, "2026-05-06T10:00:00Z");
  add_purchase (f, f->mailer, "Teapot", 4200, "2026-05-06T10:00:00Z");
  add_purchase (f, f->homeless, "Teapot", 4200, "2026-05-06T10:00:00Z");
  f->dir = g_dir_make_tmp ("rapport-merge-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_clear_object (&f->store);
  g_clear_object (&f->db);
}

static GArray *
ids_of (Fixture *f,
        ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;
  gint64 id;

  va_start (args, f);
  while ((id = va_arg (args, gint64)) != 0)
    g_array_append_val (ids, id);
  va_end (args);
  return ids;
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static char *
page_text (PopplerDocument *doc,
           int              page)
{
  PopplerPage *p = poppler_document_get_page (doc, page);
  char *text = poppler_page_get_text (p);

  g_object_unref (p);
  return text;
}

/* Text extraction may break lines anywhere: compare without white space. */
static gboolean
text_has (const char *text,
          const char *needle)
{
  g_autoptr(GString) flat = g_string_new (NULL);
  g_autoptr(GString) flat_needle = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (flat, *p);
  for (const char *p = needle; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (flat_needle, *p);
  return strstr (flat->str, flat_needle->str) != NULL;
}

static RptLetterTemplate *
builtin (const char *key)
{
  g_autoptr(GPtrArray) list = rpt_letter_template_builtins ();

  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (rpt_letter_template_get_builtin (list->pdata[i]), key) == 0)
      return g_object_ref (list->pdata[i]);
  g_assert_not_reached ();
}

static RptSkipped *
find_skipped (RptMerge *merge,
              gint64    id)
{
  GPtrArray *skipped = rpt_merge_get_skipped (merge);

  for (guint i = 0; i < skipped->len; i++)
    if (((RptSkipped *) skipped->pdata[i])->customer_id == id)
      return skipped->pdata[i];
  return NULL;
}

static void
test_skipped_reasons (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = builtin ("thank-you");
  g_autoptr(GError) error = NULL;
  g_autoptr(RptMerge) merge = rpt_merge_new (f->store, t, &error);
  g_autoptr(GArray) ids = ids_of (f, f->wang, f->maria, f->quiet, f->mailer, f->homeless, f->newbie,
                                  (gint64) 99999, (gint64) 0);

  g_assert_no_error (error);
  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rpt_merge_get_n_letters (merge), ==, 2);
  g_assert_cmpuint (rpt_merge_get_skipped (merge)->len, ==, 5);
  g_assert_cmpint (find_skipped (merge, f->quiet)->reason, ==, RPT_SKIP_DO_NOT_CONTACT);
  g_assert_cmpint (find_skipped (merge, f->mailer)->reason, ==, RPT_SKIP_OTHER_CHANNEL);
  g_assert_cmpstr (find_skipped (merge, f->mailer)->detail, ==, "prefers e-mail");
  g_assert_cmpint (find_skipped (merge, f->homeless)->reason, ==, RPT_SKIP_NO_ADDRESS);
  /* the thank-you letter needs a purchase to thank for */
  g_assert_cmpint (find_skipped (merge, f->newbie)->reason, ==, RPT_SKIP_MISSING_FIELD);
  g_assert_nonnull (strstr (find_skipped (merge, f->newbie)->detail, "last_purchase"));
  g_assert_cmpstr (find_skipped (merge, f->newbie)->name, ==, "Neil New");
  g_assert_cmpint (find_skipped (merge, 99999)->reason, ==, RPT_SKIP_NOT_FOUND);
}

static void
test_languages_in_pdf (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = builtin ("thank-you");
  g_autoptr(GError) error = NULL;
  g_autoptr(RptMerge) merge = rpt_merge_new (f->store, t, &error);
  g_autoptr(GArray) ids = ids_of (f, f->wang, f->maria, f->chen, f->ann, (gint64) 0);
  g_autofree char *path = g_build_filename (f->dir, "letters.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *p0 = NULL, *p1 = NULL, *p2 = NULL, *p3 = NULL;

  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_true (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 4);
  p0 = page_text (doc, 0);
  p1 = page_text (doc, 1);
  p2 = page_text (doc, 2);
  p3 = page_text (doc, 3);
  /* names in the customer's culture, amounts and dates in their language */
  g_assert_true (text_has (p0, "王伟"));
  g_assert_true (text_has (p0, "绿茶 Green tea"));
  g_assert_true (text_has (p0, "2026年3月2日"));
  g_assert_true (text_has (p0, "感谢"));
  g_assert_true (text_has (p1, "María García"));
  g_assert_true (text_has (p1, "2 de marzo de 2026"));
  g_assert_true (text_has (p1, "Gracias"));
  g_assert_true (text_has (p2, "陳美玲"));
  g_assert_true (text_has (p2, "感謝"));
  g_assert_true (text_has (p3, "Dear Ann Smith,"));
  g_assert_true (text_has (p3, "March") == FALSE);
  g_assert_true (text_has (p3, "May 6, 2026"));
  /* the return line and the business's name under the signature */
  g_assert_true (text_has (p3, "Casa Rapport"));
}

static void
test_address_in_window (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = builtin ("win-back");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ids_of (f, f->ann, (gint64) 0);
  g_autofree char *path = g_build_filename (f->dir, "window.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  PopplerPage *page;
  GList *found;
  double x, y, w, h, pw, ph;
  g_autoptr(RptLetterSetup) setup = NULL;

  for (int paper = RPT_PAPER_A4; paper <= RPT_PAPER_LETTER; paper++)
    {
      g_autoptr(RptMerge) merge = NULL;
      PopplerRectangle *r;

      rpt_letter_template_set_paper (t, paper);
      merge = rpt_merge_new (f->store, t, &error);
      g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
      g_assert_true (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, path, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_clear_object (&doc);
      doc = open_pdf (path);
      page = poppler_document_get_page (doc, 0);
      poppler_page_get_size (page, &pw, &ph);
      setup = rpt_letter_template_make_setup (t, NULL, NULL);
      rpt_letter_setup_get_address_area (setup, &x, &y, &w, &h);
      g_clear_pointer (&setup, rpt_letter_setup_unref);
      if (paper == RPT_PAPER_A4)
        {
          g_assert_cmpfloat_with_epsilon (pw, 595.28, 0.5);
          /* DIN 5008 form B: the address starts 62.7 mm down, 25 mm in */
          g_assert_cmpfloat_with_epsilon (y, RPT_MM (62.7), 0.1);
          g_assert_cmpfloat_with_epsilon (x, RPT_MM (25), 0.1);
        }
      else
        g_assert_cmpfloat_with_epsilon (pw, 612, 0.5);
      found = poppler_page_find_text (page, "Ann Smith");
      g_assert_nonnull (found);
      /* Poppler's rectangles count y from the bottom of the page */
      r = found->data;
      g_assert_cmpfloat (r->x1, >=, x - 0.5);
      g_assert_cmpfloat (r->x2, <=, x + w);
      g_assert_cmpfloat (ph - r->y2, >=, y - 0.5);
      g_assert_cmpfloat (ph - r->y1, <=, y + h);
      g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
      g_object_unref (page);
    }
}

/* A two-page letterhead: a mark and a coloured band on each page. */
static GBytes *
make_letterhead (void)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = rpt_pdf_surface_new_in_memory (bytes, 595.28, 841.89);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < 2; i++)
    {
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 14);
      cairo_move_to (cr, 400, 40);
      cairo_show_text (cr, i == 0 ? "HEADMARKFIRST" : "HEADMARKNEXT");
      cairo_rectangle (cr, 0, 820, 595, 21);
      cairo_set_source_rgb (cr, 0.2, 0.4, 0.6);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static char *
long_body (void)
{
  GString *body = g_string_new ("<b>A long letter</b>\n\n{{salutation}}\n\n");

  for (int i = 1; i <= 40; i++)
    g_string_append_printf (body, "Paragraph %d. Our tea comes from small gardens in Yunnan and Fujian; "
                            "every harvest is tasted before it reaches the shop, and we keep notes on "
                            "each one so that you can find your favourite again next year.\n\n", i);
  g_string_append (body, "- first point\n- second point\n1. numbered\n\n{{> closing}}");
  return g_string_free (body, FALSE);
}

static void
test_letterhead_and_pages (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = rpt_letter_template_new ();
  g_autoptr(GBytes) head = make_letterhead ();
  g_autofree char *body = long_body ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RptMerge) merge = NULL;
  g_autoptr(GArray) ids = ids_of (f, f->ann, f->maria, (gint64) 0);
  g_autofree char *path = g_build_filename (f->dir, "long.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  int n_pages, per_letter;
  GStatBuf st;

  rpt_letter_template_set_name (t, "Long");
  rpt_letter_template_set_paper (t, RPT_PAPER_A4);
  rpt_letter_template_set_body (t, "en", body);
  rpt_letter_template_set_letterhead (t, head, "head.pdf");
  merge = rpt_merge_new (f->store, t, &error);
  g_assert_no_error (error);
  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_cmpuint (rpt_merge_get_n_letters (merge), ==, 2);
  g_assert_true (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = open_pdf (path);
  n_pages = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n_pages % 2, ==, 0);
  per_letter = n_pages / 2;
  g_assert_cmpint (per_letter, >=, 3);
  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *text = page_text (doc, i);
      g_autofree char *number = g_strdup_printf ("Page %d of %d", i % per_letter + 1, per_letter);
      gboolean first = i % per_letter == 0;

      /* the letterhead's first page under a letter's first page, its second under the rest */
      g_assert_true (text_has (text, first ? "HEADMARKFIRST" : "HEADMARKNEXT"));
      g_assert_false (text_has (text, first ? "HEADMARKNEXT" : "HEADMARKFIRST"));
      g_assert_true (text_has (text, number));
      /* the Spanish customer gets the English text: the template has no other */
      if (i == per_letter)
        g_assert_true (text_has (text, "María García"));
    }
  /* every paragraph once, none lost at a page break */
  for (int p = 1; p <= 40; p++)
    {
      g_autofree char *needle = g_strdup_printf ("Paragraph %d.", p);
      int seen = 0;

      for (int i = 0; i < per_letter; i++)
        {
          g_autofree char *text = page_text (doc, i);

          seen += text_has (text, needle) ? 1 : 0;
        }
      g_assert_cmpint (seen, ==, 1);
    }
  /* the letterhead is drawn from one recording: stored once, not per page */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size / n_pages, <, 8 * 1024);
}

static void
test_per_recipient_and_timeline (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = builtin ("thank-you");
  g_autoptr(GError) error = NULL;
  g_autoptr(RptMerge) merge = rpt_merge_new (f->store, t, &error);
  g_autoptr(GArray) ids = ids_of (f, f->wang, f->maria, f->ann, (gint64) 0);
  g_autofree char *folder = g_build_filename (f->dir, "each", NULL);
  g_autofree char *maria = g_build_filename (folder, "María García.pdf", NULL);
  g_autoptr(GArray) timeline = NULL;
  g_autoptr(RptTimelineEntry) entry = NULL;

  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_true (rpt_merge_write (merge, RPT_MERGE_PDF_PER_RECIPIENT, folder, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (maria, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(PopplerDocument) doc = open_pdf (maria);
    g_autofree char *text = page_text (doc, 0);

    g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
    g_assert_true (text_has (text, "María García"));
    g_assert_false (text_has (text, "Ann Smith"));
  }
  g_assert_true (rpt_merge_record (merge, &error));
  g_assert_no_error (error);
  timeline = rpt_customer_store_timeline_ids (f->store, f->maria, &error);
  entry = rpt_customer_store_load_entry (f->store, g_array_index (timeline, guint32, 0), &error);
  g_assert_cmpint (rpt_timeline_entry_get_kind (entry), ==, RPT_ENTRY_LETTER);
  g_assert_cmpstr (rpt_timeline_entry_get_summary (entry), ==, rpt_letter_template_get_name (t));
  {
    g_autofree char *details = NULL;

    g_object_get (entry, "details", &details, NULL);
    g_assert_cmpstr (details, ==, maria);
  }
}

/* A PDF locked with a password (the standard security handler, keys
 * that no empty password opens), as an office program saves one. */
static GBytes *
encrypted_pdf (void)
{
  const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    "<< /Filter /Standard /V 1 /R 2 /P -4 /O <1111111111111111111111111111111111111111111111111111111111111111>"
    " /U <2222222222222222222222222222222222222222222222222222222222222222> >>",
  };
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[G_N_ELEMENTS (objects)], xref;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", (guint) G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef>"
                          " <0123456789abcdef0123456789abcdef>] >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          (guint) G_N_ELEMENTS (objects) + 1, xref);
  return g_string_free_to_bytes (pdf);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = builtin ("thank-you");
  g_autoptr(GError) error = NULL;
  g_autoptr(RptMerge) merge = NULL;
  g_autoptr(GArray) ids = ids_of (f, f->ann, (gint64) 0);
  g_autoptr(GBytes) not_pdf = g_bytes_new_static ("GIF89a", 6);
  g_autoptr(GBytes) broken = g_bytes_new_static ("%PDF-1.4\n1 0 obj <<", 19);
  g_autoptr(GBytes) locked = encrypted_pdf ();
  g_autofree char *file = g_build_filename (f->dir, "plain.txt", NULL);
  g_autofree char *under_file = g_build_filename (file, "letters", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "never.pdf", NULL);
  int line = 0, column = 0;

  /* a letterhead that is not a PDF, or a damaged one */
  rpt_letter_template_set_letterhead (t, not_pdf, "x.gif");
  g_assert_null (rpt_merge_new (f->store, t, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_clear_error (&error);
  rpt_letter_template_set_letterhead (t, broken, "x.pdf");
  g_assert_null (rpt_merge_new (f->store, t, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_clear_error (&error);
  /* one protected by a password: said so */
  rpt_letter_template_set_letterhead (t, locked, "locked.pdf");
  g_assert_null (rpt_merge_new (f->store, t, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "password"));
  g_clear_error (&error);
  rpt_letter_template_set_letterhead (t, NULL, NULL);

  /* a folder that cannot be made: nothing written */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  merge = rpt_merge_new (f->store, t, &error);
  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_false (rpt_merge_write (merge, RPT_MERGE_PDF_PER_RECIPIENT, under_file, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&merge, rpt_merge_free);

  /* a syntax error: its line and column, and no PDF */
  rpt_letter_template_set_body (t, "en", "Hello\n{{#last_purchase}}\nno end");
  merge = rpt_merge_new (f->store, t, &error);
  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_false (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, pdf, NULL, NULL, NULL, &error));
  g_assert_true (rpt_template_error_position (error, &line, &column));
  g_assert_cmpint (line, ==, 2);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_clear_pointer (&merge, rpt_merge_free);

  /* formatting that is never closed */
  rpt_letter_template_set_body (t, "en", "Hello\n<b>bold");
  merge = rpt_merge_new (f->store, t, &error);
  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_false (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, pdf, NULL, NULL, NULL, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* The disk fills in the middle of a run (files may grow no larger than
 * 64 KiB here): the run fails with a clear message, and neither the PDF
 * nor a part of it is left to look complete — for one thread and two. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = builtin ("thank-you");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *pdf = g_build_filename (f->dir, "full.pdf", NULL);
  struct rlimit limit = { 64 * 1024, 64 * 1024 };

  for (int i = 0; i < 60; i++)
    g_array_append_vals (ids, (gint64[]) { f->wang, f->maria, f->chen, f->ann }, 4);
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RptMerge) merge = rpt_merge_new (f->store, t, &error);
      g_autoptr(GDir) dir = NULL;
      const char *name;

      rpt_merge_set_threads (merge, threads);
      g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
      g_assert_false (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, pdf, NULL, NULL, NULL, &error));
      g_assert_error (error, RPT_ERROR, RPT_ERROR_DISK_FULL);
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
      /* no temporary file or part left behind either */
      dir = g_dir_open (f->dir, 0, NULL);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_assert_false (strstr (name, "full.pdf") != NULL);
    }
}

static void
run_in_subprocess (const char *path)
{
  g_test_trap_subprocess (path, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_disk_full_trap (void)
{
  run_in_subprocess ("/merge/disk-full/subprocess");
}

/* A run's contexts hold only what the template uses — and what the
 * blocks it includes use, though the template itself never names it. */
static void
test_block_fields (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) block = rpt_letter_template_new ();
  g_autoptr(RptLetterTemplate) t = rpt_letter_template_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ids_of (f, f->ann, (gint64) 0);
  g_autofree char *path = g_build_filename (f->dir, "block.pdf", NULL);
  g_autoptr(RptMerge) merge = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;

  rpt_letter_template_set_name (block, "where");
  rpt_letter_template_set_block (block, TRUE);
  rpt_letter_template_set_body (block, "en", "From {{locality}}, {{#last_purchase}}bought {{item}}{{/last_purchase}}.");
  g_assert_true (rpt_customer_store_save_letter_template (f->store, block, &error));
  g_assert_no_error (error);
  rpt_letter_template_set_name (t, "uses a block");
  rpt_letter_template_set_body (t, "en", "Hi {{given_name}}\n{{>where}}\n");
  merge = rpt_merge_new (f->store, t, &error);
  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_true (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = open_pdf (path);
  text = page_text (doc, 0);
  g_assert_true (text_has (text, "Hi Ann"));
  g_assert_true (text_has (text, "From Springfield, bought Teapot."));
}

/* Paragraphs the letters share are laid out once and drawn in each; a
 * tag that goes over two lines still holds for both; each letter keeps
 * its own text. */
static void
test_shared_paragraphs (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = rpt_letter_template_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ids_of (f, f->ann, f->maria, f->wang, f->ann, (gint64) 0);
  g_autofree char *path = g_build_filename (f->dir, "shared.pdf", NULL);
  g_autoptr(RptMerge) merge = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  const char *expect[] = { "Ann", "María", "伟", "Ann" };

  rpt_letter_template_set_name (t, "shared");
  rpt_letter_template_set_body (t, "en", "<b>Bold over\ntwo lines</b>\n\nHello {{given_name}},\n"
                                         "A paragraph every letter has.\n");
  merge = rpt_merge_new (f->store, t, &error);
  rpt_merge_set_threads (merge, 1);
  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_true (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 4);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *text = page_text (doc, i);
      g_autofree char *hello = g_strdup_printf ("Hello %s,", expect[i]);
      PopplerPage *page = poppler_document_get_page (doc, i);
      GList *attributes = poppler_page_get_text_attributes (page);
      gboolean bold_two = FALSE;
      const char *two = strstr (text, "two lines");

      g_assert_true (text_has (text, "Bold over"));
      g_assert_nonnull (two);
      g_assert_true (text_has (text, hello));
      g_assert_true (text_has (text, "A paragraph every letter has."));
      /* the second line of the bold paragraph is bold too */
      for (GList *l = attributes; l != NULL; l = l->next)
        {
          PopplerTextAttributes *a = l->data;
          glong offset = g_utf8_pointer_to_offset (text, two);

          if (a->start_index <= offset && offset <= a->end_index)
            bold_two = strstr (a->font_name, "Bold") != NULL;
        }
      g_assert_true (bold_two);
      poppler_page_free_text_attributes (attributes);
      g_object_unref (page);
    }
}

static void
test_long_street (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = builtin ("win-back");
  g_autoptr(GError) error = NULL;
  g_autoptr(RptMerge) merge = NULL;
  g_autoptr(GString) street = g_string_new (NULL);
  g_autoptr(RptCustomer) c = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *path = g_build_filename (f->dir, "street.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(RptLetterSetup) setup = rpt_letter_template_make_setup (t, NULL, NULL);
  PopplerPage *page;
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  double x, y, w, h, pw, ph;
  g_autofree char *text = NULL;

  while (street->len < 2000)
    g_string_append (street, "Avenida de los Almendros Floridos ");
  c = rpt_customer_store_load (f->store, f->ann, &error);
  g_object_set (c, "street", street->str, NULL);
  g_assert_true (rpt_customer_store_save (f->store, c, &error));
  ids = ids_of (f, f->ann, (gint64) 0);
  merge = rpt_merge_new (f->store, t, &error);
  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_true (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = open_pdf (path);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &pw, &ph);
  rpt_letter_setup_get_address_area (setup, &x, &y, &w, &h);
  /* the address stays in its window: every glyph of the first lines is inside */
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  text = poppler_page_get_text (page);
  for (guint i = 0; i < n_rects && i < 60; i++)
    {
      g_assert_cmpfloat (rects[i].x2, <=, x + w + 1);
      g_assert_cmpfloat (rects[i].y2, <=, y + h + 1);
    }
  g_assert_true (text_has (text, "Ann Smith"));
  g_assert_true (text_has (text, "Springfield"));
  g_free (rects);
  g_object_unref (page);
}

/* Several threads write parts that are joined: the same pages, in the
 * same order, as one thread writes. */
static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = builtin ("thank-you");
  g_autoptr(GBytes) head = make_letterhead ();
  g_autoptr(GArray) ids = ids_of (f, f->wang, f->maria, f->chen, f->ann, (gint64) 0);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  rpt_letter_template_set_letterhead (t, head, "head.pdf");
  for (guint threads = 1; threads <= 3; threads++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RptMerge) merge = rpt_merge_new (f->store, t, &error);
      g_autofree char *path = g_strdup_printf ("%s/threads-%u.pdf", f->dir, threads);
      g_autofree char *folder = g_strdup_printf ("%s/each-%u", f->dir, threads);
      g_autoptr(PopplerDocument) doc = NULL;

      rpt_merge_set_threads (merge, threads);
      g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
      g_assert_true (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, path, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      doc = open_pdf (path);
      g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 4);
      for (int i = 0; i < 4; i++)
        {
          char *text = page_text (doc, i);

          g_assert_true (text_has (text, "HEADMARKFIRST"));
          if (threads == 1)
            g_ptr_array_add (texts, text);
          else
            {
              g_assert_cmpstr (text, ==, texts->pdata[i]);
              g_free (text);
            }
        }
      g_assert_true (rpt_merge_write (merge, RPT_MERGE_PDF_PER_RECIPIENT, folder, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      {
        g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
        guint n = 0;

        while (g_dir_read_name (dir) != NULL)
          n++;
        g_assert_cmpuint (n, ==, 4);
      }
    }
}

/* Checking many recipients in threads gives what one thread gives, in
 * the same order. */
static void
test_check_threads (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = builtin ("thank-you");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const gint64 all[] = { f->wang, f->maria, f->quiet, f->mailer, f->homeless, f->newbie, f->ann, 99999 };
  guint n_letters = 0;
  g_autoptr(GString) reasons = g_string_new (NULL);

  for (guint i = 0; i < 400; i++)
    g_array_append_val (ids, all[i % G_N_ELEMENTS (all)]);
  for (guint threads = 1; threads <= 3; threads += 2)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RptMerge) merge = rpt_merge_new (f->store, t, &error);
      g_autoptr(GString) these = g_string_new (NULL);
      GPtrArray *skipped;

      rpt_merge_set_threads (merge, threads);
      g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      skipped = rpt_merge_get_skipped (merge);
      for (guint i = 0; i < skipped->len; i++)
        g_string_append_printf (these, "%" G_GINT64_FORMAT ":%d ", ((RptSkipped *) skipped->pdata[i])->customer_id,
                                ((RptSkipped *) skipped->pdata[i])->reason);
      if (threads == 1)
        {
          n_letters = rpt_merge_get_n_letters (merge);
          g_string_assign (reasons, these->str);
          g_assert_cmpuint (n_letters, ==, 150);
        }
      else
        {
          g_assert_cmpuint (rpt_merge_get_n_letters (merge), ==, n_letters);
          g_assert_cmpstr (these->str, ==, reasons->str);
        }
    }
}

/* Margins of the template's own are kept by the store and move the text. */
static void
test_margins (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RptLetterTemplate) t = builtin ("win-back");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(RptMerge) merge = NULL;
  g_autoptr(GArray) ids = ids_of (f, f->ann, (gint64) 0);
  g_autofree char *path = g_build_filename (f->dir, "margins.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  const double margins[4] = { 20, 20, 20, 45.5 };
  double back[4];
  PopplerPage *page;
  GList *found;

  rpt_letter_template_set_paper (t, RPT_PAPER_A4);
  rpt_letter_template_set_margins (t, margins);
  g_assert_true (rpt_customer_store_save_letter_template (f->store, t, &error));
  g_assert_no_error (error);
  saved = rpt_customer_store_list_letter_templates (f->store, &error);
  g_assert_cmpuint (saved->len, ==, 1);
  rpt_letter_template_get_margins (saved->pdata[0], back);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (back[i], margins[i], 0.001);
  merge = rpt_merge_new (f->store, saved->pdata[0], &error);
  g_assert_true (rpt_merge_check (merge, ids, NULL, NULL, NULL, &error));
  g_assert_true (rpt_merge_write (merge, RPT_MERGE_ONE_PDF, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = open_pdf (path);
  page = poppler_document_get_page (doc, 0);
  found = poppler_page_find_text (page, "Dear Ann");
  g_assert_nonnull (found);
  g_assert_cmpfloat_with_epsilon (((PopplerRectangle *) found->data)->x1, RPT_MM (45.5), 1.0);
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RAPPORT_LOCALEDIR"));
  g_test_add ("/merge/skipped-reasons", Fixture, NULL, fixture_set_up, test_skipped_reasons, fixture_tear_down);
  g_test_add ("/merge/languages", Fixture, NULL, fixture_set_up, test_languages_in_pdf, fixture_tear_down);
  g_test_add ("/merge/address-window", Fixture, NULL, fixture_set_up, test_address_in_window, fixture_tear_down);
  g_test_add ("/merge/letterhead-pages", Fixture, NULL, fixture_set_up, test_letterhead_and_pages, fixture_tear_down);
  g_test_add ("/merge/per-recipient", Fixture, NULL, fixture_set_up, test_per_recipient_and_timeline, fixture_tear_down);
  g_test_add ("/merge/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);
  g_test_add ("/merge/check-threads", Fixture, NULL, fixture_set_up, test_check_threads, fixture_tear_down);
  g_test_add ("/merge/margins", Fixture, NULL, fixture_set_up, test_margins, fixture_tear_down);
  g_test_add ("/merge/threads", Fixture, NULL, fixture_set_up, test_threads, fixture_tear_down);
  g_test_add ("/merge/disk-full/subprocess", Fixture, NULL, fixture_set_up, test_disk_full, fixture_tear_down);
  g_test_add_func ("/merge/disk-full", test_disk_full_trap);
  g_test_add ("/merge/block-fields", Fixture, NULL, fixture_set_up, test_block_fields, fixture_tear_down);
  g_test_add ("/merge/shared-paragraphs", Fixture, NULL, fixture_set_up, test_shared_paragraphs, fixture_tear_down);
  g_test_add ("/merge/long-street", Fixture, NULL, fixture_set_up, test_long_street, fixture_tear_down);
  return g_test_run ();
}
