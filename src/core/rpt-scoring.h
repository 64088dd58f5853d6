/* rpt-scoring.h — what a response's answers are worth: dimension scores,
 * consistency flags, qualification; percentiles and quartiles among peers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-questionnaire.h"

G_BEGIN_DECLS

/* Each dimension some answer counts for: key → score 0 … 100 (a
 * gdouble, boxed with g_new). The overall index is under "". */
GHashTable *rpt_scoring_scores       (RptQuestionnaire *questionnaire,
                                      GHashTable       *answers);

typedef struct
{
  char   *self;             /* the self-rating question */
  char  **measures;         /* the questions it is checked against */
  double  self_score;       /* 0 … 100 */
  double  measured_score;   /* 0 … 100, their mean */
} RptConsistencyFlag;

/* Of RptConsistencyFlag: each self-rating further than its tolerance from
 * what the detailed answers show. */
GPtrArray  *rpt_scoring_consistency  (RptQuestionnaire *questionnaire,
                                      GHashTable       *answers);

typedef struct
{
  gboolean answered[RPT_N_QUALIFY];
  double   component[RPT_N_QUALIFY];   /* 0 … 100 */
  double   score;                      /* their mean; -1 when none was answered */
  gboolean unlikely;                   /* “not likely to buy” */
  guint    reasons;                    /* 1 << RptQualification of each that says so */
} RptQualificationResult;

void        rpt_scoring_qualify      (RptQuestionnaire       *questionnaire,
                                      GHashTable             *answers,
                                      RptQualificationResult *result);

/* Where VALUE stands among the N sorted VALUES, 0 … 100: those below
 * count whole, those equal count half. */
double      rpt_percentile_rank      (double                  value,
                                      const double           *sorted,
                                      guint                   n);
/* The quartiles of N ≥ 1 sorted values, interpolated between ranks. */
void        rpt_quartiles            (const double           *sorted,
                                      guint                   n,
                                      double                 *q1,
                                      double                 *median,
                                      double                 *q3);

G_END_DECLS
