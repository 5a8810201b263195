"""Editing the workplan: what the secretariat can save, and invalid input refused in French with nothing changed."""

import pytest
from django.urls import reverse
from django.utils.text import capfirst

from cadre.workspaces.models import ExpectedResult, Expert, Theme, WorkplanActivity, Workspace

from ..core.helpers import db_snapshot, element_text, french, text_of
from ..factories import ActivityFactory, ExpertFactory, PersonFactory, ThemeFactory
from .test_access_matrix import _activity_data, _workspace_data


def _url(world, name, *args):
    return reverse(f"workspaces:{name}", args=[world.workspace.slug, *args])


def _refused(world, url, data, message, **params):
    """POST by the secretariat; asserts a 400 with the French message and an unchanged database."""
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url, data)
    assert response.status_code == 400
    content = text_of(response)
    assert '<html lang="fr">' in content
    assert french(message, **params) in content
    assert db_snapshot() == before
    return content


def test_activity_create_with_planned_end_before_start_refused(world):
    data = _activity_data(world, number=2, planned_start="2016-09-16", planned_end="2016-09-12")
    _refused(world, _url(world, "activity_create"), data, "The planned end is before the planned start.")


def test_activity_edit_with_planned_end_before_start_refused(world):
    data = _activity_data(world, planned_start="2016-09-16", planned_end="2016-09-12")
    content = _refused(world, _url(world, "activity_edit", 1), data, "The planned end is before the planned start.")
    assert 'value="2016-09-16"' in content  # the user's input is shown again, not lost


def test_activity_create_with_a_number_already_used_refused(world):
    data = _activity_data(world, title_en="Another")
    _refused(
        world, _url(world, "activity_create"), data, "Activity %(number)s already exists in this workplan.", number=1
    )


def test_activity_edit_to_a_number_already_used_refused(world):
    ActivityFactory(workspace=world.workspace, number=2)
    data = _activity_data(world, number=2)
    _refused(
        world, _url(world, "activity_edit", 1), data, "Activity %(number)s already exists in this workplan.", number=2
    )


def test_activity_number_used_in_another_workspace_is_free(world):
    ActivityFactory(workspace=world.other_workspace, number=2)
    response = world.client("secretariat").post(_url(world, "activity_create"), _activity_data(world, number=2))
    assert response.status_code == 302
    assert WorkplanActivity.objects.filter(workspace=world.workspace, number=2).exists()


def test_activity_marked_done_without_actual_dates_refused(world):
    data = _activity_data(world, status="done")
    _refused(world, _url(world, "activity_edit", 1), data, "An activity marked done needs its actual dates.")


def test_activity_actual_end_before_actual_start_refused(world):
    data = _activity_data(world, actual_start="2016-09-16", actual_end="2016-09-12")
    _refused(world, _url(world, "activity_edit", 1), data, "The actual end is before the actual start.")


def test_activity_with_missing_required_fields_refused(world):
    _refused(world, _url(world, "activity_create"), {"number": 3}, "This field is required.")


def test_activity_cannot_be_tagged_with_another_workspaces_theme(world):
    foreign = ThemeFactory(workspace=world.other_workspace)
    content = _refused(
        world,
        _url(world, "activity_edit", 1),
        _activity_data(world, themes=[foreign.pk]),
        "Select a valid choice. %(value)s is not one of the available choices.",
        value=foreign.pk,
    )
    assert foreign.name_fr not in content


def test_activity_cannot_list_another_workspaces_expert(world):
    foreign = ExpertFactory(workspace=world.other_workspace)
    _refused(
        world,
        _url(world, "activity_edit", 1),
        _activity_data(world, experts=[foreign.pk]),
        "Select a valid choice. %(value)s is not one of the available choices.",
        value=foreign.pk,
    )


def test_activity_form_offers_only_this_workspaces_themes_and_experts(world):
    foreign_theme = ThemeFactory(workspace=world.other_workspace, name_fr="Thème étranger")
    foreign_expert = ExpertFactory(workspace=world.other_workspace)
    content = text_of(world.client("secretariat").get(_url(world, "activity_create")))
    assert f'name="themes" value="{world.theme.pk}"' in content
    assert f'name="themes" value="{foreign_theme.pk}"' not in content and "Thème étranger" not in content
    assert f'name="experts" value="{world.expert.pk}"' in content
    assert f'name="experts" value="{foreign_expert.pk}"' not in content


def test_activity_create_with_themes_and_experts_saved(world):
    second = ThemeFactory(workspace=world.workspace)
    data = _activity_data(
        world,
        number=2,
        kind="drafting_session",
        title_fr="Session de rédaction",
        title_en="Drafting session",
        description_fr="Sections **3** et 4.",
        themes=[world.theme.pk, second.pk],
        experts=[world.expert.pk],
        status="done",
        actual_start="2016-09-12",
        actual_end="2016-09-14",
    )
    response = world.client("secretariat").post(_url(world, "activity_create"), data)
    assert response.url == _url(world, "workplan")
    activity = WorkplanActivity.objects.get(workspace=world.workspace, number=2)
    assert set(activity.themes.all()) == {world.theme, second} and list(activity.experts.all()) == [world.expert]
    assert (activity.status, activity.actual_end.isoformat()) == ("done", "2016-09-14")
    page = world.client("observer").get(_url(world, "workplan")).content.decode()
    assert "Sections <strong>3</strong> et 4." in page  # description rendered as Markdown


