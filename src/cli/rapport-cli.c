/* rapport-cli.c — Rapport's command line, thin over the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rpt-customer-store.h"
#include "rpt-database.h"
#include "rpt-demo.h"
#include "rpt-error.h"
#include "rpt-letter-store.h"
#include "rpt-merge.h"
#include "rpt-questionnaire-store.h"
#include "rpt-segment-store.h"
#include "rpt-segments.h"
#include "rpt-template.h"

typedef int (*CommandFunc) (const char *db_path, int argc, char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  run;
  const char  *summary;
} Command;

static int
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* one line, whatever the message held */
  g_strdelimit (message, "\n", ' ');
  fprintf (stderr, "rapport-cli: %s\n", message);
  return EXIT_FAILURE;
}

static gboolean
parse_options (GOptionEntry  *entries,
               const char    *command,
               const char    *parameters,
               const char    *summary,
               int           *argc,
               char        ***argv,
               int           *status)
{
  g_autofree char *usage = g_strdup_printf ("%s%s%s", command, parameters ? " " : "",
                                            parameters ? parameters : "");
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = fail ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static RptDatabase *
open_database (const char       *path,
               RptDatabaseFlags  flags,
               int              *status)
{
  g_autoptr(GError) error = NULL;
  RptDatabase *db = rpt_database_open (path, flags, &error);

  if (db == NULL)
    *status = fail ("%s", error->message);
  return db;
}

static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  if (isatty (fileno (stderr)))
    fprintf (stderr, "\r%u / %u", done, total);
}

static int
cmd_demo (const char  *db_path,
          int          argc,
          char       **argv)
{
  int customers = RPT_DEMO_DEFAULT_CUSTOMERS, purchases = 0, seed = 1, status = 0;
  g_autofree char *today = NULL;
  GOptionEntry entries[] = {
    { "customers", 0, 0, G_OPTION_ARG_INT, &customers, N_("Number of customers (default 300)"), "N" },
    { "purchases", 0, 0, G_OPTION_ARG_INT, &purchases, N_("Number of purchases in all (default six a customer)"), "M" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed: the same seed gives the same data"), "S" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Last day of the history (default today)"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RptDemoOptions options = { 0 };
  gint64 start;

  if (!parse_options (entries, "demo", NULL, _("Fill a new database with a demo shop's customers."),
                      &argc, &argv, &status))
    return status;
  if (customers < 0 || purchases < 0)
    return fail (_("--customers and --purchases cannot be negative"));
  options.customers = customers;
  options.purchases = purchases;
  options.seed = (guint32) seed;
  options.today = today;
  options.progress = print_progress;
  start = g_get_monotonic_time ();
  if (!rpt_demo_create_file (db_path, &options, &error))
    return fail ("%s", error->message);
  db = open_database (db_path, RPT_DATABASE_NO_BACKUP, &status);
  if (db == NULL)
    return status;
  store = rpt_customer_store_new (db);
  if (isatty (fileno (stderr)))
    fputc ('\n', stderr);
  printf (_("Created %u customers in %.1f s: %s\n"), rpt_customer_store_count_active (store),
          (g_get_monotonic_time () - start) / 1e6, db_path);
  return EXIT_SUCCESS;
}

static int
cmd_check (const char  *db_path,
           int          argc,
           char       **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!parse_options (entries, "check", NULL, _("Check the database for damage."), &argc, &argv,
                      &status))
    return status;
  db = open_database (db_path, RPT_DATABASE_READ_ONLY, &status);
  if (db == NULL)
    return status;
  if (!rpt_database_check (db, &problems, &error))
    return fail ("%s", error->message);
  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        printf ("%s\n", (char *) g_ptr_array_index (problems, i));
      return fail (g_dngettext (GETTEXT_PACKAGE, "%u problem found in %s",
                                "%u problems found in %s", problems->len),
                   problems->len, db_path);
    }
  printf (_("%s is intact.\n"), db_path);
  return EXIT_SUCCESS;
}

