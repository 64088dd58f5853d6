/* rpt-segments-page.c — the dashboard
 *
 * The figures are computed in a worker on a connection of its own, so
 * the window keeps answering while a large shop is added up. Every
 * number, bar and cell is a button (or answers a click and the keyboard)
 * that opens the customer list at the customers behind it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-segments-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rpt-format.h"
#include "rpt-question-form.h"
#include "rpt-segment-editor.h"
#include "rpt-segment-store.h"
#include "rpt-segments-page.h"
#include "rpt-window.h"

struct _RptSegmentsPage
{
  GtkWidget          parent_instance;

  GtkWidget         *root;
  GtkToggleButton   *flap_button;
  AdwWindowTitle    *title;
  GtkButton         *refresh_button;
  GtkButton         *new_segment_button;
  GtkStack          *content;
  GtkSpinner        *spinner;
  GtkBox            *dashboard;

  RptCustomerStore  *store;
  RptSegmentReport  *report;
  GArray            *curve;          /* the Pareto curve's points */
  GPtrArray         *saved;          /* of Saved: each saved segment's members */
  char              *deleted[2];     /* the last one deleted: name, rule — for Undo */
  gboolean           deleted_pinned;
  char              *currency;
  char              *today;
  GCancellable      *computing;
};

G_DEFINE_FINAL_TYPE (RptSegmentsPage, rpt_segments_page, GTK_TYPE_WIDGET)

enum { SHOW_GROUP, SHOW_CUSTOMER, N_SIGNALS };
static guint signals[N_SIGNALS];

static void show_report (RptSegmentsPage *self);

/* A saved segment as the dashboard shows it */
typedef struct
{
  char     *name;
  gboolean  pinned;
  GArray   *ids;      /* NULL: its rule could not be read */
} Saved;

static void
saved_free (gpointer data)
{
  Saved *s = data;

  g_free (s->name);
  g_clear_pointer (&s->ids, g_array_unref);
  g_free (s);
}

typedef struct
{
  RptSegmentReport *report;
  GPtrArray        *saved;
} Result;

static void
result_free (Result *result)
{
  g_clear_pointer (&result->report, rpt_segment_report_free);
  g_clear_pointer (&result->saved, g_ptr_array_unref);
  g_free (result);
}

/* Groups -------------------------------------------------------------------- */

typedef gboolean (*ScoreTest) (const RptCustomerScore *score,
                               int                     value);

static gboolean
in_class (const RptCustomerScore *s, int value)
{
  return (int) s->value_class == value;
}

static gboolean
is_top (const RptCustomerScore *s, int value)
{
  return s->top;
}

static gboolean
bought_in_period (const RptCustomerScore *s, int value)
{
  return s->purchases > 0;
}

static gboolean
in_cell (const RptCustomerScore *s, int value)
{
  return s->r == value / 10 && s->f == value % 10;
}

static gboolean
in_segment (const RptCustomerScore *s, int value)
{
  return (int) s->segment == value;
}

static gboolean
has_warning (const RptCustomerScore *s, int value)
{
  return (s->warnings & (guint) value) != 0;
}

static gboolean
at_stage (const RptCustomerScore *s, int value)
{
  return s->stage == value;
}

static gboolean
costs_more (const RptCustomerScore *s, int value)
{
  return s->unprofitable;
}

static GArray *
collect (RptSegmentsPage *self,
         ScoreTest        test,
         int              value)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; self->report != NULL && i < self->report->scores->len; i++)
    {
      const RptCustomerScore *s = &g_array_index (self->report->scores, RptCustomerScore, i);

      if (test (s, value))
        g_array_append_val (ids, s->customer_id);
    }
  return ids;
}

static guint
count (RptSegmentsPage *self,
       ScoreTest        test,
       int              value)
{
  g_autoptr(GArray) ids = collect (self, test, value);

  return ids->len;
}

static void
open_group (RptSegmentsPage *self,
            ScoreTest        test,
            int              value,
            const char      *label)
{
  g_autoptr(GArray) ids = collect (self, test, value);

  g_signal_emit (self, signals[SHOW_GROUP], 0, ids, label);
}

