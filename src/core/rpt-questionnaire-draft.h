/* rpt-questionnaire-draft.h — a questionnaire being designed
 *
 * A draft is the questionnaire's JSON document (the format that
 * rapport-cli questionnaire export writes), changed part by part: added,
 * removed, moved, its texts set one language at a time. Nothing is
 * checked while it changes; rpt_questionnaire_draft_build() checks the
 * whole as an imported file is checked and makes the questionnaire, or
 * says what is wrong and where.
 *
 * The parts are the document's own JSON objects; they stay valid until
 * the part is removed or a change is undone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rpt-questionnaire.h"

G_BEGIN_DECLS

typedef struct _RptQuestionnaireDraft RptQuestionnaireDraft;

/* A draft of SOURCE, or of a new questionnaire called KEY with one
 * dimension, one section and one question, its texts in LANGUAGE. */
RptQuestionnaireDraft *rpt_questionnaire_draft_new          (RptQuestionnaire      *source,
                                                             const char            *key,
                                                             const char            *language);
void                   rpt_questionnaire_draft_free         (RptQuestionnaireDraft *self);

JsonObject            *rpt_questionnaire_draft_get_root     (RptQuestionnaireDraft *self);
JsonArray             *rpt_questionnaire_draft_get_sections (RptQuestionnaireDraft *self);
JsonArray             *rpt_questionnaire_draft_get_dimensions (RptQuestionnaireDraft *self);
JsonArray             *rpt_questionnaire_draft_get_questions (JsonObject           *section);
/* The consistency rules, or NULL when there are none */
JsonArray             *rpt_questionnaire_draft_get_rules    (RptQuestionnaireDraft *self);
JsonArray             *rpt_questionnaire_draft_get_options  (JsonObject            *question);

/* OBJECT's text MEMBER in LANGUAGE exactly, or "" */
const char            *rpt_questionnaire_draft_get_text     (JsonObject            *object,
                                                             const char            *member,
                                                             const char            *language);
/* An empty VALUE removes the language (and the member with its last). */
void                   rpt_questionnaire_draft_set_text     (RptQuestionnaireDraft *self,
                                                             JsonObject            *object,
                                                             const char            *member,
                                                             const char            *language,
                                                             const char            *value);
/* NULL or "" removes the member. */
void                   rpt_questionnaire_draft_set_string   (RptQuestionnaireDraft *self,
                                                             JsonObject            *object,
                                                             const char            *member,
                                                             const char            *value);
void                   rpt_questionnaire_draft_set_number   (RptQuestionnaireDraft *self,
                                                             JsonObject            *object,
                                                             const char            *member,
                                                             double                 value);
RptQuestionKind        rpt_questionnaire_draft_get_kind     (JsonObject            *question);
/* Options appear for a choice and go for the others; free text is
 * never scored. */
void                   rpt_questionnaire_draft_set_kind     (RptQuestionnaireDraft *self,
                                                             JsonObject            *question,
                                                             RptQuestionKind        kind);

JsonObject            *rpt_questionnaire_draft_add_dimension (RptQuestionnaireDraft *self,
                                                             const char            *language);
JsonObject            *rpt_questionnaire_draft_add_section  (RptQuestionnaireDraft *self,
                                                             const char            *language);
JsonObject            *rpt_questionnaire_draft_add_question (RptQuestionnaireDraft *self,
                                                             JsonObject            *section,
                                                             RptQuestionKind        kind,
                                                             const char            *language);
JsonObject            *rpt_questionnaire_draft_add_option   (RptQuestionnaireDraft *self,
                                                             JsonObject            *question,
                                                             const char            *language);

/* A rule checking the first question that can be scored against the
 * next; NULL when the questionnaire has fewer than two such questions. */
JsonObject            *rpt_questionnaire_draft_add_rule     (RptQuestionnaireDraft *self);
/* The questions RULE checks its self-rating against */
void                   rpt_questionnaire_draft_set_measures (RptQuestionnaireDraft *self,
                                                             JsonObject            *rule,
                                                             const char * const    *keys);

/* Removes a dimension (its questions no longer scored), a section (with
 * its questions), a question, an option or a rule; consistency rules
 * that named a removed question go with it. Undoable. */
gboolean               rpt_questionnaire_draft_remove       (RptQuestionnaireDraft *self,
                                                             JsonObject            *part);
/* One place up (DELTA -1) or down (+1) among its siblings. */
gboolean               rpt_questionnaire_draft_move         (RptQuestionnaireDraft *self,
                                                             JsonObject            *part,
                                                             int                    delta);
gboolean               rpt_questionnaire_draft_can_undo     (RptQuestionnaireDraft *self);
/* Back to before the last removal; every part handed out before is gone. */
gboolean               rpt_questionnaire_draft_undo         (RptQuestionnaireDraft *self);
gboolean               rpt_questionnaire_draft_is_modified  (RptQuestionnaireDraft *self);

/* The questionnaire, checked whole (the source's id kept, so saving it
 * changes the source or makes its next version). */
RptQuestionnaire      *rpt_questionnaire_draft_build        (RptQuestionnaireDraft *self,
                                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RptQuestionnaireDraft, rpt_questionnaire_draft_free)

G_END_DECLS
