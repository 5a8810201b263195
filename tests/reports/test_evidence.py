"""The secretariat chooses which measures show each expected result; a wrong choice changes nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from cadre.core.models import AuditEvent
from cadre.reports import services
from cadre.reports.models import Evidence

from ..core.helpers import db_snapshot, text_of
from ..factories import ResultFactory, ThemeFactory


def fr(msgid, **params):
    with translation.override("fr"):
        text = translation.gettext(msgid)
    return text % params if params else text


def _url(world):
    return reverse("reports:evidence", args=[world.workspace.slug])


def _chosen(result):
    return {
        evidence.measure: sorted(theme.pk for theme in evidence.themes.all())
        for evidence in Evidence.objects.filter(expected_result=result)
    }


@pytest.fixture
def results(world):
    return {1: world.result, 2: ResultFactory(workspace=world.workspace, number=2)}


def test_evidence_page_shows_the_current_choice_ticked(world, results):
    evidence = Evidence.objects.create(expected_result=results[2], measure=Evidence.Measure.KNOWLEDGE_GAIN)
    evidence.themes.add(world.theme)
    html = text_of(world.client("secretariat").get(_url(world)))
    assert 'name="result-2-measures" value="knowledge_gain" id="id_result-2-measures_2" checked' in html
    assert f'name="result-2-themes" value="{world.theme.pk}" id="id_result-2-themes_0" checked' in html
    assert 'name="result-1-measures" value="knowledge_gain" id="id_result-1-measures_2" checked' not in html


def test_saving_the_evidence_records_it_as_the_secretariats_change(world, results):
    response = world.client("secretariat").post(
        _url(world),
        {
            "result-1-measures": ["self_assessment", "coordination"],
            "result-2-measures": ["knowledge_gain"],
            "result-2-themes": [world.theme.pk],
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("reports:dashboard", args=[world.workspace.slug])
    assert _chosen(results[1]) == {"self_assessment": [], "coordination": []}
    assert _chosen(results[2]) == {"knowledge_gain": [world.theme.pk]}
    events = AuditEvent.objects.filter(workspace_id=world.workspace.pk, content_type__model="evidence")
    assert events.count() >= 3 and {event.actor_id for event in events} == {world.users["secretariat"].pk}


def test_unticking_a_measure_removes_it_and_themes_can_be_cleared(world, results):
    evidence = Evidence.objects.create(expected_result=results[2], measure=Evidence.Measure.KNOWLEDGE_GAIN)
    evidence.themes.add(world.theme)
    Evidence.objects.create(expected_result=results[1], measure=Evidence.Measure.COORDINATION)
    world.client("secretariat").post(_url(world), {"result-2-measures": ["knowledge_gain"]})
    assert _chosen(results[1]) == {}
    assert _chosen(results[2]) == {"knowledge_gain": []}  # none ticked: every theme counts


def test_saving_the_same_choice_changes_nothing(world, results):
    Evidence.objects.create(expected_result=results[1], measure=Evidence.Measure.COORDINATION)
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_url(world), {"result-1-measures": ["coordination"]}, follow=True)
    assert db_snapshot() == before
    assert fr("Nothing was changed.") in text_of(response)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"result-1-measures": ["beauty"]}, "Unknown measure: %(value)s."),
        ({"result-1-measures": ["knowledge_gain"], "result-1-themes": ["other"]}, None),
        (
            {"result-1-measures": ["coordination"], "result-1-themes": ["own"]},
            "Themes count only for the knowledge gain: tick that measure or untick the themes.",
        ),
    ],
)
def test_wrong_choice_is_explained_and_changes_nothing(world, results, data, message):
    other_theme = ThemeFactory(workspace=world.other_workspace)
    data = {
        key: [{"own": world.theme.pk, "other": other_theme.pk}.get(value, value) for value in values]
        for key, values in data.items()
    }
    Evidence.objects.create(expected_result=results[2], measure=Evidence.Measure.STRATEGY_PROGRESS)
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_url(world), {**data, "result-2-measures": ["coordination"]})
    assert response.status_code == 400
    assert db_snapshot() == before  # not even result 2's valid change is applied
    html = text_of(response)
    if message is None:
        message = fr("This theme is not one of this workspace's themes.")
    else:
        message = fr(message, value="beauty") if "%(value)s" in message else fr(message)
    assert message in html


def test_service_refuses_a_theme_of_another_workspace(world, results):
    other_theme = ThemeFactory(workspace=world.other_workspace)
    before = db_snapshot()
    with pytest.raises(services.ValidationError):
        services.set_evidence(
            results[1], measures=["knowledge_gain"], themes=[other_theme], by=world.users["secretariat"]
        )
    assert db_snapshot() == before


def test_evidence_page_without_results_says_where_to_add_them(world):
    world.result.delete()
    html = text_of(world.client("secretariat").get(_url(world)))
    assert fr("No expected result recorded yet: add them to the workplan first.") in html