/* What a button opens is kept on it */
static void
on_group_clicked (GtkWidget       *button,
                  RptSegmentsPage *self)
{
  open_group (self, g_object_get_data (G_OBJECT (button), "rpt-test"),
              GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "rpt-value")),
              g_object_get_data (G_OBJECT (button), "rpt-label"));
}

static void
opens_group (RptSegmentsPage *self,
             GtkWidget       *widget,
             ScoreTest        test,
             int              value,
             const char      *label)
{
  g_object_set_data (G_OBJECT (widget), "rpt-test", test);
  g_object_set_data (G_OBJECT (widget), "rpt-value", GINT_TO_POINTER (value));
  g_object_set_data_full (G_OBJECT (widget), "rpt-label", g_strdup (label), g_free);
  g_signal_connect (widget, GTK_IS_BUTTON (widget) ? "clicked" : "activated", G_CALLBACK (on_group_clicked), self);
}

/* Pieces ----------------------------------------------------------------------- */

static GtkWidget *
section_new (RptSegmentsPage *self,
             const char      *title,
             const char      *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->dashboard, group);
  return group;
}

static char *
money (RptSegmentsPage *self,
       gint64           cents)
{
  return rpt_format_money (cents, self->currency);
}

/* “+12 % on the period before”, or NULL when there is nothing to compare */
static char *
change_text (double now,
             double before)
{
  if (before <= 0)
    return NULL;
  /* Translators: how a figure changed against the period before: "+12 % on the year before" */
  return g_strdup_printf (_("%+.0f %% on the period before"), 100.0 * (now - before) / before);
}

static GtkWidget *
figure_card (RptSegmentsPage *self,
             const char      *value,
             const char      *caption,
             const char      *change)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_box_append (GTK_BOX (box), rpt_question_form_label_new (value, "title-2"));
  gtk_box_append (GTK_BOX (box), rpt_question_form_label_new (caption, "dim-label"));
  if (change != NULL)
    gtk_box_append (GTK_BOX (box), rpt_question_form_label_new (change, "caption"));
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "card");
  gtk_widget_set_size_request (button, 200, -1);
  return button;
}

static void
add_figures (RptSegmentsPage *self)
{
  RptSegmentReport *r = self->report;
  GtkWidget *flow = gtk_flow_box_new ();
  guint buyers = count (self, bought_in_period, 0), top = count (self, is_top, 0);
  guint before = 0, warned = 0;
  g_autofree char *revenue = money (self, r->revenue);
  g_autofree char *revenue_change = change_text ((double) r->revenue, (double) r->previous_revenue);
  g_autofree char *buyers_text = g_strdup_printf ("%u", buyers);
  g_autofree char *buyers_change = NULL;
  g_autofree char *a_text = g_strdup_printf ("%u", r->class_counts[RPT_VALUE_A]);
  g_autofree char *a_share = NULL;
  g_autofree char *top_text = g_strdup_printf ("%u", top);
  g_autofree char *warned_text = NULL;
  GtkWidget *card;

  for (guint i = 0; i < r->scores->len; i++)
    {
      const RptCustomerScore *s = &g_array_index (r->scores, RptCustomerScore, i);

      before += s->previous_revenue > 0;
      warned += s->warnings != 0;
    }
  buyers_change = change_text (buyers, before);
  /* Translators: the share of all revenue that class A customers bring */
  a_share = g_strdup_printf (_("%.0f %% of revenue"),
                             r->revenue > 0 ? 100.0 * (double) r->class_revenue[RPT_VALUE_A] / (double) r->revenue : 0);
  warned_text = g_strdup_printf ("%u", warned);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 5);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);

  card = figure_card (self, revenue, _("Revenue in the period"), revenue_change);
  opens_group (self, card, bought_in_period, 0, _("Bought in the period"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), card);
  card = figure_card (self, buyers_text, _("Customers who bought"), buyers_change);
  opens_group (self, card, bought_in_period, 0, _("Bought in the period"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), card);
  card = figure_card (self, a_text, _("Class A customers"), a_share);
  opens_group (self, card, in_class, RPT_VALUE_A, _("Class A"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), card);
  card = figure_card (self, top_text, _("Most valuable"), NULL);
  opens_group (self, card, is_top, 0, _("Most valuable"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), card);
  card = figure_card (self, warned_text, _("Need you now"), NULL);
  opens_group (self, card, has_warning, 0xf, _("Need you now"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), card);
  gtk_box_append (self->dashboard, flow);
}

