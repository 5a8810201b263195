"""Monitoring rounds: opening and closing them, focal points' reports, the secretariat's validation.

Who may report what is decided here, not only in the views: a member or partner reports only for the indicators
their institution is responsible for and the actions it leads; the secretariat reports for any. A validated
value is frozen: nobody changes it (not even through the secretariat's own report form) until the secretariat
reopens it. Each check reads the measurement under a row lock (`select_for_update`), so that a validation and a
late report cannot cross. A value's breakdown (`Breakdown` rows, see disaggregation.py) is written with its total,
under the same lock and in the same transaction, and checked against it. Measurement, Breakdown and ActionReport
are audited: every report, validation, send-back and reopening is an AuditEvent with the old and new values.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.core.services import change_by
from cadre.workspaces.roles import Role

from . import disaggregation
from .models import Action, ActionReport, Breakdown, Indicator, Measurement, MonitoringRound

Status = Measurement.Status


# --- who may report -------------------------------------------------------------------------------------


def reports_for_all(membership) -> bool:
    return membership.role == Role.SECRETARIAT and membership.can("report_monitoring")


def can_report_indicator(membership, indicator) -> bool:
    if not membership.can("report_monitoring"):
        return False
    if reports_for_all(membership):
        return True
    return bool(membership.institution_id) and indicator.responsible_institution_id == membership.institution_id


def can_report_action(membership, action) -> bool:
    if not membership.can("report_monitoring"):
        return False
    if reports_for_all(membership):
        return True
    return bool(membership.institution_id) and action.lead_institution_id == membership.institution_id


def reportable_indicators(round_, membership):
    """The plan's indicators this member reports for (all of them for the secretariat)."""
    indicators = Indicator.objects.filter(plan=round_.plan).select_related("objective", "action")
    if not reports_for_all(membership):
        indicators = indicators.filter(responsible_institution_id=membership.institution_id or -1)
    return indicators.order_by("order", "code", "pk")


def reportable_actions(round_, membership):
    actions = Action.objects.filter(plan=round_.plan)
    if not reports_for_all(membership):
        actions = actions.filter(lead_institution_id=membership.institution_id or -1)
    return actions.order_by("order", "code", "pk")


# --- rounds ---------------------------------------------------------------------------------------------


def save_round(round_, *, by) -> MonitoringRound:
    """ValidationError when the period of a round with reported values changes: the values are for its period, and
    a new period would let them be reported again beside the validated ones."""
    with change_by(by):
        if round_.pk:
            saved = MonitoringRound.objects.select_for_update(of=("self",)).order_by().get(pk=round_.pk)
            moved = (saved.period_start, saved.period_end) != (round_.period_start, round_.period_end)
            reported = Measurement.objects.filter(round=round_).exists()
            if moved and (reported or ActionReport.objects.filter(round=round_).exists()):
                raise ValidationError(_("Values were reported for this round: its period can no longer change."))
        round_.full_clean()
        round_.save()
    return round_


def set_round_status(round_, status, *, by) -> MonitoringRound:
    if status not in MonitoringRound.Status.values:
        raise ValidationError(_("Unknown status."))
    with change_by(by):
        locked = MonitoringRound.objects.select_for_update(of=("self",)).order_by().get(pk=round_.pk)
        if locked.status != status:
            locked.status = status
            locked.save(update_fields=["status", "updated_at"])
    return locked


def round_progress(round_):
    """Per responsible institution: indicators expected, reported (submitted or validated) and validated.

    One grouped query over the plan's indicators joined to this round's measurements.
    """
    in_round = Q(measurements__round=round_)
    rows = (
        Indicator.objects.filter(plan=round_.plan)
        .values("responsible_institution_id", "responsible_institution__name_fr", "responsible_institution__acronym")
        .annotate(
            expected=Count("pk", distinct=True),
            reported=Count(
                "measurements",
                filter=in_round & Q(measurements__status__in=[Status.SUBMITTED, Status.VALIDATED]),
                distinct=True,
            ),
            validated=Count("measurements", filter=in_round & Q(measurements__status=Status.VALIDATED), distinct=True),
        )
        .order_by("responsible_institution__name_fr")
    )
    progress = []
    for row in rows:
        name = row["responsible_institution__acronym"] or row["responsible_institution__name_fr"]
        progress.append({**row, "name": name})
    totals = {key: sum(row[key] for row in progress) for key in ("expected", "reported", "validated")}
    return progress, totals


# --- reports --------------------------------------------------------------------------------------------


