/* rpt-questionnaire-designer.c — making or changing a questionnaire
 *
 * On the left the parts: the questionnaire itself, its dimensions, its
 * sections with their questions; on the right what the part chosen is,
 * its texts in the language chosen above (with the default language's
 * text beside each, to translate from). The whole is checked as it
 * changes and what would stop it being saved is said at the top. The
 * preview shows it as the respondent answers it, one section at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rpt-questionnaire-designer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rpt-names.h"
#include "rpt-question-form.h"
#include "rpt-questionnaire-designer.h"
#include "rpt-questionnaire-store.h"
#include "rpt-ui-util.h"

typedef enum
{
  PART_GENERAL,
  PART_DIMENSION,
  PART_SECTION,
  PART_QUESTION,
  PART_RULE,
} PartKind;

struct _RptQuestionnaireDesigner
{
  AdwWindow              parent_instance;

  AdwToastOverlay       *toasts;
  GtkDropDown           *language_dropdown;
  GtkRevealer           *problem_revealer;
  GtkLabel              *problem_label;
  GtkStack              *views;
  GtkListBox            *outline;
  GtkBox                *editor_box;
  GtkBox                *preview_box;
  GtkWidget             *preview_nav;
  GtkButton             *preview_previous;
  GtkButton             *preview_next;
  GtkLabel              *preview_progress;

  RptCustomerStore      *store;
  RptQuestionnaireDraft *draft;
  GPtrArray             *languages;      /* codes, as the drop-down lists them */
  char                  *language;       /* the texts' language being edited */
  JsonObject            *selected;       /* the part shown; NULL: the questionnaire */
  PartKind               selected_kind;
  gboolean               filling;        /* the editor is being filled: no changes */
  guint                  check_id;
  guint                  editor_id;
  RptQuestionnaire      *preview;
  guint                  preview_section;
  GHashTable            *preview_answers;
};

G_DEFINE_FINAL_TYPE (RptQuestionnaireDesigner, rpt_questionnaire_designer, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void show_editor (RptQuestionnaireDesigner *self);
static void rebuild_outline (RptQuestionnaireDesigner *self);
static void show_preview (RptQuestionnaireDesigner *self);

static const char *
default_language (RptQuestionnaireDesigner *self)
{
  return json_object_get_string_member_with_default (rpt_questionnaire_draft_get_root (self->draft),
                                                     "default_language", "en");
}

/* PART's MEMBER in the language edited, else the default language's,
 * else KEY */
static const char *
display_text (RptQuestionnaireDesigner *self,
              JsonObject               *part,
              const char               *member)
{
  const char *text = rpt_questionnaire_draft_get_text (part, member, self->language);

  if (*text == '\0')
    text = rpt_questionnaire_draft_get_text (part, member, default_language (self));
  if (*text == '\0')
    text = json_object_get_string_member_with_default (part, "key", "");
  return text;
}

static const char *
kind_name (RptQuestionKind kind)
{
  switch (kind)
    {
    case RPT_QUESTION_SINGLE:   return _("One choice");
    case RPT_QUESTION_MULTIPLE: return _("Several choices");
    case RPT_QUESTION_SCALE:    return _("Scale from 1 to 5");
    case RPT_QUESTION_NUMBER:   return _("Number");
    case RPT_QUESTION_YES_NO:   return _("Yes or no");
    case RPT_QUESTION_TEXT:
    default:                    return _("Free text");
    }
}

/* Checking ---------------------------------------------------------------- */

/* The whole checked; what is wrong said at the top. TRUE when it builds. */
static gboolean
check_now (RptQuestionnaireDesigner *self)
{
  g_autoptr(GError) error = NULL;
  RptQuestionnaire *q = rpt_questionnaire_draft_build (self->draft, &error);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->preview, rpt_questionnaire_unref);
  self->preview = q;
  if (q == NULL)
    gtk_label_set_text (self->problem_label, error->message);
  gtk_revealer_set_reveal_child (self->problem_revealer, q == NULL);
  return q != NULL;
}

static gboolean
check_later_cb (gpointer data)
{
  RptQuestionnaireDesigner *self = data;

  self->check_id = 0;
  check_now (self);
  return G_SOURCE_REMOVE;
}

static void
changed (RptQuestionnaireDesigner *self)
{
  if (self->check_id == 0)
    self->check_id = g_timeout_add (300, check_later_cb, self);
}

/* The editor's fields ----------------------------------------------------- */

static JsonObject *
part_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "rpt-part");
}

static const char *
member_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "rpt-member");
}

static void
bind_part (gpointer    widget,
           JsonObject *part,
           const char *member)
{
  g_object_set_data (G_OBJECT (widget), "rpt-part", part);
  g_object_set_data (G_OBJECT (widget), "rpt-member", (gpointer) member);
}

