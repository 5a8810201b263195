"""Background work of the planning (django-tasks): the EU Trust Fund results import uploaded on its page.

The view checks the file's columns, stores the upload in a ResultsImport and enqueues `run_results_import`; the
task re-reads the import, runs `imports.import_results` (one transaction: all or nothing) in the uploader's
language and records the report. Every write to the import is conditional on the status the task expects
(queued → running → done or failed), so an import is never run twice, and one closed meanwhile as interrupted
is never brought back. The upload is emptied once the import is over, whatever its outcome: the report is what
stays, and the uploader still has the file to send again. The management command imports at once, without this.
"""

import logging
from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cadre.accounts.models import language_of

from . import imports
from .imports import ImportRefused
from .models import ResultsImport

logger = logging.getLogger(__name__)
Status = ResultsImport.Status
STUCK_AFTER = timedelta(hours=6)  # an import still waiting or running after this was interrupted
PROBLEMS_KEPT = 500  # problems kept in the report (the page shows these); the report has the true count


@task()
def run_results_import(import_id: int):
    """Import the stored file into its workspace and keep the report; None if the import is not waiting."""
    close_stuck_imports()
    run = (
        ResultsImport.objects.select_related("workspace", "created_by")
        .filter(pk=import_id, status=Status.QUEUED)
        .first()
    )
    if run is None or not _update(import_id, Status.QUEUED, status=Status.RUNNING):
        logger.info("results import %s is not waiting any more: nothing to do", import_id)
        return None
    with translation.override(run.language or language_of(run.created_by)):
        try:
            result = imports.import_results(run.workspace, bytes(run.data), by=run.created_by, dry_run=run.dry_run)
        except ImportRefused as error:
            _fail(import_id, str(error))
            return None
        except Exception:
            logger.exception("results import %s failed", import_id)
            _fail(import_id, _("An unexpected error stopped the import. Nothing was imported."))
            return None
        data = report_data(result)
        _update(import_id, Status.RUNNING, status=Status.DONE, report=data, data=b"", finished_at=timezone.now())
    return {name: data[name] for name in ("created", "updated", "unchanged", "reported")}


def report_data(result) -> dict:
    """The stored form of an import's Result: the counts and the first problems."""
    return {
        "dry_run": result.dry_run,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "reported": result.reported,  # lines
        "problem_count": len(result.problems),
        "problems": [
            {"line": p.line, "column": p.column, "value": p.value, "reason": p.reason}
            for p in result.problems[:PROBLEMS_KEPT]
        ],
    }


def is_interrupted(run, now=None) -> bool:
    """Waiting or running for longer than any import takes: the worker stopped (or was never started)."""
    now = now or timezone.now()
    return run.status in (Status.QUEUED, Status.RUNNING) and run.updated_at < now - STUCK_AFTER


def close_stuck_imports():
    """Mark the imports a stopped worker left waiting or running as failed (their transaction was rolled back:
    nothing was imported), and empty their upload."""
    limit = timezone.now() - STUCK_AFTER
    for status in (Status.QUEUED, Status.RUNNING):
        for pk in ResultsImport.objects.filter(status=status, updated_at__lt=limit).values_list("pk", flat=True):
            _fail(pk, report={"interrupted": True}, expected=status)  # the page says it in the reader's language


def _update(import_id, expected, **fields) -> int:
    """Write to the import only if it is still in the `expected` status."""
    return ResultsImport.objects.filter(pk=import_id, status=expected).update(updated_at=timezone.now(), **fields)


def _fail(import_id, message="", *, report=None, expected=Status.RUNNING) -> int:
    report = report or {"refused": message}
    return _update(import_id, expected, status=Status.FAILED, report=report, data=b"", finished_at=timezone.now())
