/* rpt-segment-editor.c — the rule builder
 *
 * A group is a box: “all” or “any” of what it holds, the conditions and
 * the groups within it. A condition is a row: the field, the operator
 * the field takes, and a value widget of the field's kind. The rule is
 * read back from the widgets as JSON (the format of rpt-segment-rules.h),
 * checked by the core and counted 300 ms after the last change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-segment-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "rpt-questionnaire-store.h"
#include "rpt-segment-editor.h"
#include "rpt-ui-util.h"

struct _RptSegmentEditor
{
  AdwWindow         parent_instance;

  AdwToastOverlay  *toasts;
  AdwWindowTitle   *title;
  AdwEntryRow      *name_row;
  GtkSwitch        *pin_switch;
  GtkLabel         *count_label;
  GtkBox           *rule_box;
  GtkButton        *delete_button;

  RptCustomerStore *store;
  RptSegmentReport *report;
  char             *today;
  char             *original;     /* the name it was saved under, or NULL */
  char             *saved_rule;   /* to tell a change */
  GtkWidget        *root;
  GPtrArray        *questionnaires;
  int               count;
  guint             count_id;
};

G_DEFINE_FINAL_TYPE (RptSegmentEditor, rpt_segment_editor, ADW_TYPE_WINDOW)

enum { SAVED, DELETED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void changed (RptSegmentEditor *self);

/* What the fields are called, and what their values are */
typedef enum
{
  VALUE_TEXT, VALUE_STAGE, VALUE_SIZE, VALUE_CLASS, VALUE_SEGMENT, VALUE_WARNING, VALUE_TAG, VALUE_DAYS,
  VALUE_MONEY, VALUE_FLAG, VALUE_SCORE,
} ValueKind;

static const struct
{
  const char *key;
  const char *label;
  ValueKind   value;
} ui_fields[] = {
  { "segment", N_("Segment"), VALUE_SEGMENT },
  { "class", N_("Value class"), VALUE_CLASS },
  { "warning", N_("Warning"), VALUE_WARNING },
  { "stage", N_("Stage"), VALUE_STAGE },
  { "tag", N_("Tag"), VALUE_TAG },
  { "purchased", N_("Bought"), VALUE_DAYS },
  { "last_contact", N_("In contact"), VALUE_DAYS },
  { "created", N_("Card added"), VALUE_DAYS },
  { "spend", N_("Spend"), VALUE_MONEY },
  { "score", N_("Questionnaire score"), VALUE_SCORE },
  { "name", N_("Name"), VALUE_TEXT },
  { "locality", N_("Town or city"), VALUE_TEXT },
  { "region", N_("Region"), VALUE_TEXT },
  { "country", N_("Country code"), VALUE_TEXT },
  { "language", N_("Language code"), VALUE_TEXT },
  { "industry", N_("Industry"), VALUE_TEXT },
  { "owner", N_("Looked after by"), VALUE_TEXT },
  { "size_band", N_("Size"), VALUE_SIZE },
  { "do_not_contact", N_("Do not contact"), VALUE_FLAG },
  { "open_complaint", N_("Open complaint"), VALUE_FLAG },
};

static const char *
op_label (const char *op)
{
  if (g_str_equal (op, "is"))              return C_("rule", "is");
  if (g_str_equal (op, "is-not"))          return C_("rule", "is not");
  if (g_str_equal (op, "contains"))        return C_("rule", "contains");
  if (g_str_equal (op, ">="))              return C_("rule", "at least");
  if (g_str_equal (op, "<="))              return C_("rule", "at most");
  if (g_str_equal (op, "has"))             return C_("rule", "has");
  if (g_str_equal (op, "has-not"))         return C_("rule", "has not");
  if (g_str_equal (op, "within-days"))     return C_("rule", "in the last (days)");
  if (g_str_equal (op, "not-within-days")) return C_("rule", "not in the last (days)");
  return op;
}

static GtkDropDown *
dropdown_new (const char * const *labels)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));

  gtk_widget_set_valign (GTK_WIDGET (dropdown), GTK_ALIGN_CENTER);
  return dropdown;
}

static void
on_widget_changed (GtkWidget        *widget,
                   GParamSpec       *pspec,
                   RptSegmentEditor *self)
{
  changed (self);
}

