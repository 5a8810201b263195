"""Plans, the results framework tree and its editing (objectives, actions, costs, funding sources,
contributions of mapped interventions), the funding gap and the unfunded actions."""

import csv
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cadre.core.cache import cached_value
from cadre.core.views import render_page
from cadre.workspaces.queries import get_workspace_for_user

from .. import queries, services
from ..forms import ActionForm, ContributionForm, CostsForm, FundingSourceForm, MoveForm, ObjectiveForm, PlanForm
from ..funding import funding_table, number_formatter, with_texts
from ..models import Action, Contribution, FundingSource, Objective, Plan

LEVEL_ORDER = ["general", "axis", "specific", "result"]


def _context(plan_or_workspace, **extra):
    workspace = getattr(plan_or_workspace, "workspace", plan_or_workspace)
    context = {"workspace": workspace, "membership": workspace.membership, **extra}
    if isinstance(plan_or_workspace, Plan):
        context["plan"] = plan_or_workspace
        context["names"] = queries.level_names(plan_or_workspace)
        context["can_edit"] = workspace.membership.can("edit_plan")
        context["plan_links"] = _plan_links(plan_or_workspace)
    return context


# Raised when the cached tree or funding tables would render differently for the same data.
TREE_VERSION = 2

# The pages of the other parts of the plan (indicators, monitoring, exports) in the plan's sub-navigation.
PLAN_LINKS = [
    ("indicators", gettext_lazy("Indicators")),
    ("rounds", gettext_lazy("Monitoring rounds")),
    ("iptt", gettext_lazy("Indicator tracking")),
    ("action_summary", gettext_lazy("Action status")),
    ("matrix_xlsx", gettext_lazy("Action-plan matrix (XLSX)")),
]


def _plan_links(plan):
    links = []
    for name, label in PLAN_LINKS:
        try:
            links.append((name, label, reverse(f"planning:{name}", args=[plan.workspace.slug, plan.slug])))
        except NoReverseMatch:  # that part is not installed
            continue
    return links


def _form_page(request, context):
    return render(request, "form_page.html", context, status=400 if request.method == "POST" else 200)


# --- plans -------------------------------------------------------------------------------------------------


@login_required
@require_GET
def plan_list(request, slug):
    workspace = get_workspace_for_user(request.user, slug)
    context = _context(
        workspace, plans=list(queries.plans_of(workspace)), can_edit=workspace.membership.can("edit_plan")
    )
    return render_page(request, "planning/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, slug):
    workspace = get_workspace_for_user(request.user, slug, "edit_plan")
    return _edit_plan(request, workspace, Plan(workspace=workspace))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, slug, plan_slug):
    plan = queries.get_plan_for_user(request.user, slug, plan_slug, "edit_plan")
    return _edit_plan(request, plan.workspace, plan)


def _edit_plan(request, workspace, plan):
    creating = plan.pk is None
    form = PlanForm(request.POST or None, instance=plan, workspace=workspace)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_plan(form, by=request.user, workspace=workspace)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The plan “%(name)s” was saved.") % {"name": saved})
            return redirect("planning:plan", workspace.slug, saved.slug)
    title = _("New action plan") if creating else _("Edit “%(name)s”") % {"name": plan}
    cancel = reverse("planning:plans", args=[workspace.slug]) if creating else plan.get_absolute_url()
    return _form_page(request, _context(workspace, form=form, title=title, cancel_url=cancel))


@login_required
@require_GET
def plan_detail(request, slug, plan_slug):
    """The results framework as one collapsible tree, with costs and indicator counts.

    The tree is rendered once per version of the plan (`queries.plan_version`), language and right to edit, and
    cached: a plan of 500 actions takes a few hundred milliseconds to render, and changes far less often than it
    is read."""
    plan = queries.get_plan_for_user(request.user, slug, plan_slug)
    context = _context(plan)

    def build():
        roots, actions = queries.plan_tree(plan)
        _tree_texts(roots, actions)
        _action_rows(roots, plan, context["names"])
        html = render_to_string("planning/includes/tree.html", {**context, "roots": roots})
        return {"html": html, "action_count": len(actions)}

    material = (TREE_VERSION, plan.pk, queries.plan_version(plan), get_language(), context["can_edit"])
    tree = cached_value(f"planning:tree:{plan.pk}", material, build)
    context.update(tree_html=mark_safe(tree["html"]), action_count=tree["action_count"])  # noqa: S308 — rendered by a template
    return render_page(request, "planning/plan_detail.html", context)


