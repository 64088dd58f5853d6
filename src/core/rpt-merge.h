/* rpt-merge.h — letters for many customers: who gets one, what it says,
 * and the run that writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rpt-customer-store.h"
#include "rpt-labels.h"
#include "rpt-letter-template.h"
#include "rpt-template.h"

G_BEGIN_DECLS

typedef enum
{
  RPT_SKIP_NONE,
  RPT_SKIP_NOT_FOUND,
  RPT_SKIP_ARCHIVED,
  RPT_SKIP_DO_NOT_CONTACT,
  RPT_SKIP_OTHER_CHANNEL,
  RPT_SKIP_NO_ADDRESS,
  RPT_SKIP_MISSING_FIELD,
  RPT_SKIP_NO_TEXT,
  RPT_SKIP_FAILED,
} RptSkipReason;

typedef struct
{
  gint64         customer_id;
  char          *name;
  RptSkipReason  reason;
  char          *detail;   /* the reason in words, for the list shown before output */
} RptSkipped;

typedef enum
{
  RPT_MERGE_ONE_PDF,
  RPT_MERGE_PDF_PER_RECIPIENT,
} RptMergeOutput;

typedef struct
{
  const char *name;
  const char *description;   /* translatable */
} RptMergeField;

typedef struct
{
  const char *language;   /* what the formatters write in */
  const char *currency;
} RptMergeFormat;

typedef struct _RptMerge RptMerge;

typedef void (*RptMergeProgress) (guint    done,
                                  guint    total,
                                  gpointer user_data);

const RptMergeField *rpt_merge_fields           (guint              *n_fields);
JsonNode            *rpt_merge_context_new      (RptCustomerStore   *store,
                                                 RptCustomer        *customer,
                                                 const char         *language,
                                                 GError            **error);
char                *rpt_merge_sender           (RptCustomerStore   *store,
                                                 const char         *separator);
const RptFormatter  *rpt_merge_formatters       (void);
GArray              *rpt_merge_find_recipients  (RptCustomerStore   *store,
                                                 const char         *query,
                                                 GError            **error);

RptMerge            *rpt_merge_new              (RptCustomerStore   *store,
                                                 RptLetterTemplate  *letter,
                                                 GError            **error);
void                 rpt_merge_free             (RptMerge           *self);
gboolean             rpt_merge_check            (RptMerge           *self,
                                                 GArray             *customer_ids,
                                                 GCancellable       *cancellable,
                                                 RptMergeProgress    progress,
                                                 gpointer            user_data,
                                                 GError            **error);
void                 rpt_merge_set_threads      (RptMerge           *self,
                                                 guint               threads);
guint                rpt_merge_get_n_letters    (RptMerge           *self);
struct _RptBenchmark;

/* A report on one questionnaire response: the letters have its figures
 * under {{benchmark…}} and <chart/> draws them. */
void                 rpt_merge_set_benchmark    (RptMerge           *self,
                                                 struct _RptBenchmark *benchmark);
GPtrArray           *rpt_merge_get_skipped      (RptMerge           *self);
gboolean             rpt_merge_write            (RptMerge           *self,
                                                 RptMergeOutput      output,
                                                 const char         *path,
                                                 GCancellable       *cancellable,
                                                 RptMergeProgress    progress,
                                                 gpointer            user_data,
                                                 GError            **error);
gboolean             rpt_merge_write_envelopes  (RptMerge           *self,
                                                 const RptEnvelopeSize *size,
                                                 const char         *path,
                                                 GCancellable       *cancellable,
                                                 RptMergeProgress    progress,
                                                 gpointer            user_data,
                                                 GError            **error);
gboolean             rpt_merge_write_labels     (RptMerge           *self,
                                                 const RptLabelSheet *sheet,
                                                 guint               start,
                                                 const char         *path,
                                                 GCancellable       *cancellable,
                                                 RptMergeProgress    progress,
                                                 gpointer            user_data,
                                                 GError            **error);
gboolean             rpt_merge_record           (RptMerge           *self,
                                                 GError            **error);
guint                rpt_merge_get_n_pages      (RptMerge           *self);
gboolean             rpt_merge_count_pages      (RptMerge           *self,
                                                 GCancellable       *cancellable,
                                                 GError            **error);
void                 rpt_merge_draw_page        (RptMerge           *self,
                                                 cairo_t            *cr,
                                                 guint               page);
GBytes              *rpt_merge_preview          (RptLetterTemplate  *letter,
                                                 const char         *language,
                                                 RptCustomerStore   *store,
                                                 gint64              customer_id,
                                                 GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptMerge, rpt_merge_free)

G_END_DECLS
