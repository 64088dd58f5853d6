/* rpt-customer-row.c
 *
 * Rows are recycled by the list view: a row is built once and only its
 * labels change as it scrolls through a million cards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-customer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rpt-customer-row.h"
#include "rpt-names.h"
#include "rpt-ui-util.h"

#define AVATAR_SIZE 36
#define AVATAR_GAP 10

struct _RptCustomerRow
{
  GtkWidget    parent_instance;

  GtkLabel    *name;
  GtkLabel    *detail;
  GtkLabel    *stage;
  PangoLayout *initials;
  guint        colour;
};

G_DEFINE_FINAL_TYPE (RptCustomerRow, rpt_customer_row, GTK_TYPE_WIDGET)

/* The GNOME palette, as avatars use it: readable with white initials */
static const GdkRGBA avatar_colours[] = {
  { 0.208, 0.518, 0.894, 1 }, { 0.180, 0.761, 0.494, 1 }, { 0.898, 0.647, 0.039, 1 },
  { 0.902, 0.380, 0.000, 1 }, { 0.753, 0.110, 0.157, 1 }, { 0.569, 0.255, 0.675, 1 },
  { 0.596, 0.416, 0.267, 1 }, { 0.129, 0.565, 0.643, 1 },
};

static void
rpt_customer_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RptCustomerRow *self = RPT_CUSTOMER_ROW (widget);
  float top = (gtk_widget_get_height (widget) - AVATAR_SIZE) / 2.0f;
  GskRoundedRect circle;
  int text_w, text_h;

  if (self->colour > 0)
    {
      gsk_rounded_rect_init_from_rect (&circle, &GRAPHENE_RECT_INIT (0, top, AVATAR_SIZE, AVATAR_SIZE),
                                       AVATAR_SIZE / 2.0f);
      gtk_snapshot_push_rounded_clip (snapshot, &circle);
      gtk_snapshot_append_color (snapshot, &avatar_colours[(self->colour - 1) % G_N_ELEMENTS (avatar_colours)],
                                 &circle.bounds);
      gtk_snapshot_pop (snapshot);
      pango_layout_get_pixel_size (self->initials, &text_w, &text_h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((AVATAR_SIZE - text_w) / 2.0f,
                                                              top + (AVATAR_SIZE - text_h) / 2.0f));
      gtk_snapshot_append_layout (snapshot, self->initials, &(GdkRGBA) { 1, 1, 1, 1 });
      gtk_snapshot_restore (snapshot);
    }
  GTK_WIDGET_CLASS (rpt_customer_row_parent_class)->snapshot (widget, snapshot);
}

static void
rpt_customer_row_dispose (GObject *object)
{
  RptCustomerRow *self = RPT_CUSTOMER_ROW (object);

  rpt_widget_unparent_children (GTK_WIDGET (object));
  g_clear_object (&self->initials);
  G_OBJECT_CLASS (rpt_customer_row_parent_class)->dispose (object);
}

static void
rpt_customer_row_class_init (RptCustomerRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rpt_customer_row_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = rpt_customer_row_snapshot;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_GRID_LAYOUT);
}

static GtkLabel *
add_label (RptCustomerRow *self,
           int             column,
           int             row,
           int             rows,
           const char     *css_class,
           const char     *css_class2)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkGridLayoutChild *child;

  gtk_label_set_xalign (label, 0);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  if (css_class2 != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class2);
  gtk_widget_set_parent (GTK_WIDGET (label), GTK_WIDGET (self));
  child = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, GTK_WIDGET (label)));
  gtk_grid_layout_child_set_column (child, column);
  gtk_grid_layout_child_set_row (child, row);
  gtk_grid_layout_child_set_row_span (child, rows);
  return label;
}

/* Built in code, with the avatar drawn rather than made of widgets: a list
 * of a million cards creates a few hundred rows before its first frame, and
 * each widget costs time and memory (and an accessible object). */
