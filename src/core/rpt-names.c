/* rpt-names.c — name order and postal address layout per culture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-names"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rpt-names.h"

typedef enum
{
  LAYOUT_WESTERN,      /* recipient, street, postal locality, region */
  LAYOUT_NORTH_AMERICA,/* recipient, street, locality, REGION postal */
  LAYOUT_BRITISH,      /* recipient, street, locality, POSTAL */
  LAYOUT_LATIN_AMERICA,/* recipient, street, postal locality, region */
  LAYOUT_EAST_ASIA,    /* postal, region locality street, recipient — largest unit first */
  LAYOUT_JAPAN,        /* 〒postal, region locality street, recipient 様 */
} AddressLayout;

typedef struct
{
  const char    *code;
  const char    *name;
  AddressLayout  layout;
  const char    *currency;  /* ISO 4217 */
} Country;

static const Country countries[] = {
  { "AR", N_("Argentina"), LAYOUT_LATIN_AMERICA, "ARS" },
  { "AU", N_("Australia"), LAYOUT_NORTH_AMERICA, "AUD" },
  { "BR", N_("Brazil"), LAYOUT_LATIN_AMERICA, "BRL" },
  { "CA", N_("Canada"), LAYOUT_NORTH_AMERICA, "CAD" },
  { "CL", N_("Chile"), LAYOUT_LATIN_AMERICA, "CLP" },
  { "CN", N_("China"), LAYOUT_EAST_ASIA, "CNY" },
  { "CO", N_("Colombia"), LAYOUT_LATIN_AMERICA, "COP" },
  { "DE", N_("Germany"), LAYOUT_WESTERN, "EUR" },
  { "ES", N_("Spain"), LAYOUT_WESTERN, "EUR" },
  { "FR", N_("France"), LAYOUT_WESTERN, "EUR" },
  { "GB", N_("United Kingdom"), LAYOUT_BRITISH, "GBP" },
  { "HK", N_("Hong Kong"), LAYOUT_EAST_ASIA, "HKD" },
  { "IT", N_("Italy"), LAYOUT_WESTERN, "EUR" },
  { "JP", N_("Japan"), LAYOUT_JAPAN, "JPY" },
  { "KR", N_("South Korea"), LAYOUT_EAST_ASIA, "KRW" },
  { "MO", N_("Macao"), LAYOUT_EAST_ASIA, "MOP" },
  { "MX", N_("Mexico"), LAYOUT_LATIN_AMERICA, "MXN" },
  { "NL", N_("Netherlands"), LAYOUT_WESTERN, "EUR" },
  { "PE", N_("Peru"), LAYOUT_LATIN_AMERICA, "PEN" },
  { "PT", N_("Portugal"), LAYOUT_WESTERN, "EUR" },
  { "SG", N_("Singapore"), LAYOUT_BRITISH, "SGD" },
  { "TW", N_("Taiwan"), LAYOUT_EAST_ASIA, "TWD" },
  { "US", N_("United States"), LAYOUT_NORTH_AMERICA, "USD" },
};

typedef struct
{
  const char *code;
  const char *name;
} Language;

static const Language languages[] = {
  { "en", N_("English") },
  { "es", N_("Spanish") },
  { "zh_CN", N_("Chinese (Simplified)") },
  { "zh_TW", N_("Chinese (Traditional)") },
  { "fr", N_("French") },
  { "de", N_("German") },
  { "ja", N_("Japanese") },
  { "ko", N_("Korean") },
  { "pt", N_("Portuguese") },
};

static gboolean
unichar_is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF)     /* unified ideographs */
      || (c >= 0x3400 && c <= 0x4DBF)     /* extension A */
      || (c >= 0x20000 && c <= 0x2FA1F)   /* extensions B… and compatibility */
      || (c >= 0xF900 && c <= 0xFAFF)
      || (c >= 0x3040 && c <= 0x30FF)     /* kana */
      || (c >= 0xAC00 && c <= 0xD7AF);    /* hangul */
}

