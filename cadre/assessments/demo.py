"""The assessments demo: a question bank per theme of the main Niger workspace (cadre.assessments.demo_questions,
written for the demo), and at each information session a knowledge test before and after, the capacity
self-assessment before and after and an evaluation after — answered by the participants who attended.

The answers are generated, not collected: a seeded generator (random.Random, seed 2016) makes each attended
participant answer, right more often after the session than before (about 45 % before, 75 % after, varying by
person and by question); a few people miss the test before or after. Scores are computed by
cadre.assessments.scoring.score_answer, as when a participant answers. The process is over: all four sessions
were held and answered, and every phase is closed (if a session were still planned, its test before would be
open for answers).

`load()` is idempotent: a question is found by its French text, a test by its meeting and kind; a test that
exists is left as it is, with its answers.
"""

import datetime
import random
from decimal import Decimal

from django.utils.translation import gettext as _

from cadre.core.services import change_by
from cadre.meetings import demo as meetings_demo
from cadre.meetings.demo_sessions import MEETINGS
from cadre.meetings.models import Meeting, Participation
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.models import Workspace

from . import demo_questions as data
from .models import LIKERT_MAX, LIKERT_MIN, Answer, Assessment, AssessmentQuestion, Attempt, Choice, Question
from .scoring import score_answer

SEED = 2016
PRE_RIGHT, POST_RIGHT = 0.45, 0.75  # the chance of a right answer before and after a session, on average
PRE_AGREE, POST_AGREE = 2.6, 3.8  # the mean self-assessed capacity (1–5) before and after
MISSING_PRE, MISSING_POST = 1, 2  # participants of each session who miss the test before / after

# Knowledge test of each information session: meeting key (cadre.meetings.demo_sessions), themes and how many
# questions of each. Questions are taken every other one from the bank, so that a test mixes their kinds.
TESTS = {
    "a1-session-1": [("coordination", 12)],
    "a2-session-2": [("border-management", 6), ("vulnerable-migrants", 6)],
    "a4-session-3": [("detection", 6), ("investigation", 6)],
    "a6-session-4": [("return", 12)],
}

INSTRUCTIONS = {
    Assessment.Kind.KNOWLEDGE: (
        "Répondez seul, sans documents, en quelques minutes. Questions rédigées pour la démonstration de Cadre.",
        "Answer on your own, without documents, in a few minutes. Questions written for the Cadre demo.",
    ),
    Assessment.Kind.SELF_ASSESSMENT: (
        "Pour chaque affirmation, indiquez votre accord de 1 (pas du tout) à 5 (tout à fait). Affirmations "
        "rédigées pour la démonstration de Cadre.",
        "For each statement, give your agreement from 1 (not at all) to 5 (fully). Statements written for the "
        "Cadre demo.",
    ),
    Assessment.Kind.EVALUATION: (
        "Votre avis sur la session, de 1 (pas du tout d'accord) à 5 (tout à fait d'accord), et vos commentaires. "
        "Formulaire rédigé pour la démonstration de Cadre ; les réponses sont anonymes dans les résultats.",
        "Your view of the session, from 1 (strongly disagree) to 5 (strongly agree), and your comments. Form "
        "written for the Cadre demo; answers are anonymous in the results.",
    ),
}
TITLES = {
    Assessment.Kind.KNOWLEDGE: ("Test de connaissances", "Knowledge test"),
    Assessment.Kind.SELF_ASSESSMENT: ("Auto-évaluation des capacités", "Capacity self-assessment"),
    Assessment.Kind.EVALUATION: ("Évaluation de la session", "Session evaluation"),
}


def _clamp(value, low, high):
    return max(low, min(high, value))


def _rng(*parts) -> random.Random:
    """A generator of its own for each person, question or test: the same draws whatever else exists."""
    return random.Random(":".join(str(part) for part in (SEED, *parts)))


# --- The question bank ----------------------------------------------------------------------------------


def _question(workspace, theme, kind, text_fr, text_en, *, explanation=("", ""), answer=None, tolerance=0, choices=()):
    question = Question.objects.filter(workspace=workspace, text_fr=text_fr).first()
    if question is not None:
        return question
    explanation_fr, explanation_en = explanation
    question = Question(
        workspace=workspace,
        theme=theme,
        kind=kind,
        text_fr=text_fr,
        text_en=text_en,
        explanation_fr=f"{explanation_fr} {data.DEMO_NOTE_FR}".strip(),
        explanation_en=f"{explanation_en} {data.DEMO_NOTE_EN}".strip(),
        numeric_answer=Decimal(answer) if answer is not None else None,
        numeric_tolerance=Decimal(tolerance),
        points=1,
    )
    question.full_clean()
    question.save()
    choices = list(choices)
    if kind != Question.Kind.TRUE_FALSE:  # written with the right answer first: shown in a fixed, mixed order
        _rng("choices", text_fr).shuffle(choices)
    for order, (choice_fr, choice_en, correct) in enumerate(choices):
        Choice.objects.create(question=question, order=order, text_fr=choice_fr, text_en=choice_en, is_correct=correct)
    return question


