/* rpt-pdf-join.c — joins PDFs as Cairo writes them, page after page
 *
 * A run of letters is written by several threads, each into a PDF of its
 * own; this puts their pages into one file without drawing anything
 * again. It reads what Cairo writes — a classic cross-reference table,
 * one page tree under the catalog, objects that are dictionaries, numbers
 * or streams — and refuses anything else rather than guess. Every object
 * of every input is copied once, renumbered: references in dictionaries
 * are rewritten, stream data is copied byte for byte. The inputs' page
 * trees become one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-pdf-join"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "rpt-error.h"
#include "rpt-pdf-join.h"

typedef struct
{
  guint32 id;
  gsize   offset;
  gsize   end;
} Object;

typedef struct
{
  GMappedFile *file;
  const char  *data;
  gsize        size;
  GArray      *objects;    /* of Object, in file order */
  guint32      n_ids;
  guint32     *map;        /* old id → new id, 0 for dropped objects */
  guint32      catalog;
  guint32      info;
  guint32      pages;
  GArray      *kids;       /* of guint32, old ids of the pages in order */
} Input;

static gboolean
fail (GError    **error,
      const char *name)
{
  g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID,
               _("“%s” is not a PDF this program can join."), name);
  return FALSE;
}

static const char *
find (const char *from,
      const char *end,
      const char *needle)
{
  gsize len = strlen (needle);

  for (const char *p = from; p + len <= end; p++)
    if (memcmp (p, needle, len) == 0)
      return p;
  return NULL;
}

/* The number N in “KEY N 0 R” within [FROM, END), 0 when absent. */
static guint32
reference_after (const char *from,
                 const char *end,
                 const char *key)
{
  const char *p = find (from, end, key);
  char *stop;
  guint64 id;

  if (p == NULL)
    return 0;
  p += strlen (key);
  id = g_ascii_strtoull (p, &stop, 10);
  return stop != p && id < G_MAXUINT32 ? (guint32) id : 0;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const Object *x = a, *y = b;

  return (x->offset > y->offset) - (x->offset < y->offset);
}

static const Object *
object_of (Input   *in,
           guint32  id)
{
  for (guint i = 0; i < in->objects->len; i++)
    if (g_array_index (in->objects, Object, i).id == id)
      return &g_array_index (in->objects, Object, i);
  return NULL;
}

