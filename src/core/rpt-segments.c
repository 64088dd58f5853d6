/* rpt-segments.c — value classes, RFM, warnings and lifetime value in
 * one pass over the timeline
 *
 * The timeline is read once, row by row, each row added to its
 * customer's running sums (rpt-segment-store.c, where the SQL is); the
 * ranks are then sorts of arrays of at most one entry per customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-segments"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rpt-database.h"
#include "rpt-error.h"
#include "rpt-segments-private.h"

/* Settings --------------------------------------------------------------- */

void
rpt_segment_settings_init (RptSegmentSettings *settings)
{
  memset (settings, 0, sizeof *settings);
  settings->period_days = 365;
  settings->share_a = 0.80;
  settings->share_b = 0.15;
  settings->top_share = 0.10;
  settings->fall_share = 0.40;
  settings->lapse_factor = 1.5;
  settings->complaint_days = RPT_DEFAULT_SERVICE_LEVEL_DAYS;
  settings->margin = 0.30;
  settings->horizon_years = 3;
  /* what an interaction costs the shop, in cents of its currency */
  settings->cost[RPT_ENTRY_CALL] = 500;
  settings->cost[RPT_ENTRY_VISIT] = 2000;
  settings->cost[RPT_ENTRY_EMAIL] = 50;
  settings->cost[RPT_ENTRY_LETTER] = 150;
  settings->cost[RPT_ENTRY_COMPLAINT] = 1500;
}

void
rpt_segment_settings_clear (RptSegmentSettings *settings)
{
  g_clear_pointer (&settings->today, g_free);
}

static double
setting_double (RptDatabase *db,
                const char  *key,
                double       fallback,
                double       min,
                double       max)
{
  g_autofree char *text = rpt_database_get_setting (db, key);
  char *end = NULL;
  double value;

  if (text == NULL)
    return fallback;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < min || value > max)
    return fallback;
  return value;
}

void
rpt_segment_settings_load (RptSegmentSettings *s,
                           RptDatabase        *db)
{
  static const char *const cost_keys[RPT_N_ENTRY_KINDS] = {
    NULL, "segments.cost.call", "segments.cost.visit", "segments.cost.email", "segments.cost.letter",
    NULL, NULL, "segments.cost.complaint",
  };

  rpt_segment_settings_init (s);
  s->period_days = (guint) setting_double (db, "segments.period_days", s->period_days, 7, 3660);
  s->share_a = setting_double (db, "segments.share_a", s->share_a, 0.01, 0.99);
  s->share_b = setting_double (db, "segments.share_b", s->share_b, 0, 1 - s->share_a);
  s->top_share = setting_double (db, "segments.top_share", s->top_share, 0.001, 1);
  s->fall_share = setting_double (db, "segments.fall_share", s->fall_share, 0, 1);
  s->lapse_factor = setting_double (db, "segments.lapse_factor", s->lapse_factor, 1, 100);
  /* the same service level complaints are given their due date by */
  s->complaint_days = (guint) setting_double (db, "service_level_days", s->complaint_days, 0, 3650);
  s->margin = setting_double (db, "segments.margin", s->margin, 0, 1);
  s->horizon_years = (guint) setting_double (db, "segments.horizon_years", s->horizon_years, 0, 50);
  for (guint k = 0; k < RPT_N_ENTRY_KINDS; k++)
    if (cost_keys[k] != NULL)
      s->cost[k] = (gint64) setting_double (db, cost_keys[k], (double) s->cost[k], 0, 1e12);
}

/* Days ----------------------------------------------------------------- */

static char *
local_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Names ----------------------------------------------------------------- */

RptRfmSegment
rpt_rfm_segment_for (guint r,
                     guint f)
{
  if (r < 1 || r > 5 || f < 1 || f > 5)
    return RPT_RFM_NONE;
  if (r <= 2)
    {
      if (f == 5)
        return RPT_RFM_CANT_LOSE;
      if (f >= 3)
        return RPT_RFM_AT_RISK;
      return r == 1 && f == 1 ? RPT_RFM_LOST : RPT_RFM_HIBERNATING;
    }
  if (r == 3)
    return f <= 2 ? RPT_RFM_ABOUT_TO_SLEEP : f == 3 ? RPT_RFM_NEED_ATTENTION : RPT_RFM_LOYAL;
  if (f >= 4)
    return r == 5 ? RPT_RFM_CHAMPIONS : RPT_RFM_LOYAL;
  if (f >= 2)
    return RPT_RFM_POTENTIAL_LOYALISTS;
  return r == 5 ? RPT_RFM_NEW : RPT_RFM_PROMISING;
}

