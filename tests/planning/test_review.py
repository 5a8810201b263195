"""Defects found in review: data loss on delete, number overflows, exchange-rate overflows, bad uploads, IDOR."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cadre.planning.models import Action, Cost, Measurement, Objective

from ..core.helpers import db_snapshot
from .test_reporting import _post_value
from .test_rounds import open_round


def _plan_url(world, planned, name, *args):
    return reverse(f"planning:{name}", args=[world.workspace.slug, planned.plan.slug, *args])


@pytest.fixture
def reported(world, planned):
    round_ = open_round(planned)
    _post_value(world, planned, round_, "member", planned.own_indicator, "10")
    assert Measurement.objects.filter(indicator=planned.own_indicator).exists()
    return round_


def test_objective_with_reported_values_cannot_be_deleted(world, planned, reported):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_plan_url(world, planned, "objective_delete", planned.axis.pk))
    assert response.status_code == 400
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert db_snapshot() == before
    assert Objective.objects.filter(pk=planned.axis.pk).exists()


def test_action_with_reported_values_cannot_be_deleted(world, planned):
    round_ = open_round(planned)
    _post_value(world, planned, round_, "secretariat", planned.other_indicator, "3")
    assert Measurement.objects.filter(indicator=planned.other_indicator).exists()
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_plan_url(world, planned, "action_delete", planned.other_action.pk))
    assert response.status_code == 400
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert db_snapshot() == before
    assert Action.objects.filter(pk=planned.other_action.pk).exists()


def test_objective_without_reported_values_is_still_deleted(world, planned):
    response = world.client("secretariat").post(_plan_url(world, planned, "objective_delete", planned.axis.pk))
    assert response.status_code == 302
    assert not Objective.objects.filter(pk=planned.axis.pk).exists()


def test_measurement_value_rounding_past_column_refused(world, planned):
    round_ = open_round(planned)
    client = world.client("member")
    before = db_snapshot()
    url = reverse(
        "planning:report_indicator", args=[world.workspace.slug, planned.plan.slug, round_.pk, planned.own_indicator.pk]
    )
    response = client.post(url, {f"i{planned.own_indicator.pk}-value": "99999999999999,99999", "submit": "1"})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_indicator_target_rounding_past_column_refused(world, planned):
    client = world.client("secretariat")
    before = db_snapshot()
    url = _plan_url(world, planned, "indicator_edit", planned.own_indicator.pk)
    data = {
        "measures": f"objective:{planned.result.pk}",
        "code": "I1",
        "definition_fr": "Nombre d'agents formés",
        "kind": "number",
        "unit": "agents",
        "target_2018": "99999999999999,99999",
        "custom_rows": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert db_snapshot() == before


@pytest.mark.parametrize("field", ["order"])
def test_action_order_too_large_refused(world, planned, field):
    client = world.client("secretariat")
    before = db_snapshot()
    url = _plan_url(world, planned, "action_edit", planned.own_action.pk)
    data = {"title_fr": "Former", "status": "not_started", field: str(10**20)}
    response = client.post(url, data)
    assert response.status_code == 400
    assert db_snapshot() == before


def test_cost_overflowing_in_euros_refused(world, planned):
    plan = planned.plan
    plan.rates = {"USD": "0.000001"}
    plan.save()
    client = world.client("secretariat")
    before = db_snapshot()
    url = _plan_url(world, planned, "action_costs", planned.own_action.pk)
    response = client.post(url, {"currency": "USD", "y2018": "9999999999999999"})
    assert response.status_code == 400
    assert response.context["form"].errors.get("y2018")
    assert db_snapshot() == before
    assert not Cost.objects.exists()


def test_funding_source_overflowing_in_euros_refused(world, planned):
    plan = planned.plan
    plan.rates = {"USD": "0.000001"}
    plan.save()
    client = world.client("secretariat")
    before = db_snapshot()
    url = _plan_url(world, planned, "funding_source_create", planned.own_action.pk)
    data = {"kind": "state", "amount": "9999999999999999", "currency": "USD", "year": "2018"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert db_snapshot() == before


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe\x00\x00garbage", b"a,b,c\n1,2,3\n", b"iati_id,result_type\n\x00\x00\n", b"\n\n\n"],
)
def test_malformed_results_upload_refused(world, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = world.client("secretariat")
    before = db_snapshot()
    url = reverse("planning:results_import", args=[world.workspace.slug])
    upload = SimpleUploadedFile("results.csv", content, content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_contribution_of_other_workspace_intervention_refused(world, planned, outsider_intervention):
    client = world.client("secretariat")
    before = db_snapshot()
    url = _plan_url(world, planned, "contribution_create", planned.own_action.pk)
    response = client.post(url, {"intervention": outsider_intervention.pk, "share_percent": "50"})
    assert response.status_code == 400
    assert db_snapshot() == before


@pytest.fixture
def outsider_intervention(world):
    from ..mapping.conftest import make_intervention

    return make_intervention(world.other_workspace, title="Projet d'un autre espace")


def test_supporting_institutions_huge_id_refused(world, planned):
    client = world.client("secretariat")
    before = db_snapshot()
    url = _plan_url(world, planned, "action_edit", planned.own_action.pk)
    data = {"title_fr": "Former", "status": "not_started", "order": "0", "supporting_institutions": [str(10**30)]}
    response = client.post(url, data)
    assert response.status_code == 400
    assert db_snapshot() == before


def test_move_to_huge_parent_id_refused(world, planned):
    client = world.client("secretariat")
    before = db_snapshot()
    url = _plan_url(world, planned, "action_move", planned.own_action.pk)
    response = client.post(url, {"parent": str(10**30)})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_huge_page_number_and_filters_do_not_fail(world, planned):
    client = world.client("secretariat")
    for name in ("indicators", "iptt"):
        response = client.get(_plan_url(world, planned, name), {"page": "9" * 40, "axis": "9" * 40, "year": "9" * 30})
        assert response.status_code == 200


def _usd_cost(planned, amount="1080000"):
    plan = planned.plan
    plan.rates = {"USD": "1.08"}
    plan.save()
    return Cost.objects.create(action=planned.own_action, year=2018, amount=Decimal(amount), currency="USD")


def _edit_plan(world, planned, client, rates_text):
    from .test_plans import PLAN

    data = {**PLAN, "slug": planned.plan.slug, "start_year": 2017, "end_year": 2021, "rates_text": rates_text}
    return client.post(_plan_url(world, planned, "plan_edit"), data)


def test_changed_rate_recomputes_amounts_in_euros(world, planned):
    cost = _usd_cost(planned)
    assert cost.amount_eur == Decimal("1000000.00")
    response = _edit_plan(world, planned, world.client("secretariat"), "USD = 1.2")
    assert response.status_code == 302
    cost.refresh_from_db()
    assert cost.amount_eur == Decimal("900000.00")


def test_removing_a_rate_in_use_refused(world, planned):
    _usd_cost(planned)
    client = world.client("secretariat")
    before = db_snapshot()
    response = _edit_plan(world, planned, client, "")
    assert response.status_code == 400
    assert response.context["form"].errors.get("rates_text")
    assert db_snapshot() == before


def test_rate_overflowing_existing_amounts_refused(world, planned):
    _usd_cost(planned, amount="999999999999999")
    client = world.client("secretariat")
    before = db_snapshot()
    response = _edit_plan(world, planned, client, "USD = 0.5")
    assert response.status_code == 400
    assert response.context["form"].errors.get("rates_text")
    assert db_snapshot() == before


def test_largest_cost_accepted_reads_back_from_the_database(world, planned):
    """SQLite keeps decimals as floats: the largest amount the form lets through must read back without error."""
    client = world.client("secretariat")
    url = _plan_url(world, planned, "action_costs", planned.own_action.pk)
    response = client.post(url, {"currency": "EUR", "y2018": "999999999999999,99".replace(",", ".")})
    assert response.status_code == 302
    assert Cost.objects.get(action=planned.own_action).amount_eur >= Decimal("999999999999999")
    assert client.get(_plan_url(world, planned, "funding")).status_code == 200


def test_too_large_cost_refused(world, planned):
    client = world.client("secretariat")
    before = db_snapshot()
    url = _plan_url(world, planned, "action_costs", planned.own_action.pk)
    response = client.post(url, {"currency": "EUR", "y2018": "9999999999999999"})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_largest_value_accepted_reads_back_from_the_database(world, planned):
    round_ = open_round(planned)
    response = _post_value(world, planned, round_, "member", planned.own_indicator, "9999999999999,9999")
    assert response.status_code == 302
    assert Measurement.objects.get(indicator=planned.own_indicator).value >= Decimal("9999999999999")
    client = world.client("secretariat")
    assert (
        client.get(reverse("planning:round", args=[world.workspace.slug, planned.plan.slug, round_.pk])).status_code
        == 200
    )


def test_value_too_large_for_sqlite_refused(world, planned):
    round_ = open_round(planned)
    client = world.client("member")
    before = db_snapshot()
    url = reverse(
        "planning:report_indicator", args=[world.workspace.slug, planned.plan.slug, round_.pk, planned.own_indicator.pk]
    )
    response = client.post(url, {f"i{planned.own_indicator.pk}-value": "99999999999999,9999", "submit": "1"})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_round_period_cannot_change_once_values_are_reported(world, planned, reported):
    client = world.client("secretariat")
    before = db_snapshot()
    url = reverse("planning:round_edit", args=[world.workspace.slug, planned.plan.slug, reported.pk])
    data = {"title_fr": "Rapport annuel 2019", "period_start": "2019-01-01", "period_end": "2019-12-31"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert db_snapshot() == before


def test_round_title_can_change_once_values_are_reported(world, planned, reported):
    url = reverse("planning:round_edit", args=[world.workspace.slug, planned.plan.slug, reported.pk])
    data = {"title_fr": "Rapport 2018 (révisé)", "period_start": "2018-01-01", "period_end": "2018-12-31"}
    response = world.client("secretariat").post(url, data)
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.title_fr == "Rapport 2018 (révisé)"


@pytest.mark.parametrize("typed", ["9" * 40, "99999999999999,99999", "10000000000000"])
def test_parse_number_refuses_huge_numbers_with_a_message(typed):
    from cadre.planning.indicators import parse_number

    with pytest.raises(ValueError):
        parse_number(typed)


@pytest.mark.parametrize("typed", ["9" * 40, "9999999999999,99999", "10000000000000"])
def test_imported_value_refuses_huge_numbers_with_a_message(typed):
    from cadre.planning.imports import parse_value

    with pytest.raises(ValueError):
        parse_value(typed)


@pytest.mark.parametrize("persona", ["observer", "expert", "partner"])
def test_focal_point_draft_hidden_from_others(world, planned, persona):
    round_ = open_round(planned)
    _post_value(world, planned, round_, "member", planned.own_indicator, "4242", submit="0")
    draft = Measurement.objects.get(indicator=planned.own_indicator)
    assert draft.status == Measurement.Status.DRAFT
    client = world.client(persona)
    page = client.get(reverse("planning:round", args=[world.workspace.slug, planned.plan.slug, round_.pk]))
    assert draft not in page.context["page"].object_list
    detail = client.get(_plan_url(world, planned, "indicator", planned.own_indicator.pk))
    assert draft not in detail.context["measurements"]


def test_focal_point_and_secretariat_see_the_draft(world, planned):
    round_ = open_round(planned)
    _post_value(world, planned, round_, "member", planned.own_indicator, "4242", submit="0")
    draft = Measurement.objects.get(indicator=planned.own_indicator)
    for persona in ("member", "secretariat"):
        page = world.client(persona).get(
            reverse("planning:round", args=[world.workspace.slug, planned.plan.slug, round_.pk])
        )
        assert draft in page.context["page"].object_list


@pytest.mark.parametrize("year", ["5", "2500"])
def test_indicator_baseline_year_out_of_range_refused(world, planned, year):
    client = world.client("secretariat")
    before = db_snapshot()
    url = _plan_url(world, planned, "indicator_edit", planned.own_indicator.pk)
    data = {
        "measures": f"objective:{planned.result.pk}",
        "definition_fr": "Nombre d'agents formés",
        "kind": "number",
        "unit": "agents",
        "baseline_value": "12",
        "baseline_year": year,
        "custom_rows": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors.get("baseline_year")
    assert db_snapshot() == before


HUGE = "9" * 30


@pytest.mark.parametrize(
    ("name", "field", "extra"),
    [
        ("action_edit", "lead_institution", {"title_fr": "Former", "status": "not_started", "order": "0"}),
        ("funding_source_create", "institution", {"kind": "partner", "amount": "10", "currency": "EUR"}),
        ("contribution_create", "intervention", {"share_percent": "50"}),
        ("objective_edit", "theme", {"title_fr": "Axe", "order": "0"}),
        ("indicator_edit", "responsible_institution", {"definition_fr": "Nombre", "kind": "number"}),
    ],
)
def test_huge_ids_in_choice_fields_refused(world, planned, name, field, extra):
    pk = {
        "action_edit": planned.own_action.pk,
        "funding_source_create": planned.own_action.pk,
        "contribution_create": planned.own_action.pk,
        "objective_edit": planned.axis.pk,
        "indicator_edit": planned.own_indicator.pk,
    }[name]
    if name == "indicator_edit":
        extra = {**extra, "measures": f"objective:{planned.result.pk}", "custom_rows": "0"}
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_plan_url(world, planned, name, pk), {**extra, field: HUGE})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_indicator_measuring_huge_id_refused(world, planned):
    client = world.client("secretariat")
    before = db_snapshot()
    data = {"measures": f"objective:{HUGE}", "definition_fr": "Nombre", "kind": "number", "custom_rows": "0"}
    response = client.post(_plan_url(world, planned, "indicator_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors.get("measures")
    assert db_snapshot() == before


def test_huge_ids_in_addresses_give_404(world, planned):
    client = world.client("secretariat")
    assert client.get(_plan_url(world, planned, "action", int(HUGE))).status_code == 404
    assert client.get(_plan_url(world, planned, "objective_add", int(HUGE))).status_code == 404


def test_action_with_reported_status_cannot_be_deleted(world, planned):
    round_ = open_round(planned)
    url = reverse(
        "planning:report_action", args=[world.workspace.slug, planned.plan.slug, round_.pk, planned.own_action.pk]
    )
    prefix = f"a{planned.own_action.pk}-"
    world.client("member").post(url, {prefix + "status": "ongoing", prefix + "progress": "En cours"})
    assert planned.own_action.reports.exists()
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_plan_url(world, planned, "action_delete", planned.own_action.pk))
    assert response.status_code == 400
    assert db_snapshot() == before
