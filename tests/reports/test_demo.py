"""The reports demo, at the end of the whole demo chain: each of the 5 expected results of the seed has its
evidence, and each evidence has figures behind it in the demo data, from the whole process (it is over) — so the
results dashboard shows a figure for every result."""

import time

import pytest
from django.db import transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from cadre.assessments import demo as assessments_demo
from cadre.assessments import scoring
from cadre.assessments.models import Assessment
from cadre.core.models import AuditEvent
from cadre.drafting import demo as drafting_demo
from cadre.drafting.models import Section
from cadre.meetings import demo as meetings_demo
from cadre.meetings.models import ActionPoint, Participation
from cadre.reports import demo
from cadre.reports.models import Evidence
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.management.commands.load_demo import demo_loaders
from cadre.workspaces.models import Workspace

from ..core.helpers import db_snapshot, text_of

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def _demo_in_module(django_db_setup, django_db_blocker):
    """The demos the dashboard reads (not the mapping demo) loaded once, in load_demo's order, rolled back after."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            workspace_demo.load()
            drafting_demo.load()
            started = time.monotonic()
            meetings_demo.load()
            assessments_demo.load()
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


def _evidence(workspace, number):
    return Evidence.objects.get(expected_result__workspace=workspace, expected_result__number=number)


def test_load_demo_finds_the_three_loaders_in_order():
    modules = [load.__module__ for load in demo_loaders()]
    assert modules.index("cadre.meetings.demo") < modules.index("cadre.assessments.demo")
    assert modules.index("cadre.assessments.demo") < modules.index("cadre.reports.demo")


def test_meetings_assessments_and_evidence_load_in_a_few_seconds(loaded):
    assert loaded["seconds"] < 15
    with translation.override("en"):
        assert demo.load() == ["Reports demo: evidence chosen for 5 of 5 expected results."]


def test_each_of_the_five_results_has_the_evidence_of_the_brief(workspace):
    expected = {
        1: ("self_assessment", set()),
        2: ("strategy_progress", set()),
        3: ("knowledge_gain", {"border-management", "vulnerable-migrants"}),
        4: ("knowledge_gain", {"detection", "investigation"}),
        5: ("coordination", set()),
    }
    assert workspace.expected_results.count() == 5
    for number, (measure, themes) in expected.items():
        evidence = _evidence(workspace, number)
        assert evidence.measure == measure
        assert set(evidence.themes.values_list("code", flat=True)) == themes


def test_result_1_capacity_self_assessment_has_figures_before_and_after(workspace):
    overall = scoring.self_assessment_overall(
        Assessment.objects.filter(workspace=workspace, kind=Assessment.Kind.SELF_ASSESSMENT)
    )
    assert overall["pre"] is not None and overall["post"] > overall["pre"]
    # the process is over: the figures cover all four information sessions, the last one (February 2017) too
    answered = Assessment.objects.filter(
        workspace=workspace, kind=Assessment.Kind.SELF_ASSESSMENT, attempts__isnull=False
    ).values_list("meeting__uid", flat=True)
    assert set(answered) == {
        meetings_demo.meeting_uid(key) for key in ("a1-session-1", "a2-session-2", "a4-session-3", "a6-session-4")
    }


def test_result_2_strategy_progress_has_sections_agreed(workspace):
    sections = Section.objects.filter(document__workspace=workspace, document__slug=drafting_demo.DOCUMENT_SLUG)
    assert sections.filter(status=Section.Status.AGREED).exists()


@pytest.mark.parametrize("number", [3, 4])
def test_results_3_and_4_show_a_learning_gain_on_their_themes(workspace, number):
    evidence = _evidence(workspace, number)
    figures = scoring.knowledge_by_theme(Assessment.objects.filter(workspace=workspace, kind="knowledge"))
    for theme in evidence.themes.all():
        comparison = figures[theme.pk]
        assert comparison.people >= 3  # enough people to be shown to every member
        assert comparison.gain > 0.2, theme.code


def test_result_5_coordination_has_institutions_per_session_and_action_points(workspace):
    attended = (
        Participation.objects.filter(meeting__workspace=workspace, meeting__status="held", status="attended")
        .values("meeting")
        .annotate(institutions=Count("institution", distinct=True))
    )
    assert max(row["institutions"] for row in attended) >= 8
    points = ActionPoint.objects.filter(workspace=workspace)
    assert points.filter(status="done").count() >= 5


def test_the_dashboard_shows_a_figure_for_every_result_and_the_records_behind_it(workspace):
    client = Client()
    client.force_login(workspace.memberships.get(user__email="observer@demo.example.org").user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("reports:dashboard", args=[workspace.slug]))
    assert response.status_code == 200
    page = text_of(response)
    for result in workspace.expected_results.all():
        assert result.statement_en in page
        measure = _evidence(workspace, result.number).measure
        detail = client.get(reverse("reports:evidence_detail", args=[workspace.slug, result.number, measure]))
        assert detail.status_code == 200, result.number
    assert 'class="empty"' not in page  # no result without evidence, no measure without figures
    assert "too few answers to show" not in page
    assert "Participant fictif" not in page and "Participante fictive" not in page  # aggregates only


def test_loading_again_changes_nothing(loaded):
    before = db_snapshot()
    events = AuditEvent.objects.count()
    demo.load()
    assessments_demo.load()
    meetings_demo.load()
    assert AuditEvent.objects.count() == events
    assert db_snapshot() == before


def test_evidence_chosen_by_the_secretariat_is_left_alone(workspace):
    evidence = _evidence(workspace, 3)
    evidence.themes.set([workspace.themes.get(code="border-management")])
    Evidence.objects.create(expected_result=evidence.expected_result, measure="coordination", order=3)
    before = db_snapshot()
    demo.load()
    assert db_snapshot() == before
