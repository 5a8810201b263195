"""Every read of planning data on behalf of a user goes through here.

Outside the workspace → 404; a role without the capability → 403 (see cadre.workspaces.roles).
"""

from decimal import Decimal

from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from cadre.directory.models import Institution
from cadre.drafting.models import Section
from cadre.mapping.models import Intervention
from cadre.workspaces.models import Theme
from cadre.workspaces.queries import get_workspace_for_user

from .models import LEVEL_NAMES, Action, Contribution, Cost, FundingSource, Indicator, Objective, Plan


def can_import_results(membership) -> bool:
    """Who imports a partner's results file: the secretariat, by its right to import or to edit the plan."""
    return membership.can("import_mapping") or membership.can("edit_plan")


def get_plan_for_user(user, slug, plan_slug, capability="view") -> Plan:
    """The workspace's plan, with `.workspace.membership` set; 404 outside the workspace, 403 without `capability`."""
    workspace = get_workspace_for_user(user, slug, capability)
    plan = get_object_or_404(Plan.objects.select_related("document"), workspace=workspace, slug=plan_slug)
    plan.workspace = workspace
    return plan


def plans_of(workspace):
    return Plan.objects.filter(workspace=workspace).select_related("document").order_by("-start_year", "pk")


def get_objective_for_user(user, slug, plan_slug, pk, capability="view") -> Objective:
    plan = get_plan_for_user(user, slug, plan_slug, capability)
    objective = get_object_or_404(Objective.objects.select_related("parent", "theme"), plan=plan, pk=pk)
    objective.plan = plan
    return objective


def get_action_for_user(user, slug, plan_slug, pk, capability="view") -> Action:
    plan = get_plan_for_user(user, slug, plan_slug, capability)
    action = get_object_or_404(
        Action.objects.select_related("result", "lead_institution").prefetch_related("supporting_institutions"),
        plan=plan,
        pk=pk,
    )
    action.plan = plan
    return action


# --- Level names -------------------------------------------------------------------------------------------

LEVELS = ("general", "axis", "specific", "result", "action")


def level_names(plan) -> dict:
    """{level: (singular, plural)} in the current language, following the plan's convention (custom names
    fall back to the EU names where a level has none)."""
    language = (get_language() or "fr")[:2]
    names = {}
    for level in LEVELS:
        convention = plan.convention if plan.convention in LEVEL_NAMES[level] else "eu"
        singular, plural = LEVEL_NAMES[level][convention]
        custom = (plan.custom_level_names or {}).get(level) if plan.convention == Plan.Convention.CUSTOM else None
        if isinstance(custom, dict):
            name = custom.get(language) or custom.get("fr") or custom.get("en")
            if name:
                singular = plural = name
        names[level] = (singular, plural)
    return names


# --- The tree ----------------------------------------------------------------------------------------------


def _indicator_count(**outer):
    return Coalesce(
        Subquery(
            Indicator.objects.filter(**outer).order_by().values(*outer.keys()).annotate(n=Count("pk")).values("n")[:1]
        ),
        0,
    )


def _cost_sum(plan, field, same_currency=None):
    """The sum of an action's costs in the plan's years: all of them, or those in (or not in) its currency."""
    costs = Cost.objects.filter(action=OuterRef("pk"), year__gte=plan.start_year, year__lte=plan.end_year)
    if same_currency is True:
        costs = costs.filter(currency=plan.currency)
    elif same_currency is False:
        costs = costs.exclude(currency=plan.currency)
    return Subquery(costs.order_by().values("action").annotate(total=Sum(field)).values("total")[:1])


# What the tree shows of an action.
TREE_ACTION_FIELDS = (
    "plan_id",
    "result_id",
    "code",
    "order",
    "title_fr",
    "title_en",
    "start_year",
    "start_quarter",
    "end_year",
    "end_quarter",
    "status",
    "lead_institution__name_fr",
    "lead_institution__name_en",
    "lead_institution__acronym",
)


