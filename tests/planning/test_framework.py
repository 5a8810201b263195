"""The results framework: the tree page and creating, editing, moving and deleting objectives."""

from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.planning.models import Action, Cost, Objective

from ..core.helpers import db_snapshot, text_of
from ..drafting.factories import DocumentFactory, SectionFactory
from ..factories import InstitutionFactory
from .factories import ActionFactory, IndicatorFactory, ObjectiveFactory, PlanFactory


def _tree_url(planned):
    return reverse("planning:plan", args=["niger", planned.plan.slug])


def _grow(world, planned, size):
    """`size` more axes, each with a specific objective, a result, 2 actions with costs, institutions, indicators."""
    document = DocumentFactory(workspace=world.workspace)
    for number in range(size):
        axis = ObjectiveFactory(plan=planned.plan, level="axis", parent=planned.general, theme=world.theme)
        axis.sections.add(SectionFactory(document=document))
        specific = ObjectiveFactory(plan=planned.plan, level="specific", parent=axis)
        result = ObjectiveFactory(plan=planned.plan, level="result", parent=specific)
        IndicatorFactory(workspace=world.workspace, plan=planned.plan, objective=specific)
        for _index in range(2):
            action = ActionFactory(plan=planned.plan, result=result, lead_institution=InstitutionFactory())
            action.supporting_institutions.add(InstitutionFactory(), InstitutionFactory())
            Cost.objects.create(action=action, year=2018, amount=Decimal(1000 + number), currency="EUR")
            IndicatorFactory(workspace=world.workspace, plan=planned.plan, action=action)


def test_tree_query_count_does_not_grow_with_the_plan(world, planned):
    client = world.client("observer")
    client.get(_tree_url(planned))
    cache.clear()  # measure the tree being built, not read from the cache
    with CaptureQueriesContext(connection) as small:
        client.get(_tree_url(planned))
    _grow(world, planned, 6)
    with CaptureQueriesContext(connection) as large:  # the plan changed: a new version, built again
        response = client.get(_tree_url(planned))
    assert response.status_code == 200
    assert response.content.decode().count('class="plan-node level-axis"') == 7
    assert len(large.captured_queries) == len(small.captured_queries) <= 25


def test_the_cached_tree_is_never_stale(world, planned):
    client = world.client("observer")
    assert planned.own_action.title_fr in client.get(_tree_url(planned)).content.decode()
    planned.own_action.title_fr = "Former les agents des postes frontières"
    planned.own_action.save()
    assert "Former les agents des postes frontières" in client.get(_tree_url(planned)).content.decode()
    planned.other_institution.acronym = "DST-N"
    planned.other_institution.save()
    assert "DST-N" in client.get(_tree_url(planned)).content.decode()


def test_tree_shows_levels_timing_costs_theme_sections_and_indicators(world, planned):
    document = DocumentFactory(workspace=world.workspace)
    section = SectionFactory(document=document, title="Gestion des frontières")
    planned.axis.sections.add(section)
    own = planned.own_action
    own.start_quarter, own.end_year, own.end_quarter = 1, 2020, 4
    own.save()
    own.supporting_institutions.add(planned.other_institution)
    Cost.objects.create(action=own, year=2017, amount=Decimal("655957000"), currency="XOF")
    Cost.objects.create(action=own, year=2018, amount=Decimal("1000"), currency="EUR")
    Cost.objects.create(action=own, year=2030, amount=Decimal("5"), currency="EUR")  # outside the plan: not counted
    IndicatorFactory(workspace=world.workspace, plan=planned.plan, action=own)
    IndicatorFactory(workspace=world.workspace, plan=planned.plan, action=own)
    client = world.client("member")
    text = " ".join(text_of(client.get(_tree_url(planned))).replace("\u202f", " ").replace("\xa0", " ").split())
    assert "2017 T1 – 2020 T4" in text
    assert "Gestion des frontières" in text and str(world.theme) in text
    assert "(DST)" in text  # a supporting institution
    # 1,000,000 EUR + 1,000 EUR; in XOF: 655,957,000 as entered + 1,000 EUR × 655.957
    assert "1 001 000" in text and "656 612 957" in text
    row = text[text.index(own.title_fr) :]
    assert row.split("</tr>")[0].rstrip().endswith(">2</td>")
    assert "Résultat attendu" in text  # the level names of the EU convention, in French


