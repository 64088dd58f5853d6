/* test-template.c — Mustache: the specification's own cases, then ours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rpt-template.h"
#include "test-utils.h"

static JsonNode *
parse_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_spec_case (gconstpointer data)
{
  JsonObject *test = (JsonObject *) data;
  JsonNode *partials_node = json_object_get_member (test, "partials");
  g_autoptr(RptTemplate) template = NULL;
  g_autoptr(RptPartials) partials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  RptRenderOptions options = { 0 };

  template = rpt_template_new (json_object_get_string_member (test, "template"), &error);
  g_assert_no_error (error);
  if (partials_node != NULL)
    options.partials = partials = rpt_partials_new_from_json (json_node_get_object (partials_node));
  out = rpt_template_render (template, json_object_get_member (test, "data"), &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, json_object_get_string_member (test, "expected"));
}

/* The specification must be checked: a build without the corpus fails
 * here rather than pass without it. */
static void
test_spec_missing (void)
{
  g_test_message ("RAPPORT_CORPUS_DIR is not set: configure with -Dcorpus_dir=…");
  g_test_fail ();
}

static void
add_spec_file (const char *path,
               const char *file)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *suite = g_strndup (file, strlen (file) - strlen (".json"));
  JsonArray *tests;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  tests = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "tests");
  for (guint i = 0; i < json_array_get_length (tests); i++)
    {
      JsonObject *test = json_array_get_object_element (tests, i);
      g_autofree char *name = g_strdup (json_object_get_string_member (test, "name"));
      g_autofree char *test_path = NULL;

      test_path = g_strdup_printf ("/core/template/spec/%s/%s", suite,
                                   g_strdelimit (name, "/", '-'));
      g_test_add_data_func_full (test_path, json_object_ref (test), test_spec_case,
                                 (GDestroyNotify) json_object_unref);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every case of every file of the Mustache specification, each its own test */
static void
add_spec_tests (void)
{
  const char *corpus = g_getenv ("RAPPORT_CORPUS_DIR");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *file;

  if (corpus == NULL || *corpus == '\0')
    {
      g_test_add_func ("/core/template/spec", test_spec_missing);
      return;
    }
  dir_path = g_build_filename (corpus, "mustache", NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((file = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (file, ".json"))
      g_ptr_array_add (files, g_strdup (file));
  g_assert_cmpuint (files->len, >, 0);
  g_ptr_array_sort (files, compare_names);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, files->pdata[i], NULL);

      add_spec_file (path, files->pdata[i]);
    }
}

/* Formatters for the tests: VALUE's text, upper-cased; or ARGUMENT when
 * VALUE is missing or empty; or wrapped in <b>; or what it was given. */
static const char *
string_of (JsonNode *value)
{
  return value != NULL && json_node_get_value_type (value) == G_TYPE_STRING
         ? json_node_get_string (value) : "";
}

static char *
format_upper (JsonNode   *value,
              const char *argument,
              gpointer    user_data)
{
  return g_utf8_strup (string_of (value), -1);
}

static char *
format_or (JsonNode   *value,
           const char *argument,
           gpointer    user_data)
{
  return g_strdup (*string_of (value) != '\0' ? string_of (value) : argument);
}

static char *
format_bold (JsonNode   *value,
             const char *argument,
             gpointer    user_data)
{
  return g_strdup_printf ("<b>%s</b>", string_of (value));
}

static char *
format_describe (JsonNode   *value,
                 const char *argument,
                 gpointer    user_data)
{
  g_assert_cmpstr (user_data, ==, "data");
  return g_strdup_printf ("%s/%s", value != NULL ? "value" : "missing",
                          argument != NULL ? argument : "none");
}

static const RptFormatter formatters[] = {
  { "upper", format_upper },
  { "or", format_or },
  { "bold", format_bold },
  { "describe", format_describe },
  { NULL, NULL },
};

static char *
render (const char        *source,
        const char        *json,
        const char        *partials_json,
        RptTemplateFlags   flags,
        GError           **error)
{
  g_autoptr(RptTemplate) template = rpt_template_new (source, error);
  g_autoptr(JsonNode) context = parse_json (json);
  g_autoptr(JsonNode) partials_node = NULL;
  g_autoptr(RptPartials) partials = NULL;
  RptRenderOptions options = { flags, NULL, formatters, "data" };

  if (template == NULL)
    return NULL;
  if (partials_json != NULL)
    {
      partials_node = parse_json (partials_json);
      options.partials = partials =
        rpt_partials_new_from_json (json_node_get_object (partials_node));
    }
  return rpt_template_render (template, context, &options, error);
}

static void
check_render (const char *source,
              const char *json,
              const char *partials_json,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = render (source, json, partials_json, RPT_TEMPLATE_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, expected);
}

static void
check_error (const char       *source,
             const char       *partials_json,
             RptTemplateFlags  flags,
             RptTemplateError  code,
             int               line,
             int               column)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = render (source, "{\"a\": true}", partials_json, flags, &error);
  g_autofree char *where = g_strdup_printf ("Line %d, column %d:", line, column);
  int error_line = 0, error_column = 0;

  g_assert_error (error, RPT_TEMPLATE_ERROR, (int) code);
  g_assert_null (out);
  g_assert_true (rpt_template_error_position (error, &error_line, &error_column));
  g_assert_cmpint (error_line, ==, line);
  g_assert_cmpint (error_column, ==, column);
  g_assert_nonnull (strstr (error->message, where));
}