/* The Pareto curve ------------------------------------------------------------- */

#define PAD 28.0

static void
set_source_foreground (GtkWidget *widget,
                       cairo_t   *cr,
                       double     alpha)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * alpha);
}

static void
draw_pareto (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  RptSegmentsPage *self = data;
  double w = width - 2 * PAD, h = height - 2 * PAD;
  double cuts[2];
  const char *names[] = { "A", "B", "C" };
  guint n = self->curve ? self->curve->len : 0;

  if (self->report == NULL || w <= 0 || h <= 0)
    return;
  cuts[0] = self->report->settings.share_a;
  cuts[1] = self->report->settings.share_a + self->report->settings.share_b;
  /* the axes */
  set_source_foreground (GTK_WIDGET (area), cr, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, PAD, PAD);
  cairo_line_to (cr, PAD, PAD + h);
  cairo_line_to (cr, PAD + w, PAD + h);
  cairo_stroke (cr);
  /* the class cut-offs, dashed, named */
  for (guint i = 0; i < 2; i++)
    {
      double y = PAD + h * (1 - cuts[i]);

      cairo_save (cr);
      cairo_set_dash (cr, (double[]) { 4, 4 }, 2, 0);
      cairo_move_to (cr, PAD, y);
      cairo_line_to (cr, PAD + w, y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  for (guint i = 0; i < 3; i++)
    {
      double top = i == 0 ? 0 : cuts[i - 1], bottom = i < 2 ? cuts[i] : 1;

      cairo_move_to (cr, 6, PAD + h * (1 - (top + bottom) / 2) + 4);
      cairo_show_text (cr, names[i]);
    }
  if (n == 0)
    return;
  /* the curve: revenue share over customers, highest spenders first */
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_move_to (cr, PAD, PAD + h);
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, PAD + w * (i + 1) / n, PAD + h * (1 - g_array_index (self->curve, double, i)));
  cairo_stroke_preserve (cr);
  cairo_line_to (cr, PAD + w, PAD + h);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
  cairo_fill (cr);
}

/* A click on the curve opens the class of the customers at that place */
static void
on_pareto_pressed (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   RptSegmentsPage *self)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  double w = gtk_widget_get_width (area) - 2 * PAD;
  guint n = self->curve ? self->curve->len : 0;
  guint at;
  double before;
  RptValueClass cls;
  g_autofree char *label = NULL;

  if (n == 0 || w <= 0 || x < PAD)
    return;
  at = MIN (n - 1, (guint) ((x - PAD) / w * n));
  before = at > 0 ? g_array_index (self->curve, double, at - 1) : 0;
  cls = before < self->report->settings.share_a ? RPT_VALUE_A
        : before < self->report->settings.share_a + self->report->settings.share_b ? RPT_VALUE_B : RPT_VALUE_C;
  /* Translators: a value class as a group of customers: "Class A" */
  label = g_strdup_printf (_("Class %s"), rpt_value_class_to_string (cls));
  open_group (self, in_class, cls, label);
}

