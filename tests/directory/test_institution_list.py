"""The institutions directory: search, filters, pagination that keeps them, the htmx partial, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cadre.directory.models import Institution

from ..core.helpers import element_text, element_tokens
from ..factories import CountryFactory, InstitutionFactory

URL = reverse("directory:institutions")


@pytest.fixture
def directory(world):
    """A few institutions around the world fixture's ministry: national, foreign, international, ended."""
    today = timezone.localdate()
    france = CountryFactory(code="FR", name_fr="France", name_en="France")
    return {
        "anltp": InstitutionFactory(
            name_fr="Agence nationale de lutte contre la traite des personnes",
            name_en="National Agency to Combat Trafficking in Persons",
            acronym="ANLTP/TIM",
            kind=Institution.Kind.AGENCY,
        ),
        "police": InstitutionFactory(
            name_fr="Police nationale", name_en="National Police", acronym="", kind=Institution.Kind.SECURITY_FORCE
        ),
        "iom": InstitutionFactory(
            name_fr="Organisation internationale pour les migrations",
            name_en="International Organization for Migration",
            acronym="OIM",
            kind=Institution.Kind.INTERNATIONAL_ORGANISATION,
            country=None,
        ),
        "afd": InstitutionFactory(
            name_fr="Agence française de développement",
            name_en="French Development Agency",
            acronym="AFD",
            kind=Institution.Kind.DONOR,
            country=france,
        ),
        "eucap": InstitutionFactory(
            name_fr="EUCAP Sahel Niger",
            name_en="EUCAP Sahel Niger",
            acronym="EUCAP",
            kind=Institution.Kind.INTERNATIONAL_ORGANISATION,
            country=None,
            active_to=today - datetime.timedelta(days=30),
        ),
        "future": InstitutionFactory(
            name_fr="Observatoire futur",
            acronym="OF",
            kind=Institution.Kind.RESEARCH,
            active_from=today + datetime.timedelta(days=30),
        ),
    }


def _names(client, query=""):
    """The French names listed, in order (the first column of the results table)."""
    response = client.get(URL + query)
    assert response.status_code == 200
    return [institution.name_fr for institution in response.context["page"].object_list]


def test_institution_list_search_by_name_in_either_language(world, directory):
    client = world.client("observer")
    assert _names(client, "?q=police") == ["Police nationale"]
    assert _names(client, "?q=Development+Agency") == ["Agence française de développement"]


def test_institution_list_search_by_acronym(world, directory):
    client = world.client("observer")
    assert _names(client, "?q=oim") == ["Organisation internationale pour les migrations"]
    assert _names(client, "?q=ANLTP") == ["Agence nationale de lutte contre la traite des personnes"]


def test_institution_list_search_result_rendered(world, directory):
    response = world.client("observer").get(URL + "?q=OIM")
    text = element_text(response.content.decode(), "results")
    assert "Organisation internationale pour les migrations" in text and "OIM" in text
    assert "Police nationale" not in text


def test_institution_list_filter_by_type(world, directory):
    names = _names(world.client("observer"), "?kind=international_organisation")
    assert names == ["EUCAP Sahel Niger", "Organisation internationale pour les migrations"]


def test_institution_list_filter_by_country(world, directory):
    assert _names(world.client("observer"), "?country=FR") == ["Agence française de développement"]


def test_institution_list_filter_international_means_no_country(world, directory):
    names = _names(world.client("observer"), "?country=international")
    assert names == ["EUCAP Sahel Niger", "Organisation internationale pour les migrations"]
    assert all(Institution.objects.get(name_fr=name).country_id is None for name in names)


def test_institution_list_filter_by_status(world, directory):
    client = world.client("observer")
    active = _names(client, "?status=active")
    assert "EUCAP Sahel Niger" not in active and "Observatoire futur" not in active
    assert "Police nationale" in active and "Ministère de l'Intérieur" in active
    assert _names(client, "?status=ended") == ["EUCAP Sahel Niger"]


def test_institution_list_filters_combine(world, directory):
    client = world.client("observer")
    assert _names(client, "?kind=international_organisation&status=active&q=migr") == [
        "Organisation internationale pour les migrations"
    ]
    assert _names(client, "?kind=donor&country=international") == []


def test_institution_list_international_shown_as_such(world, directory):
    response = world.client("observer").get(URL + "?q=OIM")
    assert ">international</td>" in response.content.decode()  # the country column; same word in French


def test_institution_list_country_filter_offers_only_countries_with_institutions(world, directory):
    CountryFactory(code="ML", name_fr="Mali", name_en="Mali")
    content = world.client("observer").get(URL).content.decode()
    assert '<option value="FR">France</option>' in content and 'value="ML"' not in content


def test_institution_list_pagination_keeps_filters(world):
    for index in range(55):
        InstitutionFactory(name_fr=f"Direction régionale {index:02d}", acronym="", kind=Institution.Kind.DIRECTORATE)
    InstitutionFactory(name_fr="Direction hors filtre", kind=Institution.Kind.AGENCY)
    client = world.client("observer")
    first = client.get(URL + "?q=Direction&kind=directorate")
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count == 55
    content = first.content.decode()
    assert 'href="?q=Direction&amp;kind=directorate&amp;page=2"' in content
    second = _names(client, "?q=Direction&kind=directorate&page=2")
    assert second == [f"Direction régionale {index:02d}" for index in range(50, 55)]


def test_institution_list_needs_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["secretariat", "outsider"])
def test_institution_list_offers_adding_to_secretariat_of_any_workspace(world, persona):
    content = world.client(persona).get(URL).content.decode()
    assert f'href="{reverse("directory:institution_create")}"' in content


@pytest.mark.parametrize("persona", ["member", "expert", "partner", "observer"])
def test_institution_list_hides_adding_from_other_roles(world, persona):
    content = world.client(persona).get(URL).content.decode()
    assert reverse("directory:institution_create") not in content


def test_institution_list_htmx_request_returns_the_results_of_the_full_page(world, directory):
    client = world.client("observer")
    query = "?kind=international_organisation&q=a"
    full = client.get(URL + query).content.decode()
    partial = client.get(URL + query, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "<body" not in partial and "<form" not in partial
    assert partial.strip().startswith('<div id="results"')
    assert "EUCAP Sahel Niger" in partial
    assert element_tokens(partial, "results") == element_tokens(full, "results")


def test_institution_list_query_count_does_not_grow_with_institutions(world, directory):
    client = world.client("secretariat")
    client.get(URL)  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for index in range(5):
        parent = InstitutionFactory(name_fr=f"Ministère {index}", country=CountryFactory(code=f"Q{index}"))
        InstitutionFactory(name_fr=f"Direction {index}", parent=parent, country=None)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert response.context["page"].paginator.count >= 17
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


def test_institution_list_unknown_filter_value_keeps_the_search_text(world, directory):
    assert _names(world.client("observer"), "?q=police&country=ZZ") == ["Police nationale"]
