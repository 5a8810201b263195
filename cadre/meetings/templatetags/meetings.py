"""Dates of meetings as the clock shows them where they take place, with the zone's name."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


def meeting_when(meeting) -> str:
    """E.g. "14 mars 2017, 09:00–16:30 (Africa/Niamey)", or over several days
    "14 mars 2017 09:00 – 16 mars 2017 13:00 (Africa/Niamey)"."""
    start, end = meeting.local_start, meeting.local_end
    values = {
        "day": date_format(start, "DATE_FORMAT"),
        "start": date_format(start, "H:i"),
        "end": date_format(end, "H:i"),
        "zone": meeting.tz.key,
    }
    if start.date() == end.date():
        return _("%(day)s, %(start)s–%(end)s (%(zone)s)") % values
    values["last_day"] = date_format(end, "DATE_FORMAT")
    return _("%(day)s %(start)s – %(last_day)s %(end)s (%(zone)s)") % values


@register.filter
def when(meeting):
    return meeting_when(meeting)


@register.filter
def local_day(meeting):
    """The meeting's first day where it takes place, short (for lists)."""
    return date_format(meeting.local_start, "SHORT_DATE_FORMAT")
