/* rpt-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rpt-error.h"

G_DEFINE_QUARK (rpt-error-quark, rpt_error)
