/* rpt-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
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
  { "ARS", "AR$", 2 }, { "COP", "COL$", 0 }, { "CHF", "CHF", 2 }, { "AUD", "A$", 2 },
  { "BRL", "R$", 2 }, { "CAD", "CA$", 2 }, { "CLP", "CLP$", 0 }, { "KRW", "₩", 0 },
  { "MOP", "MOP$", 2 }, { "PEN", "S/", 2 }, { "SGD", "S$", 2 },
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

static char *
format_money_with (gint64      cents,
                   const char *currency,
                   const char *point,
                   const char *thousands,
                   gboolean    before)
{
  const Currency *c = find_currency (currency);
  gboolean negative = cents < 0;
  guint64 abs_cents = negative ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;
  g_autofree char *number = NULL;
  const char *symbol = c ? c->symbol : (currency ? currency : "");
  int decimals = c ? c->decimals : 2;

  if (point == NULL || *point == '\0')
    point = ".";
  if (thousands != NULL && (*thousands == '\0' || strcmp (point, thousands) == 0))
    thousands = NULL;
  if (decimals == 0)
    number = group_digits ((abs_cents + 50) / 100, thousands);
  else
    {
      g_autofree char *whole = group_digits (abs_cents / 100, thousands);

      number = g_strdup_printf ("%s%s%02u", whole, point, (guint) (abs_cents % 100));
    }
  if (before)
    return g_strdup_printf ("%s%s%s", negative ? "−" : "", symbol, number);
  return g_strdup_printf ("%s%s\u00a0%s", negative ? "−" : "", number, symbol);
}

char *
rpt_format_money (gint64      cents,
                  const char *currency)
{
  struct lconv *lc = localeconv ();

  return format_money_with (cents, currency && *currency ? currency : rpt_locale_currency (),
                            lc->mon_decimal_point,
                            lc->mon_thousands_sep && *lc->mon_thousands_sep ? lc->mon_thousands_sep : ",",
                            lc->p_cs_precedes == CHAR_MAX ? TRUE : lc->p_cs_precedes != 0);
}

/* The C library's conventions for LANGUAGE, whatever the process's locale
 * is: a letter is written in its reader's language. Created once per
 * language; C.UTF-8 when the system lacks that locale. */
static locale_t
language_locale (const char *language)
{
  static GMutex lock;
  static GHashTable *locales;
  static const struct { const char *language, *locale; } known[] = {
    { "en", "en_US.UTF-8" }, { "es", "es_ES.UTF-8" },
    { "zh_CN", "zh_CN.UTF-8" }, { "zh_TW", "zh_TW.UTF-8" },
  };
  locale_t loc;

  if (language == NULL)
    language = "";
  g_mutex_lock (&lock);
  if (locales == NULL)
    locales = g_hash_table_new (g_str_hash, g_str_equal);
  loc = g_hash_table_lookup (locales, language);
  if (loc == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s.UTF-8", language);

      for (guint i = 0; i < G_N_ELEMENTS (known); i++)
        if (strcmp (known[i].language, language) == 0)
          {
            g_free (name);
            name = g_strdup (known[i].locale);
          }
      loc = newlocale (LC_ALL_MASK, name, (locale_t) 0);
      if (loc == (locale_t) 0)
        loc = newlocale (LC_ALL_MASK, "C.UTF-8", (locale_t) 0);
      if (loc == (locale_t) 0)
        loc = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      g_hash_table_insert (locales, g_strdup (language), loc);
    }
  g_mutex_unlock (&lock);
  return loc;
}

char *
rpt_format_money_in (gint64      cents,
                     const char *currency,
                     const char *language)
{
  locale_t loc = language_locale (language);
  const char *thousands = nl_langinfo_l (__MON_THOUSANDS_SEP, loc);
  char precedes = *nl_langinfo_l (__P_CS_PRECEDES, loc);

  return format_money_with (cents, currency, nl_langinfo_l (__MON_DECIMAL_POINT, loc),
                            thousands && *thousands ? thousands : ",",
                            precedes == CHAR_MAX ? TRUE : precedes != 0);
}

char *
rpt_format_number_in (double      value,
                      int         decimals,
                      const char *language)
{
  locale_t loc = language_locale (language);
  const char *point = nl_langinfo_l (RADIXCHAR, loc);
  const char *thousands = nl_langinfo_l (THOUSEP, loc);
  gboolean negative = value < 0;
  double rounded;
  g_autofree char *whole = NULL;

  decimals = CLAMP (decimals, 0, 6);
  rounded = round (fabs (value) * pow (10, decimals));
  if (!isfinite (value) || rounded >= 9e18)
    return g_strdup_printf ("%g", value);
  whole = group_digits ((guint64) rounded / (guint64) pow (10, decimals),
                        thousands && *thousands ? thousands : NULL);
  if (decimals == 0)
    return g_strdup_printf ("%s%s", negative && rounded > 0 ? "−" : "", whole);
  return g_strdup_printf ("%s%s%s%0*" G_GUINT64_FORMAT, negative && rounded > 0 ? "−" : "", whole,
                          point && *point ? point : ".", decimals,
                          (guint64) rounded % (guint64) pow (10, decimals));
}

