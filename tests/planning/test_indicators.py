"""Entering and editing indicators: targets per year and per custom period (decimal comma), disaggregation, the
library picker, bad input refused with a message and no change; the list's filters and SMART advice."""

import html
from datetime import date as D
from decimal import Decimal

import pytest
from django.urls import reverse

from cadre.planning.indicators import smart_check
from cadre.planning.models import Indicator, Target

from ..core.helpers import db_snapshot, text_of
from .factories import IndicatorFactory
from .test_access_indicators import indicator_payload


def _create_url(world, planned):
    return reverse("planning:indicator_create", args=[world.workspace.slug, planned.plan.slug])


def _edit_url(world, planned, indicator):
    return reverse("planning:indicator_edit", args=[world.workspace.slug, planned.plan.slug, indicator.pk])


def test_secretariat_creates_an_indicator_with_targets_per_year_and_custom_period(world, planned):
    data = indicator_payload(
        planned,
        measures=f"action:{planned.own_action.pk}",
        disaggregation=["sex", "region"],
        baseline_value="1 234,5",
        custom_0_start="2017-07-01",
        custom_0_end="2018-06-30",
        custom_0_value="0,8",
    )
    response = world.client("secretariat").post(_create_url(world, planned), data)
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="I.9")
    assert (indicator.plan, indicator.action, indicator.objective) == (planned.plan, planned.own_action, None)
    assert indicator.workspace == world.workspace
    assert indicator.disaggregation == ["sex", "region"]
    assert indicator.baseline_value == Decimal("1234.5")
    targets = {(t.period_start, t.period_end): t.value for t in indicator.targets.all()}
    assert targets == {
        (D(2017, 1, 1), D(2017, 12, 31)): Decimal(5),
        (D(2021, 1, 1), D(2021, 12, 31)): Decimal("12.5"),
        (D(2017, 7, 1), D(2018, 6, 30)): Decimal("0.8"),
    }
    page = text_of(world.client("observer").get(response.url))
    assert "12,5" in page or "12.5" in page
    assert "0,8" in page or "0.8" in page


def test_editing_replaces_the_targets(world, planned):
    indicator = planned.own_indicator
    Target.objects.create(indicator=indicator, period_start=D(2018, 1, 1), period_end=D(2018, 12, 31), value=4)
    Target.objects.create(indicator=indicator, period_start=D(2019, 1, 1), period_end=D(2019, 12, 31), value=6)
    form_page = text_of(world.client("secretariat").get(_edit_url(world, planned, indicator)))
    assert 'name="target_2018" value="4"' in form_page
    data = indicator_payload(planned, code=indicator.code, target_2017="", target_2021="", target_2019="7")
    response = world.client("secretariat").post(_edit_url(world, planned, indicator), data)
    assert response.status_code == 302
    assert {(t.period_end.year, t.value) for t in indicator.targets.all()} == {(2019, Decimal(7))}


def test_yes_no_and_qualitative_targets(world, planned):
    data = indicator_payload(planned, kind="yes_no", target_2017="oui", target_2021="non")
    assert world.client("secretariat").post(_create_url(world, planned), data).status_code == 302
    assert sorted(Target.objects.values_list("value", flat=True)) == [0, 1]
    data = indicator_payload(planned, code="Q", kind="qualitative", target_2017="Stratégie adoptée", target_2021="")
    assert world.client("secretariat").post(_create_url(world, planned), data).status_code == 302
    assert Target.objects.get(indicator__code="Q").value_text == "Stratégie adoptée"


