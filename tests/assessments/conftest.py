"""A question bank and tests for the personas' session, and a way to answer them as each participant."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from cadre.assessments import services
from cadre.assessments.models import Assessment, AssessmentQuestion, Question

from ..factories import InstitutionFactory, PersonFactory
from ..meetings.factories import AssessmentFactory, NumericQuestionFactory, ParticipationFactory, QuestionFactory


def english_client(world=None, persona=None) -> Client:
    """A client reading the interface in English (the messages are checked in English: French is translated later)."""
    client = world.client(persona) if persona else Client()
    client.cookies["django_language"] = "en"
    return client


@dataclass
class Bank:
    single: object
    multiple: object
    true_false: object
    numeric: object
    likert: object
    text: object
    other_theme: object  # a theme that is not the session's


@pytest.fixture
def bank(world) -> Bank:
    from ..factories import ThemeFactory

    workspace = world.workspace
    other_theme = ThemeFactory(workspace=workspace, code="return", order=5)
    single = QuestionFactory(
        workspace=workspace,
        theme=world.theme,
        text_fr="Combien de régions compte le Niger ? (choix)",
        text_en="How many regions does Niger have? (choice)",
        explanation_fr="Le Niger compte 8 régions.",
        explanation_en="Niger has 8 regions.",
        answers=[("7", False), ("8", True), ("9", False)],
    )
    multiple = QuestionFactory(
        workspace=workspace,
        theme=world.theme,
        kind=Question.Kind.MULTIPLE,
        text_fr="Quels pays sont frontaliers du Niger ?",
        text_en="Which countries border Niger?",
        answers=[("Mali", True), ("Tchad", True), ("Sénégal", False)],
    )
    true_false = QuestionFactory(
        workspace=workspace,
        theme=other_theme,
        kind=Question.Kind.TRUE_FALSE,
        text_fr="Niamey est la capitale du Niger.",
        text_en="Niamey is the capital of Niger.",
        answers=[("Vrai", True), ("Faux", False)],
    )
    numeric = NumericQuestionFactory(
        workspace=workspace,
        theme=world.theme,
        text_fr="Combien de régions compte le Niger ?",
        text_en="How many regions does Niger have?",
        numeric_answer=Decimal("0.8"),
        numeric_tolerance=Decimal("0.05"),
    )
    likert = QuestionFactory(
        workspace=workspace,
        kind=Question.Kind.LIKERT,
        text_fr="Je sais rédiger un objectif SMART.",
        text_en="I can write a SMART objective.",
    )
    text = QuestionFactory(
        workspace=workspace,
        kind=Question.Kind.TEXT,
        text_fr="Que faudrait-il améliorer ?",
        text_en="What should be improved?",
    )
    return Bank(single, multiple, true_false, numeric, likert, text, other_theme)


def make_assessment(meeting, kind, questions, *, open_phase=Assessment.Open.CLOSED, title="Test de connaissances"):
    assessment = AssessmentFactory(meeting=meeting, kind=kind, title_fr=title, title_en=title, open_phase=open_phase)
    for order, question in enumerate(questions):
        AssessmentQuestion.objects.create(assessment=assessment, question=question, order=order)
    return assessment


@pytest.fixture
def knowledge(session, bank):
    """A knowledge test of the session (single, multiple, true/false, numeric), open before the session."""
    return make_assessment(
        session.meeting,
        Assessment.Kind.KNOWLEDGE,
        [bank.single, bank.multiple, bank.true_false, bank.numeric],
        open_phase=Assessment.Open.PRE,
    )


def right_answers(assessment) -> dict:
    """The correct value of every question of a test, keyed by question (as AnswerForm.answers() returns)."""
    found = {}
    for item in assessment.items.select_related("question").prefetch_related("question__choices"):
        question = item.question
        if question.kind in Question.CHOICE_KINDS:
            found[question] = sorted(choice.pk for choice in question.choices.all() if choice.is_correct)
        elif question.kind == Question.Kind.NUMERIC:
            found[question] = question.numeric_answer
        elif question.kind == Question.Kind.LIKERT:
            found[question] = 3
        else:
            found[question] = "Rien"
    return found


def wrong_answers(assessment) -> dict:
    found = {}
    for question, value in right_answers(assessment).items():
        if question.kind in Question.CHOICE_KINDS:
            found[question] = [next(c.pk for c in question.choices.all() if not c.is_correct)]
        elif question.kind == Question.Kind.NUMERIC:
            found[question] = value + 100
        else:
            found[question] = value
    return found


def answer(assessment, participation, phase, *, right=(), likert=None):
    """Submit answers through the service: the questions whose kinds are in `right` answered correctly."""
    wrong = wrong_answers(assessment)
    values = {}
    for question, value in right_answers(assessment).items():
        values[question] = value if question.kind in right or right == "all" else wrong[question]
        if likert is not None and question.kind == Question.Kind.LIKERT:
            values[question] = likert
    previous = assessment.open_phase
    Assessment.objects.filter(pk=assessment.pk).update(open_phase=phase)
    try:
        return services.submit_attempt(assessment, participation, phase, values)
    finally:
        Assessment.objects.filter(pk=assessment.pk).update(open_phase=previous)


def more_participants(meeting, count, institution=None):
    institution = institution or InstitutionFactory()
    return [
        ParticipationFactory(meeting=meeting, person=PersonFactory(institution=institution, full_name=f"Invité {n}"))
        for n in range(count)
    ]