static int
cmd_backup (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the backup to FILE instead of the backup folder"), "FILE" },
    { NULL }
  };
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  int status = 0;

  if (!parse_options (entries, "backup", NULL, _("Copy the database to a backup file."), &argc,
                      &argv, &status))
    return status;
  db = open_database (db_path, RPT_DATABASE_NO_BACKUP, &status);
  if (db == NULL)
    return status;
  if (output != NULL)
    {
      if (g_file_test (output, G_FILE_TEST_EXISTS))
        return fail (_("%s exists already; choose a new file name"), output);
      if (!rpt_database_backup_to (db, output, &error))
        return fail ("%s", error->message);
      written = g_strdup (output);
    }
  else if ((written = rpt_database_backup_now (db, "manual", &error)) == NULL)
    return fail ("%s", error->message);
  printf ("%s\n", written);
  return EXIT_SUCCESS;
}

static int
cmd_restore (const char  *db_path,
             int          argc,
             char       **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!parse_options (entries, "restore", "BACKUP_FILE",
                      _("Replace the database with a backup. The current file is backed up first."),
                      &argc, &argv, &status))
    return status;
  if (argc != 2)
    return fail (_("restore needs exactly one backup file"));
  if (!rpt_database_restore (db_path, argv[1], &error))
    return fail ("%s", error->message);
  printf (_("Restored %s from %s\n"), db_path, argv[1]);
  return EXIT_SUCCESS;
}

static int
cmd_render (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autofree char *data = NULL;
  g_autofree char *partials_dir = NULL;
  g_autofree char *language = NULL;
  g_autofree char *currency = NULL;
  GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, N_("The JSON file with the fields the template uses"), "FILE" },
    { "partials", 0, 0, G_OPTION_ARG_FILENAME, &partials_dir, N_("Read the partial NAME from DIR/NAME.mustache"), "DIR" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Language of dates and amounts (default en)"), "LANG" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Currency of the money formatter (default EUR)"), "CODE" },
    { NULL }
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RptTemplate) template = NULL;
  g_autoptr(RptPartials) partials = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  RptMergeFormat format = { "en", "EUR" };
  RptRenderOptions options = { RPT_TEMPLATE_DEFAULT, NULL, rpt_merge_formatters (), &format };
  int status = 0;

  if (!parse_options (entries, "render", "TEMPLATE_FILE",
                      _("Write a Mustache template filled in with the fields of a JSON file."),
                      &argc, &argv, &status))
    return status;
  if (argc != 2)
    return fail (_("render needs exactly one template file"));
  if (language != NULL)
    format.language = language;
  if (currency != NULL)
    format.currency = currency;
  if (data == NULL)
    return fail (_("render needs the fields: --data FILE"));
  if (!g_file_get_contents (argv[1], &source, NULL, &error))
    return fail ("%s", error->message);
  if (!json_parser_load_from_file (parser, data, &error))
    return fail ("%s", error->message);
  if ((template = rpt_template_new (source, &error)) == NULL)
    return fail ("%s: %s", argv[1], error->message);
  if (partials_dir != NULL)
    options.partials = partials = rpt_partials_new_from_dir (partials_dir);
  if (!rpt_template_render_to (template, json_parser_get_root (parser), &options, out, &error))
    return fail ("%s: %s", argv[1], error->message);
  if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0)
    return fail (_("cannot write the result: %s"), g_strerror (errno));
  return EXIT_SUCCESS;
}

static void
print_skipped (RptMerge *merge)
{
  GPtrArray *skipped = rpt_merge_get_skipped (merge);

  for (guint i = 0; i < skipped->len; i++)
    {
      RptSkipped *one = skipped->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, one->customer_id);

      /* Translators: a recipient left out of a mail merge: number, name, reason */
      fprintf (stderr, _("skipped %s %s: %s\n"), id, one->name, one->detail);
    }
}

