"""A meeting as an iCalendar (RFC 5545) event, written with the `icalendar` library.

Times are written in UTC: unambiguous in every calendar, which shows them in its own zone; the meeting's zone
is named in the description. The UID is the meeting's random identifier at this site's host, and SEQUENCE its
counter raised at each change of date or place, so a calendar that imported the invitation updates it rather
than adding a second event. A downloaded file is published (METHOD:PUBLISH, no attendees); an e-mailed one
is a request addressed to its recipient (METHOD:REQUEST), or a cancellation once the meeting is cancelled.
"""

import datetime
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from .models import AgendaItem, Meeting

PRODID = "-//Cadre//Meetings//EN"
PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"


def host_of(base_url: str) -> str:
    """The host name of a site address ("https://cadre.example.org:8443/" → "cadre.example.org")."""
    return (urlsplit(base_url).hostname or "localhost").lower()


def meeting_url(meeting, base_url: str) -> str:
    return base_url.rstrip("/") + meeting.get_absolute_url()


def organizer() -> vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address or 'cadre@localhost'}")
    organizer.params["cn"] = vText(name or "Cadre")
    return organizer


def agenda_lines(meeting, items=None) -> list[str]:
    """The agenda as plain lines: "09:30 (45 min) Title — presenter"."""
    if items is None:
        items = AgendaItem.objects.filter(meeting=meeting).order_by("order", "starts_at", "pk")
    lines = []
    for item in items:
        parts = []
        if item.starts_at:
            parts.append(item.starts_at.strftime("%H:%M"))
        if item.duration_minutes:
            parts.append(_("(%(minutes)s min)") % {"minutes": item.duration_minutes})
        parts.append(item.title)
        line = " ".join(parts)
        if item.presenter:
            line = f"{line} — {item.presenter}"
        lines.append(line)
    return lines


def description_of(meeting, *, url="", items=None) -> str:
    local_start, local_end = meeting.local_start, meeting.local_end
    lines = [
        _("%(start)s – %(end)s, time zone %(zone)s")
        % {
            "start": local_start.strftime("%d/%m/%Y %H:%M"),
            "end": local_end.strftime("%d/%m/%Y %H:%M" if local_end.date() != local_start.date() else "%H:%M"),
            "zone": meeting.time_zone,
        }
    ]
    if meeting.place:
        lines.append(_("Place: %(place)s") % {"place": meeting.place})
    if meeting.online_link:
        lines.append(_("Online: %(link)s") % {"link": meeting.online_link})
    agenda = agenda_lines(meeting, items)
    if agenda:
        lines += ["", _("Agenda:"), *agenda]
    if url:
        lines += ["", url]
    return "\n".join(lines)


def meeting_event(meeting, *, host: str, url: str = "", attendee=None, items=None) -> Event:
    """The VEVENT of a meeting; `attendee` is (name, e-mail) for an invitation addressed to one person."""
    event = Event()
    event.add("uid", f"{meeting.uid}@{host}")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC).replace(microsecond=0))
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    event.add("summary", meeting.title)
    location = meeting.place or meeting.online_link
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    event.add("description", description_of(meeting, url=url, items=items))
    if meeting.status == Meeting.Status.CANCELLED:
        event.add("status", "CANCELLED")
    elif meeting.status == Meeting.Status.POSTPONED:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    event.add("organizer", organizer())
    if attendee:
        name, address = attendee
        person = vCalAddress(f"mailto:{address}")
        person.params["cn"] = vText(name)
        person.params["role"] = vText("REQ-PARTICIPANT")
        person.params["partstat"] = vText("NEEDS-ACTION")
        person.params["rsvp"] = vText("FALSE")
        event.add("attendee", person, encode=0)
    return event


def meeting_calendar(meeting, *, host: str, url: str = "", method: str = PUBLISH, attendee=None, items=None) -> bytes:
    """The .ics file of one meeting. An e-mailed request for a cancelled meeting becomes a cancellation."""
    if method == REQUEST and meeting.status == Meeting.Status.CANCELLED:
        method = CANCEL
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(meeting_event(meeting, host=host, url=url, attendee=attendee, items=items))
    return calendar.to_ical()
