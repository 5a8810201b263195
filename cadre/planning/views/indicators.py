"""Indicators of a plan: the list (with filters and the SMART advice), one indicator, entering and editing with
targets and the library, deleting. The EU Trust Fund results import is in views/imports.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cadre.core.views import render_page
from cadre.directory.models import Institution

from .. import disaggregation
from ..forms_indicators import FilterForm, IndicatorForm, library_values
from ..indicators import delete_indicator, plain, save_indicator, shown, smart_check
from ..models import Indicator, Measurement, Objective, Target
from ..queries import can_import_results, get_plan_for_user, level_names

PAGE_SIZE = 100


def _context(plan, **extra):
    workspace = plan.workspace
    return {"workspace": workspace, "membership": workspace.membership, "plan": plan, **extra}


def _indicator(request, slug, plan_slug, pk, capability="view"):
    plan = get_plan_for_user(request.user, slug, plan_slug, capability)
    indicator = get_object_or_404(
        Indicator.objects.select_related("objective", "action", "responsible_institution"), plan=plan, pk=pk
    )
    indicator.plan = plan
    return indicator


def _for_display(indicator, *rows, names=None):
    """Numbers without their trailing zeros (262.0000 → 262) on the indicator and its targets or values, and the
    name of the level it measures in the plan's convention."""
    if names is not None:
        level = "action" if indicator.action_id else indicator.objective.level if indicator.objective_id else None
        indicator.level_name = capfirst(names[level][0]) if level else ""
    value = indicator.baseline_value
    indicator.baseline_shown = plain(value) if value is not None else indicator.baseline_text
    for row in rows:
        row.shown = shown(row)


def _list_url(plan):
    return reverse("planning:indicators", args=[plan.workspace.slug, plan.slug])


def _detail_url(indicator):
    plan = indicator.plan
    return reverse("planning:indicator", args=[plan.workspace.slug, plan.slug, indicator.pk])


def _axes(plan):
    """The plan's objectives as {pk: axis pk} (None above the axes) and the axes, from one query."""
    objectives = list(
        Objective.objects.filter(plan=plan).only("pk", "parent_id", "level", "code", "title_fr", "title_en")
    )
    by_pk = {objective.pk: objective for objective in objectives}
    axis_of = {}
    for objective in objectives:
        node, steps = objective, 0
        while node is not None and node.level != Objective.Level.AXIS and steps < 10:
            node, steps = by_pk.get(node.parent_id), steps + 1
        axis_of[objective.pk] = node.pk if node is not None and node.level == Objective.Level.AXIS else None
    axes = sorted((o for o in objectives if o.level == Objective.Level.AXIS), key=lambda o: (o.code, o.pk))
    return axis_of, axes


@login_required
@require_GET
def indicator_list(request, slug, plan_slug):
    plan = get_plan_for_user(request.user, slug, plan_slug)
    axis_of, axes = _axes(plan)
    names = level_names(plan)
    institution_ids = (
        Indicator.objects.filter(plan=plan, responsible_institution__isnull=False)
        .order_by()
        .values("responsible_institution_id")
    )
    institutions = list(Institution.objects.filter(pk__in=institution_ids).order_by("name_fr", "pk"))
    form = FilterForm(request.GET or None, axes=axes, institutions=institutions)
    criteria = form.criteria()
    indicators = (
        Indicator.objects.filter(plan=plan)
        .select_related("objective", "action", "responsible_institution")
        .prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("period_end", "pk")))
        .order_by("order", "code", "pk")
    )
    if criteria.get("axis"):
        under = [pk for pk, axis in axis_of.items() if axis == criteria["axis"]]
        indicators = indicators.filter(Q(objective_id__in=under) | Q(action__result_id__in=under))
    level = criteria.get("level")
    if level == "action":
        indicators = indicators.filter(action__isnull=False)
    elif level:
        indicators = indicators.filter(objective__level=level)
    if criteria.get("institution"):
        indicators = indicators.filter(responsible_institution_id=criteria["institution"])
    rows = []
    for indicator in indicators:
        indicator.plan = plan
        targets = list(indicator.targets.all())
        _for_display(indicator, *targets, names=names)
        advice = smart_check(indicator, targets, plan)
        if criteria.get("smart") == "warnings" and not advice:
            continue
        if criteria.get("smart") == "complete" and advice:
            continue
        rows.append({"indicator": indicator, "advice": advice})
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = _context(
        plan,
        filters=form,
        page=page,
        count=len(rows),
        names=names,
        can_edit=plan.workspace.membership.can("edit_plan"),
        can_import=can_import_results(plan.workspace.membership),
        query=request.GET.urlencode(),
    )
    return render_page(request, "planning/indicators/list.html", context, partial="results")


