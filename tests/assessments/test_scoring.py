"""Scoring of each kind of question, and the learning gain (matched participants only, computed by the database)."""

from decimal import Decimal

import pytest

from cadre.assessments import scoring
from cadre.assessments.models import Assessment

from ..meetings.factories import MeetingFactory, NumericQuestionFactory, QuestionFactory
from .conftest import answer, make_assessment, more_participants


def correct_ids(question):
    return {choice.pk for choice in question.choices.all() if choice.is_correct}


def test_single_choice_scores_only_the_correct_answer(bank):
    question = bank.single
    right, wrong = correct_ids(question), question.choices.filter(is_correct=False).first().pk
    assert scoring.score_answer(question, right, choice_ids=right) == 1
    assert scoring.score_answer(question, right, choice_ids=[wrong]) == 0
    assert scoring.score_answer(question, right, choice_ids=[]) == 0


def test_multiple_choice_is_all_or_nothing(bank):
    question = bank.multiple
    right = correct_ids(question)
    wrong = question.choices.get(is_correct=False).pk
    assert scoring.score_answer(question, right, choice_ids=sorted(right)) == 1
    assert scoring.score_answer(question, right, choice_ids=[min(right)]) == 0  # half the right answers
    assert scoring.score_answer(question, right, choice_ids=[*right, wrong]) == 0  # one too many


def test_true_false_scores_like_a_single_choice(bank):
    question = bank.true_false
    true, false = question.choices.order_by("order")
    assert scoring.score_answer(question, correct_ids(question), choice_ids=[true.pk]) == 1
    assert scoring.score_answer(question, correct_ids(question), choice_ids=[false.pk]) == 0


def test_points_are_what_a_correct_answer_earns(world):
    question = QuestionFactory(workspace=world.workspace, points=3)
    assert scoring.score_answer(question, correct_ids(question), choice_ids=correct_ids(question)) == 3
    assert question.max_points == 3


@pytest.mark.parametrize(
    ("number", "points"),
    [("0.8", 1), ("0.85", 1), ("0.75", 1), ("0.86", 0), ("-0.8", 0), (None, 0), ("abc", 0)],
)
def test_numeric_answer_scores_within_the_tolerance(bank, number, points):
    value = Decimal(number) if number not in (None, "abc") else number
    assert scoring.score_answer(bank.numeric, set(), number=value) == points


def test_numeric_answer_without_tolerance_must_be_exact(world):
    question = NumericQuestionFactory(workspace=world.workspace, numeric_answer=Decimal(8))
    assert scoring.score_answer(question, set(), number=Decimal("8.0")) == 1
    assert scoring.score_answer(question, set(), number=Decimal("8.01")) == 0


def test_likert_and_open_answers_are_not_scored(bank):
    assert scoring.score_answer(bank.likert, set(), number=Decimal(5)) == 0
    assert bank.likert.max_points == 0 and bank.text.max_points == 0
    assert not bank.likert.is_scored


@pytest.mark.parametrize(
    ("pre", "post", "gain"),
    [(50, 75, 0.5), (20, 60, 0.5), (0, 100, 1.0), (60, 40, -0.5), (80, 80, 0.0), (100, 100, None), (100, 90, None)],
)
def test_normalised_gain(pre, post, gain):
    result = scoring.normalized_gain(pre, post)
    assert result == pytest.approx(gain) if gain is not None else result is None


def test_gain_undefined_without_both_scores():
    assert scoring.normalized_gain(None, 50) is None
    assert scoring.normalized_gain(50, None) is None
    assert scoring.Comparison(pre_score=Decimal(4), pre_max=Decimal(4), post_score=4, post_max=4).gain is None


def test_gain_counts_matched_participants_only(session, knowledge):
    """Someone who answered only before (or only after) changes neither the gain nor the matched means."""
    a, b = session.own
    c, d = session.other
    answer(knowledge, a, "pre", right=("single",))  # 1/4
    answer(knowledge, a, "post", right="all")  # 4/4
    answer(knowledge, b, "pre", right=("single", "multiple"))  # 2/4
    answer(knowledge, b, "post", right=("single", "multiple", "numeric"))  # 3/4
    answer(knowledge, c, "pre")  # 0/4, never came back
    answer(knowledge, d, "post", right="all")  # 4/4, came only in the afternoon
    found = scoring.knowledge_by_assessment([knowledge])[knowledge.pk]
    assert found.people == 2
    assert (found.pre_score, found.pre_max) == (Decimal(3), Decimal(8))
    assert (found.post_score, found.post_max) == (Decimal(7), Decimal(8))
    assert found.gain == pytest.approx((87.5 - 37.5) / (100 - 37.5))
    # Every attempt, matched or not, still counts in the per-phase totals.
    totals = scoring.phase_totals(knowledge)
    assert (totals["pre"].people, totals["pre"].score) == (3, Decimal(3))
    assert (totals["post"].people, totals["post"].score) == (3, Decimal(11))