static int
cmd_merge (const char  *db_path,
           int          argc,
           char       **argv)
{
  g_autofree char *template_name = NULL;
  g_autofree char *query = NULL;
  g_autofree char *output = NULL;
  g_autofree char *envelopes = NULL;
  g_autofree char *labels = NULL;
  int start = 1;
  gboolean record = FALSE;
  GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name, N_("The letter template’s name"), "NAME" },
    { "recipients", 'r', 0, G_OPTION_ARG_STRING, &query,
      N_("Who gets a letter: all, tag:NAME[:DAYS], segment:NAME, ids:1,2,3 or a search"), "QUERY" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("One PDF (FILE.pdf) or one PDF per recipient (a folder)"), "FILE|DIR" },
    { "envelopes", 0, 0, G_OPTION_ARG_STRING, &envelopes, N_("Envelopes instead of letters: DL, C5, C6 or US10"), "SIZE" },
    { "labels", 0, 0, G_OPTION_ARG_STRING, &labels,
      N_("Address labels instead of letters: L7160, L7163, L7651, 5160, or custom:COLSxROWS,WxH,LEFTxTOP,PITCHxPITCH in mm"),
      "SHEET" },
    { "start", 0, 0, G_OPTION_ARG_INT, &start, N_("The first free label on the sheet (default 1)"), "N" },
    { "record", 0, 0, G_OPTION_ARG_NONE, &record, N_("Note each letter on the customer’s timeline"), NULL },
    { NULL }
  };
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(RptLetterTemplate) letter = NULL;
  g_autoptr(RptMerge) merge = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  const RptEnvelopeSize *size = NULL;
  const RptLabelSheet *sheet = NULL;
  RptLabelSheet custom;
  gboolean ok;
  int status = 0;

  if (!parse_options (entries, "merge", NULL,
                      _("Write a letter, an envelope or a label for each recipient into PDF files."),
                      &argc, &argv, &status))
    return status;
  if (template_name == NULL || query == NULL || output == NULL)
    return fail (_("merge needs --template NAME, --recipients QUERY and --output FILE|DIR"));
  if (envelopes && (size = rpt_envelope_size_find (envelopes)) == NULL)
    return fail (_("There is no envelope size “%s”."), envelopes);
  if (labels && g_str_has_prefix (labels, "custom:"))
    {
      if (!rpt_label_sheet_parse_custom (&custom, labels + 7, &error))
        return fail ("%s", error->message);
      sheet = &custom;
    }
  else if (labels && (sheet = rpt_label_sheet_find (labels)) == NULL)
    return fail (_("There is no label sheet “%s”."), labels);
  if (sheet && (start < 1 || start > sheet->columns * sheet->rows))
    return fail (_("--start must be between 1 and %d for this sheet"), sheet->columns * sheet->rows);
  db = open_database (db_path, record ? RPT_DATABASE_FLAGS_NONE : RPT_DATABASE_READ_ONLY, &status);
  if (db == NULL)
    return status;
  store = rpt_customer_store_new (db);
  if ((letter = rpt_customer_store_find_letter_template (store, template_name, &error)) == NULL
      || (ids = rpt_merge_find_recipients (store, query, &error)) == NULL
      || (merge = rpt_merge_new (store, letter, &error)) == NULL
      || !rpt_merge_check (merge, ids, NULL, NULL, NULL, &error))
    return fail ("%s", error->message);
  print_skipped (merge);
  if (rpt_merge_get_n_letters (merge) == 0)
    return fail (_("No recipient gets this letter."));
  if (size != NULL)
    ok = rpt_merge_write_envelopes (merge, size, output, NULL, NULL, NULL, &error);
  else if (sheet != NULL)
    ok = rpt_merge_write_labels (merge, sheet, start - 1, output, NULL, NULL, NULL, &error);
  else
    ok = rpt_merge_write (merge, g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".PDF")
                                 ? RPT_MERGE_ONE_PDF : RPT_MERGE_PDF_PER_RECIPIENT,
                          output, NULL, NULL, NULL, &error);
  if (!ok || (record && size == NULL && sheet == NULL && !rpt_merge_record (merge, &error)))
    return fail ("%s", error->message);
  printf (g_dngettext (GETTEXT_PACKAGE, "%u letter written, %u skipped\n", "%u letters written, %u skipped\n",
                       rpt_merge_get_n_letters (merge)),
          rpt_merge_get_n_letters (merge), rpt_merge_get_skipped (merge)->len);
  return EXIT_SUCCESS;
}

