"""Every read of workspace data on behalf of a user goes through here.

One helper per object type decides access: a user outside the workspace gets 404 (its existence is not
revealed); a member whose role lacks the capability gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from cadre.core.models import AuditEvent

from .models import ExpectedResult, Expert, Membership, Theme, WorkplanActivity, Workspace


def memberships_of(user):
    """The user's current memberships, with their workspaces, for "my workspaces"."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.current()
        .filter(user=user)
        .select_related("workspace", "workspace__country", "workspace__requesting_authority", "institution")
        .order_by("-workspace__start_date", "workspace__title_fr")
    )


def get_workspace_for_user(user, slug: str, capability: str = "view") -> Workspace:
    """The workspace, with `.membership` set to the user's current membership.

    404 if the user is not a current member; 403 if their role lacks `capability`.
    """
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.current()
        .select_related("workspace", "workspace__country", "workspace__requesting_authority", "institution")
        .filter(user=user, workspace__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404
    if not membership.can(capability):
        raise PermissionDenied
    workspace = membership.workspace
    workspace.membership = membership
    return workspace


def get_activity_for_user(user, slug: str, number: int, capability: str = "view") -> WorkplanActivity:
    workspace = get_workspace_for_user(user, slug, capability)
    activity = get_object_or_404(WorkplanActivity, workspace=workspace, number=number)
    activity.workspace = workspace
    return activity


def get_result_for_user(user, slug: str, number: int, capability: str = "view") -> ExpectedResult:
    workspace = get_workspace_for_user(user, slug, capability)
    result = get_object_or_404(ExpectedResult, workspace=workspace, number=number)
    result.workspace = workspace
    return result


def get_theme_for_user(user, slug: str, code: str, capability: str = "view") -> Theme:
    workspace = get_workspace_for_user(user, slug, capability)
    theme = get_object_or_404(Theme, workspace=workspace, code=code)
    theme.workspace = workspace
    return theme


def get_expert_for_user(user, slug: str, pk: int, capability: str = "view") -> Expert:
    workspace = get_workspace_for_user(user, slug, capability)
    expert = get_object_or_404(Expert.objects.select_related("person", "country"), workspace=workspace, pk=pk)
    expert.workspace = workspace
    return expert


def get_membership_for_user(user, slug: str, pk: int, capability: str = "view") -> Membership:
    workspace = get_workspace_for_user(user, slug, capability)
    membership = get_object_or_404(Membership.objects.select_related("user", "institution"), workspace=workspace, pk=pk)
    membership.workspace = workspace
    return membership


# --- Lists of a workspace (each a fixed number of queries, whatever the number of rows) ----------------


def themes_of(workspace):
    return Theme.objects.filter(workspace=workspace)


def activities_of(workspace):
    return (
        WorkplanActivity.objects.filter(workspace=workspace)
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order", "pk")),
            Prefetch("experts", queryset=Expert.objects.select_related("person", "country")),
        )
        .order_by("number")
    )


def results_of(workspace):
    return ExpectedResult.objects.filter(workspace=workspace).order_by("number")


def experts_of(workspace):
    return Expert.objects.filter(workspace=workspace).select_related("person", "person__institution", "country")


def members_of(workspace, *, include_past: bool = False):
    memberships = Membership.objects.filter(workspace=workspace)
    if not include_past:
        memberships = memberships.current()
    return memberships.select_related("user", "institution").order_by("role", "user__full_name")


def history_of(workspace, *, actor_id=None, content_type_id=None):
    events = AuditEvent.objects.filter(workspace_id=workspace.pk).select_related("actor", "content_type")
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if content_type_id:
        events = events.filter(content_type_id=content_type_id)
    return events


def history_filters(workspace):
    """The people and object types that appear in a workspace's history, for the filter menus."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    events = AuditEvent.objects.filter(workspace_id=workspace.pk)
    actors = get_user_model().objects.filter(pk__in=events.values("actor_id")).order_by("full_name")
    types = ContentType.objects.filter(pk__in=events.values("content_type_id"))
    return actors, sorted(
        types, key=lambda ct: str(ct.model_class()._meta.verbose_name) if ct.model_class() else ct.model
    )
