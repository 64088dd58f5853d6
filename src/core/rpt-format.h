/* rpt-format.h — dates and money as the user's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char               *rpt_format_money        (gint64       cents,
                                             const char  *currency);
char               *rpt_format_money_in     (gint64       cents,
                                             const char  *currency,
                                             const char  *language);
char               *rpt_format_number_in    (double       value,
                                             int          decimals,
                                             const char  *language);
char               *rpt_format_date_in      (const char  *iso,
                                             const char  *format,
                                             const char  *language);
gboolean            rpt_parse_money         (const char  *text,
                                             gint64      *cents);
char               *rpt_format_date         (const char  *iso);
char               *rpt_format_date_time    (const char  *iso);
char               *rpt_format_relative     (const char  *iso,
                                             GDateTime   *now);
char               *rpt_iso_from_local_date (int          year,
                                             int          month,
                                             int          day);
const char * const *rpt_currency_codes      (void);
const char         *rpt_locale_currency     (void);

G_END_DECLS
