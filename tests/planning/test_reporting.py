"""Focal points report the values of their institution's indicators and the status of the actions it leads."""

from decimal import Decimal

import pytest

from cadre.core.models import AuditEvent
from cadre.planning.forms_monitoring import parse_decimal
from cadre.planning.models import ActionReport, Indicator, Measurement

from ..core.helpers import db_snapshot, text_of
from .factories import IndicatorFactory
from .test_rounds import open_round, round_url


@pytest.fixture
def round_(planned):
    return open_round(planned)


def _post_value(world, planned, round_, persona, indicator, value, submit="1", **extra):
    client = world.client(persona)
    url = round_url(world, planned, "report_indicator", round_, indicator.pk)
    prefix = f"i{indicator.pk}-"
    data = {prefix + "value": value, prefix + "evidence": "Rapport DGPN 2018", prefix + "comment": "", "submit": submit}
    data.update({prefix + key: item for key, item in extra.items()})
    return client.post(url, data)


def test_report_page_shows_focal_point_only_their_institutions_indicators_and_actions(world, planned, round_):
    page = text_of(world.client("member").get(round_url(world, planned, "round_report", round_)))
    assert planned.own_indicator.definition_fr in page
    assert planned.other_indicator.definition_fr not in page
    assert planned.own_action.title_fr in page
    assert planned.other_action.title_fr not in page


def test_report_page_shows_secretariat_every_indicator(world, planned, round_):
    page = text_of(world.client("secretariat").get(round_url(world, planned, "round_report", round_)))
    assert planned.own_indicator.definition_fr in page and planned.other_indicator.definition_fr in page
    assert planned.own_action.title_fr in page and planned.other_action.title_fr in page


@pytest.mark.parametrize("persona", ["member", "partner"])
def test_report_value_with_decimal_comma_submitted_for_round_period(world, planned, round_, persona):
    response = _post_value(world, planned, round_, persona, planned.own_indicator, "1 234,5")
    assert response.status_code == 302
    measurement = Measurement.objects.get(indicator=planned.own_indicator)
    assert measurement.value == Decimal("1234.5")
    assert (measurement.period_start, measurement.period_end) == (round_.period_start, round_.period_end)
    assert measurement.status == Measurement.Status.SUBMITTED
    assert measurement.round == round_ and measurement.reported_by == world.users[persona]
    assert measurement.evidence == "Rapport DGPN 2018"
    assert AuditEvent.objects.filter(
        object_id=str(measurement.pk), action="create", actor=world.users[persona]
    ).exists()


def test_report_value_saved_without_submitting_is_a_draft(world, planned, round_):
    _post_value(world, planned, round_, "member", planned.own_indicator, "0,8", submit="0")
    measurement = Measurement.objects.get(indicator=planned.own_indicator)
    assert (measurement.value, measurement.status) == (Decimal("0.8"), Measurement.Status.DRAFT)


def test_report_value_for_another_institutions_indicator_is_forbidden_and_changes_nothing(world, planned, round_):
    client = world.client("member")
    before = db_snapshot()
    url = round_url(world, planned, "report_indicator", round_, planned.other_indicator.pk)
    response = client.post(url, {f"i{planned.other_indicator.pk}-value": "12", "submit": "1"})
    assert response.status_code == 403
    assert db_snapshot() == before


def test_report_action_of_another_institution_is_forbidden_and_changes_nothing(world, planned, round_):
    client = world.client("partner")
    before = db_snapshot()
    url = round_url(world, planned, "report_action", round_, planned.other_action.pk)
    response = client.post(url, {f"a{planned.other_action.pk}-status": "completed"})
    assert response.status_code == 403
    assert db_snapshot() == before


def test_report_value_by_secretariat_for_any_institution(world, planned, round_):
    response = _post_value(world, planned, round_, "secretariat", planned.other_indicator, "12")
    assert response.status_code == 302
    assert Measurement.objects.get(indicator=planned.other_indicator).value == Decimal(12)


