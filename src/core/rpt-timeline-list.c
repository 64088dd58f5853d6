/* rpt-timeline-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-timeline-list"

#include "config.h"

#include "rpt-timeline-list.h"

struct _RptTimelineList
{
  RptIdList         parent_instance;

  RptCustomerStore *store;
  gint64            customer_id;
  gulong            changed_id;
};

G_DEFINE_FINAL_TYPE (RptTimelineList, rpt_timeline_list, RPT_TYPE_ID_LIST)

static GObject *
rpt_timeline_list_load_item (RptIdList *list,
                             guint      position,
                             guint32    id)
{
  RptTimelineList *self = RPT_TIMELINE_LIST (list);

  return (GObject *) rpt_customer_store_load_entry (self->store, id, NULL);
}

static void
on_timeline_changed (RptCustomerStore *store,
                     gint64            customer_id,
                     RptTimelineList  *self)
{
  guint before;

  if (customer_id != self->customer_id)
    return;
  before = g_list_model_get_n_items (G_LIST_MODEL (self));
  rpt_id_list_drop_cache (RPT_ID_LIST (self));
  rpt_timeline_list_refresh (self, NULL);
  /* the same entries, one of them changed (a complaint resolved): views
   * draw them again */
  if (g_list_model_get_n_items (G_LIST_MODEL (self)) == before)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, before, before);
}

static void
rpt_timeline_list_dispose (GObject *object)
{
  RptTimelineList *self = RPT_TIMELINE_LIST (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rpt_timeline_list_parent_class)->dispose (object);
}

static void
rpt_timeline_list_class_init (RptTimelineListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rpt_timeline_list_dispose;
  RPT_ID_LIST_CLASS (klass)->item_type = RPT_TYPE_TIMELINE_ENTRY;
  RPT_ID_LIST_CLASS (klass)->load_item = rpt_timeline_list_load_item;
}

static void
rpt_timeline_list_init (RptTimelineList *self)
{
}

RptTimelineList *
rpt_timeline_list_new (RptCustomerStore *store,
                       gint64            customer_id)
{
  RptTimelineList *self;

  g_return_val_if_fail (RPT_IS_CUSTOMER_STORE (store), NULL);

  self = g_object_new (RPT_TYPE_TIMELINE_LIST, NULL);
  self->store = g_object_ref (store);
  self->customer_id = customer_id;
  self->changed_id = g_signal_connect (store, "timeline-changed",
                                       G_CALLBACK (on_timeline_changed), self);
  rpt_timeline_list_refresh (self, NULL);
  return self;
}

gboolean
rpt_timeline_list_refresh (RptTimelineList  *self,
                           GError          **error)
{
  GArray *ids = rpt_customer_store_timeline_ids (self->store, self->customer_id, error);

  if (ids == NULL)
    return FALSE;
  rpt_id_list_set_ids (RPT_ID_LIST (self), ids);
  return TRUE;
}
