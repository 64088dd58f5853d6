/* test-format.c — money and dates as each locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "rpt-format.h"
#include "test-utils.h"

static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) != NULL)
    return TRUE;
  /* build-aux/test.sh generates these locales; say so plainly otherwise */
  g_printerr ("locale %s is not installed\n", name);
  return FALSE;
}

static void
check_money (gint64      cents,
             const char *currency,
             const char *expected)
{
  g_autofree char *text = rpt_format_money (cents, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_money (void)
{
  g_assert_true (use_locale ("es_ES.UTF-8"));
  check_money (123456, "EUR", "1.234,56\u00a0€");
  check_money (-500, "EUR", "−5,00\u00a0€");
  g_assert_true (use_locale ("en_US.UTF-8"));
  check_money (123456, "USD", "$1,234.56");
  check_money (123456, "TWD", "NT$1,235");
  g_assert_true (use_locale ("zh_CN.UTF-8"));
  check_money (4550, "CNY", "¥45.50");
  setlocale (LC_ALL, "C.UTF-8");
}

static void
check_parse (const char *text,
             gboolean    ok,
             gint64      expected)
{
  gint64 cents = 0;

  g_assert_cmpint (rpt_parse_money (text, &cents), ==, ok);
  if (ok)
    g_assert_cmpint (cents, ==, expected);
}

static void
test_parse_money (void)
{
  check_parse ("12,50", TRUE, 1250);
  check_parse ("12.5", TRUE, 1250);
  check_parse ("1.234,50", TRUE, 123450);
  check_parse ("1,234.50", TRUE, 123450);
  check_parse ("€ 7", TRUE, 700);
  check_parse ("-3", TRUE, -300);
  check_parse ("1,234", TRUE, 123400);
  check_parse ("abc", FALSE, 0);
  check_parse ("", FALSE, 0);
  check_parse ("1.2345", FALSE, 0);
  check_parse ("12,5x", FALSE, 0);           /* never guessed */
  check_parse ("12.5x", FALSE, 0);
  check_parse ("1,2,3", FALSE, 0);
  check_parse ("1,23,456.00", FALSE, 0);
  check_parse ("--5", FALSE, 0);
  check_parse ("１２.５０", TRUE, 1250);      /* full-width, as Chinese input methods type */
  check_parse ("１２．５", TRUE, 1250);
  check_parse ("12.50 EUR", TRUE, 1250);
  check_parse ("¥ 1 234,5", TRUE, 123450);
  check_parse ("−7,25", TRUE, -725);
  check_parse ("1.234.567,89", TRUE, 123456789);
  check_parse (".5", TRUE, 50);
}

static void
test_dates (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
  g_autofree char *es = NULL, *us = NULL, *rel = NULL, *today = NULL, *old = NULL;

  g_assert_true (use_locale ("es_ES.UTF-8"));
  es = rpt_format_date ("2026-03-01T10:00:00Z");
  g_assert_cmpstr (es, ==, "01/03/26");
  g_assert_true (use_locale ("en_US.UTF-8"));
  us = rpt_format_date ("2026-03-01");
  g_assert_cmpstr (us, ==, "03/01/2026");
  setlocale (LC_ALL, "C.UTF-8");
  rel = rpt_format_relative ("2026-11-20T10:00:00Z", now);
  g_assert_cmpstr (rel, ==, "4 days ago");
  today = rpt_format_relative ("2026-11-24T08:00:00Z", now);
  g_assert_cmpstr (today, ==, "today");
  old = rpt_format_relative (NULL, now);
  g_assert_cmpstr (old, ==, "never");
}

int
main (int    argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/core/format/money", test_money);
  g_test_add_func ("/core/format/parse-money", test_parse_money);
  g_test_add_func ("/core/format/dates", test_dates);
  return g_test_run ();
}
