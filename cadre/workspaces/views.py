from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.audit import describe_changes
from cadre.core.deletion import refusal_message
from cadre.core.text import sort_key
from cadre.core.views import parse_int, render_page

from . import queries, services, timeline
from .forms import (
    ActivityForm,
    AddMemberForm,
    ExpertForm,
    MembershipForm,
    NewWorkspaceForm,
    ResultForm,
    ThemeForm,
    WorkspaceForm,
)
from .roles import ROLE_DESCRIPTIONS, Role


@login_required
def my_workspaces(request):
    memberships = list(queries.memberships_of(request.user))
    return render(request, "workspaces/mine.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def workspace_create(request):
    """Platform administrators open a new workspace (a new country or policy process)."""
    if not request.user.is_staff:
        raise PermissionDenied
    form = NewWorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workspace = services.create_workspace(form, by=request.user, institution=form.cleaned_data["institution"])
        messages.success(request, _("The workspace “%(name)s” was created.") % {"name": workspace})
        return redirect(workspace)
    return render(
        request,
        "workspaces/new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _workplan_context(workspace):
    activities = list(queries.activities_of(workspace))
    bars, months = timeline.build(workspace, activities)
    return {"activities": activities, "bars": bars, "months": months}


@login_required
def overview(request, slug):
    workspace = queries.get_workspace_for_user(request.user, slug)
    experts = list(queries.experts_of(workspace))
    experts_by_country = [
        (country, list(group)) for country, group in groupby(experts, key=lambda expert: expert.country)
    ]
    expert_countries = sorted(workspace.expert_countries.all(), key=lambda country: sort_key(country.name))
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "expert_countries": expert_countries,
        "experts_by_country": experts_by_country,
        "co_requesters": list(workspace.co_requesters.all()),
        "themes": list(queries.themes_of(workspace)),
        "results": list(queries.results_of(workspace)),
        **_workplan_context(workspace),
    }
    return render(request, "workspaces/overview.html", context)


@login_required
def workplan(request, slug):
    workspace = queries.get_workspace_for_user(request.user, slug)
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "editable": workspace.membership.can("edit_workplan"),
        "themes": list(queries.themes_of(workspace)),
        "results": list(queries.results_of(workspace)),
        "experts": list(queries.experts_of(workspace)),
        **_workplan_context(workspace),
    }
    return render_page(request, "workspaces/workplan.html", context, partial="workplan-body")


def _edit(request, workspace, form_class, save, *, instance=None, title, cancel_url, success):
    """The shared create/edit flow of the workplan's objects: GET shows the form, POST saves or re-shows it."""
    form_kwargs = {"instance": instance}
    if form_class is not WorkspaceForm:
        form_kwargs["workspace"] = workspace
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form, workspace, by=request.user)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, success % {"name": str(obj)})
            return redirect(cancel_url)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "form_page.html",
        {
            "workspace": workspace,
            "membership": workspace.membership,
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
        },
        status=status,
    )


def _confirm_delete(request, workspace, obj, delete, *, cancel_url, warning=""):
    status = 200
    if request.method == "POST":
        name = str(obj)
        try:
            delete(obj, by=request.user)
        except (ProtectedError, RestrictedError) as error:
            # Still used elsewhere (e.g. a theme by questions or answers): say by what, change nothing.
            warning = refusal_message(name, error)
            status = 400
        else:
            messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
            return redirect(cancel_url)
    return render(
        request,
        "workspaces/confirm_delete.html",
        {
            "workspace": workspace,
            "membership": workspace.membership,
            "object": obj,
            "cancel_url": cancel_url,
            "warning": warning,
        },
        status=status,
    )


def _workplan_url(workspace):
    from django.urls import reverse

    return reverse("workspaces:workplan", args=[workspace.slug])