static const struct
{
  const char *key;
  const char *name;
} segment_names[RPT_N_RFM_SEGMENTS] = {
  { "none", NC_("customer segment", "Never bought") },
  { "champions", NC_("customer segment", "Champions") },
  { "loyal", NC_("customer segment", "Loyal") },
  { "potential-loyalists", NC_("customer segment", "Potential loyalists") },
  { "new", NC_("customer segment", "New") },
  { "promising", NC_("customer segment", "Promising") },
  { "need-attention", NC_("customer segment", "Need attention") },
  { "about-to-sleep", NC_("customer segment", "About to sleep") },
  { "at-risk", NC_("customer segment", "At risk") },
  { "cant-lose", NC_("customer segment", "Can’t lose them") },
  { "hibernating", NC_("customer segment", "Hibernating") },
  { "lost", NC_("customer segment", "Lost") },
};

const char *
rpt_rfm_segment_to_string (RptRfmSegment segment)
{
  return segment < RPT_N_RFM_SEGMENTS ? g_dpgettext2 (GETTEXT_PACKAGE, "customer segment",
                                                      segment_names[segment].name) : "";
}

const char *
rpt_rfm_segment_to_key (RptRfmSegment segment)
{
  return segment < RPT_N_RFM_SEGMENTS ? segment_names[segment].key : "";
}

const char *
rpt_value_class_to_string (RptValueClass value_class)
{
  switch (value_class)
    {
    case RPT_VALUE_A: return C_("value class", "A");
    case RPT_VALUE_B: return C_("value class", "B");
    case RPT_VALUE_C: return C_("value class", "C");
    case RPT_VALUE_NONE:
    default:          return "";
    }
}

const char *
rpt_warning_to_string (RptWarnings warning)
{
  switch (warning)
    {
    case RPT_WARN_SPEND_FELL:      return _("Spending fell");
    case RPT_WARN_CONTACT_OVERDUE: return _("Contact overdue");
    case RPT_WARN_LAPSED:          return _("Later than usual");
    case RPT_WARN_COMPLAINT:       return _("Complaint overdue");
    default:                       return "";
    }
}

const char *
rpt_warning_to_key (RptWarnings warning)
{
  switch (warning)
    {
    case RPT_WARN_SPEND_FELL:      return "spend-fell";
    case RPT_WARN_CONTACT_OVERDUE: return "contact-overdue";
    case RPT_WARN_LAPSED:          return "lapsed";
    case RPT_WARN_COMPLAINT:       return "complaint-overdue";
    default:                       return "";
    }
}

/* Ranks ------------------------------------------------------------------ */

typedef struct
{
  gint64 value;
  gint64 id;
  guint  index;
} Ranked;

static int
by_value_desc (gconstpointer a,
               gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The customers with a positive VALUE (by FIELD of SUMS), highest first */
static GArray *
ranked_by (GArray *ids,
           GArray *sums,
           gsize   field)
{
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));

  for (guint i = 0; i < sums->len; i++)
    {
      gint64 value = G_STRUCT_MEMBER (gint64, &g_array_index (sums, Sums, i), field);
      Ranked r = { value, g_array_index (ids, gint64, i), i };

      if (value > 0)
        g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, by_value_desc);
  return ranked;
}

/* Calls CLASSIFY for each customer of RANKED with the share of the total
 * before the first of its group of equal values. */
static gint64
classify (GArray  *ranked,
          void   (*apply) (guint index, double share_before, guint position, gpointer data),
          gpointer data)
{
  gint64 total = 0, before = 0;

  for (guint i = 0; i < ranked->len; i++)
    total += g_array_index (ranked, Ranked, i).value;
  for (guint i = 0; i < ranked->len;)
    {
      guint j = i;
      gint64 group = 0;

      while (j < ranked->len && g_array_index (ranked, Ranked, j).value == g_array_index (ranked, Ranked, i).value)
        group += g_array_index (ranked, Ranked, j++).value;
      for (guint k = i; k < j; k++)
        apply (g_array_index (ranked, Ranked, k).index, total > 0 ? (double) before / (double) total : 0, i, data);
      before += group;
      i = j;
    }
  return total;
}

typedef struct
{
  RptSegmentReport *report;
  guint             n_top;
} ClassData;

static void
apply_class (guint    index,
             double   share_before,
             guint    position,
             gpointer data)
{
  ClassData *d = data;
  RptCustomerScore *score = &g_array_index (d->report->scores, RptCustomerScore, index);
  const RptSegmentSettings *s = &d->report->settings;

  score->value_class = share_before < s->share_a - 1e-12 ? RPT_VALUE_A
                       : share_before < s->share_a + s->share_b - 1e-12 ? RPT_VALUE_B : RPT_VALUE_C;
  score->top = position < d->n_top;
}