static void
add_value (RptSegmentsPage *self)
{
  RptSegmentReport *r = self->report;
  GtkWidget *group = section_new (self, _("Value"),
                                  _("Revenue in the period by customer, highest first: class A brings the first "
                                    "80 %, B the next 15 %, C the rest"));
  GtkWidget *area = gtk_drawing_area_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *classes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *costly_title = NULL;
  guint costly = count (self, costs_more, 0);
  GtkWidget *costly_button;

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 200);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_pareto, self, NULL);
  gtk_widget_set_tooltip_text (area, _("Click to see the customers of that class"));
  g_signal_connect (click, "pressed", G_CALLBACK (on_pareto_pressed), self);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), area);

  gtk_box_set_homogeneous (GTK_BOX (classes), TRUE);
  gtk_widget_set_margin_top (classes, 12);
  for (RptValueClass c = RPT_VALUE_A; c <= RPT_VALUE_C; c++)
    {
      g_autofree char *revenue = money (self, r->class_revenue[c]);
      /* Translators: one value class on the dashboard: "A: 102 customers, €45,000.00" */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u customer, %s",
                                                            "%s: %u customers, %s", r->class_counts[c]),
                                               rpt_value_class_to_string (c), r->class_counts[c], revenue);
      g_autofree char *label = g_strdup_printf (_("Class %s"), rpt_value_class_to_string (c));
      GtkWidget *button = gtk_button_new_with_label (text);

      opens_group (self, button, in_class, c, label);
      gtk_box_append (GTK_BOX (classes), button);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), classes);
  costly_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer costs more than they bring",
                                               "%u customers cost more than they bring", costly), costly);
  costly_button = gtk_button_new_with_label (costly_title);
  gtk_widget_add_css_class (costly_button, "flat");
  gtk_widget_set_halign (costly_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (costly_button, 6);
  opens_group (self, costly_button, costs_more, 0, _("Cost more than they bring"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), costly_button);
}

/* The R×F grid ------------------------------------------------------------------- */

static void
add_grid (RptSegmentsPage *self)
{
  RptSegmentReport *r = self->report;
  GtkWidget *group = section_new (self, _("Recency and Frequency"),
                                  _("How recently (up) and how often (across) customers bought, each scored 1 to 5"));
  GtkWidget *grid = gtk_grid_new ();
  guint most = 1;

  for (guint i = 0; i < 5; i++)
    for (guint j = 0; j < 5; j++)
      most = MAX (most, r->grid[i][j]);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  for (guint rec = 5; rec >= 1; rec--)
    {
      g_autofree char *row_label = g_strdup_printf ("R%u", rec);

      gtk_grid_attach (GTK_GRID (grid), rpt_question_form_label_new (row_label, "dim-label"), 0, (int) (5 - rec), 1, 1);
      for (guint f = 1; f <= 5; f++)
        {
          guint n = r->grid[rec - 1][f - 1];
          g_autofree char *text = g_strdup_printf ("%u", n);
          g_autofree char *heat = g_strdup_printf ("heat-%u", n == 0 ? 0 : 1 + (4 * n - 1) / most);
          const char *segment = rpt_rfm_segment_to_string (rpt_rfm_segment_for (rec, f));
          /* Translators: a cell of the recency × frequency grid: "R5 F4 · Champions" */
          g_autofree char *label = g_strdup_printf (_("R%u F%u · %s"), rec, f, segment);
          g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u customer",
                                                               "%s: %u customers", n), label, n);
          GtkWidget *cell = gtk_button_new_with_label (text);

          gtk_widget_set_size_request (cell, 88, 48);
          gtk_widget_add_css_class (cell, "heat");
          gtk_widget_add_css_class (cell, heat);
          gtk_widget_set_tooltip_text (cell, tip);
          g_object_set_data (G_OBJECT (cell), "rpt-cell", GUINT_TO_POINTER (rec * 10 + f));
          opens_group (self, cell, in_cell, (int) (rec * 10 + f), label);
          gtk_grid_attach (GTK_GRID (grid), cell, (int) f, (int) (5 - rec), 1, 1);
        }
    }
  for (guint f = 1; f <= 5; f++)
    {
      g_autofree char *col_label = g_strdup_printf ("F%u", f);

      gtk_grid_attach (GTK_GRID (grid), rpt_question_form_label_new (col_label, "dim-label"), (int) f, 5, 1, 1);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), grid);
}

