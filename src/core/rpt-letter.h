/* rpt-letter.h — one letter laid out on pages, drawn with Pango and Cairo
 *
 * The same drawing serves the PDF, the preview and the printer: a layout
 * is made once per letter and drawn page by page onto any cairo_t whose
 * unit is the PostScript point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "rpt-catalog.h"

G_BEGIN_DECLS

#define RPT_MM(mm) ((mm) * 72.0 / 25.4)

typedef enum
{
  RPT_PAPER_AUTO,
  RPT_PAPER_A4,
  RPT_PAPER_LETTER,
} RptPaper;

/* Where the recipient's address goes, for which window envelope. */
typedef enum
{
  RPT_PLACEMENT_DIN_B,
  RPT_PLACEMENT_DIN_A,
  RPT_PLACEMENT_US10,
} RptPlacement;

typedef struct _RptLetterhead RptLetterhead;
typedef struct _RptLetterSetup RptLetterSetup;
typedef struct _RptLetterLayout RptLetterLayout;

RptLetterhead  *rpt_letterhead_new            (GBytes          *pdf,
                                               GError         **error);
RptLetterhead  *rpt_letterhead_ref            (RptLetterhead   *self);
void            rpt_letterhead_unref          (RptLetterhead   *self);
guint           rpt_letterhead_get_n_pages    (RptLetterhead   *self);

RptLetterSetup *rpt_letter_setup_new          (void);
RptLetterSetup *rpt_letter_setup_ref          (RptLetterSetup  *self);
RptLetterSetup *rpt_letter_setup_copy         (RptLetterSetup  *self);
void            rpt_letter_setup_unref        (RptLetterSetup  *self);
void            rpt_letter_setup_set_paper    (RptLetterSetup  *self,
                                               RptPaper         paper);
void            rpt_letter_setup_get_size     (RptLetterSetup  *self,
                                               double          *width,
                                               double          *height);
void            rpt_letter_setup_set_margins  (RptLetterSetup  *self,
                                               double           top,
                                               double           right,
                                               double           bottom,
                                               double           left);
void            rpt_letter_setup_set_placement (RptLetterSetup *self,
                                                RptPlacement    placement);
void            rpt_letter_setup_get_address_area (RptLetterSetup *self,
                                                   double         *x,
                                                   double         *y,
                                                   double         *width,
                                                   double         *height);
void            rpt_letter_setup_set_font     (RptLetterSetup  *self,
                                               const char      *family,
                                               double           size);
void            rpt_letter_setup_set_letterhead (RptLetterSetup *self,
                                                 RptLetterhead  *letterhead);
gboolean        rpt_letter_setup_set_signature (RptLetterSetup *self,
                                                GBytes         *png,
                                                GError        **error);
void            rpt_letter_setup_set_sender_line (RptLetterSetup *self,
                                                  const char     *line);
void            rpt_letter_setup_draw_background (RptLetterSetup *self,
                                                  cairo_t        *cr,
                                                  gboolean        first_page);

PangoContext   *rpt_letter_pango_context_new  (void);

/* A row of the chart (<chart/>): a score out of 100 against its peers'
 * middle half and median (negative: no peers to compare with). */
typedef struct
{
  const char *label;
  double      score;
  double      q1, median, q3;
} RptChartBar;

typedef struct
{
  const char *address;   /* the recipient, one line per \n, plain text */
  const char *date;      /* the date line, already in the letter's language */
  const char *body;      /* letter markup, see rpt-letter.c */
  const char *language;  /* “zh_TW” picks the traditional glyphs */
  RptCatalog *catalog;   /* page numbers in the letter's language */
  const RptChartBar *chart;  /* what <chart/> draws; may be NULL */
  guint       n_chart;
} RptLetterContent;

RptLetterLayout *rpt_letter_layout_new        (RptLetterSetup         *setup,
                                               PangoContext           *context,
                                               const RptLetterContent *content,
                                               GError                **error);
void             rpt_letter_layout_free       (RptLetterLayout        *self);
guint            rpt_letter_layout_get_n_pages (RptLetterLayout       *self);
void             rpt_letter_layout_draw_page  (RptLetterLayout        *self,
                                               cairo_t                *cr,
                                               guint                   page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptLetterhead, rpt_letterhead_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptLetterSetup, rpt_letter_setup_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptLetterLayout, rpt_letter_layout_free)

G_END_DECLS
