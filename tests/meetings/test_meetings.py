"""Meetings: entering them in their own time zone, editing, status, deletion, the list and its filters."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.assessments.models import Attempt
from cadre.meetings import queries
from cadre.meetings.models import ActionPoint, Meeting

from ..core.helpers import db_snapshot, element_tokens, text_of
from ..factories import ActivityFactory, ThemeFactory
from .factories import ActionPointFactory, AssessmentFactory, MeetingFactory, ParticipationFactory
from .helpers_core import meeting_payload, past_meeting, shown, url

UTC = datetime.UTC


def test_meeting_create_stores_the_times_given_in_the_meetings_time_zone(world):
    client = world.client("expert")
    response = client.post(
        url("meeting_create", world),
        meeting_payload(world, time_zone="Europe/Paris", date="2017-02-06", start_time="09:00", end_time="17:00"),
    )
    meeting = Meeting.objects.get(title_fr__startswith="Session d'information sur")
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    # 6 February 2017 in Paris is UTC+1.
    assert meeting.starts_at == datetime.datetime(2017, 2, 6, 8, 0, tzinfo=UTC)
    assert meeting.ends_at == datetime.datetime(2017, 2, 6, 16, 0, tzinfo=UTC)
    assert meeting.workspace == world.workspace and meeting.sequence == 0
    assert list(meeting.themes.all()) == [world.theme] and list(meeting.facilitators.all()) == [world.expert]
    page = text_of(client.get(meeting.get_absolute_url()))
    assert "09:00–17:00 (Europe/Paris)" in page


def test_meeting_over_several_days_keeps_its_last_day(world):
    world.client("secretariat").post(
        url("meeting_create", world),
        meeting_payload(world, kind="workshop", date="2017-04-10", end_date="2017-04-12", end_time="13:00"),
    )
    meeting = Meeting.objects.get()
    niamey = zoneinfo.ZoneInfo("Africa/Niamey")  # UTC+1, no summer time
    assert meeting.local_start == datetime.datetime(2017, 4, 10, 9, 0, tzinfo=niamey)
    assert meeting.local_end == datetime.datetime(2017, 4, 12, 13, 0, tzinfo=niamey)


def test_meeting_edit_form_shows_the_local_times_and_saving_unchanged_keeps_them(world):
    meeting = MeetingFactory(
        workspace=world.workspace,
        time_zone="America/Sao_Paulo",
        starts_at=datetime.datetime(2016, 9, 12, 12, 30, tzinfo=UTC),
        ends_at=datetime.datetime(2016, 9, 12, 20, 0, tzinfo=UTC),
    )
    client = world.client("secretariat")
    page = client.get(url("meeting_edit", world, meeting.pk)).content.decode()
    assert 'value="09:30"' in page and 'value="17:00"' in page and 'value="2016-09-12"' in page
    payload = meeting_payload(
        world, time_zone="America/Sao_Paulo", date="2016-09-12", start_time="09:30", end_time="17:00"
    )
    client.post(url("meeting_edit", world, meeting.pk), payload)
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime.datetime(2016, 9, 12, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": "08:00"}, "end_time"),
        ({"end_date": "2016-09-10"}, "end_date"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"date": "31/02/2016"}, "date"),
        ({"kind": "party"}, "kind"),
        ({"online_link": "not a link"}, "online_link"),
        ({"title_fr": ""}, "title_fr"),
    ],
)
def test_meeting_create_with_bad_input_says_why_and_changes_nothing(world, changes, field):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url("meeting_create", world), meeting_payload(world, **changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert f'id="id_{field}_error"' in response.content.decode()  # shown beside the field
    assert db_snapshot() == before


def test_meeting_end_before_start_is_explained(world):
    response = world.client("secretariat").post(url("meeting_create", world), meeting_payload(world, end_time="08:00"))
    assert shown("The meeting ends before it starts.") in text_of(response)


def test_meeting_create_refuses_an_activity_or_theme_of_another_workspace(world):
    foreign_activity = ActivityFactory(workspace=world.other_workspace, number=1)
    foreign_theme = ThemeFactory(workspace=world.other_workspace)
    client = world.client("secretariat")
    before = db_snapshot()
    for changes in ({"activity": foreign_activity.pk}, {"themes": [foreign_theme.pk]}):
        assert client.post(url("meeting_create", world), meeting_payload(world, **changes)).status_code == 400
    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("day", "zone"),
    [
        ("9999-12-31", "America/Los_Angeles"),  # 23:30 there is already year 10000 in UTC
        ("0001-01-01", "Asia/Tokyo"),  # midnight there is still year 0 in UTC
        ("2400-03-01", "Africa/Niamey"),
    ],
)
def test_meeting_date_out_of_the_years_is_refused_with_a_message_and_changes_nothing(world, session, day, zone):
    """A mistyped year used to reach the time zone conversion, which failed (a server error)."""
    client = world.client("secretariat")
    before = db_snapshot()
    data = meeting_payload(world, date=day, start_time="23:00", end_time="23:30", time_zone=zone)
    for address in (url("meeting_create", world), url("meeting_edit", world, session.meeting.pk)):
        response = client.post(address, data)
        assert response.status_code == 400 and list(response.context["form"].errors) == ["date"]
        assert shown("Give a date between %(first)s and %(last)s.", first=1950, last=2100) in text_of(response)
    response = client.post(url("meeting_create", world), {**data, "date": "2017-02-06", "end_date": day})
    assert response.status_code == 400 and list(response.context["form"].errors) == ["end_date"]
    assert db_snapshot() == before


def test_meeting_form_refuses_ids_too_large_for_the_database_and_changes_nothing(world, session):
    """Such ids used to go into the database's `IN (…)`, which failed (a server error) instead of a form error."""
    client = world.client("secretariat")
    before = db_snapshot()
    huge = "9" * 25
    for field in ("themes", "facilitators"):
        response = client.post(url("meeting_create", world), meeting_payload(world, **{field: [huge]}))
        assert response.status_code == 400 and list(response.context["form"].errors) == [field]
    response = client.post(
        url("agenda_item_create", world, session.meeting.pk), {"title_fr": "Point", "themes": [huge]}
    )
    assert response.status_code == 400 and list(response.context["form"].errors) == ["themes"]
    assert db_snapshot() == before


