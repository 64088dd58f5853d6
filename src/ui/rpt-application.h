/* rpt-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rpt-database.h"

G_BEGIN_DECLS

#define RPT_TYPE_APPLICATION (rpt_application_get_type ())
G_DECLARE_FINAL_TYPE (RptApplication, rpt_application, RPT, APPLICATION, AdwApplication)

RptApplication *rpt_application_new          (void);
void            rpt_application_open_path    (RptApplication *self,
                                              const char     *path,
                                              gboolean        read_only);
void            rpt_application_choose_database (RptApplication *self,
                                                 GtkWindow      *parent,
                                                 gboolean        create);
void            rpt_application_start_own_database (RptApplication *self,
                                                    GtkWindow      *parent);

G_END_DECLS
