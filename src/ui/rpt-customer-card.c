/* rpt-customer-card.c
 *
 * The timeline can hold thousands of entries: it is a paged model, and the
 * card shows a slice of it that grows a page at a time on request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer-card"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-customer-card.h"
#include "rpt-ui-util.h"
#include "rpt-format.h"
#include "rpt-names.h"
#include "rpt-timeline-list.h"
#include "rpt-timeline-row.h"

struct _RptCustomerCard
{
  GtkWidget          parent_instance;

  RptCustomerStore  *store;
  RptCustomer       *customer;
  RptTimelineList   *timeline;
  GtkSliceListModel *slice;
  char              *currency;
  gulong             changed_id;
  gulong             timeline_changed_id;

  GtkScrolledWindow *scroller;
  AdwAvatar         *avatar;
  GtkLabel          *name_label;
  GtkLabel          *subtitle_label;
  GtkFlowBox        *badges;
  GtkListBox        *contact_list;
  GtkListBox        *about_list;
  GtkLabel          *timeline_count;
  GtkListBox        *timeline_list;
  GtkLabel          *timeline_empty;
  GtkButton         *more_button;
};

G_DEFINE_FINAL_TYPE (RptCustomerCard, rpt_customer_card, GTK_TYPE_WIDGET)

static void
clear_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static GtkWidget *
add_row (GtkListBox *box,
         const char *title,
         const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_autofree char *shown = rpt_text_clip (value, RPT_LABEL_MAX_CHARS);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 8);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (box, row);
  return row;
}

static void
add_badge (RptCustomerCard *self,
           const char      *text,
           const char      *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_halign (label, GTK_ALIGN_START);  /* a pill as wide as its words */
  gtk_widget_add_css_class (label, "stage-pill");
  gtk_widget_add_css_class (label, "caption");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_flow_box_append (self->badges, label);
}

static void
fill_header (RptCustomerCard *self)
{
  static const char *const stage_classes[] = { "stage-contact", "stage-relationship",
                                               "stage-intimacy", "stage-trust" };
  RptCustomer *c = self->customer;
  const char *name = rpt_customer_get_display_name (c);
  g_autofree char *job = NULL;
  g_autofree char *org = NULL;
  g_autofree char *subtitle = NULL;
  gboolean dnc;
  RptStage stage = rpt_customer_get_stage (c);

  g_object_get (c, "job-title", &job, "organisation-name", &org, "do-not-contact", &dnc, NULL);
  g_autofree char *shown = rpt_text_clip (name, RPT_LABEL_MAX_CHARS);

  gtk_label_set_text (self->name_label, *name ? shown : _("Unnamed"));
  adw_avatar_set_text (self->avatar, name);
  if (rpt_customer_get_kind (c) == RPT_CUSTOMER_ORGANISATION)
    subtitle = g_strdup (_("Organisation"));
  else if (*job && *org)
    /* Translators: a job title at an organisation */
    subtitle = g_strdup_printf (_("%s at %s"), job, org);
  else
    subtitle = g_strdup (*job ? job : org);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *subtitle != '\0');

  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->badges))) != NULL;)
    gtk_flow_box_remove (self->badges, child);
  add_badge (self, rpt_stage_to_string (stage), stage < 4 ? stage_classes[stage] : NULL);
  if (rpt_customer_get_archived (c))
    add_badge (self, _("Archived"), "badge-warning");
  if (dnc)
    add_badge (self, _("Do not contact"), "badge-error");
  if (rpt_customer_count_flagged (c) > 0)
    add_badge (self, _("Check contact details"), "badge-warning");
  if (rpt_customer_store_count_open_complaints (self->store, rpt_customer_get_id (c)) > 0)
    add_badge (self, _("Open complaint"), "badge-error");
}