def test_changing_date_or_place_raises_the_calendar_sequence_but_recording_it_held_does_not(world, session):
    meeting = session.meeting
    meeting.starts_at = meeting.starts_at.replace(second=0, microsecond=0)  # as a form gives it: minutes
    meeting.ends_at = meeting.ends_at.replace(second=0, microsecond=0)
    meeting.save()
    client = world.client("secretariat")
    local = meeting.local_start
    same = {
        "date": local.date().isoformat(),
        "start_time": local.strftime("%H:%M"),
        "end_time": meeting.local_end.strftime("%H:%M"),
        "place": meeting.place,
        "title_fr": meeting.title_fr,
        "title_en": meeting.title_en,
        "kind": meeting.kind,
    }
    client.post(url("meeting_edit", world, meeting.pk), meeting_payload(world, **same, description="Objet précisé"))
    meeting.refresh_from_db()
    assert meeting.sequence == 0  # the purpose is not on the calendar
    client.post(url("meeting_edit", world, meeting.pk), meeting_payload(world, **{**same, "place": "Zinder"}))
    meeting.refresh_from_db()
    assert (meeting.place, meeting.sequence) == ("Zinder", 1)
    client.post(url("meeting_status", world, meeting.pk), {"status": "cancelled"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == ("cancelled", 2)
    client.post(url("meeting_status", world, meeting.pk), {"status": "planned"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == ("planned", 3)


def test_recording_a_meeting_held_does_not_touch_calendars_and_needs_it_to_have_started(world, session):
    held = past_meeting(world, days_ago=1)
    client = world.client("secretariat")
    client.post(url("meeting_status", world, held.pk), {"status": "held"}, follow=True)
    held.refresh_from_db()
    assert (held.status, held.sequence) == ("held", 0)
    before = db_snapshot()
    response = client.post(url("meeting_status", world, session.meeting.pk), {"status": "held"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        shown("A meeting can be recorded as held only once it has started.")
    ]
    assert db_snapshot() == before
    assert 'value="held"' not in response.content.decode()  # not offered before it starts


def test_meeting_form_refuses_held_for_a_meeting_to_come(world):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url("meeting_create", world), meeting_payload(world, date="2099-01-01", status="held"))
    assert response.status_code == 400 and list(response.context["form"].errors) == ["status"]
    assert db_snapshot() == before


def test_meeting_status_refuses_an_unknown_status(world, session):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url("meeting_status", world, session.meeting.pk), {"status": "x"})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_meeting_delete_keeps_its_action_points_in_the_follow_up(world, session):
    point = ActionPointFactory(meeting=session.meeting)
    response = world.client("secretariat").post(url("meeting_delete", world, session.meeting.pk))
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=session.meeting.pk).exists()
    point.refresh_from_db()
    assert point.meeting is None and point.workspace == world.workspace


def test_meeting_delete_is_refused_when_participants_answered_its_tests(world, session):
    assessment = AssessmentFactory(meeting=session.meeting)
    Attempt.objects.create(
        assessment=assessment, phase="pre", participation=session.own[0], submitted_at=timezone.now()
    )
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url("meeting_delete", world, session.meeting.pk), follow=True)
    assert db_snapshot() == before
    errors = [m for m in response.context["messages"] if m.level_tag == "error"]
    expected = shown(
        "Participants answered tests at this meeting: it cannot be deleted, because their answers are "
        "results of the support action. Mark it cancelled instead."
    )
    assert [str(error) for error in errors] == [expected]
    assert Meeting.objects.filter(pk=session.meeting.pk).exists()


def test_meeting_delete_with_a_test_nobody_answered_names_what_blocks_it(world, session):
    AssessmentFactory(meeting=session.meeting)
    response = world.client("secretariat").post(url("meeting_delete", world, session.meeting.pk), follow=True)
    expected = shown(
        "This meeting cannot be deleted: %(things)s recorded at it depend on it. Mark it cancelled instead, "
        "or remove them first.",
        things=shown("assessments"),
    )
    assert [str(m) for m in response.context["messages"]] == [expected]
    assert Meeting.objects.filter(pk=session.meeting.pk).exists()


def test_meeting_detail_shows_what_was_recorded(world, session):
    meeting = session.meeting
    meeting.description = "Présenter les **outils** de gestion des frontières."
    meeting.save()
    page = text_of(world.client("observer").get(meeting.get_absolute_url()))
    assert meeting.title_fr in page
    assert "<strong>outils</strong>" in page
    assert session.item.title_fr in page
    assert world.theme.name in page
    assert world.expert.person.full_name in page
    assert str(world.activity) in page
    assert meeting.local_start.strftime("%H:%M") in page and "(Africa/Niamey)" in page


# --- the list ------------------------------------------------------------------------------------------


def _titles(response):
    return [m.title_fr for m in response.context["page"].object_list]


def test_meeting_list_filters_upcoming_past_kind_and_theme(world, session):
    old = past_meeting(world, days_ago=30, kind="bilateral", title_fr="Entretien avec la DST")
    other_theme = ThemeFactory(workspace=world.workspace)
    old.themes.add(other_theme)
    client = world.client("member")
    base = url("meetings", world)
    assert _titles(client.get(base)) == [session.meeting.title_fr, old.title_fr]  # newest first
    assert _titles(client.get(base + "?when=upcoming")) == [session.meeting.title_fr]
    assert _titles(client.get(base + "?when=past")) == [old.title_fr]
    assert _titles(client.get(base + "?kind=bilateral")) == [old.title_fr]
    assert _titles(client.get(base + f"?theme={world.theme.pk}")) == [session.meeting.title_fr]
    assert _titles(client.get(base + f"?activity={world.activity.pk}")) == [session.meeting.title_fr]


def test_meeting_list_ignores_unknown_filter_values(world, session):
    response = world.client("member").get(url("meetings", world) + "?kind=x&theme=abc&when=never&page=zz")
    assert response.status_code == 200
    assert _titles(response) == [session.meeting.title_fr]


def test_meeting_list_counts_invitees_attendance_and_open_action_points(world, session):
    session.own[0].status = "attended"
    session.own[0].save()
    ActionPointFactory(meeting=session.meeting)
    ActionPointFactory(meeting=session.meeting, status=ActionPoint.Status.DROPPED)
    meeting = queries.meetings_of(world.workspace).get()
    assert (meeting.invited_count, meeting.attended_count, meeting.open_action_count) == (4, 1, 1)


def test_meeting_list_htmx_request_returns_the_results_of_the_full_page(world, session):
    client = world.client("observer")
    address = url("meetings", world) + "?when=upcoming"
    full = client.get(address).content.decode()
    partial = client.get(address, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and partial.strip().startswith('<div id="results">')
    assert element_tokens(partial, "results") == element_tokens(full, "results")


def test_meeting_list_query_count_does_not_grow_with_meetings(world, session, django_assert_max_num_queries):
    client = world.client("observer")
    address = url("meetings", world)
    client.get(address)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(address)
    for index in range(8):
        meeting = past_meeting(world, days_ago=index + 2, activity=world.activity)
        meeting.themes.add(world.theme)
        for _ in range(3):
            ParticipationFactory(meeting=meeting)
        ActionPointFactory(meeting=meeting)
    with django_assert_max_num_queries(len(few)):
        response = client.get(address)
    assert len(response.context["page"].object_list) == 9


def test_meeting_detail_query_count_does_not_grow_with_its_content(world, session, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import AgendaItemFactory

    client = world.client("secretariat")
    address = session.meeting.get_absolute_url()
    client.get(address)
    with CaptureQueriesContext(connection) as few:
        client.get(address)
    earlier = past_meeting(world, days_ago=3)
    for index in range(6):
        item = AgendaItemFactory(meeting=session.meeting)
        item.themes.add(world.theme)
        ActionPointFactory(meeting=session.meeting)
        ActionPointFactory(meeting=earlier, owner_institution=session.other_institution)
        session.meeting.decisions.create(text=f"Décision {index}", order=index)
    with django_assert_max_num_queries(len(few)):
        response = client.get(address)
    assert len(response.context["agenda"]) == 7 and len(response.context["follow_up"]) == 6


def test_meeting_form_offers_only_this_workspaces_activities_themes_and_experts(world):
    ActivityFactory(workspace=world.other_workspace, number=7, title_fr="Activité d'ailleurs")
    page = world.client("secretariat").get(reverse("meetings:meeting_create", args=[world.workspace.slug]))
    assert "Activité d'ailleurs" not in text_of(page)
    assert str(world.activity) in text_of(page)
