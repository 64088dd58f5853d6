/* rpt-timeline-row.h — the row of one timeline entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-timeline-entry.h"

G_BEGIN_DECLS

GtkWidget *rpt_timeline_row_new (RptTimelineEntry *entry,
                                 const char       *currency);

G_END_DECLS