/* Lists of groups ------------------------------------------------------------------ */

static GtkWidget *
count_row (const char *title,
           const char *subtitle,
           guint       n)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = g_strdup_printf ("%u", n);
  GtkWidget *number = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (number, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), number);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
add_segments (RptSegmentsPage *self)
{
  GtkWidget *group = section_new (self, _("Segments"), NULL);

  for (RptRfmSegment s = RPT_RFM_CHAMPIONS; s < RPT_N_RFM_SEGMENTS; s++)
    {
      GtkWidget *row;

      if (self->report->segment_counts[s] == 0)
        continue;
      row = count_row (rpt_rfm_segment_to_string (s), NULL, self->report->segment_counts[s]);
      opens_group (self, row, in_segment, s, rpt_rfm_segment_to_string (s));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
on_saved_activated (AdwActionRow    *row,
                    RptSegmentsPage *self)
{
  Saved *saved = g_object_get_data (G_OBJECT (row), "rpt-saved");

  g_signal_emit (self, signals[SHOW_GROUP], 0, saved->ids, saved->name);
}

static void
on_editor_saved (RptSegmentEditor *editor,
                 const char       *name,
                 RptSegmentsPage  *self)
{
  rpt_segments_page_refresh (self);
}

gboolean
rpt_segments_page_undo_delete (RptSegmentsPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->deleted[0] == NULL)
    return FALSE;
  ok = rpt_customer_store_save_segment (self->store, self->deleted[0], self->deleted[1], self->deleted_pinned, &error);
  if (!ok)
    g_warning ("The segment could not be saved again: %s", error->message);
  g_clear_pointer (&self->deleted[0], g_free);
  g_clear_pointer (&self->deleted[1], g_free);
  rpt_segments_page_refresh (self);
  return ok;
}

static void
on_undo_delete (AdwToast        *toast,
                RptSegmentsPage *self)
{
  rpt_segments_page_undo_delete (self);
}

static void
on_editor_deleted (RptSegmentEditor *editor,
                   const char       *name,
                   const char       *rule,
                   gboolean          pinned,
                   RptSegmentsPage  *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), RPT_TYPE_WINDOW);
  /* Translators: a toast after a saved segment was deleted */
  g_autofree char *text = g_strdup_printf (_("“%s” deleted"), name);
  AdwToast *toast = adw_toast_new (text);

  g_free (self->deleted[0]);
  g_free (self->deleted[1]);
  self->deleted[0] = g_strdup (name);
  self->deleted[1] = g_strdup (rule);
  self->deleted_pinned = pinned;
  rpt_segments_page_refresh (self);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete), self, 0);
  if (window != NULL)
    rpt_window_add_toast (RPT_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

RptSegmentEditor *
rpt_segments_page_edit_segment (RptSegmentsPage *self,
                                const char      *name)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  g_autoptr(RptSavedSegment) segment = name ? rpt_customer_store_find_segment (self->store, name, NULL) : NULL;
  RptSegmentEditor *editor;

  if (self->store == NULL || (name != NULL && segment == NULL))
    return NULL;
  editor = rpt_segment_editor_new (GTK_WINDOW (window), self->store, segment,
                                   self->computing == NULL ? self->report : NULL, self->today);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, 0);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_deleted), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
on_edit_saved (GtkButton       *button,
               RptSegmentsPage *self)
{
  Saved *saved = g_object_get_data (G_OBJECT (button), "rpt-saved");

  rpt_segments_page_edit_segment (self, saved->name);
}

static void
on_new_segment (RptSegmentsPage *self)
{
  rpt_segments_page_edit_segment (self, NULL);
}

