/* bench-common.h — the benchmark database and figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customer-store.h"

RptDatabase *bench_open_database (gint64 *heavy_id);
double       bench_percentile    (GArray     *ms,
                                  double      p);
void         bench_report        (const char *name,
                                  double      value,
                                  const char *unit,
                                  double      ref);
double       bench_now_ms        (void);
