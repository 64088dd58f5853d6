/* rpt-segment-editor.h — the rule builder: a saved segment's name and its
 * conditions (field, operator, value), all or any, in nested groups, with
 * the number of customers it picks counted as it changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-segment-store.h"

G_BEGIN_DECLS

#define RPT_TYPE_SEGMENT_EDITOR (rpt_segment_editor_get_type ())
G_DECLARE_FINAL_TYPE (RptSegmentEditor, rpt_segment_editor, RPT, SEGMENT_EDITOR, AdwWindow)

/* SEGMENT to change, or NULL for a new one; REPORT (may be NULL) gives the
 * class, segment and warnings rules count with. Emits “saved” (the name). */
RptSegmentEditor *rpt_segment_editor_new       (GtkWindow              *parent,
                                                RptCustomerStore       *store,
                                                const RptSavedSegment  *segment,
                                                RptSegmentReport       *report,
                                                const char             *today);
/* For tests: the rule as the window has it, as JSON; the live count
 * (-1 while not counted or when the rule is not valid) */
char             *rpt_segment_editor_dup_rule  (RptSegmentEditor       *self);
int               rpt_segment_editor_get_count (RptSegmentEditor       *self);
GtkWidget        *rpt_segment_editor_get_root_group (RptSegmentEditor  *self);

G_END_DECLS