static void
add_saved (RptSegmentsPage *self)
{
  GtkWidget *group;

  if (self->saved == NULL || self->saved->len == 0)
    return;
  group = section_new (self, _("Saved Segments"), NULL);
  for (guint i = 0; i < self->saved->len; i++)
    {
      Saved *saved = self->saved->pdata[i];
      GtkWidget *row = count_row (saved->name, saved->ids == NULL ? _("Its rule cannot be read") : NULL,
                                  saved->ids ? saved->ids->len : 0);

      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (edit, _("Edit the Segment"));
      g_object_set_data (G_OBJECT (edit), "rpt-saved", saved);
      g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_saved), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), edit);
      if (saved->pinned)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("starred-symbolic"));
      gtk_widget_set_sensitive (row, saved->ids != NULL);
      g_object_set_data (G_OBJECT (row), "rpt-saved", saved);
      g_signal_connect (row, "activated", G_CALLBACK (on_saved_activated), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
add_warnings (RptSegmentsPage *self)
{
  GtkWidget *group = section_new (self, _("Warnings"), NULL);
  const char *why[] = {
    N_("Valuable customers who spend far less than before"),
    N_("Longer without contact than they asked for"),
    N_("No purchase for longer than their usual interval"),
    N_("A complaint open past its due date"),
  };

  for (guint b = 0; b < 4; b++)
    {
      GtkWidget *row = count_row (rpt_warning_to_string (1u << b), _(why[b]), self->report->warning_counts[b]);

      opens_group (self, row, has_warning, 1 << b, rpt_warning_to_string (1u << b));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
on_complaint_activated (AdwActionRow    *row,
                        RptSegmentsPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "rpt-customer");

  g_signal_emit (self, signals[SHOW_CUSTOMER], 0, *id);
}

static void
add_complaints (RptSegmentsPage *self)
{
  GPtrArray *complaints = self->report->complaints;
  GtkWidget *group;

  if (complaints->len == 0)
    return;
  group = section_new (self, _("Complaints Past Due"), _("Oldest first"));
  for (guint i = 0; i < MIN (complaints->len, 10); i++)
    {
      RptOverdueComplaint *c = complaints->pdata[i];
      g_autoptr(RptCustomer) customer = rpt_customer_store_load_summary (self->store, c->customer_id, NULL);
      g_autofree char *title = g_strdup_printf ("%s — %s", customer ? rpt_customer_get_display_name (customer) : "",
                                                c->summary);
      g_autofree char *age = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Open %d day", "Open %d days", c->age_days),
                                              c->age_days);
      /* Translators: how long a complaint is open, and who looks after it */
      g_autofree char *subtitle = *c->owner ? g_strdup_printf (_("%s · %s"), age, c->owner) : g_strdup (age);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "rpt-customer", g_memdup2 (&c->customer_id, sizeof (gint64)), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_complaint_activated), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

/* The stages, as a funnel ---------------------------------------------------------------- */

static void
draw_funnel (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  RptSegmentsPage *self = data;
  const guint *counts;
  guint most = 1;
  double band = (double) height / RPT_N_STAGES;

  if (self->report == NULL)
    return;
  counts = self->report->stage_counts;
  for (int s = 0; s < RPT_N_STAGES; s++)
    most = MAX (most, counts[s]);
  for (int s = 0; s < RPT_N_STAGES; s++)
    {
      double w = (width - 160) * (double) counts[s] / most;
      g_autofree char *text = g_strdup_printf ("%s  %u", rpt_stage_to_string (s), counts[s]);

      cairo_set_source_rgba (cr, 0.15, 0.64, 0.41, 0.25 + 0.15 * s);
      cairo_rectangle (cr, (width - w) / 2, s * band + 3, MAX (w, 2), band - 6);
      cairo_fill (cr);
      set_source_foreground (GTK_WIDGET (area), cr, 1);
      cairo_move_to (cr, 8, s * band + band / 2 + 4);
      cairo_show_text (cr, text);
    }
}

static void
on_funnel_pressed (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   RptSegmentsPage *self)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  int stage = (int) (y / (gtk_widget_get_height (area) / (double) RPT_N_STAGES));

  if (stage >= 0 && stage < RPT_N_STAGES)
    open_group (self, at_stage, stage, rpt_stage_to_string (stage));
}

static void
add_stages (RptSegmentsPage *self)
{
  GtkWidget *group = section_new (self, _("Relationship Stages"), NULL);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 36 * RPT_N_STAGES);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_funnel, self, NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (on_funnel_pressed), self);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), area);
  /* the same from the keyboard */
  for (int s = 0; s < RPT_N_STAGES; s++)
    {
      GtkWidget *button = gtk_button_new_with_label (rpt_stage_to_string (s));

      gtk_widget_add_css_class (button, "flat");
      opens_group (self, button, at_stage, s, rpt_stage_to_string (s));
      gtk_box_append (GTK_BOX (buttons), button);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
}