static void
watch (RptSegmentEditor *self,
       GtkWidget        *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    g_signal_connect (widget, "notify::selected", G_CALLBACK (on_widget_changed), self);
  else if (GTK_IS_SPIN_BUTTON (widget))
    g_signal_connect (widget, "notify::value", G_CALLBACK (on_widget_changed), self);
  else if (GTK_IS_EDITABLE (widget))
    g_signal_connect (widget, "notify::text", G_CALLBACK (on_widget_changed), self);
}

/* Conditions ------------------------------------------------------------------- */

static guint
field_of (GtkWidget *row)
{
  return gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (row), "rpt-field"));
}

static const char *
op_of (GtkWidget *row)
{
  const char * const *ops = rpt_segment_rule_field_ops (ui_fields[field_of (row)].key);
  guint i = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (row), "rpt-op"));

  return ops[i] != NULL ? ops[i] : ops[0];
}

static GtkWidget *
spin_new (double lower,
          double upper,
          double step,
          guint  digits,
          double value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  return spin;
}

static void on_questionnaire_chosen (GtkDropDown *dropdown, GParamSpec *pspec, GtkWidget *row);

/* The value widgets of ROW's field, set from CONDITION when given */
static void
fill_value (RptSegmentEditor *self,
            GtkWidget        *row,
            JsonObject       *condition)
{
  GtkBox *box = g_object_get_data (G_OBJECT (row), "rpt-value-box");
  ValueKind kind = ui_fields[field_of (row)].value;
  const char *text = condition ? json_object_get_string_member_with_default (condition, "value", "") : "";
  gint64 number = condition && json_object_has_member (condition, "value")
                  && JSON_NODE_HOLDS_VALUE (json_object_get_member (condition, "value"))
                  && json_node_get_value_type (json_object_get_member (condition, "value")) != G_TYPE_STRING
                  ? json_object_get_int_member (condition, "value") : 0;
  GtkWidget *value = NULL, *extra = NULL, *extra2 = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  switch (kind)
    {
    case VALUE_STAGE:
    case VALUE_SIZE:
    case VALUE_CLASS:
    case VALUE_SEGMENT:
    case VALUE_WARNING:
    case VALUE_FLAG:
      {
        g_autoptr(GPtrArray) labels = g_ptr_array_new ();
        guint n = kind == VALUE_STAGE ? RPT_N_STAGES : kind == VALUE_SIZE ? RPT_N_SIZES : kind == VALUE_CLASS ? 3
                  : kind == VALUE_SEGMENT ? RPT_N_RFM_SEGMENTS - 1 : kind == VALUE_WARNING ? 4 : 2;
        guint selected = 0;

        for (guint i = 0; i < n; i++)
          {
            const char *label, *key = NULL;

            switch (kind)
              {
              case VALUE_STAGE: label = rpt_stage_to_string (i); break;
              case VALUE_SIZE: label = rpt_size_band_to_string (i); break;
              case VALUE_CLASS: label = rpt_value_class_to_string (RPT_VALUE_A + i); key = (const char *[]) { "A", "B", "C" }[i]; break;
              case VALUE_SEGMENT: label = rpt_rfm_segment_to_string (i + 1); key = rpt_rfm_segment_to_key (i + 1); break;
              case VALUE_WARNING: label = rpt_warning_to_string (1u << i); key = rpt_warning_to_key (1u << i); break;
              case VALUE_FLAG:
              default: label = i == 0 ? _("Yes") : _("No"); break;
              }
            g_ptr_array_add (labels, (gpointer) label);
            if (condition != NULL && (key != NULL ? g_str_equal (key, text)
                                      : kind == VALUE_FLAG ? (json_object_get_boolean_member_with_default (condition, "value", TRUE) == (i == 0))
                                      : number == i))
              selected = i;
          }
        g_ptr_array_add (labels, NULL);
        value = GTK_WIDGET (dropdown_new ((const char * const *) labels->pdata));
        gtk_drop_down_set_selected (GTK_DROP_DOWN (value), selected);
        break;
      }
    case VALUE_TAG:
      {
        g_auto(GStrv) tags = rpt_customer_store_list_tags (self->store);
        const char *none[] = { "", NULL };

        value = GTK_WIDGET (dropdown_new (tags && tags[0] ? (const char * const *) tags : none));
        for (guint i = 0; tags && tags[i]; i++)
          if (g_str_equal (tags[i], text))
            gtk_drop_down_set_selected (GTK_DROP_DOWN (value), i);
        gtk_drop_down_set_enable_search (GTK_DROP_DOWN (value), TRUE);
        extra = spin_new (0, 36500, 1, 0, condition ? json_object_get_int_member_with_default (condition, "days", 0) : 0);
        gtk_widget_set_tooltip_text (extra, _("Noted in the last days (0: ever)"));
        break;
      }
    case VALUE_DAYS:
      value = spin_new (1, 36500, 1, 0, number > 0 ? (double) number : 90);
      break;
    case VALUE_MONEY:
      value = spin_new (-1e9, 1e9, 10, 2, (double) number / 100);
      break;
    case VALUE_SCORE:
      {
        g_autoptr(GPtrArray) titles = g_ptr_array_new ();
        const char *key = condition ? json_object_get_string_member_with_default (condition, "questionnaire", "") : "";
        guint selected = 0;

        for (guint i = 0; self->questionnaires && i < self->questionnaires->len; i++)
          {
            RptQuestionnaire *q = self->questionnaires->pdata[i];

            g_ptr_array_add (titles, (gpointer) rpt_questionnaire_get_title (q, g_get_language_names ()[0]));
            if (g_str_equal (rpt_questionnaire_get_key (q), key))
              selected = i;
          }
        g_ptr_array_add (titles, NULL);
        extra = GTK_WIDGET (dropdown_new ((const char * const *) titles->pdata));
        gtk_drop_down_set_selected (GTK_DROP_DOWN (extra), selected);
        extra2 = GTK_WIDGET (dropdown_new ((const char *[]) { "", NULL }));
        value = spin_new (0, 100, 5, 0, condition ? json_object_get_double_member_with_default (condition, "value", 50) : 50);
        g_object_set_data (G_OBJECT (row), "rpt-dimension", extra2);
        g_object_set_data_full (G_OBJECT (row), "rpt-wanted-dimension",
                                g_strdup (condition ? json_object_get_string_member_with_default (condition, "dimension", "") : ""),
                                g_free);
        g_signal_connect (extra, "notify::selected", G_CALLBACK (on_questionnaire_chosen), row);
        break;
      }
    case VALUE_TEXT:
    default:
      value = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (value), text);
      gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (value, TRUE);
      break;
    }
  g_object_set_data (G_OBJECT (row), "rpt-value", value);
  g_object_set_data (G_OBJECT (row), "rpt-extra", extra);
  if (extra != NULL && kind == VALUE_SCORE)
    {
      gtk_box_append (box, extra);
      gtk_box_append (box, extra2);
      on_questionnaire_chosen (GTK_DROP_DOWN (extra), NULL, row);
      watch (self, extra2);
    }
  gtk_box_append (box, value);
  if (extra != NULL && kind != VALUE_SCORE)
    gtk_box_append (box, extra);
  watch (self, value);
  if (extra != NULL)
    watch (self, extra);
}