def _detail_context(indicator, user):
    plan = indicator.plan
    targets = list(indicator.targets.order_by("period_end", "pk"))
    measurements = (
        indicator.measurements.select_related("round").prefetch_related("breakdown").order_by("period_end", "pk")
    )
    if not plan.workspace.membership.can("validate_monitoring"):
        # A draft is its focal point's work in progress: only they (and the secretariat) see it.
        measurements = measurements.exclude(Q(status=Measurement.Status.DRAFT) & ~Q(reported_by=user))
    measurements = list(measurements)
    disaggregation.annotate(measurements, disaggregation.Catalogue(plan.workspace), indicator=indicator)
    names = level_names(plan)
    _for_display(indicator, *targets, *measurements, names=names)
    return _context(
        plan,
        indicator=indicator,
        targets=targets,
        measurements=measurements,
        advice=smart_check(indicator, targets, plan),
        disaggregation=[label for code, label in Indicator.DISAGGREGATIONS if code in (indicator.disaggregation or [])],
        names=names,
        can_edit=plan.workspace.membership.can("edit_plan"),
    )


@login_required
@require_GET
def indicator_detail(request, slug, plan_slug, pk):
    indicator = _indicator(request, slug, plan_slug, pk)
    return render(request, "planning/indicators/detail.html", _detail_context(indicator, request.user))


def _posted_initial(data) -> dict:
    """A POST's values as a form's initial data (lists only where a field takes several)."""
    return {
        name: values if name == "disaggregation" else values[-1]
        for name, values in data.lists()
        if name != "csrfmiddlewaretoken"
    }


def _edit(request, plan, indicator=None):
    creating = indicator is None
    instance = indicator or Indicator(workspace=plan.workspace, plan=plan)
    # The advice is about what is saved; a form being typed is checked once saved.
    advice = [] if creating else smart_check(indicator, list(indicator.targets.all()), plan)
    initial = {"measures": request.GET.get("on", "")} if creating else {}
    status = 200
    if request.method == "GET" and request.GET.get("library"):
        initial.update(library_values(request.GET["library"]) or {})
    if request.method == "POST" and "pick" in request.POST:
        # "Use this indicator": the form comes back with the library's values, nothing is saved yet.
        picked = library_values(request.POST.get("library"))
        initial = _posted_initial(request.POST)
        if picked:
            initial.update({name: value for name, value in picked.items() if value or name != "definition_fr"})
        form = IndicatorForm(instance=instance, plan=plan, initial=initial)
        if picked is None:
            messages.error(request, _("Choose an indicator of the library."))
            status = 400
    else:
        form = IndicatorForm(request.POST or None, instance=instance, plan=plan, initial=initial)
        if request.method == "POST":
            if form.is_valid():
                saved = save_indicator(instance, form.targets, by=request.user, form=form)
                messages.success(request, _("The indicator was saved."))
                saved.plan = plan
                return redirect(_detail_url(saved))
            status = 400
    title = _("New indicator") if creating else _("Edit the indicator")
    cancel = _detail_url(indicator) if indicator else _list_url(plan)
    context = _context(plan, form=form, title=title, cancel_url=cancel, advice=advice, names=level_names(plan))
    return render(request, "planning/indicators/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, slug, plan_slug):
    plan = get_plan_for_user(request.user, slug, plan_slug, "edit_plan")
    return _edit(request, plan)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, slug, plan_slug, pk):
    indicator = _indicator(request, slug, plan_slug, pk, "edit_plan")
    return _edit(request, indicator.plan, indicator)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_delete(request, slug, plan_slug, pk):
    indicator = _indicator(request, slug, plan_slug, pk, "edit_plan")
    plan = indicator.plan
    reported = indicator.measurements.count()
    if reported:
        # Reported values are the monitoring's record: they are never deleted with their indicator.
        messages.error(
            request,
            _("This indicator has %(count)s reported values: it cannot be deleted.") % {"count": reported},
        )
        if request.method == "POST":
            return render(
                request, "planning/indicators/detail.html", _detail_context(indicator, request.user), status=400
            )
        return redirect(_detail_url(indicator))
    if request.method == "POST":
        delete_indicator(indicator, by=request.user)
        messages.success(request, _("The indicator was deleted."))
        return redirect(_list_url(plan))
    return render(
        request,
        "workspaces/confirm_delete.html",
        _context(plan, object=indicator, cancel_url=_detail_url(indicator)),
    )
