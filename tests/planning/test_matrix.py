"""The action-plan matrix: one row per action in framework order, with its costs in the plan's currency and in
euros; its XLSX download (openpyxl reads it back) and who may download it."""

import io
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from openpyxl import load_workbook

from cadre.directory.models import Institution
from cadre.planning import matrix
from cadre.planning.models import Contribution, Cost, Measurement, Objective

from ..factories import InstitutionFactory
from .factories import ActionFactory, IndicatorFactory, ObjectiveFactory


@pytest.fixture
def costed(planned, world):
    """The fixture plan with costs: own_action 2017 1,000,000 FCFA + 2018 500 EUR; other_action 2019 2,000 EUR;
    a second axis with one action whose code sorts after; indicators and partners."""
    own, other = planned.own_action, planned.other_action
    own.start_quarter, own.end_year, own.end_quarter = 2, 2018, 4
    own.save()
    own.supporting_institutions.set([planned.other_institution])
    Cost.objects.create(action=own, year=2017, amount=Decimal(1_000_000), currency="XOF")
    Cost.objects.create(action=own, year=2018, amount=Decimal(500), currency="EUR")
    Cost.objects.create(action=other, year=2019, amount=Decimal(2000), currency="EUR")
    IndicatorFactory(
        workspace=world.workspace, plan=planned.plan, action=own, code="I.1", definition_fr="Nombre de postes équipés"
    )
    IndicatorFactory(workspace=world.workspace, plan=planned.plan, action=own, code="I.2", definition_fr="Guide adopté")
    axis2 = ObjectiveFactory(plan=planned.plan, level=Objective.Level.AXIS, parent=planned.general, code="2", order=2)
    specific2 = ObjectiveFactory(plan=planned.plan, level=Objective.Level.SPECIFIC, parent=axis2, code="2.1")
    result2 = ObjectiveFactory(plan=planned.plan, level=Objective.Level.RESULT, parent=specific2, code="2.1.1")
    third = ActionFactory(plan=planned.plan, result=result2, code="2.1.1.1", title_fr="Former les juges")
    planned.axis.order = 1
    planned.axis.save()
    return planned, third


def test_one_row_per_action_in_framework_order_with_its_place_and_people(costed):
    planned, third = costed
    data = matrix.matrix(planned.plan)
    assert [row.action for row in data.rows] == [planned.own_action, planned.other_action, third]
    first = data.rows[0]
    assert first.axis == planned.axis and first.specific == planned.specific and first.result == planned.result
    assert first.lead == planned.own_action.lead_institution.short_name
    assert first.partners == ["DST"]
    with translation.override("en"):
        assert matrix.timeline(planned.own_action) == "Q2 2017 – Q4 2018"
    assert matrix.timeline(third) == "2017 – 2019"
    assert first.indicators == ["I.1 Nombre de postes équipés", "I.2 Guide adopté"]
    assert data.rows[2].axis.code == "2" and data.rows[2].cost_total is None


def test_costs_in_the_plan_currency_and_in_euros_per_action_year_and_plan(costed):
    planned, _third = costed
    data = matrix.matrix(planned.plan)
    own, other = data.rows[0], data.rows[1]
    # 500 EUR = 327,978.50 FCFA at the fixed parity; FCFA amounts are rounded to the franc.
    assert own.cost_by_year == {2017: Decimal(1_000_000), 2018: Decimal(327_979)}
    assert own.cost_total == Decimal(1_327_979)
    assert own.cost_total_eur == Decimal("1524.49") + Decimal(500)
    assert other.cost_by_year == {2019: Decimal(1_311_914)}
    assert data.total == Decimal(1_327_979 + 1_311_914)
    assert data.total_eur == Decimal("1524.49") + Decimal(2500)
    assert data.total_by_year == {2017: Decimal(1_000_000), 2018: Decimal(327_979), 2019: Decimal(1_311_914)}
    assert data.years == [2017, 2018, 2019, 2020, 2021]


def test_the_matrix_runs_a_fixed_number_of_queries(costed, world, django_assert_max_num_queries):
    planned, _third = costed
    with django_assert_max_num_queries(6):
        small = matrix.matrix(planned.plan)
    for n in range(20):
        action = ActionFactory(plan=planned.plan, result=planned.result, code=f"1.1.1.{n + 3}")
        action.supporting_institutions.set([InstitutionFactory(), planned.other_institution])
        Cost.objects.create(action=action, year=2018, amount=Decimal(1000), currency="XOF")
        IndicatorFactory(workspace=world.workspace, plan=planned.plan, action=action)
    with django_assert_max_num_queries(6):
        large = matrix.matrix(planned.plan)
    assert len(large.rows) == len(small.rows) + 20


def _sheet(response):
    workbook = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return workbook.active


