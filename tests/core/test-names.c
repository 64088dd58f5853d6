/* test-names.c — name order and postal addresses per culture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rpt-names.h"
#include "test-utils.h"

static void
check_name (const char   *given,
            const char   *family,
            RptNameOrder  order,
            const char   *language,
            const char   *expected)
{
  g_autofree char *name = rpt_format_person_name (given, family, order, language);

  g_assert_cmpstr (name, ==, expected);
}

static void
test_name_order (void)
{
  check_name ("伟", "王", RPT_NAME_ORDER_AUTO, "zh_CN", "王伟");
  check_name ("伟", "王", RPT_NAME_ORDER_AUTO, "en", "王伟");         /* Han script keeps its order */
  check_name ("Wei", "Wang", RPT_NAME_ORDER_AUTO, "zh_CN", "Wang Wei"); /* romanized, Chinese customer */
  check_name ("Wei", "Wang", RPT_NAME_ORDER_AUTO, "en", "Wei Wang");
  check_name ("María", "García López", RPT_NAME_ORDER_AUTO, "es", "María García López");
  check_name ("Taro", "Yamada", RPT_NAME_ORDER_FAMILY_FIRST, "en", "Yamada Taro");
  check_name ("伟", "王", RPT_NAME_ORDER_GIVEN_FIRST, "zh_CN", "伟 王");
  check_name ("", "Smith", RPT_NAME_ORDER_AUTO, "en", "Smith");
  check_name ("  Ana ", "", RPT_NAME_ORDER_AUTO, "es", "Ana");
  check_name (NULL, NULL, RPT_NAME_ORDER_AUTO, NULL, "");
}

static void
check_address (const char *country,
               const char *home,
               const char *expected)
{
  g_autofree char *text = NULL;

  if (g_str_equal (country, "CN"))
    text = rpt_format_address ("王伟", "浦东新区世纪大道100号", "上海市", "", "200120", country, home);
  else if (g_str_equal (country, "US"))
    text = rpt_format_address ("John Smith", "350 Fifth Avenue", "New York", "NY", "10118", country, home);
  else if (g_str_equal (country, "GB"))
    text = rpt_format_address ("Mary Jones", "10 Downing St", "London", "", "sw1a 2aa", country, home);
  else if (g_str_equal (country, "JP"))
    text = rpt_format_address ("山田太郎", "千代田1-1", "千代田区", "東京都", "100-0001", country, home);
  else
    text = rpt_format_address ("María García", "Calle Mayor, 12", "Madrid", "Madrid", "28013", country, home);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_addresses (void)
{
  check_address ("CN", "CN", "200120\n上海市浦东新区世纪大道100号\n王伟");
  check_address ("US", "US", "John Smith\n350 Fifth Avenue\nNew York, NY 10118");
  check_address ("US", "ES", "John Smith\n350 Fifth Avenue\nNew York, NY 10118\nUNITED STATES");
  check_address ("GB", "GB", "Mary Jones\n10 Downing St\nLondon\nSW1A 2AA");
  check_address ("JP", "JP", "〒100-0001\n東京都千代田区千代田1-1\n山田太郎 様");
  check_address ("ES", "ES", "María García\nCalle Mayor, 12\n28013 Madrid\nMadrid");
  check_address ("DE", "ES", "María García\nCalle Mayor, 12\n28013 Madrid\nGERMANY");
}

static void
test_plausible (void)
{
  g_assert_true (rpt_email_is_plausible ("ana@example.com"));
  g_assert_false (rpt_email_is_plausible ("ana@@example.com"));
  g_assert_false (rpt_email_is_plausible ("ana example.com"));
  g_assert_false (rpt_email_is_plausible ("ana@example"));
  g_assert_true (rpt_phone_is_plausible ("+34 612 345 678"));
  g_assert_true (rpt_phone_is_plausible ("(555) 123-4567"));
  g_assert_false (rpt_phone_is_plausible ("call me"));
  g_assert_false (rpt_phone_is_plausible ("12"));
}

int
main (int    argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/core/names/order", test_name_order);
  g_test_add_func ("/core/names/addresses", test_addresses);
  g_test_add_func ("/core/names/plausible", test_plausible);
  return g_test_run ();
}
