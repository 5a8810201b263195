"""The indicator performance tracking table (IPTT): one row per indicator and period, on screen and as XLSX.

A period is the (start, end) of a target or of a measurement of the indicator; a target and a measurement of
the same period meet on the same row. "Actual" is the validated measurement by default; `include_submitted`
also counts values still awaiting validation.

% achieved (the rule, also written under the table):
  - baseline and target given and different: (actual − baseline) / (target − baseline) × 100 — the share of
    the way from the baseline to the target, which also works for indicators meant to go down;
  - otherwise: actual / target × 100;
  - none when there is no actual, no target, or the target is zero in the second formula.
Status: on track from 90 %, to watch from 60 %, off track below; no status without a percentage.

The XLSX has a second sheet, "Disaggregation": one row per indicator, period and category of the actual value's
breakdown (disaggregation.py), with the part's share of the total.

Everything is read in a fixed number of queries whatever the plan's size: flat lists of objectives, actions,
indicators, targets and measurements, assembled in Python.
"""

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import disaggregation
from .models import Action, Breakdown, Indicator, Measurement, Objective, Target

HUNDRED = Decimal(100)
ON_TRACK, WATCH, OFF_TRACK, NO_STATUS = "on_track", "watch", "off_track", "none"


def percent_achieved(actual, baseline, target) -> Decimal | None:
    if actual is None or target is None:
        return None
    if baseline is not None and target != baseline:
        return (Decimal(actual) - Decimal(baseline)) / (Decimal(target) - Decimal(baseline)) * HUNDRED
    if target == 0:
        return None
    return Decimal(actual) / Decimal(target) * HUNDRED


def status_of(percent) -> str:
    if percent is None:
        return NO_STATUS
    if percent >= 90:
        return ON_TRACK
    if percent >= 60:
        return WATCH
    return OFF_TRACK


def status_labels():
    return {ON_TRACK: _("on track"), WATCH: _("to watch"), OFF_TRACK: _("off track"), NO_STATUS: _("no status")}


@dataclass
class Row:
    indicator: Indicator
    axis: Objective | None
    level: str  # the level of what the indicator measures: general, axis, specific, result or action
    period_start: date
    period_end: date
    target: Decimal | None = None
    target_text: str = ""
    actual: Decimal | None = None
    actual_text: str = ""
    actual_status: str = ""
    measurement_id: int | None = None  # the measurement counted as actual, for its breakdown
    percent: Decimal | None = None
    status: str = NO_STATUS


@dataclass
class Table:
    rows: list
    axes: list  # the plan's axes, in order
    chart: list = field(default_factory=list)  # per axis: on track / with a status / share
    indicator_count: int = 0


@dataclass
class Filters:
    axis: int | None = None
    institution: int | None = None
    year: int | None = None
    include_submitted: bool = False


class Framework:
    """The plan's objectives and actions as flat maps, to find each indicator's axis and level."""

    def __init__(self, plan):
        self.objectives = {o.pk: o for o in Objective.objects.filter(plan=plan).order_by("order", "code", "pk")}
        self.action_results = dict(Action.objects.filter(plan=plan).values_list("pk", "result_id"))
        self.axes = [o for o in self.objectives.values() if o.level == Objective.Level.AXIS]
        self.selected = {}  # indicator id → (axis, baseline), filled by selected_indicator_ids

    def axis_of_objective(self, objective_id):
        seen = 0
        objective = self.objectives.get(objective_id)
        while objective is not None and seen < 10:
            if objective.level == Objective.Level.AXIS:
                return objective
            objective = self.objectives.get(objective.parent_id)
            seen += 1
        return None

    def placement(self, objective_id, action_id):
        """(axis, level) of an indicator given what it measures."""
        if action_id:
            return self.axis_of_objective(self.action_results.get(action_id)), "action"
        if objective_id and objective_id in self.objectives:
            return self.axis_of_objective(objective_id), self.objectives[objective_id].level
        return None, ""