def _tree_texts(roots, actions):
    format_number = number_formatter()
    for action in actions:
        action.timing = queries.timing(action)
        lead = action.lead_institution
        action.lead_text = (lead.acronym or lead.name) if lead else "—"
        action.support_text = ", ".join(i.acronym or i.name for i in action.supporting_institutions.all())
        action.cost_eur_text = format_number(action.cost_eur)
        action.cost_local_text = format_number(action.cost_local)
    stack = list(roots)
    while stack:
        node = stack.pop()
        node.cost_eur_text = format_number(node.cost_eur)
        node.cost_local_text = format_number(node.cost_local)
        node.section_titles = "; ".join(section.title for section in node.sections.all())
        stack.extend(node.nodes)


def _action_rows(roots, plan, names):
    """Each result's action rows as HTML (`node.actions_html`): hundreds of rows of seven cells, written here with
    the standard library's escape, in a third of the time a template loop takes. The table around them, its
    headings and everything else of the tree stay in planning/includes/node.html."""
    labels = [
        escape(str(label))
        for label in (
            capfirst(names["action"][0]),
            _("Lead and support"),
            _("When"),
            _("Status"),
            _("Cost (EUR)"),
            _("Cost (%(code)s)") % {"code": plan.currency},
            _("Indicators"),
        )
    ]
    classes = ("", "", ' class="nowrap"', "", *[' class="number-cell"'] * 3)
    base = reverse("planning:plan", args=[plan.workspace.slug, plan.slug])
    stack = list(roots)
    while stack:
        node = stack.pop()
        stack.extend(node.nodes)
        rows = []
        for action in getattr(node, "action_list", ()):
            support = f" ({escape(action.support_text)})" if action.support_text else ""
            cells = (
                f'<a href="{base}a/{action.pk}/"><strong>{escape(action.code)}</strong> {escape(action.title)}</a>',
                f"{escape(action.lead_text)}{support}",
                escape(action.timing or "—"),
                f'<span class="status status-{escape(action.status)}">{escape(action.get_status_display())}</span>',
                escape(action.cost_eur_text),
                escape(action.cost_local_text),
                str(int(action.indicator_count)),
            )
            rows.append(
                "<tr>"
                + "".join(
                    f'<td{css} data-label="{label}">{cell}</td>'
                    for css, label, cell in zip(classes, labels, cells, strict=True)
                )
                + "</tr>"
            )
        node.actions_html = mark_safe("\n".join(rows))  # noqa: S308 — every value is escaped above


# --- objectives --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def objective_create(request, slug, plan_slug, parent=None):
    plan = queries.get_plan_for_user(request.user, slug, plan_slug, "edit_plan")
    if parent is None:
        parent_objective, level = None, Objective.Level.GENERAL
    else:
        parent_objective = get_object_or_404(Objective, plan=plan, pk=parent)
        level = Objective.CHILD_LEVEL.get(parent_objective.level)
        if level is None:  # under a result come actions, not objectives
            return redirect("planning:action_create", plan.workspace.slug, plan.slug, parent_objective.pk)
    return _edit_objective(request, plan, Objective(plan=plan, parent=parent_objective, level=level), level)


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit(request, slug, plan_slug, pk):
    objective = queries.get_objective_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    return _edit_objective(request, objective.plan, objective, objective.level)


