"""Invitations and reminders carry each person's own link to the meeting's tests, once the meeting has tests."""

from django.core import mail

from cadre.meetings import notify

from ..meetings.factories import AssessmentFactory

BASE = "https://cadre.example.org/"


def _bodies_by_address():
    return {message.to[0].split("<")[-1].rstrip(">"): message.body for message in mail.outbox}


def test_each_invitee_receives_their_own_link_and_nobody_elses(session, world):
    AssessmentFactory(meeting=session.meeting)
    outcome = notify.send_invitations(session.meeting, base_url=BASE, by=world.users["secretariat"])
    assert len(outcome.sent) == 4
    bodies = _bodies_by_address()
    everyone = session.own + session.other
    for participation in everyone:
        body = bodies[participation.person.email]
        assert f"{BASE}a/{participation.token}/" in body
        for other in everyone:
            if other.pk != participation.pk:
                assert other.token not in body


def test_the_reminder_carries_the_link_too(session, world):
    AssessmentFactory(meeting=session.meeting)
    notify.send_reminders(session.meeting, base_url=BASE, by=world.users["secretariat"])
    participation = session.own[0]
    assert f"{BASE}a/{participation.token}/" in _bodies_by_address()[participation.person.email]


def test_no_link_when_the_meeting_has_no_test(session, world):
    notify.send_invitations(session.meeting, base_url=BASE, by=world.users["secretariat"])
    assert mail.outbox
    for message in mail.outbox:
        assert "/a/" not in message.body
