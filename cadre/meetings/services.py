"""Every change to meetings goes through a named function here (one transaction, recorded).

Participants, invitations and check-in have their own module (`participants.py`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cadre.core.deletion import refusal
from cadre.core.services import change_by

from .models import ActionPoint, AgendaItem, Decision, Material, Meeting

# A change of any of these must reach the calendars that hold the invitation (iCalendar SEQUENCE).
CALENDAR_FIELDS = ("title_fr", "title_en", "starts_at", "ends_at", "time_zone", "place", "online_link")
# Statuses a calendar shows differently; "held" is a record for us, not news for a calendar.
CALENDAR_STATUSES = (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED)
HELD_TOO_EARLY = _lazy("A meeting can be recorded as held only once it has started.")


def _calendar_changed(before: dict, meeting: Meeting) -> bool:
    if any(before[name] != getattr(meeting, name) for name in CALENDAR_FIELDS):
        return True
    old, new = before["status"], meeting.status
    return old != new and (old in CALENDAR_STATUSES or new in CALENDAR_STATUSES)


def _previous(meeting):
    if meeting.pk is None:
        return None
    return Meeting.objects.filter(pk=meeting.pk).values(*CALENDAR_FIELDS, "status", "sequence").first()


# --- meetings ------------------------------------------------------------------------------------------


def save_meeting(form, *, by) -> Meeting:
    """Create or change a meeting (its themes and facilitators too). A change that a calendar shows raises the
    meeting's sequence, so that calendars holding the invitation replace it."""
    before = _previous(form.instance)
    with change_by(by):
        meeting = form.save(commit=False)
        meeting.workspace = form.workspace
        if before is not None and _calendar_changed(before, meeting):
            meeting.sequence = before["sequence"] + 1
        meeting.full_clean()
        meeting.save()
        form.save_m2m()
    return meeting


def set_meeting_status(meeting, status, *, by) -> Meeting:
    if status not in Meeting.Status.values:
        raise ValidationError(_("Unknown status."))
    if status == Meeting.Status.HELD and meeting.starts_at > timezone.now():
        raise ValidationError(HELD_TOO_EARLY)
    before = _previous(meeting)
    with change_by(by):
        meeting.status = status
        fields = ["status", "updated_at"]
        if _calendar_changed(before, meeting):
            meeting.sequence = before["sequence"] + 1
            fields.append("sequence")
        meeting.save(update_fields=fields)
    return meeting


def delete_meeting(meeting, *, by) -> None:
    """Delete a meeting with its agenda, invitees, materials and decisions; its action points stay in the
    workspace's follow-up. Refused when tests were given at it: their answers are results of the support action."""
    files = list(meeting.materials.values_list("file", flat=True))
    try:
        with change_by(by):
            meeting.delete()
            transaction.on_commit(lambda: _delete_files(files))
    except (ProtectedError, RestrictedError) as error:
        blocking = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
        if any(obj._meta.label == "assessments.Attempt" for obj in blocking):
            raise ValidationError(
                _(
                    "Participants answered tests at this meeting: it cannot be deleted, because their answers are "
                    "results of the support action. Mark it cancelled instead."
                )
            ) from error
        kinds = refusal(error)
        raise ValidationError(
            _(
                "This meeting cannot be deleted: %(things)s recorded at it depend on it. Mark it cancelled instead, "
                "or remove them first."
            )
            % {"things": ", ".join(kinds)}
        ) from error


def _delete_files(names):
    storage = Material._meta.get_field("file").storage
    for name in names:
        if name:
            storage.delete(name)


# --- agenda --------------------------------------------------------------------------------------------


def _next_order(queryset) -> int:
    highest = queryset.aggregate(m=Max("order"))["m"]
    return 0 if highest is None else highest + 1


def save_agenda_item(form, *, meeting, by) -> AgendaItem:
    with change_by(by):
        item = form.save(commit=False)
        item.meeting = meeting
        if item.pk is None:
            item.order = _next_order(AgendaItem.objects.filter(meeting=meeting))
        item.full_clean()
        item.save()
        form.save_m2m()
    return item