def test_objective_add_takes_the_level_below_its_parent(world, planned):
    client = world.client("secretariat")
    url = reverse("planning:objective_add", args=["niger", planned.plan.slug, planned.specific.pk])
    response = client.post(url, {"title_fr": "Les postes frontières sont équipés", "code": "1.1.2", "order": 1})
    assert response.status_code == 302
    created = Objective.objects.get(code="1.1.2")
    assert created.level == "result" and created.parent == planned.specific and created.plan == planned.plan


def test_objective_add_under_a_result_leads_to_a_new_action(world, planned):
    client = world.client("secretariat")
    response = client.get(reverse("planning:objective_add", args=["niger", planned.plan.slug, planned.result.pk]))
    assert response.url == reverse("planning:action_create", args=["niger", planned.plan.slug, planned.result.pk])


def test_axis_ties_to_theme_and_sections_of_the_workspace_only(world, planned):
    own_section = SectionFactory(document=DocumentFactory(workspace=world.workspace))
    foreign_section = SectionFactory()
    client = world.client("secretariat")
    url = reverse("planning:objective_edit", args=["niger", planned.plan.slug, planned.axis.pk])
    data = {"title_fr": "Axe 1", "code": "1", "order": 0, "theme": world.theme.pk}
    before = db_snapshot()
    response = client.post(url, {**data, "sections": [foreign_section.pk]})
    assert response.status_code == 400 and db_snapshot() == before
    response = client.post(url, {**data, "sections": [own_section.pk]})
    assert response.status_code == 302
    assert list(planned.axis.sections.all()) == [own_section]


def test_objective_of_another_plan_is_not_found(world, planned):
    other_plan = PlanFactory(workspace=world.workspace)
    stranger = ObjectiveFactory(plan=other_plan)
    client = world.client("secretariat")
    response = client.get(reverse("planning:objective_edit", args=["niger", planned.plan.slug, stranger.pk]))
    assert response.status_code == 404


def test_objective_move_only_to_the_level_above(world, planned):
    specific2 = ObjectiveFactory(plan=planned.plan, level="specific", parent=planned.axis)
    client = world.client("secretariat")
    url = reverse("planning:objective_move", args=["niger", planned.plan.slug, planned.result.pk])
    before = db_snapshot()
    response = client.post(url, {"parent": planned.axis.pk})  # an axis cannot hold a result
    assert response.status_code == 400 and db_snapshot() == before
    response = client.post(url, {"parent": "x" * 30})
    assert response.status_code == 400 and db_snapshot() == before
    response = client.post(url, {"parent": specific2.pk})
    assert response.status_code == 302
    planned.result.refresh_from_db()
    assert planned.result.parent == specific2


def test_general_objective_cannot_move(world, planned):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(reverse("planning:objective_move", args=["niger", planned.plan.slug, planned.general.pk]))
    assert response.status_code == 302 and db_snapshot() == before


def test_objective_delete_takes_what_is_beneath(world, planned):
    client = world.client("secretariat")
    response = client.post(reverse("planning:objective_delete", args=["niger", planned.plan.slug, planned.specific.pk]))
    assert response.status_code == 302
    assert not Objective.objects.filter(pk__in=[planned.specific.pk, planned.result.pk]).exists()
    assert not Action.objects.filter(plan=planned.plan).exists()
    assert Objective.objects.filter(pk=planned.axis.pk).exists()


def test_objective_create_refuses_an_empty_title(world, planned):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(reverse("planning:objective_create", args=["niger", planned.plan.slug]), {"title_fr": ""})
    assert response.status_code == 400 and db_snapshot() == before
