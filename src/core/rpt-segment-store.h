/* rpt-segment-store.h — saved segments: kept by name, their members found
 * by their rule in SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customer-store.h"
#include "rpt-segment-rules.h"
#include "rpt-segments.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *name;
  char     *rule;        /* JSON */
  gboolean  pinned;
} RptSavedSegment;

void             rpt_saved_segment_free              (RptSavedSegment   *segment);

/* Saves RULE (checked first) under NAME: a new segment, or the one of that
 * name (in any case) changed. */
gboolean         rpt_customer_store_save_segment     (RptCustomerStore  *self,
                                                      const char        *name,
                                                      const char        *rule,
                                                      gboolean           pinned,
                                                      GError           **error);
gboolean         rpt_customer_store_delete_segment   (RptCustomerStore  *self,
                                                      const char        *name,
                                                      GError           **error);
/* Of RptSavedSegment, by name */
GPtrArray       *rpt_customer_store_list_segments    (RptCustomerStore  *self,
                                                      GError           **error);
RptSavedSegment *rpt_customer_store_find_segment     (RptCustomerStore  *self,
                                                      const char        *name,
                                                      GError           **error);
/* The ids (gint64, ascending) of the customers not archived whom RULE
 * picks, as of TODAY (NULL: the local date). A rule on class, segment or
 * warnings reads REPORT, computed here when NULL. */
GArray          *rpt_customer_store_segment_members  (RptCustomerStore  *self,
                                                      RptSegmentRule    *rule,
                                                      RptSegmentReport  *report,
                                                      const char        *today,
                                                      GError           **error);

/* The members of the saved segment NAME, as above */
GArray          *rpt_customer_store_saved_segment_members (RptCustomerStore *self,
                                                           const char       *name,
                                                           const char       *today,
                                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptSavedSegment, rpt_saved_segment_free)

G_END_DECLS