/* questionnaire list | export KEY [--output FILE] | import FILE */
static int
cmd_questionnaire (const char  *db_path,
                   int          argc,
                   char       **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the export to FILE instead of the output"), "FILE" },
    { NULL }
  };
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!parse_options (entries, "questionnaire", "list | export KEY | import FILE",
                      _("List, export or import questionnaires (JSON, as described in the help)."),
                      &argc, &argv, &status))
    return status;
  if (argc < 2)
    return fail (_("questionnaire needs list, export KEY or import FILE"));
  if ((db = open_database (db_path, RPT_DATABASE_CREATE, &status)) == NULL)
    return status;
  store = rpt_customer_store_new (db);
  if (!rpt_customer_store_ensure_questionnaires (store, &error))
    return fail ("%s", error->message);
  if (g_str_equal (argv[1], "list") && argc == 2)
    {
      g_autoptr(GPtrArray) list = rpt_customer_store_list_questionnaires (store, &error);

      if (list == NULL)
        return fail ("%s", error->message);
      for (guint i = 0; i < list->len; i++)
        {
          RptQuestionnaire *q = list->pdata[i];

          printf ("%-28s %3d  %6u  %s\n", rpt_questionnaire_get_key (q), rpt_questionnaire_get_version (q),
                  rpt_customer_store_count_responses (store, rpt_questionnaire_get_id (q), TRUE),
                  rpt_questionnaire_get_title (q, NULL));
        }
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "export") && argc == 3)
    {
      g_autoptr(RptQuestionnaire) q = rpt_customer_store_find_questionnaire (store, argv[2], &error);
      g_autofree char *json = NULL;

      if (q == NULL)
        return fail ("%s", error->message);
      json = rpt_questionnaire_to_json (q);
      if (output != NULL)
        return g_file_set_contents (output, json, -1, &error) ? EXIT_SUCCESS : fail ("%s", error->message);
      printf ("%s\n", json);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "import") && argc == 3)
    {
      g_autofree char *json = NULL;
      gsize length = 0;
      g_autoptr(RptQuestionnaire) q = NULL;

      if (!g_file_get_contents (argv[2], &json, &length, &error)
          || (q = rpt_questionnaire_new_from_json (json, length, &error)) == NULL
          || !rpt_customer_store_save_questionnaire (store, q, &error))
        return fail ("%s", error->message);
      printf (_("Imported “%s” as %s version %d\n"), rpt_questionnaire_get_title (q, NULL),
              rpt_questionnaire_get_key (q), rpt_questionnaire_get_version (q));
      return EXIT_SUCCESS;
    }
  return fail (_("questionnaire needs list, export KEY or import FILE"));
}