/* The dimensions of the questionnaire chosen, the overall index first */
static void
on_questionnaire_chosen (GtkDropDown *dropdown,
                         GParamSpec  *pspec,
                         GtkWidget   *row)
{
  RptSegmentEditor *self = g_object_get_data (G_OBJECT (row), "rpt-editor");
  GtkDropDown *dimensions = g_object_get_data (G_OBJECT (row), "rpt-dimension");
  const char *wanted = g_object_get_data (G_OBJECT (row), "rpt-wanted-dimension");
  guint at = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char *[]) { _("Overall index"), NULL });
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  g_ptr_array_add (keys, g_strdup (""));
  if (self->questionnaires != NULL && at < self->questionnaires->len)
    {
      GPtrArray *list = rpt_questionnaire_get_dimensions (self->questionnaires->pdata[at]);

      for (guint i = 0; i < list->len; i++)
        {
          RptDimension *d = list->pdata[i];

          gtk_string_list_append (names, rpt_text_get (d->title, g_get_language_names ()[0], NULL));
          g_ptr_array_add (keys, g_strdup (d->key));
          if (g_strcmp0 (d->key, wanted) == 0)
            selected = i + 1;
        }
    }
  gtk_drop_down_set_model (dimensions, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (dimensions, selected);
  g_object_set_data_full (G_OBJECT (row), "rpt-dimension-keys", g_steal_pointer (&keys),
                          (GDestroyNotify) g_ptr_array_unref);
  if (pspec != NULL)
    changed (self);
}

