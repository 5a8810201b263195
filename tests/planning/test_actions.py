"""Actions: creating and editing, moving, costs per year, funding sources and contributions of interventions."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.core.models import AuditEvent
from cadre.planning.models import Action, Contribution, Cost, FundingSource

from ..core.helpers import db_snapshot, french, text_of
from ..factories import InstitutionFactory, WorkspaceFactory
from ..mapping.conftest import make_intervention
from .factories import ObjectiveFactory

ACTION = {
    "code": "1.1.1.3",
    "order": 3,
    "title_fr": "Équiper les postes frontières",
    "start_year": 2018,
    "start_quarter": 2,
    "end_year": 2020,
    "end_quarter": 4,
    "status": "not_started",
    "assumptions": "Sécurité suffisante",
    "risks": "Retards d'achat",
}


def _url(planned, name, *extra, action=None):
    action = action or planned.own_action
    return reverse(f"planning:{name}", args=["niger", planned.plan.slug, action.pk, *extra])


def test_action_create_under_a_result_with_institutions(world, planned):
    support = InstitutionFactory()
    data = {**ACTION, "lead_institution": world.institution.pk, "supporting_institutions": [support.pk]}
    url = reverse("planning:action_create", args=["niger", planned.plan.slug, planned.result.pk])
    response = world.client("secretariat").post(url, data)
    action = Action.objects.get(code="1.1.1.3")
    assert response.status_code == 302 and response.url == _url(planned, "action", action=action)
    assert action.result == planned.result and action.plan == planned.plan
    assert list(action.supporting_institutions.all()) == [support]
    assert AuditEvent.objects.filter(object_id=str(action.pk)).exists()


def test_action_create_only_under_a_result(world, planned):
    url = reverse("planning:action_create", args=["niger", planned.plan.slug, planned.specific.pk])
    assert world.client("secretariat").get(url).status_code == 404


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"start_year": 2010}, "start_year"),  # outside the plan's years
        ({"end_year": 2030}, "end_year"),
        ({"start_year": 2020, "end_year": 2018}, "end_year"),
        ({"start_year": 2018, "start_quarter": 3, "end_year": 2018, "end_quarter": 1}, "end_year"),
        ({"start_year": "", "start_quarter": 2}, "start_quarter"),
        ({"start_quarter": 5}, "start_quarter"),
        ({"status": "lost"}, "status"),
        ({"title_fr": ""}, "title_fr"),
        ({"lead_institution": 10**12}, "lead_institution"),
        ({"supporting_institutions": [10**30]}, "supporting_institutions"),
    ],
)
def test_action_bad_input_is_refused_and_changes_nothing(world, planned, changes, field):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_url(planned, "action_edit"), {**ACTION, **changes})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert db_snapshot() == before


def test_action_move_to_another_result(world, planned):
    specific2 = ObjectiveFactory(plan=planned.plan, level="specific", parent=planned.axis)
    result2 = ObjectiveFactory(plan=planned.plan, level="result", parent=specific2)
    client = world.client("secretariat")
    before = db_snapshot()
    assert client.post(_url(planned, "action_move"), {"parent": planned.specific.pk}).status_code == 400
    assert db_snapshot() == before
    assert client.post(_url(planned, "action_move"), {"parent": result2.pk}).status_code == 302
    planned.own_action.refresh_from_db()
    assert planned.own_action.result == result2


def test_action_detail_shows_costs_sources_and_contributions(world, planned, django_assert_max_num_queries):
    own = planned.own_action
    Cost.objects.create(action=own, year=2017, amount=Decimal("655957000"), currency="XOF")
    FundingSource.objects.create(
        action=own, kind="partner", institution=planned.other_institution, amount=Decimal(1), committed=True
    )
    undated = make_intervention(world.workspace, title="Projet sans dates", budget=Decimal(1000))
    Contribution.objects.create(action=own, intervention=undated, share_percent=Decimal("25"))
    client = world.client("observer")
    with django_assert_max_num_queries(17):
        response = client.get(_url(planned, "action"))
    text = " ".join(text_of(response).replace("\xa0", " ").replace("\u202f", " ").split())
    assert "655 957 000 XOF" in text and "1 000 000" in text
    assert "Projet sans dates" in text and french("commitment unknown") in text
    assert planned.other_institution.name_fr in text
    assert _url(planned, "action_edit") not in text  # an observer changes nothing


def test_costs_per_year_create_change_and_remove(world, planned):
    client = world.client("secretariat")
    response = client.post(_url(planned, "action_costs"), {"currency": "XOF", "y2017": "655957000", "y2019": "0"})
    assert response.status_code == 302
    costs = {cost.year: cost for cost in planned.own_action.costs.all()}
    assert set(costs) == {2017, 2019}
    assert costs[2017].amount_eur == Decimal("1000000.00") and costs[2019].amount_eur == 0
    client.post(_url(planned, "action_costs"), {"currency": "EUR", "y2017": "2000", "y2019": ""})
    costs = list(planned.own_action.costs.all())
    assert [(cost.year, cost.amount, cost.currency, cost.amount_eur) for cost in costs] == [
        (2017, Decimal("2000.00"), "EUR", Decimal("2000.00"))
    ]


def test_costs_form_shows_the_plans_years_and_current_values(world, planned):
    Cost.objects.create(action=planned.own_action, year=2018, amount=Decimal("5000"), currency="EUR")
    form = world.client("secretariat").get(_url(planned, "action_costs")).context["form"]
    assert [name for name in form.fields if name.startswith("y")] == [f"y{year}" for year in range(2017, 2022)]
    assert form.initial["y2018"] == Decimal("5000") and form.initial["currency"] == "EUR"


@pytest.mark.parametrize(
    "data",
    [
        {"currency": "XOF", "y2017": "-5"},
        {"currency": "XOF", "y2017": "abc"},
        {"currency": "XOF", "y2017": "1e30"},
        {"currency": "GBP", "y2017": "5"},
        {"currency": "USD", "y2017": "5"},  # the plan has no USD rate
    ],
)
def test_costs_bad_input_changes_nothing(world, planned, data):
    client = world.client("secretariat")
    before = db_snapshot()
    assert client.post(_url(planned, "action_costs"), data).status_code == 400
    assert db_snapshot() == before


def test_funding_source_create_edit_delete(world, planned):
    client = world.client("secretariat")
    data = {"kind": "state", "amount": "131191400", "currency": "XOF", "year": "2018", "committed": "on"}
    assert client.post(_url(planned, "funding_source_create"), data).status_code == 302
    source = FundingSource.objects.get(action=planned.own_action)
    assert source.amount_eur == Decimal("200000.00") and source.committed and source.year == 2018
    data.update(committed="", amount="1000", currency="EUR")
    assert client.post(_url(planned, "funding_source_edit", source.pk), data).status_code == 302
    source.refresh_from_db()
    assert not source.committed and source.amount_eur == Decimal("1000.00")
    assert client.post(_url(planned, "funding_source_delete", source.pk)).status_code == 302
    assert not FundingSource.objects.filter(pk=source.pk).exists()


@pytest.mark.parametrize(
    "changes",
    [{"year": "2030"}, {"amount": "-1"}, {"kind": "partner"}, {"kind": "gift"}, {"currency": "USD"}],
)
def test_funding_source_bad_input_changes_nothing(world, planned, changes):
    client = world.client("secretariat")
    before = db_snapshot()
    data = {"kind": "state", "amount": "1000", "currency": "EUR", **changes}
    assert client.post(_url(planned, "funding_source_create"), data).status_code == 400
    assert db_snapshot() == before


def test_funding_source_of_another_action_is_not_found(world, planned):
    source = FundingSource.objects.create(action=planned.other_action, kind="state", amount=Decimal(5))
    client = world.client("secretariat")
    assert client.get(_url(planned, "funding_source_edit", source.pk)).status_code == 404


def test_contribution_search_and_link(world, planned):
    wanted = make_intervention(world.workspace, title="Appui aux postes frontières", code="T05-EUTF-SAH-NE-07")
    make_intervention(world.workspace, title="Santé maternelle")
    foreign = make_intervention(WorkspaceFactory(), title="Appui ailleurs")
    client = world.client("secretariat")
    form = client.get(_url(planned, "contribution_create"), {"q": "EUTF-SAH"}).context["form"]
    assert list(form.fields["intervention"].queryset) == [wanted]
    response = client.post(_url(planned, "contribution_create"), {"intervention": foreign.pk, "share_percent": "50"})
    assert response.status_code == 400
    response = client.post(_url(planned, "contribution_create"), {"intervention": wanted.pk, "share_percent": "40"})
    assert response.status_code == 302
    contribution = Contribution.objects.get(action=planned.own_action)
    assert contribution.intervention == wanted and contribution.share_percent == Decimal("40")
    before = db_snapshot()
    response = client.post(_url(planned, "contribution_create"), {"intervention": wanted.pk, "share_percent": "10"})
    assert response.status_code == 400 and db_snapshot() == before  # linked once
    assert client.post(_url(planned, "contribution_delete", contribution.pk)).status_code == 302
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("share", ["0", "-5", "100.5", "abc"])
def test_contribution_share_must_be_a_percentage(world, planned, share):
    intervention = make_intervention(world.workspace, title="Projet")
    client = world.client("secretariat")
    before = db_snapshot()
    data = {"intervention": intervention.pk, "share_percent": share}
    assert client.post(_url(planned, "contribution_create"), data).status_code == 400
    assert db_snapshot() == before


def test_action_delete_removes_its_costs(world, planned):
    Cost.objects.create(action=planned.own_action, year=2017, amount=Decimal(1), currency="EUR")
    response = world.client("secretariat").post(_url(planned, "action_delete"))
    assert response.status_code == 302
    assert not Action.objects.filter(pk=planned.own_action.pk).exists() and not Cost.objects.exists()


def test_action_detail_query_count_does_not_grow(world, planned):
    client = world.client("observer")
    client.get(_url(planned, "action"))
    with CaptureQueriesContext(connection) as small:
        client.get(_url(planned, "action"))
    for number in range(4):
        Cost.objects.create(action=planned.own_action, year=2017 + number, amount=Decimal(10), currency="EUR")
        FundingSource.objects.create(action=planned.own_action, kind="state", amount=Decimal(3), committed=True)
        intervention = make_intervention(
            world.workspace,
            title=f"P{number}",
            budget=Decimal(100),
            start=datetime.date(2017, 1, 1),
            end=datetime.date(2018, 1, 1),
        )
        Contribution.objects.create(action=planned.own_action, intervention=intervention)
        planned.own_action.supporting_institutions.add(InstitutionFactory())
    with CaptureQueriesContext(connection) as large:
        client.get(_url(planned, "action"))
    assert len(large.captured_queries) == len(small.captured_queries)
