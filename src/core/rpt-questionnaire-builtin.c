/* rpt-questionnaire-builtin.c — the questionnaires that come with Rapport
 *
 * Written here in English as LN_() strings; each text is looked up in the
 * application's catalogs for every language it is translated into, so a
 * questionnaire carries all its languages once saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rpt-catalog.h"
#include "rpt-questionnaire-private.h"

static const char *const languages[] = { "en", "es", "zh_CN", "zh_TW" };

static RptText *
text (const char *msgid)
{
  RptText *t = _rpt_text_new ();

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      RptCatalog *catalog = i == 0 ? NULL : rpt_catalog_get (languages[i]);

      _rpt_text_set (t, languages[i], catalog ? rpt_catalog_gettext (catalog, msgid) : msgid);
    }
  return t;
}

typedef struct
{
  const char *key;
  const char *text;
  double      score;
} OptionDef;

typedef struct
{
  const char       *section;      /* starts a section when its title is set */
  const char       *section_title;
  const char       *key;
  RptQuestionKind   kind;
  const char       *text;
  const char       *dimension;
  double            weight;
  RptQualification  qualification;
  const char       *updates;
  const OptionDef  *options;      /* ended by { NULL } */
  double            min, max;
  const char       *unit;
} QuestionDef;

typedef struct
{
  const char *key;
  const char *title;
  const char *offering;
} DimensionDef;

static void
add_dimension (RptQuestionnaire   *q,
               const DimensionDef *def)
{
  RptDimension *dimension = g_new0 (RptDimension, 1);

  dimension->key = g_strdup (def->key);
  dimension->title = text (def->title);
  dimension->offering = def->offering ? text (def->offering) : NULL;
  g_ptr_array_add (q->dimensions, dimension);
}

static void
add_questions (RptQuestionnaire  *q,
               const QuestionDef *defs,
               guint              n)
{
  RptSection *section = NULL;

  for (guint i = 0; i < n; i++)
    {
      const QuestionDef *def = &defs[i];
      RptQuestion *question = g_new0 (RptQuestion, 1);

      if (def->section != NULL)
        {
          section = g_new0 (RptSection, 1);
          section->key = g_strdup (def->section);
          section->title = text (def->section_title);
          section->questions = g_ptr_array_new_with_free_func (_rpt_question_free);
          g_ptr_array_add (q->sections, section);
        }
      question->key = g_strdup (def->key);
      question->kind = def->kind;
      question->text = text (def->text);
      question->dimension = g_strdup (def->dimension);
      question->weight = def->weight > 0 ? def->weight : 1;
      question->qualification = def->qualification;
      question->updates = g_strdup (def->updates);
      question->min = def->min;
      question->max = def->max > def->min ? def->max : 100;
      question->unit = def->unit ? text (def->unit) : NULL;
      if (def->options != NULL)
        {
          question->options = g_ptr_array_new_with_free_func (_rpt_option_free);
          for (const OptionDef *o = def->options; o->key != NULL; o++)
            {
              RptOption *option = g_new0 (RptOption, 1);

              option->key = g_strdup (o->key);
              option->text = text (o->text);
              option->score = o->score;
              g_ptr_array_add (question->options, option);
            }
        }
      g_ptr_array_add (section->questions, question);
      g_hash_table_insert (q->questions, question->key, question);
    }
}

static void
add_rule (RptQuestionnaire *q,
          const char       *self,
          const char       *measures,
          double            tolerance)
{
  RptConsistencyRule *rule = g_new0 (RptConsistencyRule, 1);

  rule->self = g_strdup (self);
  rule->measures = g_strsplit (measures, ",", -1);
  rule->tolerance = tolerance;
  g_ptr_array_add (q->rules, rule);
}

/* Built like this, then written and read back as JSON: what is saved is
 * what any imported questionnaire is, checked the same way. */
static RptQuestionnaire *
finish (RptQuestionnaire *q)
{
  g_autofree char *json = rpt_questionnaire_to_json (q);
  g_autoptr(GError) error = NULL;
  RptQuestionnaire *checked = rpt_questionnaire_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  rpt_questionnaire_unref (q);
  return checked;
}

/* B2B needs assessment ------------------------------------------------- */

