/* rpt-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rpt-catalog.h"
#include "rpt-customer-private.h"
#include "rpt-fields.h"
#include "rpt-names.h"
#include "rpt-search.h"

G_DEFINE_FINAL_TYPE (RptCustomer, rpt_customer, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (RptContactPoint, rpt_contact_point, rpt_contact_point_copy, rpt_contact_point_free)
G_DEFINE_BOXED_TYPE (RptTagNote, rpt_tag_note, rpt_tag_note_copy, rpt_tag_note_free)

#define F(name, type, member) { name, type, G_STRUCT_OFFSET (RptCustomer, member), FALSE }
#define RO(name, type, member) { name, type, G_STRUCT_OFFSET (RptCustomer, member), TRUE }

static const RptField fields[] = {
  F ("id", G_TYPE_INT64, id),
  F ("kind", G_TYPE_INT, kind),
  F ("organisation-id", G_TYPE_INT64, organisation_id),
  F ("organisation-name", G_TYPE_STRING, organisation_name),
  F ("given-name", G_TYPE_STRING, given_name),
  F ("family-name", G_TYPE_STRING, family_name),
  F ("org-name", G_TYPE_STRING, org_name),
  F ("name-order", G_TYPE_INT, name_order),
  F ("job-title", G_TYPE_STRING, job_title),
  F ("street", G_TYPE_STRING, street),
  F ("locality", G_TYPE_STRING, locality),
  F ("region", G_TYPE_STRING, region),
  F ("postal-code", G_TYPE_STRING, postal_code),
  F ("country", G_TYPE_STRING, country),
  F ("language", G_TYPE_STRING, language),
  F ("channel", G_TYPE_INT, channel),
  F ("frequency-days", G_TYPE_INT, frequency_days),
  F ("consent", G_TYPE_BOOLEAN, consent),
  F ("do-not-contact", G_TYPE_BOOLEAN, do_not_contact),
  F ("industry", G_TYPE_STRING, industry),
  F ("size-band", G_TYPE_INT, size_band),
  F ("owner", G_TYPE_STRING, owner),
  F ("notes", G_TYPE_STRING, notes),
  F ("referred-by", G_TYPE_INT64, referred_by),
  F ("referred-by-name", G_TYPE_STRING, referred_by_name),
  F ("stage", G_TYPE_INT, stage),
  F ("archived", G_TYPE_BOOLEAN, archived),
  RO ("created", G_TYPE_STRING, created),
  RO ("modified", G_TYPE_STRING, modified),
  RO ("last-contact", G_TYPE_STRING, last_contact),
  RO ("spend", G_TYPE_INT64, spend),
  RO ("display-name", G_TYPE_STRING, display_name),
  RO ("email", G_TYPE_STRING, email),
  RO ("phone", G_TYPE_STRING, phone),
};

#undef F
#undef RO

enum { N_PROPS = G_N_ELEMENTS (fields) + 1 };
static GParamSpec *properties[N_PROPS];
static GParamSpec *display_name_pspec;

RptContactPoint *
rpt_contact_point_new (RptContactKind  kind,
                       const char     *label,
                       const char     *value)
{
  RptContactPoint *point = g_new0 (RptContactPoint, 1);

  point->kind = kind;
  point->label = g_strdup (label ? label : "");
  point->value = g_strdup (value ? value : "");
  return point;
}

RptContactPoint *
rpt_contact_point_copy (const RptContactPoint *point)
{
  return rpt_contact_point_new (point->kind, point->label, point->value);
}

void
rpt_contact_point_free (RptContactPoint *point)
{
  if (point == NULL)
    return;
  g_free (point->label);
  g_free (point->value);
  g_free (point);
}

/* Odd values are kept as typed and only flagged: a shop owner's note of a
 * half-remembered number is still worth more than nothing. */
gboolean
rpt_contact_point_is_plausible (const RptContactPoint *point)
{
  return point->kind == RPT_CONTACT_EMAIL ? rpt_email_is_plausible (point->value)
                                          : rpt_phone_is_plausible (point->value);
}

RptTagNote *
rpt_tag_note_new (const char *name,
                  const char *noted_on)
{
  RptTagNote *note = g_new0 (RptTagNote, 1);

  note->name = g_strdup (name ? name : "");
  if (noted_on != NULL && *noted_on != '\0')
    note->noted_on = g_strdup (noted_on);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      note->noted_on = g_date_time_format (now, "%Y-%m-%d");
    }
  return note;
}

RptTagNote *
rpt_tag_note_copy (const RptTagNote *note)
{
  return rpt_tag_note_new (note->name, note->noted_on);
}

void
rpt_tag_note_free (RptTagNote *note)
{
  if (note == NULL)
    return;
  g_free (note->name);
  g_free (note->noted_on);
  g_free (note);
}

