"""The places page: regions with their border posts and flow-monitoring points, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.directory.models import AdminArea

from ..core.helpers import french, text_of
from ..factories import CountryFactory, RegionFactory

URL = reverse("directory:places")


def _post(region, name, kind=AdminArea.Kind.BORDER_POST, **fields):
    return AdminArea.objects.create(
        country=region.country if region else CountryFactory(), kind=kind, name=name, region=region, **fields
    )


@pytest.fixture
def agadez(world):
    region = RegionFactory(code="NE-1", name="Agadez")
    algeria = CountryFactory(code="DZ", name_fr="Algérie", name_en="Algeria")
    _post(region, "Assamaka", borders=algeria)
    _post(region, "Séguédine", kind=AdminArea.Kind.FLOW_MONITORING_POINT, active_from=datetime.date(2016, 1, 1))
    return region


def test_places_lists_regions_with_their_border_posts_and_monitoring_points(world, agadez):
    content = text_of(world.client("observer").get(URL))
    assert f"<h1>{french('Places')}</h1>" in content
    row = content.split("<strong>Agadez</strong>", 1)[1].split("</tr>", 1)[0]
    assert "NE-1" in row and "Assamaka" in row and "(Algérie)" in row
    assert "Séguédine" in row and "2016" in row


def test_places_lists_places_without_a_known_region_apart(world, agadez):
    nigeria = CountryFactory(code="NG", name_fr="Nigeria", name_en="Nigeria")
    AdminArea.objects.create(
        country=agadez.country, kind=AdminArea.Kind.BORDER_POST, name="Eroufa", region=None, borders=nigeria
    )
    content = text_of(world.client("observer").get(URL))
    unplaced = content.split(f"<h2>{french('Places whose region is not recorded')}</h2>", 1)[1]
    assert "Eroufa" in unplaced and "(Nigeria)" in unplaced
    assert "Assamaka" not in unplaced


def test_places_in_english_names_countries_in_english(world, agadez):
    client = world.client("observer")
    client.cookies["django_language"] = "en"
    content = text_of(client.get(URL))
    assert "<h1>Places</h1>" in content and "(Algeria)" in content


def test_places_needs_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_places_query_count_does_not_grow_with_places(world, agadez):
    client = world.client("observer")
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for index in range(2, 6):
        region = RegionFactory(code=f"NE-{index}", name=f"Région {index}")
        neighbour = CountryFactory(code=f"X{index}", name_fr=f"Voisin {index}", name_en=f"Neighbour {index}")
        _post(region, f"Poste {index}", borders=neighbour)
        _post(region, f"Point {index}", kind=AdminArea.Kind.FLOW_MONITORING_POINT)
        AdminArea.objects.create(country=region.country, kind=AdminArea.Kind.TOWN, name=f"Ville {index}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert "Poste 5" in text_of(response)
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
