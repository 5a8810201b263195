"""Factories for meetings and assessments (shared by the meetings, assessments and reports tests)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from cadre.assessments.models import Assessment, Choice, Question
from cadre.meetings.models import ActionPoint, AgendaItem, Meeting, Participation

from ..factories import PersonFactory, WorkspaceFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    workspace = factory.SubFactory(WorkspaceFactory)
    kind = Meeting.Kind.INFORMATION_SESSION
    title_fr = factory.Sequence(lambda n: f"Session d'information {n}")
    title_en = factory.Sequence(lambda n: f"Information session {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))
    place = "Niamey, Ministère de l'Intérieur"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(int)
    title_fr = factory.Sequence(lambda n: f"Point {n}")
    title_en = factory.Sequence(lambda n: f"Item {n}")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    institution = factory.LazyAttribute(lambda o: o.person.institution)


class ActionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPoint

    workspace = factory.LazyAttribute(lambda o: o.meeting.workspace)
    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Transmettre la liste des projets {n}")
    owner_institution = factory.LazyAttribute(lambda o: o.meeting.host_institution)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    workspace = factory.SubFactory(WorkspaceFactory)
    kind = Question.Kind.SINGLE
    text_fr = factory.Sequence(lambda n: f"Question {n} ?")
    text_en = factory.Sequence(lambda n: f"Question {n}?")
    points = 1

    @factory.post_generation
    def answers(self, create, extracted, **kwargs):
        """Two choices, the first correct, for choice questions (unless choices are given)."""
        if not create or self.kind not in Question.CHOICE_KINDS:
            return
        for order, (text, correct) in enumerate(extracted or [("Oui", True), ("Non", False)]):
            Choice.objects.create(question=self, order=order, text_fr=text, text_en=text, is_correct=correct)


class NumericQuestionFactory(QuestionFactory):
    kind = Question.Kind.NUMERIC
    numeric_answer = Decimal("42")


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    workspace = factory.LazyAttribute(lambda o: o.meeting.workspace)
    meeting = factory.SubFactory(MeetingFactory)
    kind = Assessment.Kind.KNOWLEDGE
    title_fr = "Test de connaissances"
    title_en = "Knowledge test"
