"""Imports of interventions: upload → preview (in the background) → apply (in the background), or cancel.

Only the secretariat imports ("import_mapping"). The upload's size is checked before its body is read: from
the Content-Length header first, then while it streams in (a client may send none or lie).
"""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models.fields.json import KT
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from cadre.core.uploads import SizeLimit
from cadre.core.views import render_page
from cadre.workspaces.queries import get_workspace_for_user

from .. import imports, tasks
from ..imports import FIELDS, ImportRefused, detect
from ..models import ColumnMapping, ImportRun, Intervention
from ..queries import get_import_run_for_user

Status = ImportRun.Status
LINES_PER_PAGE = 200
FORM_OVERHEAD = 64 * 1024  # the form's other fields and multipart boundaries around the file
ACTIONS = ("create", "update", "unchanged", "error")


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))
    format = forms.ChoiceField(label=gettext_lazy("Format"), required=False)
    mapping = forms.ModelChoiceField(
        label=gettext_lazy("Saved column mapping"),
        required=False,
        queryset=ColumnMapping.objects.none(),
        empty_label=gettext_lazy("Guess the columns from the headings"),
        help_text=gettext_lazy("For a spreadsheet: the columns chosen for an earlier file of the same kind."),
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [("", _("Recognise it from the content"))] + list(ImportRun.Format.choices)
        self.fields["mapping"].queryset = ColumnMapping.objects.filter(workspace=workspace)
        self.fields["file"].help_text = _(
            "A spreadsheet (XLSX, or CSV in UTF-8 or Windows-1252), an IATI activity file (XML) or the EU Trust "
            "Fund's project list (CSV); at most %(size)s MB."
        ) % {"size": imports.max_bytes() // (1024 * 1024) or 1}


class ColumnsForm(forms.Form):
    """Which column of the file holds which field of an intervention."""

    save_as = forms.CharField(
        label=gettext_lazy("Save these columns as"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("A name, to choose the same columns for the next file of the same kind."),
    )

    def __init__(self, *args, headings, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [(heading, heading) for heading in headings]
        fields = {
            f"column_{name}": forms.ChoiceField(label=label, required=False, choices=choices) for name, label in FIELDS
        }
        self.fields = {**fields, "save_as": self.fields["save_as"]}

    def columns(self):
        return {
            name: self.cleaned_data[f"column_{name}"]
            for name, _label in FIELDS
            if self.cleaned_data.get(f"column_{name}")
        }


@csrf_exempt  # checked by _upload, once the size limit is in place (the check reads the body)
@login_required
@require_http_methods(["GET", "POST"])
def import_start(request, slug):
    workspace = get_workspace_for_user(request.user, slug, "import_mapping")
    if request.method == "POST":
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > imports.max_bytes() + FORM_OVERHEAD:
            form = UploadForm(workspace=workspace)
            return _start_page(request, workspace, form, refused=imports.too_large_message(), status=413)
        request.upload_handlers.insert(0, SizeLimit(request, imports.max_bytes()))
    return _upload(request, workspace)


@csrf_protect
def _upload(request, workspace):
    form = UploadForm(request.POST or None, request.FILES or None, workspace=workspace)
    if request.method != "POST":
        return _start_page(request, workspace, form)
    if getattr(request, "import_too_large", False):
        return _start_page(
            request, workspace, UploadForm(workspace=workspace), refused=imports.too_large_message(), status=413
        )
    if not form.is_valid():
        return _start_page(request, workspace, form, status=400)
    upload, path = form.cleaned_data["file"], None
    try:
        path, digest = imports.store(upload)
        fmt = form.cleaned_data["format"] or detect.sniff(path)
    except ImportRefused as error:
        imports.discard(path)
        form.add_error("file", str(error))
        return _start_page(request, workspace, form, status=400)
    mapping = form.cleaned_data["mapping"]
    run = ImportRun.objects.create(
        workspace=workspace,
        format=fmt,
        file_name=Path(upload.name or "").name[:300] or "?",
        file_path=str(path),
        sha256=digest,
        column_mapping=dict(mapping.columns) if mapping else {},
        created_by=request.user,
        language=translation.get_language() or "",
    )
    _enqueue(tasks.preview_import, run, Status.PREVIEWING)
    return redirect(run.get_absolute_url())


def _start_page(request, workspace, form, *, refused="", status=200):
    runs = (
        ImportRun.objects.filter(workspace=workspace)
        .select_related("created_by")
        .defer("report")  # a report may list 50,000 lines
        .annotate(cancelled=KT("report__cancelled"), ok=KT("report__ok"))[:20]
    )
    for run in runs:
        run.status_label = _status_label(run)
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "form": form,
        "refused": refused,
        "runs": runs,
    }
    return render(request, "mapping/imports/start.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def import_run(request, slug, pk):
    """The report of an import; POST: preview again with other columns (spreadsheets)."""
    run = get_import_run_for_user(request.user, slug, pk)
    columns_form = None
    if run.format in ("csv", "xlsx") and run.status == Status.PREVIEWED and run.file_path:
        initial = {f"column_{name}": heading for name, heading in (run.column_mapping or {}).items()}
        columns_form = ColumnsForm(request.POST or None, headings=run.report.get("headings", []), initial=initial)
    if request.method == "POST":
        if columns_form is None:
            messages.error(request, _("This import cannot be previewed again: upload the file again."))
            return redirect(run.get_absolute_url())
        if columns_form.is_valid():
            columns = columns_form.columns()
            if columns_form.cleaned_data["save_as"]:
                imports.save_column_mapping(run.workspace, columns_form.cleaned_data["save_as"], columns)
                messages.success(
                    request, _("The columns were saved as “%(name)s”.") % {"name": columns_form.cleaned_data["save_as"]}
                )
            updated = ImportRun.objects.filter(pk=run.pk, status=Status.PREVIEWED).update(
                column_mapping=columns, status=Status.PREVIEWING, progress=0, report={**run.report, "lines": []}
            )
            if updated:
                _enqueue(tasks.preview_import, run, Status.PREVIEWING)
            return redirect(run.get_absolute_url())
    return render(
        request,
        "mapping/imports/run.html",
        _run_context(request, run, columns_form),
        status=400 if request.method == "POST" else 200,
    )


def _run_context(request, run, columns_form):
    report = run.report or {}
    show = request.GET.get("show", "")
    lines = report.get("lines", [])
    if show in ACTIONS:
        lines = [line for line in lines if line["action"] == show]
    page = Paginator(lines, LINES_PER_PAGE).get_page(request.GET.get("page"))
    labels = _change_labels()
    rows = [{**line, "change_labels": [labels.get(n, n) for n in line.get("changes", [])]} for line in page.object_list]
    summary = report.get("summary") or {}
    running = run.status in (Status.PREVIEWING, Status.APPLYING)
    return {
        "workspace": run.workspace,
        "membership": run.workspace.membership,
        "run": run,
        "report": report,
        "summary": summary,
        "status_label": _status_label(run),
        "running": running,
        "progress": tasks.progress_of(run),
        "page": page,
        "rows": rows,
        "show": show,
        "filters": [(action, summary.get(action, 0)) for action in ACTIONS],
        "columns_form": columns_form,
        "can_apply": _can_apply(run),
        "can_cancel": run.status in (Status.PREVIEWING, Status.PREVIEWED),
        "unit_label": _("Activity") if report.get("unit") == "activity" else _("Row"),
    }


@login_required
@require_GET
def import_progress(request, slug, pk):
    """The progress bar, for htmx to poll every second; when the work is done, the whole report page."""
    workspace = get_workspace_for_user(request.user, slug, "import_mapping")
    run = get_object_or_404(ImportRun.objects.defer("report"), workspace=workspace, pk=pk)  # a report may be large
    run.workspace = workspace
    if not request.htmx:
        return redirect(run.get_absolute_url())
    if run.status not in (Status.PREVIEWING, Status.APPLYING):
        return HttpResponseClientRedirect(run.get_absolute_url())
    context = {"workspace": workspace, "run": run, "running": True, "progress": tasks.progress_of(run)}
    return render_page(request, "mapping/imports/run.html", context, partial="progress")


@login_required
@require_POST
def import_apply(request, slug, pk):
    run = get_import_run_for_user(request.user, slug, pk)
    if not _can_apply(run):
        messages.error(request, _("This import cannot be applied: it has errors, changes nothing or is done."))
        return redirect(run.get_absolute_url())
    report = {**run.report, "apply_by": request.user.pk}
    if ImportRun.objects.filter(pk=run.pk, status=Status.PREVIEWED).update(
        status=Status.APPLYING, progress=0, report=report
    ):
        _enqueue(tasks.apply_import, run, Status.APPLYING)
    return redirect(run.get_absolute_url())


@login_required
@require_POST
def import_cancel(request, slug, pk):
    run = get_import_run_for_user(request.user, slug, pk)
    if run.status not in (Status.PREVIEWING, Status.PREVIEWED):
        messages.error(request, _("This import can no longer be cancelled."))
        return redirect(run.get_absolute_url())
    report = {**run.report, "cancelled": True}
    if ImportRun.objects.filter(pk=run.pk, status=run.status).update(status=Status.FAILED, report=report, file_path=""):
        imports.discard(run.file_path)
        messages.success(
            request, _("The import of “%(name)s” was cancelled: nothing was changed.") % {"name": run.file_name}
        )
    return redirect("mapping:import_start", slug=run.workspace.slug)


def _can_apply(run):
    """Only a preview without errors that would change something, whose file is still there."""
    report = run.report or {}
    summary = report.get("summary") or {}
    changes = summary.get("create", 0) + summary.get("update", 0)
    return run.status == Status.PREVIEWED and bool(report.get("ok")) and bool(run.file_path) and changes > 0


def _enqueue(work, run, status):
    """Queue the task; if the queue refuses it, the run says so instead of waiting for ever."""
    try:
        work.enqueue(run.pk)
    except Exception:
        tasks.logger.exception("could not enqueue %s for import run %s", work.name, run.pk)
        message = _("The import could not be started: try again later. Nothing was imported.")
        ImportRun.objects.filter(pk=run.pk, status=status).update(
            status=Status.FAILED, report={"refused": message}, file_path=""
        )
        imports.discard(run.file_path)


def _status_label(run):
    if "report" in run.get_deferred_fields():  # the list of imports: two keys of the report, annotated
        cancelled, ok, changes = run.cancelled, str(run.ok).lower() in ("1", "true"), True
    else:
        report = run.report or {}
        cancelled, ok, changes = report.get("cancelled"), report.get("ok"), _can_apply(run)
    if run.status == Status.FAILED and cancelled:
        return _("cancelled")
    if run.status == Status.PREVIEWED and not ok:
        return _("the file has errors")
    if run.status == Status.PREVIEWED and not changes:
        return _("nothing to apply")
    return run.get_status_display()


def _change_labels():
    labels = {name: str(label) for name, label in FIELDS}
    for model_field in Intervention._meta.get_fields():
        if hasattr(model_field, "verbose_name"):
            labels.setdefault(model_field.name, str(model_field.verbose_name))
    labels.update(participants=_("institutions"), places=_("places"), parent=_("part of"))
    return labels