void
_rpt_customer_update_display_name (RptCustomer *self)
{
  g_autofree char *name = NULL;

  if (self->kind == RPT_CUSTOMER_ORGANISATION)
    name = g_strstrip (g_strdup (self->org_name ? self->org_name : ""));
  else
    name = rpt_format_person_name (self->given_name, self->family_name, self->name_order,
                                   self->language);
  if (rpt_set_str (&self->display_name, name))
    g_object_notify_by_pspec (G_OBJECT (self), display_name_pspec);
}

static gboolean
affects_display_name (const char *name)
{
  return g_str_equal (name, "kind") || g_str_equal (name, "given-name")
         || g_str_equal (name, "family-name") || g_str_equal (name, "org-name")
         || g_str_equal (name, "name-order") || g_str_equal (name, "language");
}

static void
rpt_customer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  if (prop_id == 0 || prop_id > G_N_ELEMENTS (fields))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  rpt_fields_get (object, &fields[prop_id - 1], value);
}

static void
rpt_customer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  const RptField *field;

  if (prop_id == 0 || prop_id > G_N_ELEMENTS (fields))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = &fields[prop_id - 1];
  if (!rpt_fields_set (object, field, value))
    return;
  g_object_notify_by_pspec (object, pspec);
  if (affects_display_name (field->name))
    _rpt_customer_update_display_name (RPT_CUSTOMER (object));
}

static void
rpt_customer_finalize (GObject *object)
{
  RptCustomer *self = RPT_CUSTOMER (object);

  rpt_fields_clear (object, fields, G_N_ELEMENTS (fields));
  g_clear_pointer (&self->contact_points, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (rpt_customer_parent_class)->finalize (object);
}

static void
rpt_customer_class_init (RptCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rpt_customer_finalize;
  object_class->get_property = rpt_customer_get_property;
  object_class->set_property = rpt_customer_set_property;
  rpt_fields_install (object_class, fields, G_N_ELEMENTS (fields), properties);
  display_name_pspec = g_object_class_find_property (object_class, "display-name");
}

static void
rpt_customer_init (RptCustomer *self)
{
  self->contact_points = g_ptr_array_new_with_free_func ((GDestroyNotify) rpt_contact_point_free);
  self->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) rpt_tag_note_free);
  self->display_name = g_strdup ("");
}

RptCustomer *
rpt_customer_new (RptCustomerKind kind)
{
  return g_object_new (RPT_TYPE_CUSTOMER, "kind", (int) kind, NULL);
}

RptCustomer *
rpt_customer_copy (RptCustomer *self)
{
  RptCustomer *copy = g_object_new (RPT_TYPE_CUSTOMER, NULL);

  rpt_fields_copy (G_OBJECT (copy), G_OBJECT (self), fields, G_N_ELEMENTS (fields));
  for (guint i = 0; i < self->contact_points->len; i++)
    g_ptr_array_add (copy->contact_points,
                     rpt_contact_point_copy (g_ptr_array_index (self->contact_points, i)));
  for (guint i = 0; i < self->tags->len; i++)
    g_ptr_array_add (copy->tags, rpt_tag_note_copy (g_ptr_array_index (self->tags, i)));
  copy->complete = self->complete;
  return copy;
}

gint64
rpt_customer_get_id (RptCustomer *self)
{
  g_return_val_if_fail (RPT_IS_CUSTOMER (self), 0);
  return self->id;
}

RptCustomerKind
rpt_customer_get_kind (RptCustomer *self)
{
  g_return_val_if_fail (RPT_IS_CUSTOMER (self), RPT_CUSTOMER_PERSON);
  return self->kind;
}

RptStage
rpt_customer_get_stage (RptCustomer *self)
{
  g_return_val_if_fail (RPT_IS_CUSTOMER (self), RPT_STAGE_CONTACT);
  return self->stage;
}

gboolean
rpt_customer_get_archived (RptCustomer *self)
{
  g_return_val_if_fail (RPT_IS_CUSTOMER (self), FALSE);
  return self->archived;
}

const char *
rpt_customer_get_display_name (RptCustomer *self)
{
  g_return_val_if_fail (RPT_IS_CUSTOMER (self), "");
  return self->display_name;
}

GPtrArray *
rpt_customer_get_contact_points (RptCustomer *self)
{
  g_return_val_if_fail (RPT_IS_CUSTOMER (self), NULL);
  return self->contact_points;
}

GPtrArray *
rpt_customer_get_tags (RptCustomer *self)
{
  g_return_val_if_fail (RPT_IS_CUSTOMER (self), NULL);
  return self->tags;
}

const char *
rpt_customer_get_primary (RptCustomer    *self,
                          RptContactKind  kind)
{
  g_return_val_if_fail (RPT_IS_CUSTOMER (self), "");

  for (guint i = 0; i < self->contact_points->len; i++)
    {
      RptContactPoint *p = g_ptr_array_index (self->contact_points, i);
      if (p->kind == kind && p->value[0] != '\0')
        return p->value;
    }
  if (kind == RPT_CONTACT_EMAIL)
    return self->email ? self->email : "";
  return self->phone ? self->phone : "";
}