static void
test_crlf_standalone (void)
{
  check_render ("Dear {{name}},\r\n"
                "{{#vip}}\r\n"
                "Thank you for being with us.\r\n"
                "  {{/vip}}  \r\n"
                "\t{{^vip}}\r\n"
                "Welcome!\r\n"
                "{{/vip}}\r\n"
                "{{! signed below }}\r\n"
                "Bye\r\n",
                "{\"name\": \"Ann\", \"vip\": true}", NULL,
                "Dear Ann,\r\nThank you for being with us.\r\nBye\r\n");
  /* a lone \r does not end a line: the tag is not standalone */
  check_render ("{{#vip}}\r{{/vip}}x", "{\"vip\": true}", NULL, "\rx");
}

static void
test_context_stack (void)
{
  const char *data = "{\"shop\": \"Corner\", \"name\": \"nobody\", \"customers\": ["
                     " {\"name\": \"Ann\", \"orders\": [{\"item\": \"tea\"},"
                     "                     {\"item\": \"cake\", \"name\": \"Cake\"}]},"
                     " {\"name\": \"Bo\", \"orders\": []}]}";

  check_render ("{{#customers}}{{name}} at {{shop}}:"
                "{{#orders}} {{item}} for {{name}}{{/orders}}"
                "{{^orders}} nothing{{/orders}}\n"
                "{{/customers}}{{name}}",
                data, NULL,
                "Ann at Corner: tea for Ann cake for Cake\nBo at Corner: nothing\nnobody");
}

static void
test_truthiness (void)
{
  check_render ("{{#zero}}0{{/zero}}{{#empty}}e{{/empty}}{{#object}}o{{/object}}"
                "{{#one}}{{.}}{{/one}}{{#text}}{{.}}{{/text}}{{#half}}{{.}}{{/half}}",
                "{\"zero\": 0, \"empty\": \"\", \"object\": {}, \"one\": 1, \"text\": \"t\","
                " \"half\": 0.5}", NULL,
                "o1t0.5");
  check_render ("{{big}} {{small}} {{third}} {{yes}} {{list}}{{object}}",
                "{\"big\": 12345678901234, \"small\": -0.25, \"third\": 0.3333333333333333,"
                " \"yes\": true, \"list\": [1], \"object\": {\"a\": 1}}", NULL,
                "12345678901234 -0.25 0.3333333333333333 true ");
}

static void
test_dotted_lists (void)
{
  const char *data = "{\"orders\": [{\"total\": 12, \"lines\": [{\"item\": \"tea\"}]},"
                     "             {\"total\": 7}],"
                     " \"customer\": {\"tags\": [\"gold\", \"new\"]}}";

  check_render ("{{orders.0.total}} {{orders.1.total}} {{customer.tags.1}}"
                " [{{orders.2.total}}] [{{customer.tags.x}}]",
                data, NULL, "12 7 new [] []");
  check_render ("{{#orders.0.lines}}{{item}}{{/orders.0.lines}}"
                "{{#customer.tags}}<{{.}}>{{/customer.tags}}"
                "{{^orders.5}}none{{/orders.5}}",
                data, NULL, "tea<gold><new>none");
}

static void
test_delimiters_in_sections (void)
{
  check_render ("{{#a}}{{=<% %>=}}<%b%> {{b}}<%/a%>\n<%b%>{{b}}<%={{ }}=%>{{b}}",
                "{\"a\": {\"b\": \"inner\"}, \"b\": \"outer\"}", NULL,
                "inner {{b}}\nouter{{b}}outer");
  /* a partial keeps the default delimiters */
  check_render ("{{=[ ]=}}[#a]([>p])[/a]", "{\"a\": {\"b\": \"x\"}}", "{\"p\": \"{{b}}[b]\"}",
                "(x[b])");
}

