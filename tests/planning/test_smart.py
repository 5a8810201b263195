"""The SMART check: each missing piece gives its advice; a complete indicator gets none; vague wording is found in
French and English unless a figure or a measure is given."""

from datetime import date as D
from decimal import Decimal

import pytest
from django.utils import translation

from cadre.planning.indicators import is_vague, smart_check
from cadre.planning.models import Indicator, Target

from .factories import IndicatorFactory


@pytest.fixture(autouse=True)
def _english():
    """These tests read the messages in English (their msgids); the pages' French is checked elsewhere."""
    with translation.override("en"):
        yield


@pytest.fixture
def complete(world, planned):
    indicator = IndicatorFactory(
        workspace=world.workspace,
        plan=planned.plan,
        objective=planned.result,
        definition_fr="Nombre de postes frontières équipés",
        definition_en="Number of border posts equipped",
        unit="postes",
        baseline_value=Decimal(3),
        baseline_year=2016,
        means_of_verification="Rapports annuels de la DST",
        frequency=Indicator.Frequency.ANNUAL,
        responsible_institution=world.institution,
    )
    Target.objects.create(indicator=indicator, period_start=D(2021, 1, 1), period_end=D(2021, 12, 31), value=12)
    return indicator


def test_complete_indicator_gets_no_advice(complete):
    assert smart_check(complete) == []


@pytest.mark.parametrize(
    "change,expected",
    [
        ({"baseline_value": None}, "No baseline"),
        ({"baseline_year": None}, "The baseline has no year"),
        ({"responsible_institution": None}, "No responsible institution"),
        ({"means_of_verification": ""}, "No means of verification"),
        ({"unit": ""}, "No unit"),
        ({"frequency": ""}, "No frequency"),
        ({"definition_fr": "Renforcer les capacités des agents", "definition_en": ""}, "The wording is vague"),
    ],
)
def test_each_missing_piece_gives_its_advice(complete, change, expected):
    for name, value in change.items():
        setattr(complete, name, value)
    advice = smart_check(complete)
    assert len(advice) == 1 and advice[0].startswith(expected)


def test_no_target_and_target_without_value_or_outside_the_plan(complete):
    assert smart_check(complete, targets=[]) == ["No target."]
    undated = Target(indicator=complete, period_start=None, period_end=None, value=3)
    assert "A target has no date or period." in smart_check(complete, targets=[undated])
    empty = Target(indicator=complete, period_start=D(2018, 1, 1), period_end=D(2018, 12, 31))
    assert smart_check(complete, targets=[empty]) == ["A target has no value."]
    late = Target(indicator=complete, period_start=D(2030, 1, 1), period_end=D(2030, 12, 31), value=5)
    assert smart_check(complete, targets=[late])[0].startswith("A target is due in 2030")


def test_percentage_above_100_and_no_unit_needed(complete):
    complete.kind = Indicator.Kind.PERCENTAGE
    complete.unit = ""
    over = Target(indicator=complete, period_start=D(2021, 1, 1), period_end=D(2021, 12, 31), value=Decimal("120"))
    assert smart_check(complete, targets=[over]) == ["A percentage target is above 100 %."]
    complete.kind = Indicator.Kind.QUALITATIVE
    assert smart_check(complete) == []


@pytest.mark.parametrize(
    "text",
    [
        "Améliorer la gestion des frontières",
        "Renforcement des capacités",
        "Une coordination adéquate",
        "Improve border management",
        "Strengthened cooperation",
        "Enhance appropriate referral",
    ],
)
def test_vague_wording_is_found(text):
    assert is_vague(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nombre d'agents formés pour renforcer les contrôles",
        "Taux de migrants orientés améliorés",
        "Number of items of equipment provided to strengthen governance",
        "Renforcer 12 postes frontières",
        "Plan national adopté",
        "",
    ],
)
def test_measurable_wording_is_not_vague(text):
    assert not is_vague(text)


def test_smart_check_never_blocks_saving(world, planned):
    indicator = IndicatorFactory(workspace=world.workspace, plan=planned.plan, definition_fr="Améliorer", unit="")
    indicator.full_clean()  # advice only: the model accepts it
    assert len(smart_check(indicator)) >= 5
