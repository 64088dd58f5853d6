/* rpt-id-list.c
 *
 * Only the ids live in memory: 4 bytes a row. Rows become objects when a
 * view asks for them, a page at a time, and the oldest pages are dropped,
 * so a list of a million customers costs a few megabytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-id-list"

#include "config.h"

#include "rpt-id-list.h"

typedef struct
{
  GArray     *ids;     /* guint32 */
  GHashTable *pages;   /* page number → GPtrArray of items (NULL where loading failed) */
  GQueue      order;   /* page numbers, oldest first */
} RptIdListPrivate;

static void rpt_id_list_model_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (RptIdList, rpt_id_list, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (RptIdList)
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rpt_id_list_model_init))

static GType
rpt_id_list_get_item_type (GListModel *model)
{
  return RPT_ID_LIST_GET_CLASS (model)->item_type;
}

static guint
rpt_id_list_get_n_items (GListModel *model)
{
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (RPT_ID_LIST (model));

  return priv->ids->len;
}

static GPtrArray *
load_page (RptIdList *self,
           guint      page)
{
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (self);
  guint start = page * RPT_ID_LIST_PAGE_SIZE;
  guint end = MIN (start + RPT_ID_LIST_PAGE_SIZE, priv->ids->len);
  GPtrArray *items = g_ptr_array_new_full (end - start, (GDestroyNotify) g_object_unref);

  for (guint i = start; i < end; i++)
    {
      GObject *item = RPT_ID_LIST_GET_CLASS (self)->load_item (self, i,
                                                               g_array_index (priv->ids, guint32, i));
      /* A row deleted behind our back still needs a placeholder object. */
      if (item == NULL)
        item = g_object_new (RPT_ID_LIST_GET_CLASS (self)->item_type, NULL);
      g_ptr_array_add (items, item);
    }
  if (g_queue_get_length (&priv->order) >= RPT_ID_LIST_MAX_PAGES)
    g_hash_table_remove (priv->pages, g_queue_pop_head (&priv->order));
  g_hash_table_insert (priv->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_tail (&priv->order, GUINT_TO_POINTER (page));
  return items;
}

static gpointer
rpt_id_list_get_item (GListModel *model,
                      guint       position)
{
  RptIdList *self = RPT_ID_LIST (model);
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (self);
  guint page = position / RPT_ID_LIST_PAGE_SIZE;
  GPtrArray *items;

  if (position >= priv->ids->len)
    return NULL;
  items = g_hash_table_lookup (priv->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    items = load_page (self, page);
  return g_object_ref (g_ptr_array_index (items, position % RPT_ID_LIST_PAGE_SIZE));
}

static void
rpt_id_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rpt_id_list_get_item_type;
  iface->get_n_items = rpt_id_list_get_n_items;
  iface->get_item = rpt_id_list_get_item;
}

static void
rpt_id_list_finalize (GObject *object)
{
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (RPT_ID_LIST (object));

  g_clear_pointer (&priv->ids, g_array_unref);
  g_clear_pointer (&priv->pages, g_hash_table_unref);
  g_queue_clear (&priv->order);
  G_OBJECT_CLASS (rpt_id_list_parent_class)->finalize (object);
}

static void
rpt_id_list_class_init (RptIdListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rpt_id_list_finalize;
  klass->item_type = G_TYPE_OBJECT;
}

static void
rpt_id_list_init (RptIdList *self)
{
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (self);

  priv->ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  priv->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&priv->order);
}

void
rpt_id_list_drop_cache (RptIdList *self)
{
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (self);

  g_hash_table_remove_all (priv->pages);
  g_queue_clear (&priv->order);
}

/* Replace the rows, telling views only about the span that differs, so a
 * saved card does not throw away the scroll position or the selection. */
void
rpt_id_list_set_ids (RptIdList *self,
                     GArray    *ids)
{
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (self);
  g_autoptr(GArray) old = priv->ids;
  const guint32 *a = (const guint32 *) old->data, *b = (const guint32 *) ids->data;
  guint n_old = old->len, n_new = ids->len, prefix = 0, suffix = 0;

  g_return_if_fail (g_array_get_element_size (ids) == sizeof (guint32));

  while (prefix < n_old && prefix < n_new && a[prefix] == b[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && a[n_old - 1 - suffix] == b[n_new - 1 - suffix])
    suffix++;

  priv->ids = ids;
  rpt_id_list_drop_cache (self);
  if (prefix == n_old && prefix == n_new)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix - suffix,
                              n_new - prefix - suffix);
}

/* The same rows in the same order, now all known: nothing a view shows
 * changes, so nothing is announced. */
void
rpt_id_list_fill_ids (RptIdList *self,
                      GArray    *ids)
{
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (self);

  g_return_if_fail (ids->len == priv->ids->len);
  g_array_unref (priv->ids);
  priv->ids = ids;
}

const GArray *
rpt_id_list_get_ids (RptIdList *self)
{
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (self);

  return priv->ids;
}

int
rpt_id_list_find (RptIdList *self,
                  guint32    id)
{
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (self);
  const guint32 *a = (const guint32 *) priv->ids->data;

  for (guint i = 0; i < priv->ids->len; i++)
    if (a[i] == id)
      return (int) i;
  return -1;
}

/* One row was saved: its object is read again where views show it. */
void
rpt_id_list_reload_id (RptIdList *self,
                       guint32    id)
{
  RptIdListPrivate *priv = rpt_id_list_get_instance_private (self);
  int pos = rpt_id_list_find (self, id);
  guint page;

  if (pos < 0)
    return;
  page = pos / RPT_ID_LIST_PAGE_SIZE;
  if (g_hash_table_remove (priv->pages, GUINT_TO_POINTER (page)))
    g_queue_remove (&priv->order, GUINT_TO_POINTER (page));
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
}