/* benchmark RESPONSE_ID: the response's scores among its peers, as JSON */
static int
cmd_benchmark (const char  *db_path,
               int          argc,
               char       **argv)
{
  g_autofree char *language = NULL;
  GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Language of the titles (default: the response's)"), "LANG" },
    { NULL }
  };
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(RptBenchmark) benchmark = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  guint64 id;
  int status = 0;

  if (!parse_options (entries, "benchmark", "RESPONSE_ID",
                      _("Print a response's scores, percentiles among its peers, cohort and flags as JSON."),
                      &argc, &argv, &status))
    return status;
  if (argc != 2 || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return fail (_("benchmark needs the number of a response"));
  if ((db = open_database (db_path, RPT_DATABASE_READ_ONLY | RPT_DATABASE_NO_BACKUP, &status)) == NULL)
    return status;
  store = rpt_customer_store_new (db);
  if ((benchmark = rpt_customer_store_benchmark (store, (gint64) id, &error)) == NULL)
    return fail ("%s", error->message);
  json = rpt_benchmark_to_json (benchmark, language);
  json_generator_set_root (generator, json);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  return EXIT_SUCCESS;
}

/* "A", "B", "C", or "" for none: the same in every language */
static const char *
class_key (RptValueClass value_class)
{
  const char *keys[] = { "", "A", "B", "C" };

  return value_class < G_N_ELEMENTS (keys) ? keys[value_class] : "";
}

/* The warnings' keys, joined by ";" */
static char *
warning_keys (guint warnings)
{
  GString *keys = g_string_new (NULL);

  for (guint b = 0; b < 4; b++)
    if (warnings & (1u << b))
      g_string_append_printf (keys, "%s%s", keys->len ? ";" : "", rpt_warning_to_key (1u << b));
  return g_string_free (keys, FALSE);
}

static void
csv_field (GString    *line,
           const char *value)
{
  if (line->len > 0)
    g_string_append_c (line, ',');
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
add_score_json (JsonBuilder            *b,
                const RptCustomerScore *score,
                const char             *name)
{
  g_autofree char *warnings = warning_keys (score->warnings);
  g_auto(GStrv) keys = g_strsplit (warnings, ";", -1);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, score->customer_id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "class");
  json_builder_add_string_value (b, class_key (score->value_class));
  json_builder_set_member_name (b, "top");
  json_builder_add_boolean_value (b, score->top);
  json_builder_set_member_name (b, "recency_days");
  json_builder_add_int_value (b, score->recency_days);
  json_builder_set_member_name (b, "r");
  json_builder_add_int_value (b, score->r);
  json_builder_set_member_name (b, "f");
  json_builder_add_int_value (b, score->f);
  json_builder_set_member_name (b, "m");
  json_builder_add_int_value (b, score->m);
  json_builder_set_member_name (b, "segment");
  json_builder_add_string_value (b, rpt_rfm_segment_to_key (score->segment));
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; keys[i] != NULL; i++)
    if (*keys[i] != '\0')
      json_builder_add_string_value (b, keys[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "purchases");
  json_builder_add_int_value (b, score->purchases);
  json_builder_set_member_name (b, "revenue");
  json_builder_add_int_value (b, score->revenue);
  json_builder_set_member_name (b, "previous_revenue");
  json_builder_add_int_value (b, score->previous_revenue);
  json_builder_set_member_name (b, "lifetime");
  json_builder_add_int_value (b, score->lifetime);
  json_builder_set_member_name (b, "projected");
  json_builder_add_int_value (b, score->projected);
  json_builder_set_member_name (b, "cost");
  json_builder_add_int_value (b, score->cost);
  json_builder_set_member_name (b, "unprofitable");
  json_builder_add_boolean_value (b, score->unprofitable);
  json_builder_end_object (b);
}

/* segments: every customer's class, RFM scores and segment, and warnings */
static int
cmd_segments (const char  *db_path,
              int          argc,
              char       **argv)
{
  gboolean as_json = FALSE, as_csv = FALSE;
  g_autofree char *today = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv, N_("Print CSV"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Compute as of this day (default today)"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(RptSegmentReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!parse_options (entries, "segments", NULL,
                      _("Print every customer's value class, RFM scores and segment, and warnings."),
                      &argc, &argv, &status))
    return status;
  if (argc != 1)
    return fail (_("segments takes no arguments"));
  if (as_json && as_csv)
    return fail (_("choose --json or --csv, not both"));
  if ((db = open_database (db_path, RPT_DATABASE_READ_ONLY | RPT_DATABASE_NO_BACKUP, &status)) == NULL)
    return status;
  store = rpt_customer_store_new (db);
  if ((report = rpt_segments_compute_as_of (db, today, &error)) == NULL)
    return fail ("%s", error->message);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "today");
      json_builder_add_string_value (b, report->today);
      json_builder_set_member_name (b, "customers");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->scores->len; i++)
        {
          const RptCustomerScore *score = &g_array_index (report->scores, RptCustomerScore, i);
          g_autoptr(RptCustomer) c = rpt_customer_store_load_summary (store, score->customer_id, NULL);

          add_score_json (b, score, c ? rpt_customer_get_display_name (c) : "");
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "overdue_complaints");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->complaints->len; i++)
        {
          RptOverdueComplaint *c = report->complaints->pdata[i];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "customer");
          json_builder_add_int_value (b, c->customer_id);
          json_builder_set_member_name (b, "opened");
          json_builder_add_string_value (b, c->opened);
          json_builder_set_member_name (b, "age_days");
          json_builder_add_int_value (b, c->age_days);
          json_builder_set_member_name (b, "summary");
          json_builder_add_string_value (b, c->summary);
          json_builder_set_member_name (b, "owner");
          json_builder_add_string_value (b, c->owner);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
      return EXIT_SUCCESS;
    }

  if (as_csv)
    printf ("id,name,class,top,recency_days,r,f,m,segment,warnings,purchases,revenue,previous_revenue,"
            "lifetime,projected,cost\n");
  for (guint i = 0; i < report->scores->len; i++)
    {
      const RptCustomerScore *score = &g_array_index (report->scores, RptCustomerScore, i);
      g_autoptr(RptCustomer) c = rpt_customer_store_load_summary (store, score->customer_id, NULL);
      g_autofree char *warnings = warning_keys (score->warnings);
      const char *name = c ? rpt_customer_get_display_name (c) : "";

      if (as_csv)
        {
          g_autoptr(GString) line = g_string_new (NULL);
          g_autofree char *numbers = g_strdup_printf ("%d,%u,%u,%u", score->recency_days, score->r, score->f, score->m);
          g_autofree char *amounts = g_strdup_printf ("%u,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                                                      ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, score->purchases,
                                                      score->revenue, score->previous_revenue, score->lifetime,
                                                      score->projected, score->cost);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, score->customer_id);

          csv_field (line, id);
          csv_field (line, name);
          csv_field (line, class_key (score->value_class));
          csv_field (line, score->top ? "1" : "0");
          g_string_append_printf (line, ",%s", numbers);
          csv_field (line, rpt_rfm_segment_to_key (score->segment));
          csv_field (line, warnings);
          g_string_append_printf (line, ",%s", amounts);
          printf ("%s\n", line->str);
        }
      else
        /* id, name, class, scores, segment, warnings: separated by tabs */
        printf ("%" G_GINT64_FORMAT "\t%s\t%s\tR%u F%u M%u\t%s\t%s\n", score->customer_id, name,
                rpt_value_class_to_string (score->value_class), score->r, score->f, score->m,
                rpt_rfm_segment_to_string (score->segment), warnings);
    }
  return EXIT_SUCCESS;
}

