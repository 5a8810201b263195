"""Every write to the action plan: one transaction each, recorded as made by `by`.

(Framework part: plans, objectives, actions, costs, funding sources, contributions.)
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from cadre.core.services import change_by, save_form

from .models import ActionReport, Contribution, Cost, FundingSource, Measurement, Objective


def save_plan(form, *, by, workspace=None):
    """Save the plan; amounts in euros kept beside each cost and funding source follow a changed rate."""
    assign = {"workspace": workspace} if workspace is not None else {}
    with change_by(by):
        plan = save_form(form, by=by, **assign)
        for model in (Cost, FundingSource):
            for money in model.objects.filter(action__plan=plan).select_related("action"):
                money.action.plan = plan
                if money.amount_eur != plan.to_eur(money.amount, money.currency):
                    money.save()  # Money.save computes amount_eur with the plan's rates
    return plan


def save_objective(form, *, by, plan, level, parent=None):
    if form.instance.pk:
        return save_form(form, by=by)
    return save_form(form, by=by, plan=plan, level=level, parent=parent)


def _refuse_if_monitored(measurements, reports):
    """Reported values and action statuses are the monitoring's record: they are never deleted with the framework."""
    if measurements.exists() or reports.exists():
        raise ValidationError(_("Values or statuses were reported for it in monitoring rounds: it cannot be deleted."))


def _subtree_ids(objective) -> set:
    ids, frontier = {objective.pk}, [objective.pk]
    while frontier:
        frontier = list(Objective.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.update(frontier)
    return ids


def delete_objective(objective, *, by):
    """ValidationError when anything under it holds reported values (they would be deleted with it)."""
    with change_by(by):
        ids = _subtree_ids(objective)
        _refuse_if_monitored(
            Measurement.objects.filter(Q(indicator__objective_id__in=ids) | Q(indicator__action__result_id__in=ids)),
            ActionReport.objects.filter(action__result_id__in=ids),
        )
        objective.delete()


def move_objective(objective, parent, *, by):
    """Put the objective under another parent of the level just above it (same plan)."""
    with change_by(by):
        objective.parent = parent
        objective.full_clean()
        objective.save()
    return objective


def save_action(form, *, by, plan, result=None):
    if form.instance.pk:
        return save_form(form, by=by)
    return save_form(form, by=by, plan=plan, result=result)


def delete_action(action, *, by):
    """ValidationError when the action or its indicators hold reported values (they would be deleted with it)."""
    with change_by(by):
        _refuse_if_monitored(
            Measurement.objects.filter(indicator__action=action), ActionReport.objects.filter(action=action)
        )
        action.delete()


def move_action(action, result, *, by):
    if result.plan_id != action.plan_id or result.level != Objective.Level.RESULT:
        raise ValidationError(_("An action sits under an expected result of its plan."))
    with change_by(by):
        action.result = result
        action.full_clean()
        action.save()
    return action


def set_costs(action, amounts: dict, currency: str, *, by):
    """The action's cost per year: {year: amount or None}; None (or an empty field) removes that year's cost."""
    existing = {cost.year: cost for cost in action.costs.all()}
    with change_by(by):
        for year, amount in amounts.items():
            cost = existing.get(year)
            if amount is None:
                if cost is not None:
                    cost.delete()
                continue
            if cost is None:
                cost = Cost(action=action, year=year)
            if cost.pk and cost.amount == amount and cost.currency == currency:
                continue
            cost.action = action
            cost.amount, cost.currency = amount, currency
            cost.full_clean()
            cost.save()


def save_funding_source(form, *, by, action):
    form.instance.action = action
    return save_form(form, by=by, action=action)


def delete_funding_source(source, *, by):
    with change_by(by):
        source.delete()


def save_contribution(form, *, by, action):
    form.instance.action = action
    return save_form(form, by=by, action=action)


def delete_contribution(contribution: Contribution, *, by):
    with change_by(by):
        contribution.delete()
