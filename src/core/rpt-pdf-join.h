/* rpt-pdf-join.h — several PDFs written by Cairo joined into one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

gboolean rpt_pdf_join (const char * const *inputs,
                       guint               n_inputs,
                       FILE               *out,
                       GError            **error);

G_END_DECLS
