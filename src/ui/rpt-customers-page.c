/* rpt-customers-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-customer-card.h"
#include "rpt-customer-row.h"
#include "rpt-customers-page.h"
#include "rpt-ui-util.h"

static const char *const sort_keys[RPT_N_SORTS] = {
  "name", "locality", "stage", "last-contact", "spend", "created"
};

struct _RptCustomersPage
{
  GtkWidget           parent_instance;

  RptCustomerStore   *store;
  RptCustomerList    *list;
  GtkMultiSelection  *selection;
  RptCustomer        *selected;   /* the one card selected, or NULL */
  GSettings          *settings;
  GtkStringList      *tags;
  GtkStringList      *owners;

  AdwLeaflet         *leaflet;
  GtkToggleButton    *flap_button;
  AdwWindowTitle     *list_title;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkDropDown        *stage_dropdown;
  GtkDropDown        *tag_dropdown;
  GtkDropDown        *owner_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkCheckButton     *descending_check;
  GtkStack           *list_stack;
  GtkGridView        *list_view;  /* one column: it keeps ~30 rows alive where a list view keeps 200 */
  AdwStatusPage      *empty_page;
  GtkRevealer        *group_revealer;
  GtkLabel           *group_label;
  AdwWindowTitle     *card_title;
  GtkStack           *card_stack;
  AdwStatusPage      *many_page;
  RptCustomerCard    *card;
  gint64              keep_id;  /* the card to show again when the list changes under it */
  gboolean            loading;
};

G_DEFINE_FINAL_TYPE (RptCustomersPage, rpt_customers_page, GTK_TYPE_WIDGET)

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The position of the only selected customer; none when none or several are. */
static guint
selected_position (RptCustomersPage *self)
{
  g_autoptr(GtkBitset) set = NULL;

  if (self->selection == NULL)
    return GTK_INVALID_LIST_POSITION;
  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return gtk_bitset_get_size (set) == 1 ? gtk_bitset_get_nth (set, 0) : GTK_INVALID_LIST_POSITION;
}

static guint64
n_selected (RptCustomersPage *self)
{
  g_autoptr(GtkBitset) set = NULL;

  if (self->selection == NULL)
    return 0;
  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return gtk_bitset_get_size (set);
}

/* Selects POSITION alone (none for GTK_INVALID_LIST_POSITION). */
static void
select_only (RptCustomersPage *self,
             guint             position)
{
  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

static void update_counts (RptCustomersPage *self);

void
rpt_customers_page_show_group (RptCustomersPage *self,
                               const GArray     *ids,
                               const char       *label)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RPT_IS_CUSTOMERS_PAGE (self));

  rpt_customer_list_set_group (self->list, ids, label);
  if (ids != NULL)
    {
      /* Translators: the customer list shows one group only, e.g. "Only: Champions" */
      text = g_strdup_printf (_("Only: %s"), label);
      gtk_label_set_text (self->group_label, text);
    }
  gtk_revealer_set_reveal_child (self->group_revealer, ids != NULL);
  update_counts (self);
}

static void
on_group_clear (RptCustomersPage *self)
{
  rpt_customers_page_show_group (self, NULL, NULL);
}