static void
fill_ops (RptSegmentEditor *self,
          GtkWidget        *row,
          const char       *op)
{
  const char * const *ops = rpt_segment_rule_field_ops (ui_fields[field_of (row)].key);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (row), "rpt-op");
  guint selected = 0;

  for (guint i = 0; ops != NULL && ops[i] != NULL; i++)
    {
      gtk_string_list_append (labels, op_label (ops[i]));
      if (g_strcmp0 (ops[i], op) == 0)
        selected = i;
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, selected);
}

static void
on_field_chosen (GtkDropDown      *dropdown,
                 GParamSpec       *pspec,
                 RptSegmentEditor *self)
{
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (dropdown));

  fill_ops (self, row, NULL);
  fill_value (self, row, NULL);
  changed (self);
}

static void
on_remove_clicked (GtkButton        *button,
                   RptSegmentEditor *self)
{
  GtkWidget *part = g_object_get_data (G_OBJECT (button), "rpt-part");

  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (part)), part);
  changed (self);
}

static GtkWidget *
remove_button (RptSegmentEditor *self,
               GtkWidget        *part,
               const char       *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data (G_OBJECT (button), "rpt-part", part);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
  return button;
}

static void
add_condition (RptSegmentEditor *self,
               GtkBox           *children,
               JsonObject       *condition)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const char *key = condition ? json_object_get_string_member_with_default (condition, "field", "") : "segment";
  GtkDropDown *field, *op;
  GtkWidget *value_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  guint selected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ui_fields); i++)
    {
      g_ptr_array_add (labels, (gpointer) _(ui_fields[i].label));
      if (g_str_equal (ui_fields[i].key, key))
        selected = i;
    }
  g_ptr_array_add (labels, NULL);
  field = dropdown_new ((const char * const *) labels->pdata);
  gtk_drop_down_set_selected (field, selected);
  op = dropdown_new ((const char *[]) { "", NULL });
  gtk_widget_set_hexpand (value_box, TRUE);
  g_object_set_data (G_OBJECT (row), "rpt-condition", GINT_TO_POINTER (TRUE));
  g_object_set_data (G_OBJECT (row), "rpt-editor", self);
  g_object_set_data (G_OBJECT (row), "rpt-field", field);
  g_object_set_data (G_OBJECT (row), "rpt-op", op);
  g_object_set_data (G_OBJECT (row), "rpt-value-box", value_box);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (field));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (op));
  gtk_box_append (GTK_BOX (row), value_box);
  gtk_box_append (GTK_BOX (row), remove_button (self, row, _("Remove the Condition")));
  gtk_box_append (children, row);
  fill_ops (self, row, condition ? json_object_get_string_member_with_default (condition, "op", "") : NULL);
  fill_value (self, row, condition);
  g_signal_connect (field, "notify::selected", G_CALLBACK (on_field_chosen), self);
  watch (self, GTK_WIDGET (op));
}

/* Groups ------------------------------------------------------------------------ */

static GtkWidget *add_group (RptSegmentEditor *self, GtkBox *parent, JsonObject *group, gboolean root);

static void
on_add_condition (GtkButton        *button,
                  RptSegmentEditor *self)
{
  add_condition (self, g_object_get_data (G_OBJECT (button), "rpt-children"), NULL);
  changed (self);
}

static void
on_add_group (GtkButton        *button,
              RptSegmentEditor *self)
{
  GtkWidget *group = add_group (self, g_object_get_data (G_OBJECT (button), "rpt-children"), NULL, FALSE);

  add_condition (self, g_object_get_data (G_OBJECT (group), "rpt-children"), NULL);
  changed (self);
}

