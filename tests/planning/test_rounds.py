"""Monitoring rounds: the secretariat opens, edits, closes and reopens them; the round page shows progress."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from cadre.core.models import AuditEvent
from cadre.planning import monitoring
from cadre.planning.models import ActionReport, Measurement, MonitoringRound

from ..core.helpers import db_snapshot, french, text_of
from .factories import IndicatorFactory


def open_round(planned, **changes) -> MonitoringRound:
    values = {
        "plan": planned.plan,
        "title_fr": "Rapport annuel 2018",
        "title_en": "2018 annual report",
        "period_start": date(2018, 1, 1),
        "period_end": date(2018, 12, 31),
        "due_date": date(2019, 3, 31),
    }
    values.update(changes)
    return MonitoringRound.objects.create(**values)


def round_url(world, planned, name, round_, *extra):
    return reverse(f"planning:{name}", args=[world.workspace.slug, planned.plan.slug, round_.pk, *extra])


def test_round_created_by_secretariat_with_its_period(world, planned):
    url = reverse("planning:round_create", args=[world.workspace.slug, planned.plan.slug])
    response = world.client("secretariat").post(
        url,
        {
            "title_fr": "Rapport annuel 2018",
            "title_en": "2018 annual report",
            "period_start": "2018-01-01",
            "period_end": "2018-12-31",
            "due_date": "2019-03-31",
        },
    )
    round_ = MonitoringRound.objects.get(plan=planned.plan)
    assert response.status_code == 302 and response.url == round_url(world, planned, "round", round_)
    assert (round_.period_start, round_.period_end, round_.status) == (date(2018, 1, 1), date(2018, 12, 31), "open")
    assert AuditEvent.objects.filter(object_id=str(round_.pk), action="create").exists()


def test_round_with_period_ending_before_it_starts_is_refused_and_changes_nothing(world, planned):
    url = reverse("planning:round_create", args=[world.workspace.slug, planned.plan.slug])
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url, {"title_fr": "Rapport", "period_start": "2018-12-31", "period_end": "2018-01-01"})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_round_closed_then_reopened(world, planned):
    round_ = open_round(planned)
    client = world.client("secretariat")
    client.post(round_url(world, planned, "round_status", round_), {"status": "closed"})
    round_.refresh_from_db()
    assert round_.status == "closed"
    client.post(round_url(world, planned, "round_status", round_), {"status": "open"})
    round_.refresh_from_db()
    assert round_.status == "open"


def test_round_status_unknown_is_refused(world, planned):
    round_ = open_round(planned)
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(round_url(world, planned, "round_status", round_), {"status": "x"})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_round_closed_refuses_reports(world, planned):
    round_ = open_round(planned, status="closed")
    membership = world.workspace.memberships.get(user=world.users["member"])
    with pytest.raises(Exception, match=french("This monitoring round is closed: reopen it to report.")):
        monitoring.report_measurement(
            round_, planned.own_indicator, membership=membership, by=world.users["member"], value=Decimal(1)
        )
    assert not Measurement.objects.exists()


def test_round_progress_counts_expected_reported_validated_per_institution(world, planned):
    round_ = open_round(planned)
    extra = IndicatorFactory(
        workspace=world.workspace,
        plan=planned.plan,
        objective=planned.result,
        responsible_institution=world.institution,
    )
    Measurement.objects.create(
        indicator=planned.own_indicator,
        round=round_,
        period_start=round_.period_start,
        period_end=round_.period_end,
        value=5,
        status="validated",
    )
    Measurement.objects.create(
        indicator=extra,
        round=round_,
        period_start=round_.period_start,
        period_end=round_.period_end,
        value=1,
        status="submitted",
    )
    Measurement.objects.create(
        indicator=planned.other_indicator,
        round=round_,
        period_start=round_.period_start,
        period_end=round_.period_end,
        value=1,
        status="draft",
    )
    progress, totals = monitoring.round_progress(round_)
    by_name = {row["name"]: (row["expected"], row["reported"], row["validated"]) for row in progress}
    own_name = world.institution.acronym or world.institution.name_fr
    assert by_name[own_name] == (2, 2, 1)
    assert by_name["DST"] == (1, 0, 0)
    assert totals == {"expected": 3, "reported": 2, "validated": 1}
    page = text_of(world.client("observer").get(round_url(world, planned, "round", round_)))
    assert "Rapport annuel 2018" in page and "DST" in page


def test_round_page_lists_actions_reported(world, planned):
    round_ = open_round(planned)
    ActionReport.objects.create(round=round_, action=planned.own_action, status="ongoing", progress="Formations faites")
    page = text_of(world.client("member").get(round_url(world, planned, "round", round_)))
    assert "Formations faites" in page
