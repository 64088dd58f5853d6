/* rpt-window-private.h — shared by rpt-window.c and rpt-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-customers-page.h"
#include "rpt-letters-page.h"
#include "rpt-questionnaires-page.h"
#include "rpt-segments-page.h"
#include "rpt-window.h"

G_BEGIN_DECLS

struct _RptWindow
{
  AdwApplicationWindow  parent_instance;

  RptDatabase          *db;
  RptCustomerStore     *store;
  GSettings            *settings;
  gint64                last_archived;   /* for Undo */
  RptTimelineEntry     *deleted_entry;   /* for Undo, when deleting came last */

  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  GtkListBox           *sidebar;
  GtkStack             *stack;
  RptCustomersPage     *customers_page;
  RptLettersPage       *letters_page;
  gboolean              letters_ready;
  RptQuestionnairesPage *questionnaires_page;
  RptSegmentsPage      *segments_page;
  gboolean              segments_ready;
  gboolean              questionnaires_ready;
  GtkRevealer          *demo_bar;
};

void _rpt_window_class_actions_init (GtkWidgetClass *widget_class);
void _rpt_window_update_actions     (RptWindow      *self);

G_END_DECLS