/* The outline row showing the part edited takes its new title. */
static void
retitle_selected_row (RptQuestionnaireDesigner *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->outline);
  GtkLabel *label = row ? g_object_get_data (G_OBJECT (row), "rpt-title-label") : NULL;
  JsonObject *part = self->selected ? self->selected : rpt_questionnaire_draft_get_root (self->draft);

  if (label != NULL)
    gtk_label_set_text (label, display_text (self, part, self->selected_kind == PART_QUESTION ? "text" : "title"));
}

static void
on_text_changed (GtkEditable              *entry,
                 RptQuestionnaireDesigner *self)
{
  if (self->filling)
    return;
  rpt_questionnaire_draft_set_text (self->draft, part_of (entry), member_of (entry), self->language,
                                    gtk_editable_get_text (entry));
  retitle_selected_row (self);
  changed (self);
}

static GtkWidget *
group_new (RptQuestionnaireDesigner *self,
           const char               *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->editor_box, group);
  return group;
}

/* A text in the language edited; beneath its title, the default
 * language's text to translate from. */
static GtkWidget *
text_row (RptQuestionnaireDesigner *self,
          GtkWidget                *group,
          JsonObject               *part,
          const char               *member,
          const char               *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();
  const char *source = rpt_questionnaire_draft_get_text (part, member, default_language (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (g_strcmp0 (self->language, default_language (self)) != 0 && *source != '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), source);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), source);
    }
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
  gtk_editable_set_text (GTK_EDITABLE (entry), rpt_questionnaire_draft_get_text (part, member, self->language));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  bind_part (entry, part, member);
  g_signal_connect (entry, "changed", G_CALLBACK (on_text_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return entry;
}

static void
on_number_changed (GtkSpinButton            *spin,
                   RptQuestionnaireDesigner *self)
{
  if (self->filling)
    return;
  rpt_questionnaire_draft_set_number (self->draft, part_of (spin), member_of (spin), gtk_spin_button_get_value (spin));
  changed (self);
}

static GtkWidget *
number_row (RptQuestionnaireDesigner *self,
            GtkWidget                *group,
            JsonObject               *part,
            const char               *member,
            const char               *title,
            double                    fallback,
            double                    lower,
            double                    upper)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), json_object_get_double_member_with_default (part, member, fallback));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  bind_part (spin, part, member);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_number_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return spin;
}

static AdwComboRow *
combo_row (GtkWidget          *group,
           const char         *title,
           const char * const *items,
           guint               selected)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  rpt_combo_row_set_strings (ADW_COMBO_ROW (row), items);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_COMBO_ROW (row);
}

/* The questionnaire itself */

static void
on_default_language_selected (AdwComboRow              *row,
                              GParamSpec               *pspec,
                              RptQuestionnaireDesigner *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (self->filling || i >= self->languages->len)
    return;
  rpt_questionnaire_draft_set_string (self->draft, rpt_questionnaire_draft_get_root (self->draft),
                                      "default_language", self->languages->pdata[i]);
  changed (self);
}

static void
edit_general (RptQuestionnaireDesigner *self)
{
  JsonObject *root = rpt_questionnaire_draft_get_root (self->draft);
  GtkWidget *group = group_new (self, _("Questionnaire"));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint current = 0;
  AdwComboRow *row;

  text_row (self, group, root, "title", _("Title"));
  text_row (self, group, root, "description", _("Description"));
  for (guint i = 0; i < self->languages->len; i++)
    {
      g_ptr_array_add (names, (gpointer) rpt_language_name (self->languages->pdata[i]));
      if (g_strcmp0 (self->languages->pdata[i], default_language (self)) == 0)
        current = i;
    }
  g_ptr_array_add (names, NULL);
  row = combo_row (group, _("Default language"), (const char * const *) names->pdata, current);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Shown where a text is missing in the respondent's language"));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_default_language_selected), self);
}

static void
edit_dimension (RptQuestionnaireDesigner *self)
{
  GtkWidget *group = group_new (self, _("Dimension"));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A score from 0 to 100, made of the answers to the questions that feed it, "
                                           "weighed by their weights"));
  text_row (self, group, self->selected, "title", _("Name"));
  text_row (self, group, self->selected, "offering", _("What you offer where it is weak"));
}

static void
edit_section (RptQuestionnaireDesigner *self)
{
  GtkWidget *group = group_new (self, _("Section"));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The respondent answers one section at a time"));
  text_row (self, group, self->selected, "title", _("Title"));
}

/* A question */

static gboolean
show_editor_cb (gpointer data)
{
  RptQuestionnaireDesigner *self = data;

  self->editor_id = 0;
  show_editor (self);
  return G_SOURCE_REMOVE;
}

/* The editor again once the field that changed it is done: a combo row
 * is not taken away while it reports its choice. */
static void
show_editor_later (RptQuestionnaireDesigner *self)
{
  if (self->editor_id == 0)
    self->editor_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_editor_cb, self, NULL);
}

static void
on_kind_selected (AdwComboRow              *row,
                  GParamSpec               *pspec,
                  RptQuestionnaireDesigner *self)
{
  if (self->filling)
    return;
  rpt_questionnaire_draft_set_kind (self->draft, self->selected, adw_combo_row_get_selected (row));
  rebuild_outline (self);
  show_editor_later (self);
  changed (self);
}

