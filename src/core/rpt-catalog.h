/* rpt-catalog.h — the app's translations in a language other than the UI's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Marks a string that is shown in the customer's language (a letter, a
 * web page), looked up with rpt_catalog_gettext() rather than _(). */
#define LN_(text) (text)
#define LNC_(context, text) (context "\004" text)

typedef struct _RptCatalog RptCatalog;

RptCatalog *rpt_catalog_get       (const char *language);
const char *rpt_catalog_language  (RptCatalog *self);
const char *rpt_catalog_gettext   (RptCatalog *self,
                                   const char *msgid);
char       *rpt_language_best     (const char *wanted);

G_END_DECLS
