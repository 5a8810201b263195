"""The results pages run a fixed number of queries, whatever the number of meetings, answers and sections."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cadre.assessments.models import Assessment, Question
from cadre.drafting import services as drafting
from cadre.drafting.models import SignOff
from cadre.meetings.models import ActionPoint, Participation
from cadre.reports import measures, pdf
from cadre.workspaces.queries import get_workspace_for_user

from ..factories import InstitutionFactory, PersonFactory
from ..meetings.factories import (
    ActionPointFactory,
    AssessmentFactory,
    MeetingFactory,
    ParticipationFactory,
    QuestionFactory,
)
from .conftest import POST, PRE, take

PAGES = [
    ("dashboard", []),
    ("evidence", []),
    ("evidence_detail", [1, "self_assessment"]),
    ("evidence_detail", [2, "strategy_progress"]),
    ("evidence_detail", [3, "knowledge_gain"]),
    ("evidence_detail", [5, "coordination"]),
]


def grow(world, measured, count):
    """`count` more held meetings, each with three institutions attending, two tests answered before and after,
    two action points, and a section written; plus a release signed by one more institution."""
    secretariat = world.users["secretariat"]
    for index in range(count):
        meeting = MeetingFactory(
            workspace=world.workspace, status="held", starts_at=timezone.now() - datetime.timedelta(days=index + 1)
        )
        people = [
            ParticipationFactory(
                meeting=meeting,
                person=PersonFactory(institution=InstitutionFactory()),
                status=Participation.Status.ATTENDED,
            )
            for _ in range(3)
        ]
        knowledge = AssessmentFactory(meeting=meeting)
        questions = [
            QuestionFactory(workspace=world.workspace, theme=measured.theme_a),
            QuestionFactory(workspace=world.workspace, theme=measured.theme_b),
        ]
        self_assessment = AssessmentFactory(meeting=meeting, kind=Assessment.Kind.SELF_ASSESSMENT)
        statement = QuestionFactory(workspace=world.workspace, kind=Question.Kind.LIKERT)
        for participation in people:
            take(knowledge, participation, PRE, {questions[0]: 0, questions[1]: 1})
            take(knowledge, participation, POST, {questions[0]: 1, questions[1]: 1})
            take(self_assessment, participation, PRE, {statement: 2})
            take(self_assessment, participation, POST, {statement: 4})
        ActionPointFactory(meeting=meeting, status=ActionPoint.Status.DONE, closed_on=timezone.localdate())
        ActionPointFactory(meeting=meeting, due_date=timezone.localdate() - datetime.timedelta(days=1))
        section = drafting.add_section(measured.document, title=f"Annexe {index}", by=secretariat)
        drafting.save_section_text(
            section, title=section.title, body="Texte.\n", base_revision_id=section.head_id, by=secretariat
        )
    release = drafting.make_release(measured.document, name=f"Version {count}", by=secretariat)
    drafting.sign_off(release, institution=InstitutionFactory(), decision=SignOff.Decision.ENDORSED, by=secretariat)


def _count(client, url):
    cache.clear()  # the figures are cached: count the queries that compute them
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_results_page_query_count_does_not_grow(world, measured, name, args):
    client = world.client("observer" if name != "evidence" else "secretariat")
    url = reverse(f"reports:{name}", args=[world.workspace.slug, *args])
    grow(world, measured, 1)
    client.get(url)
    few = _count(client, url)
    grow(world, measured, 3)
    many = _count(client, url)
    assert many == few, f"{url}: {few} queries with few records, {many} with more"


def test_cached_dashboard_reads_only_the_data_version(world, measured):
    client = world.client("observer")
    url = reverse("reports:dashboard", args=[world.workspace.slug])
    computed = _count(client, url)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    assert len(context) < computed - 10  # the figures come from the cache; only the data version is read


def test_pdf_html_query_count_does_not_grow(world, measured):
    workspace = get_workspace_for_user(world.users["observer"], world.workspace.slug)

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            pdf.dashboard_html(workspace, measures.Period())
        return len(context)

    grow(world, measured, 1)
    few = count()
    grow(world, measured, 3)
    assert count() == few
