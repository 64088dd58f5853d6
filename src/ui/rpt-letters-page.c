/* rpt-letters-page.c
 *
 * The template being edited is saved half a second after the last change
 * and its preview is the real output: the PDF the merge would write for
 * the chosen customer, drawn by Poppler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-letters-page"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "rpt-catalog.h"
#include "rpt-customer-picker.h"
#include "rpt-letter-store.h"
#include "rpt-letters-page.h"
#include "rpt-merge-dialog.h"
#include "rpt-merge.h"
#include "rpt-names.h"
#include "rpt-template.h"
#include "rpt-ui-util.h"

#define SAVE_DELAY_MS 500
#define PREVIEW_DELAY_MS 250
#define MAX_THUMBNAILS 8

static const char *const languages[] = { "en", "es", "zh_CN", "zh_TW", NULL };

typedef enum
{
  SECTION_EXAMPLES,
  SECTION_LETTERS,
  SECTION_BLOCKS,
} Section;

struct _RptLettersPage
{
  GtkWidget          parent_instance;

  RptCustomerStore  *store;
  GPtrArray         *templates;     /* examples, then the business's own */
  RptLetterTemplate *current;
  gint64             recipient;
  guint              save_id;
  guint              preview_id;
  gboolean           loading;       /* filling the editor: not a change */
  PopplerDocument   *preview;
  guint              preview_page;
  RptLetterTemplate *deleted;       /* for Undo */

  GtkToggleButton   *flap_button;
  AdwWindowTitle    *title;
  GtkListBox        *template_list;
  GtkEntry          *name_entry;
  GtkDropDown       *language_dropdown;
  GtkLabel          *example_label;
  GtkWidget         *format_bar;
  GtkMenuButton     *field_button;
  GtkMenuButton     *block_button;
  GtkTextView       *body_view;
  GtkLabel          *status_label;
  GtkBox            *recipient_box;
  GtkLabel          *recipient_label;
  GtkWidget         *picker;
  GtkPicture        *preview_picture;
  GtkLabel          *preview_hint;
  GtkBox            *thumbnails;
  GtkMenuButton     *setup_button;
  GtkDropDown       *paper_dropdown;
  GtkDropDown       *placement_dropdown;
  GtkDropDown       *default_language_dropdown;
  GtkEntry          *required_entry;
  GtkLabel          *letterhead_label;
  GtkLabel          *signature_label;
  GtkCheckButton    *margins_check;
  GtkSpinButton     *margin_spins[4];   /* top, right, bottom, left */
};

G_DEFINE_FINAL_TYPE (RptLettersPage, rpt_letters_page, GTK_TYPE_WIDGET)

static void schedule_preview (RptLettersPage *self);
static void load_editor (RptLettersPage *self);

static AdwToastOverlay *
toast_overlay (RptLettersPage *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));
}

static void
show_toast (RptLettersPage *self,
            const char     *text)
{
  AdwToastOverlay *overlay = toast_overlay (self);

  if (overlay != NULL)
    rpt_toast_overlay_show (overlay, text);
}

static const char *
selected_language (RptLettersPage *self)
{
  guint i = gtk_drop_down_get_selected (self->language_dropdown);

  return i < G_N_ELEMENTS (languages) - 1 ? languages[i] : "en";
}

static gboolean
is_example (RptLetterTemplate *t)
{
  return t != NULL && rpt_letter_template_get_builtin (t) != NULL;
}

static Section
section_of (RptLetterTemplate *t)
{
  if (is_example (t))
    return SECTION_EXAMPLES;
  return rpt_letter_template_get_block (t) ? SECTION_BLOCKS : SECTION_LETTERS;
}

/* The list --------------------------------------------------------------- */

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  RptLetterTemplate *t = g_object_get_data (G_OBJECT (row), "template");
  RptLetterTemplate *prev = before ? g_object_get_data (G_OBJECT (before), "template") : NULL;
  static const char *const titles[] = { N_("Examples"), N_("Your Letters"), N_("Reusable Blocks") };
  GtkWidget *label;

  if (prev != NULL && section_of (prev) == section_of (t))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (_(titles[section_of (t)]));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_row_set_header (row, label);
}

static GtkWidget *
make_row (RptLetterTemplate *t)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (*rpt_letter_template_get_name (t)
                                    ? rpt_letter_template_get_name (t) : _("Untitled"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "template", g_object_ref (t), g_object_unref);
  return row;
}