static void
on_dimension_selected (AdwComboRow              *row,
                       GParamSpec               *pspec,
                       RptQuestionnaireDesigner *self)
{
  JsonArray *dimensions = rpt_questionnaire_draft_get_dimensions (self->draft);
  guint i = adw_combo_row_get_selected (row);

  if (self->filling)
    return;
  if (i == 0 || i > json_array_get_length (dimensions))
    {
      rpt_questionnaire_draft_set_string (self->draft, self->selected, "dimension", NULL);
      json_object_remove_member (self->selected, "weight");
    }
  else
    {
      rpt_questionnaire_draft_set_string (self->draft, self->selected, "dimension",
                                          json_object_get_string_member (json_array_get_object_element (dimensions,
                                                                                                        i - 1), "key"));
      if (!json_object_has_member (self->selected, "weight"))
        rpt_questionnaire_draft_set_number (self->draft, self->selected, "weight", 1);
    }
  rebuild_outline (self);
  show_editor_later (self);
  changed (self);
}

static void
on_reverse_changed (GtkSwitch                *toggle,
                    GParamSpec               *pspec,
                    RptQuestionnaireDesigner *self)
{
  if (self->filling)
    return;
  if (gtk_switch_get_active (toggle))
    json_object_set_boolean_member (self->selected, "reverse", TRUE);
  else
    json_object_remove_member (self->selected, "reverse");
  changed (self);
}

static void
on_qualification_selected (AdwComboRow              *row,
                           GParamSpec               *pspec,
                           RptQuestionnaireDesigner *self)
{
  if (self->filling)
    return;
  rpt_questionnaire_draft_set_string (self->draft, self->selected, "qualification",
                                      rpt_qualification_to_string (adw_combo_row_get_selected (row)));
  changed (self);
}

static void
on_add_option (RptQuestionnaireDesigner *self)
{
  rpt_questionnaire_draft_add_option (self->draft, self->selected, self->language);
  show_editor (self);
  changed (self);
}

static void
on_remove_option (GtkButton                *button,
                  RptQuestionnaireDesigner *self)
{
  if (rpt_questionnaire_draft_remove (self->draft, part_of (button)))
    {
      AdwToast *toast = adw_toast_new (_("Option removed"));

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "designer.undo");
      adw_toast_overlay_add_toast (self->toasts, toast);
    }
  show_editor (self);
  changed (self);
}

static void
edit_options (RptQuestionnaireDesigner *self)
{
  JsonArray *options = rpt_questionnaire_draft_get_options (self->selected);
  GtkWidget *group = group_new (self, _("Options"));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each option's score counts against the best score of the question"));
  gtk_widget_set_tooltip_text (add, _("Add an Option"));
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_option), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonObject *option = json_array_get_object_element (options, i);
      g_autofree char *title = g_strdup_printf (_("Option %u"), i + 1);
      GtkWidget *entry = text_row (self, group, option, "text", title);
      GtkWidget *row = gtk_widget_get_ancestor (entry, ADW_TYPE_ACTION_ROW);
      GtkWidget *score = gtk_spin_button_new_with_range (-1000, 1000, 1);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (score), json_object_get_double_member_with_default (option, "score", 0));
      gtk_widget_set_valign (score, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (score, _("Score"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (score), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Score"), -1);
      bind_part (score, option, "score");
      g_signal_connect (score, "value-changed", G_CALLBACK (on_number_changed), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), score);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove the Option"));
      bind_part (remove, option, NULL);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_option), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
}