def _check_open(round_):
    if round_.status != MonitoringRound.Status.OPEN:
        raise ValidationError(_("This monitoring round is closed: reopen it to report."))


def report_measurement(
    round_,
    indicator,
    *,
    membership,
    by,
    value=None,
    value_text="",
    evidence="",
    comment="",
    submit=True,
    breakdown=None,
    catalogue=None,
) -> Measurement:
    """Record (or update) the indicator's value for the round's period, submitted or kept as a draft.

    `breakdown` ({dimension: {category: value or None}}) replaces the parts of each dimension it names: categories
    left out or None are deleted; dimensions it does not name keep their parts, which must still fit the new total.
    PermissionDenied for another institution's indicator; ValidationError for a closed round or a validated value,
    and ValidationError({dimension: [messages]}) for a breakdown that breaks the rules of disaggregation.check.
    """
    if indicator.plan_id != round_.plan_id:
        raise PermissionDenied
    if not can_report_indicator(membership, indicator):
        raise PermissionDenied
    _check_open(round_)
    with change_by(by):
        # The indicator's row first: two first reports of the same value at once wait for each other here instead
        # of both inserting (the second would break the once-per-period constraint).
        Indicator.objects.select_for_update(of=("self",)).filter(pk=indicator.pk).order_by("pk").first()
        # order_by("pk"): the default ordering joins the indicator and its (nullable) plan, and PostgreSQL refuses
        # FOR UPDATE on the nullable side of an outer join; of=("self",) locks only the measurement in any case.
        measurement = (
            Measurement.objects.select_for_update(of=("self",))
            .filter(indicator=indicator, period_start=round_.period_start, period_end=round_.period_end)
            .order_by("pk")
            .first()
        )
        if measurement is None:
            measurement = Measurement(
                indicator=indicator, period_start=round_.period_start, period_end=round_.period_end
            )
        elif measurement.status == Status.VALIDATED:
            raise ValidationError(_("This value is validated: the secretariat must reopen it before it can change."))
        measurement.round = round_
        measurement.value = value
        measurement.value_text = value_text
        measurement.evidence = evidence
        measurement.comment = comment
        measurement.status = Status.SUBMITTED if submit else Status.DRAFT
        measurement.reported_by = by
        measurement.reported_at = timezone.now()
        measurement.full_clean(validate_unique=False)
        existing = list(Breakdown.objects.filter(measurement=measurement)) if measurement.pk else []
        changes = _breakdown_changes(indicator, measurement.value, existing, breakdown, catalogue)
        measurement.save()
        _write_breakdown(measurement, existing, changes)
    return measurement


def _breakdown_changes(indicator, total, existing, breakdown, catalogue):
    """The parts to keep per dimension named by `breakdown`, after checking the whole breakdown against the total.

    Parts of a dimension the indicator no longer declares (or of a type that has none) go: nobody sees them in the
    form, and they cannot be checked against the new total."""
    breakdown = {
        dimension: {category: part for category, part in values.items() if part is not None}
        for dimension, values in (breakdown or {}).items()
    }
    offered = disaggregation.dimensions_of(indicator)
    parts = {}
    for row in existing:
        if row.dimension not in offered:
            breakdown.setdefault(row.dimension, {})
        elif row.value is not None:
            parts.setdefault(row.dimension, {})[row.category] = row.value
    parts.update(breakdown)
    if any(parts.values()):
        disaggregation.check(indicator, total, parts, catalogue or disaggregation.Catalogue(indicator.workspace))
    return breakdown


def _write_breakdown(measurement, existing, changes):
    """Create, update or delete one row per category (each an AuditEvent); unchanged rows are not written."""
    saved = {(row.dimension, row.category): row for row in existing}
    for dimension, values in changes.items():
        for (row_dimension, category), row in saved.items():
            if row_dimension == dimension and category not in values:
                row.delete()
        for category, part in values.items():
            row = saved.get((dimension, category))
            if row is None:
                row = Breakdown(measurement=measurement, dimension=dimension, category=category, value=part)
            elif row.value == part:
                continue
            row.value = part
            row.full_clean(validate_unique=False)
            row.save()


def _locked(measurement) -> Measurement:
    # Only the row itself is locked and read (no join): PostgreSQL refuses FOR UPDATE on the nullable side of an
    # outer join, which a select_related or the default ordering would bring in.
    return Measurement.objects.select_for_update(of=("self",)).order_by().get(pk=measurement.pk)