/* Fills the list and selects the template with id SELECT (or the first). */
static void
reload_list (RptLettersPage *self,
             gint64          select)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) own = rpt_customer_store_list_letter_templates (self->store, &error);
  GtkListBoxRow *chosen = NULL;

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  self->templates = rpt_letter_template_builtins ();
  if (own == NULL)
    gtk_label_set_text (self->status_label, error->message);
  for (guint i = 0; own != NULL && i < own->len; i++)
    g_ptr_array_add (self->templates, g_object_ref (own->pdata[i]));
  rpt_list_box_remove_all (self->template_list);
  for (guint i = 0; i < self->templates->len; i++)
    {
      RptLetterTemplate *t = self->templates->pdata[i];
      GtkWidget *row = make_row (t);

      gtk_list_box_append (self->template_list, row);
      if (chosen == NULL || rpt_letter_template_get_id (t) == select)
        chosen = GTK_LIST_BOX_ROW (row);
    }
  gtk_list_box_select_row (self->template_list, chosen);
}

static GtkListBoxRow *
current_row (RptLettersPage *self)
{
  return gtk_list_box_get_selected_row (self->template_list);
}

/* Saving ---------------------------------------------------------------- */

static gboolean
save_now (gpointer user_data)
{
  RptLettersPage *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_id = 0;
  if (self->current == NULL || is_example (self->current))
    return G_SOURCE_REMOVE;
  if (!rpt_customer_store_save_letter_template (self->store, self->current, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

      gtk_label_set_text (self->status_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      return G_SOURCE_REMOVE;
    }
  if (current_row (self) != NULL)
    {
      GtkWidget *label = gtk_list_box_row_get_child (current_row (self));

      gtk_label_set_text (GTK_LABEL (label), rpt_letter_template_get_name (self->current));
      g_object_set_data_full (G_OBJECT (current_row (self)), "template",
                              g_object_ref (self->current), g_object_unref);
    }
  return G_SOURCE_REMOVE;
}

static void
flush_save (RptLettersPage *self)
{
  if (self->save_id != 0)
    {
      g_source_remove (self->save_id);
      save_now (self);
    }
}

static void
collect_keys (JsonNode   *node,
              GHashTable *keys)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_hash_table_add (keys, (gpointer) name);
          collect_keys (member, keys);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_keys (json_array_get_element (array, i), keys);
    }
}

/* The first name in T that no customer's letter could fill in: known
 * names are the keys anywhere in a real customer's context (a name in a
 * section may be a member of its item), and those of its optional parts. */
static char *
unknown_field (RptLettersPage *self,
               RptTemplate    *t)
{
  static const char *const nested[] = { "date", "iso", "item", "amount", "tracking", "summary",
                                        "opened", "resolution", "resolved", "name", "noted_on", NULL };
  g_autoptr(RptCustomer) customer = NULL;
  g_autoptr(JsonNode) context = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GPtrArray) names = NULL;

  if (self->recipient <= 0
      || (customer = rpt_customer_store_load (self->store, self->recipient, NULL)) == NULL
      || (context = rpt_merge_context_new (self->store, customer, "en", NULL)) == NULL)
    return NULL;
  keys = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; nested[i] != NULL; i++)
    g_hash_table_add (keys, (gpointer) nested[i]);
  collect_keys (context, keys);
  names = rpt_template_list_names (t);
  for (guint i = 0; i < names->len; i++)
    {
      RptTemplateName *n = names->pdata[i];
      g_autofree char *root = g_strdup (n->name);

      if (strchr (root, '.'))
        *strchr (root, '.') = '\0';
      if (*root != '\0' && strcmp (root, ".") != 0 && !g_hash_table_contains (keys, root))
        return g_strdup_printf (_("Line %d: no customer has a field “%s”."), n->line, n->name);
    }
  return NULL;
}

/* The template is checked as it is typed: a syntax error, or a field no
 * customer has, is shown with its line. */
