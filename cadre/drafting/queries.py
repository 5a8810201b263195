"""Every read of drafting data on behalf of a user goes through here.

Access is decided here and nowhere else: outside the workspace → 404; a role without the capability → 403.
Editing a section is narrower than the "draft" capability: a member edits the sections led by their
institution or where they are a named drafter; the secretariat edits all.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from cadre.workspaces.queries import get_workspace_for_user
from cadre.workspaces.roles import Role

from . import textops
from .models import Comment, Document, Release, Revision, Section, SignOff, Suggestion


def can_edit_section(membership, section) -> bool:
    if membership.role == Role.SECRETARIAT:
        return True
    if not membership.can("draft"):
        return False
    if section.lead_institution_id and section.lead_institution_id == membership.institution_id:
        return True
    drafter_ids = getattr(section, "drafter_ids", None)
    if drafter_ids is None:
        drafter_ids = {user.pk for user in section.drafters.all()}
    return membership.user_id in drafter_ids


def can_moderate_comment(membership, comment, section) -> bool:
    """Resolve or reopen: the comment's author, the section's editors, the secretariat."""
    return comment.author_id == membership.user_id or can_edit_section(membership, section)


def documents_of(workspace):
    return Document.objects.filter(workspace=workspace).annotate(section_count=Count("sections"))


def get_document_for_user(user, slug, document_slug, capability="view") -> Document:
    workspace = get_workspace_for_user(user, slug, capability)
    document = get_object_or_404(Document, workspace=workspace, slug=document_slug)
    document.workspace = workspace
    return document


def get_section_for_user(user, slug, document_slug, pk, capability="view") -> Section:
    """The section; `capability="edit"` asks whether this user may edit this very section."""
    document = get_document_for_user(user, slug, document_slug, "view" if capability == "edit" else capability)
    section = get_object_or_404(
        Section.objects.select_related("head", "head__author", "lead_institution", "parent"),
        document=document,
        pk=pk,
    )
    section.document = document
    section.drafter_list = list(section.drafters.all())
    section.drafter_ids = {drafter.pk for drafter in section.drafter_list}
    if capability == "edit" and not can_edit_section(document.workspace.membership, section):
        raise PermissionDenied
    return section


def get_revision_for_user(user, slug, document_slug, pk, number) -> Revision:
    section = get_section_for_user(user, slug, document_slug, pk)
    revision = get_object_or_404(
        Revision.objects.select_related("author", "institution"), section=section, number=number
    )
    revision.section = section
    return revision


def get_comment_for_user(user, slug, document_slug, pk, comment_id, capability="view") -> Comment:
    section = get_section_for_user(user, slug, document_slug, pk, capability)
    comment = get_object_or_404(Comment.objects.select_related("parent"), section=section, pk=comment_id)
    comment.section = section
    return comment


def get_suggestion_for_user(user, slug, document_slug, pk, suggestion_id, capability="view") -> Suggestion:
    section = get_section_for_user(user, slug, document_slug, pk, capability)
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("author", "base"), section=section, pk=suggestion_id
    )
    suggestion.section = section
    return suggestion


def get_release_for_user(user, slug, document_slug, release_id, capability="view") -> Release:
    document = get_document_for_user(user, slug, document_slug, capability)
    release = get_object_or_404(Release.objects.select_related("created_by"), document=document, pk=release_id)
    release.document = document
    return release


# --- lists (each a fixed number of queries, whatever the number of rows) ------------------------------------


def outline_of(document):
    """Every section in reading order, numbered, with its counts of open comments and suggestions."""
    open_comments = (
        Comment.objects.filter(section=OuterRef("pk"), status=Comment.Status.OPEN, parent=None)
        .order_by()
        .values("section")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_suggestions = (
        Suggestion.objects.filter(section=OuterRef("pk"), status=Suggestion.Status.OPEN)
        .order_by()
        .values("section")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sections = (
        Section.objects.filter(document=document)
        .select_related("lead_institution")
        .defer("body", "lead_institution__website")
        .annotate(
            open_comments=Coalesce(Subquery(open_comments), 0),
            open_suggestions=Coalesce(Subquery(open_suggestions), 0),
        )
        .prefetch_related("drafters")
    )
    return _numbered(document, sections)


def titles_of(document):
    """Every section numbered, with its title only (menus, numbers of a list)."""
    return textops.number_sections(
        list(Section.objects.filter(document=document).only("pk", "parent_id", "order", "title"))
    )


def section_choices(workspace):
    """The sections of the workspace's documents for a menu, grouped by document and numbered ("2.1 Border
    posts"): what the apps above drafting offer when they point at sections (agenda items, plan axes)."""
    groups = []
    for document in Document.objects.filter(workspace=workspace).order_by("-is_main", "title_fr"):
        sections = [(section.pk, f"{section.number} {section.title}") for section in titles_of(document)]
        if sections:
            groups.append((document.title, sections))
    return groups


