"""Attendance over the whole process, by institution and by meeting, aggregated in the database.

Each function runs a fixed number of queries whatever the number of meetings and participations (GROUP BY,
never a loop over rows), so the results dashboard can reuse them on a workspace of 200 meetings and 5,000
participations.

Only meetings that *took place* count towards attendance: those recorded as held, and those whose start has
passed unless they were cancelled or postponed. An invitation to next week's meeting does not lower an
institution's rate, and nobody is blamed for missing a meeting that did not happen.
"""

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone

from cadre.directory.models import Institution

from .models import Meeting, Participation

ATTENDED = Participation.Status.ATTENDED
SORTS = ("name", "-name", "rate", "-rate")


def took_place(prefix: str = "", now=None) -> Q:
    """Meetings that took place (see the module's docstring); `prefix` is the path to the meeting, e.g. "meeting__"."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status": Meeting.Status.HELD}) | (
        Q(**{f"{prefix}starts_at__lte": now})
        & ~Q(**{f"{prefix}status__in": [Meeting.Status.CANCELLED, Meeting.Status.POSTPONED]})
    )


def attendance_by_institution(workspace, sort: str = "name") -> list[dict]:
    """Attendance of each institution invited to the workspace's meetings that took place (3 queries).

    Returns a list of dicts, one per institution (and one with `institution` None for invitees recorded with no
    institution, if any), sorted by `sort` ("name", "-name", "rate" or "-rate"; ties by name):

    - "institution": the Institution, or None
    - "meetings_invited": number of meetings to which at least one of its people was invited
    - "meetings_attended": number of meetings at which at least one of its people was present
    - "rate": meetings_attended / meetings_invited, a float between 0 and 1 (None if invited to none)
    - "invitations": number of invitations (participations) of its people
    - "people_attended": number of distinct people of the institution who attended at least one meeting
    - "last_attended_at": start (aware datetime) of the last meeting it attended, or None
    - "last_meeting": that Meeting (title, starts_at, time_zone loaded), or None
    """
    rows = list(
        Participation.objects.filter(took_place("meeting__"), meeting__workspace=workspace)
        .order_by()
        .values("institution")
        .annotate(
            meetings_invited=Count("meeting", distinct=True),
            meetings_attended=Count("meeting", filter=Q(status=ATTENDED), distinct=True),
            invitations=Count("pk"),
            people_attended=Count("person", filter=Q(status=ATTENDED), distinct=True),
            last_attended_at=Max("meeting__starts_at", filter=Q(status=ATTENDED)),
        )
    )
    ids = [row["institution"] for row in rows if row["institution"] is not None]
    last_meeting = (
        Participation.objects.filter(
            took_place("meeting__"), meeting__workspace=workspace, institution=OuterRef("pk"), status=ATTENDED
        )
        .order_by("-meeting__starts_at", "-meeting_id")
        .values("meeting_id")[:1]
    )
    institutions = Institution.objects.filter(pk__in=ids).annotate(last_meeting_id=Subquery(last_meeting)).in_bulk()
    meeting_ids = {inst.last_meeting_id for inst in institutions.values() if inst.last_meeting_id}
    meetings = (
        Meeting.objects.filter(pk__in=meeting_ids)
        .only("pk", "workspace_id", "title_fr", "title_en", "starts_at", "time_zone")
        .in_bulk()
    )
    for meeting in meetings.values():
        meeting.workspace = workspace  # its address needs the workspace's slug: no query per meeting
    result = []
    for row in rows:
        institution = institutions.get(row["institution"])
        invited, attended = row["meetings_invited"], row["meetings_attended"]
        result.append(
            {
                "institution": institution,
                "meetings_invited": invited,
                "meetings_attended": attended,
                "rate": attended / invited if invited else None,
                "invitations": row["invitations"],
                "people_attended": row["people_attended"],
                "last_attended_at": row["last_attended_at"],
                "last_meeting": meetings.get(institution.last_meeting_id) if institution else None,
            }
        )
    return sort_rows(result, sort)


def sort_rows(rows: list[dict], sort: str) -> list[dict]:
    """Rows of `attendance_by_institution` by name or by rate (ties by name); the row without an institution
    comes last, and so do rows without a rate."""
    sort = sort if sort in SORTS else "name"
    named = sorted(
        (row for row in rows if row["institution"] is not None), key=lambda r: r["institution"].name.casefold()
    )
    unnamed = [row for row in rows if row["institution"] is None]
    if sort == "-name":
        named.reverse()
    elif sort in ("rate", "-rate"):
        sign = -1 if sort == "-rate" else 1
        named.sort(key=lambda row: (row["rate"] is None, sign * (row["rate"] or 0)))  # stable: ties stay by name
    return named + unnamed


def attendance_per_meeting(meetings):
    """These meetings (a queryset), by date, each annotated with `institutions_invited`, `institutions_present`,
    `people_invited` and `people_present` (one query). The one count of "institutions per meeting": the
    attendance page and the results dashboard both read it."""
    attended = Q(participations__status=ATTENDED)
    return (
        meetings.only("pk", "workspace_id", "kind", "status", "title_fr", "title_en", "starts_at", "time_zone")
        .annotate(
            institutions_invited=Count("participations__institution", distinct=True),
            institutions_present=Count("participations__institution", filter=attended, distinct=True),
            people_invited=Count("participations", distinct=True),
            people_present=Count("participations", filter=attended, distinct=True),
        )
        .order_by("starts_at", "pk")
    )


def mean_institutions_present(meetings) -> tuple[float | None, int]:
    """(mean number of institutions present, number of meetings counted) over meetings that took place, given
    as (institutions present, people present) pairs. A meeting where nobody was recorded present is left out:
    its attendance was not taken, which says nothing about how many institutions came."""
    counted = [institutions for institutions, people in meetings if people]
    return (sum(counted) / len(counted) if counted else None), len(counted)


def institutions_per_meeting(workspace, *, took_place_only: bool = False) -> list[dict]:
    """Each meeting of the workspace (by date) with how many institutions and people it brought together (1 query).

    Returns a list of dicts:

    - "meeting": the Meeting (workspace_id, kind, status, titles, starts_at, time_zone loaded)
    - "took_place": whether the meeting counts as having taken place (see the module's docstring)
    - "institutions_invited": distinct institutions with at least one invitee
    - "institutions_present": distinct institutions with at least one person present
    - "people_invited": invitations
    - "people_present": people present

    With `took_place_only`, meetings that did not (yet) take place are left out.
    """
    now = timezone.now()
    meetings = Meeting.objects.filter(workspace=workspace)
    if took_place_only:
        meetings = meetings.filter(took_place(now=now))
    rows = []
    for meeting in attendance_per_meeting(meetings):
        meeting.workspace = workspace
        rows.append(
            {
                "meeting": meeting,
                "took_place": meeting.status == Meeting.Status.HELD
                or (
                    meeting.starts_at <= now
                    and meeting.status not in (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED)
                ),
                "institutions_invited": meeting.institutions_invited,
                "institutions_present": meeting.institutions_present,
                "people_invited": meeting.people_invited,
                "people_present": meeting.people_present,
            }
        )
    return rows
