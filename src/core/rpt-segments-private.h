/* rpt-segments-private.h — between the segments' computation and the
 * pass over the database that feeds it (rpt-segment-store.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-database.h"
#include "rpt-segments.h"

G_BEGIN_DECLS

/* What every purchase adds to: kept small, as the purchases come in no
 * order of customer and each finds its customer's sums anywhere */
typedef struct
{
  gint64  revenue, previous, lifetime;
  guint32 purchases, bought;      /* in the period; ever, up to today */
  gint32  first, last;            /* purchase days */
} Sums;

/* The rest of what is known of a customer */
typedef struct
{
  gint64   cost;
  int      frequency_days;
  int      last_contact;          /* day, or G_MININT */
  int      stage;
  gboolean complaint;
} Card;

/* Days since 1970-01-01 of the date TEXT begins with (YYYY-MM-DD);
 * FALSE when it does not begin with one. */
gboolean _rpt_day_number    (const char                *text,
                             int                       *day);

/* In one snapshot: the ids and cards of the customers not archived, by
 * id; their purchase sums and costs as of TODAY (day number) in SUMS; the
 * complaints past due (RptOverdueComplaint) in COMPLAINTS. */
gboolean _rpt_segments_read (RptDatabase               *db,
                             const RptSegmentSettings  *settings,
                             int                        today,
                             GArray                    *ids,
                             GArray                   **sums,
                             GArray                    *cards,
                             GPtrArray                 *complaints,
                             GError                   **error);

G_END_DECLS