static const OptionDef budget_options[] = {
  { "none", LN_("No budget set aside"), 0 },
  { "small", LN_("Less than 5 000"), 1 },
  { "medium", LN_("5 000 to 20 000"), 2 },
  { "large", LN_("More than 20 000"), 3 },
  { NULL },
};

static const OptionDef authority_options[] = {
  { "decide", LN_("I decide"), 3 },
  { "together", LN_("I decide together with others"), 2 },
  { "recommend", LN_("I recommend; others decide"), 1 },
  { "inform", LN_("I am only gathering information"), 0 },
  { NULL },
};

static const OptionDef timeline_options[] = {
  { "month", LN_("Within a month"), 3 },
  { "quarter", LN_("Within three months"), 2 },
  { "year", LN_("Within a year"), 1 },
  { "none", LN_("No plan yet"), 0 },
  { NULL },
};

static const OptionDef records_options[] = {
  { "none", LN_("We do not record them"), 0 },
  { "paper", LN_("On paper"), 1 },
  { "sheet", LN_("In a spreadsheet"), 2 },
  { "crm", LN_("In a customer database"), 3 },
  { NULL },
};

static const QuestionDef b2b_questions[] = {
  { "project", LN_("Your project"), "budget", RPT_QUESTION_SINGLE,
    LN_("What budget have you set aside for this in the next twelve months?"),
    NULL, 0, RPT_QUALIFY_BUDGET, NULL, budget_options },
  { NULL, NULL, "authority", RPT_QUESTION_SINGLE, LN_("Who decides on this purchase?"),
    NULL, 0, RPT_QUALIFY_AUTHORITY, NULL, authority_options },
  { NULL, NULL, "need", RPT_QUESTION_SCALE,
    LN_("How pressing is the problem you want to solve? (1 not at all, 5 very)"),
    NULL, 0, RPT_QUALIFY_NEED },
  { NULL, NULL, "timeline", RPT_QUESTION_SINGLE, LN_("When do you plan to decide?"),
    NULL, 0, RPT_QUALIFY_TIMELINE, NULL, timeline_options },
  { "sales", LN_("Sales"), "sales-self", RPT_QUESTION_SCALE,
    LN_("How would you rate your sales process overall? (1 weak, 5 excellent)") },
  { NULL, NULL, "sales-follow-up", RPT_QUESTION_YES_NO,
    LN_("Is every quote followed up within a week?"), "sales" },
  { NULL, NULL, "sales-best-customers", RPT_QUESTION_SCALE,
    LN_("How well do you know which customers bring the most revenue? (1 not at all, 5 exactly)"), "sales" },
  { NULL, NULL, "sales-forecast", RPT_QUESTION_YES_NO,
    LN_("Do you forecast next quarter's sales from your pipeline?"), "sales" },
  { "service", LN_("Service"), "service-self", RPT_QUESTION_SCALE,
    LN_("How would you rate your customer service overall? (1 weak, 5 excellent)") },
  { NULL, NULL, "service-speed", RPT_QUESTION_SCALE,
    LN_("How quickly are complaints resolved? (1 weeks or more, 5 the same day)"), "service" },
  { NULL, NULL, "service-survey", RPT_QUESTION_YES_NO,
    LN_("Do you measure customer satisfaction at least once a year?"), "service" },
  { "data", LN_("Customer data"), "data-records", RPT_QUESTION_SINGLE,
    LN_("Where do you record contacts with customers?"), "data", 0, RPT_QUALIFY_NONE, NULL, records_options },
  { NULL, NULL, "data-one-place", RPT_QUESTION_YES_NO,
    LN_("Is everything you know about a customer in one place?"), "data" },
  { NULL, NULL, "data-complete", RPT_QUESTION_NUMBER,
    LN_("What share of your customers have a complete record?"), "data", 0, RPT_QUALIFY_NONE, NULL, NULL,
    0, 100 },
  { NULL, NULL, "comments", RPT_QUESTION_TEXT, LN_("What would you most like to improve?") },
};