static void
fill_contacts (RptCustomerCard *self)
{
  GPtrArray *points = rpt_customer_get_contact_points (self->customer);
  RptDatabase *db = rpt_customer_store_get_database (self->store);
  g_autofree char *home = rpt_database_get_setting (db, "business_country");
  g_autofree char *address = rpt_customer_dup_address (self->customer, home);

  clear_box (self->contact_list);
  for (guint i = 0; i < points->len; i++)
    {
      RptContactPoint *p = g_ptr_array_index (points, i);
      const char *title = p->kind == RPT_CONTACT_EMAIL ? _("Email") : _("Phone");
      g_autofree char *label = *p->label ? g_strdup_printf ("%s · %s", title, p->label) : g_strdup (title);
      GtkWidget *row = add_row (self->contact_list, label, p->value);

      if (!rpt_contact_point_is_plausible (p))
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          const char *why = p->kind == RPT_CONTACT_EMAIL
                            ? _("This does not look like an e-mail address; it is kept as typed.")
                            : _("This does not look like a phone number; it is kept as typed.");
          gtk_widget_set_tooltip_text (icon, why);
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, why, -1);
          gtk_widget_add_css_class (icon, "warning");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
    }
  add_row (self->contact_list, _("Address"), *address ? address : _("No address"));
}

static void
add_about_rows (RptCustomerCard *self)
{
  RptCustomer *c = self->customer;
  g_autofree char *language = NULL, *industry = NULL, *owner = NULL, *referred = NULL;
  g_autofree char *notes = NULL, *last = NULL, *created = NULL;
  int channel, frequency, size;
  gboolean consent;
  gint64 spend;

  g_object_get (c, "language", &language, "industry", &industry, "owner", &owner,
                "referred-by-name", &referred, "notes", &notes, "last-contact", &last,
                "created", &created, "channel", &channel, "frequency-days", &frequency,
                "size-band", &size, "consent", &consent, "spend", &spend, NULL);
  add_row (self->about_list, _("Language"), *language ? rpt_language_name (language)
                                                      : _("Same as the business"));
  add_row (self->about_list, _("Preferred channel"), rpt_channel_to_string (channel));
  if (frequency > 0)
    {
      g_autofree char *every = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d day",
                                                             "Every %d days", frequency), frequency);
      add_row (self->about_list, _("Contact rhythm"), every);
    }
  add_row (self->about_list, _("Consent to be contacted"), consent ? _("Yes") : _("No"));
  if (*owner)
    add_row (self->about_list, _("Owner"), owner);
  if (*industry || size > 0)
    {
      g_autofree char *both = g_strdup_printf ("%s%s%s", industry, *industry && size ? " · " : "",
                                               size ? rpt_size_band_to_string (size) : "");
      add_row (self->about_list, _("Industry and size"), both);
    }
  if (*referred)
    add_row (self->about_list, _("Referred by"), referred);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *money = rpt_format_money (spend, self->currency);
    g_autofree char *since = rpt_format_date (created);
    g_autofree char *contact = rpt_format_relative (last, now);
    add_row (self->about_list, _("Lifetime spend"), money);
    add_row (self->about_list, _("Last contact"), contact);
    add_row (self->about_list, _("Customer since"), since);
  }
  if (*notes)
    add_row (self->about_list, _("Notes"), notes);
}

static void
add_tag_row (RptCustomerCard *self)
{
  GPtrArray *tags = rpt_customer_get_tags (self->customer);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < tags->len; i++)
    {
      RptTagNote *t = g_ptr_array_index (tags, i);
      g_autofree char *date = rpt_format_date (t->noted_on);
      if (text->len > 0)
        g_string_append (text, "\n");
      /* Translators: a tag and the date it was noted */
      g_string_append_printf (text, _("%s (since %s)"), t->name, date);
    }
  if (text->len > 0)
    add_row (self->about_list, _("Tags and interests"), text->str);
  g_string_free (text, TRUE);
}

static void
update_timeline_state (RptCustomerCard *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->timeline));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries",
                                                         total), total);

  gtk_label_set_text (self->timeline_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_empty), total == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_list), total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button),
                          total > gtk_slice_list_model_get_size (self->slice));
}