static void
check_template (RptLettersPage *self,
                const char     *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptTemplate) t = rpt_template_new (body, &error);
  g_autofree char *warning = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
  if (t == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      return;
    }
  warning = unknown_field (self, t);
  if (warning != NULL)
    {
      gtk_label_set_text (self->status_label, warning);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
    }
  else if (rpt_letter_template_get_body (self->current, selected_language (self)) == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("No text in %s yet: these customers get the letter in %s. Type here to write it."),
                                               rpt_language_name (selected_language (self)),
                                               rpt_language_name (rpt_letter_template_get_default_language (self->current)));

      gtk_label_set_text (self->status_label, text);
    }
  else
    gtk_label_set_text (self->status_label, "");
}

static void
changed (RptLettersPage *self)
{
  if (self->loading || self->current == NULL || is_example (self->current))
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_now, self);
  schedule_preview (self);
}

static void
on_body_changed (RptLettersPage *self)
{
  g_autofree char *body = NULL;

  if (self->loading || self->current == NULL)
    return;
  body = rpt_text_view_dup_text (self->body_view);
  rpt_letter_template_set_body (self->current, selected_language (self), *body ? body : NULL);
  check_template (self, body);
  changed (self);
}

static void
on_name_changed (RptLettersPage *self)
{
  if (self->loading || self->current == NULL)
    return;
  rpt_letter_template_set_name (self->current, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  adw_window_title_set_subtitle (self->title, rpt_letter_template_get_name (self->current));
  changed (self);
}

/* Preview ----------------------------------------------------------------- */

static GdkTexture *
render_page (PopplerDocument *doc,
             guint            index,
             int              width)
{
  PopplerPage *page = poppler_document_get_page (doc, index);
  double pw, ph, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;
  GdkTexture *texture;
  int height;

  if (page == NULL)
    return NULL;
  poppler_page_get_size (page, &pw, &ph);
  scale = width / pw;
  height = (int) (ph * scale + 0.5);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  g_object_unref (page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);
  return texture;
}

static void
show_page (RptLettersPage *self,
           guint           index)
{
  g_autoptr(GdkTexture) texture = NULL;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (self->preview == NULL)
    return;
  self->preview_page = index;
  texture = render_page (self->preview, index, 600 * scale);
  gtk_picture_set_paintable (self->preview_picture, GDK_PAINTABLE (texture));
}

static void
on_thumbnail_clicked (GtkButton      *button,
                      RptLettersPage *self)
{
  show_page (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "page")));
}

static void
update_preview (RptLettersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  guint n_pages;

  g_clear_object (&self->preview);
  rpt_widget_unparent_children (GTK_WIDGET (self->thumbnails));
  {
    g_autoptr(RptCustomer) customer = self->recipient > 0
      ? rpt_customer_store_load_summary (self->store, self->recipient, NULL) : NULL;

    gtk_label_set_text (self->recipient_label, customer ? rpt_customer_get_display_name (customer) : "");
  }
  gtk_picture_set_paintable (self->preview_picture, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_hint), TRUE);
  if (self->current != NULL && rpt_letter_template_get_block (self->current))
    {
      gtk_label_set_text (self->preview_hint, _("A block is seen in the letters that include it."));
      return;
    }
  if (self->current == NULL || self->recipient <= 0)
    {
      gtk_label_set_text (self->preview_hint, _("The letter is previewed for a customer: add one on the Customers page, or pick one with the search button."));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview_hint), FALSE);
  pdf = rpt_merge_preview (self->current, selected_language (self), self->store, self->recipient, &error);
  if (pdf != NULL)
    self->preview = poppler_document_new_from_bytes (pdf, NULL, &error);
  if (self->preview == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      return;
    }
  n_pages = poppler_document_get_n_pages (self->preview);
  show_page (self, MIN (self->preview_page, n_pages - 1));
  for (guint i = 0; n_pages > 1 && i < MIN (n_pages, MAX_THUMBNAILS); i++)
    {
      g_autoptr(GdkTexture) texture = render_page (self->preview, i, 60);
      g_autofree char *label = g_strdup_printf (_("Page %u"), i + 1);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      gtk_button_set_child (GTK_BUTTON (button), picture);
      gtk_widget_set_tooltip_text (button, label);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "page", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_thumbnail_clicked), self);
      gtk_box_append (self->thumbnails, button);
    }
}

