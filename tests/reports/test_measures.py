"""The figures of each measure, checked against values worked out by hand (see conftest.py)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from cadre.assessments.models import Assessment
from cadre.drafting.models import Section
from cadre.meetings.models import ActionPoint, Participation
from cadre.reports import measures
from cadre.reports.models import Evidence

from ..meetings.factories import (
    ActionPointFactory,
    AssessmentFactory,
    MeetingFactory,
    ParticipationFactory,
    QuestionFactory,
)
from .conftest import PRE, take


def _scope(world, **period):
    return measures.Scope(world.workspace.pk, measures.Period(**period))


def test_knowledge_gain_per_theme_counts_matched_participants_only(world, measured):
    themes_a = (measured.theme_a.pk,)
    figures = measures.knowledge(_scope(world), [themes_a, ()])
    theme_a = figures[themes_a].themes[measured.theme_a.pk]
    assert theme_a.people == 3
    assert theme_a.pre_percent == pytest.approx(100 / 6)
    assert theme_a.post_percent == pytest.approx(500 / 6)
    assert theme_a.gain == pytest.approx(0.8)
    assert list(figures[themes_a].themes) == [measured.theme_a.pk]  # only the chosen theme
    theme_b = figures[()].themes[measured.theme_b.pk]
    assert theme_b.gain == pytest.approx(0.5)
    overall = figures[()].overall
    assert (overall.people, float(overall.pre_score), float(overall.post_score), float(overall.post_max)) == (
        3,
        2,
        7,
        9,
    )
    assert overall.gain == pytest.approx((700 / 9 - 200 / 9) / (100 - 200 / 9))


def test_knowledge_gain_lists_each_test_counted_with_its_answers(world, measured):
    key = (measured.theme_b.pk,)
    rows = measures.knowledge(_scope(world), [key], tests=True)[key].assessments
    assert [row.pk for row in rows] == [measured.knowledge.pk]
    row = rows[0]
    assert (row.answered_pre, row.answered_post, row.people) == (4, 3, 3)
    assert row.comparison.pre_percent == pytest.approx(100 / 3)
    assert row.comparison.gain == pytest.approx(0.5)


def test_self_assessment_means_and_share_agreeing_before_and_after(world, measured):
    figures = measures.self_assessment(_scope(world))
    assert figures.people == 3
    assert figures.pre == pytest.approx(2.5)
    assert figures.post == pytest.approx(4.0)
    assert figures.pre_agree == pytest.approx(100 / 6)
    assert figures.post_agree == pytest.approx(500 / 6)
    by_text = {statement.text_fr: statement for statement in figures.statements}
    drafting = by_text["Je sais rédiger une stratégie."]
    assert (drafting.pre, drafting.answers) == (pytest.approx(2.0), 3)
    assert drafting.post == pytest.approx(11 / 3)
    assert figures.tests == 1
    rows = measures.self_assessment(_scope(world), tests=True).assessments
    assert [row.pk for row in rows] == [measured.self_assessment.pk]
    assert (rows[0].answered_pre, rows[0].answered_post) == (4, 3)


def test_strategy_progress_counts_sections_revisions_institutions_and_signoffs(world, measured):
    figures = measures.strategy(_scope(world))
    [document] = figures.documents
    assert (document.agreed, document.total) == (2, 4)
    assert document.agreed_percent == 50
    assert document.sections[Section.Status.IN_REVIEW] == 1
    assert document.revisions == 4  # one text per section; the empty sections' creation is not writing
    assert document.institutions == 2 and figures.institutions == 2
    assert document.releases == 1 and document.latest_release["name"] == "Version de travail"
    assert document.signoffs == {"endorsed": 1, "reservations": 1}
    assert document.adopted_on is None


def test_coordination_institutions_per_meeting_and_action_points_on_time(world, measured, session):
    other = MeetingFactory(
        workspace=world.workspace, status="held", starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    for participation in [*session.own, *session.other]:
        ParticipationFactory(meeting=other, person=participation.person, status=Participation.Status.ATTENDED)
    MeetingFactory(workspace=world.workspace, status="planned")  # not held: not counted
    figures = measures.coordination(_scope(world))
    assert [(meeting.institutions, meeting.attended) for meeting in figures.meetings] == [(2, 3), (2, 4)]
    assert figures.mean_institutions == 2
    assert figures.institutions_involved == 2
    assert figures.institutions_codrafting == 2
    points = figures.action_points
    assert (points.total, points.closed, points.on_time, points.late) == (7, 4, 3, 1)
    assert points.on_time_percent == 75
    assert (points.open, points.overdue, points.dropped) == (2, 1, 1)


def test_period_keeps_only_meetings_tests_and_action_points_within_it(world, measured):
    meeting_day = timezone.localdate(measured.knowledge.meeting.starts_at)
    after = _scope(world, start=meeting_day + datetime.timedelta(days=1))
    assert measures.coordination(after).meetings == []
    assert measures.knowledge(after, [()])[()].overall.people == 0
    assert measures.self_assessment(after).people == 0
    within = _scope(world, start=meeting_day, end=meeting_day)
    assert measures.knowledge(within, [()])[()].overall.people == 3
    due = timezone.localdate() - datetime.timedelta(days=10)
    assert measures.action_points(_scope(world, start=due, end=due)).total == 5  # 4 done and the dropped one


def test_cached_figures_change_as_soon_as_a_record_changes(world, measured):
    scope = _scope(world)
    evidence = list(Evidence.objects.filter(measure=Evidence.Measure.COORDINATION).prefetch_related("themes"))
    first = measures.cached_figures(scope, evidence)["coordination"]
    assert first.action_points.closed == 4
    point = ActionPoint.objects.filter(status=ActionPoint.Status.OPEN).get()
    point.status, point.closed_on = ActionPoint.Status.DONE, timezone.localdate()
    point.save()
    assert measures.cached_figures(scope, evidence)["coordination"].action_points.closed == 5
    ActionPoint.objects.filter(status=ActionPoint.Status.DROPPED).delete()
    assert measures.cached_figures(scope, evidence)["coordination"].action_points.total == 6


def test_cached_knowledge_figures_follow_a_new_attempt(world, measured, session):
    key = ()
    evidence = [Evidence.objects.filter(measure=Evidence.Measure.KNOWLEDGE_GAIN).prefetch_related("themes").first()]
    evidence[0].themes.clear()
    evidence = list(Evidence.objects.filter(pk=evidence[0].pk).prefetch_related("themes"))
    scope = _scope(world)
    assert measures.cached_figures(scope, evidence)["knowledge"][key].overall.people == 3
    late = measured.people[3]
    questions = {answer.question: 1 for answer in late.attempts.get(assessment=measured.knowledge).answers.all()}
    take(measured.knowledge, late, "post", questions)
    assert measures.cached_figures(scope, evidence)["knowledge"][key].overall.people == 4
    cache.clear()
    assert measures.cached_figures(scope, evidence)["knowledge"][key].overall.people == 4


def test_figures_ignore_other_workspaces(world, measured):
    other = AssessmentFactory(
        meeting=MeetingFactory(workspace=world.other_workspace), kind=Assessment.Kind.SELF_ASSESSMENT
    )
    statement = QuestionFactory(workspace=world.other_workspace, kind="likert")
    for _ in range(3):
        participation = ParticipationFactory(meeting=other.meeting)
        take(other, participation, PRE, {statement: 5})
        take(other, participation, "post", {statement: 5})
    ActionPointFactory(meeting=other.meeting, status=ActionPoint.Status.DONE, closed_on=timezone.localdate())
    assert measures.self_assessment(_scope(world)).people == 3
    assert measures.self_assessment(_scope(world)).post == pytest.approx(4.0)
    assert measures.knowledge(_scope(world), [()])[()].overall.people == 3
    assert measures.action_points(_scope(world)).total == 7


def test_action_point_without_due_date_closed_counts_as_on_time(world, session):
    ActionPointFactory(
        meeting=session.meeting, status=ActionPoint.Status.DONE, due_date=None, closed_on=timezone.localdate()
    )
    points = measures.action_points(_scope(world))
    assert (points.closed, points.on_time, points.overdue) == (1, 1, 0)
