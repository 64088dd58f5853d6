/* rpt-customer-store.h — customers, their contacts, tags and timeline in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rpt-customer.h"
#include "rpt-database.h"
#include "rpt-search.h"
#include "rpt-timeline-entry.h"

G_BEGIN_DECLS

typedef enum
{
  RPT_SORT_NAME,
  RPT_SORT_LOCALITY,
  RPT_SORT_STAGE,
  RPT_SORT_LAST_CONTACT,
  RPT_SORT_SPEND,
  RPT_SORT_CREATED,
  RPT_N_SORTS
} RptSortColumn;

#define RPT_DEFAULT_SERVICE_LEVEL_DAYS 30

#define RPT_TYPE_CUSTOMER_STORE (rpt_customer_store_get_type ())
G_DECLARE_FINAL_TYPE (RptCustomerStore, rpt_customer_store, RPT, CUSTOMER_STORE, GObject)

RptCustomerStore *rpt_customer_store_new             (RptDatabase       *db);
RptDatabase      *rpt_customer_store_get_database    (RptCustomerStore  *self);

gboolean          rpt_customer_store_save            (RptCustomerStore  *self,
                                                      RptCustomer       *customer,
                                                      GError           **error);
RptCustomer      *rpt_customer_store_load            (RptCustomerStore  *self,
                                                      gint64             id,
                                                      GError           **error);
RptCustomer      *rpt_customer_store_load_summary    (RptCustomerStore  *self,
                                                      gint64             id,
                                                      GError           **error);
gboolean          rpt_customer_store_set_archived    (RptCustomerStore  *self,
                                                      gint64             id,
                                                      gboolean           archived,
                                                      GError           **error);
guint             rpt_customer_store_count_active    (RptCustomerStore  *self);
gint64            rpt_customer_store_max_id          (RptCustomerStore  *self);

GArray           *rpt_customer_store_ordered_ids     (RptCustomerStore  *self,
                                                      RptSortColumn      column,
                                                      gboolean           descending,
                                                      gboolean           archived,
                                                      GError           **error);
GArray           *rpt_customer_store_first_ids       (RptCustomerStore  *self,
                                                      RptSortColumn      column,
                                                      gboolean           descending,
                                                      gboolean           archived,
                                                      guint              limit,
                                                      GError           **error);
guint             rpt_customer_store_count           (RptCustomerStore  *self,
                                                      gboolean           archived);
RptBitset        *rpt_customer_store_match           (RptCustomerStore  *self,
                                                      const char        *query,
                                                      GError           **error);
RptBitset        *rpt_customer_store_match_like      (RptCustomerStore  *self,
                                                      const char        *query,
                                                      GError           **error);
RptBitset        *rpt_customer_store_filter          (RptCustomerStore  *self,
                                                      const char        *tag,
                                                      int                stage,
                                                      const char        *owner,
                                                      GError           **error);
char            **rpt_customer_store_list_tags       (RptCustomerStore  *self);
char            **rpt_customer_store_list_staff      (RptCustomerStore  *self);
GPtrArray        *rpt_customer_store_find_by_name    (RptCustomerStore  *self,
                                                      const char        *query,
                                                      RptCustomerKind    kind,
                                                      guint              limit);

gboolean          rpt_customer_store_add_entry       (RptCustomerStore  *self,
                                                      RptTimelineEntry  *entry,
                                                      GError           **error);
gboolean          rpt_customer_store_resolve_complaint (RptCustomerStore *self,
                                                        RptTimelineEntry *entry,
                                                        const char       *resolution,
                                                        GError          **error);
gboolean          rpt_customer_store_restore_entry   (RptCustomerStore  *self,
                                                      RptTimelineEntry  *entry,
                                                      GError           **error);
gboolean          rpt_customer_store_delete_entry    (RptCustomerStore  *self,
                                                      gint64             entry_id,
                                                      GError           **error);
RptTimelineEntry *rpt_customer_store_load_entry      (RptCustomerStore  *self,
                                                      gint64             entry_id,
                                                      GError           **error);
GArray           *rpt_customer_store_timeline_ids    (RptCustomerStore  *self,
                                                      gint64             customer_id,
                                                      GError           **error);
RptTimelineEntry *rpt_customer_store_last_interaction (RptCustomerStore *self,
                                                       gint64            customer_id,
                                                       GError          **error);
guint             rpt_customer_store_count_open_complaints (RptCustomerStore *self,
                                                            gint64            customer_id);
int               rpt_customer_store_get_service_level (RptCustomerStore *self);
char             *rpt_customer_store_dup_currency    (RptCustomerStore  *self);
gboolean          rpt_customer_store_set_setting     (RptCustomerStore  *self,
                                                      const char        *key,
                                                      const char        *value,
                                                      GError           **error);

/* Many writes in few transactions (demo data, imports): begin, add, commit.
 * Customers added this way keep the created, last-contact and spend values
 * they carry; entries do not update their customer's totals. */
gboolean          rpt_customer_store_bulk_begin      (RptCustomerStore  *self,
                                                      GError           **error);
gboolean          rpt_customer_store_bulk_defer_indexes (RptCustomerStore *self,
                                                         GError          **error);
gboolean          rpt_customer_store_bulk_add_customer (RptCustomerStore *self,
                                                        RptCustomer      *customer,
                                                        GError          **error);
gboolean          rpt_customer_store_bulk_add_entry  (RptCustomerStore  *self,
                                                      RptTimelineEntry  *entry,
                                                      GError           **error);
gboolean          rpt_customer_store_bulk_commit     (RptCustomerStore  *self,
                                                      GError           **error);
void              rpt_customer_store_bulk_abort      (RptCustomerStore  *self);

G_END_DECLS