def test_activity_delete_asks_for_confirmation_then_deletes(world):
    client = world.client("secretariat")
    page = text_of(client.get(_url(world, "activity_delete", 1)))
    assert french("Delete “%(name)s”?", name=str(world.activity)) in page
    assert WorkplanActivity.objects.filter(pk=world.activity.pk).exists()
    response = client.post(_url(world, "activity_delete", 1))
    assert response.url == _url(world, "workplan")
    assert not WorkplanActivity.objects.filter(pk=world.activity.pk).exists()


def test_theme_delete_keeps_the_activities_it_tagged(world):
    other = ThemeFactory(workspace=world.workspace)
    world.activity.themes.add(other)
    world.client("secretariat").post(_url(world, "theme_delete", world.theme.code))
    activity = WorkplanActivity.objects.get(pk=world.activity.pk)
    assert list(activity.themes.all()) == [other]


def test_result_create_with_a_number_already_used_refused(world):
    _refused(
        world,
        _url(world, "result_create"),
        {"number": 1, "statement_fr": "Doublon", "statement_en": "Duplicate"},
        "Result %(number)s already exists.",
        number=1,
    )


def test_theme_create_with_a_code_already_used_refused(world):
    _refused(
        world,
        _url(world, "theme_create"),
        {"order": 3, "code": world.theme.code, "name_fr": "Doublon", "name_en": "Duplicate"},
        "Another theme of this workspace already has this code.",
    )


def test_theme_framework_tags_typed_as_comma_separated_text(world):
    world.client("secretariat").post(
        _url(world, "theme_create"),
        {"order": 3, "code": "return", "name_fr": "Retour", "name_en": "Return", "framework_tags": " GCM-21, ,GCM-5 "},
    )
    assert Theme.objects.get(workspace=world.workspace, code="return").framework_tags == ["GCM-21", "GCM-5"]


def test_expert_added_twice_refused(world):
    _refused(
        world,
        _url(world, "expert_create"),
        {"person": world.expert.person_id, "country": world.expert.country_id},
        "This person is already an expert of this workspace.",
    )


def test_expert_create_saved(world):
    person = PersonFactory(full_name="Expert démo")
    world.client("secretariat").post(
        _url(world, "expert_create"),
        {"person": person.pk, "country": world.expert.country_id, "expertise_fr": "Retour", "expertise_en": "Return"},
    )
    assert Expert.objects.get(workspace=world.workspace, person=person).expertise_fr == "Retour"


def test_key_facts_with_end_before_start_refused(world):
    data = _workspace_data(world, start_date="2017-04-30", end_date="2016-06-01")
    _refused(world, _url(world, "edit"), data, "The end is before the start.")


def test_key_facts_with_unknown_thematic_area_refused(world):
    data = _workspace_data(world, thematic_area_codes=["astrology"])
    _refused(
        world,
        _url(world, "edit"),
        data,
        "Select a valid choice. %(value)s is not one of the available choices.",
        value="astrology",
    )


def test_key_facts_saved_and_shown_on_the_overview(world):
    data = _workspace_data(
        world,
        title_fr="Niger : migration irrégulière",
        programme="MIEUX",
        reference="MIEUX 95",
        thematic_area_codes=["irregular_migration", "border_management"],
        expert_countries=[world.expert.country_id],
        co_requesters=[world.institution.pk],
    )
    response = world.client("secretariat").post(_url(world, "edit"), data)
    assert response.url == world.workspace.get_absolute_url()
    workspace = Workspace.objects.get(pk=world.workspace.pk)
    assert workspace.thematic_area_codes == ["irregular_migration", "border_management"]
    content = text_of(world.client("observer").get(workspace.get_absolute_url()))
    facts = element_text(content, "main")
    assert "Niger : migration irrégulière" in facts and "Programme MIEUX Référence MIEUX 95" in facts
    assert f"{capfirst(french('irregular migration'))}, {french('border management')}" in facts
    assert "France" in facts


def test_result_edit_saved(world):
    world.client("secretariat").post(
        _url(world, "result_edit", 1),
        {
            "number": 1,
            "statement_fr": "Capacités renforcées",
            "statement_en": "Capacities enhanced",
            "measurement_fr": "Auto-évaluation",
        },
    )
    result = ExpectedResult.objects.get(pk=world.result.pk)
    assert (result.statement_fr, result.measurement_fr) == ("Capacités renforcées", "Auto-évaluation")


@pytest.mark.parametrize("name", ["activity_edit", "activity_delete", "result_edit", "result_delete"])
def test_unknown_number_not_found(world, name):
    assert world.client("secretariat").get(_url(world, name, 99)).status_code == 404
