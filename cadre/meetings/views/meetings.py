"""Meetings: the list, one meeting with everything recorded about it, entering and editing it, its agenda."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.navigation import panels_for
from cadre.core.views import render_page
from cadre.drafting.queries import section_numbers
from cadre.workspaces.queries import get_workspace_for_user

from .. import queries, services
from ..forms import AgendaItemForm, MeetingFilterForm, MeetingForm, StatusForm
from ..models import Meeting
from .common import apply_errors, confirm_delete, context_for, form_page

PAGE_SIZE = 25


@login_required
def meeting_list(request, slug):
    workspace = get_workspace_for_user(request.user, slug)
    filters = MeetingFilterForm(request.GET or None, workspace=workspace)
    page = Paginator(queries.meetings_of(workspace, filters.criteria()), PAGE_SIZE).get_page(request.GET.get("page"))
    for meeting in page.object_list:
        meeting.workspace = workspace
    context = context_for(
        workspace,
        filters=filters,
        page=page,
        can_run=workspace.membership.can("run_sessions"),
        counts=queries.action_point_counts(workspace),
    )
    return render_page(request, "meetings/meeting_list.html", context, partial="results")


def _number_sections(agenda, workspace):
    """Give each section listed on the agenda its number in its document (one query per document)."""
    documents = {}
    for item in agenda:
        for section in item.sections.all():
            documents.setdefault(section.document_id, section.document)
    numbers = {}
    for document in documents.values():
        numbers.update(section_numbers(document))
    for item in agenda:
        for section in item.sections.all():
            section.number = numbers.get(section.pk, "")


@login_required
def meeting_detail(request, slug, pk):
    meeting = queries.get_meeting_for_user(request.user, slug, pk)
    workspace = meeting.workspace
    membership = workspace.membership
    agenda = list(queries.agenda_of(meeting))
    _number_sections(agenda, workspace)
    materials = list(queries.materials_of(meeting))
    raised = list(queries.raised_at(meeting))
    follow_up = list(queries.follow_up_of(meeting))
    for action_point in raised + follow_up:
        action_point.workspace = workspace
        action_point.can_update = queries.can_update_action_point(membership, action_point)
    has_started = meeting.starts_at <= timezone.now()
    context = context_for(
        workspace,
        meeting=meeting,
        themes=list(meeting.themes.order_by("order", "pk")),
        facilitators=list(queries.facilitators_of(meeting)),
        agenda=agenda,
        general_materials=[material for material in materials if material.agenda_item_id is None],
        materials=materials,
        decisions=list(queries.decisions_of(meeting)),
        raised=raised,
        follow_up=follow_up,
        counts=queries.participation_counts(meeting),
        can_run=membership.can("run_sessions"),
        close_meeting=meeting if has_started and membership.can("run_sessions") else None,
        status_actions=_status_actions(has_started),
        panels=panels_for("meetings.meeting", meeting, membership),
    )
    return render_page(request, "meetings/meeting_detail.html", context)


def _status_actions(has_started):
    actions = [(Meeting.Status.HELD, _("Mark as held"))] if has_started else []
    return actions + [
        (Meeting.Status.POSTPONED, _("Mark as postponed")),
        (Meeting.Status.CANCELLED, _("Mark as cancelled")),
        (Meeting.Status.PLANNED, _("Mark as planned again")),
    ]


def _meeting_form(request, workspace, meeting=None):
    form = MeetingForm(request.POST or None, instance=meeting or Meeting(workspace=workspace), workspace=workspace)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_meeting(form, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The meeting “%(name)s” was saved.") % {"name": saved})
            return redirect(saved.get_absolute_url())
    title = _("New meeting") if meeting is None else _("Edit “%(name)s”") % {"name": meeting}
    cancel = meeting.get_absolute_url() if meeting else reverse("meetings:meetings", args=[workspace.slug])
    return form_page(request, workspace, form, title, cancel_url=cancel)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, slug):
    workspace = get_workspace_for_user(request.user, slug, "run_sessions")
    return _meeting_form(request, workspace)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug, pk):
    meeting = queries.get_meeting_for_user(request.user, slug, pk, "run_sessions")
    return _meeting_form(request, meeting.workspace, meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_delete(request, slug, pk):
    meeting = queries.get_meeting_for_user(request.user, slug, pk, "run_sessions")
    workspace = meeting.workspace
    if request.method == "POST":
        name = str(meeting)
        try:
            services.delete_meeting(meeting, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(meeting.get_absolute_url())
        messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
        return redirect("meetings:meetings", workspace.slug)
    warning = _("Its agenda, invitees, materials and decisions are deleted with it; its action points are kept.")
    return confirm_delete(request, workspace, meeting, cancel_url=meeting.get_absolute_url(), warning=warning)


@login_required
@require_POST
def meeting_status(request, slug, pk):
    """Record that the meeting was held, or is cancelled, postponed or planned again."""
    meeting = queries.get_meeting_for_user(request.user, slug, pk, "run_sessions")
    form = StatusForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Unknown status."))
    try:
        services.set_meeting_status(meeting, form.cleaned_data["status"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting.get_absolute_url())
    messages.success(request, _("The meeting is now “%(status)s”.") % {"status": meeting.get_status_display()})
    return redirect(meeting.get_absolute_url())


# --- agenda --------------------------------------------------------------------------------------------


def _agenda_form(request, meeting, item=None):
    workspace = meeting.workspace
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_agenda_item(form, meeting=meeting, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The agenda item “%(name)s” was saved.") % {"name": saved})
            return redirect(f"{meeting.get_absolute_url()}#agenda")
    title = (
        _("New agenda item for “%(meeting)s”") % {"meeting": meeting}
        if item is None
        else _("Edit “%(name)s”") % {"name": item}
    )
    return form_page(request, workspace, form, title, cancel_url=f"{meeting.get_absolute_url()}#agenda")


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_create(request, slug, pk):
    meeting = queries.get_meeting_for_user(request.user, slug, pk, "run_sessions")
    return _agenda_form(request, meeting)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, slug, pk, item_pk):
    item = queries.get_agenda_item_for_user(request.user, slug, pk, item_pk, "run_sessions")
    return _agenda_form(request, item.meeting, item)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_delete(request, slug, pk, item_pk):
    item = queries.get_agenda_item_for_user(request.user, slug, pk, item_pk, "run_sessions")
    meeting = item.meeting
    if request.method == "POST":
        name = str(item)
        services.delete_agenda_item(item, by=request.user)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
        return redirect(f"{meeting.get_absolute_url()}#agenda")
    warning = _("Its materials stay with the meeting.")
    return confirm_delete(
        request, meeting.workspace, item, cancel_url=f"{meeting.get_absolute_url()}#agenda", warning=warning
    )


@login_required
@require_POST
def agenda_item_move(request, slug, pk, item_pk):
    item = queries.get_agenda_item_for_user(request.user, slug, pk, item_pk, "run_sessions")
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest(_("Unknown direction."))
    services.move_agenda_item(item, direction, by=request.user)
    return redirect(f"{item.meeting.get_absolute_url()}#agenda")
