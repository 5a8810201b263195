"""Plans: the list, creating and editing (years, convention and custom level names, currency and rates)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cadre.planning.models import Plan
from cadre.planning.queries import level_names

from ..core.helpers import db_snapshot, text_of
from ..drafting.factories import DocumentFactory
from .factories import PlanFactory

PLAN = {
    "title_fr": "Plan d'action 2022-2026",
    "title_en": "Action plan 2022-2026",
    "slug": "pa-2022-2026",
    "start_year": 2022,
    "end_year": 2026,
    "status": "draft",
    "currency": "XOF",
    "convention": "eu",
}


def test_plan_list_shows_the_workspaces_plans_only(world, planned, django_assert_max_num_queries):
    foreign = PlanFactory(title_fr="Plan d'un autre pays")
    client = world.client("observer")
    with django_assert_max_num_queries(8):
        text = text_of(client.get(reverse("planning:plans", args=["niger"])))
    assert planned.plan.title_fr in text and foreign.title_fr not in text
    assert reverse("planning:plan_create", args=["niger"]) not in text


def test_plan_list_query_count_does_not_grow(world, planned):
    client = world.client("observer")
    url = reverse("planning:plans", args=["niger"])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _number in range(5):
        PlanFactory(workspace=world.workspace)
    with CaptureQueriesContext(connection) as large:
        assert len(text_of(client.get(url)).split("/plan/")) > 6
    assert len(large.captured_queries) == len(small.captured_queries)


def test_plan_create_with_custom_names_rates_and_document(world):
    document = DocumentFactory(workspace=world.workspace)
    data = {
        **PLAN,
        "convention": "custom",
        "currency": "USD",
        "rates_text": "USD = 1,08",
        "document": document.pk,
        "level_axis_fr": "Pilier",
        "level_axis_en": "Pillar",
    }
    response = world.client("secretariat").post(reverse("planning:plan_create", args=["niger"]), data)
    plan = Plan.objects.get(workspace=world.workspace, slug="pa-2022-2026")
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.rates == {"USD": "1.08"} and plan.document == document
    assert plan.custom_level_names == {"axis": {"fr": "Pilier", "en": "Pillar"}}
    assert plan.to_eur(108, "USD") == 100
    with translation.override("fr"):
        assert level_names(plan)["axis"] == ("Pilier", "Pilier")
    with translation.override("en"):
        assert level_names(plan)["axis"] == ("Pillar", "Pillar")
        assert str(level_names(plan)["specific"][0]) == "specific objective"  # no custom name: the EU one


def test_plan_level_names_follow_the_convention(world, planned):
    planned.plan.convention = Plan.Convention.OECD
    with translation.override("en"):
        names = [str(level_names(planned.plan)[level][0]) for level in ("general", "specific", "result", "action")]
    assert names == [
        "impact",
        "outcome",
        "output",
        "activity",
    ]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"end_year": 2020}, "end_year"),  # before the start
        ({"start_year": 1200}, "start_year"),
        ({"end_year": 2090}, "end_year"),  # more than 31 years
        ({"slug": "snlmi-2017-2021"}, "slug"),  # taken in this workspace
        ({"slug": "pas un slug"}, "slug"),
        ({"slug": "new"}, "slug"),  # the address of a new plan
        ({"currency": "USD"}, "rates_text"),  # no rate for the plan's currency
        ({"rates_text": "XOF = 600"}, "rates_text"),  # fixed parity
        ({"rates_text": "GBP = 0.8"}, "rates_text"),
        ({"rates_text": "USD = -1"}, "rates_text"),
        ({"rates_text": "USD = abc"}, "rates_text"),
        ({"convention": "nasa"}, "convention"),
    ],
)
def test_plan_create_bad_input_is_refused_and_changes_nothing(world, planned, changes, field):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(reverse("planning:plan_create", args=["niger"]), {**PLAN, **changes})
    assert response.status_code == 400
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert db_snapshot() == before


def test_plan_edit_keeps_its_slug_and_changes_the_title(world, planned):
    plan = planned.plan
    data = {**PLAN, "slug": plan.slug, "start_year": 2017, "end_year": 2021, "title_fr": "SNLMI revue"}
    response = world.client("secretariat").post(reverse("planning:plan_edit", args=["niger", plan.slug]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title_fr == "SNLMI revue"


def test_plan_edit_form_shows_existing_rates_and_names(world, planned):
    plan = planned.plan
    plan.rates = {"USD": "1.1"}
    plan.custom_level_names = {"result": {"fr": "Produit"}}
    plan.save()
    form = world.client("secretariat").get(reverse("planning:plan_edit", args=["niger", plan.slug])).context["form"]
    assert form.initial["rates_text"] == "USD = 1.1"
    assert form.initial["level_result_fr"] == "Produit"
