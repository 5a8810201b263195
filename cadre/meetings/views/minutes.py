"""What a meeting leaves behind: minutes, decisions and action points, followed up until they are closed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.views import render_page
from cadre.workspaces.queries import get_workspace_for_user

from .. import queries, services
from ..forms import ActionPointFilterForm, ActionPointForm, DecisionForm, MinutesForm, ProgressForm
from ..models import ActionPoint
from .common import apply_errors, confirm_delete, context_for, form_page

PAGE_SIZE = 50


# --- minutes -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, slug, pk):
    meeting = queries.get_meeting_for_user(request.user, slug, pk, "run_sessions")
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        services.save_minutes(meeting, form.cleaned_data["minutes"], by=request.user)
        messages.success(request, _("The minutes were saved."))
        return redirect(f"{meeting.get_absolute_url()}#minutes")
    context = context_for(
        meeting.workspace, meeting=meeting, form=form, cancel_url=f"{meeting.get_absolute_url()}#minutes"
    )
    return render(request, "meetings/minutes_form.html", context, status=400 if request.method == "POST" else 200)


# --- decisions -----------------------------------------------------------------------------------------


def _decision_form(request, meeting, decision=None):
    form = DecisionForm(request.POST or None, instance=decision)
    back = f"{meeting.get_absolute_url()}#decisions"
    if request.method == "POST" and form.is_valid():
        try:
            services.save_decision(form, meeting=meeting, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The decision was saved."))
            return redirect(back)
    title = _("New decision of “%(meeting)s”") % {"meeting": meeting} if decision is None else _("Edit the decision")
    return form_page(request, meeting.workspace, form, title, cancel_url=back)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request, slug, pk):
    meeting = queries.get_meeting_for_user(request.user, slug, pk, "run_sessions")
    return _decision_form(request, meeting)


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, slug, pk, decision_pk):
    decision = queries.get_decision_for_user(request.user, slug, pk, decision_pk, "run_sessions")
    return _decision_form(request, decision.meeting, decision)


@login_required
@require_http_methods(["GET", "POST"])
def decision_delete(request, slug, pk, decision_pk):
    decision = queries.get_decision_for_user(request.user, slug, pk, decision_pk, "run_sessions")
    meeting = decision.meeting
    back = f"{meeting.get_absolute_url()}#decisions"
    if request.method == "POST":
        services.delete_decision(decision, by=request.user)
        messages.success(request, _("The decision was deleted."))
        return redirect(back)
    return confirm_delete(request, meeting.workspace, decision, cancel_url=back)


# --- action points -------------------------------------------------------------------------------------


@login_required
def action_point_list(request, slug):
    """Every action point of the workspace, open ones first: the follow-up between meetings."""
    workspace = get_workspace_for_user(request.user, slug)
    membership = workspace.membership
    filters = ActionPointFilterForm(request.GET or None, workspace=workspace)
    page = Paginator(queries.action_points_of(workspace, filters.criteria()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for action_point in page.object_list:
        action_point.workspace = workspace
        action_point.can_update = queries.can_update_action_point(membership, action_point)
    context = context_for(
        workspace,
        filters=filters,
        page=page,
        counts=queries.action_point_counts(workspace),
        can_run=membership.can("run_sessions"),
    )
    return render_page(request, "meetings/action_point_list.html", context, partial="results")


def _back_to(request, action_point):
    """Where to return after changing an action point: the meeting it came from, else the list."""
    if request.GET.get("from") == "list" or action_point.meeting_id is None:
        return reverse("meetings:action_points", args=[action_point.workspace.slug])
    return reverse("meetings:meeting", args=[action_point.workspace.slug, action_point.meeting_id]) + "#action-points"


@login_required
@require_http_methods(["GET", "POST"])
def action_point_create(request, slug, pk):
    meeting = queries.get_meeting_for_user(request.user, slug, pk, "run_sessions")
    workspace = meeting.workspace
    form = ActionPointForm(request.POST or None, instance=ActionPoint(workspace=workspace), workspace=workspace)
    back = f"{meeting.get_absolute_url()}#action-points"
    if request.method == "POST" and form.is_valid():
        try:
            services.save_action_point(form, meeting=meeting, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The action point was saved."))
            return redirect(back)
    title = _("New action point of “%(meeting)s”") % {"meeting": meeting}
    return form_page(request, workspace, form, title, cancel_url=back)


@login_required
@require_http_methods(["GET", "POST"])
def action_point_edit(request, slug, ap_pk):
    """Whoever runs sessions changes everything; those the point was given to report status and progress."""
    action_point = queries.get_action_point_for_user(request.user, slug, ap_pk, "update")
    workspace = action_point.workspace
    back = _back_to(request, action_point)
    if workspace.membership.can("run_sessions"):
        form = ActionPointForm(request.POST or None, instance=action_point, workspace=workspace)
        if request.method == "POST" and form.is_valid():
            try:
                services.save_action_point(form, by=request.user)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The action point was saved."))
                return redirect(back)
    else:
        initial = {"status": action_point.status, "progress_note": action_point.progress_note}
        form = ProgressForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.update_action_point_progress(action_point, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The progress of the action point was saved."))
                return redirect(back)
    return form_page(
        request,
        workspace,
        form,
        _("Action point"),
        cancel_url=back,
        template="meetings/action_point_form.html",
        action_point=action_point,
    )


@login_required
@require_POST
def action_point_close(request, slug, pk, ap_pk):
    """Record, at a meeting, that an action point carried to it is done."""
    meeting = queries.get_meeting_for_user(request.user, slug, pk, "run_sessions")
    action_point = get_object_or_404(
        ActionPoint.objects.select_related("meeting"), workspace=meeting.workspace, pk=ap_pk
    )
    try:
        services.close_action_point_at(action_point, meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The action point was closed at this meeting."))
    return redirect(f"{meeting.get_absolute_url()}#follow-up")


@login_required
@require_http_methods(["GET", "POST"])
def action_point_delete(request, slug, ap_pk):
    action_point = queries.get_action_point_for_user(request.user, slug, ap_pk, "run_sessions")
    back = _back_to(request, action_point)
    if request.method == "POST":
        services.delete_action_point(action_point, by=request.user)
        messages.success(request, _("The action point was deleted."))
        return redirect(back)
    return confirm_delete(request, action_point.workspace, action_point, cancel_url=back)