def section_numbers(document) -> dict:
    """{section id: number} for the whole document, in one light query."""
    return {section.pk: section.number for section in titles_of(document)}


def _numbered(document, sections):
    """Number the sections and attach them to the document already read (their links need its workspace)."""
    sections = list(sections)
    for section in sections:
        section.document = document
        if "drafters" in getattr(section, "_prefetched_objects_cache", {}):
            section.drafter_ids = {user.pk for user in section.drafters.all()}
    return textops.number_sections(sections)


def sections_with_text(document):
    """Every section with its text, in reading order and numbered (reading, workshop and export views)."""
    sections = Section.objects.filter(document=document).only(
        "pk", "document_id", "parent_id", "order", "title", "body", "status"
    )
    return _numbered(document, sections)


def section_number(section) -> str:
    """The section's number ("2.1") from the document's tree, in one query."""
    rows = Section.objects.filter(document_id=section.document_id).only("pk", "parent_id", "order")
    for numbered in textops.number_sections(list(rows)):
        if numbered.pk == section.pk:
            return numbered.number
    return ""


def threads_of(section, *, include_resolved=True):
    """Top-level comments on the section's text, with their replies, oldest first."""
    comments = (
        Comment.objects.filter(section=section, parent=None, suggestion=None)
        .select_related("author", "institution", "resolved_by")
        .prefetch_related(Prefetch("replies", queryset=Comment.objects.select_related("author", "institution")))
    )
    if not include_resolved:
        comments = comments.filter(status=Comment.Status.OPEN)
    return comments


def suggestions_of(section):
    return (
        Suggestion.objects.filter(section=section)
        .select_related("author", "institution", "decided_by", "decided_by_institution", "applied_revision")
        .prefetch_related(Prefetch("answers", queryset=Comment.objects.select_related("author", "institution")))
    )


def revisions_of(section):
    return Revision.objects.filter(section=section).select_related("author", "institution").defer("body")


def discussion_of(document, *, status="open", author=None, institution_id=None, theme_id=None):
    """Comments (threads) of the whole document, filtered, for the discussion page."""
    comments = Comment.objects.filter(section__document=document, parent=None).select_related(
        "author", "institution", "section", "suggestion"
    )
    if status in (Comment.Status.OPEN, Comment.Status.RESOLVED):
        comments = comments.filter(status=status)
    if author is not None:
        comments = comments.filter(author=author)
    if institution_id:
        comments = comments.filter(institution_id=institution_id)
    if theme_id:
        comments = comments.filter(section__themes=theme_id)
    return comments.annotate(reply_count=Count("replies")).order_by("-created_at", "-pk")


def dispositions_of(document):
    """Every suggestion and every comment thread of the document, for the disposition table."""
    suggestions = (
        Suggestion.objects.filter(section__document=document)
        .select_related("author", "institution", "decided_by", "decided_by_institution", "section")
        .order_by("section_id", "created_at", "pk")
    )
    comments = (
        Comment.objects.filter(section__document=document, parent=None, suggestion=None)
        .select_related("author", "institution", "resolved_by", "section")
        .order_by("section_id", "created_at", "pk")
    )
    return suggestions, comments


def releases_of(document):
    releases = list(
        Release.objects.filter(document=document)
        .select_related("created_by")
        .defer("content")
        .annotate(signoff_count=Count("signoffs"))
    )
    for release in releases:
        release.document = document
    return releases


def signoffs_of(release):
    return SignOff.objects.filter(release=release).select_related("institution", "signed_by")
