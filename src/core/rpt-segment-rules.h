/* rpt-segment-rules.h — a saved segment's rule: conditions on customer
 * fields, tags, purchases, questionnaire scores, RFM segment and class,
 * combined with all/any and nested, kept as JSON
 *
 *   {"match": "all", "conditions": [
 *      {"field": "stage", "op": "is", "value": 3},
 *      {"field": "tag", "op": "has", "value": "tea", "days": 90},
 *      {"match": "any", "conditions": [
 *         {"field": "segment", "op": "is", "value": "at-risk"},
 *         {"field": "score", "op": ">=", "value": 60,
 *          "questionnaire": "b2b-needs", "dimension": "need"}]}]}
 *
 * Fields and their operators (values: text unless said):
 *   name, locality, region, country, language, industry, owner:
 *                    is, is-not, contains
 *   stage, size_band (whole numbers): is, is-not
 *   spend (cents): >=, <=
 *   do_not_contact, open_complaint (true/false): is
 *   tag: has, has-not (with "days": noted in the last N days)
 *   last_contact, purchased, created: within-days, not-within-days (days)
 *   class ("A", "B", "C"), segment (a key such as "at-risk"): is, is-not
 *   warning (a key such as "contact-overdue"): has, has-not
 *   score (0–100, with "questionnaire" and "dimension"; "" for the
 *          overall index): >=, <= — the customer's latest completed
 *          response to any version of that questionnaire
 *
 * A rule is read whole and checked before use (64 KB, 8 levels, 200
 * conditions at most); every value reaches SQL as a bound parameter,
 * never as text of the statement. A tag, owner or questionnaire that no
 * longer exists matches nobody.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RptSegmentRule RptSegmentRule;

/* The fields a condition may name, and the operators each takes (for a
 * rule builder) */
const char * const *rpt_segment_rule_fields     (void);
const char * const *rpt_segment_rule_field_ops  (const char     *field);

RptSegmentRule *rpt_segment_rule_new_from_json (const char     *json,
                                                GError        **error);
char           *rpt_segment_rule_to_json       (RptSegmentRule *rule);
void            rpt_segment_rule_free          (RptSegmentRule *rule);
/* TRUE when the rule needs the computed class, segment or warnings */
gboolean        rpt_segment_rule_uses_scores   (RptSegmentRule *rule);
/* The condition as SQL over the customers table aliased “c”, a “?” for
 * each value (GVariant: int64, double, string or boolean) added to
 * VALUES in order; TODAY (YYYY-MM-DD) for relative days. The scores, when
 * used, are read from the temporary table segment_scores. */
char           *rpt_segment_rule_to_sql        (RptSegmentRule *rule,
                                                const char     *today,
                                                GPtrArray      *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptSegmentRule, rpt_segment_rule_free)

G_END_DECLS
