"""Invitations and reminders by e-mail, each with the meeting's calendar file.

A person in the directory has no language of their own: the text is written in French with the English text
below it, unless the person has an account, whose language is then used alone. One message per recipient, so
that nobody sees the others' addresses; a failure for one recipient does not stop the others and is reported
back with its reason. Who was sent what is recorded (`invitation_sent_at`, the meeting's `invitations_sent_at`
and `reminder_sent_at`) only for messages that were accepted by the mail server.
"""

import datetime
from email.mime.text import MIMEText
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cadre.core.mail import Sending, send_each
from cadre.core.navigation import panels_for
from cadre.core.services import change_by

from . import calendar
from .models import AgendaItem, Meeting, Participation

Status = Participation.Status
SEPARATOR = "\n\n" + "—" * 40 + "\n\n"

# Invitations go to those not yet invited by e-mail who have not declined; reminders to those still expected.
INVITATION_STATUSES = (Status.INVITED, Status.CONFIRMED)
REMINDER_STATUSES = (Status.INVITED, Status.CONFIRMED)


def invitation_recipients(meeting):
    return (
        Participation.objects.filter(meeting=meeting, invitation_sent_at__isnull=True, status__in=INVITATION_STATUSES)
        .select_related("person", "person__user", "institution")
        .order_by("person__full_name", "pk")
    )


def reminder_recipients(meeting):
    return (
        Participation.objects.filter(meeting=meeting, status__in=REMINDER_STATUSES)
        .select_related("person", "person__user", "institution")
        .order_by("person__full_name", "pk")
    )


def languages_for(person) -> list[str]:
    """["fr", "en"] for a person without an account; their account's language otherwise."""
    user = person.user if person.user_id else None
    language = getattr(user, "language", "") if user is not None else ""
    codes = [code for code, _name in settings.LANGUAGES]
    if language in codes:
        return [language]
    return codes


def _context(meeting, participation, *, base_url, agenda):
    return {
        "meeting": meeting,
        "person": participation.person,
        "participation": participation,
        "start": meeting.starts_at,  # shown in the meeting's zone by the template's {% timezone %}
        "end": meeting.ends_at,
        "same_day": meeting.local_start.date() == meeting.local_end.date(),
        "url": calendar.meeting_url(meeting, base_url),
        "agenda": agenda,
        # Lines that apps above meetings add to the message (the assessments app: the person's own test link).
        "panels": panels_for("meetings.email", participation, base_url),
    }


def compose(meeting, participation, kind, *, base_url, items=None) -> EmailMultiAlternatives:
    """The message `kind` ("invitation" or "reminder") for one participation, with the .ics attached."""
    person = participation.person
    subjects, bodies = [], []
    for language in languages_for(person):
        with translation.override(language):
            agenda = calendar.agenda_lines(meeting, items)
            context = _context(meeting, participation, base_url=base_url, agenda=agenda)
            if kind == "invitation":
                subject = _("Invitation: %(title)s") % {"title": meeting.title}
            else:
                subject = _("Reminder: %(title)s") % {"title": meeting.title}
            if subject not in subjects:
                subjects.append(subject)
            bodies.append(render_to_string(f"meetings/email/{kind}.txt", context).strip())
    with translation.override(languages_for(person)[0]):
        ics = calendar.meeting_calendar(
            meeting,
            host=calendar.host_of(base_url),
            url=calendar.meeting_url(meeting, base_url),
            method=calendar.REQUEST,
            attendee=(person.full_name, person.email),
            items=items,
        )
    message = EmailMultiAlternatives(
        subject=" / ".join(subjects),
        body=SEPARATOR.join(bodies) + "\n",
        to=[formataddr((person.full_name, person.email))],
    )
    part = MIMEText(ics.decode(), "calendar", "utf-8")
    part.set_param("method", "CANCEL" if meeting.status == Meeting.Status.CANCELLED else "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="invitation.ics")
    message.attach(part)
    return message


def _send(meeting, participations, kind, *, base_url, by, on_sent) -> Sending:
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "starts_at", "pk"))

    def message_for(participation):
        if not participation.person.email:
            return None
        return compose(meeting, participation, kind, base_url=base_url, items=items)

    return send_each(Sending(), participations, message_for, on_sent)


def send_invitations(meeting, *, base_url: str, by) -> Sending:
    """E-mail the invitation to every invitee not yet invited by e-mail (declined and excused people left out)."""

    def record(participation):
        with change_by(by):
            participation.invitation_sent_at = timezone.now()
            participation.save(update_fields=["invitation_sent_at", "updated_at"])

    outcome = _send(meeting, invitation_recipients(meeting), "invitation", base_url=base_url, by=by, on_sent=record)
    if outcome.sent:
        with change_by(by):
            meeting.invitations_sent_at = timezone.now()
            meeting.save(update_fields=["invitations_sent_at", "updated_at"])
    return outcome


def send_reminders(meeting, *, base_url: str, by) -> Sending:
    """E-mail a reminder to everyone still expected (invited or confirmed), once per call."""
    outcome = _send(
        meeting, reminder_recipients(meeting), "reminder", base_url=base_url, by=by, on_sent=lambda _p: None
    )
    if outcome.sent:
        with change_by(by):
            meeting.reminder_sent_at = timezone.now()
            meeting.save(update_fields=["reminder_sent_at", "updated_at"])
    return outcome


def meetings_to_remind(now=None):
    """Planned meetings starting in 24 to 48 hours that have not had a reminder yet (all workspaces)."""
    now = now or timezone.now()
    return (
        Meeting.objects.filter(
            status=Meeting.Status.PLANNED,
            reminder_sent_at__isnull=True,
            starts_at__gte=now + datetime.timedelta(hours=24),
            starts_at__lt=now + datetime.timedelta(hours=48),
        )
        .select_related("workspace")
        .order_by("starts_at", "pk")
    )