static void
rpt_customer_row_init (RptCustomerRow *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  PangoAttrList *attrs = pango_attr_list_new ();

  gtk_grid_layout_set_column_spacing (layout, AVATAR_GAP);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 4);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 4);
  gtk_widget_set_size_request (GTK_WIDGET (self), -1, AVATAR_SIZE + 4);
  self->name = add_label (self, 0, 0, 1, "heading", NULL);
  self->detail = add_label (self, 0, 1, 1, "caption", "dim-label");
  self->stage = add_label (self, 1, 0, 2, "stage-pill", "caption");
  gtk_widget_set_hexpand (GTK_WIDGET (self->name), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->name), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->detail), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->name), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (self->detail), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self->stage), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (GTK_WIDGET (self->name), AVATAR_SIZE + AVATAR_GAP);
  gtk_widget_set_margin_start (GTK_WIDGET (self->detail), AVATAR_SIZE + AVATAR_GAP);
  self->initials = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_size_new_absolute (14 * PANGO_SCALE));
  pango_layout_set_attributes (self->initials, attrs);
  pango_attr_list_unref (attrs);
}

/* One or two letters: the first of the first and last words, or the first
 * character of a name written without spaces (欧阳梦蝶 → 欧). */
static char *
initials_of (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name, " \t", -1);
  GString *out = g_string_new (NULL);
  guint n = 0, last = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (n++ == 0)
          g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (words[i])));
        last = i;
      }
  if (n > 1 && !rpt_text_has_cjk (name))
    g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (words[last])));
  return g_string_free (out, FALSE);
}

RptCustomerRow *
rpt_customer_row_new (void)
{
  return g_object_new (RPT_TYPE_CUSTOMER_ROW, NULL);
}

static char *
detail_text (RptCustomer *customer)
{
  g_autofree char *locality = NULL;
  g_autofree char *email = NULL;
  g_autofree char *org = NULL;

  g_object_get (customer, "locality", &locality, "email", &email, "organisation-name", &org, NULL);
  if (org && *org && locality && *locality)
    return g_strdup_printf ("%s · %s", org, locality);
  if (locality && *locality && email && *email)
    return g_strdup_printf ("%s · %s", locality, email);
  if (org && *org)
    return g_steal_pointer (&org);
  if (locality && *locality)
    return g_steal_pointer (&locality);
  return g_steal_pointer (&email);
}

static void
set_avatar (RptCustomerRow *self,
            const char     *name)
{
  g_autofree char *initials = initials_of (name);

  pango_layout_set_text (self->initials, initials, -1);
  self->colour = *name ? 1 + g_str_hash (name) % G_N_ELEMENTS (avatar_colours) : 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rpt_customer_row_set_customer (RptCustomerRow *self,
                               RptCustomer    *customer)
{
  static const char *const stage_classes[] = { "stage-contact", "stage-relationship",
                                               "stage-intimacy", "stage-trust" };
  const char *name = rpt_customer_get_display_name (customer);
  g_autofree char *detail = detail_text (customer);
  RptStage stage = rpt_customer_get_stage (customer);

  /* a card whose place in the order is still being read shows as blank */
  gboolean placeholder = rpt_customer_get_id (customer) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->stage), !placeholder);
  g_autofree char *shown = rpt_text_clip (name, RPT_LABEL_MAX_CHARS);
  g_autofree char *shown_detail = rpt_text_clip (detail, RPT_LABEL_MAX_CHARS);

  gtk_label_set_text (self->name, *name || placeholder ? shown : _("Unnamed"));
  gtk_label_set_text (self->detail, shown_detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail), detail != NULL && *detail != '\0');
  gtk_widget_set_valign (GTK_WIDGET (self->name),
                         gtk_widget_get_visible (GTK_WIDGET (self->detail)) ? GTK_ALIGN_END : GTK_ALIGN_CENTER);
  set_avatar (self, name);
  gtk_label_set_text (self->stage, rpt_stage_to_string (stage));
  for (guint i = 0; i < G_N_ELEMENTS (stage_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->stage), stage_classes[i]);
  if (stage < G_N_ELEMENTS (stage_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->stage), stage_classes[stage]);
}