static gboolean
preview_now (gpointer user_data)
{
  RptLettersPage *self = user_data;

  self->preview_id = 0;
  update_preview (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (RptLettersPage *self)
{
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_now, self);
}

guint
rpt_letters_page_get_n_preview_pages (RptLettersPage *self)
{
  return self->preview ? poppler_document_get_n_pages (self->preview) : 0;
}

/* Editor --------------------------------------------------------------- */

static void
load_body (RptLettersPage *self)
{
  const char *body = self->current ? rpt_letter_template_get_body (self->current, selected_language (self)) : NULL;

  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body ? body : "", -1);
  self->loading = FALSE;
  if (self->current != NULL)
    check_template (self, body ? body : "");
}

static void
select_in_dropdown (GtkDropDown *dropdown,
                    const char  *code)
{
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (languages[i], code) == 0)
      gtk_drop_down_set_selected (dropdown, i);
}

static void
load_editor (RptLettersPage *self)
{
  gboolean editable = self->current != NULL && !is_example (self->current);
  GBytes *head = self->current ? rpt_letter_template_get_letterhead (self->current) : NULL;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry),
                         self->current ? rpt_letter_template_get_name (self->current) : "");
  adw_window_title_set_subtitle (self->title, self->current ? rpt_letter_template_get_name (self->current) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->example_label), is_example (self->current));
  gtk_editable_set_editable (GTK_EDITABLE (self->name_entry), editable);
  gtk_text_view_set_editable (self->body_view, editable);
  gtk_widget_set_sensitive (self->format_bar, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->field_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->block_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->setup_button), editable);
  if (self->current != NULL)
    {
      g_autofree char *ui_language = rpt_language_best (g_get_language_names ()[0]);

      /* the staff see the text in their own language first, when there is one */
      select_in_dropdown (self->language_dropdown,
                          rpt_letter_template_pick_language (self->current, ui_language));
      gtk_drop_down_set_selected (self->paper_dropdown, rpt_letter_template_get_paper (self->current));
      gtk_drop_down_set_selected (self->placement_dropdown,
                                  rpt_letter_template_get_placement (self->current) + 1);
      select_in_dropdown (self->default_language_dropdown,
                          rpt_letter_template_get_default_language (self->current));
      gtk_editable_set_text (GTK_EDITABLE (self->required_entry),
                             rpt_letter_template_get_required (self->current));
      gtk_label_set_text (self->letterhead_label, head ? rpt_letter_template_get_letterhead_name (self->current)
                                                       : _("None"));
      gtk_label_set_text (self->signature_label, rpt_letter_template_get_signature (self->current)
                                                 ? _("Chosen") : _("None"));
      {
        double margins[4];

        rpt_letter_template_get_margins (self->current, margins);
        gtk_check_button_set_active (self->margins_check, margins[0] > 0);
        for (guint i = 0; i < 4; i++)
          if (margins[i] > 0)
            gtk_spin_button_set_value (self->margin_spins[i], margins[i]);
      }
    }
  self->loading = FALSE;
  load_body (self);
  self->preview_page = 0;
  update_preview (self);
}

static void
on_row_selected (RptLettersPage *self,
                 GtkListBoxRow  *row)
{
  RptLetterTemplate *t = row ? g_object_get_data (G_OBJECT (row), "template") : NULL;

  flush_save (self);
  g_clear_object (&self->current);
  self->current = t ? rpt_letter_template_copy (t) : NULL;
  load_editor (self);
}

static void
on_language_changed (RptLettersPage *self)
{
  if (self->loading)
    return;
  load_body (self);
  schedule_preview (self);
}

static void
on_setup_changed (RptLettersPage *self)
{
  guint language;

  if (self->loading || self->current == NULL)
    return;
  rpt_letter_template_set_paper (self->current, gtk_drop_down_get_selected (self->paper_dropdown));
  rpt_letter_template_set_placement (self->current,
                                     (int) gtk_drop_down_get_selected (self->placement_dropdown) - 1);
  language = gtk_drop_down_get_selected (self->default_language_dropdown);
  if (language < G_N_ELEMENTS (languages) - 1)
    rpt_letter_template_set_default_language (self->current, languages[language]);
  rpt_letter_template_set_required (self->current, gtk_editable_get_text (GTK_EDITABLE (self->required_entry)));
  {
    double margins[4] = { 0, 0, 0, 0 };

    if (gtk_check_button_get_active (self->margins_check))
      for (guint i = 0; i < 4; i++)
        margins[i] = gtk_spin_button_get_value (self->margin_spins[i]);
    rpt_letter_template_set_margins (self->current, margins);
  }
  changed (self);
}

