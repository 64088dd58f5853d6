/* rpt-timeline-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-timeline-entry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rpt-fields.h"
#include "rpt-timeline-entry-private.h"

G_DEFINE_FINAL_TYPE (RptTimelineEntry, rpt_timeline_entry, G_TYPE_OBJECT)

#define F(name, type, member) { name, type, G_STRUCT_OFFSET (RptTimelineEntry, member), FALSE }

static const RptField fields[] = {
  F ("id", G_TYPE_INT64, id),
  F ("customer-id", G_TYPE_INT64, customer_id),
  F ("kind", G_TYPE_INT, kind),
  F ("occurred", G_TYPE_STRING, occurred),
  F ("summary", G_TYPE_STRING, summary),
  F ("details", G_TYPE_STRING, details),
  F ("amount", G_TYPE_INT64, amount),
  F ("item", G_TYPE_STRING, item),
  F ("category", G_TYPE_STRING, category),
  F ("owner", G_TYPE_STRING, owner),
  F ("tracking", G_TYPE_STRING, tracking),
  F ("due", G_TYPE_STRING, due),
  F ("status", G_TYPE_INT, status),
  F ("resolution", G_TYPE_STRING, resolution),
  F ("resolved-on", G_TYPE_STRING, resolved_on),
};

#undef F

enum { N_PROPS = G_N_ELEMENTS (fields) + 1 };
static GParamSpec *properties[N_PROPS];

static void
rpt_timeline_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  if (prop_id == 0 || prop_id > G_N_ELEMENTS (fields))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  rpt_fields_get (object, &fields[prop_id - 1], value);
}

static void
rpt_timeline_entry_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  if (prop_id == 0 || prop_id > G_N_ELEMENTS (fields))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (rpt_fields_set (object, &fields[prop_id - 1], value))
    g_object_notify_by_pspec (object, pspec);
}

static void
rpt_timeline_entry_finalize (GObject *object)
{
  rpt_fields_clear (object, fields, G_N_ELEMENTS (fields));
  G_OBJECT_CLASS (rpt_timeline_entry_parent_class)->finalize (object);
}

static void
rpt_timeline_entry_class_init (RptTimelineEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rpt_timeline_entry_finalize;
  object_class->get_property = rpt_timeline_entry_get_property;
  object_class->set_property = rpt_timeline_entry_set_property;
  rpt_fields_install (object_class, fields, G_N_ELEMENTS (fields), properties);
}

static void
rpt_timeline_entry_init (RptTimelineEntry *self)
{
}

RptTimelineEntry *
rpt_timeline_entry_new (RptEntryKind kind)
{
  return g_object_new (RPT_TYPE_TIMELINE_ENTRY, "kind", (int) kind, NULL);
}

gint64
rpt_timeline_entry_get_id (RptTimelineEntry *self)
{
  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (self), 0);
  return self->id;
}

gint64
rpt_timeline_entry_get_customer_id (RptTimelineEntry *self)
{
  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (self), 0);
  return self->customer_id;
}

RptEntryKind
rpt_timeline_entry_get_kind (RptTimelineEntry *self)
{
  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (self), RPT_ENTRY_NOTE);
  return self->kind;
}

const char *
rpt_timeline_entry_get_occurred (RptTimelineEntry *self)
{
  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (self), "");
  return self->occurred ? self->occurred : "";
}

const char *
rpt_timeline_entry_get_summary (RptTimelineEntry *self)
{
  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (self), "");
  return self->summary ? self->summary : "";
}

gint64
rpt_timeline_entry_get_amount (RptTimelineEntry *self)
{
  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (self), 0);
  return self->amount;
}

const char *
rpt_timeline_entry_get_tracking (RptTimelineEntry *self)
{
  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (self), "");
  return self->tracking ? self->tracking : "";
}

const char *
rpt_timeline_entry_get_due (RptTimelineEntry *self)
{
  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (self), "");
  return self->due ? self->due : "";
}

RptComplaintStatus
rpt_timeline_entry_get_status (RptTimelineEntry *self)
{
  g_return_val_if_fail (RPT_IS_TIMELINE_ENTRY (self), RPT_COMPLAINT_OPEN);
  return self->status;
}

gboolean
rpt_timeline_entry_is_overdue (RptTimelineEntry *self,
                               GDateTime        *now)
{
  g_autofree char *today = NULL;

  if (self->kind != RPT_ENTRY_COMPLAINT || self->status != RPT_COMPLAINT_OPEN
      || self->due == NULL || *self->due == '\0')
    return FALSE;
  today = g_date_time_format (now, "%Y-%m-%d");
  return strcmp (self->due, today) < 0;
}

gboolean
rpt_entry_kind_is_interaction (RptEntryKind kind)
{
  return kind != RPT_ENTRY_PURCHASE && kind != RPT_ENTRY_COMPLAINT;
}

const char *
rpt_entry_kind_to_string (RptEntryKind kind)
{
  switch (kind)
    {
    case RPT_ENTRY_PURCHASE: return C_("timeline", "Purchase");
    case RPT_ENTRY_CALL: return C_("timeline", "Call");
    case RPT_ENTRY_VISIT: return C_("timeline", "Visit");
    case RPT_ENTRY_EMAIL: return C_("timeline", "Email");
    case RPT_ENTRY_LETTER: return C_("timeline", "Letter sent");
    case RPT_ENTRY_QUESTIONNAIRE: return C_("timeline", "Questionnaire");
    case RPT_ENTRY_NOTE: return C_("timeline", "Note");
    case RPT_ENTRY_COMPLAINT: return C_("timeline", "Complaint");
    case RPT_N_ENTRY_KINDS:
    default: return "";
    }
}

const char *
rpt_entry_kind_icon_name (RptEntryKind kind)
{
  switch (kind)
    {
    case RPT_ENTRY_PURCHASE: return "emblem-ok-symbolic";
    case RPT_ENTRY_CALL: return "call-start-symbolic";
    case RPT_ENTRY_VISIT: return "system-users-symbolic";
    case RPT_ENTRY_EMAIL: return "mail-unread-symbolic";
    case RPT_ENTRY_LETTER: return "mail-send-symbolic";
    case RPT_ENTRY_QUESTIONNAIRE: return "view-list-bullet-symbolic";
    case RPT_ENTRY_NOTE: return "document-edit-symbolic";
    case RPT_ENTRY_COMPLAINT: return "dialog-warning-symbolic";
    case RPT_N_ENTRY_KINDS:
    default: return "text-x-generic-symbolic";
    }
}