/* Computing ------------------------------------------------------------------------ */

typedef struct
{
  char *path;
  char *today;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->today);
  g_free (job);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RptDatabase) db = rpt_database_open (job->path, RPT_DATABASE_READ_ONLY | RPT_DATABASE_SCAN, &error);
  RptSegmentReport *report = db != NULL ? rpt_segments_compute_as_of (db, job->today, &error) : NULL;
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  Result *result;

  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = g_new0 (Result, 1);
  result->report = report;
  result->saved = g_ptr_array_new_with_free_func (saved_free);
  /* the saved segments' members, pinned ones first, with the same figures */
  store = rpt_customer_store_new (db);
  segments = rpt_customer_store_list_segments (store, NULL);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; segments != NULL && i < segments->len; i++)
      {
        RptSavedSegment *segment = segments->pdata[i];
        g_autoptr(RptSegmentRule) rule = NULL;
        Saved *saved;

        if (segment->pinned != (pass == 0))
          continue;
        saved = g_new0 (Saved, 1);
        saved->name = g_strdup (segment->name);
        saved->pinned = segment->pinned;
        if ((rule = rpt_segment_rule_new_from_json (segment->rule, NULL)) != NULL)
          saved->ids = rpt_customer_store_segment_members (store, rule, report, job->today, NULL);
        g_ptr_array_add (result->saved, saved);
      }
  g_task_return_pointer (task, result, (GDestroyNotify) result_free);
}

static void
compute_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RptSegmentsPage *self = RPT_SEGMENTS_PAGE (source);
  g_autoptr(GError) error = NULL;
  Result *computed = g_task_propagate_pointer (G_TASK (result), &error);

  if (computed == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->computing);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), TRUE);
  if (computed == NULL)
    {
      AdwStatusPage *empty = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->content, "empty"));

      adw_status_page_set_icon_name (empty, "dialog-warning-symbolic");
      adw_status_page_set_title (empty, _("The Figures Could Not Be Computed"));
      adw_status_page_set_description (empty, error->message);
      gtk_stack_set_visible_child_name (self->content, "empty");
      return;
    }
  g_clear_pointer (&self->report, rpt_segment_report_free);
  g_clear_pointer (&self->saved, g_ptr_array_unref);
  self->report = g_steal_pointer (&computed->report);
  self->saved = g_steal_pointer (&computed->saved);
  result_free (computed);
  show_report (self);
}

void
rpt_segments_page_refresh (RptSegmentsPage *self)
{
  RptDatabase *db;
  Job *job;
  GTask *task;

  g_return_if_fail (RPT_IS_SEGMENTS_PAGE (self));
  if (self->store == NULL)
    return;
  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  self->computing = g_cancellable_new ();
  db = rpt_customer_store_get_database (self->store);
  job = g_new0 (Job, 1);
  job->path = g_strdup (rpt_database_get_path (db));
  job->today = g_strdup (self->today);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), FALSE);
  if (self->report == NULL)
    {
      gtk_stack_set_visible_child_name (self->content, "loading");
      gtk_spinner_start (self->spinner);
    }
  task = g_task_new (self, self->computing, compute_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
  g_object_unref (task);
}

