"""Documents: list, create, import, outline, reading and workshop views, export, structure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.services import save_form
from cadre.core.views import parse_int, render_page
from cadre.workspaces.queries import get_workspace_for_user

from .. import queries, services
from ..forms import DocumentCreateForm, DocumentForm, ImportForm, MoveForm, SectionCreateForm
from ..models import Section
from .common import apply_errors, attach_html, attach_workshop_lines, context_for, form_page, outline_html

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
}


@login_required
def document_list(request, slug):
    workspace = get_workspace_for_user(request.user, slug)
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "documents": list(queries.documents_of(workspace)),
        "can_manage": workspace.membership.can("manage_documents"),
    }
    return render(request, "drafting/document_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request, slug):
    workspace = get_workspace_for_user(request.user, slug, "manage_documents")
    form = DocumentCreateForm(request.POST or None, initial={"language": "fr"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = services.create_document(
            workspace,
            by=request.user,
            title_fr=data["title_fr"],
            title_en=data["title_en"],
            kind=data["kind"],
            language=data["language"],
            from_template=data["from_template"],
        )
        messages.success(request, _("The document “%(name)s” was created.") % {"name": document})
        return redirect(document.get_absolute_url())
    return form_page(request, workspace, form, _("New document"), cancel_url=_list_url(workspace))


@login_required
@require_http_methods(["GET", "POST"])
def document_import(request, slug):
    from ..exchange import import_docx

    workspace = get_workspace_for_user(request.user, slug, "manage_documents")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = import_docx(
                workspace, form.cleaned_data["file"], by=request.user, title=form.cleaned_data["title"] or None
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            count = document.sections.count()
            messages.success(
                request, _("“%(name)s” was imported: %(count)s sections.") % {"name": document, "count": count}
            )
            if document.annex_left_out:
                messages.info(
                    request,
                    _(
                        "The annex “%(title)s” and what follows it were not imported: Cadre produces the annex again "
                        "from its records at each export."
                    )
                    % {"title": document.annex_left_out},
                )
            return redirect(document.get_absolute_url())
    return form_page(
        request, workspace, form, _("Import a Word document"), cancel_url=_list_url(workspace), multipart=True
    )


def _list_url(workspace):
    return reverse("drafting:documents", args=[workspace.slug])


@login_required
def document_detail(request, slug, document_slug):
    document = queries.get_document_for_user(request.user, slug, document_slug)
    membership = document.workspace.membership
    outline = queries.outline_of(document)
    for section in outline:
        section.editable = queries.can_edit_section(membership, section) if membership.can("draft") else False
    releases = list(queries.releases_of(document))
    can_manage = membership.can("manage_documents")
    context = context_for(
        document, outline=outline, outline_html=outline_html(outline, can_manage=can_manage), releases=releases
    )
    context["status_counts"] = _status_counts(outline)
    return render(request, "drafting/document.html", context)


def _status_counts(outline):
    counts = {status: 0 for status, _label in Section.Status.choices}
    for section in outline:
        counts[section.status] += 1
    return [(Section.Status(status).label, status, count) for status, count in counts.items()]


@login_required
def document_read(request, slug, document_slug):
    """The whole current text, for reading (on a phone too)."""
    document = queries.get_document_for_user(request.user, slug, document_slug)
    sections = queries.sections_with_text(document)
    attach_html(sections)
    return render(request, "drafting/document_read.html", context_for(document, sections=sections))


@login_required
def workshop(request, slug, document_slug):
    """The whole document with line numbers that are the same for everyone in the room."""
    document = queries.get_document_for_user(request.user, slug, document_slug)
    sections = attach_workshop_lines(queries.sections_with_text(document))
    context = context_for(document, sections=sections, can_suggest=document.workspace.membership.can("suggest"))
    return render(request, "drafting/workshop.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, slug, document_slug):
    document = queries.get_document_for_user(request.user, slug, document_slug, "manage_documents")
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        save_form(form, by=request.user)
        messages.success(request, _("The document was saved."))
        return redirect(document.get_absolute_url())
    return form_page(request, document.workspace, form, _("Edit the document"), cancel_url=document.get_absolute_url())


@login_required
def export(request, slug, document_slug):
    from .. import exchange

    document = queries.get_document_for_user(request.user, slug, document_slug)
    fmt = request.GET.get("format", "docx")
    if fmt not in CONTENT_TYPES:
        messages.error(request, _("Unknown export format."))
        return redirect(document.get_absolute_url())
    release = None
    if request.GET.get("release"):
        release = queries.get_release_for_user(request.user, slug, document_slug, parse_int(request.GET["release"]))
    line_numbers = request.GET.get("line_numbers") == "1"
    if fmt == "docx":
        content = exchange.export_docx(document, release=release, line_numbers=line_numbers)
    elif fmt == "pdf":
        content = exchange.export_pdf(document, release=release, line_numbers=line_numbers)
    else:
        content = exchange.export_markdown(document, release=release).encode()
    name = slugify(f"{document.slug} {release.name if release else ''}")[:80] or "document"
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def section_create(request, slug, document_slug):
    document = queries.get_document_for_user(request.user, slug, document_slug, "manage_documents")
    form = SectionCreateForm(request.POST or None, document=document, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            section = services.add_section(document, title=data["title"], parent=data["parent"], by=request.user)
            if data.get("position"):
                services.move_section(section, parent=data["parent"], position=data["position"], by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The section “%(name)s” was added.") % {"name": section.title})
            return redirect(section.get_absolute_url())
    return form_page(request, document.workspace, form, _("New section"), cancel_url=document.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def section_move(request, slug, document_slug, pk):
    section = queries.get_section_for_user(request.user, slug, document_slug, pk, "manage_documents")
    document = section.document
    form = MoveForm(
        request.POST or None,
        document=document,
        section=section,
        initial={"parent": section.parent_id, "position": section.order},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.move_section(
                section, parent=form.cleaned_data["parent"], position=form.cleaned_data["position"], by=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The section was moved; numbers follow."))
            return redirect(document.get_absolute_url())
    title = _("Move “%(name)s”") % {"name": section.title}
    return form_page(request, document.workspace, form, title, cancel_url=document.get_absolute_url())


@login_required
@require_POST
def section_step(request, slug, document_slug):
    """Move a section one place up or down among its siblings (the outline's arrows: one form for all)."""
    document = queries.get_document_for_user(request.user, slug, document_slug, "manage_documents")
    pk, _sep, direction = request.POST.get("move", "").partition(":")
    section = queries.get_section_for_user(request.user, slug, document_slug, parse_int(pk), "manage_documents")
    siblings = list(
        Section.objects.filter(document=document, parent=section.parent_id)
        .order_by("order", "pk")
        .values_list("pk", flat=True)
    )
    position = siblings.index(section.pk) + 1 + (-1 if direction == "up" else 1)
    services.move_section(section, parent=section.parent, position=max(1, position), by=request.user)
    if request.htmx:
        outline = queries.outline_of(document)
        context = context_for(document, outline=outline, outline_html=outline_html(outline, can_manage=True))
        return render_page(request, "drafting/document.html", context, partial="outline")
    return redirect(document.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def section_delete(request, slug, document_slug, pk):
    section = queries.get_section_for_user(request.user, slug, document_slug, pk, "manage_documents")
    document = section.document
    if request.method == "POST":
        try:
            services.delete_section(section, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(section.get_absolute_url())
        messages.success(request, _("“%(name)s” was deleted.") % {"name": section.title})
        return redirect(document.get_absolute_url())
    context = context_for(document, object=section.title, cancel_url=section.get_absolute_url())
    context["warning"] = _("Only an empty section, without sub-sections, history or discussion, can be deleted.")
    return render(request, "workspaces/confirm_delete.html", context)
