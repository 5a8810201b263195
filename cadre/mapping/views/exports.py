"""Downloads of the intervention list as the member sees it, filters included: CSV, XLSX, IATI XML."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cadre.workspaces.queries import get_workspace_for_user

from .. import exports, queries
from ..forms import FilterForm


@login_required
@require_GET
def export(request, slug):
    workspace = get_workspace_for_user(request.user, slug, "view")
    fmt = request.GET.get("format", "")
    if fmt not in exports.FORMATS:
        return _refused(
            _("Unknown export format “%(format)s”: choose csv, xlsx or iati.") % {"format": fmt[:20]},
        )
    criteria = FilterForm(request.GET, workspace=workspace).criteria()
    interventions = queries.interventions_of(workspace, criteria)
    left_out = []
    try:
        content = exports.export(fmt, workspace, interventions, left_out=left_out)
    except exports.ExportRefused as refusal:
        return _refused("\n".join(refusal.messages))
    extension, content_type = exports.FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{workspace.slug}-interventions.{extension}"'
    if left_out:  # said in a comment at the top of the file too
        response["X-Cadre-Left-Out"] = str(len(left_out))
    return response


def _refused(message):
    """A plain-text 400: the download link was followed, so there is no page to show a message on."""
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
