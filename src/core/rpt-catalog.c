/* rpt-catalog.c — reads the compiled message catalogues (.mo) directly
 *
 * gettext answers in one language per process (LANGUAGE wins over any
 * per-thread locale), but a run of letters speaks each customer's own
 * language, from several threads at once. So the catalogue files that
 * gettext would use are mapped here and searched read-only: safe from any
 * thread, and the same translations the po/ files hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rpt-catalog.h"

#define MO_MAGIC 0x950412de
#define MO_MAGIC_SWAPPED 0xde120495

struct _RptCatalog
{
  char         *language;
  GMappedFile  *file;
  const guint8 *data;
  gsize         size;
  gboolean      swapped;
  guint32       n_strings;
  guint32       originals;
  guint32       translations;
};

static guint32
read_u32 (RptCatalog *self,
          gsize       offset)
{
  guint32 value;

  if (offset + 4 > self->size)
    return 0;
  memcpy (&value, self->data + offset, 4);
  return self->swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* The string at table entry INDEX, or NULL when the entry points outside
 * the file or is not NUL-terminated: a damaged file translates nothing. */
static const char *
table_string (RptCatalog *self,
              guint32     table,
              guint32     index,
              guint32    *length)
{
  gsize entry = (gsize) table + (gsize) index * 8;
  guint32 len = read_u32 (self, entry);
  guint32 offset = read_u32 (self, entry + 4);

  if (entry + 8 > self->size || (gsize) offset + len >= self->size || self->data[offset + len] != '\0')
    return NULL;
  if (length != NULL)
    *length = len;
  return (const char *) self->data + offset;
}

static void
catalog_load (RptCatalog *self)
{
  const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *path = NULL;
  guint32 magic;

  if (dir == NULL || self->language[0] == '\0')
    return;
  path = g_build_filename (dir, self->language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  self->file = g_mapped_file_new (path, FALSE, NULL);
  if (self->file == NULL)
    return;
  self->data = (const guint8 *) g_mapped_file_get_contents (self->file);
  self->size = g_mapped_file_get_length (self->file);
  if (self->size < 28)
    return;
  memcpy (&magic, self->data, 4);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    {
      self->size = 0;
      return;
    }
  self->swapped = magic == MO_MAGIC_SWAPPED;
  self->n_strings = read_u32 (self, 8);
  self->originals = read_u32 (self, 12);
  self->translations = read_u32 (self, 16);
}

/* The catalogue for LANGUAGE (“es”, “zh_CN”), loaded once and kept for
 * the life of the process; a language without one translates nothing. */
RptCatalog *
rpt_catalog_get (const char *language)
{
  static GMutex lock;
  static GHashTable *catalogs;
  RptCatalog *catalog;

  g_mutex_lock (&lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  catalog = g_hash_table_lookup (catalogs, language ? language : "");
  if (catalog == NULL)
    {
      catalog = g_new0 (RptCatalog, 1);
      catalog->language = g_strdup (language ? language : "");
      catalog_load (catalog);
      g_hash_table_insert (catalogs, catalog->language, catalog);
    }
  g_mutex_unlock (&lock);
  return catalog;
}

const char *
rpt_catalog_language (RptCatalog *self)
{
  return self->language;
}

/* Binary search: msgfmt writes the originals sorted by byte value. */
const char *
rpt_catalog_gettext (RptCatalog *self,
                     const char *msgid)
{
  guint32 low = 0, high = self->n_strings;

  while (low < high)
    {
      guint32 mid = low + (high - low) / 2;
      const char *original = table_string (self, self->originals, mid, NULL);
      int cmp;

      if (original == NULL)
        return msgid;
      cmp = strcmp (msgid, original);
      if (cmp == 0)
        {
          guint32 len = 0;
          const char *translation = table_string (self, self->translations, mid, &len);

          return translation != NULL && len > 0 ? translation : msgid;
        }
      if (cmp < 0)
        high = mid;
      else
        low = mid + 1;
    }
  /* contexts are written “context\004text”; untranslated, show the text */
  return strchr (msgid, '\004') ? strchr (msgid, '\004') + 1 : msgid;
}

/* The language Rapport has letters and pages in that is closest to WANTED
 * (“es_MX” → “es”, “zh_HK” → “zh_TW”, “zh” → “zh_CN”); NULL when none is. */
char *
rpt_language_best (const char *wanted)
{
  static const char *const supported[] = { "en", "es", "zh_CN", "zh_TW" };
  g_autofree char *tag = NULL;
  char *sep;

  if (wanted == NULL || *wanted == '\0')
    return NULL;
  tag = g_strdelimit (g_strdup (wanted), "-", '_');
  if ((sep = strpbrk (tag, ".@")) != NULL)
    *sep = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (supported); i++)
    if (g_ascii_strcasecmp (tag, supported[i]) == 0)
      return g_strdup (supported[i]);
  if (g_ascii_strncasecmp (tag, "zh", 2) == 0)
    {
      g_autofree char *rest = g_ascii_strup (tag + 2, -1);

      if (strstr (rest, "HANT") || strstr (rest, "TW") || strstr (rest, "HK") || strstr (rest, "MO"))
        return g_strdup ("zh_TW");
      return g_strdup ("zh_CN");
    }
  if ((sep = strchr (tag, '_')) != NULL)
    *sep = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (supported); i++)
    if (g_ascii_strcasecmp (tag, supported[i]) == 0)
      return g_strdup (supported[i]);
  return NULL;
}
