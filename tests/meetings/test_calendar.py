"""The meeting's calendar file (.ics): written with `icalendar`, read back here as a calendar application would."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from cadre.meetings import calendar
from cadre.meetings.models import Meeting

from .factories import AgendaItemFactory, MeetingFactory

NIAMEY = zoneinfo.ZoneInfo("Africa/Niamey")


def _event(content: bytes):
    parsed = Calendar.from_ical(content)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == 1
    return parsed, events[0]


def _aware(value):
    """A DTSTART/DTEND value as an aware datetime (icalendar returns one for UTC times)."""
    assert isinstance(value, datetime.datetime) and value.tzinfo is not None
    return value


@pytest.fixture
def meeting(world):
    meeting = MeetingFactory(
        workspace=world.workspace,
        activity=world.activity,
        title_fr="Session d'information : gestion des frontières",
        title_en="Information session: border management",
        starts_at=datetime.datetime(2016, 9, 12, 9, 0, tzinfo=NIAMEY),
        ends_at=datetime.datetime(2016, 9, 12, 16, 30, tzinfo=NIAMEY),
        place="Niamey, Ministère de l'Intérieur, salle de conférence",
        online_link="https://meet.example.org/frontieres",
        sequence=3,
    )
    AgendaItemFactory(
        meeting=meeting,
        order=1,
        starts_at=datetime.time(9, 30),
        duration_minutes=45,
        title_fr="Cadre juridique",
        title_en="Legal framework",
        presenter="Expert français",
    )
    AgendaItemFactory(meeting=meeting, order=2, title_fr="Questions", title_en="Questions")
    return meeting


def test_calendar_parses_with_the_meeting_facts_and_utc_times(meeting):
    content = calendar.meeting_calendar(meeting, host="cadre.example.org", url="https://cadre.example.org/m/1/")
    parsed, event = _event(content)
    assert str(parsed["VERSION"]) == "2.0"
    assert str(parsed["PRODID"]) == calendar.PRODID
    assert str(parsed["METHOD"]) == "PUBLISH"
    assert str(event["UID"]) == f"{meeting.uid}@cadre.example.org"
    assert int(event["SEQUENCE"]) == 3
    start, end = _aware(event.decoded("DTSTART")), _aware(event.decoded("DTEND"))
    # 09:00 in Niamey (UTC+1) is 08:00 UTC: the same instant, written unambiguously in UTC.
    assert start == datetime.datetime(2016, 9, 12, 8, 0, tzinfo=datetime.UTC)
    assert start.utcoffset() == datetime.timedelta(0)
    assert end == datetime.datetime(2016, 9, 12, 15, 30, tzinfo=datetime.UTC)
    assert b"DTSTART:20160912T080000Z" in content
    assert _aware(event.decoded("DTSTAMP")) <= datetime.datetime.now(datetime.UTC)
    assert str(event["SUMMARY"]) == "Session d'information : gestion des frontières"  # French, the default
    assert str(event["LOCATION"]) == meeting.place
    assert str(event["URL"]) == "https://cadre.example.org/m/1/"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert "ATTENDEE" not in event  # a downloaded file names nobody


def test_calendar_description_has_the_agenda_the_link_and_the_zone(meeting):
    _parsed, event = _event(calendar.meeting_calendar(meeting, host="h", url="https://h/m/1/"))
    description = str(event["DESCRIPTION"])
    assert "09:30" in description and "Cadre juridique — Expert français" in description
    assert "Questions" in description
    assert "Africa/Niamey" in description
    assert "12/09/2016 09:00" in description  # local time where the meeting takes place
    assert meeting.online_link in description
    assert description.rstrip().endswith("https://h/m/1/")


def test_calendar_online_meeting_gives_its_link_as_location(world):
    meeting = MeetingFactory(workspace=world.workspace, place="", online_link="https://meet.example.org/abc")
    _parsed, event = _event(calendar.meeting_calendar(meeting, host="h"))
    assert str(event["LOCATION"]) == "https://meet.example.org/abc"


def test_calendar_of_cancelled_meeting_says_cancelled_and_a_request_becomes_a_cancellation(meeting):
    meeting.status = Meeting.Status.CANCELLED
    _parsed, event = _event(calendar.meeting_calendar(meeting, host="h"))
    assert str(event["STATUS"]) == "CANCELLED"
    parsed, event = _event(calendar.meeting_calendar(meeting, host="h", method=calendar.REQUEST))
    assert str(parsed["METHOD"]) == "CANCEL"


def test_calendar_request_is_addressed_to_its_recipient(meeting):
    content = calendar.meeting_calendar(
        meeting, host="h", method=calendar.REQUEST, attendee=("Aïcha Moussa", "aicha@example.org")
    )
    parsed, event = _event(content)
    assert str(parsed["METHOD"]) == "REQUEST"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:aicha@example.org"
    assert attendee.params["CN"] == "Aïcha Moussa"


def test_calendar_uid_is_stable_and_sequence_follows_the_meeting(meeting):
    first = _event(calendar.meeting_calendar(meeting, host="h"))[1]
    meeting.sequence += 1
    meeting.starts_at += datetime.timedelta(days=1)
    meeting.ends_at += datetime.timedelta(days=1)
    second = _event(calendar.meeting_calendar(meeting, host="h"))[1]
    assert str(first["UID"]) == str(second["UID"])  # the calendar updates the same event…
    assert int(second["SEQUENCE"]) == int(first["SEQUENCE"]) + 1  # …because the sequence went up
    assert second.decoded("DTSTART") - first.decoded("DTSTART") == datetime.timedelta(days=1)


def test_calendar_english_title_in_english(meeting):
    from django.utils import translation

    with translation.override("en"):
        _parsed, event = _event(calendar.meeting_calendar(meeting, host="h"))
    assert str(event["SUMMARY"]) == "Information session: border management"


def test_ics_download_is_a_calendar_file_with_this_sites_host(world, meeting, settings):
    settings.ALLOWED_HOSTS = ["cadre.example.org"]
    response = world.client("observer").get(
        reverse("meetings:ics", args=[world.workspace.slug, meeting.pk]), HTTP_HOST="cadre.example.org"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="meeting-2016-09-12-')
    assert response["Content-Disposition"].endswith('.ics"')
    parsed, event = _event(response.content)
    assert str(parsed["METHOD"]) == "PUBLISH"
    assert str(event["UID"]) == f"{meeting.uid}@cadre.example.org"
    assert str(event["URL"]) == f"http://cadre.example.org{meeting.get_absolute_url()}"