static void
apply_previous_a (guint    index,
                  double   share_before,
                  guint    position,
                  gpointer data)
{
  ClassData *d = data;
  RptCustomerScore *score = &g_array_index (d->report->scores, RptCustomerScore, index);

  if (share_before < d->report->settings.share_a - 1e-12 && score->revenue < d->report->settings.fall_share
                                                                            * (double) score->previous_revenue)
    score->warnings |= RPT_WARN_SPEND_FELL;
}

typedef struct
{
  gint64 value;
  guint  index;
} Scored;

static int
by_scored_value (gconstpointer a,
                 gconstpointer b)
{
  const Scored *x = a, *y = b;

  return x->value < y->value ? -1 : x->value > y->value;
}

/* 1–5 by mid-rank quintile, the higher VALUE the better: equal values
 * share the score of their middle place. */
static void
quintiles (GArray *scored,
           GArray *scores,
           gsize   field)
{
  guint n = scored->len;

  g_array_sort (scored, by_scored_value);
  for (guint i = 0; i < n;)
    {
      guint j = i;
      double middle;
      guint8 q;

      while (j < n && g_array_index (scored, Scored, j).value == g_array_index (scored, Scored, i).value)
        j++;
      middle = (i + j - 1) / 2.0;
      q = (guint8) MIN (5, 1 + (int) floor (5 * (middle + 0.5) / n));
      for (guint k = i; k < j; k++)
        G_STRUCT_MEMBER (guint8, &g_array_index (scores, RptCustomerScore, g_array_index (scored, Scored, k).index),
                         field) = q;
      i = j;
    }
}

/* The report ---------------------------------------------------------------- */

static void
complaint_free (gpointer data)
{
  RptOverdueComplaint *c = data;

  g_free (c->opened);
  g_free (c->summary);
  g_free (c->owner);
  g_free (c);
}

RptSegmentReport *
rpt_segment_report_ref (RptSegmentReport *report)
{
  g_atomic_ref_count_inc (&report->ref);
  return report;
}

void
rpt_segment_report_free (RptSegmentReport *report)
{
  if (!g_atomic_ref_count_dec (&report->ref))
    return;
  g_clear_pointer (&report->scores, g_array_unref);
  g_clear_pointer (&report->complaints, g_ptr_array_unref);
  g_free (report->today);
  g_free (report);
}

