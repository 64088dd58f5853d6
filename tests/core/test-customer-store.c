/* test-customer-store.c — cards and timelines read back from SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rpt-error.h"
#include "test-utils.h"

typedef struct
{
  RptDatabase      *db;
  RptCustomerStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = test_open_new ("store.db");
  f->store = rpt_customer_store_new (f->db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
}

static RptCustomer *
save_and_reload (Fixture     *f,
                 RptCustomer *c)
{
  g_autoptr(GError) error = NULL;
  RptCustomer *back;

  g_assert_true (rpt_customer_store_save (f->store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rpt_customer_get_id (c), >, 0);
  back = rpt_customer_store_load (f->store, rpt_customer_get_id (c), &error);
  g_assert_no_error (error);
  return back;
}

static void
test_roundtrip (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RptCustomer) c = test_person ("María José", "García López", "es");
  g_autoptr(RptCustomer) back = NULL;
  g_autofree char *street = NULL, *owner = NULL, *country = NULL, *industry = NULL;
  int channel, freq, stage, size;
  gboolean consent, dnc;

  g_object_set (c, "street", "Calle Mayor, 12", "locality", "Madrid", "postal-code", "28013",
                "country", "ES", "channel", RPT_CHANNEL_LETTER, "frequency-days", 30,
                "consent", TRUE, "do-not-contact", FALSE, "industry", "retail",
                "size-band", RPT_SIZE_SMALL, "owner", "Ana", "stage", RPT_STAGE_TRUST,
                "notes", "Prefers mornings", NULL);
  g_ptr_array_add (rpt_customer_get_contact_points (c),
                   rpt_contact_point_new (RPT_CONTACT_PHONE, "Mobile", "+34 612 345 678"));
  g_ptr_array_add (rpt_customer_get_contact_points (c),
                   rpt_contact_point_new (RPT_CONTACT_EMAIL, "Work", "maria@example.com"));
  g_ptr_array_add (rpt_customer_get_tags (c), rpt_tag_note_new ("wine", "2026-03-01"));
  g_ptr_array_add (rpt_customer_get_tags (c), rpt_tag_note_new ("wine", "2026-05-01"));
  g_ptr_array_add (rpt_customer_get_tags (c), rpt_tag_note_new ("cheese", "2026-01-15"));

  back = save_and_reload (f, c);
  g_object_get (back, "street", &street, "owner", &owner, "country", &country, "industry", &industry,
                "channel", &channel, "frequency-days", &freq, "stage", &stage, "size-band", &size,
                "consent", &consent, "do-not-contact", &dnc, NULL);
  g_assert_cmpstr (rpt_customer_get_display_name (back), ==, "María José García López");
  g_assert_cmpstr (street, ==, "Calle Mayor, 12");
  g_assert_cmpstr (owner, ==, "Ana");
  g_assert_cmpstr (country, ==, "ES");
  g_assert_cmpstr (industry, ==, "retail");
  g_assert_cmpint (channel, ==, RPT_CHANNEL_LETTER);
  g_assert_cmpint (freq, ==, 30);
  g_assert_cmpint (stage, ==, RPT_STAGE_TRUST);
  g_assert_cmpint (size, ==, RPT_SIZE_SMALL);
  g_assert_true (consent);
  g_assert_false (dnc);
  g_assert_cmpuint (rpt_customer_get_contact_points (back)->len, ==, 2);
  g_assert_cmpstr (rpt_customer_get_primary (back, RPT_CONTACT_EMAIL), ==, "maria@example.com");
  /* a tag noted twice keeps its newest date, once */
  g_assert_cmpuint (rpt_customer_get_tags (back)->len, ==, 2);
  g_assert_cmpstr (((RptTagNote *) g_ptr_array_index (rpt_customer_get_tags (back), 0))->noted_on,
                   ==, "2026-05-01");
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RptCustomer) c = test_person ("伟", "王", "zh_CN");
  g_autoptr(RptCustomer) back = NULL;
  g_autoptr(RptBitset) old_hits = NULL;
  g_autoptr(RptBitset) new_hits = NULL;

  g_assert_true (rpt_customer_store_save (f->store, c, NULL));
  g_object_set (c, "given-name", "芳", NULL);
  back = save_and_reload (f, c);
  g_assert_cmpstr (rpt_customer_get_display_name (back), ==, "王芳");
  old_hits = rpt_customer_store_match (f->store, "伟", NULL);
  new_hits = rpt_customer_store_match (f->store, "王芳", NULL);
  g_assert_false (rpt_bitset_has (old_hits, rpt_customer_get_id (c)));
  g_assert_true (rpt_bitset_has (new_hits, rpt_customer_get_id (c)));
  g_assert_cmpuint (rpt_customer_store_count_active (f->store), ==, 1);
}

