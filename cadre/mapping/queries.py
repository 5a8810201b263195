"""Every read of mapping data on behalf of a user goes through here.

Outside the workspace → 404; a role without the capability → 403. A partner (and a member) edits only the
interventions in which their institution takes part; the secretariat edits all.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch, Q
from django.shortcuts import get_object_or_404

from cadre.core.cache import cached_value
from cadre.directory.models import Institution
from cadre.workspaces.queries import get_workspace_for_user
from cadre.workspaces.roles import Role

from .models import Cell, ImportRun, Intervention, Location, MappingInterview, Participation


def can_edit_intervention(membership, intervention) -> bool:
    if membership.role == Role.SECRETARIAT:
        return True
    if not membership.can("contribute_mapping") or not membership.institution_id:
        return False
    institution_ids = getattr(intervention, "institution_ids", None)
    if institution_ids is None:
        institution_ids = set(intervention.participations.values_list("institution_id", flat=True))
    return membership.institution_id in institution_ids


def get_intervention_for_user(user, slug, pk, capability="view") -> Intervention:
    """The intervention; `capability="edit"` asks whether this user may change this very intervention."""
    workspace = get_workspace_for_user(user, slug, "view" if capability == "edit" else capability)
    intervention = get_object_or_404(Intervention.objects.select_related("parent"), workspace=workspace, pk=pk)
    intervention.workspace = workspace
    intervention.institution_ids = set(intervention.participations.values_list("institution_id", flat=True))
    if capability == "edit" and not can_edit_intervention(workspace.membership, intervention):
        raise PermissionDenied
    return intervention


def get_interview_for_user(user, slug, pk, capability="view") -> MappingInterview:
    workspace = get_workspace_for_user(user, slug, capability)
    interview = get_object_or_404(MappingInterview.objects.select_related("institution"), workspace=workspace, pk=pk)
    interview.workspace = workspace
    return interview


def get_import_run_for_user(user, slug, pk, capability="import_mapping") -> ImportRun:
    workspace = get_workspace_for_user(user, slug, capability)
    run = get_object_or_404(ImportRun, workspace=workspace, pk=pk)
    run.workspace = workspace
    return run


NO_THEME = 0  # the theme filter's value for "no theme yet"


@dataclass
class Filters:
    """The criteria of the intervention list, the matrix and the exports (all optional)."""

    text: str = ""
    status: str = ""
    theme: int | None = None
    area: int | None = None  # a region: interventions there or in its places
    actor: int | None = None  # an institution in any role
    funder: int | None = None  # an institution in the funding role
    active_from: date | None = None  # period: interventions running at some point in [from, to]
    active_to: date | None = None


def interventions_of(workspace, filters: Filters | None = None):
    """The workspace's interventions matching the filters, with everything a list or an export shows."""
    filters = filters or Filters()
    queryset = Intervention.objects.filter(workspace=workspace)
    if filters.text:
        text = filters.text.strip()
        # Institutions are matched in a subquery: a join would need DISTINCT over the whole list.
        by_institution = Participation.objects.filter(
            Q(institution__name_fr__icontains=text) | Q(institution__acronym__iexact=text)
        ).values("intervention_id")
        queryset = queryset.filter(
            Q(title_fr__icontains=text)
            | Q(title_en__icontains=text)
            | Q(iati_identifier__icontains=text)
            | Q(code__icontains=text)
            | Q(pk__in=by_institution)
        )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.theme == NO_THEME:
        queryset = queryset.filter(themes__isnull=True)
    elif filters.theme:
        queryset = queryset.filter(themes=filters.theme)
    if filters.area:
        queryset = queryset.filter(Q(locations__area=filters.area) | Q(locations__area__region=filters.area))
    if filters.actor:
        queryset = queryset.filter(participations__institution=filters.actor)
    if filters.funder:
        queryset = queryset.filter(
            participations__institution=filters.funder, participations__role=Participation.Role.FUNDING
        )
    if filters.active_from:
        queryset = queryset.filter(
            Q(actual_end__gte=filters.active_from)
            | Q(actual_end__isnull=True, planned_end__gte=filters.active_from)
            | Q(actual_end__isnull=True, planned_end__isnull=True)
        )
    if filters.active_to:
        queryset = queryset.filter(
            Q(actual_start__lte=filters.active_to)
            | Q(actual_start__isnull=True, planned_start__lte=filters.active_to)
            | Q(actual_start__isnull=True, planned_start__isnull=True)
        )
    if filters.area or filters.actor or filters.funder or filters.theme:
        queryset = queryset.distinct()
    return queryset.select_related("parent").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("institution")),
        Prefetch("locations", queryset=Location.objects.select_related("area", "area__region")),
        "themes",
    )


def interviews_of(workspace):
    return (
        MappingInterview.objects.filter(workspace=workspace).select_related("institution").prefetch_related("confirmed")
    )


def data_version(workspace) -> str:
    """Changes whenever anything the mapping's figures depend on changes (cheap: indexed maxima and a count).

    Cells are rebuilt (new ids, never reused) after every save, import, theme decision and deletion; an
    intervention's `updated_at` moves with each edit; institution names show in the matrix.
    """
    known = getattr(workspace, "_mapping_version", None)
    if known is not None:  # once per request: the workspace object lives as long as the request
        return known
    interventions = Intervention.objects.filter(workspace=workspace).aggregate(n=Count("pk"))
    workspace._mapping_version = "|".join(
        str(value)
        for value in (
            interventions["n"],
            Intervention.objects.aggregate(m=Max("updated_at"))["m"],
            Cell.objects.aggregate(m=Max("id"))["m"],
            Institution.objects.aggregate(m=Max("updated_at"))["m"],
        )
    )
    return workspace._mapping_version


def cached(workspace, filters, name, compute, *, version=None):
    """`compute()` through the cache, keyed by the workspace's data version and the filters."""
    material = (name, filters, version or data_version(workspace))
    return cached_value(f"mapping:{workspace.pk}", material, compute)
