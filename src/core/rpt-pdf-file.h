/* rpt-pdf-file.h — PDFs written all or nothing, and PDFs in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct
{
  char            *path;
  char            *tmp;
  FILE            *file;
  cairo_surface_t *surface;
  cairo_t         *cr;
} RptPdfFile;

FILE            *rpt_file_open_temporary       (const char  *path,
                                                char       **tmp,
                                                GError     **error);
gboolean         rpt_file_close_temporary      (FILE        *file,
                                                char        *tmp,
                                                const char  *path,
                                                gboolean     keep,
                                                GError     **error);
gboolean         rpt_pdf_file_open             (RptPdfFile  *out,
                                                const char  *path,
                                                double       width,
                                                double       height,
                                                GError     **error);
gboolean         rpt_pdf_file_close            (RptPdfFile  *out,
                                                gboolean     keep,
                                                GError     **error);
cairo_surface_t *rpt_pdf_surface_new_in_memory (GByteArray  *bytes,
                                                double       width,
                                                double       height);

G_END_DECLS
