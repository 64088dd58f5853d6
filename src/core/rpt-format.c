/* rpt-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rpt-format.h"

typedef struct
{
  const char *code;
  const char *symbol;
  int         decimals;
} Currency;

static const Currency currencies[] = {
  { "EUR", "€", 2 }, { "USD", "$", 2 }, { "GBP", "£", 2 }, { "CNY", "¥", 2 },
  { "TWD", "NT$", 0 }, { "HKD", "HK$", 2 }, { "MXN", "MX$", 2 }, { "JPY", "¥", 0 },
  { "ARS", "AR$", 2 }, { "COP", "COL$", 0 }, { "CHF", "CHF", 2 },
};

const char * const *
rpt_currency_codes (void)
{
  static const char *codes[G_N_ELEMENTS (currencies) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
      codes[i] = currencies[i].code;
  return codes;
}

/* The currency of LC_MONETARY, EUR when the locale has none (C, POSIX). */
const char *
rpt_locale_currency (void)
{
  static char code[4];
  struct lconv *lc = localeconv ();

  if (lc->int_curr_symbol != NULL && strlen (lc->int_curr_symbol) >= 3)
    {
      memcpy (code, lc->int_curr_symbol, 3);
      code[3] = '\0';
      return code;
    }
  return "EUR";
}

static const Currency *
find_currency (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currencies[i].code, code) == 0)
      return &currencies[i];
  return NULL;
}

/* Digits grouped and separated as LC_NUMERIC / LC_MONETARY say. */
static char *
group_digits (guint64     units,
              const char *thousands)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, units);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0 && thousands != NULL)
        g_string_append (out, thousands);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
rpt_format_money (gint64      cents,
                  const char *currency)
{
  const Currency *c = find_currency (currency && *currency ? currency : rpt_locale_currency ());
  struct lconv *lc = localeconv ();
  const char *point = lc->mon_decimal_point && *lc->mon_decimal_point ? lc->mon_decimal_point : ".";
  const char *thousands = lc->mon_thousands_sep && *lc->mon_thousands_sep ? lc->mon_thousands_sep : ",";
  gboolean negative = cents < 0;
  guint64 abs_cents = negative ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;
  g_autofree char *whole = NULL;
  g_autofree char *number = NULL;
  const char *symbol = c ? c->symbol : (currency ? currency : "");
  int decimals = c ? c->decimals : 2;
  gboolean before = lc->p_cs_precedes == CHAR_MAX ? TRUE : lc->p_cs_precedes != 0;

  if (g_strcmp0 (point, thousands) == 0)
    thousands = NULL;
  if (decimals == 0)
    {
      whole = group_digits ((abs_cents + 50) / 100, thousands);
      number = g_steal_pointer (&whole);
    }
  else
    {
      whole = group_digits (abs_cents / 100, thousands);
      number = g_strdup_printf ("%s%s%02u", whole, point, (guint) (abs_cents % 100));
    }
  if (before)
    return g_strdup_printf ("%s%s%s", negative ? "−" : "", symbol, number);
  return g_strdup_printf ("%s%s\u00a0%s", negative ? "−" : "", number, symbol);
}

/* Accepts what people type: “12,50”, “1.234,50”, “€ 12.5”, “-3”. */
gboolean
rpt_parse_money (const char *text,
                 gint64     *cents)
{
  GString *digits = g_string_new (NULL);
  gboolean negative = FALSE;
  const char *last_sep = NULL;
  gsize after_sep = 0;
  double value;
  char *end;

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '-')
        negative = TRUE;
      else if (*p == '.' || *p == ',')
        last_sep = p;
    }
  for (const char *p = text ? text : ""; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          if (last_sep != NULL && p > last_sep)
            after_sep++;
        }
      else if (p == last_sep && strlen (p + 1) > 0)
        {
          /* a separator followed by exactly three digits groups thousands */
          gsize trailing = strspn (p + 1, "0123456789");
          if (trailing != 3 || p[1 + trailing] != '\0')
            g_string_append_c (digits, '.');
          else
            last_sep = NULL;
        }
    }
  if (digits->len == 0 || after_sep > 2)
    {
      g_string_free (digits, TRUE);
      return FALSE;
    }
  value = g_ascii_strtod (digits->str, &end);
  g_string_free (digits, TRUE);
  if (value > 1e13)
    return FALSE;
  *cents = (gint64) (value * 100 + 0.5) * (negative ? -1 : 1);
  return TRUE;
}

static GDateTime *
parse_local (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;
  if (strlen (iso) == 10)
    {
      int y, m, d;
      tz = g_time_zone_new_local ();
      if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return NULL;
      return g_date_time_new (tz, y, m, d, 12, 0, 0);
    }
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  return utc ? g_date_time_to_local (utc) : NULL;
}

char *
rpt_format_date (const char *iso)
{
  g_autoptr(GDateTime) dt = parse_local (iso);

  /* %x is the locale's own date: 24/11/2026, 11/24/2026, 2026年11月24日 */
  return dt ? g_date_time_format (dt, "%x") : g_strdup ("");
}

char *
rpt_format_date_time (const char *iso)
{
  g_autoptr(GDateTime) dt = parse_local (iso);

  return dt ? g_date_time_format (dt, "%x %H:%M") : g_strdup ("");
}

char *
rpt_format_relative (const char *iso,
                     GDateTime  *now)
{
  g_autoptr(GDateTime) dt = parse_local (iso);
  g_autoptr(GDate) a = NULL;
  g_autoptr(GDate) b = NULL;
  int days;

  if (dt == NULL)
    return g_strdup (_("never"));
  a = g_date_new_dmy (g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                      g_date_time_get_year (dt));
  b = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
  days = g_date_days_between (a, b);
  if (days == 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("yesterday"));
  if (days > 1 && days < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
  return rpt_format_date (iso);
}

char *
rpt_iso_from_local_date (int year,
                         int month,
                         int day)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;

  local = g_date_time_new (tz, year, month, day, g_date_time_get_hour (now),
                           g_date_time_get_minute (now), g_date_time_get_second (now));
  if (local == NULL)
    return NULL;
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}
