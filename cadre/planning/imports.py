"""The EU Trust Fund results import: partners' logframes (targets and actuals) as indicators of the mapped
interventions they belong to.

Each row of the results file (iati_id, result_type, title, period_start, period_end, target, actual) becomes an
Indicator of the workspace's intervention whose IATI identifier is `iati_id` (no plan), with a Target for the
period when the row has a target and a validated Measurement when it has an actual. An indicator is found again
by its `source_key` (the IATI identifier, the result it measures and its normalised title), so importing the
same file twice changes nothing.

Values: "", "NULL" → nothing; "0,8" → 0.8 (decimal comma); "262.00" → 262; "5,250" → 5250 (English
thousands: a comma followed by groups of three digits, and no leading zero). Anything else — a text, "n/a", a
negative number, "10%" — is not guessed: the row is reported with its line, column, value and reason, and left
out; the other rows are imported. A row whose project is not in the mapping is reported too. The whole import is
one transaction.

Re-importing: the file is the partner's source for what it created, but never silently overrides Cadre. Each
imported measurement remembers the file's value (`imported_value`). A later file's different value replaces it
only while the measurement is validated and still holds that value; one changed in Cadre since the last import
(its value is no longer the imported one), or being corrected there (reopened, draft, submitted), is kept and the
row is reported. A value reported in a monitoring round (no import key) is kept and reported likewise. Where the
file and Cadre agree, nothing changes and nothing is reported. Targets and the indicator's own fields follow the
file.

The page runs the import in the background (planning/tasks.py); the management command runs it at once.
"""

import csv
import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.core.services import change_by
from cadre.mapping.imports.values import normal
from cadre.mapping.models import Intervention

from . import library
from .models import Indicator, Measurement, Target

COLUMNS = ("iati_id", "result_type", "title", "period_start", "period_end", "target", "actual")
KEY_LENGTH = 200  # Indicator.source_key and Measurement.source_key
MAX_VALUE = Decimal(10) ** 13  # the value fields hold 18 digits, 4 of them decimals; one in reserve for SQLite
MAX_BYTES = 20 * 1024 * 1024
EVIDENCE = "EU Trust Fund results file (IATI, Akvo RSR)"