static void
edit_question (RptQuestionnaireDesigner *self)
{
  JsonObject *question = self->selected;
  RptQuestionKind kind = rpt_questionnaire_draft_get_kind (question);
  JsonArray *dimensions = rpt_questionnaire_draft_get_dimensions (self->draft);
  const char *kinds[RPT_QUESTION_TEXT + 2] = { NULL };
  const char *qualifications[] = { C_("qualification", "None"), C_("qualification", "Budget"),
                                   C_("qualification", "Authority"), C_("qualification", "Need"),
                                   C_("qualification", "Timeline"), NULL };
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *dimension = json_object_get_string_member_with_default (question, "dimension", "");
  const char *qualification = json_object_get_string_member_with_default (question, "qualification", "");
  GtkWidget *group = group_new (self, _("Question"));
  guint current = 0;
  AdwComboRow *row;

  text_row (self, group, question, "text", _("Question"));
  for (int k = 0; k <= RPT_QUESTION_TEXT; k++)
    kinds[k] = kind_name (k);
  row = combo_row (group, _("Answer"), kinds, kind);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_kind_selected), self);
  if (kind == RPT_QUESTION_NUMBER)
    {
      number_row (self, group, question, "min", _("Lowest"), 0, -1e9, 1e9);
      number_row (self, group, question, "max", _("Highest"), 100, -1e9, 1e9);
      text_row (self, group, question, "unit", _("Unit"));
    }

  if (kind != RPT_QUESTION_TEXT)
    {
      group = group_new (self, _("Scoring"));
      g_ptr_array_add (names, (gpointer) _("Not scored"));
      for (guint i = 0; i < json_array_get_length (dimensions); i++)
        {
          JsonObject *d = json_array_get_object_element (dimensions, i);

          g_ptr_array_add (names, (gpointer) display_text (self, d, "title"));
          if (g_strcmp0 (json_object_get_string_member_with_default (d, "key", ""), dimension) == 0)
            current = i + 1;
        }
      g_ptr_array_add (names, NULL);
      row = combo_row (group, _("Dimension"), (const char * const *) names->pdata, current);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_dimension_selected), self);
      if (current > 0)
        {
          GtkWidget *reverse_row = adw_action_row_new ();
          GtkWidget *reverse = gtk_switch_new ();

          number_row (self, group, question, "weight", _("Weight"), 1, 0, 1000);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reverse_row), _("Lower answers score higher"));
          gtk_switch_set_active (GTK_SWITCH (reverse), json_object_get_boolean_member_with_default (question,
                                                                                                   "reverse", FALSE));
          gtk_widget_set_valign (reverse, GTK_ALIGN_CENTER);
          g_signal_connect (reverse, "notify::active", G_CALLBACK (on_reverse_changed), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (reverse_row), reverse);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (reverse_row), reverse);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), reverse_row);
        }
      current = 0;
      for (guint i = 1; i < RPT_N_QUALIFY; i++)
        if (g_str_equal (rpt_qualification_to_string (i), qualification))
          current = i;
      row = combo_row (group, _("Qualification"), qualifications, current);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("What the answer tells of the buyer"));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_qualification_selected), self);
    }
  if (kind == RPT_QUESTION_SINGLE || kind == RPT_QUESTION_MULTIPLE)
    edit_options (self);
}

/* A consistency rule */

/* Every question that can be scored, in order */
static GPtrArray *
scorable_questions (RptQuestionnaireDesigner *self)
{
  JsonArray *sections = rpt_questionnaire_draft_get_sections (self->draft);
  GPtrArray *found = g_ptr_array_new ();

  for (guint s = 0; s < json_array_get_length (sections); s++)
    {
      JsonArray *questions = rpt_questionnaire_draft_get_questions (json_array_get_object_element (sections, s));

      for (guint q = 0; q < json_array_get_length (questions); q++)
        if (rpt_questionnaire_draft_get_kind (json_array_get_object_element (questions, q)) != RPT_QUESTION_TEXT)
          g_ptr_array_add (found, json_array_get_object_element (questions, q));
    }
  return found;
}

static const char *
key_of (JsonObject *part)
{
  return json_object_get_string_member_with_default (part, "key", "");
}

static gboolean
rule_measures (JsonObject *rule,
               const char *key)
{
  JsonNode *node = json_object_get_member (rule, "measures");
  JsonArray *measures = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; measures != NULL && i < json_array_get_length (measures); i++)
    if (g_strcmp0 (json_array_get_string_element (measures, i), key) == 0)
      return TRUE;
  return FALSE;
}

static void
on_self_selected (AdwComboRow              *row,
                  GParamSpec               *pspec,
                  RptQuestionnaireDesigner *self)
{
  g_autoptr(GPtrArray) questions = scorable_questions (self);
  guint i = adw_combo_row_get_selected (row);

  if (self->filling || i >= questions->len)
    return;
  rpt_questionnaire_draft_set_string (self->draft, self->selected, "self", key_of (questions->pdata[i]));
  rebuild_outline (self);
  show_editor_later (self);
  changed (self);
}

static void
on_measure_toggled (GtkCheckButton           *check,
                    RptQuestionnaireDesigner *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) questions = NULL;

  if (self->filling)
    return;
  questions = scorable_questions (self);
  for (guint i = 0; i < questions->len; i++)
    {
      const char *key = key_of (questions->pdata[i]);
      gboolean on = g_strcmp0 (key, member_of (check)) == 0 ? gtk_check_button_get_active (check)
                                                            : rule_measures (self->selected, key);

      if (on && g_strcmp0 (key, json_object_get_string_member_with_default (self->selected, "self", "")) != 0)
        g_ptr_array_add (keys, (gpointer) key);
    }
  g_ptr_array_add (keys, NULL);
  rpt_questionnaire_draft_set_measures (self->draft, self->selected, (const char * const *) keys->pdata);
  rebuild_outline (self);
  changed (self);
}

