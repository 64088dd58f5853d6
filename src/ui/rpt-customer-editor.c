/* rpt-customer-editor.c
 *
 * The editor works on a copy of the card and writes it in one transaction
 * when the user saves. Contact values that look wrong are kept and marked,
 * never refused; a save that fails (read-only or vanished file, full disk)
 * leaves the window open with everything typed still in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-customer-editor.h"
#include "rpt-customer-picker.h"
#include "rpt-format.h"
#include "rpt-names.h"
#include "rpt-ui-util.h"
#include "rpt-window.h"

struct _RptCustomerEditor
{
  AdwWindow         parent_instance;

  RptCustomerStore *store;
  RptCustomer      *customer;     /* the working copy */
  char             *home_country; /* the business's, for the envelope */
  GPtrArray        *contact_rows; /* AdwEntryRow, in order */
  GPtrArray        *tag_rows;     /* AdwActionRow, in order */
  gint64            organisation_id;
  gint64            referred_by;
  gboolean          dirty;
  gboolean          loading;

  AdwToastOverlay  *toasts;
  GtkButton        *save_button;
  AdwComboRow      *kind_row;
  AdwEntryRow      *given_row;
  AdwEntryRow      *family_row;
  AdwComboRow      *order_row;
  AdwEntryRow      *org_row;
  AdwEntryRow      *job_row;
  AdwActionRow     *works_at_row;
  AdwPreferencesGroup *contact_group;
  AdwEntryRow      *street_row;
  AdwEntryRow      *postal_row;
  AdwEntryRow      *locality_row;
  AdwEntryRow      *region_row;
  AdwComboRow      *country_row;
  AdwActionRow     *envelope_row;
  AdwComboRow      *language_row;
  AdwComboRow      *channel_row;
  GtkSpinButton    *frequency_spin;
  GtkSwitch        *consent_switch;
  GtkSwitch        *dnc_switch;
  AdwComboRow      *stage_row;
  AdwEntryRow      *owner_row;
  AdwActionRow     *referred_row;
  AdwEntryRow      *industry_row;
  AdwComboRow      *size_row;
  AdwPreferencesGroup *tags_group;
  AdwEntryRow      *tag_row;
  GtkTextView      *notes_view;
};

G_DEFINE_FINAL_TYPE (RptCustomerEditor, rpt_customer_editor, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void store_customer (RptCustomerEditor *self);

/* The address as the post of its country expects it, from what is typed now */
static void
update_envelope (RptCustomerEditor *self)
{
  g_autofree char *address = NULL;

  store_customer (self);
  address = rpt_customer_dup_address (self->customer, self->home_country);
  adw_action_row_set_subtitle (self->envelope_row, *address ? address : _("No address yet"));
}

static void
mark_dirty (RptCustomerEditor *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  update_envelope (self);
}

static void
toast (RptCustomerEditor *self,
       const char        *text)
{
  rpt_toast_overlay_show (self->toasts, text);
}

/* Contact points */

static void
update_contact_flag (AdwEntryRow *row)
{
  RptContactKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind"));
  GtkWidget *flag = g_object_get_data (G_OBJECT (row), "flag");
  const char *value = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean plausible = *value == '\0'
                       || (kind == RPT_CONTACT_EMAIL ? rpt_email_is_plausible (value)
                                                     : rpt_phone_is_plausible (value));

  gtk_widget_set_visible (flag, !plausible);
  if (plausible)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "warning");
}

static void
on_contact_changed (RptCustomerEditor *self,
                    GtkEditable       *row)
{
  update_contact_flag (ADW_ENTRY_ROW (row));
  mark_dirty (self);
}

static void
on_remove_contact (GtkButton *button,
                   AdwEntryRow *row)
{
  RptCustomerEditor *self = RPT_CUSTOMER_EDITOR (gtk_widget_get_root (GTK_WIDGET (row)));

  g_ptr_array_remove (self->contact_rows, row);
  adw_preferences_group_remove (self->contact_group, GTK_WIDGET (row));
  mark_dirty (self);
}