def validate_measurement(measurement, *, by) -> Measurement:
    with change_by(by):
        locked = _locked(measurement)
        if locked.status != Status.SUBMITTED:
            raise ValidationError(_("Only a submitted value can be validated."))
        locked.status = Status.VALIDATED
        locked.validated_by = by
        locked.validated_at = timezone.now()
        locked.save()
    return locked


def send_back_measurement(measurement, *, comment, by) -> Measurement:
    """Return a submitted value to its focal point, saying why (the reason goes into the comment)."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Say why the value is sent back."))
    with change_by(by):
        locked = _locked(measurement)
        if locked.status != Status.SUBMITTED:
            raise ValidationError(_("Only a submitted value can be sent back."))
        locked.status = Status.REOPENED
        locked.comment = _send_back_note(locked.comment, comment)
        locked.save()
    return locked


def reopen_measurement(measurement, *, by, comment="") -> Measurement:
    """Unfreeze a validated value so that it can be corrected; the validation is withdrawn."""
    with change_by(by):
        locked = _locked(measurement)
        if locked.status != Status.VALIDATED:
            raise ValidationError(_("Only a validated value can be reopened."))
        locked.status = Status.REOPENED
        locked.validated_by = None
        locked.validated_at = None
        if comment.strip():
            locked.comment = _send_back_note(locked.comment, comment.strip())
        locked.save()
    return locked


def _send_back_note(existing, note):
    prefix = _("Secretariat: %(note)s") % {"note": note}
    return f"{existing}\n\n{prefix}".strip()


def report_action(round_, action, *, membership, by, status, progress="") -> ActionReport:
    if action.plan_id != round_.plan_id or not can_report_action(membership, action):
        raise PermissionDenied
    _check_open(round_)
    if status not in Action.Status.values:
        raise ValidationError(_("Unknown status."))
    with change_by(by):
        report = (
            ActionReport.objects.select_for_update(of=("self",))
            .filter(round=round_, action=action)
            .order_by("pk")
            .first()
        )
        if report is None:
            report = ActionReport(round=round_, action=action)
        elif report.validated:
            raise ValidationError(_("This report is validated: the secretariat must reopen it before it can change."))
        report.status = status
        report.progress = progress
        report.reported_by = by
        report.full_clean(validate_unique=False)
        report.save()
    return report


def decide_action_report(report, *, validated: bool, by) -> ActionReport:
    """Validate an action report (its status then counts in the summaries) or reopen it."""
    with change_by(by):
        locked = ActionReport.objects.select_for_update(of=("self",)).order_by().get(pk=report.pk)
        if locked.validated != validated:
            locked.validated = validated
            locked.save()
    return locked


# --- action-status summary ------------------------------------------------------------------------------


def current_action_statuses(plan) -> dict[int, str]:
    """Each action's status: from its latest validated report (by round period), else the action's own."""
    statuses = dict(Action.objects.filter(plan=plan).values_list("pk", "status"))
    for action_id, status in (
        ActionReport.objects.filter(round__plan=plan, validated=True)
        .order_by("round__period_end", "round_id")
        .values_list("action_id", "status")
    ):
        statuses[action_id] = status  # later rounds overwrite earlier ones
    return statuses


def action_status_by_axis(plan) -> dict:
    """Actions by status per axis (three queries), with the segments of a stacked bar for each axis."""
    from .iptt import Framework

    framework = Framework(plan)
    statuses = current_action_statuses(plan)
    choices = list(Action.Status.choices)
    counts = {axis.pk: {code: 0 for code, _label in choices} for axis in framework.axes}
    no_axis = {code: 0 for code, _label in choices}
    for action_id, result_id in framework.action_results.items():
        axis = framework.axis_of_objective(result_id)
        bucket = counts[axis.pk] if axis is not None else no_axis
        bucket[statuses[action_id]] += 1
    rows = [(axis, counts[axis.pk]) for axis in framework.axes]
    if any(no_axis.values()):
        rows.append((None, no_axis))
    table = []
    for axis, by_status in rows:
        total = sum(by_status.values())
        segments, left = [], 0.0
        for code, label in choices:
            width = by_status[code] * 100 / total if total else 0
            if width:
                segments.append({"status": code, "label": label, "x": round(left, 2), "width": round(width, 2)})
            left += width
        table.append(
            {
                "axis": axis,
                "counts": [(code, label, by_status[code]) for code, label in choices],
                "total": total,
                "segments": segments,
            }
        )
    totals = [(code, label, sum(row["counts"][i][2] for row in table)) for i, (code, label) in enumerate(choices)]
    return {"rows": table, "statuses": choices, "totals": totals, "total": sum(row["total"] for row in table)}
