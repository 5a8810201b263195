"""Monitoring: rounds, focal points' reports, validation, the IPTT, the action-status summary, the narrative report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.core.views import render_page
from cadre.directory.models import Institution

from .. import disaggregation, iptt, monitoring, narrative
from ..forms_monitoring import (
    ActionReportForm,
    BreakdownForm,
    DecisionForm,
    IpttFilterForm,
    MeasurementForm,
    RoundForm,
)
from ..models import Action, ActionReport, Breakdown, Indicator, Measurement, MonitoringRound
from ..notify import focal_points
from ..queries import get_plan_for_user

IPTT_PAGE_SIZE = 50  # indicators per page (≈500 rows over ten years; pages stay light on slow links); the XLSX has all
REPORT_PAGE_SIZE = 50
ROUND_PAGE_SIZE = 100


def _context(plan, **extra):
    workspace = plan.workspace
    return {"workspace": workspace, "membership": workspace.membership, "plan": plan, **extra}


def _round(request, slug, plan_slug, pk, capability="view"):
    plan = get_plan_for_user(request.user, slug, plan_slug, capability)
    round_ = get_object_or_404(MonitoringRound, plan=plan, pk=pk)
    round_.plan = plan
    return round_


def _round_url(round_):
    return reverse("planning:round", args=[round_.plan.workspace.slug, round_.plan.slug, round_.pk])


def _report_url(round_):
    return reverse("planning:round_report", args=[round_.plan.workspace.slug, round_.plan.slug, round_.pk])


# --- rounds ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def round_list(request, slug, plan_slug):
    plan = get_plan_for_user(request.user, slug, plan_slug)
    rounds = list(MonitoringRound.objects.filter(plan=plan).order_by("-period_end", "pk"))
    membership = plan.workspace.membership
    return render(
        request,
        "planning/monitoring/round_list.html",
        _context(
            plan,
            rounds=rounds,
            can_edit=membership.can("edit_plan"),
            can_report=membership.can("report_monitoring"),
        ),
    )


def _round_form(request, plan, round_):
    creating = round_.pk is None
    form = RoundForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        try:
            saved = monitoring.save_round(form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The monitoring round “%(name)s” was saved.") % {"name": saved})
            return redirect(_round_url(saved))
    title = _("New monitoring round") if creating else _("Edit “%(name)s”") % {"name": round_}
    cancel = reverse("planning:rounds", args=[plan.workspace.slug, plan.slug]) if creating else _round_url(round_)
    return render(
        request,
        "form_page.html",
        _context(plan, form=form, title=title, cancel_url=cancel),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request, slug, plan_slug):
    plan = get_plan_for_user(request.user, slug, plan_slug, "edit_plan")
    return _round_form(request, plan, MonitoringRound(plan=plan))


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request, slug, plan_slug, pk):
    round_ = _round(request, slug, plan_slug, pk, "edit_plan")
    return _round_form(request, round_.plan, round_)


@login_required
@require_POST
def round_status(request, slug, plan_slug, pk):
    round_ = _round(request, slug, plan_slug, pk, "edit_plan")
    status = request.POST.get("status", "")
    if status not in MonitoringRound.Status.values:
        return HttpResponse(_("Unknown status."), status=400, content_type="text/plain; charset=utf-8")
    monitoring.set_round_status(round_, status, by=request.user)
    if status == MonitoringRound.Status.OPEN:
        messages.success(request, _("The round is open for reporting."))
    else:
        messages.success(request, _("The round is closed."))
    return redirect(_round_url(round_))


@login_required
@require_GET
def round_detail(request, slug, plan_slug, pk):
    round_ = _round(request, slug, plan_slug, pk)
    plan = round_.plan
    membership = plan.workspace.membership
    progress, totals = monitoring.round_progress(round_)
    status = request.GET.get("status", "")
    measurements = (
        Measurement.objects.filter(round=round_)
        .select_related("indicator", "indicator__responsible_institution", "reported_by", "validated_by")
        .order_by("indicator__order", "indicator__code", "pk")
    )
    if status in Measurement.Status.values:
        measurements = measurements.filter(status=status)
    if not membership.can("validate_monitoring"):
        # A draft is its focal point's work in progress: only they (and the secretariat) see it.
        measurements = measurements.exclude(Q(status=Measurement.Status.DRAFT) & ~Q(reported_by=request.user))
    page = Paginator(measurements.prefetch_related("breakdown"), ROUND_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    disaggregation.annotate(page.object_list, disaggregation.Catalogue(plan.workspace))
    # Who reported a value is named to the secretariat and to the reporter's own institution (the one they report
    # for in this workspace), not to every member: not to the indicator's institution when the secretariat reported.
    sees_all = membership.can("view_contacts")
    reporter_institutions = {}
    if not sees_all and membership.institution_id:
        reporters = {measurement.reported_by_id for measurement in page.object_list if measurement.reported_by_id}
        reporter_institutions = dict(
            plan.workspace.memberships.filter(user_id__in=reporters).values_list("user_id", "institution_id")
        )
    for measurement in page.object_list:
        measurement.reporter_shown = sees_all or (
            bool(membership.institution_id)
            and reporter_institutions.get(measurement.reported_by_id) == membership.institution_id
        )
    reports = list(
        ActionReport.objects.filter(round=round_)
        .select_related("action", "action__lead_institution", "reported_by")
        .order_by("action__order", "action__code", "pk")
    )
    context = _context(
        plan,
        round=round_,
        progress=progress,
        totals=totals,
        page=page,
        status=status,
        statuses=Measurement.Status.choices,
        reports=reports,
        can_edit=membership.can("edit_plan"),
        can_report=membership.can("report_monitoring"),
        can_validate=membership.can("validate_monitoring"),
        # Who is called to report, by name: for the secretariat only (see notices.py).
        focal_points=focal_points(round_) if membership.can("validate_monitoring") else None,
    )
    return render_page(request, "planning/monitoring/round_detail.html", context, partial="values")


# --- reporting ------------------------------------------------------------------------------------------


@login_required
@require_GET
def round_report(request, slug, plan_slug, pk):
    """The focal point's page: a form per indicator and action of their institution (all, for the secretariat)."""
    round_ = _round(request, slug, plan_slug, pk, "report_monitoring")
    return _report_page(request, round_)


