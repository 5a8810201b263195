"""Every read of the results dashboard on behalf of a user goes through here.

Outside the workspace → 404; a role without the capability → 403. Every member sees the dashboard and the
records behind its figures: aggregates, and records that name institutions, never people.
"""

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from cadre.drafting import textops
from cadre.drafting.models import Release, Revision, Section, SignOff
from cadre.workspaces.models import ExpectedResult, Theme
from cadre.workspaces.queries import get_workspace_for_user

from . import measures
from .models import Evidence

# Who may see a figure computed over fewer than measures.MIN_GROUP people (they may see personal results).
SMALL_GROUPS_CAPABILITY = "view_personal_results"


def results_of(workspace):
    """The workspace's expected results, each with `evidence_list` (its measures, themes prefetched)."""
    evidence = Evidence.objects.prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "pk")))
    results = list(
        ExpectedResult.objects.filter(workspace=workspace)
        .order_by("number")
        .prefetch_related(Prefetch("evidence", queryset=evidence.order_by("order", "pk"), to_attr="evidence_list"))
    )
    for result in results:
        result.workspace = workspace
    return results


def get_result_for_user(user, slug, number, capability="view") -> ExpectedResult:
    workspace = get_workspace_for_user(user, slug, capability)
    evidence = Evidence.objects.prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "pk")))
    result = get_object_or_404(
        ExpectedResult.objects.prefetch_related(
            Prefetch("evidence", queryset=evidence.order_by("order", "pk"), to_attr="evidence_list")
        ),
        workspace=workspace,
        number=number,
    )
    result.workspace = workspace
    return result


def get_evidence_for_user(user, slug, number, measure, capability="view") -> Evidence:
    """One measure chosen for one expected result (404 if that measure is not chosen for it)."""
    result = get_result_for_user(user, slug, number, capability)
    for evidence in result.evidence_list:
        if evidence.measure == measure:
            evidence.expected_result = result
            return evidence
    raise Http404


def themes_of(workspace):
    return Theme.objects.filter(workspace=workspace).order_by("order", "pk")


def sees_small_groups(membership) -> bool:
    return membership.can(SMALL_GROUPS_CAPABILITY)


# --- The records behind a figure (each a fixed number of queries) --------------------------------------------


def sections_of(workspace) -> dict:
    """{document id: its sections numbered in reading order, with status and lead institution}."""
    sections = (
        Section.objects.filter(document__workspace=workspace)
        .select_related("lead_institution")
        .only("pk", "document_id", "parent_id", "order", "title", "status", "lead_institution")
    )
    by_document: dict = {}
    for section in sections:
        by_document.setdefault(section.document_id, []).append(section)
    return {document_id: textops.number_sections(items) for document_id, items in by_document.items()}


def latest_signoffs_of(workspace) -> dict:
    """{document id: the positions taken on its latest release, by institution} (who signed is not shown)."""
    latest = {}
    for release_id, document_id in (
        Release.objects.filter(document__workspace=workspace)
        .order_by("document_id", "created_at", "pk")
        .values_list("pk", "document_id")
    ):
        latest[document_id] = release_id
    found: dict = {}
    signoffs = (
        SignOff.objects.filter(release_id__in=list(latest.values()))
        .select_related("institution", "release")
        .only("pk", "decision", "release__document_id", "institution__name_fr", "institution__name_en")
        .order_by("institution__name_fr")
    )
    for signoff in signoffs:
        found.setdefault(signoff.release.document_id, []).append(signoff)
    return found


def codrafting_institutions_of(workspace):
    """The institutions that wrote revisions of the workspace's documents, with how many."""
    return (
        Revision.objects.filter(measures.WRITING, section__document__workspace=workspace)
        .exclude(institution=None)
        .values("institution_id", "institution__name_fr", "institution__name_en", "institution__acronym")
        .annotate(revisions=Count("pk"), sections=Count("section_id", distinct=True))
        .order_by("institution__name_fr")
    )


def institutions_attending(scope):
    """The institutions whose people attended held meetings: in how many meetings, how many attendances."""
    return (
        measures.attended(scope)
        .values("institution_id", "institution__name_fr", "institution__name_en", "institution__acronym")
        .annotate(meetings=Count("meeting_id", distinct=True), attendances=Count("pk"))
        .order_by("-meetings", "institution__name_fr")
    )


def action_points_of(scope):
    """Action points with their owner institution and meeting; the owner person is never read."""
    return (
        scope.action_points()
        .select_related("owner_institution", "meeting")
        .only(
            "pk",
            "text",
            "status",
            "due_date",
            "closed_on",
            "owner_institution__name_fr",
            "owner_institution__name_en",
            "owner_institution__acronym",
            "meeting__title_fr",
            "meeting__title_en",
            "meeting__starts_at",
            "meeting__workspace_id",
        )
        .order_by("due_date", "pk")
    )
