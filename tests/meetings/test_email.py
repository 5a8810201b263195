"""Invitations and reminders by e-mail (locmem back-end in tests): one message per person, French with the
English below (or the account's language), the calendar file attached; a failure for one recipient does not
stop the others and is reported."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cadre.meetings import notify
from cadre.meetings.models import Meeting, Participation

from ..core.helpers import db_snapshot, text_of
from ..factories import PersonFactory, UserFactory
from .factories import MeetingFactory, ParticipationFactory

BASE = "https://cadre.example.org/"


class FailingForOneBackend(EmailBackend):
    """The locmem back-end, except that the server refuses one address."""

    refused = "dst0@example.org"

    def send_messages(self, messages):
        for message in messages:
            if any(self.refused in recipient for recipient in message.to):
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"mailbox unavailable")})
        return super().send_messages(messages)


def _ics_of(message):
    parts = [part for part in message.message().walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_param("method") in ("REQUEST", "CANCEL")
    return Calendar.from_ical(parts[0].get_payload(decode=True)), parts[0]


@pytest.fixture
def meeting(session):
    session.meeting.title_fr = "Session sur la gestion des frontières"
    session.meeting.title_en = "Session on border management"
    session.meeting.save()
    return session.meeting


# --- invitations --------------------------------------------------------------------------------------------------


def test_invitations_go_one_per_person_with_the_calendar_file(world, session, meeting):
    outcome = notify.send_invitations(meeting, base_url=BASE, by=world.users["secretariat"])
    assert len(outcome.sent) == 4 and outcome.failed == [] and outcome.without_email == []
    assert len(mail.outbox) == 4
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(f"{p.person.full_name} <{p.person.email}>" for p in session.own + session.other)
    message = mail.outbox[0]
    calendar, part = _ics_of(message)
    assert part.get_filename() == "invitation.ics"
    event = next(iter(calendar.walk("VEVENT")))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"{meeting.uid}@cadre.example.org"
    assert str(event["ATTENDEE"]) == f"mailto:{message.to[0].split('<')[1].rstrip('>')}"
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)


def test_invitation_body_is_french_with_the_english_below_for_a_person_without_account(world, session, meeting):
    notify.send_invitations(meeting, base_url=BASE, by=world.users["secretariat"])
    message = mail.outbox[0]
    french, english = message.body.split(notify.SEPARATOR.strip())
    assert "Session sur la gestion des frontières" in french and "Session on border management" not in french
    assert "Session on border management" in english
    assert "Session sur la gestion des frontières" in message.subject
    assert "Session on border management" in message.subject
    assert f"{BASE}w/{world.workspace.slug}/meetings/{meeting.pk}/" in english
    assert meeting.time_zone in french and meeting.time_zone in english
    assert session.item.title_fr in french and session.item.title_en in english  # the agenda


def test_invitation_to_a_person_with_an_account_is_in_their_language_only(world, session, meeting):
    user = UserFactory(email="anglophone@example.org", language="en")
    person = session.own[0].person
    person.user = user
    person.save()
    notify.send_invitations(meeting, base_url=BASE, by=world.users["secretariat"])
    message = next(m for m in mail.outbox if person.email in m.to[0])
    assert notify.SEPARATOR.strip() not in message.body
    assert "Session on border management" in message.body and "gestion des frontières" not in message.body
    assert message.subject.endswith("Session on border management") and " / " not in message.subject


def test_invitations_record_who_was_sent_and_are_not_sent_twice(world, session, meeting):
    notify.send_invitations(meeting, base_url=BASE, by=world.users["secretariat"])
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None
    assert Participation.objects.filter(meeting=meeting, invitation_sent_at__isnull=True).count() == 0
    newcomer = ParticipationFactory(meeting=meeting, person=PersonFactory(email="new@example.org"))
    mail.outbox.clear()
    outcome = notify.send_invitations(meeting, base_url=BASE, by=world.users["secretariat"])
    assert [p.pk for p in outcome.sent] == [newcomer.pk]
    assert [m.to[0] for m in mail.outbox] == [f"{newcomer.person.full_name} <new@example.org>"]


def test_invitations_leave_out_those_who_declined_and_report_those_without_address(world, session, meeting):
    session.own[0].status = Participation.Status.DECLINED
    session.own[0].save()
    no_address = ParticipationFactory(meeting=meeting, person=PersonFactory(email=""))
    outcome = notify.send_invitations(meeting, base_url=BASE, by=world.users["secretariat"])
    assert len(outcome.sent) == 3 and [p.pk for p in outcome.without_email] == [no_address.pk]
    assert all(session.own[0].person.email not in m.to[0] for m in mail.outbox)


def test_a_refused_recipient_does_not_stop_the_others_and_is_not_marked_sent(world, session, meeting, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingForOneBackend"
    outcome = notify.send_invitations(meeting, base_url=BASE, by=world.users["secretariat"])
    assert len(outcome.sent) == 3 and len(outcome.failed) == 1
    failed, reason = outcome.failed[0]
    assert failed.person.email == "dst0@example.org" and "mailbox unavailable" in reason
    assert len(mail.outbox) == 3
    failed.refresh_from_db()
    assert failed.invitation_sent_at is None  # will be tried again next time
    assert Participation.objects.filter(meeting=meeting, invitation_sent_at__isnull=False).count() == 3


def test_send_invitations_page_reports_failures_by_name(world, session, meeting, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingForOneBackend"
    url = reverse("meetings:send_invitations", args=[world.workspace.slug, meeting.pk])
    response = world.client("secretariat").post(url, follow=True)
    page = text_of(response)
    assert session.other[0].person.full_name in page and "mailbox unavailable" in page
    assert "message-error" in page and "message-success" in page


def test_send_invitations_of_a_cancelled_meeting_is_refused_and_sends_nothing(world, session, meeting):
    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(reverse("meetings:send_invitations", args=[world.workspace.slug, meeting.pk]))
    assert response.status_code == 400
    assert mail.outbox == [] and db_snapshot() == before


# --- reminders -------------------------------------------------------------------------------------------------


def test_reminder_goes_to_those_invited_or_confirmed_once_per_click(world, session, meeting):
    session.own[0].status = Participation.Status.CONFIRMED
    session.own[0].save()
    session.own[1].status = Participation.Status.EXCUSED
    session.own[1].save()
    url = reverse("meetings:send_reminder", args=[world.workspace.slug, meeting.pk])
    client = world.client("expert")
    response = client.post(url)
    assert response.status_code == 302
    assert len(mail.outbox) == 3
    assert all(session.own[1].person.email not in m.to[0] for m in mail.outbox)
    assert all(m.subject.startswith(("Rappel", "Reminder")) for m in mail.outbox)
    meeting.refresh_from_db()
    assert meeting.reminder_sent_at is not None
    client.post(url)
    assert len(mail.outbox) == 6  # a second click sends a second reminder


def test_reminder_of_a_past_meeting_is_refused(world, session, meeting):
    meeting.starts_at = timezone.now() - datetime.timedelta(days=3)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=4)
    meeting.save()
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(reverse("meetings:send_reminder", args=[world.workspace.slug, meeting.pk]))
    assert response.status_code == 400 and mail.outbox == [] and db_snapshot() == before


def test_reminder_command_reminds_meetings_starting_in_24_to_48_hours_once(world, session):
    soon = MeetingFactory(workspace=world.workspace, starts_at=timezone.now() + datetime.timedelta(hours=30))
    ParticipationFactory(meeting=soon, person=PersonFactory(email="soon@example.org"))
    too_soon = MeetingFactory(workspace=world.workspace, starts_at=timezone.now() + datetime.timedelta(hours=5))
    ParticipationFactory(meeting=too_soon, person=PersonFactory(email="too-soon@example.org"))
    cancelled = MeetingFactory(
        workspace=world.workspace,
        starts_at=timezone.now() + datetime.timedelta(hours=30),
        status=Meeting.Status.CANCELLED,
    )
    ParticipationFactory(meeting=cancelled, person=PersonFactory(email="cancelled@example.org"))
    # session.meeting starts in 7 days: not yet.
    out = StringIO()
    call_command("send_meeting_reminders", "--base-url", BASE, stdout=out)
    assert [m.to[0].split("<")[1].rstrip(">") for m in mail.outbox] == ["soon@example.org"]
    assert "1 sent" in out.getvalue()
    soon.refresh_from_db()
    assert soon.reminder_sent_at is not None
    call_command("send_meeting_reminders", "--base-url", BASE, stdout=StringIO())
    assert len(mail.outbox) == 1  # not twice


def test_reminder_command_dry_run_sends_nothing(world):
    soon = MeetingFactory(workspace=world.workspace, starts_at=timezone.now() + datetime.timedelta(hours=30))
    ParticipationFactory(meeting=soon, person=PersonFactory(email="soon@example.org"))
    out = StringIO()
    call_command("send_meeting_reminders", "--base-url", BASE, "--dry-run", stdout=out)
    assert mail.outbox == [] and soon.title in out.getvalue()
    soon.refresh_from_db()
    assert soon.reminder_sent_at is None


def test_reminder_command_needs_the_sites_address(db):
    with pytest.raises(CommandError):
        call_command("send_meeting_reminders", "--base-url", "", stdout=StringIO())