/* Formatting ------------------------------------------------------------- */

static void
insert_text (RptLettersPage *self,
             const char     *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);

  if (!gtk_text_view_get_editable (self->body_view))
    return;
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
format_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  RptLettersPage *self = RPT_LETTERS_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  const char *tag = g_variant_get_string (parameter, NULL);
  g_autofree char *open = g_strdup_printf ("<%s>", tag);
  g_autofree char *close = g_strdup_printf ("</%s>", tag);
  GtkTextIter start, end;
  GtkTextMark *mark;

  if (!gtk_text_view_get_editable (self->body_view))
    return;
  gtk_text_buffer_begin_user_action (buffer);
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
      gtk_text_buffer_insert (buffer, &start, open, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, mark);
      gtk_text_buffer_insert (buffer, &end, close, -1);
      gtk_text_buffer_delete_mark (buffer, mark);
    }
  else
    {
      gtk_text_buffer_insert_at_cursor (buffer, open, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
      mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
      gtk_text_buffer_insert_at_cursor (buffer, close, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, mark);
      gtk_text_buffer_place_cursor (buffer, &start);
      gtk_text_buffer_delete_mark (buffer, mark);
    }
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/* The line's text without a <p align> wrapper or a list marker. */
static char *
bare_line (const char *line)
{
  const char *p = line;

  if (g_str_has_prefix (p, "<p align=\"") && strstr (p, "\">") != NULL)
    {
      g_autofree char *inner = g_strdup (strstr (p, "\">") + 2);

      if (g_str_has_suffix (inner, "</p>"))
        inner[strlen (inner) - 4] = '\0';
      return g_steal_pointer (&inner);
    }
  if (g_str_has_prefix (p, "- "))
    return g_strdup (p + 2);
  return g_strdup (p);
}

static void
align_action (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  RptLettersPage *self = RPT_LETTERS_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  const char *how = g_variant_get_string (parameter, NULL);
  GtkTextIter start, end;
  int first, last;

  if (!gtk_text_view_get_editable (self->body_view))
    return;
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (&end);
  gtk_text_buffer_begin_user_action (buffer);
  for (int line = first; line <= last; line++)
    {
      g_autofree char *text = NULL;
      g_autofree char *bare = NULL;
      g_autofree char *replacement = NULL;

      gtk_text_buffer_get_iter_at_line (buffer, &start, line);
      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      bare = bare_line (text);
      if (g_str_equal (how, "left"))
        replacement = g_strdup (bare);
      else if (g_str_equal (how, "bullet"))
        replacement = g_strdup_printf ("- %s", bare);
      else
        replacement = g_strdup_printf ("<p align=\"%s\">%s</p>", how, bare);
      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_insert (buffer, &start, replacement, -1);
    }
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
insert_field_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  RptLettersPage *self = RPT_LETTERS_PAGE (widget);
  g_autofree char *text = g_strdup_printf ("{{%s}}", g_variant_get_string (parameter, NULL));

  insert_text (self, text);
}

static void
insert_block_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  RptLettersPage *self = RPT_LETTERS_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *text = NULL;

  if (g_str_equal (name, "<signature/>") || g_str_equal (name, "<pagebreak/>"))
    text = g_strdup_printf ("\n%s\n", name);
  else
    text = g_strdup_printf ("{{> %s}}", name);
  insert_text (self, text);
}

static GMenuModel *
field_menu (void)
{
  GMenu *menu = g_menu_new ();
  guint n;
  const RptMergeField *fields = rpt_merge_fields (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(fields[i].description), NULL);

      g_menu_item_set_action_and_target (item, "letters.insert-field", "s", fields[i].name);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static void
update_block_menu (RptLettersPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) blocks = g_menu_new ();
  g_autoptr(GMenu) marks = g_menu_new ();

  g_menu_append (blocks, _("Closing with Signature"), "letters.insert-block::closing");
  g_menu_append (blocks, _("Footer with the Business Address"), "letters.insert-block::footer");
  for (guint i = 0; self->templates && i < self->templates->len; i++)
    {
      RptLetterTemplate *t = self->templates->pdata[i];
      g_autoptr(GMenuItem) item = NULL;

      if (!rpt_letter_template_get_block (t))
        continue;
      item = g_menu_item_new (rpt_letter_template_get_name (t), NULL);
      g_menu_item_set_action_and_target (item, "letters.insert-block", "s", rpt_letter_template_get_name (t));
      g_menu_append_item (blocks, item);
    }
  g_menu_append (marks, _("Signature Image"), "letters.insert-block::<signature/>");
  g_menu_append (marks, _("Page Break"), "letters.insert-block::<pagebreak/>");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (blocks));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (marks));
  gtk_menu_button_set_menu_model (self->block_button, G_MENU_MODEL (menu));
}

