"""Imports of interventions from a file: CSV, XLSX, IATI XML or the EU Trust Fund's project list.

    reading, the_plan = preview(workspace, path)         # reads and compares; writes nothing
    apply(workspace, the_plan, by=user)                  # all or nothing (see base.py)
    reading, the_plan, done = import_file(workspace, path, by=user)   # both, unless the file has errors

The web flow (views/imports.py, tasks.py) stores the upload under MEDIA_ROOT/imports/ with a random name,
previews it in the background, and applies it when the secretariat confirms; the command
`import_interventions` does the same in one go.
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from . import csv_xlsx, detect, eutf, iati
from .base import ImportRefused, Plan, apply, plan
from .csv_xlsx import FIELDS, guess_columns
from .values import Context

__all__ = [
    "FIELDS",
    "ImportRefused",
    "Plan",
    "Reading",
    "apply",
    "check_size",
    "discard",
    "guess_columns",
    "import_file",
    "max_bytes",
    "plan",
    "preview",
    "read",
    "report",
    "save_column_mapping",
    "store",
]

MAX_BYTES = 100 * 1024 * 1024  # settings.MAPPING_IMPORT_MAX_BYTES overrides it
READING_SHARE = 90  # of a preview's progress bar; comparing with the workspace takes the rest


def max_bytes() -> int:
    return int(getattr(settings, "MAPPING_IMPORT_MAX_BYTES", MAX_BYTES))


def too_large_message():
    return _("The file is larger than %(limit)s MB, the most Cadre imports at once: split it and import the parts.") % {
        "limit": max_bytes() // (1024 * 1024) or 1
    }


def check_size(size):
    if size > max_bytes():
        raise ImportRefused(too_large_message())


@dataclass
class Reading:
    """What a reader made of a file."""

    format: str
    records: list
    errors: list  # problems of the file as a whole
    headings: list = field(default_factory=list)  # spreadsheets only
    columns: dict = field(default_factory=dict)  # the column mapping used (spreadsheets only)


def read(workspace, path, fmt=None, *, columns=None, progress=None) -> Reading:
    """Read a file into records; ImportRefused when it cannot be read at all. Writes nothing."""
    path = Path(path)
    check_size(path.stat().st_size)
    fmt = fmt or detect.sniff(path)
    context = Context.for_workspace(workspace)
    told = progress or (lambda percent: None)

    def fraction(done):
        told(int(min(1, done) * READING_SHARE))

    if fmt in ("csv", "xlsx"):
        records, errors, headings, used = csv_xlsx.read(path, fmt, context, columns=columns, progress=fraction)
        return Reading(fmt, records, errors, headings, used)
    if fmt == "eutf":
        records, errors = eutf.read(path, context, progress=fraction)
    elif fmt == "iati":
        records, errors = iati.read(path, context, progress=fraction)
    else:
        raise ImportRefused(_("Unknown format “%(format)s”.") % {"format": fmt})
    return Reading(fmt, records, errors)


def preview(workspace, path, fmt=None, *, columns=None, progress=None) -> tuple[Reading, Plan]:
    """Read the file and compare it with the workspace; writes nothing."""
    reading = read(workspace, path, fmt, columns=columns, progress=progress)
    the_plan = plan(workspace, reading.records, reading.errors)
    if progress:
        progress(100)
    return reading, the_plan


def import_file(workspace, path, fmt=None, *, by, columns=None, dry_run=False, source_note="", progress=None):
    """Preview, then apply unless `dry_run` or the file has errors; returns (reading, plan, applied)."""
    reading, the_plan = preview(workspace, path, fmt, columns=columns)
    if dry_run or not the_plan.ok:
        return reading, the_plan, False
    apply(workspace, the_plan, by=by, source_note=source_note or Path(path).name, progress=progress)
    return reading, the_plan, True


def report(reading, the_plan) -> dict:
    """The plan as ImportRun.report keeps it: summary, file-level errors, every line; plus the columns."""
    data = the_plan.as_report()
    data.update(
        format=reading.format,
        unit="activity" if reading.format == "iati" else "row",
        headings=list(reading.headings),
        columns=dict(reading.columns),
        ok=the_plan.ok,
    )
    return data


def save_column_mapping(workspace, name, columns):
    """Keep a column mapping under a name for the next file of the same kind (replacing one of that name)."""
    from ..models import ColumnMapping

    kept = {key: value for key, value in columns.items() if key in csv_xlsx.FIELD_NAMES and value}
    mapping, _created = ColumnMapping.objects.update_or_create(
        workspace=workspace, name=name.strip()[:200], defaults={"columns": kept}
    )
    return mapping


def upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def store(upload) -> tuple[Path, str]:
    """Copy an uploaded file under MEDIA_ROOT/imports/ with a random name; returns (path, sha256).

    The client's file name is never part of the path. A file that grows past the limit while it is copied
    (a client may lie about its size) is removed and refused.
    """
    check_size(upload.size or 0)
    directory = upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / secrets.token_hex(16)
    digest, size = hashlib.sha256(), 0
    try:
        with open(path, "xb") as target:
            for chunk in upload.chunks():
                size += len(chunk)
                check_size(size)
                digest.update(chunk)
                target.write(chunk)
    except BaseException:
        discard(path)
        raise
    return path, digest.hexdigest()


def sha256_of(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def discard(path):
    """Remove a stored upload (and its progress file); a missing one is not an error."""
    if not path or Path(path).resolve().parent != upload_dir().resolve():
        return  # only ever remove what store() wrote
    for candidate in (Path(path), Path(f"{path}.progress")):
        candidate.unlink(missing_ok=True)
