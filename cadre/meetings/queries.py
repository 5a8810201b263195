"""Every read of meetings data on behalf of a user goes through here.

Outside the workspace → 404; a role without the capability → 403. Preparing and recording meetings (agenda,
materials, minutes, decisions, action points) needs `run_sessions`. An action point's progress may also be
reported by the people it was given to: members and partners of its owner institution, and its owner person
when that person has an account.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cadre.drafting.models import Section
from cadre.workspaces.models import Expert, Theme
from cadre.workspaces.queries import get_workspace_for_user

from .models import ActionPoint, AgendaItem, Decision, Material, Meeting, Participation

# --- access to one object ------------------------------------------------------------------------------


def get_meeting_for_user(user, slug, pk, capability="view") -> Meeting:
    """The meeting of the workspace `slug`, with `.workspace.membership` set to the user's membership."""
    workspace = get_workspace_for_user(user, slug, capability)
    meeting = get_object_or_404(
        Meeting.objects.select_related("activity", "host_institution"), workspace=workspace, pk=pk
    )
    meeting.workspace = workspace
    return meeting


def get_agenda_item_for_user(user, slug, pk, item_pk, capability="view") -> AgendaItem:
    meeting = get_meeting_for_user(user, slug, pk, capability)
    item = get_object_or_404(AgendaItem, meeting=meeting, pk=item_pk)
    item.meeting = meeting
    return item


def get_material_for_user(user, slug, pk, material_pk, capability="view") -> Material:
    meeting = get_meeting_for_user(user, slug, pk, capability)
    material = get_object_or_404(Material.objects.select_related("agenda_item"), meeting=meeting, pk=material_pk)
    material.meeting = meeting
    return material


def get_decision_for_user(user, slug, pk, decision_pk, capability="view") -> Decision:
    meeting = get_meeting_for_user(user, slug, pk, capability)
    decision = get_object_or_404(Decision, meeting=meeting, pk=decision_pk)
    decision.meeting = meeting
    return decision


def can_update_action_point(membership, action_point) -> bool:
    """Report progress (status and note): whoever runs sessions, and those the action point was given to."""
    if membership.can("run_sessions"):
        return True
    if not membership.can("comment"):  # observers read only
        return False
    if action_point.owner_institution_id and action_point.owner_institution_id == membership.institution_id:
        return True
    owner = action_point.owner_person
    return owner is not None and owner.user_id is not None and owner.user_id == membership.user_id


def get_action_point_for_user(user, slug, pk, capability="view") -> ActionPoint:
    """The action point; `capability="update"` asks whether this user may report its progress."""
    workspace = get_workspace_for_user(user, slug, "view" if capability == "update" else capability)
    action_point = get_object_or_404(
        ActionPoint.objects.select_related("meeting", "owner_person", "owner_institution", "closed_at_meeting"),
        workspace=workspace,
        pk=pk,
    )
    action_point.workspace = workspace
    if capability == "update" and not can_update_action_point(workspace.membership, action_point):
        raise PermissionDenied
    return action_point


# --- meetings ------------------------------------------------------------------------------------------

UPCOMING, PAST = "upcoming", "past"


@dataclass(frozen=True)
class MeetingFilters:
    """The criteria of the meeting list (all optional)."""

    kind: str = ""
    status: str = ""
    theme: int | None = None
    activity: int | None = None
    when: str = ""  # "upcoming" (not yet over), "past" or "" for all


def _count_of(queryset, field="meeting"):
    """A correlated COUNT, so several counts of one row do not multiply each other as joins would."""
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
        ),
        Value(0),
        output_field=IntegerField(),
    )


def meetings_of(workspace, filters: MeetingFilters | None = None):
    """The workspace's meetings matching the filters, with the counts the list shows (fixed number of queries)."""
    filters = filters or MeetingFilters()
    meetings = Meeting.objects.filter(workspace=workspace)
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.theme:
        meetings = meetings.filter(Q(themes=filters.theme) | Q(agenda__themes=filters.theme)).distinct()
    if filters.activity:
        meetings = meetings.filter(activity=filters.activity)
    now = timezone.now()
    if filters.when == UPCOMING:
        meetings = meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")
    elif filters.when == PAST:
        meetings = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        meetings = meetings.order_by("-starts_at", "-pk")
    participations = Participation.objects.all()
    return (
        meetings.select_related("activity", "host_institution")
        .defer("minutes", "description")
        .annotate(
            invited_count=_count_of(participations),
            attended_count=_count_of(participations.filter(status=Participation.Status.ATTENDED)),
            open_action_count=_count_of(ActionPoint.objects.filter(status__in=ActionPoint.OPEN_STATUSES)),
        )
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "pk")))
    )


def facilitators_of(meeting):
    return meeting.facilitators.select_related("person", "country").order_by("person__full_name")


