"""The assessments demo (after the workspaces and meetings demos): a bilingual question bank of at least 10 scored
questions per theme, tests at each information session answered by the people who attended, scored as a real
answer would be, with a learning gain on every theme; the process is over, so every phase is closed."""

import time
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings

from cadre.assessments import demo, scoring
from cadre.assessments.models import Answer, Assessment, Attempt, Question
from cadre.core.models import AuditEvent
from cadre.meetings import demo as meetings_demo
from cadre.meetings.models import Meeting
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.models import Workspace

from ..core.helpers import db_snapshot

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
THEMES = ["coordination", "border-management", "vulnerable-migrants", "detection", "investigation", "return"]


@pytest.fixture(scope="module")
def _demo_in_module(django_db_setup, django_db_blocker):
    """The workspaces, meetings and assessments demos loaded once for this module, rolled back at its end."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            workspace_demo.load()
            meetings_demo.load()
            started = time.monotonic()
            lines = demo.load()
            seconds = time.monotonic() - started
        except BaseException:
            atomic.__exit__(None, None, None)
            raise
    yield {"lines": lines, "seconds": seconds}
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def loaded(_demo_in_module, db):
    return _demo_in_module


@pytest.fixture
def workspace(loaded):
    return Workspace.objects.get(slug=workspace_demo.MAIN_SLUG)


def _session(key):
    return Meeting.objects.get(uid=meetings_demo.meeting_uid(key))


def test_demo_loads_fast(loaded):
    assert loaded["seconds"] < 10
    [line] = loaded["lines"]
    assert str(Answer.objects.count()) in line


@pytest.mark.parametrize("code", THEMES)
def test_each_theme_has_at_least_ten_scored_bilingual_questions_with_explanations(workspace, code):
    questions = Question.objects.filter(workspace=workspace, theme__code=code, kind__in=Question.SCORED_KINDS)
    assert questions.count() >= 10
    assert len({question.kind for question in questions}) >= 2  # mixed kinds
    for question in questions.prefetch_related("choices"):
        assert question.text_fr and question.text_en and question.text_fr != question.text_en
        assert question.explanation_fr.endswith("Question rédigée pour la démonstration de Cadre.")
        assert question.explanation_en.endswith("Question written for the Cadre demo.")
        choices = list(question.choices.all())
        correct = [choice for choice in choices if choice.is_correct]
        if question.kind == Question.Kind.NUMERIC:
            assert question.numeric_answer is not None and not choices
            continue
        assert len(choices) >= 2 and all(choice.text_fr and choice.text_en for choice in choices)
        if question.kind == Question.Kind.MULTIPLE:
            assert correct and len(correct) < len(choices)
        else:
            assert len(correct) == 1, question
        if question.kind == Question.Kind.TRUE_FALSE:
            assert [(c.text_fr, c.text_en) for c in choices] == [("Vrai", "True"), ("Faux", "False")]


def test_the_bank_uses_every_scored_kind_and_knows_the_number_of_regions(workspace):
    kinds = set(Question.objects.filter(workspace=workspace).values_list("kind", flat=True))
    assert kinds == set(Question.Kind.values)
    regions = Question.objects.get(workspace=workspace, text_fr__startswith="Combien de régions compte le Niger")
    assert regions.kind == Question.Kind.NUMERIC and regions.numeric_answer == Decimal(8)
    assert regions.theme.code == "coordination"
    law = Question.objects.get(workspace=workspace, text_fr__contains="adopté sa loi sur le trafic illicite")
    assert law.numeric_answer == Decimal(2015)


def test_the_right_answer_is_not_always_in_the_same_place(workspace):
    places = set()
    for question in Question.objects.filter(workspace=workspace, kind=Question.Kind.SINGLE).prefetch_related("choices"):
        places.add([choice.is_correct for choice in question.choices.all()].index(True))
    assert len(places) >= 3


def test_self_assessment_and_evaluation_forms(workspace):
    statements = Question.objects.filter(workspace=workspace, kind=Question.Kind.LIKERT, theme__code="coordination")
    assert 10 <= statements.count() <= 12
    assert statements.filter(text_fr="Je sais rédiger un objectif SMART.", text_en="I can write a SMART objective.")
    evaluation = Assessment.objects.filter(workspace=workspace, kind=Assessment.Kind.EVALUATION).first()
    kinds = list(evaluation.items.values_list("question__kind", flat=True))
    assert 4 <= kinds.count("likert") <= 6 and 1 <= kinds.count("text") <= 2


def test_each_information_session_has_its_three_tests_on_its_themes(workspace):
    sessions = Meeting.objects.filter(workspace=workspace, kind="information_session")
    assert sessions.count() == 4
    for session in sessions:
        tests = {assessment.kind: assessment for assessment in session.assessments.all()}
        assert set(tests) == set(Assessment.Kind.values), session
        knowledge = tests[Assessment.Kind.KNOWLEDGE]
        assert 10 <= knowledge.items.count() <= 12
        session_themes = set(session.themes.values_list("code", flat=True))
        assert set(knowledge.items.values_list("question__theme__code", flat=True)) == session_themes
        assert all(kind in Question.SCORED_KINDS for kind in knowledge.items.values_list("question__kind", flat=True))
        assert set(tests[Assessment.Kind.SELF_ASSESSMENT].items.values_list("question__kind", flat=True)) == {"likert"}
        for assessment in tests.values():
            assert "démonstration" in assessment.instructions_fr and "demo" in assessment.instructions_en


def test_every_phase_is_closed_and_every_session_answered(workspace):
    assert not Assessment.objects.filter(workspace=workspace).exclude(open_phase=Assessment.Open.CLOSED).exists()
    for assessment in Assessment.objects.filter(workspace=workspace):
        assert assessment.meeting.status == "held", assessment
        assert set(assessment.attempts.values_list("phase", flat=True)) == set(assessment.phases), assessment


def test_the_test_before_a_session_still_planned_is_open_for_answers(workspace):
    session = _session("a6-session-4")
    Assessment.objects.filter(meeting=session).delete()
    Meeting.objects.filter(pk=session.pk).update(status="planned")
    demo.load()
    [test] = Assessment.objects.filter(workspace=workspace).exclude(open_phase=Assessment.Open.CLOSED)
    assert test.open_phase == Assessment.Open.PRE and test.kind == Assessment.Kind.KNOWLEDGE
    assert test.meeting == session
    assert not Attempt.objects.filter(assessment__meeting=session).exists()


def test_attempts_come_from_the_people_who_attended_the_held_sessions(workspace):
    attempts = Attempt.objects.filter(assessment__workspace=workspace).select_related("participation", "assessment")
    assert attempts.count() > 200
    for attempt in attempts:
        assert attempt.participation.meeting_id == attempt.assessment.meeting_id
        assert attempt.participation.status == "attended"
        assert attempt.assessment.meeting.status == "held"
        assert attempt.assessment.meeting.starts_at <= attempt.submitted_at <= attempt.assessment.meeting.ends_at
        assert attempt.phase in attempt.assessment.phases


def test_scores_are_those_of_the_scoring_rules_and_themes_are_copied(workspace):
    answers = Answer.objects.filter(attempt__assessment__workspace=workspace).select_related("question", "attempt")
    correct = {}
    for answer in answers:
        question = answer.question
        assert answer.theme_id == question.theme_id
        if question.pk not in correct:
            correct[question.pk] = set(question.choices.filter(is_correct=True).values_list("pk", flat=True))
        expected = scoring.score_answer(
            question, correct[question.pk], choice_ids=answer.choice_ids, number=answer.number
        )
        assert answer.score == expected
        assert answer.max_score == question.max_points
        if question.kind == Question.Kind.LIKERT:
            assert 1 <= answer.scale <= 5
    for attempt in Attempt.objects.filter(assessment__workspace=workspace).prefetch_related("answers"):
        rows = list(attempt.answers.all())
        assert len(rows) == attempt.assessment.items.count()
        assert attempt.score == sum(row.score for row in rows)
        assert attempt.max_score == sum(row.max_score for row in rows)


def test_answers_are_neither_all_right_nor_all_wrong(workspace):
    scored = Answer.objects.filter(attempt__assessment__workspace=workspace, max_score__gt=0)
    right = scored.filter(score__gt=0).count()
    assert 0.4 * scored.count() < right < 0.8 * scored.count()


@pytest.mark.parametrize("code", THEMES)
def test_knowledge_rises_after_the_session_on_every_theme_taught(workspace, code):
    tests = Assessment.objects.filter(workspace=workspace, kind=Assessment.Kind.KNOWLEDGE)
    figures = scoring.knowledge_by_theme(tests)
    theme = workspace.themes.get(code=code)
    comparison = figures[theme.pk]
    assert comparison.people >= 10
    assert comparison.post_percent > comparison.pre_percent + 10
    assert 0 < comparison.gain < 1


def test_self_assessed_capacity_rises(workspace):
    overall = scoring.self_assessment_overall(
        Assessment.objects.filter(workspace=workspace, kind=Assessment.Kind.SELF_ASSESSMENT)
    )
    assert overall["pre"] < 3 < overall["post"]
    assert overall["post_agree"] > overall["pre_agree"]


def test_a_few_people_miss_a_test_but_never_the_demo_accounts(workspace):
    for key in ("a1-session-1", "a2-session-2", "a4-session-3", "a6-session-4"):
        test = _session(key).assessments.get(kind=Assessment.Kind.KNOWLEDGE)
        pre = set(test.attempts.filter(phase="pre").values_list("participation_id", flat=True))
        post = set(test.attempts.filter(phase="post").values_list("participation_id", flat=True))
        assert pre - post and post - pre, key  # someone left early, someone came late
        accounts = test.meeting.participations.filter(person__user__isnull=False)
        assert accounts.count() == 2
        assert all(p.pk in pre and p.pk in post for p in accounts)


def test_loading_again_changes_nothing(loaded):
    before = db_snapshot()
    events = AuditEvent.objects.count()
    demo.load()
    assert AuditEvent.objects.count() == events
    assert db_snapshot() == before


def test_load_is_all_or_nothing(workspace, monkeypatch):
    Assessment.objects.filter(meeting=_session("a4-session-3")).delete()
    before = db_snapshot()

    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(demo._Answering, "record", broken)
    with pytest.raises(RuntimeError):
        demo.load()
    assert db_snapshot() == before


def test_a_test_made_again_gets_the_same_answers(workspace):
    """The generator is seeded per test and per person: what is made again is what was there."""
    test = _session("a2-session-2").assessments.get(kind=Assessment.Kind.KNOWLEDGE)

    def answers():
        return sorted(
            Answer.objects.filter(
                attempt__assessment__meeting=test.meeting, attempt__assessment__kind="knowledge"
            ).values_list("attempt__participation__person__full_name", "attempt__phase", "question__text_fr", "score")
        )

    before = answers()
    test.delete()
    demo.load()
    assert answers() == before
