/* rpt-demo.h — a living demo shop, generated deterministically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customer-store.h"

G_BEGIN_DECLS

typedef void (*RptDemoProgress) (guint    done,
                                 guint    total,
                                 gpointer user_data);

typedef struct
{
  guint            customers;
  guint            purchases;   /* 0: six per customer on average */
  guint32          seed;
  const char      *today;       /* YYYY-MM-DD the history ends on; NULL: today */
  RptDemoProgress  progress;
  gpointer         user_data;
  GCancellable    *cancellable;
} RptDemoOptions;

#define RPT_DEMO_DEFAULT_CUSTOMERS 300

gboolean rpt_demo_generate (RptCustomerStore      *store,
                            const RptDemoOptions  *options,
                            GError               **error);

gboolean rpt_demo_create_file (const char           *path,
                               const RptDemoOptions *options,
                               GError              **error);

G_END_DECLS