/* ISO date (or date and time) in LANGUAGE: FORMAT is a strftime pattern
 * (a letter's long date comes from that language's catalogue); NULL when
 * ISO is not a date. */
char *
rpt_format_date_in (const char *iso,
                    const char *format,
                    const char *language)
{
  locale_t loc = language_locale (language);
  struct tm tm = { 0 };
  int year, month, day;
  char buffer[256];
  gsize len;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    return NULL;
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, day, month, year);
    tm.tm_wday = g_date_get_weekday (&date) % 7;
    tm.tm_yday = g_date_get_day_of_year (&date) - 1;
  }
  if (format == NULL)
    format = nl_langinfo_l (D_FMT, loc);
  len = strftime_l (buffer, sizeof buffer, format, &tm, loc);
  if (len == 0)
    return NULL;
  return g_strndup (buffer, len);
}

/* The amount as plain ASCII: digits (full-width or any script's) become
 * 0–9, full-width and typographic signs their ASCII forms; spaces,
 * apostrophes, currency signs and a currency code (EUR, CNY) before or
 * after the number are dropped.
 * NULL when anything else is in the text. */
static gboolean
is_currency_code (const char *p,
                  const char *end)
{
  return end - p == 3 && g_ascii_isalpha (p[0]) && g_ascii_isalpha (p[1]) && g_ascii_isalpha (p[2]);
}

static char *
normalize_amount (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  const char *start = trimmed, *end = trimmed + strlen (trimmed);

  /* a currency code before or after the number: EUR 12 or 12 EUR */
  if (end - start > 3 && is_currency_code (start, start + 3) && !g_ascii_isalpha (start[3]))
    start += 3;
  else if (end - start > 3 && is_currency_code (end - 3, end) && !g_ascii_isalpha (end[-4]))
    end -= 3;
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int digit = g_unichar_digit_value (c);

      if (digit >= 0)
        g_string_append_c (out, (char) ('0' + digit));
      else if (c == '.' || c == 0xFF0E)
        g_string_append_c (out, '.');
      else if (c == ',' || c == 0xFF0C || c == 0x3001)
        g_string_append_c (out, ',');
      else if (c == '-' || c == 0x2212 || c == 0xFF0D)
        g_string_append_c (out, '-');
      else if (g_unichar_isspace (c) || c == 0x202F || c == '\'' || c == 0x2019
               || g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL)
        continue;
      else
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }
  return g_string_free (out, FALSE);
}

/* Accepts what people type: “12,50”, “1.234,50”, “€ 12.5”, “-3”, “１２.５０”,
 * “12.50 EUR”; refuses anything else (“12,5x”, “1,2,3”, “1.2345”) rather
 * than guess. A separator followed by exactly three digits at the end
 * groups thousands; the other separators must group by three. */
gboolean
rpt_parse_money (const char *text,
                 gint64     *cents)
{
  g_autofree char *plain = normalize_amount (text ? text : "");
  const char *p, *decimal = NULL;
  gboolean negative = FALSE;
  gint64 whole = 0, fraction = 0;
  guint group = 0, n_digits = 0, n_fraction = 0;
  gboolean grouped = FALSE;

  if (plain == NULL)
    return FALSE;
  p = plain;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  /* the decimal separator: the last one, unless three digits close the text */
  for (const char *q = p; *q != '\0'; q++)
    if (*q == '.' || *q == ',')
      decimal = q;
  if (decimal != NULL && strlen (decimal + 1) == 3 && strspn (decimal + 1, "0123456789") == 3)
    decimal = NULL;
  for (const char *q = p; *q != '\0'; q++)
    {
      if (q == decimal)
        continue;
      if (g_ascii_isdigit (*q))
        {
          if (decimal != NULL && q > decimal)
            {
              if (++n_fraction > 2)
                return FALSE;
              fraction = fraction * 10 + (*q - '0');
            }
          else
            {
              if (++n_digits > 13)
                return FALSE;
              whole = whole * 10 + (*q - '0');
              group++;
            }
        }
      else if ((*q == '.' || *q == ',') && (decimal == NULL || q < decimal))
        {
          /* a thousands separator: after 1–3 digits, or after a full group */
          if (group == 0 || group > 3 || (grouped && group != 3))
            return FALSE;
          grouped = TRUE;
          group = 0;
        }
      else
        return FALSE;
    }
  if (grouped && group != 3)
    return FALSE;
  if (n_digits == 0 && n_fraction == 0)
    return FALSE;
  if (n_fraction == 1)
    fraction *= 10;
  *cents = (whole * 100 + fraction) * (negative ? -1 : 1);
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