static void
edit_rule (RptQuestionnaireDesigner *self)
{
  JsonObject *rule = self->selected;
  const char *rated = json_object_get_string_member_with_default (rule, "self", "");
  g_autoptr(GPtrArray) questions = scorable_questions (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GtkWidget *group = group_new (self, _("Consistency Check"));
  guint current = 0;
  AdwComboRow *row;

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Flags a respondent whose rating of themselves differs from what the "
                                           "detailed questions measure by more than the tolerance"));
  for (guint i = 0; i < questions->len; i++)
    {
      g_ptr_array_add (names, (gpointer) display_text (self, questions->pdata[i], "text"));
      if (g_str_equal (key_of (questions->pdata[i]), rated))
        current = i;
    }
  g_ptr_array_add (names, NULL);
  row = combo_row (group, _("Self-rating"), (const char * const *) names->pdata, current);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_self_selected), self);
  number_row (self, group, rule, "tolerance", _("Tolerance, in points out of 100"), 25, 0, 100);

  group = group_new (self, _("Measured By"));
  for (guint i = 0; i < questions->len; i++)
    {
      const char *key = key_of (questions->pdata[i]);
      GtkWidget *measure = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      if (g_str_equal (key, rated))
        continue;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (measure), display_text (self, questions->pdata[i], "text"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (measure), FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), rule_measures (rule, key));
      bind_part (check, rule, key);
      g_signal_connect (check, "toggled", G_CALLBACK (on_measure_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (measure), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (measure), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), measure);
    }
}

static void
show_editor (RptQuestionnaireDesigner *self)
{
  g_clear_handle_id (&self->editor_id, g_source_remove);
  self->filling = TRUE;
  rpt_question_form_clear (self->editor_box);
  switch (self->selected ? self->selected_kind : PART_GENERAL)
    {
    case PART_DIMENSION:
      edit_dimension (self);
      break;
    case PART_SECTION:
      edit_section (self);
      break;
    case PART_QUESTION:
      edit_question (self);
      break;
    case PART_RULE:
      edit_rule (self);
      break;
    case PART_GENERAL:
    default:
      edit_general (self);
      break;
    }
  self->filling = FALSE;
}

/* The outline -------------------------------------------------------------- */

static void
add_heading (RptQuestionnaireDesigner *self,
             const char               *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = rpt_question_form_label_new (text, "caption-heading");

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (self->outline, row);
}

static GtkWidget *
add_part_row (RptQuestionnaireDesigner *self,
              JsonObject               *part,
              PartKind                  kind,
              const char               *title,
              const char               *subtitle)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = rpt_question_form_label_new (title, kind == PART_SECTION ? "heading" : NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  gtk_box_append (GTK_BOX (box), label);
  if (subtitle != NULL)
    {
      GtkWidget *sub = rpt_question_form_label_new (subtitle, "dim-label");

      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (box), sub);
    }
  if (kind == PART_QUESTION)
    gtk_widget_set_margin_start (box, 18);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "rpt-part", part);
  g_object_set_data (G_OBJECT (row), "rpt-kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (row), "rpt-title-label", label);
  gtk_list_box_append (self->outline, row);
  if (part == self->selected)
    gtk_list_box_select_row (self->outline, GTK_LIST_BOX_ROW (row));
  return row;
}

static void
rebuild_outline (RptQuestionnaireDesigner *self)
{
  JsonObject *root = rpt_questionnaire_draft_get_root (self->draft);
  JsonArray *dimensions = rpt_questionnaire_draft_get_dimensions (self->draft);
  JsonArray *sections = rpt_questionnaire_draft_get_sections (self->draft);
  JsonArray *rules;
  GtkWidget *first;

  self->filling = TRUE;
  rpt_list_box_remove_all (self->outline);
  first = add_part_row (self, NULL, PART_GENERAL, display_text (self, root, "title"),
                        _("Title, description, default language"));
  if (self->selected == NULL)
    gtk_list_box_select_row (self->outline, GTK_LIST_BOX_ROW (first));
  add_heading (self, _("Dimensions"));
  for (guint i = 0; i < json_array_get_length (dimensions); i++)
    {
      JsonObject *d = json_array_get_object_element (dimensions, i);

      add_part_row (self, d, PART_DIMENSION, display_text (self, d, "title"), NULL);
    }
  add_heading (self, _("Sections and Questions"));
  for (guint s = 0; s < json_array_get_length (sections); s++)
    {
      JsonObject *section = json_array_get_object_element (sections, s);
      JsonArray *questions = rpt_questionnaire_draft_get_questions (section);

      add_part_row (self, section, PART_SECTION, display_text (self, section, "title"), NULL);
      for (guint q = 0; q < json_array_get_length (questions); q++)
        {
          JsonObject *question = json_array_get_object_element (questions, q);
          const char *dimension = json_object_get_string_member_with_default (question, "dimension", NULL);
          g_autofree char *subtitle = NULL;

          for (guint i = 0; dimension != NULL && i < json_array_get_length (dimensions); i++)
            if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (dimensions, i),
                                                                       "key", ""), dimension) == 0)
              dimension = display_text (self, json_array_get_object_element (dimensions, i), "title");
          subtitle = dimension != NULL
            ? g_strdup_printf (_("%s · %s"), kind_name (rpt_questionnaire_draft_get_kind (question)), dimension)
            : g_strdup (kind_name (rpt_questionnaire_draft_get_kind (question)));
          add_part_row (self, question, PART_QUESTION, display_text (self, question, "text"), subtitle);
        }
    }
  rules = rpt_questionnaire_draft_get_rules (self->draft);
  if (rules != NULL && json_array_get_length (rules) > 0)
    add_heading (self, _("Consistency Checks"));
  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      JsonNode *measures = json_object_get_member (rule, "measures");
      guint n = measures != NULL && JSON_NODE_HOLDS_ARRAY (measures) ? json_array_get_length (json_node_get_array (measures)) : 0;
      g_autofree char *subtitle = g_strdup_printf (ngettext ("Against %u question", "Against %u questions", n), n);
      const char *rated = json_object_get_string_member_with_default (rule, "self", "");
      const char *title = rated;

      for (guint s = 0; s < json_array_get_length (sections); s++)
        {
          JsonArray *questions = rpt_questionnaire_draft_get_questions (json_array_get_object_element (sections, s));

          for (guint q = 0; q < json_array_get_length (questions); q++)
            if (g_str_equal (key_of (json_array_get_object_element (questions, q)), rated))
              title = display_text (self, json_array_get_object_element (questions, q), "text");
        }
      add_part_row (self, rule, PART_RULE, title, subtitle);
    }
  self->filling = FALSE;
}