def question_bank(workspace) -> dict:
    """Create what is missing of the bank; returns {"knowledge": {theme code: [Question]}, "self": [...], ...}."""
    themes = {theme.code: theme for theme in workspace.themes.all()}
    knowledge = {}
    for code, entries in data.KNOWLEDGE.items():
        knowledge[code] = [
            _question(
                workspace,
                themes[code],
                entry["kind"],
                entry["text_fr"],
                entry["text_en"],
                explanation=(entry["explanation_fr"], entry["explanation_en"]),
                answer=entry.get("answer"),
                tolerance=entry.get("tolerance", 0),
                choices=entry.get("choices", ()),
            )
            for entry in entries
        ]
    likert, text = Question.Kind.LIKERT, Question.Kind.TEXT
    return {
        "knowledge": knowledge,
        "self": [_question(workspace, themes["coordination"], likert, fr, en) for fr, en in data.SELF_ASSESSMENT],
        "evaluation": [_question(workspace, None, likert, fr, en) for fr, en in data.EVALUATION_SCALES]
        + [_question(workspace, None, text, fr, en) for fr, en in data.EVALUATION_TEXTS],
    }


# --- Tests and answers ----------------------------------------------------------------------------------


class _Answering:
    """Generated answers of one test, for the attended participants of its session."""

    def __init__(self, assessment, questions, key):
        self.assessment = assessment
        self.questions = questions
        self.key = key
        self.rng = _rng(key, assessment.kind)
        self.choices = {}
        for choice in Choice.objects.filter(question__in=questions).order_by("order", "pk"):
            self.choices.setdefault(choice.question_id, []).append(choice)

    def record(self, participations, missing):
        meeting = self.assessment.meeting
        answers = []
        for participation in participations:
            for phase in self.assessment.phases:
                if participation.pk in missing[phase]:
                    continue
                rows = [self.answer(question, participation, phase) for question in self.questions]
                minutes = self.rng.randint(5, 25)
                submitted_at = (
                    meeting.starts_at + datetime.timedelta(minutes=minutes)
                    if phase == Assessment.Phase.PRE
                    else meeting.ends_at - datetime.timedelta(minutes=minutes)
                )
                attempt = Attempt.objects.create(
                    assessment=self.assessment,
                    phase=phase,
                    participation=participation,
                    submitted_at=submitted_at,
                    score=sum((row.score for row in rows), Decimal(0)),
                    max_score=sum((row.max_score for row in rows), Decimal(0)),
                )
                for row in rows:
                    row.attempt = attempt
                answers.extend(rows)
        Answer.objects.bulk_create(answers, batch_size=500)
        return len(answers)

    def answer(self, question, participation, phase) -> Answer:
        row = Answer(question=question, theme_id=question.theme_id, max_score=Decimal(question.max_points))
        person = _rng("person", participation.person.full_name).uniform(-1, 1)  # the same in every test
        before = phase == Assessment.Phase.PRE
        if question.kind == Question.Kind.LIKERT:
            if self.assessment.kind == Assessment.Kind.EVALUATION:
                mean = 4.1 + 0.4 * person
            else:
                mean = (PRE_AGREE if before else POST_AGREE) + 0.6 * person
            row.scale = round(_clamp(self.rng.gauss(mean, 0.7), LIKERT_MIN, LIKERT_MAX))
            return row
        if question.kind == Question.Kind.TEXT:
            comments = data.COMMENTS_LIKED if question.text_en == data.EVALUATION_TEXTS[0][1] else data.COMMENTS_IMPROVE
            row.text = self.rng.choice(comments) if self.rng.random() < 0.6 else ""
            return row
        difficulty = _rng("question", question.text_fr).uniform(-0.1, 0.1)
        right = self.rng.random() < _clamp(
            (PRE_RIGHT if before else POST_RIGHT) + 0.12 * person + difficulty, 0.05, 0.95
        )
        choices = self.choices.get(question.pk, [])
        correct = {choice.pk for choice in choices if choice.is_correct}
        if question.kind == Question.Kind.NUMERIC:
            expected = question.numeric_answer
            if right:
                row.number = expected
            else:
                step = max(1, round(abs(expected) / 4)) if abs(expected) < 1000 else 1
                row.number = expected + self.rng.choice([-3, -2, -1, 1, 2, 3]) * step
                if row.number <= 0:
                    row.number = expected + step
            row.score = score_answer(question, correct, number=row.number)
            return row
        wrong = [choice.pk for choice in choices if not choice.is_correct]
        if right:
            chosen = set(correct)
        elif question.kind == Question.Kind.MULTIPLE:
            chosen = set(correct)
            if len(correct) > 1 and self.rng.random() < 0.6:
                chosen.discard(self.rng.choice(sorted(correct)))  # forgot one
            else:
                chosen.add(self.rng.choice(wrong))  # added a wrong one
        else:
            chosen = {self.rng.choice(wrong)}
        row.choice_ids = sorted(chosen)
        row.score = score_answer(question, correct, choice_ids=row.choice_ids)
        return row


