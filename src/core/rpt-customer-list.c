/* rpt-customer-list.c
 *
 * The order of all cards is read once per sort as an array of ids (an index
 * scan in SQL); a search or filter is a bitset of matching ids from the
 * indexes, and the visible list is the order array filtered by that set —
 * a pass over a few megabytes, never a sort of a million rows.
 *
 * Reading a million ids takes a few hundred milliseconds, so a new order
 * shows its first page at once (LIMIT) while a worker thread reads the rest
 * on its own connection; rows asked for before it is done come from
 * LIMIT/OFFSET, and the finished order replaces them silently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer-list"

#include "config.h"

#include <string.h>

#include "rpt-customer-list.h"

struct _RptCustomerList
{
  RptIdList         parent_instance;

  RptCustomerStore *store;
  gulong            changed_id;
  GArray           *order;        /* every card of the current sort; NULL when stale */
  char             *query;
  char             *tag;
  char             *owner;
  int               stage;
  RptBitset        *group;        /* only these cards, or NULL */
  char             *group_label;
  RptSortColumn     sort;
  gboolean          descending;
  gboolean          archived;
  guint             refresh_source;
  GError           *error;        /* the last refresh's, for the view to show */
  gboolean          partial;      /* order holds 0 where a worker still reads */
  gboolean          placeholders; /* blank cards were handed out for those places */
  GCancellable     *loading;
};

#define FIRST_PAGE 128

G_DEFINE_FINAL_TYPE (RptCustomerList, rpt_customer_list, RPT_TYPE_ID_LIST)

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GObject *
rpt_customer_list_load_item (RptIdList *list,
                             guint      position,
                             guint32    id)
{
  RptCustomerList *self = RPT_CUSTOMER_LIST (list);

  if (id == 0 && self->partial)
    {
      /* Where the order is not read yet, a blank card holds the place; the
       * list announces the real rows when the worker thread is done. */
      self->placeholders = TRUE;
      return (GObject *) rpt_customer_new (RPT_CUSTOMER_PERSON);
    }
  return (GObject *) rpt_customer_store_load_summary (self->store, id, NULL);
}

typedef struct
{
  char          *path;
  RptSortColumn  sort;
  gboolean       descending;
  gboolean       archived;
} OrderJob;

static void
order_job_free (OrderJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
read_order_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  OrderJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = rpt_database_open (job->path, RPT_DATABASE_READ_ONLY | RPT_DATABASE_SCAN,
                                                     &error);
  g_autoptr(RptCustomerStore) store = db ? rpt_customer_store_new (db) : NULL;
  GArray *order = store ? rpt_customer_store_ordered_ids (store, job->sort, job->descending,
                                                          job->archived, &error) : NULL;

  if (order == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, order, (GDestroyNotify) g_array_unref);
}

static void
read_order_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RptCustomerList *self = RPT_CUSTOMER_LIST (source);
  g_autoptr(GError) error = NULL;
  GArray *order = g_task_propagate_pointer (G_TASK (result), &error);

  if (order == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Reading the customer order failed: %s", error->message);
      return;
    }
  g_clear_object (&self->loading);
  if (self->order == NULL || !self->partial || self->order->len != order->len)
    {
      /* the cards changed meanwhile: start from the full order */
      g_clear_pointer (&self->order, g_array_unref);
      self->order = order;
      self->partial = FALSE;
      rpt_customer_list_refresh (self, NULL);
      return;
    }
  g_array_unref (self->order);
  self->order = order;
  self->partial = FALSE;
  if (self->query == NULL && self->tag == NULL && self->owner == NULL && self->stage < 0)
    {
      rpt_id_list_fill_ids (RPT_ID_LIST (self), g_array_ref (order));
      if (self->placeholders && order->len > FIRST_PAGE)
        {
          rpt_id_list_drop_cache (RPT_ID_LIST (self));
          g_list_model_items_changed (G_LIST_MODEL (self), FIRST_PAGE, order->len - FIRST_PAGE,
                                      order->len - FIRST_PAGE);
        }
    }
  self->placeholders = FALSE;
}