static void
test_odd_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RptCustomer) empty = rpt_customer_new (RPT_CUSTOMER_PERSON);
  g_autoptr(RptCustomer) long_name = rpt_customer_new (RPT_CUSTOMER_PERSON);
  g_autoptr(RptCustomer) emoji = test_person ("Zoë 🎉", "O'Brien \"Bob\"", "en");
  g_autoptr(RptCustomer) rtl = test_person ("مريم", "العلي", "ar");
  g_autoptr(RptCustomer) back = NULL;
  g_autofree char *ten_k = g_strnfill (10000, 'n');
  g_autofree char *name = NULL;

  g_clear_object (&back);
  back = save_and_reload (f, empty);
  g_assert_cmpstr (rpt_customer_get_display_name (back), ==, "");
  g_object_set (long_name, "family-name", ten_k, NULL);
  g_clear_object (&back);
  back = save_and_reload (f, long_name);
  g_object_get (back, "family-name", &name, NULL);
  g_assert_cmpuint (strlen (name), ==, 10000);
  g_clear_object (&back);
  back = save_and_reload (f, emoji);
  g_assert_cmpstr (rpt_customer_get_display_name (back), ==, "Zoë 🎉 O'Brien \"Bob\"");
  g_clear_object (&back);
  back = save_and_reload (f, rtl);
  g_assert_cmpstr (rpt_customer_get_display_name (back), ==, "مريم العلي");
}

static void
test_invalid_contacts_kept (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RptCustomer) c = test_person ("John", "Smith", "en");
  g_autoptr(RptCustomer) back = NULL;
  RptContactPoint *p;

  g_ptr_array_add (rpt_customer_get_contact_points (c),
                   rpt_contact_point_new (RPT_CONTACT_EMAIL, "", "john@@example"));
  g_ptr_array_add (rpt_customer_get_contact_points (c),
                   rpt_contact_point_new (RPT_CONTACT_PHONE, "", "call me maybe"));
  back = save_and_reload (f, c);
  g_assert_cmpuint (rpt_customer_get_contact_points (back)->len, ==, 2);
  p = g_ptr_array_index (rpt_customer_get_contact_points (back), 0);
  g_assert_cmpstr (p->value, ==, "john@@example");
  g_assert_false (rpt_contact_point_is_plausible (p));
  g_assert_cmpuint (rpt_customer_count_flagged (back), ==, 2);
}

static void
count_signal (RptCustomerStore *store,
              gint64            id,
              int              *count)
{
  (*count)++;
}

static void
test_archive (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RptCustomer) c = test_person ("Ana", "Ruiz", "es");
  g_autoptr(RptCustomer) back = NULL;
  g_autoptr(GError) error = NULL;
  int changed = 0;

  g_assert_true (rpt_customer_store_save (f->store, c, NULL));
  g_signal_connect (f->store, "customer-changed", G_CALLBACK (count_signal), &changed);
  g_assert_true (rpt_customer_store_set_archived (f->store, rpt_customer_get_id (c), TRUE, NULL));
  g_assert_cmpuint (rpt_customer_store_count_active (f->store), ==, 0);
  back = rpt_customer_store_load (f->store, rpt_customer_get_id (c), NULL);
  g_assert_true (rpt_customer_get_archived (back));
  g_assert_true (rpt_customer_store_set_archived (f->store, rpt_customer_get_id (c), FALSE, NULL));
  g_assert_cmpuint (rpt_customer_store_count_active (f->store), ==, 1);
  g_assert_cmpint (changed, ==, 2);
  g_assert_false (rpt_customer_store_set_archived (f->store, 999, TRUE, &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_NOT_FOUND);
}