static void
test_partial_indentation (void)
{
  const char *partials = "{\"address\": \"{{street}}\\n{{city}}\\n\","
                         " \"card\": \"{{#who}}\\nName: {{name}}\\n  {{>address}}\\n{{/who}}\\n\","
                         " \"sig\": \"Best,\\nAnn\","
                         " \"wrap\": \"[{{>sig}}]\\n\"}";
  const char *data = "{\"who\": {\"name\": \"Ann\", \"street\": \"Main St 1\","
                     "         \"city\": \"Springfield\"}}";

  check_render ("To:\n  {{#who}}\n  {{>address}}\n  {{/who}}\nEnd\n", data, partials,
                "To:\n  Main St 1\n  Springfield\nEnd\n");
  /* indentations add up; the last line of a partial takes none after it */
  check_render ("\t{{>card}}\nEnd", data, partials,
                "\tName: Ann\n\t  Main St 1\n\t  Springfield\nEnd");
  /* a partial inside a line is not indented, even inside an indented one */
  check_render ("x\n  {{>wrap}}\n", data, partials, "x\n  [Best,\nAnn]\n");
  /* the indentation is the partial's, not the data's */
  check_render ("  {{>p}}\n", "{\"v\": \"a\\nb\"}", "{\"p\": \"{{v}}\\n{{v}}\"}",
                "  a\nb\n  a\nb");
}

static void
test_formatters (void)
{
  const char *data = "{\"customers\": [{\"name\": \"Ann & Bo\", \"city\": \"Köln\"},"
                     " {\"name\": \"Cy\", \"city\": \"\"}]}";

  check_render ("{{#customers}}{{ name | upper }} ({{city|or:no city given}});{{/customers}}",
                data, NULL, "ANN &amp; BO (Köln);CY (no city given);");
  check_render ("{{#customers}}{{name|bold}} {{{name|bold}}} {{& name | bold }}\n{{/customers}}",
                data, NULL,
                "&lt;b&gt;Ann &amp; Bo&lt;/b&gt; <b>Ann & Bo</b> <b>Ann & Bo</b>\n"
                "&lt;b&gt;Cy&lt;/b&gt; <b>Cy</b> <b>Cy</b>\n");
  check_render ("{{x|describe}} {{customers|describe:a: b }} {{.|describe:}}", data, NULL,
                "missing/none value/a: b value/");
}

static void
test_list_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RptTemplate) template = rpt_template_new ("Dear {{ name }},\n"
                                                      "{{#orders}}\n"
                                                      "  {{item.title | upper}}\n"
                                                      "{{/orders}}{{^vip}}{{.}}{{/vip}}"
                                                      "{{>footer}}{{! note }}",
                                                      &error);
  g_autoptr(GPtrArray) names = NULL;
  const RptTemplateName expected[] = {
    { "name", 1, 6, FALSE },
    { "orders", 2, 1, TRUE },
    { "item.title", 3, 3, FALSE },
    { "vip", 4, 12, TRUE },
  };

  g_assert_no_error (error);
  names = rpt_template_list_names (template);
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < names->len; i++)
    {
      const RptTemplateName *name = names->pdata[i];

      g_assert_cmpstr (name->name, ==, expected[i].name);
      g_assert_cmpint (name->line, ==, expected[i].line);
      g_assert_cmpint (name->column, ==, expected[i].column);
      g_assert_cmpint (name->section, ==, expected[i].section);
    }
}

