"""Releases, sign-offs and adoption; the document-wide discussion and the disposition table."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.views import render_page
from cadre.directory.models import Institution

from .. import queries, services, textops
from ..forms import AdoptionForm, DiscussionFilterForm, ReleaseForm, SignOffForm
from ..models import Release
from .common import apply_errors, attach_html, context_for, form_page


@login_required
@require_http_methods(["GET", "POST"])
def release_create(request, slug, document_slug):
    document = queries.get_document_for_user(request.user, slug, document_slug, "manage_documents")
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release = services.make_release(document, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The release “%(name)s” was made; it will never change.") % {"name": release})
            return redirect(release.get_absolute_url())
    return form_page(
        request, document.workspace, form, _("Freeze the document as a release"), cancel_url=document.get_absolute_url()
    )


def _signable_institutions(document, membership):
    """The secretariat records sign-offs for any participating institution; a member for their own."""
    workspace = document.workspace
    if membership.can("manage_documents"):
        ids = set(workspace.memberships.values_list("institution_id", flat=True))
        ids.add(workspace.requesting_authority_id)
        return Institution.objects.filter(pk__in=ids).order_by("name_fr")
    if membership.can("sign_off") and membership.institution_id:
        return Institution.objects.filter(pk=membership.institution_id)
    return Institution.objects.none()


@login_required
def release_detail(request, slug, document_slug, release_id):
    release = queries.get_release_for_user(request.user, slug, document_slug, release_id)
    document = release.document
    membership = document.workspace.membership
    institutions = _signable_institutions(document, membership)
    context = context_for(
        document,
        release=release,
        sections=attach_html([dict(item) for item in release.content], key="id"),
        signoffs=list(queries.signoffs_of(release)),
        signoff_form=SignOffForm(institutions=institutions, initial={"institution": membership.institution_id})
        if institutions.exists()
        else None,
        other_releases=[r for r in queries.releases_of(document) if r.pk != release.pk],
        is_adopted=document.adopted_release_id == release.pk,
    )
    return render(request, "drafting/release.html", context)


@login_required
@require_POST
def signoff(request, slug, document_slug, release_id):
    release = queries.get_release_for_user(request.user, slug, document_slug, release_id, "sign_off")
    document = release.document
    institutions = _signable_institutions(document, document.workspace.membership)
    form = SignOffForm(request.POST, institutions=institutions)
    if form.is_valid():
        data = form.cleaned_data
        services.sign_off(
            release,
            institution=data["institution"],
            decision=data["decision"],
            reservations=data["reservations"],
            signatory=data["signatory"],
            by=request.user,
        )
        messages.success(request, _("The position of %(name)s was recorded.") % {"name": data["institution"]})
        return redirect(release.get_absolute_url())
    context = context_for(
        document,
        release=release,
        sections=attach_html([dict(item) for item in release.content], key="id"),
        signoffs=list(queries.signoffs_of(release)),
        signoff_form=form,
        other_releases=[],
    )
    return render(request, "drafting/release.html", context, status=400)


@login_required
def release_compare(request, slug, document_slug):
    document = queries.get_document_for_user(request.user, slug, document_slug)
    ids = [request.GET.get("from"), request.GET.get("to")]
    releases = {
        str(r.pk): r for r in Release.objects.filter(document=document, pk__in=[i for i in ids if i and i.isdigit()])
    }
    if len(releases) != 2:
        messages.error(request, _("Choose two releases of this document to compare."))
        return redirect(document.get_absolute_url())
    old, new = sorted(releases.values(), key=lambda r: (r.created_at, r.pk))
    return render(
        request,
        "drafting/release_compare.html",
        context_for(document, old=old, new=new, rows=compare_contents(old.content, new.content)),
    )


def compare_contents(old_content, new_content):
    """Section by section (matched by identity, in the newer order), what changed between two snapshots."""
    old_by_id = {item["id"]: item for item in old_content}
    rows = []
    seen = set()
    for item in new_content:
        before = old_by_id.get(item["id"])
        seen.add(item["id"])
        if before is None:
            rows.append(
                {
                    "state": "added",
                    "number": item["number"],
                    "level": item["level"],
                    "title": mark_safe(textops.diff_html("", item["title"])),  # noqa: S308 — escaped
                    "body": mark_safe(textops.diff_html("", item["body"])),
                }
            )  # noqa: S308
            continue
        changed = before["title"] != item["title"] or before["body"] != item["body"]
        rows.append(
            {
                "state": "changed" if changed else "same",
                "number": item["number"],
                "level": item["level"],
                "title": mark_safe(textops.diff_html(before["title"], item["title"])),  # noqa: S308
                "body": mark_safe(textops.diff_html(before["body"], item["body"])) if changed else None,  # noqa: S308
            }
        )
    for item in old_content:
        if item["id"] not in seen:
            rows.append(
                {
                    "state": "removed",
                    "number": item["number"],
                    "level": item["level"],
                    "title": mark_safe(textops.diff_html(item["title"], "")),  # noqa: S308
                    "body": mark_safe(textops.diff_html(item["body"], "")),
                }
            )  # noqa: S308
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def adoption(request, slug, document_slug):
    document = queries.get_document_for_user(request.user, slug, document_slug, "manage_documents")
    form = AdoptionForm(
        request.POST or None,
        document=document,
        initial={
            "release": document.adopted_release_id,
            "adoption_reference": document.adoption_reference,
            "adopted_on": document.adopted_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_adoption(
                document,
                release=data["release"],
                reference=data["adoption_reference"],
                adopted_on=data["adopted_on"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The adoption was recorded."))
            return redirect(document.get_absolute_url())
    return form_page(
        request, document.workspace, form, _("Record the adoption"), cancel_url=document.get_absolute_url()
    )


@login_required
def discussion(request, slug, document_slug):
    document = queries.get_document_for_user(request.user, slug, document_slug)
    filters = DiscussionFilterForm(request.GET or None, workspace=document.workspace)
    criteria = {}
    if filters.is_bound:
        filters.is_valid()
        criteria = filters.cleaned_data
    comments = queries.discussion_of(
        document,
        status=criteria.get("status") or "open",
        author=request.user if criteria.get("mine") else None,
        institution_id=criteria.get("institution") or None,
        theme_id=criteria.get("theme") or None,
    )
    page = Paginator(comments, 50).get_page(request.GET.get("page"))
    numbers = queries.section_numbers(document) if page.object_list else {}
    for comment in page.object_list:
        comment.section_number = numbers.get(comment.section_id, "")
    context = context_for(document, filters=filters, page=page)
    return render_page(request, "drafting/discussion.html", context, partial="results")


@login_required
def dispositions(request, slug, document_slug):
    """How every suggestion and comment was handled: the annex committees publish."""
    document = queries.get_document_for_user(request.user, slug, document_slug)
    suggestions, comments = queries.dispositions_of(document)
    numbers = queries.section_numbers(document)
    if request.GET.get("format") == "csv":
        suggestions, comments = list(suggestions), list(comments)
        for item in suggestions + comments:
            item.section_number = numbers.get(item.section_id, "")
        return _dispositions_csv(document, suggestions, comments)
    # On screen a page at a time (a strategy gathers thousands of remarks); the CSV holds them all.
    suggestion_page = Paginator(suggestions, 100).get_page(request.GET.get("sp"))
    comment_page = Paginator(comments, 100).get_page(request.GET.get("cp"))
    for item in [*suggestion_page.object_list, *comment_page.object_list]:
        item.section_number = numbers.get(item.section_id, "")
    return render(
        request,
        "drafting/dispositions.html",
        context_for(document, suggestion_page=suggestion_page, comment_page=comment_page),
    )


def _dispositions_csv(document, suggestions, comments):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{document.slug}-dispositions.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Section"),
            _("Type"),
            _("Author"),
            _("Institution"),
            _("Passage"),
            _("Proposed text"),
            _("Reason or comment"),
            _("Decision"),
            _("Decided by"),
            _("Institution of the decider"),
            _("Reason for the decision"),
        ]
    )
    for s in suggestions:
        writer.writerow(
            [
                _safe_cell(v)
                for v in (
                    s.section_number,
                    s.get_kind_display(),
                    s.author,
                    s.institution or "",
                    s.quote,
                    s.replacement,
                    s.reason,
                    s.get_status_display(),
                    s.decided_by or "",
                    s.decided_by_institution or "",
                    s.decision_reason,
                )
            ]
        )
    for c in comments:
        writer.writerow(
            [
                _safe_cell(v)
                for v in (
                    c.section_number,
                    _("comment"),
                    c.author,
                    c.institution or "",
                    c.quote,
                    "",
                    c.body,
                    c.get_status_display(),
                    c.resolved_by or "",
                    "",
                    "",
                )
            ]
        )
    return response


def _safe_cell(value):
    """A spreadsheet must not run what a participant typed: cells starting with = + - @ are quoted."""
    text = str(value if value is not None else "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