static void
select_part (RptQuestionnaireDesigner *self,
             JsonObject               *part,
             PartKind                  kind)
{
  self->selected = part;
  self->selected_kind = part != NULL ? kind : PART_GENERAL;
  rebuild_outline (self);
  show_editor (self);
}

static void
on_outline_selected (GtkListBox               *list,
                     GtkListBoxRow            *row,
                     RptQuestionnaireDesigner *self)
{
  if (self->filling || row == NULL)
    return;
  self->selected = part_of (row);
  self->selected_kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "rpt-kind"));
  show_editor (self);
}

/* Actions ------------------------------------------------------------------ */

/* The section new questions go into: the one chosen or holding the
 * question chosen, else the last. */
static JsonObject *
target_section (RptQuestionnaireDesigner *self)
{
  JsonArray *sections = rpt_questionnaire_draft_get_sections (self->draft);
  guint n = json_array_get_length (sections);

  if (self->selected_kind == PART_SECTION && self->selected != NULL)
    return self->selected;
  for (guint s = 0; self->selected_kind == PART_QUESTION && s < n; s++)
    {
      JsonObject *section = json_array_get_object_element (sections, s);
      JsonArray *questions = rpt_questionnaire_draft_get_questions (section);

      for (guint q = 0; q < json_array_get_length (questions); q++)
        if (json_array_get_object_element (questions, q) == self->selected)
          return section;
    }
  return n > 0 ? json_array_get_object_element (sections, n - 1)
               : rpt_questionnaire_draft_add_section (self->draft, self->language);
}

static void
add_action (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  RptQuestionnaireDesigner *self = RPT_QUESTIONNAIRE_DESIGNER (widget);

  if (g_str_equal (action, "designer.add-section"))
    select_part (self, rpt_questionnaire_draft_add_section (self->draft, self->language), PART_SECTION);
  else if (g_str_equal (action, "designer.add-dimension"))
    select_part (self, rpt_questionnaire_draft_add_dimension (self->draft, self->language), PART_DIMENSION);
  else if (g_str_equal (action, "designer.add-rule"))
    {
      JsonObject *rule = rpt_questionnaire_draft_add_rule (self->draft);

      if (rule == NULL)
        {
          rpt_toast_overlay_show (self->toasts, _("A consistency check needs two questions that are not free text"));
          return;
        }
      select_part (self, rule, PART_RULE);
    }
  else
    select_part (self, rpt_questionnaire_draft_add_question (self->draft, target_section (self),
                                                             RPT_QUESTION_SINGLE, self->language),
                 PART_QUESTION);
  changed (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  RptQuestionnaireDesigner *self = RPT_QUESTIONNAIRE_DESIGNER (widget);
  const char *what[] = { NULL, N_("Dimension removed"), N_("Section removed"), N_("Question removed"),
                         N_("Consistency check removed") };
  AdwToast *toast;

  if (self->selected == NULL || !rpt_questionnaire_draft_remove (self->draft, self->selected))
    return;
  toast = adw_toast_new (_(what[self->selected_kind]));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "designer.undo");
  adw_toast_overlay_add_toast (self->toasts, toast);
  select_part (self, NULL, PART_GENERAL);
  changed (self);
}

static void
move_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  RptQuestionnaireDesigner *self = RPT_QUESTIONNAIRE_DESIGNER (widget);

  if (self->selected != NULL
      && rpt_questionnaire_draft_move (self->draft, self->selected, g_str_equal (action, "designer.move-up") ? -1 : 1))
    {
      select_part (self, self->selected, self->selected_kind);
      changed (self);
    }
}