static RptTimelineEntry *
add_entry (Fixture      *f,
           gint64        customer,
           RptEntryKind  kind,
           const char   *when,
           const char   *summary,
           gint64        amount)
{
  RptTimelineEntry *e = rpt_timeline_entry_new (kind);
  g_autoptr(GError) error = NULL;

  g_object_set (e, "customer-id", customer, "occurred", when, "summary", summary, "amount", amount,
                "owner", "Tom", NULL);
  g_assert_true (rpt_customer_store_add_entry (f->store, e, &error));
  g_assert_no_error (error);
  return e;
}

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RptCustomer) c = test_person ("Wei", "Wang", "zh_CN");
  g_autoptr(RptCustomer) back = NULL;
  g_autoptr(RptTimelineEntry) p1 = NULL, p2 = NULL, call = NULL, visit = NULL, refund = NULL;
  g_autoptr(RptTimelineEntry) last = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *last_contact = NULL;
  gint64 spend, id;

  g_assert_true (rpt_customer_store_save (f->store, c, NULL));
  id = rpt_customer_get_id (c);
  last = rpt_customer_store_last_interaction (f->store, id, NULL);
  g_assert_null (last);
  p1 = add_entry (f, id, RPT_ENTRY_PURCHASE, "2026-01-10T10:00:00Z", "Tea", 4550);
  call = add_entry (f, id, RPT_ENTRY_CALL, "2026-02-01T10:00:00Z", "Asked about oolong", 0);
  p2 = add_entry (f, id, RPT_ENTRY_PURCHASE, "2026-03-10T10:00:00Z", "Oolong", 2000);
  visit = add_entry (f, id, RPT_ENTRY_VISIT, "2026-02-20T10:00:00Z", "Tasting", 0);
  refund = add_entry (f, id, RPT_ENTRY_PURCHASE, "2026-03-11T10:00:00Z", "Refund", -500);

  back = rpt_customer_store_load (f->store, id, NULL);
  g_object_get (back, "spend", &spend, "last-contact", &last_contact, NULL);
  g_assert_cmpint (spend, ==, 4550 + 2000 - 500);
  g_assert_cmpstr (last_contact, ==, "2026-03-11T10:00:00Z");
  /* the conversation to continue is the newest interaction, not a purchase */
  last = rpt_customer_store_last_interaction (f->store, id, NULL);
  g_assert_cmpint (rpt_timeline_entry_get_id (last), ==, rpt_timeline_entry_get_id (visit));
  ids = rpt_customer_store_timeline_ids (f->store, id, NULL);
  g_assert_cmpuint (ids->len, ==, 5);
  g_assert_cmpuint (g_array_index (ids, guint32, 0), ==, rpt_timeline_entry_get_id (refund));
  g_assert_cmpuint (g_array_index (ids, guint32, 4), ==, rpt_timeline_entry_get_id (p1));

  g_assert_true (rpt_customer_store_delete_entry (f->store, rpt_timeline_entry_get_id (refund), NULL));
  g_clear_object (&back);
  back = rpt_customer_store_load (f->store, id, NULL);
  g_object_get (back, "spend", &spend, NULL);
  g_assert_cmpint (spend, ==, 6550);

  /* undo: the entry comes back as it was, with its id, and the totals follow */
  g_assert_true (rpt_customer_store_restore_entry (f->store, refund, NULL));
  g_clear_object (&back);
  back = rpt_customer_store_load (f->store, id, NULL);
  g_object_get (back, "spend", &spend, NULL);
  g_assert_cmpint (spend, ==, 6050);
  {
    g_autoptr(RptTimelineEntry) again = rpt_customer_store_load_entry (f->store,
                                                                       rpt_timeline_entry_get_id (refund), NULL);
    g_assert_nonnull (again);
    g_assert_cmpstr (rpt_timeline_entry_get_summary (again), ==, "Refund");
  }
}

