/* rpt-id-list.h — a GListModel over an array of row ids, loading rows a page at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RPT_ID_LIST_PAGE_SIZE 64
#define RPT_ID_LIST_MAX_PAGES 48

#define RPT_TYPE_ID_LIST (rpt_id_list_get_type ())
G_DECLARE_DERIVABLE_TYPE (RptIdList, rpt_id_list, RPT, ID_LIST, GObject)

struct _RptIdListClass
{
  GObjectClass parent_class;

  GType     item_type;
  /* ID is 0 where the list knows the position but not yet the row */
  GObject *(*load_item) (RptIdList *self,
                         guint      position,
                         guint32    id);
};

void          rpt_id_list_set_ids    (RptIdList *self,
                                      GArray    *ids);
const GArray *rpt_id_list_get_ids    (RptIdList *self);
int           rpt_id_list_find       (RptIdList *self,
                                      guint32    id);
void          rpt_id_list_reload_id  (RptIdList *self,
                                      guint32    id);
void          rpt_id_list_drop_cache (RptIdList *self);
void          rpt_id_list_fill_ids   (RptIdList *self,
                                      GArray    *ids);

G_END_DECLS
