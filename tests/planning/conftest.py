"""A plan of the personas' workspace: general objective → axis → specific objective → result → two actions,
one led by the personas' institution and one by another; an indicator for each institution."""

from dataclasses import dataclass

import pytest

from cadre.planning.models import Objective

from ..factories import InstitutionFactory
from .factories import ActionFactory, IndicatorFactory, ObjectiveFactory, PlanFactory


@dataclass
class Planned:
    plan: object
    general: object
    axis: object
    specific: object
    result: object
    own_action: object  # led by the personas' institution
    other_action: object  # led by another institution
    own_indicator: object  # the personas' institution is responsible
    other_indicator: object
    other_institution: object


@pytest.fixture
def planned(world) -> Planned:
    plan = PlanFactory(workspace=world.workspace, slug="snlmi-2017-2021", currency="XOF")
    general = ObjectiveFactory(plan=plan, level=Objective.Level.GENERAL, code="OG")
    axis = ObjectiveFactory(plan=plan, level=Objective.Level.AXIS, parent=general, code="1", theme=world.theme)
    specific = ObjectiveFactory(plan=plan, level=Objective.Level.SPECIFIC, parent=axis, code="1.1")
    result = ObjectiveFactory(plan=plan, level=Objective.Level.RESULT, parent=specific, code="1.1.1")
    police = InstitutionFactory(name_fr="Direction de la surveillance du territoire", acronym="DST")
    own_action = ActionFactory(plan=plan, result=result, code="1.1.1.1", lead_institution=world.institution)
    other_action = ActionFactory(plan=plan, result=result, code="1.1.1.2", lead_institution=police)
    own_indicator = IndicatorFactory(
        workspace=world.workspace, plan=plan, objective=result, responsible_institution=world.institution
    )
    other_indicator = IndicatorFactory(
        workspace=world.workspace, plan=plan, action=other_action, responsible_institution=police
    )
    return Planned(
        plan=plan,
        general=general,
        axis=axis,
        specific=specific,
        result=result,
        own_action=own_action,
        other_action=other_action,
        own_indicator=own_indicator,
        other_indicator=other_indicator,
        other_institution=police,
    )