/* First page now, the whole order from a worker thread. */
static GArray *
start_order (RptCustomerList  *self,
             GError          **error)
{
  RptDatabase *db = rpt_customer_store_get_database (self->store);
  guint total = rpt_customer_store_count (self->store, self->archived);
  g_autoptr(GArray) first = NULL;
  g_autoptr(GTask) task = NULL;
  OrderJob *job;
  GArray *order;

  if (total <= FIRST_PAGE * 8)
    return rpt_customer_store_ordered_ids (self->store, self->sort, self->descending,
                                           self->archived, error);
  first = rpt_customer_store_first_ids (self->store, self->sort, self->descending, self->archived,
                                        FIRST_PAGE, error);
  if (first == NULL)
    return NULL;
  order = g_array_sized_new (FALSE, TRUE, sizeof (guint32), total);
  g_array_set_size (order, total);
  memcpy (order->data, first->data, MIN (first->len, total) * sizeof (guint32));
  self->partial = TRUE;

  job = g_new0 (OrderJob, 1);
  job->path = g_strdup (rpt_database_get_path (db));
  job->sort = self->sort;
  job->descending = self->descending;
  job->archived = self->archived;
  self->loading = g_cancellable_new ();
  task = g_task_new (self, self->loading, read_order_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) order_job_free);
  g_task_run_in_thread (task, read_order_thread);
  return order;
}

static void
forget_order (RptCustomerList *self)
{
  if (self->loading != NULL)
    {
      g_cancellable_cancel (self->loading);
      g_clear_object (&self->loading);
    }
  g_clear_pointer (&self->order, g_array_unref);
  self->partial = FALSE;
  self->placeholders = FALSE;
}

static gboolean
refresh_idle (gpointer data)
{
  RptCustomerList *self = data;

  self->refresh_source = 0;
  rpt_customer_list_refresh (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RptCustomerList *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT, refresh_idle, self, NULL);
}

static void
on_customer_changed (RptCustomerStore *store,
                     gint64            id,
                     RptCustomerList  *self)
{
  forget_order (self);
  rpt_id_list_reload_id (RPT_ID_LIST (self), (guint32) id);
  queue_refresh (self);
}

static void
rpt_customer_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rpt_customer_list_dispose (GObject *object)
{
  RptCustomerList *self = RPT_CUSTOMER_LIST (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  forget_order (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rpt_customer_list_parent_class)->dispose (object);
}

static void
rpt_customer_list_finalize (GObject *object)
{
  RptCustomerList *self = RPT_CUSTOMER_LIST (object);

  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->group, rpt_bitset_free);
  g_clear_pointer (&self->group_label, g_free);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (rpt_customer_list_parent_class)->finalize (object);
}

static void
rpt_customer_list_class_init (RptCustomerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RptIdListClass *list_class = RPT_ID_LIST_CLASS (klass);

  object_class->get_property = rpt_customer_list_get_property;
  object_class->dispose = rpt_customer_list_dispose;
  object_class->finalize = rpt_customer_list_finalize;
  list_class->item_type = RPT_TYPE_CUSTOMER;
  list_class->load_item = rpt_customer_list_load_item;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rpt_customer_list_init (RptCustomerList *self)
{
  self->stage = -1;
}

RptCustomerList *
rpt_customer_list_new (RptCustomerStore *store)
{
  RptCustomerList *self;

  g_return_val_if_fail (RPT_IS_CUSTOMER_STORE (store), NULL);

  self = g_object_new (RPT_TYPE_CUSTOMER_LIST, NULL);
  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect (store, "customer-changed",
                                       G_CALLBACK (on_customer_changed), self);
  return self;
}

static GArray *
filter_order (const GArray    *order,
              const RptBitset *set)
{
  const guint32 *ids = (const guint32 *) order->data;
  GArray *view = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 256);

  for (guint i = 0; i < order->len; i++)
    if (rpt_bitset_has (set, ids[i]))
      g_array_append_val (view, ids[i]);
  return view;
}

