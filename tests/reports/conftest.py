"""A workspace whose five expected results each have evidence, with small data whose figures are known by hand.

Knowledge test (theme A = world.theme: two questions; theme B: one question), three matched participants and
a fourth who answered only before (not counted):

    P1 before A 0/2 B 0/1, after A 2/2 B 1/1
    P2 before A 1/2 B 0/1, after A 2/2 B 0/1
    P3 before A 0/2 B 1/1, after A 1/2 B 1/1
    → theme A 1/6 → 5/6 (gain 80 %); theme B 1/3 → 2/3 (gain 50 %); both 2/9 → 7/9 (gain 71 %)

Self-assessment (two statements, 1–5), the same three matched participants:
    before (2, 3) (1, 2) (3, 4) → mean 2.5, agreeing 1 of 6; after (4, 5) (3, 4) (4, 4) → mean 4.0, agreeing 5 of 6

Action points: 4 done (3 on time, 1 late), 1 open overdue, 1 open not yet due, 1 dropped.
Strategy: 4 sections (2 agreed, 1 in review, 1 to draft), text written by two institutions; one release, one
endorsement and one with reservations.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from cadre.assessments.models import Answer, Assessment, Attempt, Question
from cadre.drafting import services as drafting
from cadre.drafting.models import Section, SignOff
from cadre.meetings.models import ActionPoint, Meeting, Participation
from cadre.reports.models import Evidence
from cadre.workspaces.roles import Role

from ..factories import MembershipFactory, ResultFactory, ThemeFactory, UserFactory
from ..meetings.factories import ActionPointFactory, AssessmentFactory, QuestionFactory

PRE, POST = Assessment.Phase.PRE, Assessment.Phase.POST
SIGNATORY = "Moussa Signataire, directeur"  # a person's name: never on the dashboard


def take(assessment, participation, phase, answers):
    """One attempt: {question: points earned} for scored questions, {question: 1–5} for statements."""
    attempt = Attempt.objects.create(
        assessment=assessment, phase=phase, participation=participation, submitted_at=timezone.now()
    )
    rows = []
    for question, value in answers.items():
        if question.kind == Question.Kind.LIKERT:
            rows.append(Answer(attempt=attempt, question=question, theme=question.theme, scale=value))
        else:
            rows.append(
                Answer(
                    attempt=attempt,
                    question=question,
                    theme=question.theme,
                    score=Decimal(value),
                    max_score=Decimal(question.points),
                )
            )
    Answer.objects.bulk_create(rows)
    attempt.score = sum((row.score for row in rows), Decimal(0))
    attempt.max_score = sum((row.max_score for row in rows), Decimal(0))
    attempt.save()
    return attempt


@dataclass
class Measured:
    results: dict  # number → ExpectedResult
    theme_a: object
    theme_b: object
    knowledge: object
    self_assessment: object
    people: list  # the four participations: three matched, one before only
    document: object
    release: object
    codrafter: object  # the second institution writing the strategy

    def personal_names(self):
        """Names that must never appear on the dashboard: participants, the co-drafter, the signatory."""
        names = [participation.person.full_name for participation in self.people]
        names += [participation.person.email for participation in self.people if participation.person.email]
        return [*names, "Drafter Persona", "drafter@example.org", SIGNATORY]


@pytest.fixture
def measured(world, session) -> Measured:
    workspace = world.workspace
    theme_a = world.theme
    theme_b = ThemeFactory(workspace=workspace, code="detection", name_fr="Détection", name_en="Detection")
    results = {1: world.result}
    for number in range(2, 6):
        results[number] = ResultFactory(workspace=workspace, number=number)
    Evidence.objects.create(expected_result=results[1], measure=Evidence.Measure.SELF_ASSESSMENT)
    Evidence.objects.create(expected_result=results[2], measure=Evidence.Measure.STRATEGY_PROGRESS)
    Evidence.objects.create(expected_result=results[3], measure=Evidence.Measure.KNOWLEDGE_GAIN).themes.add(theme_a)
    Evidence.objects.create(expected_result=results[4], measure=Evidence.Measure.KNOWLEDGE_GAIN).themes.add(theme_b)
    Evidence.objects.create(expected_result=results[5], measure=Evidence.Measure.COORDINATION)

    meeting = session.meeting
    meeting.status = Meeting.Status.HELD
    meeting.starts_at = timezone.now() - datetime.timedelta(days=30)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=6)
    meeting.save()
    people = [*session.own, *session.other]
    for participation in people[:3]:
        participation.status = Participation.Status.ATTENDED
        participation.save()
    people[3].status = Participation.Status.EXCUSED
    people[3].save()

    knowledge = AssessmentFactory(meeting=meeting, title_fr="Test frontières", title_en="Borders test")
    a1 = QuestionFactory(workspace=workspace, theme=theme_a)
    a2 = QuestionFactory(workspace=workspace, theme=theme_a)
    b1 = QuestionFactory(workspace=workspace, theme=theme_b)
    for before, after, participation in [
        ((0, 0, 0), (1, 1, 1), people[0]),
        ((1, 0, 0), (1, 1, 0), people[1]),
        ((0, 0, 1), (1, 0, 1), people[2]),
    ]:
        take(knowledge, participation, PRE, dict(zip((a1, a2, b1), before, strict=True)))
        take(knowledge, participation, POST, dict(zip((a1, a2, b1), after, strict=True)))
    take(knowledge, people[3], PRE, {a1: 1, a2: 1, b1: 1})  # never answered after: not counted

    self_assessment = AssessmentFactory(
        meeting=meeting, kind=Assessment.Kind.SELF_ASSESSMENT, title_fr="Auto-évaluation", title_en="Self-assessment"
    )
    s1 = QuestionFactory(
        workspace=workspace, kind=Question.Kind.LIKERT, text_fr="Je sais rédiger une stratégie.", text_en="I can draft."
    )
    s2 = QuestionFactory(
        workspace=workspace, kind=Question.Kind.LIKERT, text_fr="Je connais les acteurs.", text_en="I know the actors."
    )
    for before, after, participation in [
        ((2, 3), (4, 5), people[0]),
        ((1, 2), (3, 4), people[1]),
        ((3, 4), (4, 4), people[2]),
    ]:
        take(self_assessment, participation, PRE, dict(zip((s1, s2), before, strict=True)))
        take(self_assessment, participation, POST, dict(zip((s1, s2), after, strict=True)))
    take(self_assessment, people[3], PRE, {s1: 5, s2: 5})

    today = timezone.localdate()
    due = today - datetime.timedelta(days=10)
    for closed_on in (due - datetime.timedelta(days=2), due, due, due + datetime.timedelta(days=3)):
        ActionPointFactory(meeting=meeting, status=ActionPoint.Status.DONE, due_date=due, closed_on=closed_on)
    ActionPointFactory(meeting=meeting, status=ActionPoint.Status.OPEN, due_date=today - datetime.timedelta(days=1))
    ActionPointFactory(
        meeting=meeting, status=ActionPoint.Status.IN_PROGRESS, due_date=today + datetime.timedelta(days=5)
    )
    ActionPointFactory(meeting=meeting, status=ActionPoint.Status.DROPPED, due_date=due)

    secretariat = world.users["secretariat"]
    codrafter_user = UserFactory(email="drafter@example.org", full_name="Drafter Persona")
    MembershipFactory(user=codrafter_user, workspace=workspace, role=Role.MEMBER, institution=session.other_institution)
    document = drafting.create_document(
        workspace, by=secretariat, title_fr="Stratégie nationale", title_en="National strategy"
    )
    statuses = [Section.Status.AGREED, Section.Status.AGREED, Section.Status.IN_REVIEW, Section.Status.TO_DRAFT]
    for index, status in enumerate(statuses):
        section = drafting.add_section(document, title=f"Section {index + 1}", by=secretariat)
        author = secretariat if index % 2 == 0 else codrafter_user
        drafting.save_section_text(
            section, title=section.title, body=f"Texte {index}.\n", base_revision_id=section.head_id, by=author
        )
        Section.objects.filter(pk=section.pk).update(status=status)
    release = drafting.make_release(document, name="Version de travail", by=secretariat)
    drafting.sign_off(
        release,
        institution=world.institution,
        decision=SignOff.Decision.ENDORSED,
        signatory=SIGNATORY,
        by=secretariat,
    )
    drafting.sign_off(
        release,
        institution=session.other_institution,
        decision=SignOff.Decision.RESERVATIONS,
        reservations="Préciser le budget.",
        by=secretariat,
    )
    return Measured(
        results=results,
        theme_a=theme_a,
        theme_b=theme_b,
        knowledge=knowledge,
        self_assessment=self_assessment,
        people=people,
        document=document,
        release=release,
        codrafter=session.other_institution,
    )
