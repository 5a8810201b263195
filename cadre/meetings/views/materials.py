"""Materials: presentations and handouts uploaded to a meeting, downloaded only by the workspace's members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import queries, services
from ..forms import MaterialForm
from .common import apply_errors, confirm_delete, form_page


@login_required
@require_http_methods(["GET", "POST"])
def material_create(request, slug, pk):
    meeting = queries.get_meeting_for_user(request.user, slug, pk, "run_sessions")
    initial = {"agenda_item": request.GET.get("item")} if request.method == "GET" else None
    form = MaterialForm(request.POST or None, request.FILES or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            material = services.add_material(
                meeting,
                upload=data["file"],
                title=data["title"],
                kind=data["kind"],
                agenda_item=data["agenda_item"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("“%(name)s” was added.") % {"name": material})
            return redirect(f"{meeting.get_absolute_url()}#materials")
    title = _("Add a material to “%(meeting)s”") % {"meeting": meeting}
    return form_page(
        request, meeting.workspace, form, title, cancel_url=f"{meeting.get_absolute_url()}#materials", multipart=True
    )


@login_required
@require_GET
def material_download(request, slug, pk, material_pk):
    """The file, as an attachment under its original name; never from a public address."""
    material = queries.get_material_for_user(request.user, slug, pk, material_pk)
    try:
        handle = material.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("The file of this material is missing.")) from error
    response = FileResponse(handle, as_attachment=True, filename=material.original_name)
    response["Content-Type"] = material.content_type or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def material_delete(request, slug, pk, material_pk):
    material = queries.get_material_for_user(request.user, slug, pk, material_pk, "run_sessions")
    meeting = material.meeting
    back = f"{meeting.get_absolute_url()}#materials"
    if request.method == "POST":
        name = str(material)
        services.delete_material(material, by=request.user)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
        return redirect(back)
    return confirm_delete(request, meeting.workspace, material, cancel_url=back)