static AdwEntryRow *
add_contact_row (RptCustomerEditor *self,
                 RptContactKind     kind,
                 const char        *label,
                 const char        *value)
{
  const char *kind_title = kind == RPT_CONTACT_EMAIL ? _("Email") : _("Phone");
  g_autofree char *title = label && *label ? g_strdup_printf ("%s · %s", kind_title, label)
                                           : g_strdup (kind_title);
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
  GtkWidget *flag = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_input_purpose (row, kind == RPT_CONTACT_EMAIL ? GTK_INPUT_PURPOSE_EMAIL
                                                                  : GTK_INPUT_PURPOSE_PHONE);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  gtk_widget_set_tooltip_text (flag, kind == RPT_CONTACT_EMAIL
                                       ? _("This does not look like an email address. It is kept as typed.")
                                       : _("This does not look like a phone number. It is kept as typed."));
  gtk_widget_add_css_class (flag, "warning");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, kind == RPT_CONTACT_EMAIL ? _("Remove this email address")
                                                                 : _("Remove this phone number"));
  adw_entry_row_add_suffix (row, flag);
  adw_entry_row_add_suffix (row, remove);
  g_object_set_data (G_OBJECT (row), "kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), "label", g_strdup (label ? label : ""), g_free);
  g_object_set_data (G_OBJECT (row), "flag", flag);
  update_contact_flag (row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_contact_changed), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_contact), row);
  adw_preferences_group_add (self->contact_group, GTK_WIDGET (row));
  g_ptr_array_add (self->contact_rows, row);
  return row;
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *param)
{
  RptCustomerEditor *self = RPT_CUSTOMER_EDITOR (widget);
  RptContactKind kind = g_str_equal (action, "editor.add-email") ? RPT_CONTACT_EMAIL : RPT_CONTACT_PHONE;
  AdwEntryRow *row = add_contact_row (self, kind, NULL, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (row));
  mark_dirty (self);
}

/* Tags */

static void
on_remove_tag (GtkButton    *button,
               AdwActionRow *row)
{
  RptCustomerEditor *self = RPT_CUSTOMER_EDITOR (gtk_widget_get_root (GTK_WIDGET (row)));

  g_ptr_array_remove (self->tag_rows, row);
  adw_preferences_group_remove (self->tags_group, GTK_WIDGET (row));
  mark_dirty (self);
}

static void
add_tag_row (RptCustomerEditor *self,
             const char        *name,
             const char        *noted_on)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *date = rpt_format_date (noted_on);
  /* Translators: %s is the date a tag or interest was noted */
  g_autofree char *subtitle = g_strdup_printf (_("Noted %s"), date);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this tag"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_object_set_data_full (G_OBJECT (row), "name", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (row), "noted-on", g_strdup (noted_on), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_tag), row);
  adw_preferences_group_add (self->tags_group, row);
  g_ptr_array_add (self->tag_rows, row);
}

static void
on_tag_apply (RptCustomerEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_row))));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *folded = g_utf8_casefold (name, -1);

  if (*name == '\0')
    return;
  for (guint i = 0; i < self->tag_rows->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_object_get_data (g_ptr_array_index (self->tag_rows, i),
                                                                   "name"), -1);
      if (g_str_equal (folded, other))
        {
          toast (self, _("The card already has this tag"));
          return;
        }
    }
  add_tag_row (self, name, today);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_row), "");
  mark_dirty (self);
}

/* Linked cards */

static void
show_link (AdwActionRow *row,
           const char   *name)
{
  adw_action_row_set_subtitle (row, name && *name ? name : _("Not linked to a card"));
}

static void
on_works_at_picked (RptCustomerEditor *self,
                    gint64             id,
                    const char        *name)
{
  self->organisation_id = id;
  show_link (self->works_at_row, name);
  if (id > 0 && *gtk_editable_get_text (GTK_EDITABLE (self->org_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->org_row), name);
  mark_dirty (self);
}

static void
on_referrer_picked (RptCustomerEditor *self,
                    gint64             id,
                    const char        *name)
{
  self->referred_by = id;
  show_link (self->referred_row, name);
  mark_dirty (self);
}

/* Kind */

static void
update_for_kind (RptCustomerEditor *self)
{
  gboolean person = adw_combo_row_get_selected (self->kind_row) == RPT_CUSTOMER_PERSON;

  gtk_widget_set_visible (GTK_WIDGET (self->given_row), person);
  gtk_widget_set_visible (GTK_WIDGET (self->family_row), person);
  gtk_widget_set_visible (GTK_WIDGET (self->order_row), person);
  gtk_widget_set_visible (GTK_WIDGET (self->job_row), person);
  gtk_widget_set_visible (GTK_WIDGET (self->works_at_row), person);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->org_row),
                                 person ? _("Organisation") : _("Organisation name"));
}

static void
on_kind_changed (RptCustomerEditor *self)
{
  update_for_kind (self);
  mark_dirty (self);
}

/* Load and save */

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static char *
dup_prop (RptCustomer *c,
          const char  *name)
{
  char *value = NULL;

  g_object_get (c, name, &value, NULL);
  return value;
}