static void
undo_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  RptQuestionnaireDesigner *self = RPT_QUESTIONNAIRE_DESIGNER (widget);

  if (!rpt_questionnaire_draft_undo (self->draft))
    return;
  select_part (self, NULL, PART_GENERAL);
  changed (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  RptQuestionnaireDesigner *self = RPT_QUESTIONNAIRE_DESIGNER (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RptQuestionnaire) q = NULL;

  if (!check_now (self))
    {
      rpt_toast_overlay_show (self->toasts, _("The questionnaire cannot be saved yet: see above"));
      return;
    }
  q = rpt_questionnaire_ref (self->preview);
  if (!rpt_customer_store_save_questionnaire (self->store, q, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The questionnaire could not be saved: %s"), error->message);

      rpt_toast_overlay_show (self->toasts, text);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, rpt_questionnaire_get_id (q));
  /* nothing left unsaved: the window closes without asking */
  rpt_questionnaire_draft_free (self->draft);
  self->draft = rpt_questionnaire_draft_new (q, NULL, NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_outline_key (GtkEventControllerKey    *controller,
                guint                     keyval,
                guint                     keycode,
                GdkModifierType           state,
                RptQuestionnaireDesigner *self)
{
  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "designer.remove", NULL);
  return TRUE;
}

/* The preview -------------------------------------------------------------- */

static gboolean
preview_answer (RptQuestion  *question,
                const char   *value,
                gpointer      user_data,
                GError      **error)
{
  RptQuestionnaireDesigner *self = user_data;

  return value == NULL || *value == '\0' || rpt_question_check_answer (question, value, self->language, error);
}

static void
show_preview (RptQuestionnaireDesigner *self)
{
  GPtrArray *sections;
  g_autofree char *progress = NULL;

  if (!check_now (self))
    {
      rpt_question_form_clear (self->preview_box);
      gtk_box_append (self->preview_box, rpt_question_form_label_new (_("The questionnaire cannot be shown yet"),
                                                                      "title-2"));
      gtk_box_append (self->preview_box, rpt_question_form_label_new (gtk_label_get_text (self->problem_label), NULL));
      gtk_widget_set_visible (self->preview_nav, FALSE);
      return;
    }
  sections = rpt_questionnaire_get_sections (self->preview);
  self->preview_section = MIN (self->preview_section, sections->len - 1);
  rpt_question_form_show (self->preview_box, sections->pdata[self->preview_section], self->language,
                          rpt_questionnaire_get_default_language (self->preview), self->preview_answers,
                          preview_answer, self);
  progress = g_strdup_printf (_("Section %u of %u"), self->preview_section + 1, sections->len);
  gtk_label_set_text (self->preview_progress, progress);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_previous), self->preview_section > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_next), self->preview_section + 1 < sections->len);
  gtk_widget_set_visible (self->preview_nav, TRUE);
}

static void
on_preview_step (GtkButton                *button,
                 RptQuestionnaireDesigner *self)
{
  rpt_question_form_save_typed (self->preview_box);
  if (button == self->preview_previous && self->preview_section > 0)
    self->preview_section--;
  else if (button == self->preview_next)
    self->preview_section++;
  show_preview (self);
}

static void
on_view_changed (RptQuestionnaireDesigner *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->views), "preview") == 0)
    show_preview (self);
}

/* Languages ------------------------------------------------------------------ */

static void
on_language_selected (GtkDropDown              *dropdown,
                      GParamSpec               *pspec,
                      RptQuestionnaireDesigner *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i >= self->languages->len)
    return;
  rpt_questionnaire_designer_set_language (self, self->languages->pdata[i]);
}

void
rpt_questionnaire_designer_set_language (RptQuestionnaireDesigner *self,
                                         const char               *language)
{
  g_free (self->language);
  self->language = g_strdup (language);
  for (guint i = 0; i < self->languages->len; i++)
    if (g_str_equal (self->languages->pdata[i], language) && gtk_drop_down_get_selected (self->language_dropdown) != i)
      gtk_drop_down_set_selected (self->language_dropdown, i);
  rebuild_outline (self);
  show_editor (self);
  on_view_changed (self);
}

/* The languages the application speaks, and any other the questionnaire has */
static void
fill_languages (RptQuestionnaireDesigner *self,
                RptQuestionnaire         *source)
{
  const char *spoken[] = { "en", "zh_CN", "zh_TW", "es" };
  g_auto(GStrv) own = source ? rpt_questionnaire_list_languages (source) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->languages = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (spoken); i++)
    g_ptr_array_add (self->languages, g_strdup (spoken[i]));
  for (guint i = 0; own != NULL && own[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (self->languages, own[i], g_str_equal, NULL))
      g_ptr_array_add (self->languages, g_strdup (own[i]));
  for (guint i = 0; i < self->languages->len; i++)
    gtk_string_list_append (names, rpt_language_name (self->languages->pdata[i]));
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
}

/* Set-up ------------------------------------------------------------------- */

static gboolean
rpt_questionnaire_designer_close_request (GtkWindow *window)
{
  RptQuestionnaireDesigner *self = RPT_QUESTIONNAIRE_DESIGNER (window);

  if (self->draft != NULL && rpt_questionnaire_draft_is_modified (self->draft))
    {
      rpt_ask_save_changes (window, _("The questionnaire has changes that are not saved yet."), "designer.save");
      return TRUE;
    }
  return GTK_WINDOW_CLASS (rpt_questionnaire_designer_parent_class)->close_request (window);
}