/* segment NAME: a saved segment's members; --list, --save, --delete */
static int
cmd_segment (const char  *db_path,
             int          argc,
             char       **argv)
{
  gboolean list = FALSE, pinned = FALSE;
  g_autofree char *rule = NULL;
  g_autofree char *delete_name = NULL;
  g_autofree char *today = NULL;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the saved segments"), NULL },
    { "save", 0, 0, G_OPTION_ARG_STRING, &rule, N_("Save NAME with this rule (JSON, or @FILE)"), "RULE" },
    { "pinned", 0, 0, G_OPTION_ARG_NONE, &pinned, N_("With --save: pin it to the dashboard"), NULL },
    { "delete", 0, 0, G_OPTION_ARG_STRING, &delete_name, N_("Delete the saved segment NAME"), "NAME" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Compute as of this day (default today)"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(RptDatabase) db = NULL;
  g_autoptr(RptCustomerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean writes;
  int status = 0;

  if (!parse_options (entries, "segment", "[NAME]",
                      _("List the members of a saved segment, or list, save and delete saved segments."),
                      &argc, &argv, &status))
    return status;
  writes = rule != NULL || delete_name != NULL;
  if ((list || delete_name != NULL) ? argc != 1 : argc != 2)
    return fail (_("segment needs the name of a saved segment"));
  if ((db = open_database (db_path, (writes ? 0 : RPT_DATABASE_READ_ONLY) | RPT_DATABASE_NO_BACKUP, &status)) == NULL)
    return status;
  store = rpt_customer_store_new (db);
  if (list)
    {
      g_autoptr(GPtrArray) segments = rpt_customer_store_list_segments (store, &error);

      if (segments == NULL)
        return fail ("%s", error->message);
      for (guint i = 0; i < segments->len; i++)
        {
          RptSavedSegment *s = segments->pdata[i];

          printf ("%s%s\t%s\n", s->name, s->pinned ? " *" : "", s->rule);
        }
      return EXIT_SUCCESS;
    }
  if (delete_name != NULL)
    return rpt_customer_store_delete_segment (store, delete_name, &error) ? EXIT_SUCCESS
                                                                           : fail ("%s", error->message);
  if (rule != NULL)
    {
      g_autofree char *text = NULL;

      if (rule[0] == '@' && !g_file_get_contents (rule + 1, &text, NULL, &error))
        return fail ("%s", error->message);
      if (!rpt_customer_store_save_segment (store, argv[1], text ? text : rule, pinned, &error))
        return fail ("%s", error->message);
      return EXIT_SUCCESS;
    }
  {
    g_autoptr(GArray) ids = rpt_customer_store_saved_segment_members (store, argv[1], today, &error);

    if (ids == NULL)
      return fail ("%s", error->message);
    for (guint i = 0; i < ids->len; i++)
      {
        gint64 id = g_array_index (ids, gint64, i);
        g_autoptr(RptCustomer) c = rpt_customer_store_load_summary (store, id, NULL);

        printf ("%" G_GINT64_FORMAT "\t%s\n", id, c ? rpt_customer_get_display_name (c) : "");
      }
  }
  return EXIT_SUCCESS;
}

static const Command commands[] = {
  { "demo", cmd_demo, N_("Fill a new database with a demo shop") },
  { "check", cmd_check, N_("Check the database for damage") },
  { "backup", cmd_backup, N_("Copy the database to a backup file") },
  { "restore", cmd_restore, N_("Replace the database with a backup") },
  { "render", cmd_render, N_("Fill in a Mustache template from a JSON file") },
  { "merge", cmd_merge, N_("Write letters, envelopes or labels for many customers") },
  { "questionnaire", cmd_questionnaire, N_("List, export or import questionnaires") },
  { "benchmark", cmd_benchmark, N_("Show a response's scores among its peers") },
  { "segments", cmd_segments, N_("Show every customer's value class, RFM segment and warnings") },
  { "segment", cmd_segment, N_("List a saved segment's members; save, list or delete segments") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  rapport-cli [--db FILE] COMMAND [OPTION…]\n\n%s\n", _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Without --db, the default database in your data folder is used. "
                            "“rapport-cli COMMAND --help” describes a command."));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const char *command = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RAPPORT_LOCALEDIR") ? g_getenv ("RAPPORT_LOCALEDIR")
                                                                  : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_ptr_array_add (rest, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        {
          g_free (db_path);
          db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (db_path);
          db_path = g_strdup (argv[i] + 5);
        }
      else if (g_str_equal (argv[i], "--db"))
        return fail (_("--db needs a file name"));
      else if (command == NULL && argv[i][0] != '-')
        command = argv[i];
      else if (command == NULL && (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h")))
        {
          print_usage (stdout);
          return EXIT_SUCCESS;
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }
  if (command == NULL)
    {
      print_usage (stderr);
      return 2;
    }
  if (db_path == NULL)
    db_path = rpt_database_default_path ();
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, command))
      {
        g_ptr_array_add (rest, NULL);
        return commands[i].run (db_path, rest->len - 1, (char **) rest->pdata);
      }
  return fail (_("unknown command “%s”; see rapport-cli --help"), command);
}
