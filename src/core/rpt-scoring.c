/* rpt-scoring.c — the worth of a response's answers
 *
 * A question's answer is worth 0 … 1 (rpt_question_score ()); a
 * dimension's score is the weighted mean of its answered questions, out
 * of 100; the overall index is the mean of the dimensions answered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rpt-scoring.h"

static double *
boxed (double value)
{
  double *box = g_new (double, 1);

  *box = value;
  return box;
}

GHashTable *
rpt_scoring_scores (RptQuestionnaire *questionnaire,
                    GHashTable       *answers)
{
  GHashTable *scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *dimensions = rpt_questionnaire_get_dimensions (questionnaire);
  GPtrArray *sections = rpt_questionnaire_get_sections (questionnaire);
  double total = 0;
  guint counted = 0;

  for (guint d = 0; d < dimensions->len; d++)
    {
      RptDimension *dimension = dimensions->pdata[d];
      double sum = 0, weights = 0;

      for (guint s = 0; s < sections->len; s++)
        {
          GPtrArray *questions = ((RptSection *) sections->pdata[s])->questions;

          for (guint q = 0; q < questions->len; q++)
            {
              RptQuestion *question = questions->pdata[q];
              double score;

              if (g_strcmp0 (question->dimension, dimension->key) == 0 && question->weight > 0
                  && rpt_question_score (question, g_hash_table_lookup (answers, question->key), &score))
                {
                  sum += question->weight * score;
                  weights += question->weight;
                }
            }
        }
      if (weights > 0)
        {
          double score = 100 * sum / weights;

          g_hash_table_insert (scores, g_strdup (dimension->key), boxed (score));
          total += score;
          counted++;
        }
    }
  if (counted > 0)
    g_hash_table_insert (scores, g_strdup (""), boxed (total / counted));
  return scores;
}

static void
flag_free (gpointer data)
{
  RptConsistencyFlag *flag = data;

  g_free (flag->self);
  g_strfreev (flag->measures);
  g_free (flag);
}

GPtrArray *
rpt_scoring_consistency (RptQuestionnaire *questionnaire,
                         GHashTable       *answers)
{
  GPtrArray *flags = g_ptr_array_new_with_free_func (flag_free);
  GPtrArray *rules = rpt_questionnaire_get_rules (questionnaire);

  for (guint i = 0; i < rules->len; i++)
    {
      RptConsistencyRule *rule = rules->pdata[i];
      RptQuestion *self = rpt_questionnaire_find_question (questionnaire, rule->self);
      double self_score, sum = 0, score;
      guint n = 0;

      /* a rating is compared as asked: its own scale, not its dimension's weight */
      if (self == NULL || !rpt_question_worth (self, g_hash_table_lookup (answers, self->key), &self_score))
        continue;
      for (guint j = 0; rule->measures[j] != NULL; j++)
        {
          RptQuestion *measure = rpt_questionnaire_find_question (questionnaire, rule->measures[j]);

          if (measure != NULL
              && rpt_question_worth (measure, g_hash_table_lookup (answers, measure->key), &score))
            {
              sum += score;
              n++;
            }
        }
      if (n == 0 || fabs (100 * self_score - 100 * sum / n) <= rule->tolerance)
        continue;
      {
        RptConsistencyFlag *flag = g_new0 (RptConsistencyFlag, 1);

        flag->self = g_strdup (rule->self);
        flag->measures = g_strdupv (rule->measures);
        flag->self_score = 100 * self_score;
        flag->measured_score = 100 * sum / n;
        g_ptr_array_add (flags, flag);
      }
    }
  return flags;
}

/* Below a quarter of what the question allows, the answer says no: no
 * budget, not the one who decides, no need, no time soon. */
#define UNLIKELY_COMPONENT 25
#define UNLIKELY_SCORE     40

void
rpt_scoring_qualify (RptQuestionnaire       *questionnaire,
                     GHashTable             *answers,
                     RptQualificationResult *result)
{
  double sums[RPT_N_QUALIFY] = { 0 };
  guint counts[RPT_N_QUALIFY] = { 0 };
  GPtrArray *sections = rpt_questionnaire_get_sections (questionnaire);
  double total = 0;
  guint n = 0;

  memset (result, 0, sizeof *result);
  for (guint s = 0; s < sections->len; s++)
    {
      GPtrArray *questions = ((RptSection *) sections->pdata[s])->questions;

      for (guint q = 0; q < questions->len; q++)
        {
          RptQuestion *question = questions->pdata[q];
          double score;

          if (question->qualification != RPT_QUALIFY_NONE
              && rpt_question_worth (question, g_hash_table_lookup (answers, question->key), &score))
            {
              sums[question->qualification] += score;
              counts[question->qualification]++;
            }
        }
    }
  for (guint k = RPT_QUALIFY_BUDGET; k < RPT_N_QUALIFY; k++)
    if (counts[k] > 0)
      {
        result->answered[k] = TRUE;
        result->component[k] = 100 * sums[k] / counts[k];
        total += result->component[k];
        n++;
        if (result->component[k] < UNLIKELY_COMPONENT)
          result->reasons |= 1u << k;
      }
  result->score = n > 0 ? total / n : -1;
  result->unlikely = n > 0 && (result->reasons != 0 || result->score < UNLIKELY_SCORE);
}

double
rpt_percentile_rank (double        value,
                     const double *sorted,
                     guint         n)
{
  guint below = 0, equal = 0;

  if (n == 0)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      if (sorted[i] < value)
        below++;
      else if (sorted[i] == value)
        equal++;
    }
  return 100.0 * (below + 0.5 * equal) / n;
}

static double
quantile (const double *sorted,
          guint         n,
          double        p)
{
  double h = (n - 1) * p;
  guint lo = (guint) floor (h);
  guint hi = MIN (lo + 1, n - 1);

  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

void
rpt_quartiles (const double *sorted,
               guint         n,
               double       *q1,
               double       *median,
               double       *q3)
{
  g_return_if_fail (n > 0);

  *q1 = quantile (sorted, n, 0.25);
  *median = quantile (sorted, n, 0.5);
  *q3 = quantile (sorted, n, 0.75);
}
