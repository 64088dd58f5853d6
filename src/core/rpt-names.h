/* rpt-names.h — names, addresses and contact values across cultures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RPT_NAME_ORDER_AUTO,
  RPT_NAME_ORDER_GIVEN_FIRST,
  RPT_NAME_ORDER_FAMILY_FIRST,
} RptNameOrder;

gboolean            rpt_text_has_cjk             (const char   *text);
gboolean            rpt_name_is_family_first     (const char   *given,
                                                  const char   *family,
                                                  RptNameOrder  order,
                                                  const char   *language);
char               *rpt_format_person_name       (const char   *given,
                                                  const char   *family,
                                                  RptNameOrder  order,
                                                  const char   *language);
char               *rpt_format_address           (const char   *recipient,
                                                  const char   *street,
                                                  const char   *locality,
                                                  const char   *region,
                                                  const char   *postal_code,
                                                  const char   *country,
                                                  const char   *home_country);
const char * const *rpt_country_codes            (void);
const char         *rpt_country_name             (const char   *code);
const char         *rpt_country_currency         (const char   *code);
const char * const *rpt_language_codes           (void);
const char         *rpt_language_name            (const char   *code);
gboolean            rpt_email_is_plausible       (const char   *email);
gboolean            rpt_phone_is_plausible       (const char   *phone);

G_END_DECLS
