/* rpt-customer-store-private.h — shared by the store's files and the migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customer-store.h"
#include "rpt-timeline-entry.h"

G_BEGIN_DECLS

enum
{
  STORE_CUSTOMER_CHANGED,   /* (gint64 id) saved, archived or restored */
  STORE_TIMELINE_CHANGED,   /* (gint64 customer id) */
  STORE_N_SIGNALS
};

void     _rpt_customer_store_emit           (RptCustomerStore  *self,
                                             guint              signal,
                                             gint64             id);
gint64   _rpt_customer_store_staff_id       (RptDatabase       *db,
                                             const char        *name,
                                             GError           **error);
gboolean _rpt_customer_store_write          (RptCustomerStore  *self,
                                             RptCustomer       *customer,
                                             GError           **error);
gboolean _rpt_customer_store_index          (RptDatabase       *db,
                                             RptCustomer       *customer,
                                             gboolean           is_new,
                                             GError           **error);
gint64   _rpt_customer_store_cached_staff_id (RptCustomerStore *self,
                                              const char       *name,
                                              GError          **error);
gboolean _rpt_customer_store_restore_indexes (RptCustomerStore *self,
                                              GError          **error);
void     _rpt_customer_store_forget_indexes (RptCustomerStore *self);
void     _rpt_customer_store_set_bulk       (RptCustomerStore  *self,
                                             gboolean           bulk);
gboolean _rpt_customer_store_fill_sort_names (RptDatabase      *db,
                                              GError          **error);
gboolean _rpt_customer_store_reindex_all    (RptDatabase       *db,
                                             GError           **error);
char    *_rpt_now_utc                       (void);
gboolean _rpt_customer_store_insert_entry   (RptCustomerStore  *self,
                                             RptTimelineEntry  *entry,
                                             GError           **error);

G_END_DECLS
