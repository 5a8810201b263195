"""Imports write new rows in bulk, without signals: their audit trail must still be what a save() records."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from cadre.core.audit import _snapshot
from cadre.core.models import AuditEvent
from cadre.mapping.imports import import_file
from cadre.mapping.models import Intervention, Location, Participation

from .import_fixtures import IATI_203, csv_text, regions_fixture, write  # noqa: F401 — a fixture


def _expected(instance):
    """What cadre.core.audit's post_save handler records for a newly created instance."""
    changes = {name: [None, value] for name, value in _snapshot(instance).items() if value not in (None, "", [], {})}
    return {"object_repr": str(instance)[:300], "changes": changes}


def _recorded(instance):
    content_type = ContentType.objects.get_for_model(instance)
    event = AuditEvent.objects.get(content_type=content_type, object_id=str(instance.pk), action="create")
    return event, {"object_repr": event.object_repr, "changes": event.changes}


@pytest.mark.usefixtures("regions")
def test_bulk_created_rows_have_the_events_a_save_records(world, tmp_path):
    secretariat = world.users["secretariat"]
    import_file(world.workspace, write(tmp_path, "activities.xml", IATI_203), by=secretariat)

    interventions = list(Intervention.objects.filter(workspace=world.workspace))
    participations = list(Participation.objects.filter(intervention__workspace=world.workspace))
    locations = list(Location.objects.filter(intervention__workspace=world.workspace))
    assert (len(interventions), len(participations), len(locations)) == (3, 6, 5)
    assert {location.scope for location in locations} == {"area", "national", "other_country"}
    assert any(location.percentage == Decimal("40") for location in locations)
    for instance in interventions + participations + locations:
        event, recorded = _recorded(instance)
        assert recorded == _expected(instance), instance
        assert (event.actor, event.workspace_id) == (secretariat, world.workspace.pk)
    child = Intervention.objects.get(iati_identifier="XI-IATI-EC_INTPA-T05-EUTF-SAH-NE-01-01")
    assert _recorded(child)[1]["changes"]["parent"] == [None, str(child.parent)]


@pytest.mark.usefixtures("regions")
def test_an_update_is_recorded_old_to_new(world, tmp_path):
    import_file(world.workspace, write(tmp_path, "v1.csv", csv_text()), by=None)
    changed = csv_text().replace("1 250 000,50", "1 300 000")
    import_file(world.workspace, write(tmp_path, "v2.csv", changed), by=world.users["secretariat"])
    intervention = Intervention.objects.get(workspace=world.workspace, code="MI-2017-01")
    update = AuditEvent.objects.get(object_id=str(intervention.pk), action="update", content_type__model="intervention")
    assert update.changes["budget"] == ["1250000.50", "1300000.00"]
    assert update.actor == world.users["secretariat"]
