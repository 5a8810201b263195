"""Action points: given to a person or an institution, carried from meeting to meeting until closed."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadre.meetings import queries
from cadre.meetings.models import ActionPoint
from cadre.workspaces.roles import Role

from ..core.helpers import db_snapshot, element_tokens
from ..factories import InstitutionFactory, MembershipFactory, PersonFactory, UserFactory
from .factories import ActionPointFactory, ParticipationFactory
from .helpers_core import past_meeting, shown, url

TODAY = timezone.localdate


def _point(meeting, **fields):
    fields.setdefault("owner_institution", meeting.host_institution)
    return ActionPointFactory(meeting=meeting, **fields)


def test_action_point_create_needs_an_owner_and_changes_nothing_without_one(world, session):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(
        url("action_point_create", world, session.meeting.pk), {"text": "Transmettre la liste", "status": "open"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["owner_institution"] == [
        shown("Give an owner: a person, an institution or both.")
    ]
    assert db_snapshot() == before


def test_action_point_create_records_where_it_was_raised(world, session):
    person = session.other[0].person
    response = world.client("expert").post(
        url("action_point_create", world, session.meeting.pk),
        {"text": "Partager les données MIDAS", "owner_person": person.pk, "due_date": "2030-01-31", "status": "open"},
    )
    assert response.status_code == 302
    point = ActionPoint.objects.get()
    assert (point.workspace, point.meeting, point.owner_person) == (world.workspace, session.meeting, person)
    assert point.due_date == datetime.date(2030, 1, 31) and point.closed_on is None


def test_action_point_owner_must_be_someone_of_this_workspace(world, session):
    stranger = PersonFactory(full_name="Inconnu")
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(
        url("action_point_create", world, session.meeting.pk),
        {"text": "Action", "owner_person": stranger.pk, "status": "open"},
    )
    assert response.status_code == 400 and "owner_person" in response.context["form"].errors
    assert db_snapshot() == before
    page = client.get(url("action_point_create", world, session.meeting.pk)).content.decode()
    assert "Inconnu" not in page and session.other[0].person.full_name in page


def test_open_action_points_are_carried_to_later_meetings_until_closed(world):
    first = past_meeting(world, days_ago=30, title_fr="Première session")
    second = past_meeting(world, days_ago=15, title_fr="Deuxième session")
    third = past_meeting(world, days_ago=2, title_fr="Troisième session")
    point = _point(first, text="Collecter les projets")
    assert list(queries.follow_up_of(first)) == []  # raised there: it is in "raised", not in the follow-up
    assert list(queries.follow_up_of(second)) == [point]
    assert list(queries.follow_up_of(third)) == [point]
    response = world.client("secretariat").post(url("action_point_close", world, second.pk, point.pk))
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.status == ActionPoint.Status.DONE
    assert point.closed_at_meeting == second and point.closed_on == second.local_start.date()
    assert list(queries.follow_up_of(second)) == [point]  # shown as closed at this meeting
    assert list(queries.follow_up_of(third)) == []  # no longer carried
    page = world.client("observer").get(second.get_absolute_url()).content.decode()
    assert "Collecter les projets" in page


@pytest.mark.parametrize("case", ["future meeting", "already closed", "meeting before it was raised"])
def test_closing_at_a_meeting_is_refused_when_it_makes_no_sense(world, session, case):
    raised = past_meeting(world, days_ago=10)
    point = _point(raised)
    meeting = session.meeting  # next week
    if case == "already closed":
        point.status, point.closed_on = ActionPoint.Status.DONE, TODAY()
        point.save()
        meeting = past_meeting(world, days_ago=1)
    elif case == "meeting before it was raised":
        meeting = past_meeting(world, days_ago=20)
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url("action_point_close", world, meeting.pk, point.pk), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert db_snapshot() == before


def test_closing_needs_the_action_point_to_be_of_the_same_workspace(world, session):
    foreign = ActionPointFactory()  # a meeting of another workspace
    held = past_meeting(world, days_ago=1)
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url("action_point_close", world, held.pk, foreign.pk))
    assert response.status_code == 404 and db_snapshot() == before


def test_member_of_the_owner_institution_reports_progress_but_changes_nothing_else(world, session):
    point = _point(session.meeting, text="Texte d'origine", owner_institution=world.institution)
    client = world.client("member")
    page = client.get(url("action_point_edit", world, point.pk)).content.decode()
    assert 'name="text"' not in page and 'name="progress_note"' in page
    response = client.post(
        url("action_point_edit", world, point.pk),
        {"status": "in_progress", "progress_note": "Liste à moitié prête.", "text": "Texte changé", "due_date": ""},
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.status, point.progress_note, point.text) == (
        "in_progress",
        "Liste à moitié prête.",
        "Texte d'origine",
    )
    client.post(url("action_point_edit", world, point.pk), {"status": "done", "progress_note": "Transmise."})
    point.refresh_from_db()
    assert point.status == "done" and point.closed_on == TODAY()


def test_member_of_another_institution_cannot_report_progress(world, session):
    point = _point(session.meeting, owner_institution=session.other_institution)
    user = UserFactory()
    MembershipFactory(user=user, workspace=world.workspace, role=Role.MEMBER, institution=InstitutionFactory())
    client = Client()
    client.force_login(user)
    before = db_snapshot()
    response = client.post(url("action_point_edit", world, point.pk), {"status": "done"})
    assert response.status_code == 403 and db_snapshot() == before


def test_owner_person_with_an_account_reports_progress(world, session):
    observer = world.users["observer"]  # an observer reads only…
    user = UserFactory()
    MembershipFactory(user=user, workspace=world.workspace, role=Role.PARTNER, institution=InstitutionFactory())
    person = PersonFactory(user=user)
    ParticipationFactory(meeting=session.meeting, person=person)
    point = _point(session.meeting, owner_person=person, owner_institution=None)
    client = Client()
    client.force_login(user)
    response = client.post(url("action_point_edit", world, point.pk), {"status": "in_progress", "progress_note": "ok"})
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.status == "in_progress"
    observer_client = world.client("observer")
    assert observer_client.get(url("action_point_edit", world, point.pk)).status_code == 403
    assert observer.memberships.get().role == Role.OBSERVER


def test_progress_with_an_unknown_status_is_refused(world, session):
    point = _point(session.meeting, owner_institution=world.institution)
    client = world.client("member")
    before = db_snapshot()
    response = client.post(url("action_point_edit", world, point.pk), {"status": "forgotten"})
    assert response.status_code == 400 and list(response.context["form"].errors) == ["status"]
    assert db_snapshot() == before


def test_reopening_an_action_point_clears_its_closing(world):
    held = past_meeting(world, days_ago=3)
    point = _point(past_meeting(world, days_ago=20))
    client = world.client("secretariat")
    client.post(url("action_point_close", world, held.pk, point.pk))
    client.post(
        url("action_point_edit", world, point.pk),
        {"text": point.text, "owner_institution": point.owner_institution_id, "status": "open"},
    )
    point.refresh_from_db()
    assert (point.status, point.closed_on, point.closed_at_meeting) == ("open", None, None)


# --- the workspace-wide list ---------------------------------------------------------------------------


@pytest.fixture
def points(world, session):
    raised = past_meeting(world, days_ago=30)
    yesterday = TODAY() - datetime.timedelta(days=1)
    return {
        "overdue": _point(raised, text="En retard", due_date=yesterday),
        "open": _point(session.meeting, text="À venir", due_date=TODAY() + datetime.timedelta(days=10)),
        "undated": _point(session.meeting, text="Sans date", due_date=None),
        "on_time": _point(
            raised,
            text="Faite à temps",
            status="done",
            closed_on=yesterday,
            due_date=TODAY(),
            owner_institution=session.other_institution,
        ),
        "late": _point(raised, text="Faite en retard", status="done", closed_on=TODAY(), due_date=yesterday),
        "dropped": _point(raised, text="Abandonnée", status="dropped"),
    }


def _texts(response):
    return [point.text for point in response.context["page"].object_list]


def test_action_point_list_shows_open_ones_most_urgent_first_by_default(world, points):
    response = world.client("observer").get(url("action_points", world))
    assert _texts(response) == ["En retard", "À venir", "Sans date"]
    assert 'class="overdue"' in response.content.decode()


def test_action_point_list_filters(world, session, points):
    client = world.client("observer")
    base = url("action_points", world)
    assert _texts(client.get(base + "?state=overdue")) == ["En retard"]
    assert set(_texts(client.get(base + "?state=closed"))) == {"Faite à temps", "Faite en retard", "Abandonnée"}
    assert len(_texts(client.get(base + "?state=all"))) == 6
    assert _texts(client.get(base + f"?state=all&institution={session.other_institution.pk}")) == ["Faite à temps"]
    assert _texts(client.get(base + f"?meeting={session.meeting.pk}")) == ["À venir", "Sans date"]
    assert _texts(client.get(base + "?state=nonsense&institution=x")) == ["En retard", "À venir", "Sans date"]


def test_action_point_counts(world, points):
    counts = queries.action_point_counts(world.workspace)
    assert counts == {"total": 6, "open": 3, "overdue": 1, "done": 2, "done_on_time": 1, "dropped": 1}


def test_action_point_done_without_a_closing_day_is_not_counted_on_time_here_or_on_the_dashboard(world, points):
    """One definition of "closed on time" (the model's `closed_on_time`): the meetings pages and the results
    dashboard used to differ on a point marked done without a closing day (the pages counted it on time)."""
    from cadre.reports import measures

    undated = points["late"]
    ActionPoint.objects.filter(pk=undated.pk).update(closed_on=None)  # e.g. written before closing days existed
    undated.refresh_from_db()
    assert undated.closed_on_time is None
    counts = queries.action_point_counts(world.workspace)
    dashboard = measures.action_points(measures.Scope(world.workspace.pk))
    assert counts["done_on_time"] == dashboard.on_time == 1
    assert counts["done"] == dashboard.closed == 2
    assert (counts["open"], counts["overdue"], counts["dropped"], counts["total"]) == (
        dashboard.open,
        dashboard.overdue,
        dashboard.dropped,
        dashboard.total,
    )


def test_closing_an_action_point_closed_since_the_page_was_read_is_refused_and_changes_nothing(world, points):
    """Two people (or two clicks) close the same point at two meetings: the second is refused, not recorded
    over the first."""
    from django.core.exceptions import ValidationError

    from cadre.meetings import services

    stale = ActionPoint.objects.select_related("meeting").get(pk=points["overdue"].pk)
    first, second = past_meeting(world, days_ago=2), past_meeting(world, days_ago=1)
    services.close_action_point_at(
        ActionPoint.objects.select_related("meeting").get(pk=stale.pk), first, by=world.users["secretariat"]
    )
    before = db_snapshot()
    with pytest.raises(ValidationError) as refused:
        services.close_action_point_at(stale, second, by=world.users["expert"])
    assert refused.value.messages == [shown("This action point is already closed.")]
    assert db_snapshot() == before
    assert ActionPoint.objects.get(pk=stale.pk).closed_at_meeting_id == first.pk


def test_action_point_list_query_count_does_not_grow(world, session, points, django_assert_max_num_queries):
    client = world.client("member")
    address = url("action_points", world) + "?state=all"
    client.get(address)
    with CaptureQueriesContext(connection) as few:
        client.get(address)
    for index in range(10):
        meeting = past_meeting(world, days_ago=index + 40)
        person = ParticipationFactory(meeting=meeting).person
        _point(meeting, owner_person=person, owner_institution=InstitutionFactory())
    with django_assert_max_num_queries(len(few)):
        response = client.get(address)
    assert len(response.context["page"].object_list) == 16


def test_action_point_list_htmx_request_returns_the_results_of_the_full_page(world, points):
    client = world.client("member")
    address = url("action_points", world) + "?state=all"
    full = client.get(address).content.decode()
    partial = client.get(address, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and partial.strip().startswith('<div id="results">')
    assert element_tokens(partial, "results") == element_tokens(full, "results")


def test_closing_is_offered_only_at_a_meeting_that_has_started(world, session):
    point = _point(past_meeting(world, days_ago=20))
    held = past_meeting(world, days_ago=1)
    client = world.client("secretariat")
    close_here = url("action_point_close", world, held.pk, point.pk)
    close_later = url("action_point_close", world, session.meeting.pk, point.pk)
    assert close_here in client.get(held.get_absolute_url()).content.decode()
    assert close_later not in client.get(session.meeting.get_absolute_url()).content.decode()
    assert close_here not in world.client("member").get(held.get_absolute_url()).content.decode()
