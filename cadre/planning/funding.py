"""The funding gap of an action plan: per action, per strategic axis and per year, what it costs, what is
already committed, and what is missing.

All amounts are in euros (`amount_eur`, computed with the plan's rates when saved). Only the plan's years count.

**Cost** of an action in a year: the sum of its `Cost` rows for that year.

**Committed** in a year, the sum of:

- each *contribution* of a mapped intervention: ``intervention.budget_eur × share_percent / 100``, spread evenly
  over the calendar years the intervention is active — from the year of its start to the year of its end, the
  actual dates where set, the planned ones otherwise — and only the shares falling in the plan's years count
  (a 1.2 M EUR intervention over 2017–2018 at 50 % commits 300,000 EUR in 2017 and in 2018). An intervention
  without a budget in euros, a start or an end commits nothing and its contribution is flagged
  "commitment unknown";
- each *committed* funding source (a signed or voted one; an expected source is not counted): in its year if it
  has one, otherwise spread evenly over the action's years (the plan's years when the action has none).

Each spread share is rounded to the cent, so the committed amounts of the years are exactly what is shown.

**Balance** = committed − cost (negative: missing money; positive: more than the cost is committed).
**Gap** = max(cost − committed, 0):

- for an action and a year, from that year's cost and commitments;
- for an action over the whole plan, from its total cost and total commitments (a surplus in one year covers a
  shortfall in another);
- for an axis, the sum of its actions' gaps; per year, the sum of the actions' gaps that year; overall, the sum
  of the actions' gaps. So every total is the sum of the action rows shown.

The whole computation reads four flat lists (actions, costs, funding sources, contributions): a fixed number of
queries whatever the size of the plan.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Sum
from django.utils.formats import get_format

from .models import Action, Contribution, Cost, FundingSource, Objective

ZERO = Decimal("0.00")
# What the funding pages show of an action (its lead for the unfunded list; its years for the spreading).
ACTION_FIELDS = (
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
    "lead_institution__name_fr",
    "lead_institution__name_en",
    "lead_institution__acronym",
)
CENT = Decimal("0.01")


def _cents(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class Cell:
    """Cost and commitments of one action (or axis, or the plan) in one year, or over all years."""

    __slots__ = ("cost", "committed", "gap", "cost_text", "committed_text", "gap_text", "balance_text")

    def __init__(self, cost=ZERO, committed=ZERO, gap=ZERO):
        self.cost, self.committed, self.gap = cost, committed, gap

    def __repr__(self):
        return f"Cell(cost={self.cost}, committed={self.committed}, gap={self.gap})"

    @property
    def balance(self) -> Decimal:
        return self.committed - self.cost

    def add(self, other: "Cell"):
        self.cost += other.cost
        self.committed += other.committed
        self.gap += other.gap


@dataclass
class Row:
    """An action, an axis or the whole plan: a cell per year of the plan and a total."""

    years: dict = field(default_factory=dict)  # year → Cell
    total: Cell = field(default_factory=Cell)
    unknown: int = 0  # contributions whose commitment is unknown

    @property
    def cells(self):
        return list(self.years.values())


@dataclass
class ActionRow(Row):
    action: Action = None
    axis: object = None


@dataclass
class AxisRow(Row):
    axis: object = None
    actions: list = field(default_factory=list)


@dataclass
class FundingTable:
    plan: object
    years: list
    actions: list  # ActionRow, in the plan's order
    axes: list  # AxisRow, in the plan's order (actions without an axis under None)
    overall: Row

    def unfunded(self):
        """The actions with a gap, the largest first."""
        return sorted(
            (row for row in self.actions if row.total.gap > 0), key=lambda row: (-row.total.gap, row.action.pk)
        )


def spread(amount: Decimal, first: int, last: int, years) -> dict:
    """`amount` shared evenly over the years first..last, keeping only those among `years` (cents)."""
    count = last - first + 1
    if count <= 0:
        return {}
    share = _cents(Decimal(amount) / count)
    return {year: share for year in range(first, last + 1) if year in years}


def contribution_years(row: dict, years) -> dict | None:
    """{year: EUR} committed by a contribution (a values() row), or None when it cannot be known."""
    start = row["intervention__actual_start"] or row["intervention__planned_start"]
    end = row["intervention__actual_end"] or row["intervention__planned_end"]
    budget = row["intervention__budget_eur"]
    if budget is None or start is None or end is None or end < start:
        return None
    amount = Decimal(budget) * Decimal(row["share_percent"]) / 100
    return spread(amount, start.year, end.year, years)


def funding_table(plan, actions=None) -> FundingTable:
    """The funding gap of the plan (see the module's rules). `actions`: a queryset to restrict to (default all)."""
    years = plan.years
    year_set = set(years)
    scope = {"action__plan": plan}
    if actions is None:
        actions = Action.objects.filter(plan=plan)
    else:
        scope["action__in"] = actions.values("pk")
    actions = list(
        actions.select_related("lead_institution")
        .only(*ACTION_FIELDS)
        .annotate(axis_id=F("result__parent__parent_id"))
        .order_by(
            "result__parent__parent__order",
            "result__parent__parent__code",
            "result__parent__parent_id",
            "order",
            "code",
            "pk",
        )
    )
    axis_of = {axis.pk: axis for axis in Objective.objects.filter(plan=plan, level=Objective.Level.AXIS)}
    costs = defaultdict(lambda: defaultdict(lambda: ZERO))  # action id → year → EUR
    for row in (
        Cost.objects.filter(**scope, year__in=years)
        .values("action_id", "year")
        .annotate(eur=Sum("amount_eur"))
        .order_by()
    ):
        costs[row["action_id"]][row["year"]] += row["eur"] or ZERO
    committed = defaultdict(lambda: defaultdict(lambda: ZERO))
    by_id = {action.pk: action for action in actions}
    for row in FundingSource.objects.filter(**scope, committed=True).values("action_id", "year", "amount_eur"):
        action = by_id.get(row["action_id"])
        if action is None or row["amount_eur"] is None:
            continue
        if row["year"]:
            if row["year"] in year_set:
                committed[action.pk][row["year"]] += row["amount_eur"]
            continue
        first = action.start_year or plan.start_year
        last = action.end_year or plan.end_year
        for year, share in spread(row["amount_eur"], first, last, year_set).items():
            committed[action.pk][year] += share
    unknown = defaultdict(int)
    for row in Contribution.objects.filter(**scope).values(
        "action_id",
        "share_percent",
        "intervention__budget_eur",
        "intervention__planned_start",
        "intervention__planned_end",
        "intervention__actual_start",
        "intervention__actual_end",
    ):
        if row["action_id"] not in by_id:
            continue
        shares = contribution_years(row, year_set)
        if shares is None:
            unknown[row["action_id"]] += 1
            continue
        for year, share in shares.items():
            committed[row["action_id"]][year] += share

    overall = Row(years={year: Cell() for year in years})
    axes = {}
    rows = []
    no_money = {}
    for action in actions:
        axis = axis_of.get(action.axis_id)
        row = ActionRow(action=action, axis=axis, unknown=unknown.get(action.pk, 0))
        action_costs, action_committed = costs.get(action.pk, no_money), committed.get(action.pk, no_money)
        total_cost = total_committed = ZERO
        for year in years:
            cost, paid = action_costs.get(year, ZERO), action_committed.get(year, ZERO)
            row.years[year] = Cell(cost, paid, cost - paid if cost > paid else ZERO)
            total_cost += cost
            total_committed += paid
        row.total = Cell(total_cost, total_committed, max(total_cost - total_committed, ZERO))
        rows.append(row)
        key = axis.pk if axis else None
        if key not in axes:
            axes[key] = AxisRow(axis=axis, years={year: Cell() for year in years})
        for target in (axes[key], overall):
            target_years = target.years
            for year, cell in row.years.items():
                target_years[year].add(cell)
            target.total.add(row.total)
            target.unknown += row.unknown
        axes[key].actions.append(row)
    return FundingTable(plan=plan, years=years, actions=rows, axes=list(axes.values()), overall=overall)


def number_formatter():
    """A fast whole-number formatter with the current language's thousands separator (pages of thousands of
    amounts: the `floatformat` filter costs too much there)."""
    separator = get_format("THOUSAND_SEPARATOR")

    def format_number(value) -> str:
        return f"{value or 0:,.0f}".replace(",", separator)

    return format_number


def with_texts(table: FundingTable, *, action_years=False) -> FundingTable:
    """Give the cells their amounts as text: `cost_text`, `committed_text` everywhere, and `gap_text`,
    `balance_text` on the totals and on the years of the axes and the plan (what the pages show) — and on the
    years of the actions with `action_years`."""
    format_number = number_formatter()

    def label(cell, full):
        cell.cost_text = format_number(cell.cost)
        cell.committed_text = format_number(cell.committed)
        if full:
            cell.gap_text = format_number(cell.gap)
            cell.balance_text = format_number(cell.balance)

    for row in table.actions:
        for cell in row.years.values():
            label(cell, action_years)
        label(row.total, True)
    for row in [*table.axes, table.overall]:
        for cell in row.years.values():
            label(cell, True)
        label(row.total, True)
    return table
