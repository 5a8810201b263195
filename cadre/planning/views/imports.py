"""The EU Trust Fund results import: upload → import in the background → its report (included by
planning/urls_indicators.py).

Who may import: the secretariat (import_mapping or edit_plan); a member of the workspace without either right is
refused (403), anybody else does not see the workspace (404). The upload's size is checked before its body is
read: from the Content-Length header first, then while it streams in (a client may send none or lie). A file
that cannot be imported at all (not a CSV, missing columns) is refused at once; any other is stored in a
ResultsImport and imported by planning/tasks.py, whose page polls (htmx) until the report is there.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models.fields.json import KT
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from cadre.core.uploads import SizeLimit
from cadre.core.views import render_page
from cadre.workspaces.queries import get_workspace_for_user

from .. import imports, queries, tasks
from ..forms_indicators import ResultsImportForm
from ..models import ResultsImport

Status = ResultsImport.Status
FORM_OVERHEAD = 64 * 1024  # the form's other fields and multipart boundaries around the file
RECENT = 10  # imports listed on the import page


def _workspace(request, slug):
    workspace = get_workspace_for_user(request.user, slug)
    if not queries.can_import_results(workspace.membership):
        raise PermissionDenied
    return workspace


def run_url(run) -> str:
    return reverse("planning:results_import_run", args=[run.workspace.slug, run.pk])


@csrf_exempt  # checked by _upload, once the size limit is in place (the check reads the body)
@login_required
@require_http_methods(["GET", "POST"])
def results_import(request, slug):
    workspace = _workspace(request, slug)
    if request.method == "POST":
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > imports.MAX_BYTES + FORM_OVERHEAD:
            return _import_page(
                request, workspace, ResultsImportForm(), refused=imports.too_large_message(), status=413
            )
        request.upload_handlers.insert(0, SizeLimit(request, imports.MAX_BYTES))
    return _upload(request, workspace)


@csrf_protect
def _upload(request, workspace):
    form = ResultsImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _import_page(request, workspace, form)
    if getattr(request, "import_too_large", False):
        return _import_page(request, workspace, ResultsImportForm(), refused=imports.too_large_message(), status=413)
    if not form.is_valid():
        return _import_page(request, workspace, form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        imports.check(data)
    except imports.ImportRefused as error:
        form.add_error("file", str(error))
        return _import_page(request, workspace, form, status=400)
    run = ResultsImport.objects.create(
        workspace=workspace,
        file_name=(upload.name or "").rsplit("/", 1)[-1][:300] or "?",
        data=data,
        dry_run=form.cleaned_data["dry_run"],
        language=translation.get_language() or "",
        created_by=request.user,
    )
    _enqueue(run)
    return redirect(run_url(run))


def _enqueue(run):
    """Queue the task; if the queue refuses it, the import says so instead of waiting for ever."""
    try:
        tasks.run_results_import.enqueue(run.pk)
    except Exception:
        tasks.logger.exception("could not enqueue results import %s", run.pk)
        message = _("The import could not be started: try again later. Nothing was imported.")
        ResultsImport.objects.filter(pk=run.pk, status=Status.QUEUED).update(
            status=Status.FAILED, report={"refused": message}, data=b""
        )


def _import_page(request, workspace, form, *, refused="", status=200):
    runs = list(
        ResultsImport.objects.filter(workspace=workspace)
        .select_related("created_by")
        .defer("data", "report")  # an upload may weigh 20 MB, a report list 500 problems
        .annotate(closed_as_interrupted=KT("report__interrupted"))
        .order_by("-created_at", "-pk")[:RECENT]
    )
    for run in runs:
        run.workspace = workspace
        run.status_label = _status_label(run, str(run.closed_as_interrupted).lower() in ("1", "true"))
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "form": form,
        "refused": refused,
        "runs": runs,
    }
    return render(request, "planning/indicators/import.html", context, status=status)


@login_required
@require_GET
def results_import_run(request, slug, pk):
    """One import: its status while it waits or runs (htmx polls the "status" fragment), then its report."""
    workspace = _workspace(request, slug)
    run = get_object_or_404(
        ResultsImport.objects.select_related("created_by").defer("data"), workspace=workspace, pk=pk
    )
    run.workspace = workspace
    report = run.report or {}
    problems = report.get("problems") or []
    interrupted = tasks.is_interrupted(run) or bool(report.get("interrupted"))
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "run": run,
        "run_url": run_url(run),
        "status_label": _status_label(run, bool(report.get("interrupted"))),
        "running": run.status in (Status.QUEUED, Status.RUNNING) and not interrupted,
        "interrupted": interrupted,
        "report": report,
        "problems": problems,
        "not_shown": max(0, report.get("problem_count", 0) - len(problems)),
    }
    return render_page(request, "planning/indicators/import_run.html", context, partial="status")


def _status_label(run, closed_as_interrupted=False):
    """The status in words; "interrupted" for an import a stopped worker left behind, closed or not yet."""
    if closed_as_interrupted or tasks.is_interrupted(run):
        return _("interrupted")
    return run.get_status_display()
