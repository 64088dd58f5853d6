/* rpt-ui-util.h — small helpers shared by the dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* the most of one value a label shows */
#define RPT_LABEL_MAX_CHARS 300

typedef const char *(*RptNameFunc) (const char *code);

void        rpt_combo_row_set_strings (AdwComboRow        *row,
                                       const char * const *items);
void        rpt_combo_row_set_codes   (AdwComboRow        *row,
                                       const char * const *codes,
                                       RptNameFunc         name_of,
                                       const char         *none_label);
void        rpt_combo_row_select_code (AdwComboRow        *row,
                                       const char         *code);
const char *rpt_combo_row_get_code    (AdwComboRow        *row);
char       *rpt_text_clip             (const char         *text,
                                       gsize               max_chars);
char       *rpt_text_view_dup_text    (GtkTextView        *view);
void        rpt_toast_overlay_show    (AdwToastOverlay    *overlay,
                                       const char         *text);
void        rpt_form_class_install    (GtkWidgetClass     *klass,
                                       const char         *group,
                                       GtkWidgetActionActivateFunc save);
void        rpt_widget_unparent_children (GtkWidget    *widget);
void        rpt_list_box_remove_all   (GtkListBox         *list);
void        rpt_ask_save_changes      (GtkWindow          *window,
                                       const char         *body,
                                       const char         *save_action);

G_END_DECLS