def _questions_of_test(bank, key):
    questions = []
    for code, count in TESTS[key]:
        pool = bank["knowledge"][code]
        picked = pool[::2][:count]
        picked += [question for question in pool if question not in picked][: count - len(picked)]
        questions.extend(picked)
    return questions


def _missing(participations, key) -> dict:
    """Who misses the test before and who misses the tests after: never the demo accounts."""
    rng = _rng(key, "missing")
    others = [p for p in participations if p.person.user_id is None]
    absent = rng.sample(others, min(len(others), MISSING_PRE + MISSING_POST))
    return {
        Assessment.Phase.PRE: {p.pk for p in absent[:MISSING_PRE]},
        Assessment.Phase.POST: {p.pk for p in absent[MISSING_PRE:]},
    }


def _tests(workspace, bank, by) -> tuple[int, int]:
    """The three assessments of each information session; returns (assessments made, answers made)."""
    sessions = [spec for spec in MEETINGS if spec.get("assessed")]
    meetings = {
        meeting.uid: meeting
        for meeting in Meeting.objects.filter(uid__in=[meetings_demo.meeting_uid(spec["key"]) for spec in sessions])
    }
    next_planned = next(
        (spec["key"] for spec in sessions if meetings[meetings_demo.meeting_uid(spec["key"])].status == "planned"),
        None,
    )
    made = answered = 0
    for spec in sessions:
        key = spec["key"]
        meeting = meetings[meetings_demo.meeting_uid(key)]
        held = meeting.status == Meeting.Status.HELD
        participations = list(
            meeting.participations.filter(status=Participation.Status.ATTENDED)
            .select_related("person")
            .order_by("person__full_name", "pk")
        )
        missing = _missing(participations, key)
        for kind, questions in (
            (Assessment.Kind.KNOWLEDGE, _questions_of_test(bank, key)),
            (Assessment.Kind.SELF_ASSESSMENT, bank["self"]),
            (Assessment.Kind.EVALUATION, bank["evaluation"]),
        ):
            if Assessment.objects.filter(workspace=workspace, meeting=meeting, kind=kind).exists():
                continue
            title_fr, title_en = TITLES[kind]
            instructions_fr, instructions_en = INSTRUCTIONS[kind]
            opened = kind == Assessment.Kind.KNOWLEDGE and key == next_planned
            assessment = Assessment(
                workspace=workspace,
                meeting=meeting,
                kind=kind,
                title_fr=f"{title_fr} — {spec['title_fr']}",
                title_en=f"{title_en} — {spec['title_en']}",
                instructions_fr=instructions_fr,
                instructions_en=instructions_en,
                open_phase=Assessment.Open.PRE if opened else Assessment.Open.CLOSED,
            )
            assessment.full_clean()
            assessment.save()
            for order, question in enumerate(questions, start=1):
                AssessmentQuestion.objects.create(assessment=assessment, question=question, order=order)
            made += 1
            if held:
                answered += _Answering(assessment, questions, key).record(participations, missing)
    return made, answered


def load(*, by=None) -> list[str]:
    """Create what is missing of the demo question banks, tests and answers; returns a line to print."""
    workspace = Workspace.objects.filter(slug=workspace_demo.MAIN_SLUG).first()
    if workspace is None or not Meeting.objects.filter(uid=meetings_demo.meeting_uid(MEETINGS[0]["key"])).exists():
        meetings_demo.load(by=by)
        workspace = Workspace.objects.get(slug=workspace_demo.MAIN_SLUG)
    with change_by(by):
        bank = question_bank(workspace)
        _tests(workspace, bank, by)
    return [
        _(
            "Assessments demo: %(questions)s questions, %(assessments)s tests, %(attempts)s answered, "
            "%(answers)s answers."
        )
        % {
            "questions": Question.objects.filter(workspace=workspace).count(),
            "assessments": Assessment.objects.filter(workspace=workspace).count(),
            "attempts": Attempt.objects.filter(assessment__workspace=workspace).count(),
            "answers": Answer.objects.filter(attempt__assessment__workspace=workspace).count(),
        }
    ]
