"""The audit trail as the secretariat makes and reads it: recorded edits, deletes, and the History page."""

import re

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import capfirst

from cadre.core.models import AuditEvent
from cadre.workspaces.models import ExpectedResult, WorkplanActivity

from ..core.helpers import element_text, french
from ..factories import ThemeFactory
from .test_access_matrix import _activity_data


def _edit_activity(world, persona="secretariat", **changes):
    url = reverse("workspaces:activity_edit", args=[world.workspace.slug, world.activity.number])
    return world.client(persona).post(url, _activity_data(world, **changes))


def _history(world, query=""):
    response = world.client("secretariat").get(reverse("workspaces:history", args=[world.workspace.slug]) + query)
    assert response.status_code == 200
    return element_text(response.content.decode(), "history-list")


def test_activity_edit_records_actor_workspace_and_old_and_new_values(world):
    old_title = world.activity.title_en
    last = AuditEvent.objects.order_by("pk").last().pk
    response = _edit_activity(world, title_en="Mapping meetings", status="preparing")
    assert response.status_code == 302
    event = AuditEvent.objects.get(pk__gt=last)
    assert event.action == "update"
    assert event.actor == world.users["secretariat"]
    assert event.workspace_id == world.workspace.pk
    assert event.object_id == str(world.activity.pk)
    assert event.changes == {"title_en": [old_title, "Mapping meetings"], "status": ["planned", "preparing"]}


def test_activity_theme_change_recorded_with_theme_names(world):
    other = ThemeFactory(workspace=world.workspace, name_fr="Retour", name_en="Return")
    last = AuditEvent.objects.order_by("pk").last().pk
    _edit_activity(world, themes=[other.pk])
    theme_changes = [event.changes["themes"] for event in AuditEvent.objects.filter(pk__gt=last).order_by("pk")]
    assert theme_changes, "the theme change was not recorded"
    assert theme_changes[0][0] == [world.theme.name_fr]  # before the edit
    assert theme_changes[-1][1] == ["Retour"]  # after it
    assert set(AuditEvent.objects.filter(pk__gt=last).values_list("actor", flat=True)) == {
        world.users["secretariat"].pk
    }
    assert list(WorkplanActivity.objects.get(pk=world.activity.pk).themes.all()) == [other]


def test_activity_delete_recorded_with_old_values(world):
    activity = world.activity
    url = reverse("workspaces:activity_delete", args=[world.workspace.slug, activity.number])
    world.client("secretariat").post(url)
    event = AuditEvent.objects.get(action="delete", object_id=str(activity.pk))
    assert event.actor == world.users["secretariat"] and event.workspace_id == world.workspace.pk
    assert event.changes["title_fr"] == [activity.title_fr, None]
    assert event.changes["planned_start"] == [activity.planned_start.isoformat(), None]
    assert event.changes["number"] == [activity.number, None]


def test_activity_delete_recorded_with_its_themes_and_experts(world):
    """The confirmation page promises the deletion is recorded "with everything the item contained"."""
    world.activity.experts.add(world.expert)
    url = reverse("workspaces:activity_delete", args=[world.workspace.slug, world.activity.number])
    world.client("secretariat").post(url)
    event = AuditEvent.objects.get(action="delete", object_id=str(world.activity.pk))
    assert event.changes["themes"] == [[world.theme.name_fr], None]
    assert event.changes["experts"] == [[str(world.expert)], None]


def test_history_page_shows_old_and_new_values(world):
    old_title = world.activity.title_en
    _edit_activity(world, title_en="Mapping meetings", status="preparing")
    text = _history(world)
    assert old_title in text and "Mapping meetings" in text
    assert french("planned") in text and french("in preparation") in text  # choice values shown translated
    assert capfirst(french("title (English)")) in text and capfirst(french("status")) in text
    assert "Secretariat Persona" in text