_PLAIN = re.compile(r"^\d+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class ImportRefused(Exception):
    """The file as a whole cannot be read (not a CSV, missing columns): nothing is imported."""


@dataclass
class Problem:
    line: int
    column: str
    value: str
    reason: str


@dataclass
class Result:
    created: int = 0  # rows that created their indicator
    updated: int = 0  # rows that changed an existing indicator, target or measurement
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def reported(self) -> int:
        return len({problem.line for problem in self.problems})

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + self.reported


def parse_value(raw: str) -> Decimal | None:
    """A target or actual: None for "" and "NULL"; ValueError (with the reason) for anything not a number."""
    value = (raw or "").strip()
    if not value or value.casefold() == "null":
        return None
    compact = _SPACES.sub("", value)
    if _THOUSANDS.match(compact):
        compact = compact.replace(",", "")
    elif _DECIMAL_COMMA.match(compact):
        compact = compact.replace(",", ".")
    if not _PLAIN.match(compact):
        if re.match(r"^-\d+([.,]\d+)?$", compact):
            raise ValueError(_("A negative number is not a usable target or result."))
        raise ValueError(_("Not a number."))
    try:
        number = Decimal(compact)
    except InvalidOperation:  # pragma: no cover - the pattern above lets only numbers through
        raise ValueError(_("Not a number.")) from None
    if number >= MAX_VALUE or number.quantize(Decimal("0.0001")) >= MAX_VALUE:
        raise ValueError(_("The number is too large."))
    return number


def parse_date(raw: str) -> datetime.date | None:
    value = (raw or "").strip()
    if not value or value.casefold() == "null":
        return None
    for candidate in (value[:10], value):
        try:
            return datetime.date.fromisoformat(candidate)
        except ValueError:
            pass
    try:
        return datetime.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        raise ValueError(_("Not a date (write it yyyy-mm-dd or dd/mm/yyyy).")) from None


def source_key(iati_id: str, result_type: str, title: str) -> str:
    """iati_id|result_type|normalised title — shortened with a digest of the whole when it passes 200 characters."""
    key = f"{iati_id.strip()}|{' '.join(result_type.split())}|{normal(title)}"
    if len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"{key[: KEY_LENGTH - 17]}#{digest}"


def decode(data: bytes) -> str:
    """UTF-8 (with or without its byte-order mark), else Windows-1252 as spreadsheets on Windows save it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@dataclass
class Row:
    line: int
    iati_id: str
    result_type: str
    title: str
    period: tuple | None
    target: Decimal | None
    actual: Decimal | None
    intervention_id: int | None = None

    @property
    def key(self):
        return source_key(self.iati_id, self.result_type, self.title)


def _headings(reader) -> tuple[list[str], dict[str, int]]:
    """The first record of the file and where each expected column is; ImportRefused if one is missing."""
    try:
        headings = next(reader)
    except (StopIteration, csv.Error):
        raise ImportRefused(_("The file is empty or is not a CSV file.")) from None
    names = [heading.strip().casefold() for heading in headings]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        raise ImportRefused(
            _("The file lacks the columns: %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    return headings, {column: names.index(column) for column in COLUMNS}


def check(data: bytes) -> None:
    """ImportRefused if the file as a whole cannot be imported (too large, not a CSV, missing columns), before it
    is queued: the page says so at once instead of queuing a file that is bound to be refused."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(too_large_message())
    _headings(csv.reader(io.StringIO(decode(data), newline="")))


def too_large_message() -> str:
    return _("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)}


def read(data: bytes, interventions: dict) -> tuple[list[Row], list[Problem]]:
    """The usable rows of the file and the problems of the others; `interventions` maps IATI ids to ids."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    headings, position = _headings(reader)
    rows, problems = [], []
    while True:
        line = reader.line_num + 1  # where the record starts (a quoted title may span lines)
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(line, "", "", _("Unreadable line: %(error)s") % {"error": error}))
            break
        if not any(cell.strip() for cell in cells):
            continue
        cells += [""] * (len(headings) - len(cells))
        cell = {column: cells[index] for column, index in position.items()}
        row_problems = []

        def report(column, reason, cell=cell, row_problems=row_problems, line=line):
            row_problems.append(Problem(line, column, cell[column], reason))

        iati_id, title = cell["iati_id"].strip(), " ".join(cell["title"].split())
        if not iati_id:
            report("iati_id", _("No project identifier."))
        elif iati_id not in interventions:
            report("iati_id", _("No intervention of this workspace has this IATI identifier."))
        if not title:
            report("title", _("No indicator title."))
        values = {}
        for column in ("target", "actual"):
            try:
                values[column] = parse_value(cell[column])
            except ValueError as error:
                report(column, str(error))
        dates = {}
        for column in ("period_start", "period_end"):
            try:
                dates[column] = parse_date(cell[column])
            except ValueError as error:
                report(column, str(error))
        period = None
        if not row_problems:
            start, end = dates["period_start"], dates["period_end"]
            if start and end:
                if end < start:
                    report("period_end", _("The period ends before it starts."))
                period = (start, end)
            elif start or end:
                report("period_end" if start else "period_start", _("The period needs both a start and an end."))
            elif values["target"] is not None or values["actual"] is not None:
                report("period_end", _("A target or a result needs the period it is for."))
        if row_problems:
            problems.extend(row_problems)
            continue
        result_type = " ".join(cell["result_type"].split())
        rows.append(
            Row(line, iati_id, result_type, title, period, values["target"], values["actual"], interventions[iati_id])
        )
    return rows, problems


def _set(instance, **values) -> bool:
    """Assign the values that differ; True when something changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def import_results(workspace, data: bytes, *, by, dry_run=False) -> Result:
    """Import a results file into the workspace's interventions, all or nothing; see the module's docstring.

    With `dry_run`, everything is worked out (and counted) and then rolled back.
    """
    if len(data) > MAX_BYTES:
        raise ImportRefused(too_large_message())
    interventions = dict(
        Intervention.objects.filter(workspace=workspace)
        .exclude(iati_identifier="")
        .values_list("iati_identifier", "pk")
    )
    rows, problems = read(data, interventions)
    result = Result(problems=problems, dry_run=dry_run)
    # All the workspace's imported indicators (not an IN over the file's keys: a file may hold thousands).
    existing = {
        indicator.source_key: indicator
        for indicator in Indicator.objects.filter(workspace=workspace, plan__isnull=True)
        .exclude(source_key="")
        .prefetch_related("targets", "measurements")
    }
    targets = {
        (key, (target.period_start, target.period_end)): target
        for key, indicator in existing.items()
        for target in indicator.targets.all()
    }
    measurements = {
        (key, (measurement.period_start, measurement.period_end)): measurement
        for key, indicator in existing.items()
        for measurement in indicator.measurements.all()
    }
    seen = {}  # (key, period) → the first row that gave it values, to report a contradicting duplicate
    now = timezone.now()
    with change_by(by):
        for row in rows:
            key = row.key
            if row.period and (key, row.period) in seen:
                first = seen[(key, row.period)]
                if (first.target, first.actual) != (row.target, row.actual):
                    result.problems.append(
                        Problem(
                            row.line,
                            "title",
                            row.title,
                            _("Same indicator and period as line %(line)s, with other values.") % {"line": first.line},
                        )
                    )
                    continue
            if row.period:
                seen[(key, row.period)] = row
            outcome = _import_row(workspace, row, key, existing, targets, measurements, result.problems, by=by, now=now)
            setattr(result, outcome, getattr(result, outcome) + 1)
        if dry_run:
            transaction.set_rollback(True)
    result.problems.sort(key=lambda problem: problem.line)
    return result


def _import_row(workspace, row, key, existing, targets, measurements, problems, *, by, now) -> str:
    outcome = "unchanged"
    fields = {
        "intervention_id": row.intervention_id,
        "definition_fr": row.title,
        "library_code": (library.code_from_title(row.title) or "")
        if row.result_type == "EUTF Common Output Indicators"
        else "",
    }
    indicator = existing.get(key)
    if indicator is None:
        indicator = Indicator(
            workspace=workspace,
            source_key=key,
            kind=Indicator.Kind.PERCENTAGE if row.title.startswith("%") else Indicator.Kind.NUMBER,
            **fields,
        )
        indicator.save()
        existing[key] = indicator
        outcome = "created"
    elif _set(indicator, **fields):
        indicator.save()
        outcome = "updated"
    if row.period is None:
        return outcome
    start, end = row.period
    if row.target is not None:
        target = targets.get((key, row.period))
        if target is None:
            targets[(key, row.period)] = Target.objects.create(
                indicator=indicator, period_start=start, period_end=end, value=row.target
            )
            outcome = "updated" if outcome == "unchanged" else outcome
        elif _set(target, value=row.target):
            target.save()
            outcome = "updated" if outcome == "unchanged" else outcome
    if row.actual is not None:
        measurement = measurements.get((key, row.period))
        if measurement is None:
            measurements[(key, row.period)] = Measurement.objects.create(
                indicator=indicator,
                period_start=start,
                period_end=end,
                value=row.actual,
                status=Measurement.Status.VALIDATED,
                evidence=EVIDENCE,
                reported_by=by,
                reported_at=now,
                validated_by=by,
                validated_at=now,
                source_key=key,
                imported_value=row.actual,
            )
            outcome = "updated" if outcome == "unchanged" else outcome
        elif measurement.value == row.actual:
            # The file and Cadre agree. If they had parted (changed in Cadre), they are in step again: a later
            # file's change applies again.
            if (
                measurement.source_key == key
                and measurement.status == Measurement.Status.VALIDATED
                and measurement.imported_value != row.actual
            ):
                measurement.imported_value = row.actual
                measurement.save(update_fields=["imported_value", "updated_at"])
        elif measurement.source_key != key:
            reason = _("A value reported in a monitoring round exists for this period: it is kept.")
            problems.append(Problem(row.line, "actual", str(row.actual), reason))
        elif measurement.status == Measurement.Status.VALIDATED and measurement.value == measurement.imported_value:
            # Nobody touched it in Cadre since the last import: the partner's file corrects itself.
            measurement.value = measurement.imported_value = row.actual
            measurement.save()
            outcome = "updated" if outcome == "unchanged" else outcome
        else:
            problems.append(Problem(row.line, "actual", str(row.actual), _kept_reason(measurement, row.actual)))
    return outcome


def _kept_reason(measurement, actual) -> str:
    """Why an imported value the file now gives otherwise is kept: it was changed, or is being corrected, in Cadre."""
    values = {"cadre": _shown(measurement.value), "file": _shown(actual)}
    if measurement.status != Measurement.Status.VALIDATED:
        return _("Being corrected in Cadre (%(status)s; Cadre: %(cadre)s, file: %(file)s): kept.") % {
            **values,
            "status": measurement.get_status_display(),
        }
    return _("Changed in Cadre since the last import (Cadre: %(cadre)s, file: %(file)s): kept.") % values


def _shown(value) -> str:
    if value is None:
        return "—"
    return str(value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize())
