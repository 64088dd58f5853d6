/* rpt-questionnaire-store.h — questionnaires, responses and peer
 * benchmarks in the customer database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customer-store.h"
#include "rpt-questionnaire.h"
#include "rpt-scoring.h"

G_BEGIN_DECLS

/* No cohort smaller than this is ever shown. */
#define RPT_MIN_COHORT 5

typedef enum
{
  RPT_COHORT_NONE,           /* fewer than RPT_MIN_COHORT answered at all */
  RPT_COHORT_INDUSTRY_SIZE,  /* same industry and size band */
  RPT_COHORT_INDUSTRY,       /* same industry */
  RPT_COHORT_ALL,            /* everyone who answered this version */
} RptCohortLevel;

typedef struct
{
  char   *dimension;         /* "" for the overall index */
  double  score;             /* 0 … 100 */
  double  percentile;        /* among the cohort, 0 … 100; -1 without one */
  double  q1, median, q3;    /* the cohort's; -1 without one */
} RptDimensionResult;

typedef struct _RptBenchmark
{
  gatomicrefcount         ref;
  gint64                  response_id;
  gint64                  customer_id;
  RptQuestionnaire       *questionnaire;
  char                   *language;
  RptCohortLevel          cohort;
  char                   *industry;      /* the cohort's, "" when not by industry */
  int                     size_band;     /* the cohort's, 0 when not by size */
  guint                   cohort_size;   /* 0, or at least RPT_MIN_COHORT */
  GPtrArray              *dimensions;    /* of RptDimensionResult, the questionnaire's order, overall last */
  char                  **strengths;     /* dimension keys, best first */
  char                  **weaknesses;    /* weakest first */
  GPtrArray              *flags;         /* of RptConsistencyFlag */
  RptQualificationResult  qualification;
  char                  **offerings;     /* dimension keys whose offering fits */
} RptBenchmark;

RptBenchmark  *rpt_benchmark_ref                  (RptBenchmark       *self);
void           rpt_benchmark_unref                (RptBenchmark       *self);
JsonNode      *rpt_benchmark_to_json             (RptBenchmark       *self,
                                                  const char         *language);
RptDimensionResult *rpt_benchmark_find           (RptBenchmark       *self,
                                                  const char         *dimension);

/* Questionnaires: the built-in ones saved on first use. */
gboolean       rpt_customer_store_ensure_questionnaires (RptCustomerStore *self,
                                                         GError          **error);
/* The latest version of each, by title. */
GPtrArray     *rpt_customer_store_list_questionnaires (RptCustomerStore  *self,
                                                       GError           **error);
RptQuestionnaire *rpt_customer_store_load_questionnaire (RptCustomerStore *self,
                                                         gint64            id,
                                                         GError          **error);
RptQuestionnaire *rpt_customer_store_find_questionnaire (RptCustomerStore *self,
                                                         const char       *key,
                                                         GError          **error);
/* Saves QUESTIONNAIRE: in place while nobody answered it, else as the
 * next version of its key (and an import whose key is taken likewise);
 * sets its id and version. */
gboolean       rpt_customer_store_save_questionnaire (RptCustomerStore  *self,
                                                      RptQuestionnaire  *questionnaire,
                                                      GError           **error);
guint          rpt_customer_store_count_responses (RptCustomerStore  *self,
                                                   gint64             questionnaire_id,
                                                   gboolean           completed_only);

/* Responses */
gint64         rpt_customer_store_start_response (RptCustomerStore  *self,
                                                  gint64             questionnaire_id,
                                                  gint64             customer_id,
                                                  const char        *language,
                                                  GError           **error);
/* The response still open for CUSTOMER_ID to QUESTIONNAIRE_ID, 0 if none */
gint64         rpt_customer_store_open_response  (RptCustomerStore  *self,
                                                  gint64             questionnaire_id,
                                                  gint64             customer_id);
/* The completed responses of CUSTOMER_ID to QUESTIONNAIRE_ID, oldest first (gint64) */
GArray        *rpt_customer_store_completed_responses (RptCustomerStore *self,
                                                       gint64            questionnaire_id,
                                                       gint64            customer_id,
                                                       GError          **error);
gboolean       rpt_customer_store_set_answer     (RptCustomerStore  *self,
                                                  gint64             response_id,
                                                  const char        *question,
                                                  const char        *value,
                                                  GError           **error);
/* question key → value */
GHashTable    *rpt_customer_store_load_answers   (RptCustomerStore  *self,
                                                  gint64             response_id,
                                                  GError           **error);
/* Scores the response and closes it; puts it on the customer's timeline
 * and the preferences it answers on the card. */
gboolean       rpt_customer_store_complete_response (RptCustomerStore *self,
                                                     gint64            response_id,
                                                     GError          **error);
typedef struct
{
  gint64      customer_id;   /* 0: anonymous */
  const char *industry;
  int         size_band;
  const char *language;
  GHashTable *answers;       /* question key → value, checked */
} RptResponseData;

/* Completed responses added at once (demo data, a web form's batch), in
 * one transaction: all or none. */
gboolean       rpt_customer_store_add_responses  (RptCustomerStore  *self,
                                                  RptQuestionnaire  *questionnaire,
                                                  const RptResponseData *responses,
                                                  guint              n_responses,
                                                  GError           **error);
RptBenchmark  *rpt_customer_store_benchmark      (RptCustomerStore  *self,
                                                  gint64             response_id,
                                                  GError           **error);

typedef struct
{
  char   *industry;
  int     size_band;
  char   *dimension;
  guint   n;                 /* at least RPT_MIN_COHORT */
  double  q1, median, q3;
} RptCohortStats;

/* Every industry × size cohort of the questionnaire with at least
 * RPT_MIN_COHORT completed responses, each dimension's distribution. */
/* Each dimension's distribution among all who completed the
 * questionnaire (of RptCohortStats, industry ""), when at least
 * RPT_MIN_COHORT did. */
GPtrArray     *rpt_customer_store_overall_distributions (RptCustomerStore *self,
                                                         RptQuestionnaire *questionnaire,
                                                         GError          **error);
GPtrArray     *rpt_customer_store_cohort_distributions (RptCustomerStore *self,
                                                        gint64            questionnaire_id,
                                                        GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptBenchmark, rpt_benchmark_unref)

G_END_DECLS