def _edit_objective(request, plan, objective, level):
    names = queries.level_names(plan)
    form = ObjectiveForm(request.POST or None, instance=objective, plan=plan, level=level)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_objective(form, by=request.user, plan=plan, level=level, parent=objective.parent)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("“%(name)s” was saved.") % {"name": saved})
            return redirect(f"{plan.get_absolute_url()}#o{saved.pk}")
    if objective.pk:
        title = _("Edit “%(name)s”") % {"name": objective}
    else:
        title = _("New %(level)s") % {"level": names[level][0]}
    return _form_page(request, _context(plan, form=form, title=title, cancel_url=plan.get_absolute_url()))


@login_required
@require_http_methods(["GET", "POST"])
def objective_delete(request, slug, plan_slug, pk):
    objective = queries.get_objective_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    warning = _("Everything under it (objectives, actions, their costs and indicators) is deleted with it.")
    return _delete_page(
        request, objective, services.delete_objective, cancel_url=objective.plan.get_absolute_url(), warning=warning
    )


def _delete_page(request, obj, delete, *, cancel_url, warning):
    """Confirm, then delete `obj` (an objective or an action) and go back to its plan; a refusal of the service
    (reported values under it) is said on the same page, and nothing changes."""
    plan, status = obj.plan, 200
    if request.method == "POST":
        name = str(obj)
        try:
            delete(obj, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            status = 400
        else:
            messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
            return redirect(plan.get_absolute_url())
    context = _context(plan, object=obj, cancel_url=cancel_url, warning=warning)
    return render(request, "workspaces/confirm_delete.html", context, status=status)


def _parent_choices(plan, level, exclude=None):
    objectives = Objective.objects.filter(plan=plan, level=level).order_by("order", "code", "pk")
    return [(objective.pk, str(objective)) for objective in objectives if objective.pk != exclude]


@login_required
@require_http_methods(["GET", "POST"])
def objective_move(request, slug, plan_slug, pk):
    objective = queries.get_objective_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    plan = objective.plan
    if objective.level == Objective.Level.GENERAL:
        messages.error(request, _("The general objective has no parent to move to."))
        return redirect(plan.get_absolute_url())
    parent_level = LEVEL_ORDER[LEVEL_ORDER.index(objective.level) - 1]
    form = MoveForm(
        request.POST or None, choices=_parent_choices(plan, parent_level), initial={"parent": objective.parent_id}
    )
    if request.method == "POST" and form.is_valid():
        parent = get_object_or_404(Objective, plan=plan, level=parent_level, pk=form.cleaned_data["parent"])
        try:
            services.move_objective(objective, parent, by=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("“%(name)s” was moved.") % {"name": objective})
            return redirect(f"{plan.get_absolute_url()}#o{objective.pk}")
    title = _("Move “%(name)s”") % {"name": objective}
    return _form_page(request, _context(plan, form=form, title=title, cancel_url=plan.get_absolute_url()))


# --- actions -----------------------------------------------------------------------------------------------


@login_required
@require_GET
def action_detail(request, slug, plan_slug, pk):
    action = queries.get_action_for_user(request.user, slug, plan_slug, pk)
    plan = action.plan
    table = with_texts(funding_table(plan, Action.objects.filter(pk=action.pk)), action_years=True)
    context = _context(
        plan,
        action=action,
        timing=queries.timing(action),
        costs=list(action.costs.all()),
        sources=list(action.funding_sources.select_related("institution")),
        contributions=list(action.contributions.select_related("intervention")),
        funding=table.actions[0] if table.actions else None,
        years=table.years,
    )
    return render(request, "planning/action_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request, slug, plan_slug, result):
    plan = queries.get_plan_for_user(request.user, slug, plan_slug, "edit_plan")
    result = get_object_or_404(Objective, plan=plan, level=Objective.Level.RESULT, pk=result)
    return _edit_action(request, plan, Action(plan=plan, result=result))


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, slug, plan_slug, pk):
    action = queries.get_action_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    return _edit_action(request, action.plan, action)


def _edit_action(request, plan, action):
    form = ActionForm(request.POST or None, instance=action, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_action(form, by=request.user, plan=plan, result=action.result)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("“%(name)s” was saved.") % {"name": saved})
            return redirect("planning:action", plan.workspace.slug, plan.slug, saved.pk)
    names = queries.level_names(plan)
    title = _("Edit “%(name)s”") % {"name": action} if action.pk else _("New %(level)s") % {"level": names["action"][0]}
    cancel = (
        reverse("planning:action", args=[plan.workspace.slug, plan.slug, action.pk])
        if action.pk
        else plan.get_absolute_url()
    )
    return _form_page(request, _context(plan, form=form, title=title, cancel_url=cancel))


def _action_url(action):
    return reverse("planning:action", args=[action.plan.workspace.slug, action.plan.slug, action.pk])


@login_required
@require_http_methods(["GET", "POST"])
def action_delete(request, slug, plan_slug, pk):
    action = queries.get_action_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    warning = _("Its costs, funding sources, contributions and indicators are deleted with it.")
    return _delete_page(request, action, services.delete_action, cancel_url=_action_url(action), warning=warning)


@login_required
@require_http_methods(["GET", "POST"])
def action_move(request, slug, plan_slug, pk):
    action = queries.get_action_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    plan = action.plan
    form = MoveForm(request.POST or None, choices=_parent_choices(plan, "result"), initial={"parent": action.result_id})
    if request.method == "POST" and form.is_valid():
        result = get_object_or_404(Objective, plan=plan, level=Objective.Level.RESULT, pk=form.cleaned_data["parent"])
        try:
            services.move_action(action, result, by=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("“%(name)s” was moved.") % {"name": action})
            return redirect(_action_url(action))
    title = _("Move “%(name)s”") % {"name": action}
    return _form_page(request, _context(plan, form=form, title=title, cancel_url=_action_url(action)))


@login_required
@require_http_methods(["GET", "POST"])
def action_costs(request, slug, plan_slug, pk):
    action = queries.get_action_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    plan = action.plan
    form = CostsForm(request.POST or None, plan=plan, costs=list(action.costs.all()))
    if request.method == "POST" and form.is_valid():
        services.set_costs(action, form.amounts(), form.cleaned_data["currency"], by=request.user)
        messages.success(request, _("The costs were saved."))
        return redirect(_action_url(action))
    title = _("Costs per year of “%(name)s”") % {"name": action}
    return _form_page(request, _context(plan, form=form, title=title, cancel_url=_action_url(action)))


@login_required
@require_http_methods(["GET", "POST"])
def funding_source_edit(request, slug, plan_slug, pk, source=None):
    action = queries.get_action_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    plan = action.plan
    instance = get_object_or_404(FundingSource, action=action, pk=source) if source else FundingSource(action=action)
    form = FundingSourceForm(request.POST or None, instance=instance, plan=plan)
    if request.method == "POST" and form.is_valid():
        services.save_funding_source(form, by=request.user, action=action)
        messages.success(request, _("The funding source was saved."))
        return redirect(_action_url(action))
    title = _("Funding source of “%(name)s”") % {"name": action}
    return _form_page(request, _context(plan, form=form, title=title, cancel_url=_action_url(action)))


@login_required
@require_http_methods(["GET", "POST"])
def funding_source_delete(request, slug, plan_slug, pk, source):
    action = queries.get_action_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    instance = get_object_or_404(FundingSource, action=action, pk=source)
    if request.method == "POST":
        services.delete_funding_source(instance, by=request.user)
        messages.success(request, _("The funding source was deleted."))
        return redirect(_action_url(action))
    return render(
        request,
        "workspaces/confirm_delete.html",
        _context(action.plan, object=instance, cancel_url=_action_url(action)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_add(request, slug, plan_slug, pk):
    """Link a mapped intervention (searched by title or identifier) with the share of its budget that counts."""
    action = queries.get_action_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    plan = action.plan
    search = request.GET.get("q", "")[:200]
    form = ContributionForm(request.POST or None, instance=Contribution(action=action), action=action, search=search)
    if request.method == "POST" and form.is_valid():
        services.save_contribution(form, by=request.user, action=action)
        messages.success(request, _("The intervention was linked."))
        return redirect(_action_url(action))
    context = _context(plan, action=action, form=form, search=search, cancel_url=_action_url(action))
    status = 400 if request.method == "POST" else 200
    return render(request, "planning/contribution_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def contribution_delete(request, slug, plan_slug, pk, contribution):
    action = queries.get_action_for_user(request.user, slug, plan_slug, pk, "edit_plan")
    instance = get_object_or_404(Contribution.objects.select_related("intervention"), action=action, pk=contribution)
    if request.method == "POST":
        services.delete_contribution(instance, by=request.user)
        messages.success(request, _("The intervention is no longer linked."))
        return redirect(_action_url(action))
    return render(
        request,
        "workspaces/confirm_delete.html",
        _context(action.plan, object=instance, cancel_url=_action_url(action)),
    )


# --- funding gap -------------------------------------------------------------------------------------------


@login_required
@require_GET
def funding(request, slug, plan_slug):
    """Cost, commitments and gap per action, per axis and per year (rules in planning/funding.py)."""
    plan = queries.get_plan_for_user(request.user, slug, plan_slug)
    context = _context(plan)

    def build():
        table = with_texts(funding_table(plan))
        for axis in table.axes:  # thousands of year cells: written here, faster than a template loop
            axis.years_html = _year_cells(axis.years)
            for row in axis.actions:
                row.years_html = _year_cells(row.years)
        html = render_to_string("planning/includes/funding_tables.html", {**context, "table": table})
        return {"html": html, "overall": table.overall}

    # Cached like the tree: the tables of 500 actions over 10 years take long to render, and change seldom.
    material = (TREE_VERSION, plan.pk, queries.plan_version(plan), get_language())
    built = cached_value(f"planning:funding:{plan.pk}", material, build)
    context.update(table_html=mark_safe(built["html"]), table={"overall": built["overall"]})  # noqa: S308
    return render(request, "planning/funding.html", context)


def _year_cells(years) -> str:
    """A row's cells for each year: "cost / committed", marked when the year has a gap."""
    # Plain string building with the standard library's escape: Django's format_html costs 20 µs a cell here.
    return mark_safe(  # noqa: S308 — every value is escaped
        "".join(
            f'<td class="number-cell{" gap" if cell.gap else ""}" data-label="{int(year)}">'
            f"{escape(cell.cost_text)} / {escape(cell.committed_text)}</td>"
            for year, cell in years.items()
        )
    )


@login_required
@require_GET
def unfunded(request, slug, plan_slug):
    """The actions still missing money, the largest gap first: for resource mobilisation (CSV with ?format=csv)."""
    plan = queries.get_plan_for_user(request.user, slug, plan_slug)
    table = with_texts(funding_table(plan))
    rows = table.unfunded()
    for row in rows:
        row.timing = queries.timing(row.action)
    if request.GET.get("format") == "csv":
        return _unfunded_csv(plan, rows)
    return render(request, "planning/unfunded.html", _context(plan, rows=rows, table=table))


def _unfunded_csv(plan, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-unfunded.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow(
        [_("Code"), _("Action"), _("Axis"), _("Lead institution"), _("Years"), _("Cost (EUR)")]
        + [_("Committed (EUR)"), _("Gap (EUR)"), _("Commitments unknown")]
    )
    for row in rows:
        action = row.action
        writer.writerow(
            [
                _safe(action.code),
                _safe(action.title),
                _safe(str(row.axis) if row.axis else ""),
                _safe(str(action.lead_institution) if action.lead_institution else ""),
                row.timing,
                row.total.cost,
                row.total.committed,
                row.total.gap,
                row.unknown,
            ]
        )
    return response


def _safe(text):
    """No spreadsheet formula from user text."""
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