static void
update_counts (RptCustomersPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  guint total = rpt_customer_list_get_total (self->list);
  g_autofree char *subtitle = NULL;
  gboolean archived = rpt_customer_list_get_archived (self->list);

  if (shown == total)
    subtitle = g_strdup_printf (archived ? g_dngettext (GETTEXT_PACKAGE, "%u archived", "%u archived", total)
                                         : g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", total),
                                total);
  else
    /* Translators: shown while searching: "12 of 300" */
    subtitle = g_strdup_printf (_("%u of %u"), shown, total);
  adw_window_title_set_subtitle (self->list_title, subtitle);
  adw_window_title_set_title (self->list_title, archived ? _("Archive") : _("Customers"));

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    {
      gboolean filtering = total > 0;
      adw_status_page_set_icon_name (self->empty_page, filtering ? "edit-find-symbolic"
                                                                 : "system-users-symbolic");
      adw_status_page_set_title (self->empty_page, filtering ? _("No Matching Customers")
                                 : archived ? _("Nothing Archived") : _("No Customers Yet"));
      adw_status_page_set_description (self->empty_page,
                                       filtering ? _("Try fewer letters, or clear the filters.")
                                       : archived ? _("Archived cards are kept here and can be restored.")
                                       : _("Add your first customer with the + button or Ctrl+N."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
}

static void
show_selected (RptCustomersPage *self)
{
  RptCustomer *customer = rpt_customers_page_get_selected (self);
  guint64 n = n_selected (self);

  if (n > 1)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Customer Selected",
                                                             "%u Customers Selected", (gulong) n), (guint) n);

      adw_status_page_set_title (self->many_page, title);
      gtk_stack_set_visible_child_name (self->card_stack, "many");
      adw_window_title_set_title (self->card_title, "");
    }
  else if (customer == NULL || rpt_customer_get_id (customer) == 0)
    {
      gtk_stack_set_visible_child_name (self->card_stack, "none");
      adw_window_title_set_title (self->card_title, "");
    }
  else
    {
      const char *name = rpt_customer_get_display_name (customer);
      rpt_customer_card_set_customer (self->card, self->store, rpt_customer_get_id (customer));
      g_autofree char *shown = rpt_text_clip (name, RPT_LABEL_MAX_CHARS);

      adw_window_title_set_title (self->card_title, *name ? shown : _("Unnamed"));
      gtk_stack_set_visible_child_name (self->card_stack, "card");
    }
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* A card that is saved, filtered out and back in, or archived and restored
 * stays the open card whenever it is in the list. */
static gboolean
reselect_kept (RptCustomersPage *self)
{
  int pos;

  if (self->keep_id <= 0 || n_selected (self) > 0)
    return FALSE;
  pos = rpt_id_list_find (RPT_ID_LIST (self->list), (guint32) self->keep_id);
  if (pos < 0)
    return FALSE;
  select_only (self, pos);
  return TRUE;
}

static void
on_selection_changed (RptCustomersPage *self)
{
  RptCustomer *customer = rpt_customers_page_get_selected (self);

  if (customer != NULL)
    self->keep_id = rpt_customer_get_id (customer);
  else if (n_selected (self) == 0 && reselect_kept (self))
    return;
  show_selected (self);
}

static void
on_items_changed (RptCustomersPage *self)
{
  reselect_kept (self);
  update_counts (self);
}

static void
on_list_activate (RptCustomersPage *self,
                  guint             position)
{
  select_only (self, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "card");
}

static void
on_back_clicked (RptCustomersPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_folded_changed (RptCustomersPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* one pane at a time (a phone): a tap opens the card, as on a phone */
  gtk_grid_view_set_single_click_activate (self->list_view, folded);
  if (folded)
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
on_search_changed (RptCustomersPage *self)
{
  if (self->list == NULL)
    return;
  rpt_customer_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  /* the open card stays in sight as the list changes around it */
  if (selected_position (self) != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                selected_position (self));
}

static void
on_search_activate (RptCustomersPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;
  select_only (self, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_stop_search (RptCustomersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static const char *
selected_string (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  /* the first entry of every filter is "Any" */
  if (item == NULL || gtk_drop_down_get_selected (dropdown) == 0)
    return NULL;
  return gtk_string_object_get_string (item);
}

static void
on_filters_changed (RptCustomersPage *self)
{
  guint stage = gtk_drop_down_get_selected (self->stage_dropdown);

  if (self->list == NULL || self->loading)
    return;
  rpt_customer_list_set_filters (self->list, selected_string (self->tag_dropdown),
                                 stage == 0 || stage == GTK_INVALID_LIST_POSITION ? -1 : (int) stage - 1,
                                 selected_string (self->owner_dropdown));
}

static void
on_sort_changed (RptCustomersPage *self)
{
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);
  gboolean descending = gtk_check_button_get_active (self->descending_check);

  if (self->list == NULL || self->loading || sort >= RPT_N_SORTS)
    return;
  rpt_customer_list_set_sort (self->list, sort, descending);
  g_settings_set_string (self->settings, "sort-column", sort_keys[sort]);
  g_settings_set_boolean (self->settings, "sort-descending", descending);
}

static void
on_clear_filters (RptCustomersPage *self)
{
  self->loading = TRUE;
  gtk_drop_down_set_selected (self->stage_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
  self->loading = FALSE;
  on_filters_changed (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, GTK_WIDGET (rpt_customer_row_new ()));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  rpt_customer_row_set_customer (RPT_CUSTOMER_ROW (gtk_list_item_get_child (item)),
                                 gtk_list_item_get_item (item));
}

static void
fill_string_list (GtkStringList  *list,
                  const char     *any,
                  char          **items)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  gtk_string_list_splice (list, 0, n, NULL);
  gtk_string_list_append (list, any);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    gtk_string_list_append (list, items[i]);
}

static void
reload_choices (RptCustomersPage *self)
{
  g_auto(GStrv) tags = rpt_customer_store_list_tags (self->store);
  g_auto(GStrv) owners = rpt_customer_store_list_staff (self->store);
  g_autofree char *tag = g_strdup (selected_string (self->tag_dropdown));
  g_autofree char *owner = g_strdup (selected_string (self->owner_dropdown));

  self->loading = TRUE;
  fill_string_list (self->tags, _("Any tag"), tags);
  fill_string_list (self->owners, _("Anyone"), owners);
  for (guint i = 1; tag && tags[i - 1]; i++)
    if (g_str_equal (tags[i - 1], tag))
      gtk_drop_down_set_selected (self->tag_dropdown, i);
  for (guint i = 1; owner && owners[i - 1]; i++)
    if (g_str_equal (owners[i - 1], owner))
      gtk_drop_down_set_selected (self->owner_dropdown, i);
  self->loading = FALSE;
}

static void
on_store_changed (RptCustomersPage *self)
{
  reload_choices (self);
}

static guint
sort_from_settings (GSettings *settings)
{
  g_autofree char *key = g_settings_get_string (settings, "sort-column");

  for (guint i = 0; i < RPT_N_SORTS; i++)
    if (g_str_equal (key, sort_keys[i]))
      return i;
  return RPT_SORT_NAME;
}

void
rpt_customers_page_set_store (RptCustomersPage *self,
                              RptCustomerStore *store,
                              GSettings        *settings)
{
  g_autoptr(GError) error = NULL;
  guint sort = sort_from_settings (settings);
  gboolean descending = g_settings_get_boolean (settings, "sort-descending");

  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->list = rpt_customer_list_new (store);
  self->loading = TRUE;
  gtk_drop_down_set_selected (self->sort_dropdown, sort);
  gtk_check_button_set_active (self->descending_check, descending);
  self->loading = FALSE;
  rpt_customer_list_set_sort (self->list, sort, descending);
  /* no card is open until the user picks one: a selection made by the
   * model alone would send Edit and Log to a card nobody chose; several
   * picked with Ctrl or Shift are the recipients of a letter */
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->list, "items-changed", G_CALLBACK (on_items_changed), self);
  g_signal_connect_object (store, "customer-changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  reload_choices (self);
  update_counts (self);
  if (rpt_customer_list_get_error (self->list) != NULL)
    g_warning ("Customer list: %s", rpt_customer_list_get_error (self->list)->message);
}

RptCustomer *
rpt_customers_page_get_selected (RptCustomersPage *self)
{
  guint position = selected_position (self);
  RptCustomer *item = NULL;

  if (position != GTK_INVALID_LIST_POSITION)
    item = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  /* kept, so that what is returned stays valid while it is selected */
  if (item != self->selected)
    g_set_object (&self->selected, item);
  g_clear_object (&item);
  return self->selected;
}

void
rpt_customers_page_select_id (RptCustomersPage *self,
                              gint64            id)
{
  int pos;

  /* a new card is found after the list catches up with the store */
  rpt_customer_list_refresh (self->list, NULL);
  pos = rpt_id_list_find (RPT_ID_LIST (self->list), (guint32) id);
  if (pos < 0)
    return;
  select_only (self, pos);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) pos);
  show_selected (self);
}

void
rpt_customers_page_focus_search (RptCustomersPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
rpt_customers_page_set_show_archived (RptCustomersPage *self,
                                      gboolean          archived)
{
  self->keep_id = 0;
  rpt_customer_list_set_archived (self->list, archived);
  select_only (self, GTK_INVALID_LIST_POSITION);
  update_counts (self);
}

/* The ids of the selected customers, in list order. */
GArray *
rpt_customers_page_dup_selected_ids (RptCustomersPage *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkBitset) set = NULL;
  const GArray *all;
  GtkBitsetIter iter;
  guint position;

  if (self->selection == NULL)
    return ids;
  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  all = rpt_id_list_get_ids (RPT_ID_LIST (self->list));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, set, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    if (all != NULL && position < all->len && g_array_index (all, guint32, position) != 0)
      {
        gint64 id = g_array_index (all, guint32, position);

        g_array_append_val (ids, id);
      }
  return ids;
}

RptCustomerList *
rpt_customers_page_get_list (RptCustomersPage *self)
{
  return self->list;
}

GtkToggleButton *
rpt_customers_page_get_flap_button (RptCustomersPage *self)
{
  return self->flap_button;
}

static void
rpt_customers_page_dispose (GObject *object)
{
  RptCustomersPage *self = RPT_CUSTOMERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RPT_TYPE_CUSTOMERS_PAGE);
  rpt_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->selected);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->tags);
  g_clear_object (&self->owners);
  G_OBJECT_CLASS (rpt_customers_page_parent_class)->dispose (object);
}