static gboolean
read_input (Input       *in,
            const char  *path,
            GError     **error)
{
  const char *p, *end, *xref, *trailer;
  char *stop;
  guint64 start, count, xref_offset;
  const Object *object;

  in->file = g_mapped_file_new (path, FALSE, error);
  if (in->file == NULL)
    return FALSE;
  in->data = g_mapped_file_get_contents (in->file);
  in->size = g_mapped_file_get_length (in->file);
  end = in->data + in->size;
  if (in->size < 32 || memcmp (in->data, "%PDF-", 5) != 0)
    return fail (error, path);
  /* startxref N, near the end */
  p = NULL;
  for (const char *q = end - 9; q > in->data && q > end - 64; q--)
    if (memcmp (q, "startxref", 9) == 0)
      {
        p = q + 9;
        break;
      }
  if (p == NULL)
    return fail (error, path);
  xref_offset = g_ascii_strtoull (p, &stop, 10);
  if (stop == p || xref_offset >= in->size || memcmp (in->data + xref_offset, "xref", 4) != 0)
    return fail (error, path);
  xref = in->data + xref_offset + 4;
  start = g_ascii_strtoull (xref, &stop, 10);
  count = g_ascii_strtoull (stop, &stop, 10);
  if (start != 0 || count < 2 || count > G_MAXUINT32 / 2)
    return fail (error, path);
  in->n_ids = (guint32) count;
  in->objects = g_array_new (FALSE, FALSE, sizeof (Object));
  p = stop;
  for (guint32 id = 0; id < in->n_ids; id++)
    {
      Object o = { id, 0, 0 };
      guint64 offset;

      while (p < end && g_ascii_isspace (*p))
        p++;
      offset = g_ascii_strtoull (p, &stop, 10);
      if (stop == p)
        return fail (error, path);
      p = stop;
      g_ascii_strtoull (p, &stop, 10);
      p = stop;
      while (p < end && *p == ' ')
        p++;
      if (p >= end)
        return fail (error, path);
      if (*p == 'n' && id > 0)
        {
          if (offset >= xref_offset)
            return fail (error, path);
          o.offset = offset;
          g_array_append_val (in->objects, o);
        }
      p++;
    }
  trailer = find (p, end, "trailer");
  if (trailer == NULL)
    return fail (error, path);
  in->catalog = reference_after (trailer, end, "/Root");
  in->info = reference_after (trailer, end, "/Info");
  g_array_sort (in->objects, compare_offsets);
  for (guint i = 0; i < in->objects->len; i++)
    {
      Object *o = &g_array_index (in->objects, Object, i);

      o->end = i + 1 < in->objects->len ? g_array_index (in->objects, Object, i + 1).offset : xref_offset;
    }
  if ((object = object_of (in, in->catalog)) == NULL)
    return fail (error, path);
  in->pages = reference_after (in->data + object->offset, in->data + object->end, "/Pages");
  if ((object = object_of (in, in->pages)) == NULL)
    return fail (error, path);
  /* the kids, in order */
  p = find (in->data + object->offset, in->data + object->end, "/Kids");
  if (p == NULL || (p = memchr (p, '[', in->data + object->end - p)) == NULL)
    return fail (error, path);
  in->kids = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (p++; p < in->data + object->end && *p != ']';)
    {
      guint64 id = g_ascii_strtoull (p, &stop, 10);

      if (stop == p)
        {
          p++;
          continue;
        }
      g_ascii_strtoull (stop, &stop, 10);   /* generation */
      while (stop < end && *stop == ' ')
        stop++;
      if (*stop != 'R' || object_of (in, (guint32) id) == NULL)
        return fail (error, path);
      g_array_append_val (in->kids, (guint32) { (guint32) id });
      p = stop + 1;
    }
  return in->kids->len > 0;
}

static void
input_clear (Input *in)
{
  g_clear_pointer (&in->file, g_mapped_file_unref);
  g_clear_pointer (&in->objects, g_array_unref);
  g_clear_pointer (&in->kids, g_array_unref);
  g_clear_pointer (&in->map, g_free);
}

static gboolean
is_delimiter (char c)
{
  return g_ascii_isspace (c) || strchr ("()<>[]{}/%", c) != NULL || c == '\0';
}

/* Copies the object's dictionary part with every reference “N 0 R”
 * renumbered, then its stream, if any, as it is. */