def _report_page(request, round_, failed=None, status=200):
    """`failed` = (kind, pk, form[, breakdown form]) re-shows one refused form with its errors in place."""
    membership = round_.plan.workspace.membership
    catalogue = disaggregation.Catalogue(round_.plan.workspace)
    page = Paginator(monitoring.reportable_indicators(round_, membership), REPORT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    indicators = list(page.object_list)
    existing = {
        m.indicator_id: m
        for m in Measurement.objects.filter(
            indicator__in=indicators, period_start=round_.period_start, period_end=round_.period_end
        ).prefetch_related("breakdown")
    }
    for indicator in indicators:
        indicator.measurement = existing.get(indicator.pk)
        saved = list(indicator.measurement.breakdown.all()) if indicator.measurement else []
        if failed and failed[0] == "indicator" and failed[1] == indicator.pk:
            indicator.form, indicator.breakdown_form = failed[2], failed[3]
        else:
            indicator.form = MeasurementForm(
                indicator=indicator, initial=_initial(indicator), prefix=f"i{indicator.pk}"
            )
            indicator.breakdown_form = _breakdown_form(indicator, catalogue, saved=saved)
        indicator.frozen = (
            indicator.measurement is not None and indicator.measurement.status == Measurement.Status.VALIDATED
        )
        if indicator.measurement is not None:
            disaggregation.annotate([indicator.measurement], catalogue, indicator=indicator)
    action_page = Paginator(monitoring.reportable_actions(round_, membership), REPORT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    actions = list(action_page.object_list)
    reports = {r.action_id: r for r in ActionReport.objects.filter(round=round_, action__in=actions)}
    for action in actions:
        action.report = reports.get(action.pk)
        if failed and failed[0] == "action" and failed[1] == action.pk:
            action.form = failed[2]
        else:
            initial = {"status": action.report.status if action.report else action.status}
            if action.report:
                initial["progress"] = action.report.progress
            action.form = ActionReportForm(initial=initial, prefix=f"a{action.pk}")
    context = _context(
        round_.plan,
        round=round_,
        # One page number walks both lists; the links follow the longer one.
        page=page if page.paginator.num_pages >= action_page.paginator.num_pages else action_page,
        indicators=indicators,
        actions=actions,
        for_all=monitoring.reports_for_all(membership),
        is_open=round_.status == MonitoringRound.Status.OPEN,
    )
    return render(request, "planning/monitoring/report.html", context, status=status)


def _breakdown_form(indicator, catalogue, data=None, saved=()):
    return BreakdownForm(data, indicator=indicator, catalogue=catalogue, saved=saved, prefix=f"b{indicator.pk}")


def _initial(indicator):
    measurement = indicator.measurement
    if measurement is None:
        return {}
    if indicator.kind == Indicator.Kind.YES_NO:
        value = "" if measurement.value is None else ("yes" if measurement.value else "no")
    elif indicator.kind == Indicator.Kind.QUALITATIVE:
        value = measurement.value_text
    else:
        value = "" if measurement.value is None else f"{measurement.value.normalize():f}".replace(".", ",")
    return {"value": value, "evidence": measurement.evidence, "comment": measurement.comment}


@login_required
@require_POST
def report_indicator(request, slug, plan_slug, pk, indicator_pk):
    round_ = _round(request, slug, plan_slug, pk, "report_monitoring")
    indicator = get_object_or_404(Indicator, plan=round_.plan, pk=indicator_pk)
    membership = round_.plan.workspace.membership
    if not monitoring.can_report_indicator(membership, indicator):
        raise PermissionDenied
    form = MeasurementForm(request.POST, indicator=indicator, prefix=f"i{indicator.pk}")
    form.data = form.data.copy()
    form.data["submit"] = request.POST.get("submit", "1")
    submit = form.data["submit"] != "0"
    catalogue = disaggregation.Catalogue(round_.plan.workspace)
    saved = Breakdown.objects.filter(
        measurement__indicator=indicator,
        measurement__period_start=round_.period_start,
        measurement__period_end=round_.period_end,
    )
    breakdown_form = _breakdown_form(indicator, catalogue, data=request.POST, saved=saved)
    valid = form.is_valid()
    if breakdown_form.is_valid() and valid:
        data = form.cleaned_data
        try:
            monitoring.report_measurement(
                round_,
                indicator,
                membership=membership,
                by=request.user,
                value=data["number"],
                value_text=data["text"],
                evidence=data["evidence"],
                comment=data["comment"],
                submit=submit,
                breakdown=breakdown_form.parts(),
                catalogue=catalogue,
            )
        except ValidationError as error:
            if not (hasattr(error, "error_dict") and breakdown_form.add_dimension_errors(error.message_dict)):
                form.add_error(None, error.messages)
        else:
            if submit:
                messages.success(request, _("The value of “%(code)s” was submitted.") % {"code": indicator.code})
            else:
                messages.success(request, _("The value of “%(code)s” was saved as a draft.") % {"code": indicator.code})
            return redirect(f"{_report_url(round_)}#indicator-{indicator.pk}")
    return _report_page(request, round_, failed=("indicator", indicator.pk, form, breakdown_form), status=400)


@login_required
@require_POST
def report_action(request, slug, plan_slug, pk, action_pk):
    round_ = _round(request, slug, plan_slug, pk, "report_monitoring")
    action = get_object_or_404(Action, plan=round_.plan, pk=action_pk)
    membership = round_.plan.workspace.membership
    if not monitoring.can_report_action(membership, action):
        raise PermissionDenied
    form = ActionReportForm(request.POST, prefix=f"a{action.pk}")
    if form.is_valid():
        try:
            monitoring.report_action(
                round_,
                action,
                membership=membership,
                by=request.user,
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The status of “%(code)s” was reported.") % {"code": action.code})
            return redirect(f"{_report_url(round_)}#action-{action.pk}")
    return _report_page(request, round_, failed=("action", action.pk, form), status=400)


# --- validation -----------------------------------------------------------------------------------------


def _refused(message):
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@login_required
@require_POST
def measurement_decide(request, slug, plan_slug, pk, measurement_pk):
    round_ = _round(request, slug, plan_slug, pk, "validate_monitoring")
    measurement = get_object_or_404(Measurement, indicator__plan=round_.plan, round=round_, pk=measurement_pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _refused(_("Unknown decision."))
    decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
    try:
        if decision == "validate":
            monitoring.validate_measurement(measurement, by=request.user)
            messages.success(request, _("The value was validated."))
        elif decision == "send_back":
            monitoring.send_back_measurement(measurement, comment=comment, by=request.user)
            messages.success(request, _("The value was sent back to its focal point."))
        else:
            monitoring.reopen_measurement(measurement, comment=comment, by=request.user)
            messages.success(request, _("The value was reopened: it can be changed again."))
    except ValidationError as error:
        return _refused(" ".join(error.messages))
    return redirect(request.POST.get("next") if _safe_next(request) else _round_url(round_))


@login_required
@require_POST
def action_report_decide(request, slug, plan_slug, pk, report_pk):
    round_ = _round(request, slug, plan_slug, pk, "validate_monitoring")
    report = get_object_or_404(ActionReport, round=round_, pk=report_pk)
    decision = request.POST.get("decision")
    if decision not in ("validate", "reopen"):
        return _refused(_("Unknown decision."))
    monitoring.decide_action_report(report, validated=decision == "validate", by=request.user)
    messages.success(request, _("The action report was updated."))
    return redirect(_round_url(round_) + "#actions")


def _safe_next(request):
    target = request.POST.get("next", "")
    return target.startswith("/") and not target.startswith("//")


# --- IPTT -----------------------------------------------------------------------------------------------


def _iptt_filters(request, plan, framework):
    institutions = Institution.objects.filter(
        pk__in=Indicator.objects.filter(plan=plan).values("responsible_institution_id")
    ).order_by("name_fr")
    form = IpttFilterForm(request.GET or None, axes=framework.axes, institutions=list(institutions), years=plan.years)
    return form, form.criteria()


@login_required
@require_GET
def iptt_page(request, slug, plan_slug):
    plan = get_plan_for_user(request.user, slug, plan_slug)
    framework = iptt.Framework(plan)
    form, filters = _iptt_filters(request, plan, framework)
    ids = iptt.selected_indicator_ids(plan, framework, filters)
    page = Paginator(ids, IPTT_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = iptt.rows_for(list(page.object_list), framework, filters)
    chart = iptt.axis_chart(plan, framework, ids, filters)
    context = _context(
        plan,
        filters=form,
        page=page,
        body=iptt.body_html(rows),
        chart=chart,
        query=request.GET.urlencode(),
    )
    return render_page(request, "planning/monitoring/iptt.html", context, partial="results")


@login_required
@require_GET
def iptt_xlsx(request, slug, plan_slug):
    plan = get_plan_for_user(request.user, slug, plan_slug)
    framework = iptt.Framework(plan)
    _form, filters = _iptt_filters(request, plan, framework)
    ids = iptt.selected_indicator_ids(plan, framework, filters)
    content = iptt.xlsx(plan, iptt.rows_for(ids, framework, filters))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-iptt.xlsx"'
    return response


# --- action status and narrative report -----------------------------------------------------------------


@login_required
@require_GET
def action_summary(request, slug, plan_slug):
    plan = get_plan_for_user(request.user, slug, plan_slug)
    table = monitoring.action_status_by_axis(plan)
    return render(request, "planning/monitoring/action_summary.html", _context(plan, table=table))


@login_required
@require_GET
def narrative_docx(request, slug, plan_slug, pk):
    round_ = _round(request, slug, plan_slug, pk)
    content = narrative.narrative_docx(round_.plan, round_)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{round_.plan.slug}-round-{round_.pk}.docx"'
    return response