def test_gain_is_undefined_when_everyone_had_the_maximum_before(session, knowledge):
    a = session.own[0]
    answer(knowledge, a, "pre", right="all")
    answer(knowledge, a, "post", right=("single",))
    found = scoring.knowledge_by_assessment([knowledge])[knowledge.pk]
    assert found.pre_percent == 100 and found.post_percent == 25
    assert found.gain is None and found.gain_percent is None


def test_matching_is_per_assessment(session, bank, knowledge):
    """Before in one test and after in another test of the same meeting is not a matched pair."""
    other = make_assessment(session.meeting, Assessment.Kind.KNOWLEDGE, [bank.single], title="Autre")
    a = session.own[0]
    answer(knowledge, a, "pre")
    answer(other, a, "post", right="all")
    assert scoring.knowledge_by_assessment([knowledge, other]) == {}
    assert scoring.knowledge_by_theme([knowledge, other]) == {}


def test_scores_by_theme_and_institution(world, session, knowledge, bank):
    a, b = session.own
    c = session.other[0]
    for person in (a, b, c):
        answer(knowledge, person, "pre", right=("true_false",))
        answer(knowledge, person, "post", right="all" if person != c else ("true_false", "single"))
    themes = scoring.knowledge_by_theme([knowledge])
    border = themes[world.theme.pk]  # single, multiple and numeric: 3 points each
    assert (border.pre_score, border.pre_max, border.post_score, border.post_max) == (0, 9, 7, 9)
    assert border.people == 3
    other = themes[bank.other_theme.pk]  # true/false, right every time
    assert other.pre_percent == 100 and other.gain is None
    institutions = scoring.knowledge_by_institution([knowledge])
    own = institutions[world.institution.pk]
    assert (own.people, own.pre_score, own.post_score, own.post_max) == (2, 2, 8, 8)
    assert own.gain == pytest.approx(1.0)
    police = institutions[session.other_institution.pk]
    assert (police.people, police.pre_score, police.post_score) == (1, 1, 2)


def test_knowledge_by_participant_is_unmatched(session, knowledge):
    a, b = session.own
    answer(knowledge, a, "pre", right=("single",))
    answer(knowledge, a, "post", right="all")
    answer(knowledge, b, "pre")
    found = scoring.knowledge_by_participant(knowledge)
    assert found[a.pk].pre_percent == 25 and found[a.pk].post_percent == 100 and found[a.pk].people == 1
    assert found[b.pk].post_percent is None and found[b.pk].people == 0


def test_score_distribution_and_correct_rate_per_question(session, knowledge, bank):
    people = [*session.own, *session.other]
    rights = [(), ("single",), ("single", "multiple"), "all"]  # 0 %, 25 %, 50 %, 100 %
    for person, right in zip(people, rights, strict=True):
        answer(knowledge, person, "pre", right=right)
    assert scoring.score_distribution(knowledge) == {"pre": [1, 1, 1, 0, 1], "post": [0, 0, 0, 0, 0]}
    rates = scoring.correct_rate_by_question(knowledge)
    assert rates[bank.single.pk]["pre"] == (3, 4)
    assert rates[bank.multiple.pk]["pre"] == (2, 4)
    assert rates[bank.numeric.pk]["pre"] == (1, 4)
    assert rates[bank.single.pk]["post"] is None


def test_self_assessment_means_matched_and_unmatched(session, bank):
    test = make_assessment(session.meeting, Assessment.Kind.SELF_ASSESSMENT, [bank.likert], title="Auto")
    a, b = session.own
    answer(test, a, "pre", likert=2)
    answer(test, a, "post", likert=4)
    answer(test, b, "pre", likert=1)  # not matched
    matched = scoring.self_assessment_by_question([test])[bank.likert.pk]
    assert (matched["pre"], matched["post"]) == (2, 4)
    everyone = scoring.self_assessment_by_question([test], matched=False)[bank.likert.pk]
    assert (everyone["pre"], everyone["post"]) == (1.5, 4)
    overall = scoring.self_assessment_overall([test])
    assert (overall["pre"], overall["post"], overall["pre_agree"], overall["post_agree"]) == (2, 4, 0, 100)
    assert overall["people"] == 1
    assert scoring.self_assessment_by_participant(test)[b.pk] == {"pre": 1, "post": None}


def test_aggregates_run_a_fixed_number_of_queries(world, session, knowledge, django_assert_num_queries):
    meeting = MeetingFactory(workspace=world.workspace)
    people = more_participants(meeting, 6)
    test = make_assessment(meeting, Assessment.Kind.KNOWLEDGE, [q.question for q in knowledge.items.all()], title="B")
    for person in people:
        answer(test, person, "pre")
        answer(test, person, "post", right="all")
    with django_assert_num_queries(1):
        scoring.knowledge_by_theme([knowledge, test])
    with django_assert_num_queries(1):
        scoring.knowledge_by_institution(Assessment.objects.filter(workspace=world.workspace))
    with django_assert_num_queries(1):
        scoring.score_distribution(test)
