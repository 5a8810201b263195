"""The secretariat validates, sends back and reopens values; a validated value is frozen until reopened."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from cadre.core.models import AuditEvent
from cadre.planning import monitoring
from cadre.planning.models import ActionReport, Measurement

from ..core.helpers import db_snapshot
from .test_reporting import _post_value
from .test_rounds import open_round, round_url


@pytest.fixture
def round_(planned):
    return open_round(planned)


def _decide(world, planned, round_, measurement, decision, persona="secretariat", comment=""):
    client = world.client(persona)
    url = round_url(world, planned, "measurement_decide", round_, measurement.pk)
    return client.post(url, {"decision": decision, "comment": comment})


def _history(measurement):
    content_type = ContentType.objects.get_for_model(Measurement)
    return list(AuditEvent.objects.filter(content_type=content_type, object_id=str(measurement.pk)).order_by("pk"))


@pytest.fixture
def submitted(world, planned, round_):
    _post_value(world, planned, round_, "member", planned.own_indicator, "10")
    return Measurement.objects.get(indicator=planned.own_indicator)


def test_validation_sets_status_and_who_validated(world, planned, round_, submitted):
    response = _decide(world, planned, round_, submitted, "validate")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Measurement.Status.VALIDATED
    assert submitted.validated_by == world.users["secretariat"] and submitted.validated_at is not None


def test_validated_value_cannot_be_changed_by_focal_point(world, planned, round_, submitted):
    _decide(world, planned, round_, submitted, "validate")
    client = world.client("member")
    before = db_snapshot()
    url = round_url(world, planned, "report_indicator", round_, planned.own_indicator.pk)
    response = client.post(url, {f"i{planned.own_indicator.pk}-value": "99", "submit": "1"})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_validated_value_cannot_be_changed_by_secretariat_report_form(world, planned, round_, submitted):
    _decide(world, planned, round_, submitted, "validate")
    client = world.client("secretariat")
    before = db_snapshot()
    url = round_url(world, planned, "report_indicator", round_, planned.own_indicator.pk)
    response = client.post(url, {f"i{planned.own_indicator.pk}-value": "99", "submit": "1"})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_validated_value_refused_by_service_too(world, planned, round_, submitted):
    monitoring.validate_measurement(submitted, by=world.users["secretariat"])
    membership = world.workspace.memberships.get(user=world.users["secretariat"])
    with pytest.raises(ValidationError):
        monitoring.report_measurement(
            round_, planned.own_indicator, membership=membership, by=world.users["secretariat"], value=Decimal(5)
        )
    submitted.refresh_from_db()
    assert submitted.value == Decimal(10)


def test_reopened_value_can_be_changed_and_every_step_is_in_the_history(world, planned, round_, submitted):
    _decide(world, planned, round_, submitted, "validate")
    _decide(world, planned, round_, submitted, "reopen", comment="Chiffre à corriger")
    submitted.refresh_from_db()
    assert submitted.status == Measurement.Status.REOPENED and submitted.validated_by is None
    assert "Chiffre à corriger" in submitted.comment
    response = _post_value(world, planned, round_, "member", planned.own_indicator, "12")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.value, submitted.status) == (Decimal(12), Measurement.Status.SUBMITTED)
    history = _history(submitted)
    steps = [(event.action, event.actor, event.changes.get("status", [None, None])[1]) for event in history]
    assert steps == [
        ("create", world.users["member"], "submitted"),  # the report
        ("update", world.users["secretariat"], "validated"),  # the validation
        ("update", world.users["secretariat"], "reopened"),  # the reopening
        ("update", world.users["member"], "submitted"),  # the change
    ]
    assert history[-1].changes["value"] == ["10.0000", "12.0000"]


def test_send_back_reopens_with_the_reason(world, planned, round_, submitted):
    response = _decide(world, planned, round_, submitted, "send_back", comment="Source manquante")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Measurement.Status.REOPENED
    assert "Source manquante" in submitted.comment
    assert _history(submitted)[-1].changes["status"] == ["submitted", "reopened"]


def test_send_back_without_reason_is_refused(world, planned, round_, submitted):
    client = world.client("secretariat")
    before = db_snapshot()
    url = round_url(world, planned, "measurement_decide", round_, submitted.pk)
    response = client.post(url, {"decision": "send_back", "comment": "  "})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_validation_of_a_draft_is_refused(world, planned, round_):
    _post_value(world, planned, round_, "member", planned.own_indicator, "10", submit="0")
    draft = Measurement.objects.get(indicator=planned.own_indicator)
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(round_url(world, planned, "measurement_decide", round_, draft.pk), {"decision": "validate"})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_reopen_of_a_value_not_validated_is_refused(world, planned, round_, submitted):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(
        round_url(world, planned, "measurement_decide", round_, submitted.pk), {"decision": "reopen"}
    )
    assert response.status_code == 400
    assert db_snapshot() == before


def test_unknown_decision_is_refused(world, planned, round_, submitted):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(round_url(world, planned, "measurement_decide", round_, submitted.pk), {"decision": "burn"})
    assert response.status_code == 400
    assert db_snapshot() == before


@pytest.mark.parametrize("persona", ["member", "partner", "expert", "observer"])
def test_validation_by_non_secretariat_is_forbidden_and_changes_nothing(world, planned, round_, submitted, persona):
    client = world.client(persona)
    before = db_snapshot()
    response = client.post(
        round_url(world, planned, "measurement_decide", round_, submitted.pk), {"decision": "validate"}
    )
    assert response.status_code == 403
    assert db_snapshot() == before


def test_action_report_validated_is_frozen_until_reopened(world, planned, round_):
    report = ActionReport.objects.create(round=round_, action=planned.own_action, status="ongoing")
    client = world.client("secretariat")
    client.post(round_url(world, planned, "action_report_decide", round_, report.pk), {"decision": "validate"})
    report.refresh_from_db()
    assert report.validated
    member = world.client("member")
    before = db_snapshot()
    url = round_url(world, planned, "report_action", round_, planned.own_action.pk)
    response = member.post(url, {f"a{planned.own_action.pk}-status": "completed"})
    assert response.status_code == 400
    assert db_snapshot() == before
    client.post(round_url(world, planned, "action_report_decide", round_, report.pk), {"decision": "reopen"})
    member.post(url, {f"a{planned.own_action.pk}-status": "completed"})
    report.refresh_from_db()
    assert (report.status, report.validated) == ("completed", False)
