/* rpt-customer-row.c
 *
 * Rows are recycled by the list view: a row is built once and only its
 * labels change as it scrolls through a million cards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-customer-row.h"
#include "rpt-ui-util.h"

struct _RptCustomerRow
{
  GtkWidget  parent_instance;

  AdwAvatar *avatar;
  GtkLabel  *name;
  GtkLabel  *detail;
  GtkLabel  *stage;
};

G_DEFINE_FINAL_TYPE (RptCustomerRow, rpt_customer_row, GTK_TYPE_WIDGET)

static void
rpt_customer_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RPT_TYPE_CUSTOMER_ROW);
  rpt_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (rpt_customer_row_parent_class)->dispose (object);
}

static void
rpt_customer_row_class_init (RptCustomerRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rpt_customer_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/rpt-customer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RptCustomerRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, RptCustomerRow, name);
  gtk_widget_class_bind_template_child (widget_class, RptCustomerRow, detail);
  gtk_widget_class_bind_template_child (widget_class, RptCustomerRow, stage);
}

static void
rpt_customer_row_init (RptCustomerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RptCustomerRow *
rpt_customer_row_new (void)
{
  return g_object_new (RPT_TYPE_CUSTOMER_ROW, NULL);
}

static char *
detail_text (RptCustomer *customer)
{
  g_autofree char *locality = NULL;
  g_autofree char *email = NULL;
  g_autofree char *org = NULL;

  g_object_get (customer, "locality", &locality, "email", &email, "organisation-name", &org, NULL);
  if (org && *org && locality && *locality)
    return g_strdup_printf ("%s · %s", org, locality);
  if (locality && *locality && email && *email)
    return g_strdup_printf ("%s · %s", locality, email);
  if (org && *org)
    return g_steal_pointer (&org);
  if (locality && *locality)
    return g_steal_pointer (&locality);
  return g_steal_pointer (&email);
}

void
rpt_customer_row_set_customer (RptCustomerRow *self,
                               RptCustomer    *customer)
{
  static const char *const stage_classes[] = { "stage-contact", "stage-relationship",
                                               "stage-intimacy", "stage-trust" };
  const char *name = rpt_customer_get_display_name (customer);
  g_autofree char *detail = detail_text (customer);
  RptStage stage = rpt_customer_get_stage (customer);

  gtk_label_set_text (self->name, *name ? name : _("Unnamed"));
  gtk_label_set_text (self->detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), detail != NULL && *detail != '\0');
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->stage, rpt_stage_to_string (stage));
  for (guint i = 0; i < G_N_ELEMENTS (stage_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->stage), stage_classes[i]);
  if (stage < G_N_ELEMENTS (stage_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->stage), stage_classes[stage]);
}
