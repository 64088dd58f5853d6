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
JsonNode *_rpt_merge_build_context (RptCustomerStore  *store,
                                    RptCustomer       *customer,
                                    const char        *language,
                                    const char        *currency,
                                    const char        *today,
                                    gboolean           facts_only,
                                    GError           **error);

G_END_DECLS
