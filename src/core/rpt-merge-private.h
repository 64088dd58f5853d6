/* rpt-merge-private.h — shared by the merge's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-merge.h"

G_BEGIN_DECLS

char     *_rpt_merge_long_date     (const char        *iso,
                                    const char        *language);
char     *_rpt_merge_today_iso     (void);
typedef enum
{
  RPT_CONTEXT_FULL       = 0,
  RPT_CONTEXT_FACTS_ONLY = 1 << 0,  /* only what the timeline tells */
  RPT_CONTEXT_NO_GLOBALS = 1 << 1,  /* not what every letter shares */
} RptContextFlags;

JsonNode *_rpt_merge_build_context (RptCustomerStore  *store,
                                    RptCustomer       *customer,
                                    const char        *language,
                                    const char        *currency,
                                    const char        *today,
                                    RptContextFlags    flags,
                                    GHashTable        *wanted,
                                    GError           **error);
GHashTable *_rpt_merge_names_used  (RptTemplate       *body,
                                    GHashTable        *partials);
JsonNode *_rpt_merge_build_globals (RptDatabase       *db,
                                    const char        *language,
                                    const char        *currency,
                                    const char        *today);

struct _RptBenchmark;

JsonNode *_rpt_merge_benchmark_context (struct _RptBenchmark *benchmark,
                                        const char           *language);
GArray   *_rpt_merge_benchmark_chart   (struct _RptBenchmark *benchmark,
                                        const char           *language);

G_END_DECLS
