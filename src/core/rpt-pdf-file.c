/* rpt-pdf-file.c — PDFs written all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-pdf-file"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rpt-error.h"
#include "rpt-pdf-file.h"

static cairo_status_t
write_stream (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  FILE *file = closure;

  return fwrite (data, 1, length, file) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* A file written under a hidden temporary name beside PATH and renamed
 * into place only when complete: a cancelled or failed run, or a full
 * disk, leaves nothing half written. */
FILE *
rpt_file_open_temporary (const char  *path,
                         char       **tmp,
                         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  FILE *file = NULL;
  int fd;

  *tmp = g_strdup_printf ("%s/.%s-XXXXXX", dir, base);
  fd = g_mkstemp (*tmp);
  if (fd < 0 || (file = fdopen (fd, "wb")) == NULL)
    {
      int saved = errno;

      if (fd >= 0)
        {
          close (fd);
          g_unlink (*tmp);
        }
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” cannot be written: %s"), path, g_strerror (saved));
      g_clear_pointer (tmp, g_free);
      return NULL;
    }
  /* as any file the user saves, not private to this program */
  fchmod (fd, 0644);
  return file;
}

/* Closes FILE and, when KEEP and all went well, puts it in place at PATH;
 * otherwise removes it. Frees TMP. */
gboolean
rpt_file_close_temporary (FILE        *file,
                          char        *tmp,
                          const char  *path,
                          gboolean     keep,
                          GError     **error)
{
  gboolean ok = keep;

  if (fclose (file) != 0 && ok)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_DISK_FULL,
                   _("“%s” could not be written completely. Is the disk full?"), path);
      ok = FALSE;
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” cannot be written: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  g_free (tmp);
  return ok;
}

/* A PDF of WIDTH × HEIGHT points at PATH, written as a temporary file
 * until rpt_pdf_file_close () keeps it. */
gboolean
rpt_pdf_file_open (RptPdfFile  *out,
                   const char  *path,
                   double       width,
                   double       height,
                   GError     **error)
{
  memset (out, 0, sizeof *out);
  out->file = rpt_file_open_temporary (path, &out->tmp, error);
  if (out->file == NULL)
    return FALSE;
  out->path = g_strdup (path);
  out->surface = cairo_pdf_surface_create_for_stream (write_stream, out->file, width, height);
  cairo_pdf_surface_set_metadata (out->surface, CAIRO_PDF_METADATA_CREATOR, "Rapport");
  out->cr = cairo_create (out->surface);
  return TRUE;
}

/* Finishes the PDF and puts it at its path when KEEP and all went well;
 * otherwise removes it. */
gboolean
rpt_pdf_file_close (RptPdfFile  *out,
                    gboolean     keep,
                    GError     **error)
{
  cairo_status_t status;
  gboolean ok;

  cairo_destroy (out->cr);
  cairo_surface_finish (out->surface);
  status = cairo_surface_status (out->surface);
  cairo_surface_destroy (out->surface);
  out->surface = NULL;
  if (keep && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_DISK_FULL,
                   _("“%s” could not be written completely. Is the disk full?"), out->path);
      keep = FALSE;
    }
  ok = rpt_file_close_temporary (out->file, out->tmp, out->path, keep, error);
  g_free (out->path);
  return ok;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF surface whose document goes into BYTES: a preview, a test. */
cairo_surface_t *
rpt_pdf_surface_new_in_memory (GByteArray *bytes,
                               double      width,
                               double      height)
{
  return cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
}
