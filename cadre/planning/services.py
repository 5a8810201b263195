"""Every write to the action plan: one transaction each, recorded as made by `by`.

(Framework part: plans, objectives, actions, costs, funding sources, contributions.)
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cadre.core.services import change_by, save_form

from .models import Contribution, Cost, Objective


def save_plan(form, *, by, workspace=None):
    assign = {"workspace": workspace} if workspace is not None else {}
    return save_form(form, by=by, **assign)


def save_objective(form, *, by, plan, level, parent=None):
    if form.instance.pk:
        return save_form(form, by=by)
    return save_form(form, by=by, plan=plan, level=level, parent=parent)


def delete_objective(objective, *, by):
    with change_by(by):
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
    with change_by(by):
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