def test_history_page_in_english_shows_labels_in_english(world):
    _edit_activity(world, status="preparing")
    client = world.client("secretariat")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("workspaces:history", args=[world.workspace.slug]))
    text = element_text(response.content.decode(), "history-list")
    assert "Status planned in preparation" in text


def test_history_filter_by_person_shows_only_their_changes(world):
    _edit_activity(world, title_en="By the secretariat")
    ExpectedResult.objects.filter(pk=world.result.pk).update(statement_en="Changed")  # no actor, no signal
    text = _history(world, f"?person={world.users['secretariat'].pk}")
    assert "By the secretariat" in text
    assert world.expert.person.full_name not in text  # created by the fixture, without actor
    everyone = _history(world)
    assert world.expert.person.full_name in everyone


def test_history_filter_by_type_shows_only_that_type(world):
    activity_type = ContentType.objects.get_for_model(WorkplanActivity)
    response = world.client("secretariat").get(
        reverse("workspaces:history", args=[world.workspace.slug]) + f"?type={activity_type.pk}"
    )
    events = list(response.context["page"].object_list)
    assert events and {event.content_type for event in events} == {activity_type}
    text = element_text(response.content.decode(), "history-list")
    assert world.activity.title_fr in text
    assert world.result.statement_fr not in text and world.expert.person.full_name not in text
    everyone = _history(world)
    assert world.result.statement_fr in everyone and world.expert.person.full_name in everyone


def test_history_filter_menus_list_people_and_types_of_this_workspace(world):
    _edit_activity(world, title_en="Edited")
    content = (
        world.client("secretariat").get(reverse("workspaces:history", args=[world.workspace.slug])).content.decode()
    )
    assert f'<option value="{world.users["secretariat"].pk}">Secretariat Persona</option>' in content
    assert "Outsider Persona" not in content


def test_history_never_shows_another_workspaces_events(world):
    other_activity = WorkplanActivity.objects.create(
        workspace=world.other_workspace,
        number=1,
        kind="other",
        title_fr="Activité confidentielle",
        title_en="Confidential activity",
        planned_start=world.activity.planned_start,
        planned_end=world.activity.planned_end,
    )
    outsider = world.users["outsider"]
    url = reverse("workspaces:activity_edit", args=[world.other_workspace.slug, other_activity.number])
    world.client("outsider").post(
        url,
        {
            "number": 1,
            "kind": "other",
            "title_fr": "Activité confidentielle",
            "title_en": "Secret title",
            "planned_start": "2016-09-12",
            "planned_end": "2016-09-16",
            "status": "planned",
        },
    )
    assert AuditEvent.objects.filter(actor=outsider, workspace_id=world.other_workspace.pk).exists()
    activity_type = ContentType.objects.get_for_model(WorkplanActivity)
    for query in ["", f"?person={outsider.pk}", f"?type={activity_type.pk}", f"?person={outsider.pk}&page=2"]:
        text = _history(world, query)
        assert "confidentielle" not in text and "Secret title" not in text
        assert "Outsider Persona" not in text


def test_history_paginates_fifty_events_and_keeps_filters(world):
    activity_type = ContentType.objects.get_for_model(WorkplanActivity)
    for index in range(55):
        _edit_activity_directly(world.activity, f"Title {index}")
    text = _history(world, f"?type={activity_type.pk}")
    assert re.search(r"\bTitle 54\b", text) and not re.search(r"\bTitle 3\b", text)
    content = (
        world.client("secretariat")
        .get(reverse("workspaces:history", args=[world.workspace.slug]) + f"?type={activity_type.pk}")
        .content.decode()
    )
    assert f'href="?type={activity_type.pk}&amp;page=2"' in content
    second = _history(world, f"?type={activity_type.pk}&page=2")
    assert re.search(r"\bTitle 3\b", second) and not re.search(r"\bTitle 54\b", second)


def _edit_activity_directly(activity, title):
    activity.title_en = title
    activity.save()
