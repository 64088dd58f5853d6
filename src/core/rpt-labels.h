/* rpt-labels.h — address labels and envelopes, laid out in points and drawn with Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* All lengths are PostScript points (1/72 in), measured from the top-left
 * corner of the page or envelope. */

typedef struct
{
  const char *id;            /* "L7160", "5160", or "custom" */
  const char *name;          /* translatable: pass through _() */
  double     page_width;
  double     page_height;
  int        columns;
  int        rows;
  double     label_width;
  double     label_height;
  double     left;          /* the first label's top-left corner */
  double     top;
  double     pitch_x;       /* from one label's origin to the next one's */
  double     pitch_y;
  double     corner_radius;
} RptLabelSheet;

typedef struct
{
  const char *id;            /* "DL", "C5", "C6", "US10" */
  const char *name;          /* translatable: pass through _() */
  double     width;         /* landscape: width > height */
  double     height;
  double     address_x;     /* the recipient's address zone */
  double     address_y;
  double     address_width;
  double     address_height;
  double     sender_bottom; /* the return address stays above this line */
} RptEnvelopeSize;

const RptLabelSheet   *rpt_label_sheets            (guint                 *n);
const RptLabelSheet   *rpt_label_sheet_find        (const char            *id);
gboolean               rpt_label_sheet_init_custom (RptLabelSheet         *sheet,
                                                    double                 page_width,
                                                    double                 page_height,
                                                    int                    columns,
                                                    int                    rows,
                                                    double                 label_width,
                                                    double                 label_height,
                                                    double                 left,
                                                    double                 top,
                                                    double                 pitch_x,
                                                    double                 pitch_y,
                                                    GError               **error);
gboolean               rpt_label_sheet_parse_custom (RptLabelSheet        *sheet,
                                                    const char           *spec,
                                                    GError              **error);
void                   rpt_label_sheet_cell        (const RptLabelSheet   *sheet,
                                                    guint                  index_on_page,
                                                    double                *x,
                                                    double                *y);
void                   rpt_label_sheet_cell_path   (const RptLabelSheet   *sheet,
                                                    guint                  index_on_page,
                                                    cairo_t               *cr);
guint                  rpt_label_sheet_pages       (const RptLabelSheet   *sheet,
                                                    guint                  n_labels,
                                                    guint                  start_position);
void                   rpt_label_sheet_position    (const RptLabelSheet   *sheet,
                                                    guint                  start_position,
                                                    guint                  label,
                                                    guint                 *page,
                                                    guint                 *index_on_page);

const RptEnvelopeSize *rpt_envelope_sizes          (guint                 *n);
const RptEnvelopeSize *rpt_envelope_size_find      (const char            *id);
void                   rpt_envelope_recipient_area (const RptEnvelopeSize *size,
                                                    double                *x,
                                                    double                *y,
                                                    double                *width,
                                                    double                *height);

void                   rpt_draw_label              (cairo_t               *cr,
                                                    PangoContext          *context,
                                                    const RptLabelSheet   *sheet,
                                                    guint                  index_on_page,
                                                    const char            *address);
void                   rpt_draw_envelope           (cairo_t               *cr,
                                                    PangoContext          *context,
                                                    const RptEnvelopeSize *size,
                                                    const char            *sender,
                                                    const char            *recipient);

G_END_DECLS