static void
test_render_to (void)
{
  g_autoptr(RptTemplate) template = rpt_template_new ("<{{n}}>", NULL);
  g_autoptr(RptTemplate) broken = rpt_template_new ("{{x|nope}}", NULL);
  g_autoptr(GString) out = g_string_new ("start");
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) context = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_int_member (object, "n", i);
      json_node_set_object (context, object);
      g_assert_true (rpt_template_render_to (template, context, NULL, out, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpstr (out->str, ==, "start<0><1><2>");
  g_assert_false (rpt_template_render_to (broken, NULL, NULL, out, &error));
  g_assert_error (error, RPT_TEMPLATE_ERROR, RPT_TEMPLATE_ERROR_UNKNOWN_FORMATTER);
  g_assert_cmpstr (out->str, ==, "start<0><1><2>");
}

/* Globals sit under the context: found when the context lacks a name,
 * hidden when it has it, and sections see both. */
static void
test_globals (void)
{
  g_autoptr(RptTemplate) template = rpt_template_new ("{{a}} {{b}} {{g.x}}{{#list}} {{b}}{{a}}{{/list}}", NULL);
  g_autoptr(JsonNode) context = parse_json ("{\"b\": \"B\", \"list\": [{\"a\": 1}, {}]}");
  g_autoptr(JsonNode) globals = parse_json ("{\"a\": \"ga\", \"b\": \"gb\", \"g\": {\"x\": \"gx\"}}");
  RptRenderOptions options = { 0 };
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;

  options.globals = globals;
  with = rpt_template_render (template, context, &options, NULL);
  without = rpt_template_render (template, context, NULL, NULL);
  g_assert_cmpstr (with, ==, "ga B gx B1 Bga");
  g_assert_cmpstr (without, ==, " B  B1 B");
}

static void
test_escape (void)
{
  g_autofree char *all = rpt_escape_markup ("a&b<c>\"d'é", -1);
  g_autofree char *part = rpt_escape_markup ("<<>>", 2);

  g_assert_cmpstr (all, ==, "a&amp;b&lt;c&gt;&quot;d'é");
  g_assert_cmpstr (part, ==, "&lt;&lt;");
}

static void
test_partials_from_dir (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "partials", NULL);
  g_autofree char *file = g_build_filename (dir, "footer.mustache", NULL);
  g_autoptr(RptPartials) partials = rpt_partials_new_from_dir (dir);
  g_autoptr(RptTemplate) template = rpt_template_new ("{{>footer}}|{{>none}}", NULL);
  g_autoptr(JsonNode) context = parse_json ("{\"shop\": \"Corner\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  RptRenderOptions options = { .partials = partials };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "-- {{shop}}", -1, NULL));
  out = rpt_template_render (template, context, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "-- Corner|");
}

static void
test_syntax_errors (void)
{
  check_error ("Hi\n  {{#orders}}\n{{item}}\n", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 2, 3);
  check_error ("{{#a}}\n{{#b}}x{{/a}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 2, 8);
  check_error ("x{{/a}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 2);
  check_error ("Hello\n{{name", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 2, 1);
  check_error ("Hello {{{name}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 7);
  check_error ("a {{! never closed", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 3);
  check_error ("a\n {{=<%>=}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 2, 2);
  check_error ("{{= a b c =}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 1);
  check_error ("{{=<% %>=}}\n<%x}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 2, 1);
  check_error ("ab {{ }}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 4);
  check_error ("{{#}}{{/}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 1);
  check_error ("{{a b}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 1);
  check_error ("é {{a..b}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 3);
  check_error ("{{a|}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 1);
  check_error ("{{#a|upper}}{{/a|upper}}", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 1);
}

static void
test_deep_sections (void)
{
  g_autoptr(GString) source = g_string_new (NULL);

  for (int i = 0; i < 256; i++)
    g_string_append (source, "{{#a}}");
  for (int i = 0; i < 256; i++)
    g_string_append (source, "{{/a}}");
  check_render (source->str, "{\"a\": true}", NULL, "");
  g_string_prepend (source, "{{#a}}");
  check_error (source->str, NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 1, 256 * 6 + 1);
}

static void
test_invalid_utf8 (void)
{
  check_error ("ab\ncd\xff", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 2, 3);
  check_error ("{{x}}\n\n\xc3\xa9\xc3", NULL, 0, RPT_TEMPLATE_ERROR_SYNTAX, 3, 2);
}

static void
test_unknown_partial (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = render ("x\n  {{> missing }}\ny", "{}", "{}", RPT_TEMPLATE_DEFAULT,
                                 &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "x\ny");
  check_error ("x\n  {{> missing }}\ny", "{}", RPT_TEMPLATE_STRICT,
               RPT_TEMPLATE_ERROR_UNKNOWN_PARTIAL, 2, 3);
  check_error ("{{>missing}}", NULL, RPT_TEMPLATE_STRICT, RPT_TEMPLATE_ERROR_UNKNOWN_PARTIAL, 1, 1);
}

static void
test_unknown_formatter (void)
{
  /* an error even where the data hides the tag */
  check_error ("{{^a}}\n {{b | nope:x}}\n{{/a}}", NULL, 0,
               RPT_TEMPLATE_ERROR_UNKNOWN_FORMATTER, 2, 2);
  /* in a partial: the position is the partial's */
  check_error ("\n\n{{>p}}", "{\"p\": \"ab{{c|nope}}\"}", 0,
               RPT_TEMPLATE_ERROR_UNKNOWN_FORMATTER, 1, 3);
}

static void
test_partial_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = render ("{{>p}}", "{}", "{\"p\": \"\\n  {{#open}}\"}", 0, &error);

  g_assert_error (error, RPT_TEMPLATE_ERROR, RPT_TEMPLATE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "“p”"));
  check_error ("{{>p}}", "{\"p\": \"\\n  {{#open}}\"}", 0, RPT_TEMPLATE_ERROR_SYNTAX, 2, 3);
  check_error ("\n {{>loop}}", "{\"loop\": \"x{{>loop}}\"}", 0, RPT_TEMPLATE_ERROR_RECURSION, 1, 2);
}

static void
test_render_depth (void)
{
  g_autoptr(GString) partial = g_string_new (NULL);
  g_autoptr(JsonNode) partials = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *partials_json = NULL;

  /* 64 partials deep is allowed, but not 64 × 200 sections: the sixth
   * partial fails at its 18th section */
  for (int i = 0; i < 200; i++)
    g_string_append (partial, "{{#a}}");
  g_string_append (partial, "{{>p}}");
  for (int i = 0; i < 200; i++)
    g_string_append (partial, "{{/a}}");
  json_object_set_string_member (object, "p", partial->str);
  json_node_set_object (partials, object);
  partials_json = json_to_string (partials, FALSE);
  check_error ("{{>p}}", partials_json, 0, RPT_TEMPLATE_ERROR_RECURSION, 1, 1 + 6 * 17);
}

static void
test_error_position (void)
{
  g_autoptr(GError) other = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_FAILED, "no");
  int line = -1, column = -1;

  g_assert_false (rpt_template_error_position (other, &line, &column));
  g_assert_cmpint (line, ==, -1);
}

/* Whatever the text, a template is made or refused with a position; what
 * is made renders. */
static void
test_garbage (void)
{
  static const char alphabet[] = "{{}}#^/!>&=|:. \n\r\tab";
  g_autoptr(JsonNode) context = parse_json ("{\"a\": [{\"b\": \"<\"}, true], \"b\": 1}");

  for (int round = 0; round < 20000; round++)
    {
      char source[24];
      int len = g_test_rand_int_range (0, sizeof source);
      g_autoptr(RptTemplate) template = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      RptRenderOptions options = { .formatters = formatters, .formatter_data = "data" };

      for (int i = 0; i < len; i++)
        source[i] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      source[len] = '\0';
      template = rpt_template_new (source, &error);
      if (template == NULL)
        {
          g_assert_true (rpt_template_error_position (error, NULL, NULL));
          continue;
        }
      out = rpt_template_render (template, context, &options, &error);
      g_assert_true (out != NULL || rpt_template_error_position (error, NULL, NULL));
    }
}

int
main (int    argc,
      char **argv)
{
  test_init (&argc, &argv);
  add_spec_tests ();
  g_test_add_func ("/core/template/crlf-standalone", test_crlf_standalone);
  g_test_add_func ("/core/template/context-stack", test_context_stack);
  g_test_add_func ("/core/template/truthiness", test_truthiness);
  g_test_add_func ("/core/template/dotted-lists", test_dotted_lists);
  g_test_add_func ("/core/template/delimiters-in-sections", test_delimiters_in_sections);
  g_test_add_func ("/core/template/partial-indentation", test_partial_indentation);
  g_test_add_func ("/core/template/formatters", test_formatters);
  g_test_add_func ("/core/template/list-names", test_list_names);
  g_test_add_func ("/core/template/render-to", test_render_to);
  g_test_add_func ("/core/template/escape", test_escape);
  g_test_add_func ("/core/template/globals", test_globals);
  g_test_add_func ("/core/template/partials-from-dir", test_partials_from_dir);
  g_test_add_func ("/core/template/error/syntax", test_syntax_errors);
  g_test_add_func ("/core/template/error/deep-sections", test_deep_sections);
  g_test_add_func ("/core/template/error/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/core/template/error/unknown-partial", test_unknown_partial);
  g_test_add_func ("/core/template/error/unknown-formatter", test_unknown_formatter);
  g_test_add_func ("/core/template/error/partial", test_partial_errors);
  g_test_add_func ("/core/template/error/render-depth", test_render_depth);
  g_test_add_func ("/core/template/error/position", test_error_position);
  g_test_add_func ("/core/template/garbage", test_garbage);
  return g_test_run ();
}