def move_agenda_item(item, direction, *, by) -> None:
    """Move an item one place up or down the agenda (the others keep their relative order)."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Unknown direction."))
    with change_by(by):
        items = list(AgendaItem.objects.select_for_update().filter(meeting_id=item.meeting_id))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index - 1 if direction == "up" else index + 1
        if not 0 <= target < len(items):
            return
        items[index], items[target] = items[target], items[index]
        for order, other in enumerate(items):
            if other.order != order:
                other.order = order
                other.save(update_fields=["order", "updated_at"])


def delete_agenda_item(item, *, by) -> None:
    """Its materials stay with the meeting."""
    with change_by(by):
        item.delete()


# --- materials -----------------------------------------------------------------------------------------


def add_material(meeting, *, upload, title, kind, agenda_item=None, by) -> Material:
    """Store an uploaded file (already checked by the form) as a material of the meeting or of an agenda item."""
    material = Material(
        meeting=meeting,
        agenda_item=agenda_item,
        kind=kind,
        title=title,
        original_name=upload.name,
        size=upload.size,
        content_type=getattr(upload, "checked_content_type", "") or "",
        uploaded_by=by,
    )
    try:
        with change_by(by):
            material.file.save(upload.name, upload, save=False)
            material.full_clean()
            material.save()
    except Exception:
        if material.file.name:
            material.file.storage.delete(material.file.name)
        raise
    return material


def delete_material(material, *, by) -> None:
    name = material.file.name
    with change_by(by):
        material.delete()
        transaction.on_commit(lambda: _delete_files([name]))


# --- minutes and decisions -----------------------------------------------------------------------------


def save_minutes(meeting, minutes, *, by) -> Meeting:
    with change_by(by):
        meeting.minutes = minutes
        meeting.save(update_fields=["minutes", "updated_at"])
    return meeting


def save_decision(form, *, meeting, by) -> Decision:
    with change_by(by):
        decision = form.save(commit=False)
        decision.meeting = meeting
        if decision.pk is None:
            decision.order = _next_order(Decision.objects.filter(meeting=meeting))
        decision.full_clean()
        decision.save()
    return decision


def delete_decision(decision, *, by) -> None:
    with change_by(by):
        decision.delete()


# --- action points -------------------------------------------------------------------------------------


def _reopened(action_point):
    if action_point.status in ActionPoint.OPEN_STATUSES:
        action_point.closed_at_meeting = None


def save_action_point(form, *, by, meeting=None) -> ActionPoint:
    """Create an action point (raised at `meeting`, if given) or change one."""
    with change_by(by):
        action_point = form.save(commit=False)
        action_point.workspace = form.workspace
        if action_point.pk is None and meeting is not None:
            action_point.meeting = meeting
        _reopened(action_point)
        action_point.full_clean()
        action_point.save()
    return action_point


def update_action_point_progress(action_point, *, status, progress_note, by) -> ActionPoint:
    """What those given an action point may change: its status and the note on its progress."""
    if status not in ActionPoint.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    with change_by(by):
        action_point.status = status
        action_point.progress_note = progress_note
        _reopened(action_point)
        action_point.full_clean()
        action_point.save()
    return action_point


def close_action_point_at(action_point, meeting, *, by) -> ActionPoint:
    """Record that a meeting found the action point done: closed on the meeting's day, at that meeting."""
    if meeting.workspace_id != action_point.workspace_id:
        raise ValidationError(_("This meeting belongs to another workspace."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("An action point can be closed only at a meeting that has taken place."))
    raised_at = action_point.meeting
    if raised_at is not None and meeting.starts_at < raised_at.starts_at:
        raise ValidationError(_("This meeting took place before the action point was raised."))
    with change_by(by):
        # Read again, locked: someone may have closed it since the page was shown (two clicks, two people).
        status = ActionPoint.objects.select_for_update().filter(pk=action_point.pk).values_list("status", flat=True)
        if status.first() not in ActionPoint.OPEN_STATUSES:
            raise ValidationError(_("This action point is already closed."))
        action_point.status = ActionPoint.Status.DONE
        action_point.closed_on = meeting.local_start.date()
        action_point.closed_at_meeting = meeting
        action_point.full_clean()
        action_point.save()
    return action_point


def delete_action_point(action_point, *, by) -> None:
    with change_by(by):
        action_point.delete()