/* Templates: new, duplicate, delete --------------------------------------- */

static void
add_template (RptLettersPage    *self,
              RptLetterTemplate *t)
{
  g_autoptr(GError) error = NULL;

  if (!rpt_customer_store_save_letter_template (self->store, t, &error))
    {
      show_toast (self, error->message);
      return;
    }
  reload_list (self, rpt_letter_template_get_id (t));
  update_block_menu (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
new_action (GtkWidget  *widget,
            const char *action,
            GVariant   *parameter)
{
  RptLettersPage *self = RPT_LETTERS_PAGE (widget);
  g_autoptr(RptLetterTemplate) t = rpt_letter_template_new ();
  g_autofree char *body = g_strdup_printf ("{{salutation}}\n\n\n\n{{> closing}}");

  flush_save (self);
  rpt_letter_template_set_name (t, _("New Letter"));
  rpt_letter_template_set_block (t, parameter && g_str_equal (g_variant_get_string (parameter, NULL), "block"));
  rpt_letter_template_set_body (t, "en", rpt_letter_template_get_block (t) ? "" : body);
  add_template (self, t);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  RptLettersPage *self = RPT_LETTERS_PAGE (widget);
  g_autoptr(RptLetterTemplate) t = NULL;
  g_autoptr(RptLetterTemplate) copy = rpt_letter_template_new ();
  g_auto(GStrv) langs = NULL;
  g_autofree char *name = NULL;

  if (self->current == NULL)
    return;
  flush_save (self);
  t = g_object_ref (self->current);
  /* a plain copy: new id, no example key */
  name = g_strdup_printf (_("%s (copy)"), rpt_letter_template_get_name (t));
  rpt_letter_template_set_name (copy, name);
  rpt_letter_template_set_block (copy, rpt_letter_template_get_block (t));
  rpt_letter_template_set_default_language (copy, rpt_letter_template_get_default_language (t));
  rpt_letter_template_set_paper (copy, rpt_letter_template_get_paper (t));
  rpt_letter_template_set_placement (copy, rpt_letter_template_get_placement (t));
  rpt_letter_template_set_required (copy, rpt_letter_template_get_required (t));
  rpt_letter_template_set_letterhead (copy, rpt_letter_template_get_letterhead (t),
                                      rpt_letter_template_get_letterhead_name (t));
  rpt_letter_template_set_signature (copy, rpt_letter_template_get_signature (t));
  langs = rpt_letter_template_list_languages (t);
  for (guint i = 0; langs[i] != NULL; i++)
    rpt_letter_template_set_body (copy, langs[i], rpt_letter_template_get_body (t, langs[i]));
  add_template (self, copy);
}

static void
on_undo_delete (RptLettersPage *self)
{
  g_autoptr(RptLetterTemplate) t = g_steal_pointer (&self->deleted);

  if (t != NULL)
    add_template (self, t);
}

static void
delete_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  RptLettersPage *self = RPT_LETTERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  AdwToastOverlay *overlay = toast_overlay (self);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (self->current == NULL || is_example (self->current))
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!rpt_customer_store_delete_letter_template (self->store, rpt_letter_template_get_id (self->current), &error))
    {
      show_toast (self, error->message);
      return;
    }
  g_clear_object (&self->deleted);
  self->deleted = g_object_ref (self->current);
  reload_list (self, 0);
  update_block_menu (self);
  if (overlay == NULL)
    return;
  text = g_strdup_printf (_("“%s” deleted"), rpt_letter_template_get_name (self->deleted));
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (overlay, toast);
}

