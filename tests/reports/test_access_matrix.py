"""Role × page matrix for the results pages: every member reads the dashboard, the records behind its figures
and the PDF; the secretariat alone chooses the evidence. A refused POST changes nothing."""

import pytest
from django.urls import reverse

from cadre.reports import urls

from ..core.helpers import db_snapshot, text_of

COLUMNS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
LOGIN = "sign-in"
READ = {"GET": (200, 200, 200, 200, 200, 404, LOGIN), "POST": (405, 405, 405, 405, 405, 405, LOGIN)}
MATRIX = {
    "dashboard": READ,
    "dashboard_pdf": READ,
    "evidence_detail": READ,
    "evidence": {
        "GET": (200, 403, 403, 403, 403, 404, LOGIN),
        "POST": (302, 403, 403, 403, 403, 404, LOGIN),
    },
}


def _url(world, name):
    args = [world.workspace.slug]
    if name == "evidence_detail":
        args += [3, "knowledge_gain"]
    return reverse(f"reports:{name}", args=args)


def _status(response):
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def _payload(measured):
    """Result 1 gains the coordination measure; the others keep theirs."""
    data = {
        "result-1-measures": ["self_assessment", "coordination"],
        "result-2-measures": ["strategy_progress"],
        "result-3-measures": ["knowledge_gain"],
        "result-3-themes": [measured.theme_a.pk],
        "result-4-measures": ["knowledge_gain"],
        "result-4-themes": [measured.theme_b.pk],
        "result-5-measures": ["coordination"],
    }
    return data


def test_reports_matrix_covers_every_reports_page():
    assert {pattern.name for pattern in urls.urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("name", list(MATRIX))
def test_reports_page_get_gives_each_role_its_status(world, measured, name):
    url = _url(world, name)
    actual = {}
    for persona in COLUMNS:
        response = world.client(persona).get(url)
        actual[persona] = _status(response)
        if response.status_code in (403, 404):
            page = text_of(response)
            assert "Borders test" not in page and "Test frontières" not in page
            assert world.result.statement_fr not in page
    assert actual == dict(zip(COLUMNS, MATRIX[name]["GET"], strict=True))


@pytest.mark.parametrize("name", list(MATRIX))
def test_reports_page_post_gives_each_role_its_status_and_refusals_change_nothing(world, measured, name):
    url = _url(world, name)
    expected = dict(zip(COLUMNS, MATRIX[name]["POST"], strict=True))
    actual = {}
    for persona in sorted(COLUMNS, key=lambda p: expected[p] == 302):
        client = world.client(persona)  # signing in records the login: take the snapshot after it
        before = db_snapshot()
        response = client.post(url, _payload(measured))
        actual[persona] = _status(response)
        if actual[persona] == 302 and persona != "anonymous":
            assert db_snapshot() != before, f"{persona}'s accepted POST changed nothing"
        else:
            assert db_snapshot() == before, f"{persona}'s refused POST changed the database"
    assert actual == expected


@pytest.mark.parametrize(
    ("number", "measure"),
    [(1, "knowledge_gain"), (3, "self_assessment"), (9, "coordination"), (1, "unknown")],
)
def test_records_page_of_a_measure_not_chosen_for_the_result_is_not_found(world, measured, number, measure):
    url = reverse("reports:evidence_detail", args=[world.workspace.slug, number, measure])
    assert world.client("secretariat").get(url).status_code == 404


def test_another_workspaces_secretariat_sees_nothing_of_this_dashboard(world, measured):
    client = world.client("outsider")
    for name in MATRIX:
        response = client.get(_url(world, name))
        assert response.status_code == 404
        assert "Stratégie nationale" not in text_of(response)
