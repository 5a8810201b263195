"""Role × page matrix for the plans, the results framework, actions and the funding pages.

Everyone in the workspace reads; only the secretariat (edit_plan) writes; an outsider gets 404 and a refused POST
changes nothing.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cadre.planning.models import Contribution, FundingSource, Objective

from ..core.helpers import db_snapshot
from ..mapping.conftest import make_intervention
from .factories import ObjectiveFactory

COLUMNS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
LOGIN = "sign-in"
READ = {"GET": (200, 200, 200, 200, 200, 404, LOGIN)}
WRITE = {"GET": (200, 403, 403, 403, 403, 404, LOGIN), "POST": (302, 403, 403, 403, 403, 404, LOGIN)}
MATRIX = {
    "plans": READ,
    "plan": READ,
    "funding": READ,
    "unfunded": READ,
    "action": READ,
    "plan_create": WRITE,
    "plan_edit": WRITE,
    "objective_create": WRITE,
    "objective_add": WRITE,
    "objective_edit": WRITE,
    "objective_delete": WRITE,
    "objective_move": WRITE,
    "action_create": WRITE,
    "action_edit": WRITE,
    "action_delete": WRITE,
    "action_move": WRITE,
    "action_costs": WRITE,
    "funding_source_create": WRITE,
    "funding_source_edit": WRITE,
    "funding_source_delete": WRITE,
    "contribution_create": WRITE,
    "contribution_delete": WRITE,
}


@pytest.fixture
def extra(world, planned):
    specific2 = ObjectiveFactory(plan=planned.plan, level=Objective.Level.SPECIFIC, parent=planned.axis, code="1.2")
    result2 = ObjectiveFactory(plan=planned.plan, level=Objective.Level.RESULT, parent=specific2, code="1.2.1")
    source = FundingSource.objects.create(
        action=planned.own_action, kind="state", amount=Decimal("1000"), currency="EUR", committed=True
    )
    linked = make_intervention(
        world.workspace,
        title="Projet lié",
        budget=Decimal("100000"),
        start=datetime.date(2017, 1, 1),
        end=datetime.date(2018, 12, 31),
    )
    contribution = Contribution.objects.create(action=planned.own_action, intervention=linked)
    free = make_intervention(world.workspace, title="Projet à lier", budget=Decimal("50000"))
    return {"result2": result2, "specific2": specific2, "source": source, "contribution": contribution, "free": free}


def _url(world, planned, extra, name):
    ws, ps = world.workspace.slug, planned.plan.slug
    action = planned.own_action.pk
    args = {
        "plans": [ws],
        "plan_create": [ws],
        "objective_add": [ws, ps, planned.axis.pk],
        "objective_edit": [ws, ps, planned.axis.pk],
        "objective_delete": [ws, ps, planned.specific.pk],
        "objective_move": [ws, ps, planned.result.pk],
        "action_create": [ws, ps, planned.result.pk],
        "funding_source_edit": [ws, ps, action, extra["source"].pk],
        "funding_source_delete": [ws, ps, action, extra["source"].pk],
        "contribution_delete": [ws, ps, action, extra["contribution"].pk],
    }.get(name)
    if args is None:
        args = [ws, ps, action] if name.startswith(("action", "funding_source", "contribution")) else [ws, ps]
    return reverse(f"planning:{name}", args=args)


def _payload(world, planned, extra, name):
    action_fields = {
        "title_fr": "Former les agents",
        "order": 0,
        "lead_institution": world.institution.pk,
        "start_year": 2018,
        "start_quarter": 1,
        "end_year": 2020,
        "end_quarter": 4,
        "status": "ongoing",
    }
    plan_fields = {
        "title_fr": "Plan d'action 2022-2026",
        "slug": "pa-2022-2026",
        "start_year": 2022,
        "end_year": 2026,
        "status": "draft",
        "currency": "XOF",
        "convention": "eu",
    }
    return {
        "plan_create": plan_fields,
        "plan_edit": {**plan_fields, "slug": planned.plan.slug, "start_year": 2017, "end_year": 2021},
        "objective_create": {"title_fr": "Objectif général", "order": 0},
        "objective_add": {"title_fr": "Objectif spécifique", "code": "1.3", "order": 0},
        "objective_edit": {"title_fr": "Axe revu", "code": "1", "order": 0, "theme": world.theme.pk},
        "objective_move": {"parent": extra["specific2"].pk},
        "action_create": action_fields,
        "action_edit": action_fields,
        "action_move": {"parent": extra["result2"].pk},
        "action_costs": {"currency": "XOF", "y2017": "655957000", "y2018": ""},
        "funding_source_create": {"kind": "state", "amount": "5000", "currency": "EUR", "committed": "on"},
        "funding_source_edit": {"kind": "state", "amount": "2000", "currency": "EUR"},
        "contribution_create": {"intervention": extra["free"].pk, "share_percent": "40"},
    }.get(name, {})


def _status(response):
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def test_plan_matrix_covers_every_core_page():
    from cadre.planning import urls

    names = {p.name for p in urls.urlpatterns if p.callback.__module__ == "cadre.planning.views.plans"}
    assert names == set(MATRIX)


@pytest.mark.parametrize("name", list(MATRIX))
def test_plan_page_get_gives_each_role_its_status(world, planned, extra, name):
    url = _url(world, planned, extra, name)
    actual = {}
    for persona in COLUMNS:
        response = world.client(persona).get(url)
        actual[persona] = _status(response)
        if response.status_code == 404:
            assert planned.plan.title_fr not in response.content.decode()
    assert actual == dict(zip(COLUMNS, MATRIX[name]["GET"], strict=True))


@pytest.mark.parametrize("name", [name for name, rows in MATRIX.items() if "POST" in rows])
def test_plan_page_post_gives_each_role_its_status_and_refusals_change_nothing(world, planned, extra, name):
    url = _url(world, planned, extra, name)
    expected = dict(zip(COLUMNS, MATRIX[name]["POST"], strict=True))
    actual = {}
    for persona in sorted(COLUMNS, key=lambda p: expected[p] == 302):
        client = world.client(persona)
        before = db_snapshot()
        response = client.post(url, _payload(world, planned, extra, name))
        actual[persona] = _status(response)
        if actual[persona] == 302 and persona != "anonymous":
            assert db_snapshot() != before, f"{persona}'s accepted POST changed nothing"
        else:
            assert db_snapshot() == before, f"{persona}'s refused POST changed the database"
    assert actual == expected


@pytest.mark.parametrize("name", ["plans", "plan", "funding", "unfunded", "action"])
def test_read_pages_refuse_post(world, planned, extra, name):
    response = world.client("secretariat").post(_url(world, planned, extra, name))
    assert response.status_code == 405


def test_read_only_personas_see_no_edit_links(world, planned, extra):
    url = _url(world, planned, extra, "plan")
    edit = reverse("planning:plan_edit", args=[world.workspace.slug, planned.plan.slug])
    assert edit in world.client("secretariat").get(url).content.decode()
    assert edit not in world.client("member").get(url).content.decode()


def test_another_workspaces_plan_is_not_found(world, planned):
    from .factories import PlanFactory

    foreign = PlanFactory(slug="etranger")
    response = world.client("secretariat").get(reverse("planning:plan", args=[world.workspace.slug, foreign.slug]))
    assert response.status_code == 404
    response = world.client("secretariat").get(reverse("planning:plan", args=[foreign.workspace.slug, foreign.slug]))
    assert response.status_code == 404
