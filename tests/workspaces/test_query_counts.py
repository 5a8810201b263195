"""List pages run a fixed number of queries, whatever the number of rows (the pretalx convention).

Each test counts the queries of a page with one item, adds several more (with the relations the page shows),
counts again, and requires the same number.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.core.audit import acting_as
from cadre.workspaces.models import WorkplanActivity
from cadre.workspaces.roles import Role

from ..factories import (
    ActivityFactory,
    CountryFactory,
    ExpertFactory,
    InstitutionFactory,
    MembershipFactory,
    ResultFactory,
    ThemeFactory,
    WorkspaceFactory,
)


def _count(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), response


def _assert_same_count(client, url, add_more, check=None):
    client.get(url)  # first request: session, content types and other per-process caches
    few, _response = _count(client, url)
    add_more()
    many, response = _count(client, url)
    if check:
        check(response)
    assert many == few, f"{few} queries with one item, {many} with more"


def _more_workplan(world):
    workspace = world.workspace
    countries = [CountryFactory(code=code, name_fr=code, name_en=code) for code in ("BE", "ES", "SN")]
    for number in range(2, 6):
        theme = ThemeFactory(workspace=workspace)
        expert = ExpertFactory(workspace=workspace, country=countries[number % 3])
        expert.person.institution = InstitutionFactory()
        expert.person.save()
        activity = ActivityFactory(workspace=workspace, number=number, description_fr="Une **description**.")
        activity.themes.add(theme, world.theme)
        activity.experts.add(expert, world.expert)
        ResultFactory(workspace=workspace, number=number, measurement_fr="Mesure")
    world.activity.experts.add(world.expert)
    workspace.expert_countries.add(*countries)
    workspace.co_requesters.add(InstitutionFactory(), InstitutionFactory())


def test_my_workspaces_query_count_does_not_grow_with_workspaces(world):
    client = world.client("member")

    def add_more():
        for _index in range(4):
            MembershipFactory(
                user=world.users["member"],
                workspace=WorkspaceFactory(country=CountryFactory(code="ML")),
                role=Role.OBSERVER,
                institution=InstitutionFactory(),
            )

    def check(response):
        assert len(response.context["memberships"]) == 5

    _assert_same_count(client, reverse("workspaces:mine"), add_more, check)


@pytest.mark.parametrize("persona", ["secretariat", "observer"])
def test_overview_query_count_does_not_grow_with_activities_results_and_experts(world, persona):
    def check(response):
        assert len(response.context["activities"]) == 5 and len(response.context["results"]) == 5

    _assert_same_count(world.client(persona), world.workspace.get_absolute_url(), lambda: _more_workplan(world), check)


@pytest.mark.parametrize("persona", ["secretariat", "observer"])
def test_workplan_query_count_does_not_grow_with_activities_results_and_experts(world, persona):
    def check(response):
        assert len(response.context["activities"]) == 5 and len(response.context["experts"]) == 5

    url = reverse("workspaces:workplan", args=[world.workspace.slug])
    _assert_same_count(world.client(persona), url, lambda: _more_workplan(world), check)


@pytest.mark.parametrize("query", ["", "?past=1"])
def test_members_query_count_does_not_grow_with_members(world, query):
    def add_more():
        for role in [Role.MEMBER, Role.EXPERT, Role.PARTNER, Role.OBSERVER]:
            MembershipFactory(workspace=world.workspace, role=role, institution=InstitutionFactory())

    def check(response):
        assert len(response.context["members"]) == 9

    url = reverse("workspaces:members", args=[world.workspace.slug]) + query
    _assert_same_count(world.client("secretariat"), url, add_more, check)


def test_history_query_count_does_not_grow_with_events(world):
    def add_more():
        for persona in ["secretariat", "member", "expert"]:  # events by several people: a longer filter menu
            with acting_as(world.users[persona]):
                if persona == "secretariat":
                    _more_workplan(world)
                activity = WorkplanActivity.objects.get(pk=world.activity.pk)
                activity.title_en = f"Renamed by {persona}"
                activity.save()
        MembershipFactory(workspace=world.workspace, role=Role.MEMBER)

    def check(response):
        assert len(response.context["page"].object_list) >= 30
        assert len(response.context["actors"]) == 3 and len(response.context["types"]) >= 5

    url = reverse("workspaces:history", args=[world.workspace.slug])
    _assert_same_count(world.client("secretariat"), url, add_more, check)


def test_history_query_count_with_filters_does_not_grow(world):
    from django.contrib.contenttypes.models import ContentType

    activity_type = ContentType.objects.get_for_model(WorkplanActivity)
    url = reverse("workspaces:history", args=[world.workspace.slug]) + f"?type={activity_type.pk}"
    _assert_same_count(world.client("secretariat"), url, lambda: _more_workplan(world))