static GtkWidget *
add_group (RptSegmentEditor *self,
           GtkBox           *parent,
           JsonObject       *json,
           gboolean          root)
{
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *children = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkDropDown *match = dropdown_new ((const char *[]) { _("All of these"), _("Any of these"), NULL });
  GtkWidget *add = gtk_button_new_with_mnemonic (_("Add _Condition"));
  GtkWidget *nest = gtk_button_new_with_mnemonic (_("Add _Group"));
  JsonNode *conditions = json ? json_object_get_member (json, "conditions") : NULL;

  gtk_widget_add_css_class (group, "card");
  gtk_widget_set_margin_start (children, 12);
  gtk_widget_set_margin_end (children, 12);
  gtk_widget_set_margin_bottom (children, 12);
  gtk_widget_set_margin_start (head, 12);
  gtk_widget_set_margin_end (head, 12);
  gtk_widget_set_margin_top (head, 12);
  gtk_drop_down_set_selected (match, json && g_strcmp0 (json_object_get_string_member_with_default (json, "match", ""),
                                                        "any") == 0);
  g_object_set_data (G_OBJECT (group), "rpt-match", match);
  g_object_set_data (G_OBJECT (group), "rpt-children", children);
  g_object_set_data (G_OBJECT (add), "rpt-children", children);
  g_object_set_data (G_OBJECT (nest), "rpt-children", children);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_condition), self);
  g_signal_connect (nest, "clicked", G_CALLBACK (on_add_group), self);
  watch (self, GTK_WIDGET (match));
  gtk_widget_set_hexpand (GTK_WIDGET (match), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (match), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (match));
  gtk_box_append (GTK_BOX (head), add);
  gtk_box_append (GTK_BOX (head), nest);
  if (!root)
    gtk_box_append (GTK_BOX (head), remove_button (self, group, _("Remove the Group")));
  gtk_box_append (GTK_BOX (group), head);
  gtk_box_append (GTK_BOX (group), children);
  gtk_box_append (parent, group);
  for (guint i = 0; conditions != NULL && JSON_NODE_HOLDS_ARRAY (conditions)
                    && i < json_array_get_length (json_node_get_array (conditions)); i++)
    {
      JsonObject *o = json_array_get_object_element (json_node_get_array (conditions), i);

      if (o == NULL)
        continue;
      if (json_object_has_member (o, "match"))
        add_group (self, GTK_BOX (children), o, FALSE);
      else
        add_condition (self, GTK_BOX (children), o);
    }
  return group;
}

/* Reading the widgets ---------------------------------------------------------------- */

static void write_group (JsonBuilder *b, GtkWidget *group);

static void
write_condition (JsonBuilder *b,
                 GtkWidget   *row)
{
  guint field = field_of (row);
  GtkWidget *value = g_object_get_data (G_OBJECT (row), "rpt-value");
  GtkWidget *extra = g_object_get_data (G_OBJECT (row), "rpt-extra");
  guint chosen = GTK_IS_DROP_DOWN (value) ? gtk_drop_down_get_selected (GTK_DROP_DOWN (value)) : 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "field");
  json_builder_add_string_value (b, ui_fields[field].key);
  json_builder_set_member_name (b, "op");
  json_builder_add_string_value (b, op_of (row));
  json_builder_set_member_name (b, "value");
  switch (ui_fields[field].value)
    {
    case VALUE_STAGE:
    case VALUE_SIZE:
      json_builder_add_int_value (b, chosen);
      break;
    case VALUE_CLASS:
      json_builder_add_string_value (b, (const char *[]) { "A", "B", "C" }[MIN (chosen, 2)]);
      break;
    case VALUE_SEGMENT:
      json_builder_add_string_value (b, rpt_rfm_segment_to_key (chosen + 1));
      break;
    case VALUE_WARNING:
      json_builder_add_string_value (b, rpt_warning_to_key (1u << MIN (chosen, 3)));
      break;
    case VALUE_FLAG:
      json_builder_add_boolean_value (b, chosen == 0);
      break;
    case VALUE_TAG:
      {
        GtkStringObject *tag = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (value));
        int days = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (extra));

        json_builder_add_string_value (b, tag ? gtk_string_object_get_string (tag) : "");
        if (days > 0)
          {
            json_builder_set_member_name (b, "days");
            json_builder_add_int_value (b, days);
          }
        break;
      }
    case VALUE_DAYS:
      json_builder_add_int_value (b, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (value)));
      break;
    case VALUE_MONEY:
      json_builder_add_int_value (b, (gint64) llround (gtk_spin_button_get_value (GTK_SPIN_BUTTON (value)) * 100));
      break;
    case VALUE_SCORE:
      {
        RptSegmentEditor *self = g_object_get_data (G_OBJECT (row), "rpt-editor");
        guint q = gtk_drop_down_get_selected (GTK_DROP_DOWN (extra));
        GPtrArray *keys = g_object_get_data (G_OBJECT (row), "rpt-dimension-keys");
        guint d = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (row), "rpt-dimension"));

        json_builder_add_double_value (b, gtk_spin_button_get_value (GTK_SPIN_BUTTON (value)));
        json_builder_set_member_name (b, "questionnaire");
        json_builder_add_string_value (b, self->questionnaires && q < self->questionnaires->len
                                          ? rpt_questionnaire_get_key (self->questionnaires->pdata[q]) : "");
        json_builder_set_member_name (b, "dimension");
        json_builder_add_string_value (b, keys && d < keys->len ? keys->pdata[d] : "");
        break;
      }
    case VALUE_TEXT:
    default:
      json_builder_add_string_value (b, gtk_editable_get_text (GTK_EDITABLE (value)));
      break;
    }
  json_builder_end_object (b);
}