def agenda_of(meeting):
    """The agenda in order, each item with its themes, sections (and their documents) and materials."""
    return AgendaItem.objects.filter(meeting=meeting).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("order", "pk")),
        Prefetch("sections", queryset=Section.objects.select_related("document__workspace").defer("body")),
        Prefetch("materials", queryset=Material.objects.order_by("pk")),
    )


def materials_of(meeting):
    return Material.objects.filter(meeting=meeting).select_related("agenda_item", "uploaded_by")


def decisions_of(meeting):
    return Decision.objects.filter(meeting=meeting).order_by("order", "pk")


def participation_counts(meeting) -> dict:
    """{status: count} of the meeting's invitees, and "total", in one query."""
    rows = Participation.objects.filter(meeting=meeting).order_by().values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    counts["total"] = sum(counts.values())
    return counts


# --- action points -------------------------------------------------------------------------------------

OPEN, OVERDUE, CLOSED, ALL = "open", "overdue", "closed", "all"


@dataclass(frozen=True)
class ActionPointFilters:
    state: str = OPEN  # open (open or in progress), overdue, closed (done or dropped), all
    institution: int | None = None  # owner institution
    meeting: int | None = None  # raised at


def _action_points(workspace):
    return ActionPoint.objects.filter(workspace=workspace).select_related(
        "meeting", "owner_person", "owner_institution", "closed_at_meeting"
    )


def action_points_of(workspace, filters: ActionPointFilters | None = None):
    """The workspace's action points matching the filters: the most urgent first."""
    filters = filters or ActionPointFilters()
    points = _action_points(workspace)
    today = timezone.localdate()
    if filters.state == OPEN:
        points = points.filter(status__in=ActionPoint.OPEN_STATUSES)
    elif filters.state == OVERDUE:
        points = points.filter(status__in=ActionPoint.OPEN_STATUSES, due_date__lt=today)
    elif filters.state == CLOSED:
        points = points.exclude(status__in=ActionPoint.OPEN_STATUSES)
    if filters.institution:
        points = points.filter(owner_institution=filters.institution)
    if filters.meeting:
        points = points.filter(meeting=filters.meeting)
    if filters.state == CLOSED:
        return points.order_by("-closed_on", "-pk")
    # The earliest due on top, undated ones last.
    return points.order_by(F("due_date").asc(nulls_last=True), "pk")


def action_point_tally(points) -> dict:
    """Total, open, overdue, done, done on time and dropped among these action points, in one query.

    The one definition of these figures (the meetings pages and the results dashboard both use it): done on time
    is done with a closing day on or before the due day, or with no due day (`ActionPoint.closed_on_time`).
    """
    today = timezone.localdate()
    is_open = Q(status__in=ActionPoint.OPEN_STATUSES)
    done = Q(status=ActionPoint.Status.DONE)
    on_time = done & Q(closed_on__isnull=False) & (Q(due_date__isnull=True) | Q(closed_on__lte=F("due_date")))
    return points.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=is_open),
        overdue=Count("pk", filter=is_open & Q(due_date__lt=today)),
        done=Count("pk", filter=done),
        done_on_time=Count("pk", filter=on_time),
        dropped=Count("pk", filter=Q(status=ActionPoint.Status.DROPPED)),
    )


def action_point_counts(workspace) -> dict:
    """The tally of every action point of the workspace (see `action_point_tally`)."""
    return action_point_tally(ActionPoint.objects.filter(workspace=workspace))


def raised_at(meeting):
    """The action points raised at this meeting."""
    return _action_points(meeting.workspace).filter(meeting=meeting).order_by("pk")


def follow_up_of(meeting):
    """What this meeting follows up: action points raised at earlier meetings (or outside any meeting) that are
    still open, and those closed at this meeting. An action point is carried from meeting to meeting until closed."""
    earlier = Q(meeting__isnull=True) | Q(meeting__starts_at__lt=meeting.starts_at)
    still_open = Q(status__in=ActionPoint.OPEN_STATUSES)
    return (
        _action_points(meeting.workspace)
        .exclude(meeting=meeting)
        .filter((earlier & still_open) | Q(closed_at_meeting=meeting))
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


# --- where a strategy section is discussed (the panel on the section page) -------------------------------


def agenda_items_discussing(section):
    """The agenda items that list this section, with their meetings, in date order (one query)."""
    return (
        AgendaItem.objects.filter(sections=section)
        .select_related("meeting", "meeting__workspace")
        .only(
            "title_fr",
            "title_en",
            "meeting__title_fr",
            "meeting__title_en",
            "meeting__starts_at",
            "meeting__time_zone",
            "meeting__status",
            "meeting__kind",
            "meeting__workspace__slug",
        )
        .order_by("meeting__starts_at", "order", "pk")
    )


# --- choices for forms -----------------------------------------------------------------------------------


def experts_of(workspace):
    return Expert.objects.filter(workspace=workspace).select_related("person", "country")