static int
get_int (RptCustomer *c,
         const char  *name)
{
  int value = 0;

  g_object_get (c, name, &value, NULL);
  return value;
}

static void
load_customer (RptCustomerEditor *self)
{
  RptCustomer *c = self->customer;
  GPtrArray *points = rpt_customer_get_contact_points (c);
  GPtrArray *tags = rpt_customer_get_tags (c);
  g_autofree char *notes = dup_prop (c, "notes");
  g_autofree char *works_at = dup_prop (c, "organisation-name");
  g_autofree char *referrer = dup_prop (c, "referred-by-name");
  gboolean consent = FALSE, dnc = FALSE;
  struct { AdwEntryRow *row; const char *prop; } texts[] = {
    { self->given_row, "given-name" }, { self->family_row, "family-name" },
    { self->org_row, "org-name" }, { self->job_row, "job-title" },
    { self->street_row, "street" }, { self->postal_row, "postal-code" },
    { self->locality_row, "locality" }, { self->region_row, "region" },
    { self->owner_row, "owner" }, { self->industry_row, "industry" },
  };

  self->loading = TRUE;
  adw_combo_row_set_selected (self->kind_row, rpt_customer_get_kind (c));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *value = dup_prop (c, texts[i].prop);
      set_row_text (texts[i].row, value);
    }
  adw_combo_row_set_selected (self->order_row, get_int (c, "name-order"));
  {
    g_autofree char *country = dup_prop (c, "country");
    g_autofree char *language = dup_prop (c, "language");
    rpt_combo_row_select_code (self->country_row, country);
    rpt_combo_row_select_code (self->language_row, language);
  }
  adw_combo_row_set_selected (self->channel_row, get_int (c, "channel"));
  adw_combo_row_set_selected (self->stage_row, rpt_customer_get_stage (c));
  adw_combo_row_set_selected (self->size_row, get_int (c, "size-band"));
  gtk_spin_button_set_value (self->frequency_spin, get_int (c, "frequency-days"));
  g_object_get (c, "consent", &consent, "do-not-contact", &dnc,
                "organisation-id", &self->organisation_id, "referred-by", &self->referred_by, NULL);
  gtk_switch_set_active (self->consent_switch, consent);
  gtk_switch_set_active (self->dnc_switch, dnc);
  show_link (self->works_at_row, self->organisation_id > 0 ? works_at : NULL);
  show_link (self->referred_row, self->referred_by > 0 ? referrer : NULL);
  for (guint i = 0; i < points->len; i++)
    {
      RptContactPoint *p = g_ptr_array_index (points, i);
      add_contact_row (self, p->kind, p->label, p->value);
    }
  for (guint i = 0; i < tags->len; i++)
    {
      RptTagNote *t = g_ptr_array_index (tags, i);
      add_tag_row (self, t->name, t->noted_on);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
  update_for_kind (self);
  self->loading = FALSE;
  self->dirty = FALSE;
  update_envelope (self);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
has_identity (RptCustomerEditor *self)
{
  gboolean person = adw_combo_row_get_selected (self->kind_row) == RPT_CUSTOMER_PERSON;

  if (!is_blank (row_text (self->org_row)))
    return TRUE;
  if (person && (!is_blank (row_text (self->given_row)) || !is_blank (row_text (self->family_row))))
    return TRUE;
  for (guint i = 0; i < self->contact_rows->len; i++)
    if (!is_blank (row_text (g_ptr_array_index (self->contact_rows, i))))
      return TRUE;
  return FALSE;
}

static void
store_customer (RptCustomerEditor *self)
{
  RptCustomer *c = self->customer;
  GPtrArray *points = rpt_customer_get_contact_points (c);
  GPtrArray *tags = rpt_customer_get_tags (c);
  g_autofree char *notes = rpt_text_view_dup_text (self->notes_view);
  gboolean person = adw_combo_row_get_selected (self->kind_row) == RPT_CUSTOMER_PERSON;

  g_object_set (c,
                "kind", (int) adw_combo_row_get_selected (self->kind_row),
                "given-name", person ? row_text (self->given_row) : "",
                "family-name", person ? row_text (self->family_row) : "",
                "name-order", person ? (int) adw_combo_row_get_selected (self->order_row) : 0,
                "org-name", row_text (self->org_row),
                "job-title", person ? row_text (self->job_row) : "",
                "organisation-id", person ? self->organisation_id : (gint64) 0,
                "street", row_text (self->street_row),
                "postal-code", row_text (self->postal_row),
                "locality", row_text (self->locality_row),
                "region", row_text (self->region_row),
                "country", rpt_combo_row_get_code (self->country_row),
                "language", rpt_combo_row_get_code (self->language_row),
                "channel", (int) adw_combo_row_get_selected (self->channel_row),
                "frequency-days", gtk_spin_button_get_value_as_int (self->frequency_spin),
                "consent", gtk_switch_get_active (self->consent_switch),
                "do-not-contact", gtk_switch_get_active (self->dnc_switch),
                "stage", (int) adw_combo_row_get_selected (self->stage_row),
                "owner", row_text (self->owner_row),
                "referred-by", self->referred_by,
                "industry", row_text (self->industry_row),
                "size-band", (int) adw_combo_row_get_selected (self->size_row),
                "notes", notes,
                NULL);
  g_ptr_array_set_size (points, 0);
  for (guint i = 0; i < self->contact_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->contact_rows, i);
      g_autofree char *value = g_strstrip (g_strdup (row_text (ADW_ENTRY_ROW (row))));

      if (*value != '\0')
        g_ptr_array_add (points, rpt_contact_point_new (GPOINTER_TO_INT (g_object_get_data (row, "kind")),
                                                        g_object_get_data (row, "label"), value));
    }
  g_ptr_array_set_size (tags, 0);
  for (guint i = 0; i < self->tag_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->tag_rows, i);
      g_ptr_array_add (tags, rpt_tag_note_new (g_object_get_data (row, "name"),
                                               g_object_get_data (row, "noted-on")));
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  RptCustomerEditor *self = RPT_CUSTOMER_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  /* a tag typed but not yet added is what the user meant to add */
  on_tag_apply (self);
  if (!has_identity (self))
    {
      toast (self, _("Enter a name, an organisation, a phone number or an email address first"));
      gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_get_visible (GTK_WIDGET (self->given_row))
                                         ? self->given_row : self->org_row));
      return;
    }
  store_customer (self);
  if (!rpt_customer_store_save (self->store, self->customer, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The card could not be saved: %s"), error->message);

      rpt_window_report_save_error (GTK_WINDOW (self), self->toasts, text, error);
      return;
    }
  self->dirty = FALSE;
  g_signal_emit (self, signals[SAVED], 0, rpt_customer_get_id (self->customer));
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
rpt_customer_editor_close_request (GtkWindow *window)
{
  if (RPT_CUSTOMER_EDITOR (window)->dirty)
    {
      rpt_ask_save_changes (window, _("The card has changes that are not saved yet."), "editor.save");
      return TRUE;
    }
  return GTK_WINDOW_CLASS (rpt_customer_editor_parent_class)->close_request (window);
}

/* Set-up */

static void
fill_choices (RptCustomerEditor *self)
{
  const char *kinds[] = { C_("card kind", "A person"), C_("card kind", "An organisation"), NULL };
  const char *orders[] = { C_("name order", "Automatic"), C_("name order", "Given name first"),
                           C_("name order", "Family name first"), NULL };
  const char *channels[RPT_N_CHANNELS + 1] = { NULL };
  const char *stages[RPT_N_STAGES + 1] = { NULL };
  const char *sizes[RPT_N_SIZES + 1] = { NULL };

  for (int i = 0; i < RPT_N_CHANNELS; i++)
    channels[i] = rpt_channel_to_string (i);
  for (int i = 0; i < RPT_N_STAGES; i++)
    stages[i] = rpt_stage_to_string (i);
  for (int i = 0; i < RPT_N_SIZES; i++)
    sizes[i] = rpt_size_band_to_string (i);
  rpt_combo_row_set_strings (self->kind_row, kinds);
  rpt_combo_row_set_strings (self->order_row, orders);
  rpt_combo_row_set_strings (self->channel_row, channels);
  rpt_combo_row_set_strings (self->stage_row, stages);
  rpt_combo_row_set_strings (self->size_row, sizes);
  rpt_combo_row_set_codes (self->country_row, rpt_country_codes (), rpt_country_name, _("Not set"));
  rpt_combo_row_set_codes (self->language_row, rpt_language_codes (), rpt_language_name,
                           _("Same as the business"));
}

static void
watch_changes (RptCustomerEditor *self)
{
  GtkWidget *entries[] = { GTK_WIDGET (self->given_row), GTK_WIDGET (self->family_row),
                           GTK_WIDGET (self->org_row), GTK_WIDGET (self->job_row),
                           GTK_WIDGET (self->street_row), GTK_WIDGET (self->postal_row),
                           GTK_WIDGET (self->locality_row), GTK_WIDGET (self->region_row),
                           GTK_WIDGET (self->owner_row), GTK_WIDGET (self->industry_row),
                           GTK_WIDGET (self->frequency_spin) };
  AdwComboRow *combos[] = { self->order_row, self->country_row, self->language_row,
                            self->channel_row, self->stage_row, self->size_row };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (mark_dirty), self);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_signal_connect_swapped (combos[i], "notify::selected", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_changed), self);
  g_signal_connect_swapped (self->consent_switch, "notify::active", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (self->dnc_switch, "notify::active", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (self->tag_row, "apply", G_CALLBACK (on_tag_apply), self);
}

static void
rpt_customer_editor_dispose (GObject *object)
{
  RptCustomerEditor *self = RPT_CUSTOMER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RPT_TYPE_CUSTOMER_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->customer);
  g_clear_pointer (&self->home_country, g_free);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->tag_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (rpt_customer_editor_parent_class)->dispose (object);
}

