from .answering import take, take_done, take_list
from .bank import question_active, question_copy, question_create, question_edit, question_list
from .results import results, results_csv
from .tests import (
    assessment_create,
    assessment_delete,
    assessment_detail,
    assessment_edit,
    assessment_item,
    assessment_list,
    assessment_phase,
    assessment_questions,
    participant_links,
    participant_links_print,
)

__all__ = [
    "assessment_create",
    "assessment_delete",
    "assessment_detail",
    "assessment_edit",
    "assessment_item",
    "assessment_list",
    "assessment_phase",
    "assessment_questions",
    "participant_links",
    "participant_links_print",
    "question_active",
    "question_copy",
    "question_create",
    "question_edit",
    "question_list",
    "results",
    "results_csv",
    "take",
    "take_done",
    "take_list",
]
