"""Role × page matrix for the indicator pages and the results import; a refused POST changes nothing; the list's
query count does not grow with its rows."""

from datetime import date as D

import pytest
from django.urls import reverse

from cadre.planning import urls_indicators
from cadre.planning.models import Indicator, Measurement, Target

from ..core.helpers import db_snapshot, french
from ..factories import InstitutionFactory
from .factories import IndicatorFactory

COLUMNS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
LOGIN = "sign-in"
READ = {"GET": (200, 200, 200, 200, 200, 404, LOGIN)}
EDIT = {
    "GET": (200, 403, 403, 403, 403, 404, LOGIN),
    "POST": (302, 403, 403, 403, 403, 404, LOGIN),
}
MATRIX = {
    "indicators": READ,
    "indicator": READ,
    "indicator_create": EDIT,
    "indicator_edit": EDIT,
    "indicator_delete": EDIT,
    "results_import": {
        "GET": (200, 403, 403, 403, 403, 404, LOGIN),
        "POST": (302, 403, 403, 403, 403, 404, LOGIN),  # to the page of the queued import
    },
    "results_import_run": {"GET": (200, 403, 403, 403, 403, 404, LOGIN)},
}


def _url(world, planned, name):
    ws, plan = world.workspace.slug, planned.plan.slug
    if name == "results_import":
        return reverse("planning:results_import", args=[ws])
    if name == "results_import_run":
        from cadre.planning.models import ResultsImport

        run = ResultsImport.objects.create(workspace=world.workspace, file_name="r.csv", status="done")
        return reverse("planning:results_import_run", args=[ws, run.pk])
    if name in ("indicator", "indicator_edit", "indicator_delete"):
        return reverse(f"planning:{name}", args=[ws, plan, planned.own_indicator.pk])
    return reverse(f"planning:{name}", args=[ws, plan])


def indicator_payload(planned, **changes):
    data = {
        "measures": f"objective:{planned.result.pk}",
        "code": "I.9",
        "definition_fr": "Nombre de postes frontières équipés",
        "definition_en": "",
        "kind": "number",
        "unit": "postes",
        "baseline_value": "3",
        "baseline_year": "2016",
        "means_of_verification": "Rapports de la DST",
        "frequency": "annual",
        "responsible_institution": planned.other_institution.pk,
        "custom_rows": "2",
        "target_2017": "5",
        "target_2021": "12,5",
    }
    data.update(changes)
    return data


def _payload(world, planned, name):
    if name == "results_import":
        from django.core.files.uploadedfile import SimpleUploadedFile

        head = "iati_id,result_type,title,period_start,period_end,target,actual\n"
        return {"file": SimpleUploadedFile("r.csv", (head + "X-1,R,Titre,,,,\n").encode(), "text/csv")}
    if name in ("indicator_create", "indicator_edit"):
        return indicator_payload(planned)
    return {}


def _status(response):
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def test_matrix_covers_every_indicator_page():
    assert {p.name for p in urls_indicators.urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("name", list(MATRIX))
def test_indicator_page_get_gives_each_role_its_status(world, planned, name):
    url = _url(world, planned, name)
    actual = {}
    for persona in COLUMNS:
        response = world.client(persona).get(url)
        actual[persona] = _status(response)
        if response.status_code == 404:
            assert planned.own_indicator.definition_fr not in response.content.decode()
        if response.status_code == 403:
            assert f"<h1>{french('Not allowed')}</h1>" in response.content.decode()
    assert actual == dict(zip(COLUMNS, MATRIX[name]["GET"], strict=True))


@pytest.mark.parametrize("name", [name for name, rows in MATRIX.items() if "POST" in rows])
def test_indicator_page_post_gives_each_role_its_status_and_refusals_change_nothing(world, planned, name):
    url = _url(world, planned, name)
    expected = dict(zip(COLUMNS, MATRIX[name]["POST"], strict=True))
    actual = {}
    for persona in sorted(COLUMNS, key=lambda p: expected[p] in (200, 302)):
        client = world.client(persona)
        before = db_snapshot()
        response = client.post(url, _payload(world, planned, name))
        actual[persona] = _status(response)
        if actual[persona] in (403, 404, LOGIN):
            assert db_snapshot() == before, f"{persona}'s refused POST changed the database"
        elif name != "results_import":
            assert db_snapshot() != before, f"{persona}'s accepted POST changed nothing"
    assert actual == expected


def test_indicator_of_another_plan_is_not_found(world, planned):
    other = IndicatorFactory(workspace=world.workspace, plan=None)
    url = reverse("planning:indicator", args=[world.workspace.slug, planned.plan.slug, other.pk])
    assert world.client("secretariat").get(url).status_code == 404


def test_indicator_list_query_count_does_not_grow_with_rows(world, planned, django_assert_max_num_queries):
    client = world.client("observer")
    url = reverse("planning:indicators", args=[world.workspace.slug, planned.plan.slug])
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    for number in range(30):
        indicator = IndicatorFactory(
            workspace=world.workspace,
            plan=planned.plan,
            action=planned.own_action if number % 2 else None,
            objective=None if number % 2 else planned.specific,
            responsible_institution=InstitutionFactory(),
        )
        Target.objects.create(indicator=indicator, period_start=D(2017, 1, 1), period_end=D(2017, 12, 31), value=number)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url + "?smart=warnings")
    assert response.status_code == 200
    assert Indicator.objects.filter(plan=planned.plan).count() == 32


def test_observer_sees_no_edit_control(world, planned):
    url = reverse("planning:indicator", args=[world.workspace.slug, planned.plan.slug, planned.own_indicator.pk])
    edit = reverse("planning:indicator_edit", args=[world.workspace.slug, planned.plan.slug, planned.own_indicator.pk])
    assert edit not in world.client("observer").get(url).content.decode()
    assert edit in world.client("secretariat").get(url).content.decode()


def test_indicator_with_reported_values_cannot_be_deleted(world, planned):
    Measurement.objects.create(
        indicator=planned.own_indicator, period_start="2017-01-01", period_end="2017-12-31", value=3
    )
    url = _url(world, planned, "indicator_delete")
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url)
    assert response.status_code == 400
    assert db_snapshot() == before
