/* kill-writer.c — writes cards one transaction at a time until killed,
 * printing each committed id, for test-kill
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "rpt-customer-store.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(RptCustomerStore) store = NULL;

  if (argc != 2)
    return 2;
  db = rpt_database_open (argv[1], RPT_DATABASE_CREATE | RPT_DATABASE_NO_BACKUP, &error);
  if (db == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  store = rpt_customer_store_new (db);
  for (guint i = 0;; i++)
    {
      g_autoptr(RptCustomer) c = rpt_customer_new (RPT_CUSTOMER_PERSON);
      g_autoptr(RptTimelineEntry) e = rpt_timeline_entry_new (RPT_ENTRY_PURCHASE);
      g_autofree char *name = g_strdup_printf ("Writer %u", i);

      g_object_set (c, "given-name", name, "family-name", "王", NULL);
      if (!rpt_customer_store_save (store, c, &error))
        return 1;
      g_object_set (e, "customer-id", rpt_customer_get_id (c), "amount", (gint64) 100, NULL);
      if (!rpt_customer_store_add_entry (store, e, &error))
        return 1;
      /* only after COMMIT returned: this id must survive anything */
      printf ("%" G_GINT64_FORMAT "\n", rpt_customer_get_id (c));
      fflush (stdout);
    }
}