/* A key no questionnaire in the store has yet */
static char *
new_key (RptCustomerStore *store)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *key = g_strdup_printf ("questionnaire-%u", n);
      g_autoptr(RptQuestionnaire) taken = rpt_customer_store_find_questionnaire (store, key, NULL);

      if (taken == NULL)
        return g_steal_pointer (&key);
    }
}

RptQuestionnaireDesigner *
rpt_questionnaire_designer_new (GtkWindow        *parent,
                                RptCustomerStore *store,
                                RptQuestionnaire *source)
{
  RptQuestionnaireDesigner *self = g_object_new (RPT_TYPE_QUESTIONNAIRE_DESIGNER, "transient-for", parent, NULL);
  g_autofree char *language = NULL;

  self->store = g_object_ref (store);
  fill_languages (self, source);
  /* texts are written first in the interface's language, if it is one
   * the application speaks */
  for (const char * const *ui = g_get_language_names (); *ui != NULL && language == NULL; ui++)
    if (g_ptr_array_find_with_equal_func (self->languages, *ui, g_str_equal, NULL))
      language = g_strdup (*ui);
  if (language == NULL)
    language = g_strdup (source != NULL ? rpt_questionnaire_get_default_language (source) : "en");
  if (source != NULL)
    self->draft = rpt_questionnaire_draft_new (source, NULL, NULL);
  else
    {
      g_autofree char *key = new_key (store);

      self->draft = rpt_questionnaire_draft_new (NULL, key, language);
    }
  if (!g_ptr_array_find_with_equal_func (self->languages, language, g_str_equal, NULL))
    g_ptr_array_add (self->languages, g_strdup (language));
  rpt_questionnaire_designer_set_language (self, language);
  g_signal_connect (self->language_dropdown, "notify::selected", G_CALLBACK (on_language_selected), self);
  check_now (self);
  return self;
}

RptQuestionnaireDraft *
rpt_questionnaire_designer_get_draft (RptQuestionnaireDesigner *self)
{
  return self->draft;
}

GtkListBox *
rpt_questionnaire_designer_get_outline (RptQuestionnaireDesigner *self)
{
  return self->outline;
}

GtkBox *
rpt_questionnaire_designer_get_editor (RptQuestionnaireDesigner *self)
{
  return self->editor_box;
}

GtkBox *
rpt_questionnaire_designer_get_preview (RptQuestionnaireDesigner *self)
{
  return self->preview_box;
}

static void
rpt_questionnaire_designer_dispose (GObject *object)
{
  RptQuestionnaireDesigner *self = RPT_QUESTIONNAIRE_DESIGNER (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_handle_id (&self->editor_id, g_source_remove);
  g_clear_pointer (&self->preview, rpt_questionnaire_unref);
  G_OBJECT_CLASS (rpt_questionnaire_designer_parent_class)->dispose (object);
}

static void
rpt_questionnaire_designer_finalize (GObject *object)
{
  RptQuestionnaireDesigner *self = RPT_QUESTIONNAIRE_DESIGNER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->draft, rpt_questionnaire_draft_free);
  g_clear_pointer (&self->languages, g_ptr_array_unref);
  g_clear_pointer (&self->preview_answers, g_hash_table_unref);
  g_free (self->language);
  G_OBJECT_CLASS (rpt_questionnaire_designer_parent_class)->finalize (object);
}

static void
rpt_questionnaire_designer_class_init (RptQuestionnaireDesignerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rpt_questionnaire_designer_dispose;
  object_class->finalize = rpt_questionnaire_designer_finalize;
  window_class->close_request = rpt_questionnaire_designer_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/rpt-questionnaire-designer.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RptQuestionnaireDesigner, name)
  CHILD (toasts);
  CHILD (language_dropdown);
  CHILD (problem_revealer);
  CHILD (problem_label);
  CHILD (views);
  CHILD (outline);
  CHILD (editor_box);
  CHILD (preview_box);
  CHILD (preview_nav);
  CHILD (preview_previous);
  CHILD (preview_next);
  CHILD (preview_progress);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_outline_selected);

  rpt_form_class_install (widget_class, "designer", save_action);
  gtk_widget_class_install_action (widget_class, "designer.add-question", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "designer.add-section", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "designer.add-dimension", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "designer.add-rule", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "designer.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "designer.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "designer.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "designer.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "designer.add-question", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "designer.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "designer.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "designer.undo", NULL);
}

static void
rpt_questionnaire_designer_init (RptQuestionnaireDesigner *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->preview_answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_outline_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->outline), keys);
  g_signal_connect_swapped (self->views, "notify::visible-child-name", G_CALLBACK (on_view_changed), self);
  g_signal_connect (self->preview_previous, "clicked", G_CALLBACK (on_preview_step), self);
  g_signal_connect (self->preview_next, "clicked", G_CALLBACK (on_preview_step), self);
}
