/* rpt-segments.h — who matters, who is slipping away, who is waiting:
 * value classes, RFM scores and segments, warnings, lifetime value
 *
 * Everything is computed in one pass over the timeline and one over the
 * customers, for every customer not archived, as of a given day.
 *
 * The rules, as the help page “How customers are grouped” states them:
 *
 * - The period is the PERIOD_DAYS days up to and including today; the
 *   previous period the same length before it. Purchases dated after
 *   today count nowhere until their day. Refunds are purchases with a
 *   negative amount and count against the period they fall in.
 * - A/B/C: customers whose revenue in the period is above zero, by
 *   revenue, highest first; a customer is A while the revenue of those
 *   before them is under the A share of the total, B under A + B, else
 *   C. Customers with equal revenue share the class of the first of
 *   them. Everyone else with a purchase ever is C; never bought: no
 *   class.
 * - Most valuable: the first TOP_SHARE of the customers with revenue in
 *   the period (at least one), and any tied with the last of them.
 * - RFM, among customers who ever bought: recency by days since the last
 *   purchase, frequency by purchases in the period, monetary by revenue
 *   in the period, each scored 1–5 by mid-rank quintile (equal values
 *   share a score; when all are equal, all score 3).
 * - Segments by R and F (see rpt_rfm_segment_for()).
 * - Costs to serve: each interaction in the period costs what its kind
 *   costs; a customer costs more than they bring when that exceeds their
 *   revenue in the period times the margin.
 * - Warnings: a customer of class A in the previous period whose
 *   revenue in this one fell below FALL_SHARE of it; a customer whose
 *   preferred contact frequency has passed since the last contact (or
 *   never contacted); a customer with three purchases or more whose time
 *   since the last is longer than LAPSE_FACTOR times their usual
 *   interval; a customer with a complaint open past the service level.
 * - Lifetime value so far: every purchase up to today. Projected: that
 *   plus the period's revenue once for each year of the horizon.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customer-store.h"
#include "rpt-timeline-entry.h"

G_BEGIN_DECLS

typedef enum
{
  RPT_RFM_NONE,                 /* never bought */
  RPT_RFM_CHAMPIONS,
  RPT_RFM_LOYAL,
  RPT_RFM_POTENTIAL_LOYALISTS,
  RPT_RFM_NEW,
  RPT_RFM_PROMISING,
  RPT_RFM_NEED_ATTENTION,
  RPT_RFM_ABOUT_TO_SLEEP,
  RPT_RFM_AT_RISK,
  RPT_RFM_CANT_LOSE,
  RPT_RFM_HIBERNATING,
  RPT_RFM_LOST,
  RPT_N_RFM_SEGMENTS
} RptRfmSegment;

typedef enum
{
  RPT_VALUE_NONE,
  RPT_VALUE_A,
  RPT_VALUE_B,
  RPT_VALUE_C,
} RptValueClass;

typedef enum
{
  RPT_WARN_SPEND_FELL       = 1 << 0,
  RPT_WARN_CONTACT_OVERDUE  = 1 << 1,
  RPT_WARN_LAPSED           = 1 << 2,
  RPT_WARN_COMPLAINT        = 1 << 3,
} RptWarnings;

typedef struct
{
  char    *today;              /* YYYY-MM-DD; NULL: the local date */
  guint    period_days;        /* 365 */
  double   share_a;            /* 0.80 */
  double   share_b;            /* 0.15 */
  double   top_share;          /* 0.10 */
  double   fall_share;         /* 0.40 */
  double   lapse_factor;       /* 1.5 */
  guint    complaint_days;     /* 30 */
  double   margin;             /* 0.30 */
  guint    horizon_years;      /* 3 */
  gint64   cost[RPT_N_ENTRY_KINDS];  /* per interaction, in minor units */
} RptSegmentSettings;

typedef struct
{
  gint64         customer_id;
  RptValueClass  value_class;
  gboolean       top;
  guint8         r, f, m;           /* 1–5; 0 when never bought */
  RptRfmSegment  segment;
  guint          warnings;          /* RptWarnings */
  int            recency_days;      /* -1: never bought */
  guint          purchases;         /* in the period */
  gint64         revenue;           /* in the period */
  gint64         previous_revenue;  /* in the period before */
  gint64         lifetime;
  gint64         projected;
  gint64         cost;              /* to serve, in the period */
  gboolean       unprofitable;
  int            stage;
} RptCustomerScore;

typedef struct
{
  gint64  timeline_id;
  gint64  customer_id;
  char   *opened;                   /* ISO date */
  int     age_days;
  char   *summary;
  char   *owner;                    /* "" when nobody */
} RptOverdueComplaint;

typedef struct _RptSegmentReport RptSegmentReport;

struct _RptSegmentReport
{
  RptSegmentSettings settings;
  char      *today;
  GArray    *scores;                /* of RptCustomerScore, by customer id */
  GPtrArray *complaints;            /* of RptOverdueComplaint, oldest first */
  gint64     revenue;               /* every customer's in the period */
  gint64     previous_revenue;
  guint      class_counts[4];       /* by RptValueClass */
  gint64     class_revenue[4];
  guint      segment_counts[RPT_N_RFM_SEGMENTS];
  guint      grid[5][5];            /* [r - 1][f - 1] */
  guint      warning_counts[4];     /* by bit */
  guint      stage_counts[RPT_N_STAGES];
  guint64    serial;                /* a number no other report of the process has */
  gatomicrefcount ref;
};

void              rpt_segment_settings_init     (RptSegmentSettings *settings);
void              rpt_segment_settings_clear    (RptSegmentSettings *settings);
/* The settings the shop keeps in DB (the defaults for those it does not) */
void              rpt_segment_settings_load     (RptSegmentSettings *settings,
                                                 RptDatabase        *db);

RptSegmentReport *rpt_segments_compute          (RptDatabase               *db,
                                                 const RptSegmentSettings  *settings,
                                                 GError                   **error);
/* The same with the shop's own settings, as of TODAY (NULL: the local date) */
RptSegmentReport *rpt_segments_compute_as_of    (RptDatabase               *db,
                                                 const char                *today,
                                                 GError                   **error);
RptSegmentReport *rpt_segment_report_ref        (RptSegmentReport          *report);
/* Drops a reference: the last one frees it */
void              rpt_segment_report_free       (RptSegmentReport          *report);
const RptCustomerScore *rpt_segment_report_find (RptSegmentReport          *report,
                                                 gint64                     customer_id);
/* The Pareto curve: for each customer with revenue, highest first, the
 * share of all revenue up to them (0 … 1); N_POINTS at most, evenly
 * spread over the customers. */
GArray           *rpt_segment_report_pareto     (RptSegmentReport          *report,
                                                 guint                      n_points);

RptRfmSegment     rpt_rfm_segment_for           (guint                      r,
                                                 guint                      f);
const char       *rpt_rfm_segment_to_string     (RptRfmSegment              segment);
/* A stable name for files and commands: "champions", "at-risk" … */
const char       *rpt_rfm_segment_to_key        (RptRfmSegment              segment);
const char       *rpt_value_class_to_string     (RptValueClass              value_class);
const char       *rpt_warning_to_string         (RptWarnings                warning);
const char       *rpt_warning_to_key            (RptWarnings                warning);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptSegmentReport, rpt_segment_report_free)

G_END_DECLS