/* Letterhead and signature files ------------------------------------------ */

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                RptLettersPage  *self)
{
  gboolean letterhead = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "letterhead"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->current == NULL)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  name = g_file_get_basename (file);
  if (bytes != NULL && letterhead)
    {
      g_autoptr(RptLetterhead) head = rpt_letterhead_new (bytes, &error);

      if (head != NULL)
        rpt_letter_template_set_letterhead (self->current, bytes, name);
    }
  else if (bytes != NULL)
    {
      g_autoptr(RptLetterSetup) setup = rpt_letter_setup_new ();

      if (rpt_letter_setup_set_signature (setup, bytes, &error))
        rpt_letter_template_set_signature (self->current, bytes);
    }
  if (error != NULL)
    show_toast (self, error->message);
  else
    {
      load_editor (self);
      changed (self);
    }
out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_file (RptLettersPage *self,
             gboolean        letterhead)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (letterhead ? _("Choose a Letterhead") : _("Choose a Signature"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, letterhead ? _("PDF documents") : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, letterhead ? "application/pdf" : "image/png");
  gtk_file_filter_add_suffix (filter, letterhead ? "pdf" : "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "letterhead", GINT_TO_POINTER (letterhead));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
file_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  RptLettersPage *self = RPT_LETTERS_PAGE (widget);

  if (self->current == NULL || is_example (self->current))
    return;
  if (g_str_equal (action, "letters.choose-letterhead"))
    choose_file (self, TRUE);
  else if (g_str_equal (action, "letters.choose-signature"))
    choose_file (self, FALSE);
  else
    {
      if (g_str_equal (action, "letters.remove-letterhead"))
        rpt_letter_template_set_letterhead (self->current, NULL, NULL);
      else
        rpt_letter_template_set_signature (self->current, NULL);
      load_editor (self);
      changed (self);
    }
}

static void
write_action (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  RptLettersPage *self = RPT_LETTERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->current == NULL || rpt_letter_template_get_block (self->current))
    return;
  flush_save (self);
  rpt_merge_dialog_present (GTK_WINDOW (root), self->store, self->current);
}

/* Life cycle ------------------------------------------------------------ */

static void
on_picked (RptLettersPage *self,
           gint64          id)
{
  self->recipient = id;
  schedule_preview (self);
}

void
rpt_letters_page_set_store (RptLettersPage   *self,
                            RptCustomerStore *store)
{
  g_autoptr(GArray) first = NULL;

  g_set_object (&self->store, store);
  if (self->picker != NULL)
    gtk_box_remove (self->recipient_box, self->picker);
  self->picker = rpt_customer_picker_new (store, RPT_CUSTOMER_PERSON, 0);
  g_signal_connect_swapped (self->picker, "picked", G_CALLBACK (on_picked), self);
  gtk_box_append (self->recipient_box, self->picker);
  first = rpt_customer_store_first_ids (store, RPT_SORT_LAST_CONTACT, TRUE, FALSE, 1, NULL);
  if (first != NULL && first->len > 0)
    self->recipient = g_array_index (first, guint32, 0);
  reload_list (self, 0);
  update_block_menu (self);
}

/* The customer whose letter the preview shows. */
void
rpt_letters_page_set_recipient (RptLettersPage *self,
                                gint64          customer_id)
{
  if (customer_id <= 0 || customer_id == self->recipient)
    return;
  self->recipient = customer_id;
  schedule_preview (self);
}

GtkToggleButton *
rpt_letters_page_get_flap_button (RptLettersPage *self)
{
  return self->flap_button;
}

static GListModel *
language_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; languages[i] != NULL; i++)
    gtk_string_list_append (list, rpt_language_name (languages[i]));
  return G_LIST_MODEL (list);
}

static void
rpt_letters_page_dispose (GObject *object)
{
  RptLettersPage *self = RPT_LETTERS_PAGE (object);

  flush_save (self);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RPT_TYPE_LETTERS_PAGE);
  g_clear_object (&self->current);
  g_clear_object (&self->deleted);
  g_clear_object (&self->preview);
  g_clear_object (&self->store);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  G_OBJECT_CLASS (rpt_letters_page_parent_class)->dispose (object);
}