def test_report_value_not_a_number_is_refused_with_a_message(world, planned, round_):
    client = world.client("member")
    before = db_snapshot()
    url = round_url(world, planned, "report_indicator", round_, planned.own_indicator.pk)
    response = client.post(url, {f"i{planned.own_indicator.pk}-value": "beaucoup", "submit": "1"})
    assert response.status_code == 400
    assert "beaucoup" in text_of(response)
    assert db_snapshot() == before


def test_report_submit_without_value_is_refused(world, planned, round_):
    client = world.client("member")
    before = db_snapshot()
    response = client.post(
        round_url(world, planned, "report_indicator", round_, planned.own_indicator.pk),
        {f"i{planned.own_indicator.pk}-value": "", "submit": "1"},
    )
    assert response.status_code == 400
    assert db_snapshot() == before


def test_report_yes_no_and_qualitative_values(world, planned, round_):
    yes_no = IndicatorFactory(
        workspace=world.workspace,
        plan=planned.plan,
        objective=planned.result,
        responsible_institution=world.institution,
        kind=Indicator.Kind.YES_NO,
    )
    quali = IndicatorFactory(
        workspace=world.workspace,
        plan=planned.plan,
        objective=planned.result,
        responsible_institution=world.institution,
        kind=Indicator.Kind.QUALITATIVE,
    )
    assert _post_value(world, planned, round_, "member", yes_no, "yes").status_code == 302
    assert _post_value(world, planned, round_, "member", quali, "Stratégie adoptée en conseil").status_code == 302
    assert Measurement.objects.get(indicator=yes_no).value == Decimal(1)
    saved = Measurement.objects.get(indicator=quali)
    assert (saved.value, saved.value_text) == (None, "Stratégie adoptée en conseil")


def test_report_value_updated_before_validation(world, planned, round_):
    _post_value(world, planned, round_, "member", planned.own_indicator, "10")
    _post_value(world, planned, round_, "member", planned.own_indicator, "11")
    measurement = Measurement.objects.get(indicator=planned.own_indicator)
    assert measurement.value == Decimal(11)
    assert AuditEvent.objects.filter(object_id=str(measurement.pk), action="update").exists()


def test_report_action_status_and_progress(world, planned, round_):
    client = world.client("member")
    response = client.post(
        round_url(world, planned, "report_action", round_, planned.own_action.pk),
        {f"a{planned.own_action.pk}-status": "delayed", f"a{planned.own_action.pk}-progress": "Retard de financement"},
    )
    assert response.status_code == 302
    report = ActionReport.objects.get(round=round_, action=planned.own_action)
    assert (report.status, report.progress, report.reported_by) == (
        "delayed",
        "Retard de financement",
        world.users["member"],
    )


def test_report_action_unknown_status_is_refused(world, planned, round_):
    client = world.client("member")
    before = db_snapshot()
    response = client.post(
        round_url(world, planned, "report_action", round_, planned.own_action.pk),
        {f"a{planned.own_action.pk}-status": "finished"},
    )
    assert response.status_code == 400
    assert db_snapshot() == before


def test_report_to_closed_round_is_refused_and_changes_nothing(world, planned):
    closed = open_round(planned, status="closed")
    client = world.client("member")
    before = db_snapshot()
    url = round_url(world, planned, "report_indicator", closed, planned.own_indicator.pk)
    response = client.post(url, {f"i{planned.own_indicator.pk}-value": "3", "submit": "1"})
    assert response.status_code == 400
    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0,8", "0.8"),
        ("1 234,5", "1234.5"),
        ("1\u202f234,5", "1234.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1234.5", "1234.5"),
        ("45 %", "45"),
        ("-3", "-3"),
    ],
)
def test_parse_decimal_reads_the_ways_people_type_numbers(typed, expected):
    assert parse_decimal(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["NULL", "1e400", "abc", "1,2,3", "Infinity", "NaN", "99999999999999999"])
def test_parse_decimal_refuses_what_is_not_a_usable_number(typed):
    with pytest.raises(ValueError):
        parse_decimal(typed)