static GtkWidget *
create_entry_row (gpointer item,
                  gpointer user_data)
{
  RptCustomerCard *self = user_data;

  return rpt_timeline_row_new (item, self->currency);
}

static void
on_more_clicked (RptCustomerCard *self)
{
  gtk_slice_list_model_set_size (self->slice,
                                 gtk_slice_list_model_get_size (self->slice) + RPT_CARD_PAGE_SIZE);
  update_timeline_state (self);
}

static void
fill_timeline (RptCustomerCard *self)
{
  g_clear_object (&self->slice);
  g_clear_object (&self->timeline);
  self->timeline = rpt_timeline_list_new (self->store, rpt_customer_get_id (self->customer));
  self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->timeline)), 0,
                                          RPT_CARD_FIRST_ENTRIES);
  g_signal_connect_swapped (self->timeline, "items-changed", G_CALLBACK (update_timeline_state), self);
  gtk_list_box_bind_model (self->timeline_list, G_LIST_MODEL (self->slice), create_entry_row, self,
                           NULL);
  update_timeline_state (self);
}

static void
reload (RptCustomerCard *self,
        gint64           id,
        gboolean         new_customer)
{
  g_autoptr(GError) error = NULL;
  RptCustomer *customer = rpt_customer_store_load (self->store, id, &error);

  if (customer == NULL)
    {
      g_warning ("Cannot load customer %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }
  g_set_object (&self->customer, customer);
  g_object_unref (customer);
  g_free (self->currency);
  self->currency = rpt_customer_store_dup_currency (self->store);
  fill_header (self);
  fill_contacts (self);
  clear_box (self->about_list);
  add_about_rows (self);
  add_tag_row (self);
  if (new_customer)
    {
      fill_timeline (self);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
}

static void
on_customer_changed (RptCustomerStore *store,
                     gint64            id,
                     RptCustomerCard  *self)
{
  if (self->customer != NULL && (id == 0 || id == rpt_customer_get_id (self->customer)))
    reload (self, rpt_customer_get_id (self->customer), FALSE);
}

void
rpt_customer_card_set_customer (RptCustomerCard  *self,
                                RptCustomerStore *store,
                                gint64            id)
{
  g_return_if_fail (RPT_IS_CUSTOMER_CARD (self));

  if (self->store != store)
    {
      if (self->store != NULL)
        {
          g_clear_signal_handler (&self->changed_id, self->store);
          g_clear_signal_handler (&self->timeline_changed_id, self->store);
        }
      g_set_object (&self->store, store);
      self->changed_id = g_signal_connect (store, "customer-changed",
                                           G_CALLBACK (on_customer_changed), self);
      /* the badges (open complaint, overdue) follow the timeline */
      self->timeline_changed_id = g_signal_connect (store, "timeline-changed",
                                                    G_CALLBACK (on_customer_changed), self);
    }
  reload (self, id, TRUE);
}

RptCustomer *
rpt_customer_card_get_customer (RptCustomerCard *self)
{
  return self->customer;
}

static void
rpt_customer_card_dispose (GObject *object)
{
  RptCustomerCard *self = RPT_CUSTOMER_CARD (object);

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->store);
      g_clear_signal_handler (&self->timeline_changed_id, self->store);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), RPT_TYPE_CUSTOMER_CARD);
  rpt_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->slice);
  g_clear_object (&self->timeline);
  g_clear_object (&self->customer);
  g_clear_object (&self->store);
  g_clear_pointer (&self->currency, g_free);
  G_OBJECT_CLASS (rpt_customer_card_parent_class)->dispose (object);
}

static void
rpt_customer_card_class_init (RptCustomerCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rpt_customer_card_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/rpt-customer-card.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RptCustomerCard, name)
  CHILD (scroller);
  CHILD (avatar);
  CHILD (name_label);
  CHILD (subtitle_label);
  CHILD (badges);
  CHILD (contact_list);
  CHILD (about_list);
  CHILD (timeline_count);
  CHILD (timeline_list);
  CHILD (timeline_empty);
  CHILD (more_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked);
}

static void
rpt_customer_card_init (RptCustomerCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
