"""Meetings, assessments and the results dashboard at scale, for benchmarks/run.py.

The probe workspace grows from one meeting with two participants and one answered test to 200 meetings,
5,000 participations (1,500 people of 60 institutions), 600 action points, 240 questions and 50,000 answers
(100 knowledge tests answered before and after by 25 people, 10 questions each).

build_small() makes the one-of-everything data set; grow(rng) adds the rest with bulk inserts (generated rows
need no audit trail); pages() names what run.py measures. Budget: 200 ms at the 95th percentile.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from cadre.assessments.models import Answer, Assessment, AssessmentQuestion, Attempt, Choice, Question
from cadre.directory.models import Country, Institution, Person
from cadre.meetings.models import ActionPoint, AgendaItem, Meeting, Participation
from cadre.reports.models import Evidence
from cadre.workspaces.models import ExpectedResult, Theme, Workspace

BUDGET_MS = 200.0
MEETINGS = 200
PEOPLE = 1500
INSTITUTIONS = 60
PARTICIPATIONS = 5000
PER_MEETING = 25  # the first meetings get one more, to make 5,000 with the first meeting's two
TESTED_MEETINGS = 100  # 100 × 25 people × 2 phases × 10 questions = 50,000 answers (the first meeting's included)
QUESTIONS_PER_TEST = 10
ACTION_POINTS = 600
D = datetime.date
START = timezone.make_aware(datetime.datetime(2016, 6, 13, 9, 0))


def _meeting(workspace, number, kind=Meeting.Kind.INFORMATION_SESSION):
    starts = START + datetime.timedelta(days=2 * number)
    return Meeting(
        workspace=workspace,
        kind=kind,
        title_fr=f"Session n° {number}",
        title_en=f"Session no. {number}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
        place="Niamey",
        status=Meeting.Status.HELD,
    )


def _questions(workspace, themes, count):
    questions = Question.objects.bulk_create(
        [
            Question(
                workspace=workspace,
                theme=themes[index % len(themes)],
                kind=Question.Kind.SINGLE,
                text_fr=f"Question de mesure n° {index} ?",
                text_en=f"Benchmark question no. {index}?",
            )
            for index in range(count)
        ]
    )
    Choice.objects.bulk_create(
        [
            Choice(question=question, order=order, text_fr=text, text_en=text, is_correct=order == 0)
            for question in questions
            for order, text in enumerate(["A", "B", "C"])
        ]
    )
    return questions


def _answers(rng, attempts_and_people, questions, correct, wrong, phase_bonus):
    """Attempts (unsaved, with their scores) and their answers (unsaved) for the given people."""
    answers = []
    for attempt, skill in attempts_and_people:
        probability = min(0.95, skill + (phase_bonus if attempt.phase == Assessment.Phase.POST else 0))
        score = 0
        for question in questions:
            right = rng.random() < probability
            score += right
            answers.append(
                Answer(
                    attempt=attempt,
                    question=question,
                    theme_id=question.theme_id,
                    choice_ids=[correct[question.pk] if right else wrong[question.pk]],
                    score=Decimal(int(right)),
                    max_score=Decimal(1),
                )
            )
        attempt.score, attempt.max_score = Decimal(score), Decimal(len(questions))
    return answers


def build_small(workspace_slug, secretariat_email):
    """One meeting, two participants, one action point, one knowledge test answered before and after."""
    workspace = Workspace.objects.get(slug=workspace_slug)
    institution = Institution.objects.get(name_en="Ministry of Interior")
    niger = Country.objects.get(code="NE")
    themes = list(Theme.objects.filter(workspace=workspace))
    meeting = _meeting(workspace, 0)
    meeting.save()
    meeting.themes.set(themes[:1])
    AgendaItem.objects.create(meeting=meeting, order=1, title_fr="Ouverture", title_en="Opening")
    people = [
        Person.objects.create(full_name=f"Participant de mesure {n}", country=niger, institution=institution)
        for n in range(2)
    ]
    participations = [
        Participation.objects.create(meeting=meeting, person=person, institution=institution, status="attended")
        for person in people
    ]
    ActionPoint.objects.create(
        workspace=workspace,
        meeting=meeting,
        text="Transmettre la liste.",
        owner_institution=institution,
        due_date=D(2016, 7, 1),
    )
    questions = _questions(workspace, themes, QUESTIONS_PER_TEST)
    test = Assessment.objects.create(
        workspace=workspace, meeting=meeting, kind=Assessment.Kind.KNOWLEDGE, title_fr="Test", title_en="Test"
    )
    AssessmentQuestion.objects.bulk_create(
        [AssessmentQuestion(assessment=test, question=question, order=n) for n, question in enumerate(questions)]
    )
    _answer_tests(random.Random(0), [(test, questions, participations)])
    result = ExpectedResult.objects.get(workspace=workspace, number=1)
    Evidence.objects.create(expected_result=result, measure=Evidence.Measure.KNOWLEDGE_GAIN)
    Evidence.objects.create(expected_result=result, measure=Evidence.Measure.COORDINATION)
    Evidence.objects.create(expected_result=result, measure=Evidence.Measure.STRATEGY_PROGRESS)
    Evidence.objects.create(expected_result=result, measure=Evidence.Measure.SELF_ASSESSMENT)
    get_user_model()  # the secretariat is already a member of the probe workspace (run.build_small)
    return test


def _answer_tests(rng, tests):
    correct, wrong = {}, {}
    question_ids = {question.pk for _test, questions, _people in tests for question in questions}
    for choice in Choice.objects.filter(question_id__in=question_ids):
        if choice.is_correct:
            correct[choice.question_id] = choice.pk
        else:
            wrong[choice.question_id] = choice.pk
    now = timezone.now()
    for test, questions, participations in tests:
        attempts = []
        for participation in participations:
            skill = rng.uniform(0.3, 0.6)
            for phase in (Assessment.Phase.PRE, Assessment.Phase.POST):
                attempts.append(
                    (Attempt(assessment=test, phase=phase, participation=participation, submitted_at=now), skill)
                )
        answers = _answers(rng, attempts, questions, correct, wrong, 0.25)
        Attempt.objects.bulk_create([attempt for attempt, _skill in attempts])
        Answer.objects.bulk_create(answers, batch_size=2000)


def grow(rng, workspace_slug):
    workspace = Workspace.objects.get(slug=workspace_slug)
    niger = Country.objects.get(code="NE")
    themes = list(Theme.objects.filter(workspace=workspace))
    institutions = Institution.objects.bulk_create(
        [
            Institution(
                name_fr=f"Service de mesure n° {n}",
                name_en=f"Benchmark service no. {n}",
                kind="ministry",
                country=niger,
            )
            for n in range(INSTITUTIONS)
        ]
    )
    people = Person.objects.bulk_create(
        [
            Person(full_name=f"Personne de mesure {n:04d}", country=niger, institution=institutions[n % INSTITUTIONS])
            for n in range(PEOPLE)
        ],
        batch_size=500,
    )
    kinds = list(Meeting.Kind.values)
    meetings = Meeting.objects.bulk_create([_meeting(workspace, n, kinds[n % len(kinds)]) for n in range(1, MEETINGS)])
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=meeting, order=order, title_fr=f"Point {order}", title_en=f"Item {order}")
            for meeting in meetings
            for order in range(1, 6)
        ]
    )
    Meeting.themes.through.objects.bulk_create(
        [Meeting.themes.through(meeting_id=meeting.pk, theme_id=rng.choice(themes).pk) for meeting in meetings]
    )
    statuses = ["attended"] * 7 + ["excused", "declined", "confirmed"]
    # The first meeting (build_small's, with two participants and its answered test) grows to 25 people too.
    first = Meeting.objects.filter(workspace=workspace).order_by("pk").first()
    small_test = Assessment.objects.get(meeting=first)
    newcomers = Participation.objects.bulk_create(
        [
            Participation(meeting=first, person=person, institution_id=person.institution_id, status="attended")
            for person in people[: PER_MEETING - 2]
        ]
    )
    participations = []
    extra = PARTICIPATIONS - PER_MEETING * (len(meetings) + 1)
    for index, meeting in enumerate(meetings):
        for person in rng.sample(people, PER_MEETING + (index < extra)):
            participations.append(
                Participation(
                    meeting=meeting,
                    person=person,
                    institution_id=person.institution_id,
                    status=rng.choice(statuses),
                )
            )
    Participation.objects.bulk_create(participations, batch_size=1000)
    today = timezone.localdate()
    action_points = []
    for n in range(ACTION_POINTS):
        meeting = meetings[n % len(meetings)]
        due = meeting.starts_at.date() + datetime.timedelta(days=rng.randint(7, 60))
        status = rng.choice(["open", "in_progress", "done", "done", "dropped"])
        closed = due + datetime.timedelta(days=rng.randint(-10, 15)) if status == "done" else None
        action_points.append(
            ActionPoint(
                workspace=workspace,
                meeting=meeting,
                text=f"Action de suivi n° {n}",
                owner_institution=rng.choice(institutions),
                due_date=due if due < today else today,
                status=status,
                closed_on=closed,
            )
        )
    ActionPoint.objects.bulk_create(action_points, batch_size=1000)
    questions = _questions(workspace, themes, 240)
    by_meeting = {}
    tested = meetings[: TESTED_MEETINGS - 1]
    for participation in Participation.objects.filter(meeting__in=tested):
        by_meeting.setdefault(participation.meeting_id, []).append(participation)
    tests = []
    for meeting in tested:
        tests.append(
            Assessment(
                workspace=workspace,
                meeting=meeting,
                kind=Assessment.Kind.KNOWLEDGE,
                title_fr=f"Test {meeting.title_fr}",
                title_en=f"Test {meeting.title_en}",
            )
        )
    tests = Assessment.objects.bulk_create(tests)
    small_questions = [item.question for item in small_test.items.select_related("question")]
    items, plan = [], [(small_test, small_questions, newcomers)]
    for test in tests:
        chosen = rng.sample(questions, QUESTIONS_PER_TEST)
        items += [AssessmentQuestion(assessment=test, question=q, order=n) for n, q in enumerate(chosen)]
        plan.append((test, chosen, by_meeting[test.meeting_id]))
    AssessmentQuestion.objects.bulk_create(items, batch_size=2000)
    _answer_tests(rng, plan)
    return f"{Meeting.objects.filter(workspace=workspace).count()} meetings, " + (
        f"{Participation.objects.filter(meeting__workspace=workspace).count()} participations, "
        f"{Answer.objects.filter(attempt__assessment__workspace=workspace).count()} answers"
    )


def pages(workspace_slug, test):
    """(name, URL) of the pages measured; `test` is the first meeting's knowledge test."""
    slug = workspace_slug
    return [
        ("meetings", reverse("meetings:meetings", args=[slug])),
        ("action points", reverse("meetings:action_points", args=[slug])),
        ("attendance by institution", reverse("meetings:attendance", args=[slug])),
        ("assessments", reverse("assessments:assessments", args=[slug])),
        ("test results", reverse("assessments:results", args=[slug, test.pk])),
        ("results dashboard", reverse("reports:dashboard", args=[slug])),
    ]
