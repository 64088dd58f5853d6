/* rpt-fields.h — table-driven GObject properties for plain record types
 *
 * Customers and timeline entries are records with many scalar fields; one
 * table per type drives their properties instead of hand-written switches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  GType       type;      /* G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT64 or G_TYPE_BOOLEAN */
  gsize       offset;    /* into the instance struct */
  gboolean    read_only;
} RptField;

gboolean rpt_set_str        (char           **dest,
                             const char      *src);
void     rpt_fields_install (GObjectClass    *klass,
                             const RptField  *fields,
                             guint            n_fields,
                             GParamSpec     **pspecs);
void     rpt_fields_get     (GObject         *object,
                             const RptField  *field,
                             GValue          *value);
gboolean rpt_fields_set     (GObject         *object,
                             const RptField  *field,
                             const GValue    *value);
void     rpt_fields_clear   (GObject         *object,
                             const RptField  *fields,
                             guint            n_fields);
void     rpt_fields_copy    (GObject         *dest,
                             GObject         *src,
                             const RptField  *fields,
                             guint            n_fields);

G_END_DECLS
