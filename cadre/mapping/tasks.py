"""Background work of the mapping (django-tasks): previewing and applying an imported file.

The view creates the ImportRun and enqueues; a task re-reads the run, does the work and records the outcome.
Every write to the run is conditional on the status the task expects, so a run cancelled meanwhile is never
brought back. While an import is applied, its one transaction hides any progress written to the database
from other connections: the apply task writes its progress to a small file beside the upload instead.
"""

import logging
import os
import time
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cadre.accounts.models import language_of

from . import imports
from .imports import ImportRefused
from .models import ImportRun

logger = logging.getLogger(__name__)
Status = ImportRun.Status
STALE_DAYS = 14  # an upload not applied within this time is removed; the report stays
STUCK_AFTER = timedelta(hours=6)  # a run still reading or applying after this was interrupted
READ_SHARE = 30  # of the apply progress bar: reading the file again and comparing; writing takes the rest


@task()
def preview_import(run_id: int):
    """Read the stored file, compare it with the workspace and keep the report; writes no intervention."""
    forget_stale_uploads()
    run = _run(run_id, Status.PREVIEWING)
    if run is None:
        return None
    with translation.override(run.language or language_of(run.created_by)):
        try:
            reading, the_plan = imports.preview(
                run.workspace,
                run.file_path,
                run.format,
                columns=run.column_mapping or None,
                progress=_database_progress(run_id, Status.PREVIEWING),
            )
        except ImportRefused as error:
            _refuse(run, str(error))
            return None
        except Exception:
            logger.exception("preview of import run %s failed", run_id)
            _refuse(run, _("The file could not be read because of an unexpected error. Nothing was imported."))
            return None
        data = imports.report(reading, the_plan)
        _update(
            run_id,
            Status.PREVIEWING,
            status=Status.PREVIEWED,
            progress=100,
            report=data,
            column_mapping=reading.columns,
        )
    return data["summary"]


@task()
def apply_import(run_id: int):
    """Read the file again, re-plan against the workspace as it is now, and apply, all or nothing."""
    run = _run(run_id, Status.APPLYING)
    if run is None:
        return None
    by = get_user_model().objects.filter(pk=run.report.get("apply_by")).first() or run.created_by
    path = run.file_path
    with translation.override(run.language or language_of(by)):
        if not path or not Path(path).is_file() or imports.sha256_of(path) != run.sha256:
            _refuse(
                run, _("The uploaded file is no longer there or has changed: upload it again. Nothing was imported.")
            )
            return None
        writer = _FileProgress(path)
        try:
            reading, the_plan = imports.preview(
                run.workspace,
                path,
                run.format,
                columns=run.column_mapping or None,
                progress=lambda percent: writer(percent * READ_SHARE // 100),
            )
            data = imports.report(reading, the_plan)
            if not the_plan.ok:
                data["refused"] = _(
                    "The interventions of the workspace changed since the preview and the file now has errors "
                    "(listed below). Nothing was imported."
                )
                _update(run_id, Status.APPLYING, status=Status.PREVIEWED, progress=100, report=data)
                return None
            applied = imports.apply(
                run.workspace,
                the_plan,
                by=by,
                source_note=run.file_name,
                progress=lambda percent: writer(READ_SHARE + percent * (100 - READ_SHARE) // 100),
            )
        except ImportRefused as error:
            _refuse(run, str(error), status=Status.APPLYING)
            return None
        except Exception:
            logger.exception("applying import run %s failed", run_id)
            kept = {**run.report, "refused": _("An unexpected error stopped the import. Nothing was imported.")}
            _update(run_id, Status.APPLYING, status=Status.PREVIEWED, progress=100, report=kept)
            return None
        data["applied"] = applied
        data["changed_since_preview"] = applied != run.report.get("summary")
        _update(run_id, Status.APPLYING, status=Status.APPLIED, progress=100, report=data, file_path="")
        imports.discard(path)
    return applied


def forget_stale_uploads(days=STALE_DAYS):
    """Remove the files of previews nobody applied or cancelled for `days` days (they may hold personal data),
    and close the runs a stopped worker left half-done (a transaction rolled back: nothing was written)."""
    now = timezone.now()
    stale = ImportRun.objects.filter(
        status__in=(Status.PREVIEWED, Status.FAILED), updated_at__lt=now - timedelta(days=days)
    )
    for pk, path in stale.exclude(file_path="").values_list("pk", "file_path"):
        if ImportRun.objects.filter(pk=pk, file_path=path).update(file_path=""):
            imports.discard(path)
    stuck = ImportRun.objects.filter(status__in=(Status.PREVIEWING, Status.APPLYING), updated_at__lt=now - STUCK_AFTER)
    for run in stuck.only("pk", "status", "file_path"):
        _refuse(run, _("The import was interrupted before it finished. Nothing was imported."), status=run.status)


def progress_of(run) -> int:
    """The progress to show: the run's own, or, while it is applied, the one its task writes to a file."""
    if run.status == Status.APPLYING and run.file_path:
        try:
            return max(0, min(100, int(Path(f"{run.file_path}.progress").read_text() or 0)))
        except (OSError, ValueError):
            return 0
    return run.progress


def _run(run_id, status):
    run = ImportRun.objects.select_related("workspace__country", "created_by").filter(pk=run_id).first()
    if run is None or run.status != status:
        logger.info("import run %s is not %s any more: nothing to do", run_id, status)
        return None
    return run


def _update(run_id, expected, **fields):
    """Write to the run only if it is still in the `expected` status (it may have been cancelled)."""
    return ImportRun.objects.filter(pk=run_id, status=expected).update(updated_at=timezone.now(), **fields)


def _refuse(run, message, *, status=Status.PREVIEWING):
    data = {"refused": message, "summary": {}, "errors": [], "lines": []}
    _update(run.pk, status, status=Status.FAILED, progress=100, report=data, file_path="")
    imports.discard(run.file_path)


def _database_progress(run_id, status):
    last = {"percent": -1, "at": 0.0}

    def write(percent):
        now = time.monotonic()
        if percent > last["percent"] and (now - last["at"] >= 0.5 or percent >= 100):
            last.update(percent=percent, at=now)
            ImportRun.objects.filter(pk=run_id, status=status).update(progress=percent)

    return write


class _FileProgress:
    def __init__(self, path):
        self.path, self.last = f"{path}.progress", -1

    def __call__(self, percent):
        if percent <= self.last:
            return
        self.last = percent
        temporary = f"{self.path}.tmp"
        with open(temporary, "w") as handle:
            handle.write(str(percent))
        os.replace(temporary, self.path)