static void
rpt_customers_page_class_init (RptCustomersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rpt_customers_page_dispose;
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);

  g_type_ensure (RPT_TYPE_CUSTOMER_CARD);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/rpt-customers-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RptCustomersPage, name)
  CHILD (many_page);
  CHILD (leaflet);
  CHILD (flap_button);
  CHILD (list_title);
  CHILD (group_revealer);
  CHILD (group_label);
  CHILD (search_entry);
  CHILD (filter_button);
  CHILD (stage_dropdown);
  CHILD (tag_dropdown);
  CHILD (owner_dropdown);
  CHILD (sort_dropdown);
  CHILD (descending_check);
  CHILD (list_stack);
  CHILD (list_view);
  CHILD (empty_page);
  CHILD (card_title);
  CHILD (card_stack);
  CHILD (card);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters);
  gtk_widget_class_bind_template_callback (widget_class, on_group_clear);
}

static void
rpt_customers_page_init (RptCustomersPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sorts = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);

  self->loading = TRUE;
  gtk_string_list_append (stages, _("Any stage"));
  for (int i = 0; i < RPT_N_STAGES; i++)
    gtk_string_list_append (stages, rpt_stage_to_string (i));
  gtk_drop_down_set_model (self->stage_dropdown, G_LIST_MODEL (stages));
  gtk_string_list_append (sorts, _("Name"));
  gtk_string_list_append (sorts, _("Place"));
  gtk_string_list_append (sorts, _("Stage"));
  gtk_string_list_append (sorts, _("Last contact"));
  gtk_string_list_append (sorts, _("Spend"));
  gtk_string_list_append (sorts, _("Date added"));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));
  self->tags = gtk_string_list_new (NULL);
  self->owners = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tags));
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (self->owners));
  {
    g_autoptr(GtkExpression) expr = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (self->tag_dropdown, expr);
  }
  self->loading = FALSE;
}