gboolean
rpt_customer_list_refresh (RptCustomerList  *self,
                           GError          **error)
{
  g_autoptr(RptBitset) matches = NULL;
  g_autoptr(RptBitset) filtered = NULL;
  g_autoptr(GError) local_error = NULL;
  GArray *view;
  gboolean filtering;
  guint before = g_list_model_get_n_items (G_LIST_MODEL (self));

  g_return_val_if_fail (RPT_IS_CUSTOMER_LIST (self), FALSE);

  g_clear_error (&self->error);
  filtering = self->query != NULL || self->tag != NULL || self->owner != NULL || self->stage >= 0
              || self->group != NULL;
  if (filtering && self->partial)
    forget_order (self);   /* a search needs every card's place: read it now */
  if (self->order == NULL)
    self->order = filtering ? rpt_customer_store_ordered_ids (self->store, self->sort,
                                                              self->descending, self->archived,
                                                              &local_error)
                            : start_order (self, &local_error);
  if (self->order != NULL && self->query != NULL)
    matches = rpt_customer_store_match (self->store, self->query, &local_error);
  if (local_error == NULL)
    filtered = rpt_customer_store_filter (self->store, self->tag, self->stage, self->owner,
                                          &local_error);
  if (local_error != NULL)
    {
      self->error = g_error_copy (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (matches != NULL && filtered != NULL)
    rpt_bitset_intersect (matches, filtered);
  else if (filtered != NULL)
    matches = g_steal_pointer (&filtered);
  if (self->group != NULL && matches != NULL)
    rpt_bitset_intersect (matches, self->group);
  else if (self->group != NULL)
    {
      matches = rpt_bitset_new (self->group->n_bits);
      memcpy (matches->words, self->group->words, sizeof (guint64) * ((self->group->n_bits + 63) / 64 + 1));
    }

  /* The order array is kept for the next query; it is never changed in
   * place (a new order replaces it), so the list can share it. */
  view = matches != NULL ? filter_order (self->order, matches) : g_array_ref (self->order);
  rpt_id_list_set_ids (RPT_ID_LIST (self), view);
  if (before != g_list_model_get_n_items (G_LIST_MODEL (self)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

void
rpt_customer_list_set_group (RptCustomerList *self,
                             const GArray    *ids,
                             const char      *label)
{
  guint32 largest = 0;

  g_return_if_fail (RPT_IS_CUSTOMER_LIST (self));

  g_clear_pointer (&self->group, rpt_bitset_free);
  g_clear_pointer (&self->group_label, g_free);
  if (ids != NULL)
    {
      for (guint i = 0; i < ids->len; i++)
        largest = MAX (largest, (guint32) g_array_index (ids, gint64, i));
      self->group = rpt_bitset_new (largest + 1);
      for (guint i = 0; i < ids->len; i++)
        rpt_bitset_add (self->group, (guint32) g_array_index (ids, gint64, i));
      self->group_label = g_strdup (label);
    }
  rpt_customer_list_refresh (self, NULL);
}

const char *
rpt_customer_list_get_group_label (RptCustomerList *self)
{
  g_return_val_if_fail (RPT_IS_CUSTOMER_LIST (self), NULL);
  return self->group_label;
}

void
rpt_customer_list_set_search (RptCustomerList *self,
                              const char      *query)
{
  g_autofree char *stripped = g_strstrip (g_strdup (query ? query : ""));

  g_return_if_fail (RPT_IS_CUSTOMER_LIST (self));

  if (g_strcmp0 (self->query, *stripped ? stripped : NULL) == 0 && self->order != NULL)
    return;
  g_free (self->query);
  self->query = *stripped ? g_steal_pointer (&stripped) : NULL;
  rpt_customer_list_refresh (self, NULL);
}

void
rpt_customer_list_set_filters (RptCustomerList *self,
                               const char      *tag,
                               int              stage,
                               const char      *owner)
{
  g_return_if_fail (RPT_IS_CUSTOMER_LIST (self));

  g_free (self->tag);
  self->tag = tag && *tag ? g_strdup (tag) : NULL;
  g_free (self->owner);
  self->owner = owner && *owner ? g_strdup (owner) : NULL;
  self->stage = stage;
  rpt_customer_list_refresh (self, NULL);
}

void
rpt_customer_list_set_sort (RptCustomerList *self,
                            RptSortColumn    column,
                            gboolean         descending)
{
  g_return_if_fail (RPT_IS_CUSTOMER_LIST (self));

  if (self->sort == column && self->descending == !!descending && self->order != NULL)
    return;
  self->sort = column;
  self->descending = !!descending;
  forget_order (self);
  rpt_customer_list_refresh (self, NULL);
}

void
rpt_customer_list_set_archived (RptCustomerList *self,
                                gboolean         archived)
{
  g_return_if_fail (RPT_IS_CUSTOMER_LIST (self));

  if (self->archived == !!archived && self->order != NULL)
    return;
  self->archived = !!archived;
  forget_order (self);
  rpt_customer_list_refresh (self, NULL);
}

gboolean
rpt_customer_list_get_archived (RptCustomerList *self)
{
  return self->archived;
}

gboolean
rpt_customer_list_is_loading (RptCustomerList *self)
{
  return self->partial;
}

guint
rpt_customer_list_get_total (RptCustomerList *self)
{
  /* between a change and the refresh it queues, the store knows */
  return self->order ? self->order->len : rpt_customer_store_count (self->store, self->archived);
}

const GError *
rpt_customer_list_get_error (RptCustomerList *self)
{
  return self->error;
}