static void
test_complaint (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RptCustomer) c = test_person ("Ana", "Ruiz", "es");
  g_autoptr(RptTimelineEntry) first = NULL, second = NULL, back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *resolution = NULL;

  g_assert_true (rpt_customer_store_save (f->store, c, NULL));
  g_assert_true (rpt_database_set_setting (f->db, "service_level_days", "10", NULL));
  first = add_entry (f, rpt_customer_get_id (c), RPT_ENTRY_COMPLAINT, "2026-03-01T10:00:00Z",
                     "Damaged box", 0);
  second = add_entry (f, rpt_customer_get_id (c), RPT_ENTRY_COMPLAINT, "2026-03-02T10:00:00Z",
                      "Late", 0);
  g_assert_cmpstr (rpt_timeline_entry_get_tracking (first), ==, "C-2026-000001");
  g_assert_cmpstr (rpt_timeline_entry_get_tracking (second), ==, "C-2026-000002");
  g_assert_cmpstr (rpt_timeline_entry_get_due (first), ==, "2026-03-11");
  g_assert_cmpuint (rpt_customer_store_count_open_complaints (f->store, rpt_customer_get_id (c)), ==, 2);

  g_assert_true (rpt_customer_store_resolve_complaint (f->store, first, "Replaced", &error));
  back = rpt_customer_store_load_entry (f->store, rpt_timeline_entry_get_id (first), NULL);
  g_object_get (back, "resolution", &resolution, NULL);
  g_assert_cmpint (rpt_timeline_entry_get_status (back), ==, RPT_COMPLAINT_RESOLVED);
  g_assert_cmpstr (resolution, ==, "Replaced");
  g_assert_cmpuint (rpt_customer_store_count_open_complaints (f->store, rpt_customer_get_id (c)), ==, 1);

  /* a resolution is never overwritten, and never empty */
  g_assert_false (rpt_customer_store_resolve_complaint (f->store, back, "Again", &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rpt_customer_store_resolve_complaint (f->store, second, "  ", &error));
  g_assert_error (error, RPT_ERROR, RPT_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(RptTimelineEntry) again = rpt_customer_store_load_entry (f->store, rpt_timeline_entry_get_id (first),
                                                                       NULL);
    g_autofree char *kept = NULL;

    g_object_get (again, "resolution", &kept, NULL);
    g_assert_cmpstr (kept, ==, "Replaced");
  }
  g_assert_cmpuint (rpt_customer_store_count_open_complaints (f->store, rpt_customer_get_id (c)), ==, 1);

  /* a deleted complaint comes back with its tracking number and resolution */
  g_assert_true (rpt_customer_store_delete_entry (f->store, rpt_timeline_entry_get_id (first), NULL));
  g_assert_true (rpt_customer_store_restore_entry (f->store, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(RptTimelineEntry) restored = rpt_customer_store_load_entry (f->store,
                                                                          rpt_timeline_entry_get_id (first), NULL);
    g_autofree char *kept = NULL;

    g_object_get (restored, "resolution", &kept, NULL);
    g_assert_cmpstr (rpt_timeline_entry_get_tracking (restored), ==, "C-2026-000001");
    g_assert_cmpstr (kept, ==, "Replaced");
    g_assert_cmpint (rpt_timeline_entry_get_status (restored), ==, RPT_COMPLAINT_RESOLVED);
  }
}

static void
test_entry_for_missing_customer (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RptTimelineEntry) e = rpt_timeline_entry_new (RPT_ENTRY_NOTE);
  g_autoptr(GError) error = NULL;

  g_object_set (e, "customer-id", (gint64) 4242, "summary", "orphan", NULL);
  g_assert_false (rpt_customer_store_add_entry (f->store, e, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (rpt_timeline_entry_get_id (e), ==, 0);
  g_assert_false (rpt_database_in_transaction (f->db));
}

static void
test_organisation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RptCustomer) org = rpt_customer_new (RPT_CUSTOMER_ORGANISATION);
  g_autoptr(RptCustomer) person = test_person ("Li", "Na", "zh_CN");
  g_autoptr(RptCustomer) back = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *org_name = NULL;

  g_object_set (org, "org-name", "山海贸易有限公司", NULL);
  g_assert_true (rpt_customer_store_save (f->store, org, NULL));
  g_object_set (person, "organisation-id", rpt_customer_get_id (org), "referred-by",
                rpt_customer_get_id (org), NULL);
  back = save_and_reload (f, person);
  g_object_get (back, "organisation-name", &org_name, NULL);
  g_assert_cmpstr (org_name, ==, "山海贸易有限公司");
  found = rpt_customer_store_find_by_name (f->store, "山海", RPT_CUSTOMER_ORGANISATION, 5);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_address_needs_a_place (void)
{
  g_autoptr(RptCustomer) c = rpt_customer_new (RPT_CUSTOMER_PERSON);
  g_autofree char *none = NULL;
  g_autofree char *spaces = NULL;
  g_autofree char *madrid = NULL;

  g_object_set (c, "given-name", "Lucía", "family-name", "Ruiz", NULL);
  none = rpt_customer_dup_address (c, "ES");
  g_assert_cmpstr (none, ==, "");                 /* a name alone is no address */
  g_object_set (c, "street", "  ", NULL);
  spaces = rpt_customer_dup_address (c, "ES");
  g_assert_cmpstr (spaces, ==, "");
  g_object_set (c, "locality", "Madrid", NULL);
  madrid = rpt_customer_dup_address (c, "ES");
  g_assert_nonnull (strstr (madrid, "Lucía Ruiz"));
  g_assert_nonnull (strstr (madrid, "Madrid"));
}

int
main (int    argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/core/customer/address-needs-a-place", test_address_needs_a_place);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/customer-store/roundtrip", test_roundtrip);
  ADD ("/core/customer-store/update", test_update);
  ADD ("/core/customer-store/odd-input", test_odd_input);
  ADD ("/core/customer-store/invalid-contacts-kept", test_invalid_contacts_kept);
  ADD ("/core/customer-store/archive", test_archive);
  ADD ("/core/customer-store/timeline", test_timeline);
  ADD ("/core/customer-store/complaint", test_complaint);
  ADD ("/core/customer-store/entry-for-missing-customer", test_entry_for_missing_customer);
  ADD ("/core/customer-store/organisation", test_organisation);
#undef ADD
  return g_test_run ();
}