static void
write_group (JsonBuilder *b,
             GtkWidget   *group)
{
  GtkWidget *children = g_object_get_data (G_OBJECT (group), "rpt-children");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "match");
  json_builder_add_string_value (b, gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (group), "rpt-match"))
                                    ? "any" : "all");
  json_builder_set_member_name (b, "conditions");
  json_builder_begin_array (b);
  for (GtkWidget *c = gtk_widget_get_first_child (children); c; c = gtk_widget_get_next_sibling (c))
    if (g_object_get_data (G_OBJECT (c), "rpt-condition"))
      write_condition (b, c);
    else
      write_group (b, c);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

char *
rpt_segment_editor_dup_rule (RptSegmentEditor *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  write_group (b, self->root);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Counting ---------------------------------------------------------------------------- */

static gboolean
count_now (gpointer data)
{
  RptSegmentEditor *self = data;
  g_autofree char *json = rpt_segment_editor_dup_rule (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(RptSegmentRule) rule = rpt_segment_rule_new_from_json (json, &error);
  g_autoptr(GArray) ids = rule ? rpt_customer_store_segment_members (self->store, rule, self->report, self->today,
                                                                      &error) : NULL;

  self->count_id = 0;
  if (ids == NULL)
    {
      self->count = -1;
      gtk_label_set_text (self->count_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
      return G_SOURCE_REMOVE;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", ids->len),
                                             ids->len);

    self->count = (int) ids->len;
    gtk_label_set_text (self->count_label, text);
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
  }
  return G_SOURCE_REMOVE;
}

static void
changed (RptSegmentEditor *self)
{
  self->count = -1;
  g_clear_handle_id (&self->count_id, g_source_remove);
  self->count_id = g_timeout_add (300, count_now, self);
}

int
rpt_segment_editor_get_count (RptSegmentEditor *self)
{
  return self->count;
}

GtkWidget *
rpt_segment_editor_get_root_group (RptSegmentEditor *self)
{
  return self->root;
}

/* Saving ------------------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  RptSegmentEditor *self = RPT_SEGMENT_EDITOR (widget);
  g_autofree char *rule = rpt_segment_editor_dup_rule (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autoptr(GError) error = NULL;

  if (*name == '\0')
    {
      rpt_toast_overlay_show (self->toasts, _("Give the segment a name first"));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  /* renamed: the old name goes */
  if (self->original != NULL && g_utf8_collate (self->original, name) != 0)
    {
      g_autoptr(RptSavedSegment) taken = rpt_customer_store_find_segment (self->store, name, NULL);

      if (taken != NULL)
        {
          rpt_toast_overlay_show (self->toasts, _("Another segment has this name"));
          return;
        }
    }
  if (!rpt_customer_store_save_segment (self->store, name, rule, gtk_switch_get_active (self->pin_switch), &error))
    {
      g_autofree char *text = g_strdup_printf (_("The segment could not be saved: %s"), error->message);

      rpt_toast_overlay_show (self->toasts, text);
      return;
    }
  if (self->original != NULL && g_utf8_collate (self->original, name) != 0)
    rpt_customer_store_delete_segment (self->store, self->original, NULL);
  g_free (self->saved_rule);
  self->saved_rule = g_strdup ("saved");
  g_signal_emit (self, signals[SAVED], 0, name);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Deleted at once; whoever opened the window offers Undo */
static void
on_delete_clicked (RptSegmentEditor *self)
{
  g_autoptr(RptSavedSegment) segment = rpt_customer_store_find_segment (self->store, self->original, NULL);
  g_autoptr(GError) error = NULL;

  if (segment == NULL || !rpt_customer_store_delete_segment (self->store, self->original, &error))
    {
      if (error != NULL)
        rpt_toast_overlay_show (self->toasts, error->message);
      return;
    }
  g_free (self->saved_rule);
  self->saved_rule = g_strdup ("saved");
  g_signal_emit (self, signals[DELETED], 0, segment->name, segment->rule, segment->pinned);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
rpt_segment_editor_close_request (GtkWindow *window)
{
  RptSegmentEditor *self = RPT_SEGMENT_EDITOR (window);
  g_autofree char *now = rpt_segment_editor_dup_rule (self);

  if (g_strcmp0 (self->saved_rule, "saved") != 0 && g_strcmp0 (now, self->saved_rule) != 0)
    {
      rpt_ask_save_changes (window, _("The segment has changes that are not saved yet."), "segment.save");
      return TRUE;
    }
  return GTK_WINDOW_CLASS (rpt_segment_editor_parent_class)->close_request (window);
}

RptSegmentEditor *
rpt_segment_editor_new (GtkWindow             *parent,
                        RptCustomerStore      *store,
                        const RptSavedSegment *segment,
                        RptSegmentReport      *report,
                        const char            *today)
{
  RptSegmentEditor *self = g_object_new (RPT_TYPE_SEGMENT_EDITOR, "transient-for", parent, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *rule = NULL;

  self->store = g_object_ref (store);
  self->report = report ? rpt_segment_report_ref (report) : NULL;
  self->today = g_strdup (today);
  self->questionnaires = rpt_customer_store_list_questionnaires (store, NULL);
  if (segment != NULL)
    {
      self->original = g_strdup (segment->name);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), segment->name);
      gtk_switch_set_active (self->pin_switch, segment->pinned);
      adw_window_title_set_title (self->title, segment->name);
      gtk_widget_set_visible (GTK_WIDGET (self->delete_button), TRUE);
      if (json_parser_load_from_data (parser, segment->rule, -1, NULL)
          && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        rule = json_node_get_object (json_parser_get_root (parser));
    }
  else
    adw_window_title_set_title (self->title, _("New Segment"));
  if (rule != NULL && !json_object_has_member (rule, "match"))
    {
      /* a single condition: held by a group of its own */
      self->root = add_group (self, self->rule_box, NULL, TRUE);
      add_condition (self, g_object_get_data (G_OBJECT (self->root), "rpt-children"), rule);
    }
  else
    {
      self->root = add_group (self, self->rule_box, rule, TRUE);
      if (rule == NULL)
        add_condition (self, g_object_get_data (G_OBJECT (self->root), "rpt-children"), NULL);
    }
  self->saved_rule = rpt_segment_editor_dup_rule (self);
  changed (self);
  return self;
}

static void
rpt_segment_editor_dispose (GObject *object)
{
  RptSegmentEditor *self = RPT_SEGMENT_EDITOR (object);

  g_clear_handle_id (&self->count_id, g_source_remove);
  G_OBJECT_CLASS (rpt_segment_editor_parent_class)->dispose (object);
}

static void
rpt_segment_editor_finalize (GObject *object)
{
  RptSegmentEditor *self = RPT_SEGMENT_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->report, rpt_segment_report_free);
  g_clear_pointer (&self->questionnaires, g_ptr_array_unref);
  g_free (self->today);
  g_free (self->original);
  g_free (self->saved_rule);
  G_OBJECT_CLASS (rpt_segment_editor_parent_class)->finalize (object);
}

static void
rpt_segment_editor_class_init (RptSegmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rpt_segment_editor_dispose;
  object_class->finalize = rpt_segment_editor_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = rpt_segment_editor_close_request;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  /* name, rule, pinned: enough to save it again */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/rpt-segment-editor.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RptSegmentEditor, name)
  CHILD (toasts);
  CHILD (title);
  CHILD (name_row);
  CHILD (pin_switch);
  CHILD (count_label);
  CHILD (rule_box);
  CHILD (delete_button);
#undef CHILD
  rpt_form_class_install (widget_class, "segment", save_action);
}

static void
rpt_segment_editor_init (RptSegmentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->count = -1;
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (on_delete_clicked), self);
}