def selected_indicator_ids(plan, framework: Framework, filters: Filters) -> list[int]:
    """The ids of the plan's indicators matching the axis and institution filters, in the table's order.

    Remembers each selected indicator's axis and baseline on `framework.selected` for the chart.
    """
    indicators = Indicator.objects.filter(plan=plan)
    if filters.institution:
        indicators = indicators.filter(responsible_institution_id=filters.institution)
    ids = []
    framework.selected = {}
    for pk, objective_id, action_id, baseline in indicators.order_by("order", "code", "pk").values_list(
        "pk", "objective_id", "action_id", "baseline_value"
    ):
        axis, _level = framework.placement(objective_id, action_id)
        if filters.axis and (axis is None or axis.pk != filters.axis):
            continue
        ids.append(pk)
        framework.selected[pk] = (axis, baseline)
    return ids


def _measurement_statuses(include_submitted):
    statuses = [Measurement.Status.VALIDATED]
    if include_submitted:
        statuses.append(Measurement.Status.SUBMITTED)
    return statuses


def rows_for(indicator_ids, framework: Framework, filters: Filters) -> list[Row]:
    """The rows of these indicators: three queries (indicators, targets, measurements)."""
    indicators = list(
        Indicator.objects.filter(pk__in=indicator_ids)
        .select_related("responsible_institution")
        .order_by("order", "code", "pk")
    )
    targets = Target.objects.filter(indicator_id__in=indicator_ids)
    measurements = Measurement.objects.filter(
        indicator_id__in=indicator_ids, status__in=_measurement_statuses(filters.include_submitted)
    )
    if filters.year:
        targets = targets.filter(period_end__year=filters.year)
        measurements = measurements.filter(period_end__year=filters.year)
    periods: dict[int, dict] = {pk: {} for pk in indicator_ids}
    for indicator_id, start, end, value, text in targets.values_list(
        "indicator_id", "period_start", "period_end", "value", "value_text"
    ):
        periods[indicator_id].setdefault((start, end), {})["target"] = (value, text)
    for pk, indicator_id, start, end, value, text, status in measurements.values_list(
        "pk", "indicator_id", "period_start", "period_end", "value", "value_text", "status"
    ):
        periods[indicator_id].setdefault((start, end), {})["actual"] = (value, text, status, pk)
    rows = []
    for indicator in indicators:
        axis, level = framework.placement(indicator.objective_id, indicator.action_id)
        for (start, end), found in sorted(periods[indicator.pk].items(), key=lambda item: (item[0][1], item[0][0])):
            row = Row(indicator=indicator, axis=axis, level=level, period_start=start, period_end=end)
            if "target" in found:
                row.target, row.target_text = found["target"]
            if "actual" in found:
                row.actual, row.actual_text, row.actual_status, row.measurement_id = found["actual"]
            row.percent = percent_achieved(row.actual, indicator.baseline_value, row.target)
            row.status = status_of(row.percent)
            rows.append(row)
    return rows


def axis_chart(plan, framework: Framework, indicator_ids, filters: Filters) -> list[dict]:
    """Per axis: of the indicators with a % achieved in their latest period with a value, how many are on track.

    One query over all the selected indicators (not only the page shown): the latest counted measurement of
    each and the target of the same period come from correlated subqueries on indexed columns.
    `selected_indicator_ids` must have run on this framework.
    """
    selected = framework.selected
    latest = Measurement.objects.filter(
        indicator=OuterRef("pk"), status__in=_measurement_statuses(filters.include_submitted), value__isnull=False
    )
    if filters.year:
        latest = latest.filter(period_end__year=filters.year)
    latest = latest.order_by("-period_end", "-period_start")
    same_period = Target.objects.filter(
        indicator=OuterRef("pk"), period_start=OuterRef("latest_start"), period_end=OuterRef("latest_end")
    )
    found = (
        Indicator.objects.filter(plan=plan)
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_start=Subquery(latest.values("period_start")[:1]),
            latest_end=Subquery(latest.values("period_end")[:1]),
        )
        .annotate(latest_target=Subquery(same_period.values("value")[:1]))
        .filter(latest_value__isnull=False)
        .values_list("pk", "latest_value", "latest_target")
    )
    status_by_axis: dict[int, list[str]] = {}
    for pk, value, target in found:
        if pk in selected and selected[pk][0] is not None:
            percent = percent_achieved(value, selected[pk][1], target)
            status_by_axis.setdefault(selected[pk][0].pk, []).append(status_of(percent))
    chart = []
    for axis in framework.axes:
        if filters.axis and axis.pk != filters.axis:
            continue
        measured = [status for status in status_by_axis.get(axis.pk, []) if status != NO_STATUS]
        on_track = sum(1 for status in measured if status == ON_TRACK)
        total = sum(1 for pk in indicator_ids if selected[pk][0] == axis)
        share = round(on_track * 100 / len(measured)) if measured else None
        chart.append(
            {"axis": axis, "on_track": on_track, "measured": len(measured), "indicators": total, "share": share}
        )
    return chart


