"""Assessment pages run a fixed number of queries, whatever the number of questions, tests, people and answers."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.assessments.models import Assessment, AssessmentQuestion, Question

from ..factories import InstitutionFactory
from ..meetings.factories import MeetingFactory, QuestionFactory
from .conftest import answer, english_client, make_assessment, more_participants


def _count(client, url):
    cache.clear()  # the workspace summary is cached: count the queries that compute it
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


class Growth:
    """Adds questions, tests, participants and their answers, so a page can be measured small and large."""

    def __init__(self, world, session, knowledge, bank):
        self.world, self.session, self.knowledge, self.bank = world, session, knowledge, bank
        self.evaluation = make_assessment(
            session.meeting, Assessment.Kind.EVALUATION, [bank.likert, bank.text], title="Éval"
        )
        self.self_assessment = make_assessment(
            session.meeting, Assessment.Kind.SELF_ASSESSMENT, [bank.likert], title="Auto"
        )
        self.round = 0

    def grow(self, people):
        self.round += 1
        world = self.world
        for index in range(2):
            question = QuestionFactory(workspace=world.workspace, theme=world.theme, text_fr=f"Q {self.round}-{index}")
            AssessmentQuestion.objects.create(
                assessment=self.knowledge, question=question, order=10 * self.round + index
            )
            QuestionFactory(workspace=world.workspace, kind=Question.Kind.LIKERT, text_fr=f"L {self.round}-{index}")
        meeting = MeetingFactory(workspace=world.workspace)
        make_assessment(meeting, Assessment.Kind.KNOWLEDGE, [self.bank.single], title=f"Autre {self.round}")
        for person in more_participants(self.session.meeting, people, InstitutionFactory()):
            answer(self.knowledge, person, "pre", right=("single",))
            answer(self.knowledge, person, "post", right="all")
            answer(self.self_assessment, person, "pre", likert=2)
            answer(self.self_assessment, person, "post", likert=4)
            answer(self.evaluation, person, "post", likert=5)


@pytest.fixture
def growth(world, session, knowledge, bank):
    return Growth(world, session, knowledge, bank)


def _pages(world, growth):
    ws = world.workspace.slug
    token = growth.session.own[0].token
    return {
        "assessments": ("observer", reverse("assessments:assessments", args=[ws])),
        "assessments_secretariat": ("secretariat", reverse("assessments:assessments", args=[ws])),
        "questions": ("expert", reverse("assessments:questions", args=[ws])),
        "assessment": ("expert", reverse("assessments:assessment", args=[ws, growth.knowledge.pk])),
        "assessment_questions": (
            "expert",
            reverse("assessments:assessment_questions", args=[ws, growth.evaluation.pk]) + "?theme=",
        ),
        "results_knowledge": ("observer", reverse("assessments:results", args=[ws, growth.knowledge.pk])),
        "results_knowledge_secretariat": (
            "secretariat",
            reverse("assessments:results", args=[ws, growth.knowledge.pk]),
        ),
        "results_self": ("secretariat", reverse("assessments:results", args=[ws, growth.self_assessment.pk])),
        "results_evaluation": ("member", reverse("assessments:results", args=[ws, growth.evaluation.pk])),
        "results_csv": ("secretariat", reverse("assessments:results_csv", args=[ws, growth.knowledge.pk])),
        "links": ("secretariat", reverse("assessments:links", args=[ws, growth.session.meeting.pk])),
        "links_print": ("secretariat", reverse("assessments:links_print", args=[ws, growth.session.meeting.pk])),
        "take_list": (None, reverse("assessments:take_list", args=[token])),
        "take": (None, reverse("assessments:take", args=[token, growth.knowledge.pk])),
        "take_done": (None, reverse("assessments:take_done", args=[token, growth.knowledge.pk])),
    }


@pytest.mark.parametrize(
    "page",
    [
        "assessments",
        "assessments_secretariat",
        "questions",
        "assessment",
        "assessment_questions",
        "results_knowledge",
        "results_knowledge_secretariat",
        "results_self",
        "results_evaluation",
        "results_csv",
        "links",
        "links_print",
        "take_list",
        "take",
        "take_done",
    ],
)
def test_assessment_page_query_count_does_not_grow(world, growth, page):
    if page == "take_done":
        Assessment.objects.filter(pk=growth.knowledge.pk).update(open_phase="post")
    growth.grow(3)
    if page == "take_done":
        answer(growth.knowledge, growth.session.own[0], "pre", right="all")
        answer(growth.knowledge, growth.session.own[0], "post", right="all")
    persona, url = _pages(world, growth)[page]
    client = english_client(world, persona) if persona else english_client()
    client.get(url)
    few = _count(client, url)
    growth.grow(6)
    many = _count(client, url)
    assert many == few, f"{page}: {few} queries with few rows, {many} with more"
    assert few <= 25, f"{page}: {few} queries"