def test_xlsx_has_a_frozen_header_one_row_per_action_and_right_totals(costed, world):
    planned, third = costed
    url = reverse("planning:matrix_xlsx", args=[world.workspace.slug, planned.plan.slug])
    response = world.client("observer").get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = _sheet(response)
    rows = list(sheet.iter_rows(values_only=True))
    header, body, total = rows[0], rows[1:-1], rows[-1]
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=5).alignment.wrap_text
    assert sheet.column_dimensions["E"].width == 44
    assert len(body) == 3  # one row per action
    assert [row[3] for row in body] == [planned.own_action.code, planned.other_action.code, third.code]
    columns = {name: index for index, name in enumerate(header)}
    assert "2018 (FCFA (XOF))" in columns and "2021 (FCFA (XOF))" in columns
    own = body[0]
    assert own[columns["2017 (FCFA (XOF))"]] == 1_000_000
    assert own[columns["2018 (FCFA (XOF))"]] == 327_979
    assert own[8] == 1_327_979  # total in FCFA
    assert Decimal(str(own[9])) == Decimal("2024.49")  # total in EUR
    assert own[6] == "DST" and own[-1] == "I.1 Nombre de postes équipés; I.2 Guide adopté"
    assert total[8] == 1_327_979 + 1_311_914
    assert Decimal(str(total[9])) == Decimal("4024.49")
    assert total[columns["2019 (FCFA (XOF))"]] == 1_311_914


def test_xlsx_neutralises_cells_a_spreadsheet_would_take_for_formulas(costed, world):
    planned, _third = costed
    planned.own_action.title_fr = '=HYPERLINK("http://evil.example")'
    planned.own_action.save()
    response = world.client("member").get(
        reverse("planning:matrix_xlsx", args=[world.workspace.slug, planned.plan.slug])
    )
    cell = _sheet(response).cell(row=2, column=5)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK") and cell.quotePrefix


def test_xlsx_is_refused_outside_the_workspace_and_to_anonymous_visitors(costed, world, client):
    planned, _third = costed
    url = reverse("planning:matrix_xlsx", args=[world.workspace.slug, planned.plan.slug])
    assert world.client("outsider").get(url).status_code == 404
    assert client.get(url).status_code == 302  # to the sign-in page
    missing = reverse("planning:matrix_xlsx", args=[world.workspace.slug, "no-such-plan"])
    assert world.client("secretariat").get(missing).status_code == 404
    assert world.client("secretariat").post(url).status_code == 405


def test_the_benchmark_plan_grows_and_its_matrix_keeps_its_query_count(world, monkeypatch, django_assert_num_queries):
    """benchmarks/planning_pages.py at a reduced scale: every level, ten years of targets and measurements."""
    from benchmarks import planning_pages as bench

    if not Institution.objects.filter(name_en="Ministry of Interior").exists():
        InstitutionFactory(name_fr="Ministère de l'Intérieur", name_en="Ministry of Interior")
    for name in ("AXES", "SPECIFICS", "RESULTS"):
        monkeypatch.setattr(bench, name, 2)
    monkeypatch.setattr(bench, "INTERVENTIONS", 10)
    plan = bench.build_small(world.workspace.slug)
    with CaptureQueriesContext(connection) as small:
        matrix.matrix(plan)
    summary = bench.grow(random.Random(1), world.workspace.slug)
    actions = 2 * 2 * 2 * bench.ACTIONS
    indicators = actions * bench.INDICATORS_PER_ACTION
    assert summary.startswith(f"{actions} actions, {indicators} indicators, {indicators * 10} targets, ")
    assert Measurement.objects.filter(indicator__plan=plan).count() == indicators * 10
    assert plan.rounds.count() == 10
    assert Contribution.objects.filter(action__plan=plan).count() == 1 + (actions - 1) * 2
    with django_assert_num_queries(len(small)):
        data = matrix.matrix(plan)
    assert len(data.rows) == actions and data.total > 0
    assert [name for name, _url in _bench_pages(bench, world)] in ([], ["plan tree", "IPTT", "funding gap"])


def _bench_pages(bench, world):
    try:
        return bench.pages(world.workspace.slug)
    except NoReverseMatch:  # the IPTT's URLs are not included in planning/urls.py yet
        return []


def test_xlsx_download_query_count_does_not_grow_with_actions(costed, world, django_assert_max_num_queries):
    planned, _third = costed
    url = reverse("planning:matrix_xlsx", args=[world.workspace.slug, planned.plan.slug])
    client = world.client("secretariat")
    client.get(url)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(15):
        action = ActionFactory(plan=planned.plan, result=planned.result, code=f"1.1.1.{n + 3}")
        action.supporting_institutions.set([InstitutionFactory()])
        Cost.objects.create(action=action, year=2020, amount=Decimal(5000), currency="EUR")
    with django_assert_max_num_queries(len(small)):
        response = client.get(url)
    assert len(list(_sheet(response).iter_rows())) == 1 + 3 + 15 + 1  # header, actions, total