def plan_tree(plan):
    """The results framework as a list of root objectives, each with `.nodes` (children) and, for results,
    `.action_list`. Fixed number of queries: objectives (+ their sections), actions (+ supporting institutions)."""
    objectives = list(
        Objective.objects.filter(plan=plan)
        .select_related("theme")
        .defer("description_fr", "description_en", "created_at", "updated_at")
        .prefetch_related(Prefetch("sections", queryset=Section.objects.only("pk", "title", "document_id")))
        .annotate(indicator_count=_indicator_count(objective=OuterRef("pk")))
    )
    rate = plan.rate(plan.currency) or Decimal(1)
    actions = list(
        Action.objects.filter(plan=plan)
        .select_related("lead_institution")
        .only(*TREE_ACTION_FIELDS)
        .prefetch_related(
            Prefetch("supporting_institutions", queryset=Institution.objects.only("name_fr", "name_en", "acronym"))
        )
        .annotate(
            indicator_count=_indicator_count(action=OuterRef("pk")),
            cost_eur=_cost_sum(plan, "amount_eur"),
            # in the plan's currency: the amounts entered in it, and the others converted from euros
            cost_same=_cost_sum(plan, "amount", same_currency=True),
            cost_other_eur=_cost_sum(plan, "amount_eur", same_currency=False),
        )
    )
    by_id = {}
    for objective in objectives:
        objective.nodes = []
        objective.action_list = []
        objective.cost_eur = Decimal(0)
        objective.cost_local = Decimal(0)
        objective.action_count = 0
        by_id[objective.pk] = objective
    roots = []
    for objective in objectives:
        parent = by_id.get(objective.parent_id)
        (parent.nodes if parent else roots).append(objective)
    for action in actions:
        action.cost_eur = action.cost_eur or Decimal(0)
        action.cost_local = (action.cost_same or Decimal(0)) + ((action.cost_other_eur or Decimal(0)) * rate).quantize(
            Decimal("1")
        )
        result = by_id.get(action.result_id)
        if result is not None:
            result.action_list.append(action)
        node = result
        while node is not None:
            node.cost_eur += action.cost_eur
            node.cost_local += action.cost_local
            node.action_count += 1
            node = by_id.get(node.parent_id)
    return roots, actions


def timing(action) -> str:
    """ "2018 T1 – 2020 T4", "2018 – 2020", or "" when the action has no dates."""

    def point(year, quarter):
        if not year:
            return "?"
        return f"{year} T{quarter}" if quarter else str(year)

    if not action.start_year and not action.end_year:
        return ""
    return f"{point(action.start_year, action.start_quarter)} – {point(action.end_year, action.end_quarter)}"


def intervention_choices(workspace, text=""):
    """Mapped interventions of the workspace to pick as contributions, searched by title or identifier."""
    interventions = Intervention.objects.filter(workspace=workspace)
    text = (text or "").strip()
    if text:
        interventions = interventions.filter(
            Q(title_fr__icontains=text)
            | Q(title_en__icontains=text)
            | Q(code__icontains=text)
            | Q(iati_identifier__icontains=text)
        )
    return interventions.order_by("title_fr", "pk")


def plan_version(plan) -> tuple:
    """Changes whenever anything the tree or the funding tables show changes, so that their rendered HTML can be
    cached under it and never be stale: each table's row count and latest change (one aggregate each)."""

    def mark(queryset):
        found = queryset.aggregate(n=Count("pk"), m=Max("updated_at"))
        return (found["n"], found["m"])

    plan = Plan.objects.only("updated_at").get(pk=plan.pk)
    return (
        plan.updated_at,
        mark(Objective.objects.filter(plan_id=plan.pk)),
        mark(Action.objects.filter(plan_id=plan.pk)),
        mark(Cost.objects.filter(action__plan_id=plan.pk)),
        mark(FundingSource.objects.filter(action__plan_id=plan.pk)),
        mark(Contribution.objects.filter(action__plan_id=plan.pk)),
        mark(Indicator.objects.filter(plan_id=plan.pk)),
        mark(Intervention.objects.filter(contributions__action__plan_id=plan.pk)),
        mark(Institution.objects.all()),
        mark(Theme.objects.filter(workspace_id=plan.workspace_id)),
        mark(Section.objects.filter(document__workspace_id=plan.workspace_id)),
    )