RptSegmentReport *
rpt_segments_compute (RptDatabase               *db,
                      const RptSegmentSettings  *settings,
                      GError                   **error)
{
  g_autoptr(RptSegmentReport) report = g_new0 (RptSegmentReport, 1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (Card));
  g_autoptr(GArray) ranked = NULL;
  g_autoptr(GArray) recency = g_array_new (FALSE, FALSE, sizeof (Scored));
  g_autoptr(GArray) frequency = g_array_new (FALSE, FALSE, sizeof (Scored));
  g_autoptr(GArray) monetary = g_array_new (FALSE, FALSE, sizeof (Scored));
  ClassData data = { NULL, 0 };
  int today;

  static guint64 serials;

  g_atomic_ref_count_init (&report->ref);
  report->serial = __atomic_add_fetch (&serials, 1, __ATOMIC_RELAXED);
  report->settings = *settings;
  report->settings.today = NULL;
  report->today = settings->today != NULL ? g_strdup (settings->today) : local_today ();
  report->complaints = g_ptr_array_new_with_free_func (complaint_free);
  if (!_rpt_day_number (report->today, &today))
    {
      g_set_error (error, RPT_ERROR, RPT_ERROR_INVALID, _("“%s” is not a date."), report->today);
      return NULL;
    }
  if (!_rpt_segments_read (db, settings, today, ids, &sums, cards, report->complaints, error))
    return NULL;

  report->scores = g_array_sized_new (FALSE, TRUE, sizeof (RptCustomerScore), ids->len);
  g_array_set_size (report->scores, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      Sums *s = &g_array_index (sums, Sums, i);
      Card *c = &g_array_index (cards, Card, i);
      RptCustomerScore *score = &g_array_index (report->scores, RptCustomerScore, i);

      score->customer_id = g_array_index (ids, gint64, i);
      score->revenue = s->revenue;
      score->previous_revenue = s->previous;
      score->lifetime = s->lifetime;
      score->projected = s->lifetime + s->revenue * (gint64) settings->horizon_years;
      score->purchases = s->purchases;
      score->cost = c->cost;
      score->unprofitable = c->cost > 0 && (double) c->cost > (double) s->revenue * settings->margin;
      score->stage = c->stage;
      score->recency_days = s->bought > 0 ? today - s->last : -1;
      score->value_class = s->bought > 0 ? RPT_VALUE_C : RPT_VALUE_NONE;
      if (c->frequency_days > 0 && (c->last_contact == G_MININT || today - c->last_contact > c->frequency_days))
        score->warnings |= RPT_WARN_CONTACT_OVERDUE;
      if (s->bought >= 3 && s->last > s->first
          && today - s->last > settings->lapse_factor * (double) (s->last - s->first) / (double) (s->bought - 1))
        score->warnings |= RPT_WARN_LAPSED;
      if (c->complaint)
        score->warnings |= RPT_WARN_COMPLAINT;
      report->revenue += s->revenue;
      report->previous_revenue += s->previous;
      if (s->bought > 0)
        {
          Scored r = { -(gint64) score->recency_days, i }, f = { s->purchases, i }, m = { s->revenue, i };

          g_array_append_val (recency, r);
          g_array_append_val (frequency, f);
          g_array_append_val (monetary, m);
        }
    }

  /* A/B/C and the most valuable, by this period; class A before, by the last */
  data.report = report;
  ranked = ranked_by (ids, sums, G_STRUCT_OFFSET (Sums, revenue));
  data.n_top = ranked->len > 0 ? MAX (1, (guint) ceil (settings->top_share * ranked->len - 1e-9)) : 0;
  /* ties with the last of the most valuable are most valuable too */
  while (data.n_top > 0 && data.n_top < ranked->len
         && g_array_index (ranked, Ranked, data.n_top).value == g_array_index (ranked, Ranked, data.n_top - 1).value)
    data.n_top++;
  classify (ranked, apply_class, &data);
  g_clear_pointer (&ranked, g_array_unref);
  ranked = ranked_by (ids, sums, G_STRUCT_OFFSET (Sums, previous));
  classify (ranked, apply_previous_a, &data);

  quintiles (recency, report->scores, G_STRUCT_OFFSET (RptCustomerScore, r));
  quintiles (frequency, report->scores, G_STRUCT_OFFSET (RptCustomerScore, f));
  quintiles (monetary, report->scores, G_STRUCT_OFFSET (RptCustomerScore, m));

  for (guint i = 0; i < report->scores->len; i++)
    {
      RptCustomerScore *score = &g_array_index (report->scores, RptCustomerScore, i);

      score->segment = rpt_rfm_segment_for (score->r, score->f);
      report->class_counts[score->value_class]++;
      report->class_revenue[score->value_class] += score->revenue;
      report->segment_counts[score->segment]++;
      if (score->stage >= 0 && score->stage < RPT_N_STAGES)
        report->stage_counts[score->stage]++;
      if (score->r > 0 && score->f > 0)
        report->grid[score->r - 1][score->f - 1]++;
      for (guint b = 0; b < 4; b++)
        report->warning_counts[b] += (score->warnings >> b) & 1;
    }
  return g_steal_pointer (&report);
}

RptSegmentReport *
rpt_segments_compute_as_of (RptDatabase  *db,
                            const char   *today,
                            GError      **error)
{
  RptSegmentSettings settings;
  RptSegmentReport *report;

  rpt_segment_settings_load (&settings, db);
  settings.today = g_strdup (today);
  report = rpt_segments_compute (db, &settings, error);
  rpt_segment_settings_clear (&settings);
  return report;
}

static int
by_customer_id (gconstpointer key,
                gconstpointer element)
{
  gint64 id = *(const gint64 *) key;
  gint64 other = ((const RptCustomerScore *) element)->customer_id;

  return id < other ? -1 : id > other;
}

const RptCustomerScore *
rpt_segment_report_find (RptSegmentReport *report,
                         gint64            customer_id)
{
  return bsearch (&customer_id, report->scores->data, report->scores->len, sizeof (RptCustomerScore),
                  by_customer_id);
}

static int
by_revenue_desc (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x > y ? -1 : x < y;
}

GArray *
rpt_segment_report_pareto (RptSegmentReport *report,
                           guint             n_points)
{
  g_autoptr(GArray) revenue = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *curve = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 total = 0, running = 0;
  guint step;

  for (guint i = 0; i < report->scores->len; i++)
    {
      gint64 r = g_array_index (report->scores, RptCustomerScore, i).revenue;

      if (r > 0)
        {
          g_array_append_val (revenue, r);
          total += r;
        }
    }
  if (revenue->len == 0 || n_points == 0)
    return curve;
  g_array_sort (revenue, by_revenue_desc);
  step = MAX (1, (revenue->len + n_points - 1) / n_points);
  for (guint i = 0; i < revenue->len; i++)
    {
      running += g_array_index (revenue, gint64, i);
      if ((i + 1) % step == 0 || i + 1 == revenue->len)
        {
          double share = (double) running / (double) total;

          g_array_append_val (curve, share);
        }
    }
  return curve;
}
