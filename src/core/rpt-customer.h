/* rpt-customer.h — a customer card: a person or an organisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RPT_CUSTOMER_PERSON,
  RPT_CUSTOMER_ORGANISATION,
} RptCustomerKind;

typedef enum
{
  RPT_STAGE_CONTACT,
  RPT_STAGE_RELATIONSHIP,
  RPT_STAGE_INTIMACY,
  RPT_STAGE_TRUST,
  RPT_N_STAGES
} RptStage;

typedef enum
{
  RPT_CHANNEL_ANY,
  RPT_CHANNEL_LETTER,
  RPT_CHANNEL_EMAIL,
  RPT_CHANNEL_PHONE,
  RPT_CHANNEL_VISIT,
  RPT_CHANNEL_NONE,
  RPT_N_CHANNELS
} RptChannel;

typedef enum
{
  RPT_SIZE_UNKNOWN,
  RPT_SIZE_SOLO,      /* 1 */
  RPT_SIZE_MICRO,     /* 2–9 */
  RPT_SIZE_SMALL,     /* 10–49 */
  RPT_SIZE_MEDIUM,    /* 50–249 */
  RPT_SIZE_LARGE,     /* 250+ */
  RPT_N_SIZES
} RptSizeBand;

typedef enum
{
  RPT_CONTACT_PHONE,
  RPT_CONTACT_EMAIL,
} RptContactKind;

typedef struct
{
  RptContactKind  kind;
  char           *label;
  char           *value;
} RptContactPoint;

typedef struct
{
  char *name;
  char *noted_on;  /* YYYY-MM-DD */
} RptTagNote;

#define RPT_TYPE_CONTACT_POINT (rpt_contact_point_get_type ())
#define RPT_TYPE_TAG_NOTE (rpt_tag_note_get_type ())
GType            rpt_contact_point_get_type (void) G_GNUC_CONST;
RptContactPoint *rpt_contact_point_new      (RptContactKind         kind,
                                             const char            *label,
                                             const char            *value);
RptContactPoint *rpt_contact_point_copy     (const RptContactPoint *point);
void             rpt_contact_point_free     (RptContactPoint       *point);
gboolean         rpt_contact_point_is_plausible (const RptContactPoint *point);
GType            rpt_tag_note_get_type      (void) G_GNUC_CONST;
RptTagNote      *rpt_tag_note_new           (const char            *name,
                                             const char            *noted_on);
RptTagNote      *rpt_tag_note_copy          (const RptTagNote      *note);
void             rpt_tag_note_free          (RptTagNote            *note);

#define RPT_TYPE_CUSTOMER (rpt_customer_get_type ())
G_DECLARE_FINAL_TYPE (RptCustomer, rpt_customer, RPT, CUSTOMER, GObject)

RptCustomer *rpt_customer_new               (RptCustomerKind  kind);
RptCustomer *rpt_customer_copy              (RptCustomer     *self);
gint64       rpt_customer_get_id            (RptCustomer     *self);
RptCustomerKind rpt_customer_get_kind       (RptCustomer     *self);
RptStage     rpt_customer_get_stage         (RptCustomer     *self);
gboolean     rpt_customer_get_archived      (RptCustomer     *self);
const char  *rpt_customer_get_display_name  (RptCustomer     *self);
char        *rpt_customer_dup_address       (RptCustomer     *self,
                                             const char      *home_country);
char        *rpt_customer_dup_search_text   (RptCustomer     *self);
char        *rpt_customer_dup_sort_name     (RptCustomer     *self);
GPtrArray   *rpt_customer_get_contact_points (RptCustomer    *self);
GPtrArray   *rpt_customer_get_tags          (RptCustomer     *self);
const char  *rpt_customer_get_primary       (RptCustomer     *self,
                                             RptContactKind   kind);
guint        rpt_customer_count_flagged     (RptCustomer     *self);

const char  *rpt_stage_to_string            (RptStage         stage);
const char  *rpt_channel_to_string          (RptChannel       channel);
const char  *rpt_size_band_to_string        (RptSizeBand      band);
/* “size\004…”: for looking the words up in another language's catalog */
const char  *rpt_size_band_msgid            (RptSizeBand      band);

G_END_DECLS