gboolean
rpt_text_has_cjk (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (unichar_is_cjk (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
language_is_family_first (const char *language)
{
  return language != NULL
         && (g_str_has_prefix (language, "zh") || g_str_has_prefix (language, "ja")
             || g_str_has_prefix (language, "ko") || g_str_has_prefix (language, "hu")
             || g_str_has_prefix (language, "vi"));
}

gboolean
rpt_name_is_family_first (const char   *given,
                          const char   *family,
                          RptNameOrder  order,
                          const char   *language)
{
  if (order == RPT_NAME_ORDER_GIVEN_FIRST)
    return FALSE;
  if (order == RPT_NAME_ORDER_FAMILY_FIRST)
    return TRUE;
  /* A name written in Han, kana or hangul keeps its own order whatever the
   * customer's language; a Latin-script name follows the language. */
  if (rpt_text_has_cjk (family) || rpt_text_has_cjk (given))
    return TRUE;
  return language_is_family_first (language);
}

char *
rpt_format_person_name (const char   *given,
                        const char   *family,
                        RptNameOrder  order,
                        const char   *language)
{
  g_autofree char *g = g_strstrip (g_strdup (given ? given : ""));
  g_autofree char *f = g_strstrip (g_strdup (family ? family : ""));
  const char *first, *second, *sep;

  if (*g == '\0')
    return g_steal_pointer (&f);
  if (*f == '\0')
    return g_steal_pointer (&g);

  if (rpt_name_is_family_first (g, f, order, language))
    {
      first = f;
      second = g;
      /* 王伟, not 王 伟: CJK names are written without a space. */
      sep = (rpt_text_has_cjk (f) && rpt_text_has_cjk (g)) ? "" : " ";
    }
  else
    {
      first = g;
      second = f;
      sep = " ";
    }
  return g_strconcat (first, sep, second, NULL);
}

static const Country *
find_country (const char *code)
{
  if (code == NULL || *code == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_ascii_strcasecmp (countries[i].code, code) == 0)
      return &countries[i];
  return NULL;
}

const char * const *
rpt_country_codes (void)
{
  static const char *codes[G_N_ELEMENTS (countries) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
      codes[i] = countries[i].code;
  return codes;
}

const char *
rpt_country_name (const char *code)
{
  const Country *c = find_country (code);

  return c ? _(c->name) : (code ? code : "");
}

/* The currency of a country, NULL for a country we do not know */
const char *
rpt_country_currency (const char *code)
{
  const Country *c = find_country (code);

  return c ? c->currency : NULL;
}

const char * const *
rpt_language_codes (void)
{
  static const char *codes[G_N_ELEMENTS (languages) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
      codes[i] = languages[i].code;
  return codes;
}

const char *
rpt_language_name (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return _(languages[i].name);
  return code ? code : "";
}

static void
add_line (GPtrArray  *lines,
          const char *a,
          const char *sep,
          const char *b)
{
  g_autofree char *sa = g_strstrip (g_strdup (a ? a : ""));
  g_autofree char *sb = g_strstrip (g_strdup (b ? b : ""));

  if (*sa && *sb)
    g_ptr_array_add (lines, g_strconcat (sa, sep, sb, NULL));
  else if (*sa || *sb)
    g_ptr_array_add (lines, g_strdup (*sa ? sa : sb));
}

static void
layout_east_asia (GPtrArray   *lines,
                  const char  *recipient,
                  const char  *street,
                  const char  *locality,
                  const char  *region,
                  const char  *postal,
                  gboolean     japan)
{
  g_autofree char *place = NULL;
  g_autofree char *prefixed = NULL;
  gboolean cjk = rpt_text_has_cjk (street) || rpt_text_has_cjk (locality);

  if (postal && *postal)
    prefixed = japan ? g_strconcat ("〒", postal, NULL) : g_strdup (postal);
  add_line (lines, prefixed, "", NULL);
  /* Largest unit first, run together when written in Han characters. */
  place = g_strjoin (cjk ? "" : " ", region ? region : "", locality ? locality : "",
                     street ? street : "", NULL);
  add_line (lines, g_strstrip (place), "", NULL);
  add_line (lines, recipient, japan && cjk ? " " : "", japan && cjk ? "様" : NULL);
}

char *
rpt_format_address (const char *recipient,
                    const char *street,
                    const char *locality,
                    const char *region,
                    const char *postal_code,
                    const char *country,
                    const char *home_country)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const Country *c = find_country (country);
  AddressLayout layout = c ? c->layout : LAYOUT_WESTERN;
  g_autofree char *upper = NULL;

  switch (layout)
    {
    case LAYOUT_EAST_ASIA:
    case LAYOUT_JAPAN:
      layout_east_asia (lines, recipient, street, locality, region, postal_code,
                        layout == LAYOUT_JAPAN);
      break;
    case LAYOUT_NORTH_AMERICA:
      add_line (lines, recipient, "", NULL);
      add_line (lines, street, "", NULL);
      {
        g_autofree char *tail = g_strjoin (" ", region ? region : "", postal_code ? postal_code : "", NULL);
        add_line (lines, locality, ", ", g_strstrip (tail));
      }
      break;
    case LAYOUT_BRITISH:
      add_line (lines, recipient, "", NULL);
      add_line (lines, street, "", NULL);
      add_line (lines, locality, "", NULL);
      upper = postal_code ? g_utf8_strup (postal_code, -1) : NULL;
      add_line (lines, upper, "", NULL);
      break;
    case LAYOUT_LATIN_AMERICA:
    case LAYOUT_WESTERN:
    default:
      add_line (lines, recipient, "", NULL);
      add_line (lines, street, "", NULL);
      add_line (lines, postal_code, " ", locality);
      if (layout == LAYOUT_LATIN_AMERICA || (c && g_str_equal (c->code, "ES")))
        add_line (lines, region, "", NULL);
      break;
    }

  /* The country line only when the letter crosses a border. */
  if (c != NULL && (home_country == NULL || g_ascii_strcasecmp (c->code, home_country) != 0))
    g_ptr_array_add (lines, g_utf8_strup (_(c->name), -1));
  else if (c == NULL && country != NULL && *country != '\0'
           && (home_country == NULL || g_ascii_strcasecmp (country, home_country) != 0))
    g_ptr_array_add (lines, g_utf8_strup (country, -1));

  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

gboolean
rpt_email_is_plausible (const char *email)
{
  const char *at, *dot;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    return FALSE;
  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  return TRUE;
}

gboolean
rpt_phone_is_plausible (const char *phone)
{
  guint digits = 0;

  if (phone == NULL)
    return FALSE;
  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr (" +-().#/x", *p))
        return FALSE;
    }
  return digits >= 5 && digits <= 17;
}