static void
show_report (RptSegmentsPage *self)
{
  g_autofree char *date = rpt_format_date (self->report->today);
  /* Translators: under the dashboard's title: "As of 24 November 2026, the last 365 days" */
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "As of %s, the last %u day",
                                                            "As of %s, the last %u days",
                                                            self->report->settings.period_days),
                                               date, self->report->settings.period_days);

  adw_window_title_set_subtitle (self->title, subtitle);
  g_clear_pointer (&self->curve, g_array_unref);
  rpt_question_form_clear (self->dashboard);
  if (self->report->scores->len == 0 || self->report->class_counts[RPT_VALUE_NONE] == self->report->scores->len)
    {
      AdwStatusPage *empty = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->content, "empty"));

      adw_status_page_set_icon_name (empty, "starred-symbolic");
      adw_status_page_set_title (empty, _("No Purchases Yet"));
      adw_status_page_set_description (empty, _("Once customers have purchases on their timeline, who matters most, "
                                                "who is slipping away and who is waiting for a call are shown here."));
      gtk_stack_set_visible_child_name (self->content, "empty");
      return;
    }
  self->curve = rpt_segment_report_pareto (self->report, 400);
  add_figures (self);
  add_saved (self);
  add_value (self);
  add_grid (self);
  add_segments (self);
  add_warnings (self);
  add_complaints (self);
  add_stages (self);
  gtk_stack_set_visible_child_name (self->content, "dashboard");
}

/* Set-up ------------------------------------------------------------------------------ */

void
rpt_segments_page_set_store (RptSegmentsPage  *self,
                             RptCustomerStore *store)
{
  g_return_if_fail (RPT_IS_SEGMENTS_PAGE (self));

  g_set_object (&self->store, store);
  g_free (self->currency);
  self->currency = rpt_customer_store_dup_currency (store);
  rpt_segments_page_refresh (self);
}

void
rpt_segments_page_set_today (RptSegmentsPage *self,
                             const char      *today)
{
  g_free (self->today);
  self->today = g_strdup (today);
}

GtkToggleButton *
rpt_segments_page_get_flap_button (RptSegmentsPage *self)
{
  return self->flap_button;
}

RptSegmentReport *
rpt_segments_page_get_report (RptSegmentsPage *self)
{
  return self->computing != NULL ? NULL : self->report;
}

const char *
rpt_segments_page_get_view (RptSegmentsPage *self)
{
  return gtk_stack_get_visible_child_name (self->content);
}

static gboolean
on_key (GtkEventControllerKey *controller,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        RptSegmentsPage       *self)
{
  if (keyval != GDK_KEY_F5)
    return FALSE;
  rpt_segments_page_refresh (self);
  return TRUE;
}

static void
rpt_segments_page_dispose (GObject *object)
{
  RptSegmentsPage *self = RPT_SEGMENTS_PAGE (object);

  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  gtk_widget_dispose_template (GTK_WIDGET (self), RPT_TYPE_SEGMENTS_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->report, rpt_segment_report_free);
  g_clear_pointer (&self->curve, g_array_unref);
  g_clear_pointer (&self->saved, g_ptr_array_unref);
  g_clear_pointer (&self->deleted[0], g_free);
  g_clear_pointer (&self->deleted[1], g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->today, g_free);
  G_OBJECT_CLASS (rpt_segments_page_parent_class)->dispose (object);
}

static void
rpt_segments_page_class_init (RptSegmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rpt_segments_page_dispose;
  signals[SHOW_GROUP] = g_signal_new ("show-group", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 2, G_TYPE_ARRAY, G_TYPE_STRING);
  signals[SHOW_CUSTOMER] = g_signal_new ("show-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/rpt-segments-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RptSegmentsPage, name)
  CHILD (root);
  CHILD (flap_button);
  CHILD (title);
  CHILD (refresh_button);
  CHILD (new_segment_button);
  CHILD (content);
  CHILD (spinner);
  CHILD (dashboard);
#undef CHILD
}

static void
rpt_segments_page_init (RptSegmentsPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->refresh_button, "clicked", G_CALLBACK (rpt_segments_page_refresh), self);
  g_signal_connect_swapped (self->new_segment_button, "clicked", G_CALLBACK (on_new_segment), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