@pytest.mark.parametrize(
    "change,field",
    [
        ({"target_2017": "beaucoup"}, "target_2017"),
        ({"target_2017": "-4"}, "target_2017"),
        ({"kind": "yes_no", "target_2017": "peut-être"}, "target_2017"),
        ({"baseline_value": "trois"}, "baseline_value"),
        ({"measures": "objective:999999"}, "measures"),
        ({"measures": "action:abc"}, "measures"),
        ({"definition_fr": ""}, "definition_fr"),
        ({"custom_0_start": "2018-01-01", "custom_0_value": "4"}, "custom_0_end"),
        ({"custom_0_start": "2018-06-01", "custom_0_end": "2018-01-01", "custom_0_value": "4"}, "custom_0_end"),
        ({"custom_0_start": "2017-01-01", "custom_0_end": "2017-12-31", "custom_0_value": "4"}, "custom_0_start"),
        ({"disaggregation": ["religion"]}, "disaggregation"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(world, planned, change, field):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_create_url(world, planned), indicator_payload(planned, **change))
    assert response.status_code == 400
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert db_snapshot() == before


def test_objective_of_another_plan_cannot_be_chosen(world, planned):
    from .factories import ObjectiveFactory

    stranger = ObjectiveFactory()
    response = world.client("secretariat").post(
        _create_url(world, planned), indicator_payload(planned, measures=f"objective:{stranger.pk}")
    )
    assert response.status_code == 400 and not Indicator.objects.filter(code="I.9").exists()


def test_library_pick_fills_in_the_form_and_keeps_what_was_typed(world, planned):
    client = world.client("secretariat")
    data = indicator_payload(planned, library="EUTF-3.7", pick="1", definition_fr="Agents formés", target_2017="9")
    before = db_snapshot()
    response = client.post(_create_url(world, planned), data)
    assert response.status_code == 200 and db_snapshot() == before
    form = response.context["form"]
    assert form["definition_en"].value() == "Number of individuals trained on migration management and protection"
    assert form["library_code"].value() == "EUTF 3.7"
    assert form["unit"].value() == "people"
    assert form["definition_fr"].value() == "Agents formés"  # the library has no French: what was typed stays
    assert form["target_2017"].value() == "9"
    page = client.get(_create_url(world, planned) + "?library=EUTF-4.1-bis")
    assert page.context["form"]["library_code"].value() == "EUTF 4.1 bis"
    refused = client.post(_create_url(world, planned), {**data, "library": "nothing"})
    assert refused.status_code == 400


def test_indicator_page_shows_smart_advice_as_advice(world, planned):
    url = reverse("planning:indicator", args=[world.workspace.slug, planned.plan.slug, planned.own_indicator.pk])
    response = world.client("member").get(url)
    expected = smart_check(planned.own_indicator)
    assert expected and response.context["advice"] == expected
    page = text_of(response)
    assert 'class="notice smart-advice"' in page and all(message in page for message in expected)


def test_list_filters_by_axis_level_institution_and_smart(world, planned):
    from .factories import ObjectiveFactory

    other_axis = ObjectiveFactory(plan=planned.plan, level="axis", parent=planned.general, code="2")
    elsewhere = IndicatorFactory(
        workspace=world.workspace, plan=planned.plan, objective=other_axis, definition_fr="Indicateur axe deux"
    )
    complete = IndicatorFactory(
        workspace=world.workspace,
        plan=planned.plan,
        objective=planned.specific,
        definition_fr="Nombre complet",
        unit="postes",
        baseline_value=1,
        baseline_year=2016,
        means_of_verification="Rapports",
        frequency="annual",
        responsible_institution=world.institution,
    )
    Target.objects.create(indicator=complete, period_start=D(2020, 1, 1), period_end=D(2020, 12, 31), value=3)
    client = world.client("observer")
    url = reverse("planning:indicators", args=[world.workspace.slug, planned.plan.slug])

    def shown(query):
        return {row["indicator"].pk for row in client.get(url + query).context["page"].object_list}

    own, other = planned.own_indicator.pk, planned.other_indicator.pk
    assert shown("") == {own, other, elsewhere.pk, complete.pk}
    assert shown(f"?axis={planned.axis.pk}") == {own, other, complete.pk}
    assert shown(f"?axis={other_axis.pk}") == {elsewhere.pk}
    assert shown("?level=action") == {other}
    assert shown("?level=result") == {own}
    assert shown(f"?institution={world.institution.pk}") == {own, complete.pk}
    assert shown("?smart=complete") == {complete.pk}
    assert shown("?smart=warnings") == {own, other, elsewhere.pk}
    assert shown("?axis=abc&level=nonsense") == {own, other, elsewhere.pk, complete.pk}


def test_delete_removes_an_indicator_without_values(world, planned):
    url = reverse(
        "planning:indicator_delete", args=[world.workspace.slug, planned.plan.slug, planned.other_indicator.pk]
    )
    response = world.client("secretariat").post(url)
    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=planned.other_indicator.pk).exists()


def test_htmx_filter_swap_equals_the_full_reload(world, planned):
    from ..core.helpers import element_tokens

    client = world.client("observer")
    url = reverse("planning:indicators", args=[world.workspace.slug, planned.plan.slug]) + "?level=action"
    full = client.get(url).content.decode()
    partial = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results").content.decode()
    assert "<html" not in partial
    assert element_tokens(partial, "results") == element_tokens(full, "results")
    shown = html.unescape(partial)
    assert planned.other_indicator.definition_fr in shown and planned.own_indicator.definition_fr not in shown


def test_edit_form_shows_custom_periods_and_posting_it_back_keeps_the_targets(world, planned):
    indicator = planned.own_indicator
    Target.objects.create(
        indicator=indicator, period_start=D(2017, 7, 1), period_end=D(2018, 6, 30), value=Decimal("0.8")
    )
    Target.objects.create(indicator=indicator, period_start=D(2019, 1, 1), period_end=D(2019, 12, 31), value=6)
    client = world.client("secretariat")
    form = client.get(_edit_url(world, planned, indicator)).context["form"]
    assert form["custom_0_start"].value() == D(2017, 7, 1) and form["custom_0_value"].value() == "0,8"
    assert form["target_2019"].value() == "6"
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, "")}
    data["custom_0_start"], data["custom_0_end"] = "2017-07-01", "2018-06-30"
    before = {(t.period_start, t.period_end, t.value) for t in indicator.targets.all()}
    response = client.post(_edit_url(world, planned, indicator), data)
    assert response.status_code == 302, response.context["form"].errors
    assert {(t.period_start, t.period_end, t.value) for t in indicator.targets.all()} == before
