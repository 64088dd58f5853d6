/* rpt-timeline-entry.h — one purchase, interaction or complaint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RPT_ENTRY_PURCHASE,
  RPT_ENTRY_CALL,
  RPT_ENTRY_VISIT,
  RPT_ENTRY_EMAIL,
  RPT_ENTRY_LETTER,
  RPT_ENTRY_QUESTIONNAIRE,
  RPT_ENTRY_NOTE,
  RPT_ENTRY_COMPLAINT,
  RPT_N_ENTRY_KINDS
} RptEntryKind;

typedef enum
{
  RPT_COMPLAINT_OPEN,
  RPT_COMPLAINT_RESOLVED,
} RptComplaintStatus;

#define RPT_TYPE_TIMELINE_ENTRY (rpt_timeline_entry_get_type ())
G_DECLARE_FINAL_TYPE (RptTimelineEntry, rpt_timeline_entry, RPT, TIMELINE_ENTRY, GObject)

RptTimelineEntry *rpt_timeline_entry_new          (RptEntryKind      kind);
gint64            rpt_timeline_entry_get_id       (RptTimelineEntry *self);
gint64            rpt_timeline_entry_get_customer_id (RptTimelineEntry *self);
RptEntryKind      rpt_timeline_entry_get_kind     (RptTimelineEntry *self);
const char       *rpt_timeline_entry_get_occurred (RptTimelineEntry *self);
const char       *rpt_timeline_entry_get_summary  (RptTimelineEntry *self);
gint64            rpt_timeline_entry_get_amount   (RptTimelineEntry *self);
const char       *rpt_timeline_entry_get_tracking (RptTimelineEntry *self);
const char       *rpt_timeline_entry_get_due      (RptTimelineEntry *self);
RptComplaintStatus rpt_timeline_entry_get_status  (RptTimelineEntry *self);
gboolean          rpt_timeline_entry_is_overdue   (RptTimelineEntry *self,
                                                   GDateTime        *now);
gboolean          rpt_entry_kind_is_interaction   (RptEntryKind      kind);
const char       *rpt_entry_kind_to_string        (RptEntryKind      kind);
const char       *rpt_entry_kind_icon_name        (RptEntryKind      kind);

G_END_DECLS
