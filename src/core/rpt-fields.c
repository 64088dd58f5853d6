/* rpt-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-fields"

#include "config.h"

#include "rpt-fields.h"

#define FIELD_PTR(obj, f) ((gpointer) (((guint8 *) (obj)) + (f)->offset))

/* GLib 2.76 has g_set_str(); 2.74 is the floor. */
gboolean
rpt_set_str (char       **dest,
             const char  *src)
{
  if (g_strcmp0 (*dest, src) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (src);
  return TRUE;
}

void
rpt_fields_install (GObjectClass    *klass,
                    const RptField  *fields,
                    guint            n_fields,
                    GParamSpec     **pspecs)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const RptField *f = &fields[i];
      GParamFlags flags = G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY
                          | (f->read_only ? G_PARAM_READABLE : G_PARAM_READWRITE);

      if (f->type == G_TYPE_STRING)
        pspecs[i + 1] = g_param_spec_string (f->name, NULL, NULL, "", flags);
      else if (f->type == G_TYPE_INT)
        pspecs[i + 1] = g_param_spec_int (f->name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
      else if (f->type == G_TYPE_INT64)
        pspecs[i + 1] = g_param_spec_int64 (f->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
      else if (f->type == G_TYPE_BOOLEAN)
        pspecs[i + 1] = g_param_spec_boolean (f->name, NULL, NULL, FALSE, flags);
      else
        g_assert_not_reached ();
    }
  g_object_class_install_properties (klass, n_fields + 1, pspecs);
}

void
rpt_fields_get (GObject        *object,
                const RptField *field,
                GValue         *value)
{
  gpointer p = FIELD_PTR (object, field);

  if (field->type == G_TYPE_STRING)
    g_value_set_string (value, *(char **) p ? *(char **) p : "");
  else if (field->type == G_TYPE_INT)
    g_value_set_int (value, *(int *) p);
  else if (field->type == G_TYPE_INT64)
    g_value_set_int64 (value, *(gint64 *) p);
  else
    g_value_set_boolean (value, *(gboolean *) p);
}

/* Returns TRUE when the value changed (the caller notifies). */
gboolean
rpt_fields_set (GObject        *object,
                const RptField *field,
                const GValue   *value)
{
  gpointer p = FIELD_PTR (object, field);

  if (field->type == G_TYPE_STRING)
    {
      const char *s = g_value_get_string (value);
      return rpt_set_str ((char **) p, s ? s : "");
    }
  if (field->type == G_TYPE_INT)
    {
      int v = g_value_get_int (value);
      if (*(int *) p == v)
        return FALSE;
      *(int *) p = v;
      return TRUE;
    }
  if (field->type == G_TYPE_INT64)
    {
      gint64 v = g_value_get_int64 (value);
      if (*(gint64 *) p == v)
        return FALSE;
      *(gint64 *) p = v;
      return TRUE;
    }
  {
    gboolean v = g_value_get_boolean (value) != FALSE;
    if (*(gboolean *) p == v)
      return FALSE;
    *(gboolean *) p = v;
    return TRUE;
  }
}

void
rpt_fields_clear (GObject        *object,
                  const RptField *fields,
                  guint           n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type == G_TYPE_STRING)
      g_clear_pointer ((char **) FIELD_PTR (object, &fields[i]), g_free);
}

void
rpt_fields_copy (GObject        *dest,
                 GObject        *src,
                 const RptField *fields,
                 guint           n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const RptField *f = &fields[i];
      gpointer d = FIELD_PTR (dest, f), s = FIELD_PTR (src, f);

      if (f->type == G_TYPE_STRING)
        rpt_set_str ((char **) d, *(char **) s);
      else if (f->type == G_TYPE_INT64)
        *(gint64 *) d = *(gint64 *) s;
      else
        *(int *) d = *(int *) s;
    }
}