static void
rpt_customer_editor_class_init (RptCustomerEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rpt_customer_editor_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = rpt_customer_editor_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/rpt-customer-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RptCustomerEditor, name)
  BIND (toasts); BIND (save_button); BIND (kind_row); BIND (given_row); BIND (family_row);
  BIND (order_row); BIND (org_row); BIND (job_row); BIND (works_at_row); BIND (contact_group);
  BIND (street_row); BIND (postal_row); BIND (locality_row); BIND (region_row); BIND (country_row); BIND (envelope_row);
  BIND (language_row); BIND (channel_row); BIND (frequency_spin); BIND (consent_switch);
  BIND (dnc_switch); BIND (stage_row); BIND (owner_row); BIND (referred_row); BIND (industry_row);
  BIND (size_row); BIND (tags_group); BIND (tag_row); BIND (notes_view);
#undef BIND

  rpt_form_class_install (widget_class, "editor", save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-phone", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "editor.add-email", NULL, add_contact_action);
}

/* Chinese, Japanese and Korean speakers write the family name first, and
 * expect to be asked for it first. */
static void
order_name_rows (RptCustomerEditor *self)
{
  const char *language = g_get_language_names ()[0];
  GtkListBox *box = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (self->given_row)));
  int family_at;

  if (!(g_str_has_prefix (language, "zh") || g_str_has_prefix (language, "ja")
        || g_str_has_prefix (language, "ko")) || !GTK_IS_LIST_BOX (box))
    return;
  g_object_ref (self->given_row);
  gtk_list_box_remove (box, GTK_WIDGET (self->given_row));
  family_at = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->family_row));
  gtk_list_box_insert (box, GTK_WIDGET (self->given_row), family_at + 1);
  g_object_unref (self->given_row);
}