static void
copy_object (Input       *in,
             const Object *o,
             guint32      new_id,
             GString     *out)
{
  const char *p = in->data + o->offset, *end = in->data + o->end;
  const char *body = find (p, end, "obj");
  int depth = 0, seen_dict = 0;

  g_string_append_printf (out, "%u 0 obj", new_id);
  p = body ? body + 3 : end;
  while (p < end)
    {
      if (*p == '(')
        {
          /* a string: copied as it is, nested parentheses and escapes kept */
          int nest = 0;
          const char *q = p;

          for (; q < end; q++)
            {
              if (*q == '\\')
                q++;
              else if (*q == '(')
                nest++;
              else if (*q == ')' && --nest == 0)
                break;
            }
          g_string_append_len (out, p, MIN (q + 1, end) - p);
          p = q + 1;
          continue;
        }
      if (p + 1 < end && p[0] == '<' && p[1] == '<')
        {
          depth++;
          seen_dict = 1;
          g_string_append (out, "<<");
          p += 2;
          continue;
        }
      if (p + 1 < end && p[0] == '>' && p[1] == '>')
        {
          depth--;
          g_string_append (out, ">>");
          p += 2;
          if (depth == 0 && seen_dict)
            {
              const char *q = p;

              while (q < end && g_ascii_isspace (*q))
                q++;
              if (end - q >= 6 && memcmp (q, "stream", 6) == 0)
                {
                  g_string_append_len (out, p, end - p);
                  return;
                }
            }
          continue;
        }
      if (g_ascii_isdigit (*p) && (p == in->data || is_delimiter (p[-1])))
        {
          char *stop, *gen_stop;
          guint64 id = g_ascii_strtoull (p, &stop, 10);
          const char *q;

          g_ascii_strtoull (stop, &gen_stop, 10);
          q = gen_stop;
          while (q < end && *q == ' ')
            q++;
          if (gen_stop != stop && q < end && *q == 'R' && (q + 1 >= end || is_delimiter (q[1]))
              && id < in->n_ids)
            {
              g_string_append_printf (out, "%u 0 R", in->map[id]);
              p = q + 1;
              continue;
            }
          g_string_append_len (out, p, stop - p);
          p = stop;
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }
}

/* Joins INPUTS (PDFs written by Cairo) into OUT, their pages in order. */
gboolean
rpt_pdf_join (const char * const *inputs,
              guint               n_inputs,
              FILE               *out,
              GError            **error)
{
  g_autofree Input *in = g_new0 (Input, n_inputs);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GString) kids = g_string_new (NULL);
  gboolean ok = TRUE;
  guint32 next_id = 4, n_pages = 0;
  gsize written = 0;

  /* 1: the page tree, 2: the catalog, 3: the information */
  for (guint k = 0; ok && k < n_inputs; k++)
    {
      ok = read_input (&in[k], inputs[k], error);
      if (!ok)
        break;
      in[k].map = g_new0 (guint32, in[k].n_ids);
      for (guint i = 0; i < in[k].objects->len; i++)
        {
          guint32 id = g_array_index (in[k].objects, Object, i).id;

          if (id == in[k].pages)
            in[k].map[id] = 1;
          else if (id != in[k].catalog && id != in[k].info)
            in[k].map[id] = next_id++;
        }
      for (guint i = 0; i < in[k].kids->len; i++)
        g_string_append_printf (kids, " %u 0 R", in[k].map[g_array_index (in[k].kids, guint32, i)]);
      n_pages += in[k].kids->len;
    }
  if (ok)
    {
      g_array_set_size (offsets, next_id);
#define EMIT(text, len) G_STMT_START { if (fwrite ((text), 1, (len), out) != (len)) ok = FALSE; written += (len); } G_STMT_END
      g_string_assign (buffer, "%PDF-1.5\n%\xb5\xed\xae\xfb\n");
      EMIT (buffer->str, buffer->len);
      for (guint k = 0; ok && k < n_inputs; k++)
        for (guint i = 0; ok && i < in[k].objects->len; i++)
          {
            const Object *o = &g_array_index (in[k].objects, Object, i);

            if (in[k].map[o->id] <= 1)
              continue;
            g_array_index (offsets, gsize, in[k].map[o->id]) = written;
            g_string_truncate (buffer, 0);
            copy_object (&in[k], o, in[k].map[o->id], buffer);
            EMIT (buffer->str, buffer->len);
          }
      g_array_index (offsets, gsize, 1) = written;
      g_string_printf (buffer, "1 0 obj\n<< /Type /Pages\n   /Kids [%s ]\n   /Count %u\n>>\nendobj\n",
                       kids->str, n_pages);
      EMIT (buffer->str, buffer->len);
      g_array_index (offsets, gsize, 2) = written;
      g_string_printf (buffer, "2 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\n");
      EMIT (buffer->str, buffer->len);
      g_array_index (offsets, gsize, 3) = written;
      g_string_printf (buffer, "3 0 obj\n<< /Creator (Rapport) >>\nendobj\n");
      EMIT (buffer->str, buffer->len);
      g_string_printf (buffer, "xref\n0 %u\n0000000000 65535 f \n", next_id);
      for (guint32 id = 1; id < next_id; id++)
        g_string_append_printf (buffer, "%010" G_GSIZE_FORMAT " 00000 n \n", g_array_index (offsets, gsize, id));
      g_string_append_printf (buffer, "trailer\n<< /Size %u\n   /Root 2 0 R\n   /Info 3 0 R\n>>\nstartxref\n%"
                              G_GSIZE_FORMAT "\n%%%%EOF\n", next_id, written);
      EMIT (buffer->str, buffer->len);
#undef EMIT
      if (!ok)
        g_set_error (error, RPT_ERROR, RPT_ERROR_DISK_FULL,
                     _("The PDF could not be written completely. Is the disk full?"));
    }
  for (guint k = 0; k < n_inputs; k++)
    input_clear (&in[k]);
  return ok;
}
