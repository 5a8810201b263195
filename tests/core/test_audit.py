"""The audit mechanism itself: what a create, update, delete and many-to-many change record, and for whom."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import translation

from cadre.core.audit import acting_as, current_actor, describe_changes
from cadre.core.models import AuditEvent
from cadre.directory.models import Institution
from cadre.workspaces.models import WorkplanActivity

from ..factories import ActivityFactory, InstitutionFactory, ThemeFactory, UserFactory, WorkspaceFactory
from .helpers import french

pytestmark = pytest.mark.django_db


def _events_of(obj):
    return AuditEvent.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name).order_by("pk")


def test_create_records_every_filled_field_as_none_to_value():
    user = UserFactory()
    with acting_as(user):
        activity = ActivityFactory(title_en="Mapping", planned_start=datetime.date(2016, 6, 13))
    event = _events_of(activity).get()
    assert (event.action, event.actor, event.workspace_id) == ("create", user, activity.workspace_id)
    assert event.changes["title_en"] == [None, "Mapping"]
    assert event.changes["planned_start"] == [None, "2016-06-13"]
    assert "actual_start" not in event.changes  # empty values are not noise in the record
    assert "created_at" not in event.changes and "updated_at" not in event.changes


def test_update_records_only_the_changed_fields_as_old_and_new():
    activity = ActivityFactory(title_en="Mapping", status="planned")
    user = UserFactory()
    with acting_as(user):
        activity.title_en = "Mapping meetings"
        activity.status = WorkplanActivity.Status.PREPARING
        activity.save()
    event = _events_of(activity).last()
    assert event.action == "update" and event.actor == user
    assert event.changes == {"title_en": ["Mapping", "Mapping meetings"], "status": ["planned", "preparing"]}


def test_save_without_change_records_nothing():
    activity = ActivityFactory()
    before = AuditEvent.objects.count()
    activity.save()
    WorkplanActivity.objects.get(pk=activity.pk).save()
    assert AuditEvent.objects.count() == before


def test_delete_records_the_old_values():
    activity = ActivityFactory(title_en="Finalisation workshop")
    pk, workspace_id = activity.pk, activity.workspace_id
    activity.delete()
    event = AuditEvent.objects.filter(object_id=str(pk), action="delete").get()
    assert event.workspace_id == workspace_id
    assert event.changes["title_en"] == ["Finalisation workshop", None]
    assert event.changes["planned_end"] == [activity.planned_end.isoformat(), None]


def test_many_to_many_change_records_names_before_and_after():
    activity = ActivityFactory()
    coordination = ThemeFactory(workspace=activity.workspace, name_fr="Coordination", name_en="Coordination")
    border = ThemeFactory(workspace=activity.workspace, name_fr="Frontières", name_en="Borders")
    activity.themes.add(coordination)
    activity.themes.add(border)
    activity.themes.remove(coordination)
    changes = [event.changes["themes"] for event in _events_of(activity).filter(action="update")]
    assert changes == [
        [[], ["Coordination"]],
        [["Coordination"], ["Coordination", "Frontières"]],
        [["Coordination", "Frontières"], ["Frontières"]],
    ]


def test_related_object_recorded_by_name_stays_readable_after_it_is_gone():
    parent = InstitutionFactory(name_fr="Ministère de l'Intérieur", acronym="")
    unit = InstitutionFactory(parent=parent)
    unit.parent = None
    unit.save()
    parent.delete()
    event = _events_of(unit).filter(action="update").get()
    assert event.changes["parent"] == ["Ministère de l'Intérieur", None]


def test_change_outside_any_request_or_service_is_recorded_without_actor():
    institution = InstitutionFactory()
    assert current_actor() is None
    assert _events_of(institution).get().actor is None


def test_acting_as_restores_the_previous_actor():
    first, second = UserFactory(), UserFactory()
    with acting_as(first):
        with acting_as(second):
            assert current_actor() == second
        assert current_actor() == first
    assert current_actor() is None


def test_ignored_fields_never_recorded():
    user = UserFactory()
    before = AuditEvent.objects.count()
    user.set_password("another long passphrase")
    user.last_login = datetime.datetime(2017, 1, 1, tzinfo=datetime.UTC)
    user.save()
    assert AuditEvent.objects.count() == before


def test_global_object_has_no_workspace_and_workspace_records_its_own_id():
    institution = InstitutionFactory()
    workspace = WorkspaceFactory()
    assert _events_of(institution).get().workspace_id is None
    assert _events_of(workspace).get().workspace_id == workspace.pk


def test_describe_changes_translates_field_names_and_choices():
    activity = ActivityFactory(status="planned")
    activity.status = "preparing"
    activity.save()
    event = _events_of(activity).last()
    with translation.override("en"):
        assert describe_changes(event) == [{"field": "status", "old": "planned", "new": "in preparation"}]
    with translation.override("fr"):
        assert describe_changes(event)[0]["new"] == french("in preparation")


def test_describe_changes_keeps_a_removed_field_readable():
    event = AuditEvent.objects.create(
        action="update",
        content_type_id=_events_of(InstitutionFactory()).get().content_type_id,
        object_id="1",
        object_repr="x",
        changes={"former_field": ["a", "b"], "notes": [True, False], "name_fr": [["A", "B"], []]},
    )
    with translation.override("en"):
        rows = {row["field"]: (row["old"], row["new"]) for row in describe_changes(event)}
    assert rows["former_field"] == ("a", "b")
    assert rows["notes"] == ("yes", "no")
    assert rows["name (French)"] == ("A, B", "")


def test_audit_event_admin_is_read_only():
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = site._registry[AuditEvent]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_every_domain_model_is_audited():
    from django.apps import apps

    from cadre.core.audit import Audited

    for label in ["accounts", "directory", "workspaces"]:
        for model in apps.get_app_config(label).get_models():
            assert issubclass(model, Audited), model
    assert issubclass(Institution, Audited)


def test_audit_deleting_a_parent_and_its_children_together_records_both(db):
    """Deleting a queryset that holds a parent and its child must not fail on the parent already gone."""
    from cadre.core.models import AuditEvent
    from cadre.mapping.models import Intervention

    from ..factories import WorkspaceFactory

    workspace = WorkspaceFactory()
    first = Intervention.objects.create(workspace=workspace, title_fr="Décision")
    second = Intervention.objects.create(workspace=workspace, title_fr="Contrat", parent=first)
    Intervention.objects.filter(pk__in=[first.pk, second.pk]).delete()
    assert AuditEvent.objects.filter(action="delete", object_id__in=[str(first.pk), str(second.pk)]).count() == 2
