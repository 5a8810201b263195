"""The narrative progress report of a monitoring round, as a Word file (python-docx, as the strategy export).

Title and period, summary figures, then per strategic axis: actions by status, the indicators' table (baseline,
target, actual, % achieved for the round's period), the breakdown of those values when it is short (a few
categories: the open list of nationalities is left to the IPTT workbook), and what focal points wrote in the round.
Figures are those of the IPTT: validated values only.
"""

import io

import docx
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import disaggregation, iptt, monitoring
from .models import Action, ActionReport, Breakdown, Measurement

SHORT_BREAKDOWN = 6  # categories at most in a dimension listed under the indicators' table


def _number(value):
    return iptt.number_text(value) or "—"


def _percent(value):
    return iptt.percent_text(value) or "—"


def narrative_docx(plan, round_) -> bytes:
    framework = iptt.Framework(plan)
    filters = iptt.Filters()
    all_ids = iptt.selected_indicator_ids(plan, framework, filters)
    rows = [
        row
        for row in iptt.rows_for(all_ids, framework, filters)
        if row.period_start == round_.period_start and row.period_end == round_.period_end
    ]
    parts = {}
    counted = {row.measurement_id for row in rows if row.measurement_id}
    if counted:
        for part in Breakdown.objects.filter(
            measurement__indicator__plan=plan,
            measurement__period_start=round_.period_start,
            measurement__period_end=round_.period_end,
        ).order_by("pk"):
            if part.measurement_id in counted:
                parts.setdefault(part.measurement_id, []).append(part)
    catalogue = disaggregation.Catalogue(plan.workspace)
    progress, totals = monitoring.round_progress(round_)
    statuses = monitoring.current_action_statuses(plan)
    status_labels = dict(Action.Status.choices)
    actions = list(Action.objects.filter(plan=plan).order_by("order", "code", "pk"))
    comments = list(
        Measurement.objects.filter(round=round_)
        .exclude(comment="")
        .exclude(status=Measurement.Status.DRAFT)  # a draft is its focal point's work in progress, not the record
        .select_related("indicator")
        .order_by("indicator__order", "indicator__code", "pk")
    )
    progress_notes = list(
        ActionReport.objects.filter(round=round_)
        .exclude(progress="")
        .select_related("action")
        .order_by("action__order", "action__code", "pk")
    )

    document = docx.Document()
    document.add_heading(_("Progress report: %(round)s") % {"round": round_.title}, level=0)
    document.add_paragraph(plan.title)
    document.add_paragraph(
        _("Period: %(start)s – %(end)s")
        % {"start": formats.date_format(round_.period_start), "end": formats.date_format(round_.period_end)}
    )

    document.add_heading(_("Summary"), level=1)
    by_status = {}
    for status in statuses.values():
        by_status[status] = by_status.get(status, 0) + 1
    summary = document.add_table(rows=1, cols=2)
    summary.style = "Table Grid"
    summary.rows[0].cells[0].text, summary.rows[0].cells[1].text = _("Figure"), _("Number")
    figures = [
        (_("Indicators expected"), totals["expected"]),
        (_("Indicators reported"), totals["reported"]),
        (_("Indicators validated"), totals["validated"]),
        (_("Actions"), len(statuses)),
    ] + [(status_labels[code], by_status.get(code, 0)) for code, _label in Action.Status.choices]
    for label, value in figures:
        cells = summary.add_row().cells
        cells[0].text, cells[1].text = str(label), str(value)

    axes = [*framework.axes, None]
    for axis in axes:
        axis_actions = [a for a in actions if framework.axis_of_objective(a.result_id) == axis]
        axis_rows = [row for row in rows if row.axis == axis]
        if axis is None and not axis_actions and not axis_rows:
            continue
        document.add_heading(f"{axis.code} {axis.title}".strip() if axis else _("Outside the axes"), level=1)

        document.add_heading(_("Actions by status"), level=2)
        if axis_actions:
            table = document.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, header in zip(table.rows[0].cells, [_("Code"), _("Action"), _("Status")], strict=True):
                cell.text = header
            for action in axis_actions:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = action.code, action.title
                cells[2].text = str(status_labels[statuses[action.pk]])
        else:
            document.add_paragraph(_("No action."))

        document.add_heading(_("Indicators"), level=2)
        if axis_rows:
            table = document.add_table(rows=1, cols=6)
            table.style = "Table Grid"
            headers = [
                _("Code"),
                _("Indicator"),
                _("Baseline"),
                _("Target"),
                pgettext("indicator value", "Actual"),
                _("% achieved"),
            ]
            for cell, header in zip(table.rows[0].cells, headers, strict=True):
                cell.text = header
            for row in axis_rows:
                indicator = row.indicator
                cells = table.add_row().cells
                cells[0].text = indicator.code
                cells[1].text = indicator.definition
                cells[2].text = (
                    _number(indicator.baseline_value)
                    if indicator.baseline_value is not None
                    else indicator.baseline_text or "—"
                )
                cells[3].text = _number(row.target) if row.target is not None else row.target_text or "—"
                cells[4].text = _number(row.actual) if row.actual is not None else row.actual_text or "—"
                cells[5].text = _percent(row.percent)
            for row in axis_rows:
                for line in _short_lines(row, parts.get(row.measurement_id, []), catalogue):
                    document.add_paragraph(f"{row.indicator.code}: {line}", style="List Bullet")
        else:
            document.add_paragraph(_("No indicator value for this period."))

        axis_comments = [m for m in comments if _indicator_axis(framework, m.indicator) == axis]
        axis_notes = [r for r in progress_notes if framework.axis_of_objective(r.action.result_id) == axis]
        if axis_comments or axis_notes:
            document.add_heading(_("Comments from the reports"), level=2)
            for measurement in axis_comments:
                document.add_paragraph(f"{measurement.indicator.code}: {measurement.comment}", style="List Bullet")
            for report in axis_notes:
                document.add_paragraph(f"{report.action.code}: {report.progress}", style="List Bullet")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _short_lines(row, parts, catalogue):
    """The breakdown of a row's actual value, one line per dimension with few enough categories."""
    counts = {}
    for part in parts:
        counts[part.dimension] = counts.get(part.dimension, 0) + 1
    short = [part for part in parts if counts[part.dimension] <= SHORT_BREAKDOWN]
    found = disaggregation.lines_of(row.actual, short, row.indicator, catalogue)
    return [f"{capfirst(line.label)}: {line.text}" for line in found]


def _indicator_axis(framework, indicator):
    return framework.placement(indicator.objective_id, indicator.action_id)[0]