@login_required
@require_http_methods(["GET", "POST"])
def workspace_edit(request, slug):
    workspace = queries.get_workspace_for_user(request.user, slug, "manage_workspace")
    return _edit(
        request,
        workspace,
        WorkspaceForm,
        lambda form, ws, by: services.save_workspace(form, by=by),
        instance=workspace,
        title=_("Key facts"),
        cancel_url=workspace.get_absolute_url(),
        success=_("The key facts of “%(name)s” were saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, slug):
    workspace = queries.get_workspace_for_user(request.user, slug, "edit_workplan")
    return _edit(
        request,
        workspace,
        ActivityForm,
        services.save_activity,
        title=_("New activity"),
        cancel_url=_workplan_url(workspace),
        success=_("Activity “%(name)s” was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, slug, number):
    activity = queries.get_activity_for_user(request.user, slug, number, "edit_workplan")
    return _edit(
        request,
        activity.workspace,
        ActivityForm,
        services.save_activity,
        instance=activity,
        title=_("Activity %(number)s") % {"number": activity.number},
        cancel_url=_workplan_url(activity.workspace),
        success=_("Activity “%(name)s” was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request, slug, number):
    activity = queries.get_activity_for_user(request.user, slug, number, "edit_workplan")
    return _confirm_delete(
        request, activity.workspace, activity, services.delete_activity, cancel_url=_workplan_url(activity.workspace)
    )


@login_required
@require_http_methods(["GET", "POST"])
def result_create(request, slug):
    workspace = queries.get_workspace_for_user(request.user, slug, "edit_workplan")
    return _edit(
        request,
        workspace,
        ResultForm,
        services.save_result,
        title=_("New expected result"),
        cancel_url=_workplan_url(workspace),
        success=_("Result “%(name)s” was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request, slug, number):
    result = queries.get_result_for_user(request.user, slug, number, "edit_workplan")
    return _edit(
        request,
        result.workspace,
        ResultForm,
        services.save_result,
        instance=result,
        title=_("Expected result %(number)s") % {"number": result.number},
        cancel_url=_workplan_url(result.workspace),
        success=_("Result “%(name)s” was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def result_delete(request, slug, number):
    result = queries.get_result_for_user(request.user, slug, number, "edit_workplan")
    return _confirm_delete(
        request, result.workspace, result, services.delete_result, cancel_url=_workplan_url(result.workspace)
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_create(request, slug):
    workspace = queries.get_workspace_for_user(request.user, slug, "edit_workplan")
    return _edit(
        request,
        workspace,
        ThemeForm,
        services.save_theme,
        title=_("New theme"),
        cancel_url=_workplan_url(workspace),
        success=_("Theme “%(name)s” was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request, slug, code):
    theme = queries.get_theme_for_user(request.user, slug, code, "edit_workplan")
    return _edit(
        request,
        theme.workspace,
        ThemeForm,
        services.save_theme,
        instance=theme,
        title=theme.name,
        cancel_url=_workplan_url(theme.workspace),
        success=_("Theme “%(name)s” was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_delete(request, slug, code):
    theme = queries.get_theme_for_user(request.user, slug, code, "edit_workplan")
    return _confirm_delete(
        request,
        theme.workspace,
        theme,
        services.delete_theme,
        cancel_url=_workplan_url(theme.workspace),
        warning=_("Activities tagged with this theme keep their other themes."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def expert_create(request, slug):
    workspace = queries.get_workspace_for_user(request.user, slug, "edit_workplan")
    return _edit(
        request,
        workspace,
        ExpertForm,
        services.save_expert,
        title=_("New expert"),
        cancel_url=_workplan_url(workspace),
        success=_("Expert “%(name)s” was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def expert_edit(request, slug, pk):
    expert = queries.get_expert_for_user(request.user, slug, pk, "edit_workplan")
    return _edit(
        request,
        expert.workspace,
        ExpertForm,
        services.save_expert,
        instance=expert,
        title=str(expert.person),
        cancel_url=_workplan_url(expert.workspace),
        success=_("Expert “%(name)s” was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def expert_delete(request, slug, pk):
    expert = queries.get_expert_for_user(request.user, slug, pk, "edit_workplan")
    return _confirm_delete(
        request, expert.workspace, expert, services.delete_expert, cancel_url=_workplan_url(expert.workspace)
    )


@login_required
def members(request, slug):
    workspace = queries.get_workspace_for_user(request.user, slug)
    can_manage = workspace.membership.can("manage_members")
    show_past = can_manage and request.GET.get("past") == "1"
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "members": list(queries.members_of(workspace, include_past=show_past)),
        "show_past": show_past,
        "can_manage": can_manage,
        "show_contacts": workspace.membership.can("view_contacts"),
        "roles": [(role, role.label, ROLE_DESCRIPTIONS[role]) for role in Role],
    }
    return render(request, "workspaces/members.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, slug):
    workspace = queries.get_workspace_for_user(request.user, slug, "manage_members")
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership, created = services.add_member(
                workspace,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                institution=data["institution"],
                language=data["language"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            text = (
                _("%(name)s now has an account and was invited by e-mail.")
                if created
                else _("%(name)s was added and informed by e-mail.")
            )
            messages.success(request, text % {"name": membership.user})
            return redirect("workspaces:members", slug)
    return render(
        request,
        "form_page.html",
        {
            "workspace": workspace,
            "membership": workspace.membership,
            "form": form,
            "title": _("Add a member"),
            "cancel_url": _members_url(workspace),
        },
        status=400 if request.method == "POST" else 200,
    )


def _members_url(workspace):
    from django.urls import reverse

    return reverse("workspaces:members", args=[workspace.slug])


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, slug, pk):
    member = queries.get_membership_for_user(request.user, slug, pk, "manage_members")
    workspace = member.workspace
    form = MembershipForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_member(form, by=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The membership of %(name)s was saved.") % {"name": member.user})
            return redirect("workspaces:members", slug)
    return render(
        request,
        "form_page.html",
        {
            "workspace": workspace,
            "membership": workspace.membership,
            "form": form,
            "title": _("Membership of %(name)s") % {"name": member.user},
            "cancel_url": _members_url(workspace),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def member_end(request, slug, pk):
    member = queries.get_membership_for_user(request.user, slug, pk, "manage_members")
    try:
        outcome = services.end_membership(member, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if outcome == "cancelled":
            message = _("%(name)s's planned membership is cancelled.")
        else:
            message = _("%(name)s no longer has access to this workspace.")
        messages.success(request, message % {"name": member.user})
    return redirect("workspaces:members", slug)


@login_required
def history(request, slug):
    workspace = queries.get_workspace_for_user(request.user, slug, "view_history")
    actor_id = parse_int(request.GET.get("person", None))
    type_id = parse_int(request.GET.get("type", None))
    events = queries.history_of(workspace, actor_id=actor_id, content_type_id=type_id)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.rows = describe_changes(event)
        model = event.content_type.model_class()
        event.type_label = model._meta.verbose_name if model else event.content_type.model
    actors, types = queries.history_filters(workspace)
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "page": page,
        "actors": actors,
        "types": [(ct.pk, ct.model_class()._meta.verbose_name if ct.model_class() else ct.model) for ct in types],
        "selected_person": actor_id,
        "selected_type": type_id,
    }
    return render_page(request, "workspaces/history.html", context, partial="history-list")
