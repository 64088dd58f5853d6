/* rpt-customer-picker.c
 *
 * A menu button whose popover searches the cards as the user types (the
 * same index as the customer list) and emits "picked" with the chosen id,
 * or 0 when the user clears the link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-customer-picker.h"

#define PICKER_RESULTS 8

struct _RptCustomerPicker
{
  GtkWidget         parent_instance;

  RptCustomerStore *store;
  RptCustomerKind   kind;
  gint64            exclude_id;

  GtkMenuButton    *button;
  GtkSearchEntry   *entry;
  GtkListBox       *results;
  GtkLabel         *hint;
};

G_DEFINE_FINAL_TYPE (RptCustomerPicker, rpt_customer_picker, GTK_TYPE_WIDGET)

enum { PICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
pick (RptCustomerPicker *self,
      gint64             id,
      const char        *name)
{
  gtk_menu_button_popdown (self->button);
  g_signal_emit (self, signals[PICKED], 0, id, name);
}

static void
on_row_activated (RptCustomerPicker *self,
                  GtkListBoxRow     *row)
{
  pick (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id")),
        g_object_get_data (G_OBJECT (row), "name"));
}

static void
on_clear (RptCustomerPicker *self)
{
  pick (self, 0, "");
}

static void
on_search_changed (RptCustomerPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GPtrArray) found = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  if (*text == '\0')
    {
      gtk_label_set_text (self->hint, _("Type part of a name"));
      gtk_widget_set_visible (GTK_WIDGET (self->hint), TRUE);
      return;
    }
  found = rpt_customer_store_find_by_name (self->store, text, self->kind, PICKER_RESULTS + 1);
  for (guint i = 0; i < found->len; i++)
    {
      RptCustomer *c = g_ptr_array_index (found, i);
      GtkWidget *row, *label;

      if (rpt_customer_get_id (c) == self->exclude_id)
        continue;
      label = gtk_label_new (rpt_customer_get_display_name (c));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER ((gsize) rpt_customer_get_id (c)));
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (rpt_customer_get_display_name (c)), g_free);
      gtk_list_box_append (self->results, row);
    }
  gtk_label_set_text (self->hint, _("No matching cards"));
  gtk_widget_set_visible (GTK_WIDGET (self->hint),
                          gtk_widget_get_first_child (GTK_WIDGET (self->results)) == NULL);
}

static void
on_activate (RptCustomerPicker *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (first != NULL)
    on_row_activated (self, first);
}

static void
rpt_customer_picker_dispose (GObject *object)
{
  RptCustomerPicker *self = RPT_CUSTOMER_PICKER (object);

  g_clear_pointer ((GtkWidget **) &self->button, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rpt_customer_picker_parent_class)->dispose (object);
}

static void
rpt_customer_picker_class_init (RptCustomerPickerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rpt_customer_picker_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
}

static void
rpt_customer_picker_init (RptCustomerPicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Remove Link"));

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find a card"), -1);
  self->results = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_activate_on_single_click (self->results, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->results), "navigation-sidebar");
  self->hint = GTK_LABEL (gtk_label_new (_("Type part of a name")));
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->results));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_widget_set_size_request (box, 280, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hint));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), clear);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), NULL);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "edit-find-symbolic");
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose a card"));
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->results, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (on_clear), self);
}

GtkWidget *
rpt_customer_picker_new (RptCustomerStore *store,
                         RptCustomerKind   kind,
                         gint64            exclude_id)
{
  RptCustomerPicker *self = g_object_new (RPT_TYPE_CUSTOMER_PICKER, NULL);

  self->store = g_object_ref (store);
  self->kind = kind;
  self->exclude_id = exclude_id;
  return GTK_WIDGET (self);
}