static const DimensionDef b2b_dimensions[] = {
  { "sales", LN_("Sales process"), LN_("A sales workshop: following up quotes and knowing your best customers") },
  { "service", LN_("Customer service"), LN_("Complaint handling set up with you, with a satisfaction survey") },
  { "data", LN_("Customer data"), LN_("Your customer records brought into one place, and kept complete") },
};

static RptQuestionnaire *
b2b_needs (void)
{
  RptQuestionnaire *q = _rpt_questionnaire_new ("b2b-needs");

  g_hash_table_unref (q->title);
  q->title = text (LN_("Needs assessment"));
  g_hash_table_unref (q->description);
  q->description = text (LN_("Where a business customer stands, what they need, and whether now is the time."));
  for (guint i = 0; i < G_N_ELEMENTS (b2b_dimensions); i++)
    add_dimension (q, &b2b_dimensions[i]);
  add_questions (q, b2b_questions, G_N_ELEMENTS (b2b_questions));
  add_rule (q, "sales-self", "sales-follow-up,sales-best-customers,sales-forecast", 30);
  add_rule (q, "service-self", "service-speed,service-survey", 30);
  return finish (q);
}

/* Shop customer preferences -------------------------------------------- */

static const OptionDef channel_options[] = {
  { "letter", LN_("By letter"), 0 },
  { "email", LN_("By e-mail"), 0 },
  { "phone", LN_("By phone"), 0 },
  { "visit", LN_("In person, when I visit"), 0 },
  { "any", LN_("Any way is fine"), 0 },
  { NULL },
};

static const OptionDef frequency_options[] = {
  { "30", LN_("Every month"), 0 },
  { "90", LN_("Every three months"), 0 },
  { "365", LN_("Once a year"), 0 },
  { "0", LN_("Only when there is something new"), 0 },
  { NULL },
};

static const OptionDef interest_options[] = {
  { "new-arrivals", LN_("New arrivals"), 0 },
  { "offers", LN_("Special offers"), 0 },
  { "events", LN_("Events and tastings"), 0 },
  { "workshops", LN_("Workshops and classes"), 0 },
  { "gifts", LN_("Gift ideas"), 0 },
  { NULL },
};

static const OptionDef month_options[] = {
  { "1", LN_("January"), 0 }, { "2", LN_("February"), 0 }, { "3", LN_("March"), 0 },
  { "4", LN_("April"), 0 }, { "5", LN_("May"), 0 }, { "6", LN_("June"), 0 },
  { "7", LN_("July"), 0 }, { "8", LN_("August"), 0 }, { "9", LN_("September"), 0 },
  { "10", LN_("October"), 0 }, { "11", LN_("November"), 0 }, { "12", LN_("December"), 0 },
  { NULL },
};

static const QuestionDef preference_questions[] = {
  { "contact", LN_("Staying in touch"), "channel", RPT_QUESTION_SINGLE, LN_("How would you like us to contact you?"),
    NULL, 0, RPT_QUALIFY_NONE, "channel", channel_options },
  { NULL, NULL, "frequency", RPT_QUESTION_SINGLE, LN_("How often would you like to hear from us?"),
    NULL, 0, RPT_QUALIFY_NONE, "frequency", frequency_options },
  { NULL, NULL, "consent", RPT_QUESTION_YES_NO, LN_("May we keep you informed about news and offers?"),
    NULL, 0, RPT_QUALIFY_NONE, "consent" },
  { "about", LN_("About you"), "interests", RPT_QUESTION_MULTIPLE, LN_("What interests you?"),
    NULL, 0, RPT_QUALIFY_NONE, "interests", interest_options },
  { NULL, NULL, "birthday-month", RPT_QUESTION_SINGLE, LN_("In which month is your birthday?"),
    NULL, 0, RPT_QUALIFY_NONE, NULL, month_options },
  { NULL, NULL, "comments", RPT_QUESTION_TEXT, LN_("Is there anything else you would like us to know?") },
};

static RptQuestionnaire *
shop_preferences (void)
{
  RptQuestionnaire *q = _rpt_questionnaire_new ("shop-preferences");

  g_hash_table_unref (q->title);
  q->title = text (LN_("Customer preferences"));
  g_hash_table_unref (q->description);
  q->description = text (LN_("How and how often a customer wants to hear from the shop, and what about."));
  add_questions (q, preference_questions, G_N_ELEMENTS (preference_questions));
  return finish (q);
}

