"""The export page: any member downloads the list they see, with its filters, in a fixed number of queries."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from cadre.mapping.exports import validate_iati
from cadre.mapping.models import Intervention

from .test_export_data import add_interventions, build_mapping

COLUMNS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
LOGIN = "sign-in"
EXPECTED = dict(zip(COLUMNS, (200, 200, 200, 200, 200, 404, LOGIN), strict=True))


@pytest.fixture
def mapping(world):
    return build_mapping(world)


def _url(world, **query):
    url = reverse("mapping:export", args=[world.workspace.slug])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def _status(response):
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "iati"])
def test_export_gives_each_role_its_status(world, mapping, fmt):
    url = _url(world, format=fmt)
    actual = {}
    for persona in COLUMNS:
        response = world.client(persona).get(url)
        actual[persona] = _status(response)
        if response.status_code == 404:
            assert mapping.rich.title_fr.encode() not in response.content
    assert actual == EXPECTED


@pytest.mark.parametrize(
    ("fmt", "extension", "content_type"),
    [
        ("csv", "csv", "text/csv; charset=utf-8"),
        ("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("iati", "xml", "application/xml; charset=utf-8"),
    ],
)
def test_export_is_an_attachment_named_after_the_workspace(world, mapping, fmt, extension, content_type):
    response = world.client("observer").get(_url(world, format=fmt))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="niger-interventions.{extension}"'
    if fmt == "iati":
        assert validate_iati(response.content) == []
        assert len(etree.fromstring(response.content).findall("iati-activity")) == 3


def test_export_applies_the_list_filters(world, mapping):
    client = world.client("partner")
    response = client.get(_url(world, format="csv", status="completed"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == [mapping.rich.iati_identifier]
    response = client.get(_url(world, format="iati", area=mapping.regions["NE-5"].pk))
    identifiers = [a.findtext("iati-identifier") for a in etree.fromstring(response.content).iter("iati-activity")]
    assert identifiers == [mapping.rich.iati_identifier]
    response = client.get(_url(world, format="csv", status="no-such-status", theme="x"))  # invalid filters: dropped
    assert len(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))) == 4


def test_export_of_another_workspace_shows_nothing_of_it(world, mapping):
    Intervention.objects.create(workspace=world.other_workspace, title_fr="Ailleurs", planned_start="2017-01-01")
    response = world.client("secretariat").get(_url(world, format="csv"))
    assert "Ailleurs" not in response.content.decode("utf-8-sig")
    other = reverse("mapping:export", args=[world.other_workspace.slug]) + "?format=csv"
    assert world.client("observer").get(other).status_code == 404


def test_export_refuses_an_unknown_format_with_a_message(world, mapping):
    for query in ({"format": "pdf"}, {}):
        response = world.client("secretariat").get(_url(world, **query))
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        assert "csv, xlsx" in response.content.decode()


def test_export_of_an_empty_list_as_iati_is_refused_with_a_message(world):
    response = world.client("secretariat").get(_url(world, format="iati"))
    assert response.status_code == 400
    assert response.content.decode().strip()
    assert world.client("secretariat").get(_url(world, format="csv")).status_code == 200


def test_export_says_how_many_interventions_iati_left_out(world, mapping):
    Intervention.objects.create(workspace=world.workspace, title_fr="Sans acteur", planned_start="2017-01-01")
    response = world.client("secretariat").get(_url(world, format="iati"))
    assert response.status_code == 200
    assert response["X-Cadre-Left-Out"] == "1"
    assert "X-Cadre-Left-Out" not in world.client("secretariat").get(_url(world, format="csv"))


def test_export_refuses_post(world, mapping):
    assert world.client("secretariat").post(_url(world, format="csv")).status_code == 405


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "iati"])
def test_export_runs_a_fixed_number_of_queries(world, fmt):
    client = world.client("member")
    url = _url(world, format=fmt)
    add_interventions(world, 1)
    client.get(url)
    few = _count(client, url)
    add_interventions(world, 4, start=1)
    many = _count(client, url)
    assert many == few, f"{fmt}: {few} queries with one intervention, {many} with five"


def _count(client, url):
    cache.clear()  # the mapping caches its figures: count the queries that compute them
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)