guint
rpt_customer_count_flagged (RptCustomer *self)
{
  guint n = 0;

  for (guint i = 0; i < self->contact_points->len; i++)
    if (!rpt_contact_point_is_plausible (g_ptr_array_index (self->contact_points, i)))
      n++;
  return n;
}

char *
rpt_customer_dup_address (RptCustomer *self,
                          const char  *home_country)
{
  const char *parts[] = { self->street, self->locality, self->region, self->postal_code, self->country };
  GString *recipient;
  gboolean any = FALSE;

  /* a name alone is not an address */
  for (guint i = 0; i < G_N_ELEMENTS (parts) && !any; i++)
    for (const char *p = parts[i]; p != NULL && *p != '\0' && !any; p = g_utf8_next_char (p))
      any = !g_unichar_isspace (g_utf8_get_char (p));
  if (!any)
    return g_strdup ("");
  recipient = g_string_new (self->display_name);

  if (self->kind == RPT_CUSTOMER_PERSON && self->organisation_name && *self->organisation_name)
    g_string_append_printf (recipient, "\n%s", self->organisation_name);
  {
    g_autofree char *r = g_string_free (recipient, FALSE);
    return rpt_format_address (r, self->street, self->locality, self->region, self->postal_code,
                               self->country, home_country);
  }
}

/* What the trigram index holds: the name, place, e-mail and the
 * phone digits without their punctuation, so 5551234 finds 555-1234. */
char *
rpt_customer_dup_search_text (RptCustomer *self)
{
  GString *text = g_string_new (NULL);

  /* the display name holds both name parts, in the order people write them */
  g_string_append_printf (text, "%s %s %s", self->display_name,
                          self->kind == RPT_CUSTOMER_PERSON && self->org_name ? self->org_name : "",
                          self->locality ? self->locality : "");
  for (guint i = 0; i < self->contact_points->len; i++)
    {
      RptContactPoint *p = g_ptr_array_index (self->contact_points, i);
      g_string_append_c (text, ' ');
      if (p->kind == RPT_CONTACT_PHONE)
        {
          for (const char *c = p->value; *c; c++)
            if (g_ascii_isdigit (*c))
              g_string_append_c (text, *c);
        }
      else
        g_string_append (text, p->value);
    }
  {
    g_autofree char *raw = g_string_free (text, FALSE);
    return rpt_search_fold (raw);
  }
}

char *
rpt_customer_dup_sort_name (RptCustomer *self)
{
  g_autofree char *key = NULL;

  if (self->kind == RPT_CUSTOMER_ORGANISATION)
    key = g_strdup (self->org_name ? self->org_name : "");
  else
    key = g_strconcat (self->family_name ? self->family_name : "", " ",
                       self->given_name ? self->given_name : "", NULL);
  return rpt_search_fold (g_strstrip (key));
}

const char *
rpt_stage_to_string (RptStage stage)
{
  switch (stage)
    {
    case RPT_STAGE_CONTACT: return C_("stage", "Contact");
    case RPT_STAGE_RELATIONSHIP: return C_("stage", "Relationship");
    case RPT_STAGE_INTIMACY: return C_("stage", "Intimacy");
    case RPT_STAGE_TRUST: return C_("stage", "Trust");
    case RPT_N_STAGES:
    default: return "";
    }
}

const char *
rpt_channel_to_string (RptChannel channel)
{
  switch (channel)
    {
    case RPT_CHANNEL_ANY: return C_("channel", "No preference");
    case RPT_CHANNEL_LETTER: return C_("channel", "Letter");
    case RPT_CHANNEL_EMAIL: return C_("channel", "Email");
    case RPT_CHANNEL_PHONE: return C_("channel", "Phone");
    case RPT_CHANNEL_VISIT: return C_("channel", "Visit");
    case RPT_CHANNEL_NONE: return C_("channel", "None");
    case RPT_N_CHANNELS:
    default: return "";
    }
}

/* Size bands in words, with their context, for this interface's language
 * and — through a letter's catalog — for the customer's. */
static const char *const size_words[RPT_N_SIZES] = {
  LNC_("size", "Unknown"), LNC_("size", "1 person"), LNC_("size", "2–9 people"),
  LNC_("size", "10–49 people"), LNC_("size", "50–249 people"), LNC_("size", "250 or more"),
};

const char *
rpt_size_band_msgid (RptSizeBand band)
{
  return band < RPT_N_SIZES ? size_words[band] : "";
}

const char *
rpt_size_band_to_string (RptSizeBand band)
{
  if (band >= RPT_N_SIZES)
    return "";
  return g_dpgettext (GETTEXT_PACKAGE, size_words[band], strlen ("size") + 1);
}
