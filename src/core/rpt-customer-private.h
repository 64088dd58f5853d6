/* rpt-customer-private.h — the record behind RptCustomer, for its store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customer.h"

G_BEGIN_DECLS

struct _RptCustomer
{
  GObject    parent_instance;

  gint64     id;
  int        kind;
  gint64     organisation_id;
  char      *organisation_name;  /* read from the organisation's card */
  char      *given_name;
  char      *family_name;
  char      *org_name;
  int        name_order;
  char      *job_title;
  char      *street;
  char      *locality;
  char      *region;
  char      *postal_code;
  char      *country;
  char      *language;
  int        channel;
  int        frequency_days;
  gboolean   consent;
  gboolean   do_not_contact;
  char      *industry;
  int        size_band;
  char      *owner;
  char      *notes;
  gint64     referred_by;
  char      *referred_by_name;   /* read from the referrer's card */
  int        stage;
  gboolean   archived;
  char      *created;
  char      *modified;
  char      *last_contact;
  gint64     spend;              /* in cents of the business currency */
  char      *display_name;       /* computed */
  char      *email;              /* first e-mail, for lists */
  char      *phone;              /* first phone, for lists */

  GPtrArray *contact_points;     /* RptContactPoint */
  GPtrArray *tags;               /* RptTagNote */
  gboolean   complete;           /* contact points and tags loaded */
};

void _rpt_customer_update_display_name (RptCustomer *self);

G_END_DECLS
