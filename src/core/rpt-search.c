/* rpt-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-search"

#include "config.h"

#include <string.h>

#include "rpt-search.h"

static gboolean
is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
      || (c >= 0x20000 && c <= 0x2FA1F) || (c >= 0xF900 && c <= 0xFAFF)
      || (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF);
}

/* Case, width and accents do not matter when searching: “López”, “LOPEZ”
 * and “lopez” are one; full-width Ａ is A. */
/* Most names are ASCII or plain Han characters, which fold to themselves
 * (but for ASCII case); only the rest needs Unicode normalization. */
static char *
fold_simple (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; )
    {
      guchar b = (guchar) *p;

      if (b < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (b));
          p++;
          continue;
        }
      {
        gunichar c = g_utf8_get_char_validated (p, -1);
        const char *next;

        if (c == (gunichar) -1 || c == (gunichar) -2 || !(c >= 0x4E00 && c <= 0x9FFF))
          {
            g_string_free (out, TRUE);
            return NULL;
          }
        next = g_utf8_next_char (p);
        g_string_append_len (out, p, next - p);
        p = next;
      }
    }
  return g_string_free (out, FALSE);
}

char *
rpt_search_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if ((folded = fold_simple (text)) != NULL)
    return g_steal_pointer (&folded);
  valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK
          || t == G_UNICODE_SPACING_MARK || t == G_UNICODE_FORMAT)
        continue;
      g_string_append_unichar (out, c);
    }
  folded = g_utf8_casefold (out->str, out->len);
  g_string_free (out, TRUE);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
add_key (GPtrArray  *keys,
         GHashTable *seen,
         const char *start,
         guint       n_chars)
{
  const char *end = g_utf8_offset_to_pointer (start, n_chars);
  char *key = g_strndup (start, end - start);

  if (g_hash_table_add (seen, key))
    g_ptr_array_add (keys, g_strdup (key));
}

GPtrArray *
rpt_search_name_keys (const char *name_text)
{
  g_autofree char *folded = rpt_search_fold (name_text);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  const char *p = folded;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_han (c))
        {
          /* each suffix of a Han run, cut to the key length */
          const char *q = p;
          guint run = 0;
          while (*q && is_han (g_utf8_get_char (q)))
            {
              q = g_utf8_next_char (q);
              run++;
            }
          for (const char *s = p; s < q; s = g_utf8_next_char (s), run--)
            add_key (keys, seen, s, MIN (run, RPT_SEARCH_SHORT_KEY_CHARS));
          p = q;
        }
      else if (is_word_char (c))
        {
          const char *q = p;
          guint len = 0;
          while (*q && is_word_char (g_utf8_get_char (q)) && !is_han (g_utf8_get_char (q)))
            {
              q = g_utf8_next_char (q);
              len++;
            }
          add_key (keys, seen, p, MIN (len, RPT_SEARCH_SHORT_KEY_CHARS));
          p = q;
        }
      else
        p = g_utf8_next_char (p);
    }
  return keys;
}

char **
rpt_search_split_query (const char *query)
{
  g_autofree char *folded = rpt_search_fold (query);
  GPtrArray *words = g_ptr_array_new ();
  const char *start = NULL;

  /* by characters, not bytes: U+3000 (the ideographic space) shares bytes
   * with Han characters such as 怡 and 秀 */
  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gboolean end = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (end && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      else if (!end && start == NULL)
        start = p;
      if (*p == '\0')
        break;
    }
  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (words, FALSE);
}

/* Every word of three characters or more as a quoted FTS5 phrase; the user's
 * text never reaches the FTS5 query syntax unquoted. NULL when none. */
char *
rpt_search_fts_query (char **words)
{
  GString *q = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_utf8_strlen (words[i], -1) < 3)
        continue;
      if (q->len > 0)
        g_string_append_c (q, ' ');
      g_string_append_c (q, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (q, '"');
          g_string_append_c (q, *p);
        }
      g_string_append_c (q, '"');
    }
  if (q->len == 0)
    {
      g_string_free (q, TRUE);
      return NULL;
    }
  return g_string_free (q, FALSE);
}

/* The smallest string greater than every string that starts with KEY. */
char *
rpt_search_key_upper (const char *key)
{
  glong n = g_utf8_strlen (key, -1);
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (key, -1, NULL);

  if (n == 0)
    return g_strdup ("\xf4\x8f\xbf\xbf");
  chars[n - 1]++;
  return g_ucs4_to_utf8 (chars, n, NULL, NULL, NULL);
}

RptBitset *
rpt_bitset_new (guint32 n_bits)
{
  RptBitset *set = g_new0 (RptBitset, 1);

  set->n_bits = n_bits;
  set->words = g_new0 (guint64, (n_bits + 63) / 64 + 1);
  return set;
}

void
rpt_bitset_free (RptBitset *set)
{
  if (set == NULL)
    return;
  g_free (set->words);
  g_free (set);
}

void
rpt_bitset_add (RptBitset *set,
                guint32    bit)
{
  if (bit < set->n_bits)
    set->words[bit >> 6] |= G_GUINT64_CONSTANT (1) << (bit & 63);
}

void
rpt_bitset_intersect (RptBitset       *set,
                      const RptBitset *other)
{
  guint32 n = (set->n_bits + 63) / 64;
  guint32 m = (other->n_bits + 63) / 64;

  for (guint32 i = 0; i < n; i++)
    set->words[i] &= i < m ? other->words[i] : 0;
}
