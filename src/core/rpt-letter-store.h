/* rpt-letter-store.h — letter templates and what letters need to know
 * about a customer, kept in the customer store's database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customer-store.h"
#include "rpt-letter-template.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  spend;             /* lifetime, in cents */
  guint   n_purchases;
  char   *last_purchase;     /* ISO date, NULL when none */
  char   *last_item;
  gint64  last_amount;
  guint   open_complaints;
  gint64  complaint_id;      /* the latest complaint, 0 when none */
  char   *complaint_tracking;
  char   *complaint_summary;
  char   *complaint_opened;
  char   *complaint_resolution;
  char   *complaint_resolved_on;
} RptMergeFacts;

void               rpt_merge_facts_clear                 (RptMergeFacts     *facts);
gboolean           rpt_customer_store_merge_facts        (RptCustomerStore  *self,
                                                          gint64             customer_id,
                                                          RptMergeFacts     *facts,
                                                          GError           **error);
GPtrArray         *rpt_customer_store_list_letter_templates (RptCustomerStore *self,
                                                             GError          **error);
RptLetterTemplate *rpt_customer_store_find_letter_template (RptCustomerStore *self,
                                                            const char       *name,
                                                            GError          **error);
gboolean           rpt_customer_store_save_letter_template (RptCustomerStore  *self,
                                                            RptLetterTemplate *letter,
                                                            GError           **error);
gboolean           rpt_customer_store_delete_letter_template (RptCustomerStore *self,
                                                              gint64            id,
                                                              GError          **error);
char              *rpt_customer_store_lookup_block       (RptCustomerStore  *self,
                                                          const char        *name,
                                                          const char        *language);
GArray            *rpt_customer_store_ids_with_tag_since (RptCustomerStore  *self,
                                                          const char        *tag,
                                                          guint              days,
                                                          GError           **error);
gboolean           rpt_customer_store_add_entries        (RptCustomerStore  *self,
                                                          GPtrArray         *entries,
                                                          GError           **error);

G_END_DECLS
