/* rpt-search.h — how text is folded, indexed and queried
 *
 * Three characters and more go to the FTS5 trigram index (substrings in any
 * script). One and two characters cannot use trigrams, so every word of a
 * name is also stored as a short key: Latin words by their first two letters
 * (matched as prefixes), runs of Han characters by each suffix's first two
 * characters (so 伟 and 王伟 both find 王伟).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RPT_SEARCH_SHORT_KEY_CHARS 2

char      *rpt_search_fold        (const char *text);
GPtrArray *rpt_search_name_keys   (const char *name_text);
char     **rpt_search_split_query (const char *query);
char      *rpt_search_fts_query   (char      **words);
char      *rpt_search_key_upper   (const char *key);

typedef struct
{
  guint64 *words;
  guint32  n_bits;
} RptBitset;

RptBitset *rpt_bitset_new       (guint32          n_bits);
void       rpt_bitset_free      (RptBitset       *set);
void       rpt_bitset_add       (RptBitset       *set,
                                 guint32          bit);
void       rpt_bitset_intersect (RptBitset       *set,
                                 const RptBitset *other);

static inline gboolean
rpt_bitset_has (const RptBitset *set,
                guint32          bit)
{
  return bit < set->n_bits && (set->words[bit >> 6] >> (bit & 63)) & 1;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptBitset, rpt_bitset_free)

G_END_DECLS