# --- the table's body as HTML ------------------------------------------------------------------------------


class NumberStyle:
    """The reader's decimal and thousands separators, looked up once per table rather than once per number."""

    def __init__(self):
        self.decimal = formats.get_format("DECIMAL_SEPARATOR")
        self.thousands = formats.get_format("THOUSAND_SEPARATOR")

    def number(self, value) -> str:
        """A value without its trailing zeros, grouped the reader's way (1 234,5)."""
        if value is None:
            return ""
        value = Decimal(value).normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
        return self._local(f"{value:,f}")

    def percent(self, value) -> str:
        return "" if value is None else f"{self._local(f'{value:,.1f}')} %"

    def _local(self, text):
        return text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)


def number_text(value) -> str:
    return NumberStyle().number(value)


def percent_text(value) -> str:
    return NumberStyle().percent(value)


def period_text(start, end, short_format="SHORT_DATE_FORMAT") -> str:
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(end.year)
    return f"{formats.date_format(start, short_format)} – {formats.date_format(end, short_format)}"


def body_html(rows) -> str:
    """The <tr>s of the on-screen table, built in Python: the template engine took seconds for 1,000 rows.

    Every value goes through `escape`; the markup around them is fixed.
    """
    style = NumberStyle()
    labels = {key: escape(label) for key, label in status_labels().items()}
    head = {
        key: escape(label)
        for key, label in {
            "code": _("Code"),
            "indicator": _("Indicator"),
            "baseline": _("Baseline"),
            "period": _("Period"),
            "target": _("Target"),
            "actual": pgettext("indicator value", "Actual"),
            "percent": _("% achieved"),
            "status": _("Status"),
        }.items()
    }
    awaiting = f' <span class="muted">({escape(_("awaiting validation"))})</span>'
    indicator_cells = {}
    parts = []
    for row in rows:
        indicator = row.indicator
        if indicator.pk not in indicator_cells:
            axis = f'<br><span class="muted">{escape(row.axis.code)}</span>' if row.axis else ""
            unit = f' <span class="muted">({escape(indicator.unit)})</span>' if indicator.unit else ""
            baseline = style.number(indicator.baseline_value) or indicator.baseline_text or "—"
            if indicator.baseline_year:
                baseline = f"{baseline} ({indicator.baseline_year})"
            indicator_cells[indicator.pk] = (
                f'<td data-label="{head["code"]}">{escape(indicator.code)}{axis}</td>'
                f'<td data-label="{head["indicator"]}">{escape(Truncator(indicator.definition).chars(120))}{unit}</td>'
                f'<td data-label="{head["baseline"]}">{escape(baseline)}</td>'
            )
        actual = escape(style.number(row.actual) or row.actual_text or "—")
        if row.actual_status == Measurement.Status.SUBMITTED:
            actual += awaiting
        parts.append(
            f"<tr>{indicator_cells[indicator.pk]}"
            f'<td data-label="{head["period"]}">{escape(period_text(row.period_start, row.period_end))}</td>'
            f'<td data-label="{head["target"]}">{escape(style.number(row.target) or row.target_text or "—")}</td>'
            f'<td data-label="{head["actual"]}">{actual}</td>'
            f'<td data-label="{head["percent"]}">{escape(style.percent(row.percent) or "—")}</td>'
            f'<td data-label="{head["status"]}"><span class="track track-{row.status}">{labels[row.status]}</span></td>'
            "</tr>"
        )
    return mark_safe("\n".join(parts))  # noqa: S308 — every value above is escaped