static void
rpt_letters_page_class_init (RptLettersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rpt_letters_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/rpt-letters-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RptLettersPage, name)
  CHILD (flap_button);
  CHILD (title);
  CHILD (template_list);
  CHILD (name_entry);
  CHILD (language_dropdown);
  CHILD (example_label);
  CHILD (format_bar);
  CHILD (field_button);
  CHILD (block_button);
  CHILD (body_view);
  CHILD (status_label);
  CHILD (recipient_box);
  CHILD (recipient_label);
  CHILD (preview_picture);
  CHILD (preview_hint);
  CHILD (thumbnails);
  CHILD (setup_button);
  CHILD (paper_dropdown);
  CHILD (placement_dropdown);
  CHILD (default_language_dropdown);
  CHILD (required_entry);
  CHILD (letterhead_label);
  CHILD (signature_label);
  CHILD (margins_check);
#undef CHILD
  gtk_widget_class_bind_template_child_full (widget_class, "margin_top", FALSE,
                                             G_STRUCT_OFFSET (RptLettersPage, margin_spins[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "margin_right", FALSE,
                                             G_STRUCT_OFFSET (RptLettersPage, margin_spins[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "margin_bottom", FALSE,
                                             G_STRUCT_OFFSET (RptLettersPage, margin_spins[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "margin_left", FALSE,
                                             G_STRUCT_OFFSET (RptLettersPage, margin_spins[3]));
  gtk_widget_class_install_action (widget_class, "letters.new", "s", new_action);
  gtk_widget_class_install_action (widget_class, "letters.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "letters.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "letters.format", "s", format_action);
  gtk_widget_class_install_action (widget_class, "letters.align", "s", align_action);
  gtk_widget_class_install_action (widget_class, "letters.insert-field", "s", insert_field_action);
  gtk_widget_class_install_action (widget_class, "letters.insert-block", "s", insert_block_action);
  gtk_widget_class_install_action (widget_class, "letters.choose-letterhead", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "letters.remove-letterhead", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "letters.choose-signature", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "letters.remove-signature", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "letters.write", NULL, write_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "letters.format", "s", "b");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "letters.format", "s", "i");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "letters.format", "s", "u");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "letters.new", "s", "letter");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "letters.write", NULL);
}

static void
rpt_letters_page_init (RptLettersPage *self)
{
  static const char *const papers[] = { N_("Automatic"), N_("A4"), N_("US Letter"), NULL };
  static const char *const placements[] = { N_("Automatic"), N_("DIN 5008 form B window"),
                                            N_("DIN 5008 form A window"), N_("US #10 window"), NULL };
  g_autoptr(GtkStringList) paper_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) placement_list = gtk_string_list_new (NULL);
  g_autoptr(GListModel) langs = language_model ();
  g_autoptr(GListModel) default_langs = language_model ();
  g_autoptr(GMenuModel) fields = field_menu ();

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; papers[i] != NULL; i++)
    gtk_string_list_append (paper_list, _(papers[i]));
  for (guint i = 0; placements[i] != NULL; i++)
    gtk_string_list_append (placement_list, _(placements[i]));
  gtk_drop_down_set_model (self->paper_dropdown, G_LIST_MODEL (paper_list));
  gtk_drop_down_set_model (self->placement_dropdown, G_LIST_MODEL (placement_list));
  gtk_drop_down_set_model (self->language_dropdown, langs);
  gtk_drop_down_set_model (self->default_language_dropdown, default_langs);
  gtk_menu_button_set_menu_model (self->field_button, fields);
  gtk_list_box_set_header_func (self->template_list, update_header, NULL, NULL);
  g_signal_connect_swapped (self->template_list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (on_name_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (on_body_changed), self);
  g_signal_connect_swapped (self->language_dropdown, "notify::selected", G_CALLBACK (on_language_changed), self);
  g_signal_connect_swapped (self->paper_dropdown, "notify::selected", G_CALLBACK (on_setup_changed), self);
  g_signal_connect_swapped (self->placement_dropdown, "notify::selected", G_CALLBACK (on_setup_changed), self);
  g_signal_connect_swapped (self->default_language_dropdown, "notify::selected", G_CALLBACK (on_setup_changed), self);
  g_signal_connect_swapped (self->required_entry, "changed", G_CALLBACK (on_setup_changed), self);
  g_signal_connect_swapped (self->margins_check, "toggled", G_CALLBACK (on_setup_changed), self);
  for (guint i = 0; i < 4; i++)
    g_signal_connect_swapped (self->margin_spins[i], "value-changed", G_CALLBACK (on_setup_changed), self);
}