static void
rpt_customer_editor_init (RptCustomerEditor *self)
{
  self->contact_rows = g_ptr_array_new ();
  self->tag_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  order_name_rows (self);
  fill_choices (self);
  watch_changes (self);
}

RptCustomerEditor *
rpt_customer_editor_new (GtkWindow        *parent,
                         RptCustomerStore *store,
                         RptCustomer      *customer)
{
  RptCustomerEditor *self = g_object_new (RPT_TYPE_CUSTOMER_EDITOR, "transient-for", parent, NULL);
  GtkWidget *works_at, *referrer;

  self->store = g_object_ref (store);
  self->home_country = rpt_database_get_setting (rpt_customer_store_get_database (store), "business_country");
  self->customer = customer ? rpt_customer_copy (customer) : rpt_customer_new (RPT_CUSTOMER_PERSON);
  gtk_window_set_title (GTK_WINDOW (self), customer ? _("Edit Customer") : _("New Customer"));
  works_at = rpt_customer_picker_new (store, RPT_CUSTOMER_ORGANISATION, rpt_customer_get_id (self->customer));
  referrer = rpt_customer_picker_new (store, RPT_CUSTOMER_PERSON, rpt_customer_get_id (self->customer));
  adw_action_row_add_suffix (self->works_at_row, works_at);
  adw_action_row_add_suffix (self->referred_row, referrer);
  g_signal_connect_object (works_at, "picked", G_CALLBACK (on_works_at_picked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (referrer, "picked", G_CALLBACK (on_referrer_picked), self, G_CONNECT_SWAPPED);
  load_customer (self);
  if (customer == NULL)
    {
      /* a new card starts with one phone and one email row to fill in */
      self->loading = TRUE;
      add_contact_row (self, RPT_CONTACT_PHONE, NULL, NULL);
      add_contact_row (self, RPT_CONTACT_EMAIL, NULL, NULL);
      self->loading = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->family_row))
                                         < gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->given_row))
                                         ? self->family_row : self->given_row));
    }
  return self;
}
