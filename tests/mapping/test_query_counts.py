"""Mapping list pages run a fixed number of queries, whatever the number of interventions."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.mapping.models import MappingInterview

from ..factories import InstitutionFactory
from .conftest import make_intervention

PAGES = ["interventions", "matrix", "charts", "duplicates", "interviews"]


def _count(client, url):
    cache.clear()  # the mapping caches its figures: count the queries that compute them
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("query", ["", "?status=ongoing", "?q=projet"])
def test_mapping_list_page_query_count_does_not_grow(world, mapped, page, query):
    client = world.client("partner")
    url = reverse(f"mapping:{page}", args=[world.workspace.slug]) + query
    _add(world, mapped, range(2))
    make_intervention(world.workspace, title="Projet 0 de protection", status="ongoing")  # a duplicate
    client.get(url)
    few = _count(client, url)
    _add(world, mapped, range(2, 8))
    many = _count(client, url)
    assert many == few, f"{url}: {few} queries with few interventions, {many} with more"


def _add(world, mapped, indexes):
    for index in indexes:
        implementer, funder = InstitutionFactory(), InstitutionFactory()
        intervention = make_intervention(
            world.workspace,
            title=f"Projet {index} de protection",
            implementers=[implementer],
            funders=[funder],
            regions=[mapped.regions["NE-5"], mapped.regions["NE-7"]],
            themes=[world.theme],
            budget=Decimal(5000),
            status="ongoing",
            parent=mapped.other if index % 2 else None,
        )
        MappingInterview.objects.create(workspace=world.workspace, institution=implementer, status="done")
        intervention.confirmed_in.add(MappingInterview.objects.get(institution=implementer))
