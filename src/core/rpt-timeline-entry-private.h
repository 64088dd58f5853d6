/* rpt-timeline-entry-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-timeline-entry.h"

G_BEGIN_DECLS

struct _RptTimelineEntry
{
  GObject  parent_instance;

  gint64   id;
  gint64   customer_id;
  int      kind;
  char    *occurred;     /* ISO 8601 in UTC, YYYY-MM-DDTHH:MM:SSZ */
  char    *summary;
  char    *details;
  gint64   amount;       /* cents; negative for a refund */
  char    *item;
  char    *category;
  char    *owner;
  char    *tracking;     /* complaints: C-YYYY-NNNNNN */
  char    *due;          /* complaints: YYYY-MM-DD */
  int      status;
  char    *resolution;
  char    *resolved_on;
};

G_END_DECLS