# --- XLSX -----------------------------------------------------------------------------------------------


def xlsx(plan, rows) -> bytes:
    """Every row as a worksheet (write-only, so a large plan stays small in memory)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("IPTT")[:31])
    sheet.freeze_panes = "A2"
    headers = [
        _("Axis"),
        _("Level"),
        _("Code"),
        _("Indicator"),
        _("Unit"),
        _("Responsible institution"),
        _("Baseline"),
        _("Baseline year"),
        _("Period start"),
        _("Period end"),
        _("Target"),
        pgettext("indicator value", "Actual"),
        _("% achieved"),
        _("Status"),
    ]
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    labels = status_labels()

    def cell(value, fmt):
        # Only the cells that need a format are WriteOnlyCells: plain values are several times faster to write.
        written = WriteOnlyCell(sheet, value=value)
        written.number_format = fmt
        return written

    def number(value, text):
        return float(value) if value is not None else _safe(text)

    for row in rows:
        indicator = row.indicator
        institution = indicator.responsible_institution
        sheet.append(
            [
                _safe(f"{row.axis.code} {row.axis.title}".strip()) if row.axis else "",
                row.level,
                _safe(indicator.code),
                _safe(indicator.definition),
                _safe(indicator.unit),
                _safe(institution.acronym or institution.name_fr) if institution else "",
                number(indicator.baseline_value, indicator.baseline_text),
                indicator.baseline_year,
                row.period_start,  # openpyxl gives dates a date format by itself
                row.period_end,
                number(row.target, row.target_text),
                number(row.actual, row.actual_text),
                cell(float(round(row.percent, 2)), "0.0") if row.percent is not None else None,
                labels[row.status],
            ]
        )
    _disaggregation_sheet(workbook, plan, rows, bold)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _disaggregation_sheet(workbook, plan, rows, bold):
    """One row per indicator, period and category of the actual values' breakdowns, with its share of the total
    (none for a percentage indicator, whose parts are rates); the unknown rest of a number's total is a row too.
    Two queries at most whatever the plan's size: the plan's breakdowns, and the names of regions and countries."""
    from openpyxl.cell import WriteOnlyCell

    sheet = workbook.create_sheet(_("Disaggregation")[:31])
    sheet.freeze_panes = "A2"
    headers = [
        _("Code"),
        _("Indicator"),
        _("Period start"),
        _("Period end"),
        _("Total"),
        _("Disaggregated by"),
        _("Category code"),
        _("Category"),
        _("Value"),
        _("Share of the total (%)"),
    ]
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    counted = {row.measurement_id for row in rows if row.measurement_id}
    parts: dict[int, list] = {}
    if counted:
        for part in Breakdown.objects.filter(measurement__indicator__plan=plan).order_by("pk"):
            if part.measurement_id in counted:
                parts.setdefault(part.measurement_id, []).append(part)
    catalogue = disaggregation.Catalogue(plan.workspace)
    for row in rows:
        if row.measurement_id not in parts:
            continue
        indicator = row.indicator
        found = disaggregation.sheet_rows(row.actual, parts[row.measurement_id], indicator, catalogue)
        for dimension, code, label, value, share in found:
            percent = None
            if share is not None:
                percent = WriteOnlyCell(sheet, value=float(round(share, 2)))
                percent.number_format = "0.0"
            sheet.append(
                [
                    _safe(indicator.code),
                    _safe(indicator.definition),
                    row.period_start,
                    row.period_end,
                    float(row.actual) if row.actual is not None else None,
                    dimension,
                    code,
                    _safe(label),
                    float(value),
                    percent,
                ]
            )


def _safe(text):
    """Text a spreadsheet will not run as a formula."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text