/* Personalization readiness -------------------------------------------- */

static const DimensionDef readiness_dimensions[] = {
  { "processes", LN_("Processes"), LN_("Mapping your customer processes together, step by step") },
  { "technology", LN_("Technology"), LN_("Choosing and setting up the tools that fit your size") },
  { "knowledge", LN_("Knowledge strategy"), LN_("A plan for what to learn about customers, and how to use it") },
  { "partners", LN_("Partners"), LN_("Introductions to partners who complement what you offer") },
  { "relations", LN_("Customer relations"), LN_("A programme to turn regular customers into loyal ones") },
  { "employees", LN_("Employees"), LN_("Training your staff to serve each customer personally") },
  { "strategy", LN_("Competitive strategy"), LN_("A review of where personal service sets you apart") },
};

static const QuestionDef readiness_questions[] = {
  { "processes", LN_("Processes"), "processes-1", RPT_QUESTION_SCALE,
    LN_("Our processes are built around what each customer needs."), "processes" },
  { NULL, NULL, "processes-2", RPT_QUESTION_SCALE,
    LN_("We can change a process quickly when customers ask for something new."), "processes" },
  { "technology", LN_("Technology"), "technology-1", RPT_QUESTION_SCALE,
    LN_("Our systems show every contact with a customer in one place."), "technology" },
  { NULL, NULL, "technology-2", RPT_QUESTION_SCALE,
    LN_("We can send each customer an offer that fits them without manual work."), "technology" },
  { "knowledge", LN_("Knowledge strategy"), "knowledge-1", RPT_QUESTION_SCALE,
    LN_("We know what we want to learn about our customers, and why."), "knowledge" },
  { NULL, NULL, "knowledge-2", RPT_QUESTION_SCALE,
    LN_("What staff learn about customers is written down and shared."), "knowledge" },
  { "partners", LN_("Partners"), "partners-1", RPT_QUESTION_SCALE,
    LN_("We work with partners to offer customers more than we could alone."), "partners" },
  { NULL, NULL, "partners-2", RPT_QUESTION_SCALE,
    LN_("Our partners and we share what we learn about common customers, with their consent."), "partners" },
  { "relations", LN_("Customer relations"), "relations-1", RPT_QUESTION_SCALE,
    LN_("We know which customers are most valuable to us."), "relations" },
  { NULL, NULL, "relations-2", RPT_QUESTION_SCALE,
    LN_("Customers tell us what they want, and we answer them personally."), "relations" },
  { "employees", LN_("Employees"), "employees-1", RPT_QUESTION_SCALE,
    LN_("Our staff are free to treat each customer as the customer needs."), "employees" },
  { NULL, NULL, "employees-2", RPT_QUESTION_SCALE,
    LN_("Staff are trained and rewarded for serving customers personally."), "employees" },
  { "strategy", LN_("Competitive strategy"), "strategy-1", RPT_QUESTION_SCALE,
    LN_("Personal service is a deliberate part of how we compete."), "strategy" },
  { NULL, NULL, "strategy-2", RPT_QUESTION_SCALE,
    LN_("We know how our competitors treat their customers."), "strategy" },
};

static RptQuestionnaire *
readiness (void)
{
  RptQuestionnaire *q = _rpt_questionnaire_new ("personalization-readiness");

  g_hash_table_unref (q->title);
  q->title = text (LN_("Personalization readiness"));
  g_hash_table_unref (q->description);
  q->description = text (LN_("How ready a business is to serve each customer personally: rate each statement "
                             "from 1 (not at all true) to 5 (completely true)."));
  for (guint i = 0; i < G_N_ELEMENTS (readiness_dimensions); i++)
    add_dimension (q, &readiness_dimensions[i]);
  add_questions (q, readiness_questions, G_N_ELEMENTS (readiness_questions));
  return finish (q);
}

GPtrArray *
rpt_questionnaire_builtins (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) rpt_questionnaire_unref);

  g_ptr_array_add (list, b2b_needs ());
  g_ptr_array_add (list, shop_preferences ());
  g_ptr_array_add (list, readiness ());
  return list;
}
