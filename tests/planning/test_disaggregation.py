"""Values broken down by the dimensions an indicator declares: reported with the total, checked against it, frozen
with it, in the history, shown compactly on the round and indicator pages, and in the IPTT workbook's second sheet."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cadre.core.models import AuditEvent
from cadre.planning import monitoring
from cadre.planning.models import Breakdown, Indicator, Measurement

from ..core.helpers import count_elements, db_snapshot, element_text, french, text_of
from ..factories import CountryFactory, RegionFactory
from .factories import IndicatorFactory
from .test_rounds import open_round, round_url


@pytest.fixture
def round_(planned):
    return open_round(planned)


@pytest.fixture(autouse=True)
def clients(world):
    """Every persona signed in before the test starts (signing in writes to the database)."""
    world.clients = {persona: world.client(persona) for persona in ("secretariat", "member", "partner", "outsider")}


@pytest.fixture
def split(planned):
    """The personas' indicator, a number disaggregated by sex and age."""
    indicator = planned.own_indicator
    indicator.disaggregation = ["sex", "age"]
    indicator.save()
    return indicator


def _post(world, planned, round_, persona, indicator, value, parts=None, submit="1"):
    data = {f"i{indicator.pk}-value": value, f"i{indicator.pk}-evidence": "Liste de présence", "submit": submit}
    data.update({f"b{indicator.pk}-{name}": part for name, part in (parts or {}).items()})
    url = round_url(world, planned, "report_indicator", round_, indicator.pk)
    return world.clients[persona].post(url, data)


def _parts(indicator):
    return {
        (row.dimension, row.category): row.value for row in Breakdown.objects.filter(measurement__indicator=indicator)
    }


def _membership(world, persona):
    return world.workspace.memberships.get(user=world.users[persona])


def _report_page(world, planned, round_, persona="member"):
    return world.clients[persona].get(round_url(world, planned, "round_report", round_))


# --- reporting ----------------------------------------------------------------------------------------------


def test_report_page_offers_a_fieldset_per_declared_dimension_with_decimal_inputs(world, planned, round_, split):
    page = _report_page(world, planned, round_).content.decode()
    assert count_elements(page, "fieldset", class_="breakdown") == 2
    for name in ("sex-female", "sex-male", "age-minor", "age-adult"):
        assert f'name="b{split.pk}-{name}"' in page
    assert count_elements(page, "input", inputmode="decimal") == 4


@pytest.mark.parametrize("persona", ["member", "partner"])
def test_focal_point_reports_a_total_with_its_breakdown(world, planned, round_, split, persona):
    response = _post(
        world, planned, round_, persona, split, "220", {"sex-female": "120", "sex-male": "95", "age-adult": "150,5"}
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get(indicator=split)
    assert (measurement.value, measurement.status) == (Decimal(220), Measurement.Status.SUBMITTED)
    assert _parts(split) == {
        ("sex", "female"): Decimal(120),
        ("sex", "male"): Decimal(95),
        ("age", "adult"): Decimal("150.5"),
    }
    assert all(
        event.actor == world.users[persona]
        for event in AuditEvent.objects.filter(content_type__model="breakdown", action="create")
    )
    # The form comes back filled with what was saved.
    page = _report_page(world, planned, round_, persona).content.decode()
    assert f'name="b{split.pk}-sex-female" value="120"' in page
    assert f'name="b{split.pk}-age-adult" value="150,5"' in page


def test_a_category_left_empty_is_deleted_and_a_changed_one_updated(world, planned, round_, split):
    _post(world, planned, round_, "member", split, "220", {"sex-female": "120", "sex-male": "95"})
    _post(world, planned, round_, "member", split, "230", {"sex-female": "125", "sex-male": ""})
    assert _parts(split) == {("sex", "female"): Decimal(125)}


def test_parts_over_the_total_are_refused_with_a_message_and_change_nothing(world, planned, round_, split):
    _post(world, planned, round_, "member", split, "220", {"sex-female": "120"})
    before = db_snapshot()
    client = world.clients["member"]
    client.cookies["django_language"] = "en"
    url = round_url(world, planned, "report_indicator", round_, split.pk)
    data = {f"i{split.pk}-value": "200", f"b{split.pk}-sex-female": "120", f"b{split.pk}-sex-male": "95", "submit": "1"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert db_snapshot() == before
    assert (
        element_text(response.content.decode(), f"b{split.pk}-sex").count(
            "The parts add up to 215, more than the total of 200."
        )
        == 1
    )


def test_parts_under_the_total_show_the_rest_as_unknown(world, planned, round_, split):
    _post(world, planned, round_, "member", split, "220", {"sex-female": "120", "sex-male": "95", "age-minor": "20"})
    client = world.client("secretariat")
    client.cookies["django_language"] = "en"
    page = client.get(round_url(world, planned, "round", round_)).content.decode()
    measurement = Measurement.objects.get(indicator=split)
    cell = element_text(page, f"value-{measurement.pk}")
    assert "Sex: F 120 · M 95 · unknown 5" in cell
    assert "Age: <18 20 · unknown 200" in cell


def test_a_negative_part_or_a_word_is_refused_on_its_field(world, planned, round_, split):
    before = db_snapshot()
    response = _post(world, planned, round_, "member", split, "220", {"sex-female": "-3", "age-minor": "beaucoup"})
    assert response.status_code == 400
    assert db_snapshot() == before
    page = text_of(response)
    assert french("“%(value)s” is not a number.", value="beaucoup") in page
    assert f'id="id_b{split.pk}-age-minor_error"' in response.content.decode()
    assert f'id="id_b{split.pk}-sex-female_error"' in response.content.decode()


def test_a_breakdown_needs_a_total_for_a_number_indicator(world, planned, round_, split):
    before = db_snapshot()
    response = _post(world, planned, round_, "member", split, "", {"sex-female": "12"}, submit="0")
    assert response.status_code == 400
    assert db_snapshot() == before


def test_a_huge_part_is_refused_like_a_huge_total(world, planned, round_, split):
    before = db_snapshot()
    response = _post(world, planned, round_, "member", split, "220", {"sex-female": "99999999999999,99999"})
    assert response.status_code == 400
    assert db_snapshot() == before


# --- frozen, history, access ----------------------------------------------------------------------------------


def test_breakdown_of_a_validated_value_cannot_change_until_reopened(world, planned, round_, split):
    _post(world, planned, round_, "member", split, "220", {"sex-female": "120"})
    measurement = Measurement.objects.get(indicator=split)
    secretariat = world.users["secretariat"]
    monitoring.validate_measurement(measurement, by=secretariat)
    before = db_snapshot()
    response = _post(world, planned, round_, "member", split, "220", {"sex-female": "100"})
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        monitoring.report_measurement(
            round_,
            split,
            membership=_membership(world, "secretariat"),
            by=secretariat,
            value=Decimal(220),
            breakdown={"sex": {"female": Decimal(100)}},
        )
    assert db_snapshot() == before
    monitoring.reopen_measurement(measurement, by=secretariat)
    assert _post(world, planned, round_, "member", split, "220", {"sex-female": "100"}).status_code == 302
    assert _parts(split) == {("sex", "female"): Decimal(100)}


def test_history_records_each_breakdown_change(world, planned, round_, split):
    _post(world, planned, round_, "member", split, "220", {"sex-female": "120", "sex-male": "95"})
    female = Breakdown.objects.get(category="female")
    male = Breakdown.objects.get(category="male")
    _post(world, planned, round_, "member", split, "220", {"sex-female": "110"})
    events = AuditEvent.objects.filter(content_type__model="breakdown")
    assert events.filter(object_id=str(female.pk), action="create").exists()
    update = events.get(object_id=str(female.pk), action="update")
    assert update.changes["value"] == ["120.0000", "110.0000"]
    assert update.workspace_id == world.workspace.pk and update.actor == world.users["member"]
    assert events.filter(object_id=str(male.pk), action="delete").exists()
    # The history page of the workspace lists them.
    history = world.client("secretariat").get(reverse("workspaces:history", args=[world.workspace.slug]))
    assert history.status_code == 200


def test_another_institutions_focal_point_is_forbidden_and_changes_nothing(world, planned, round_):
    other = planned.other_indicator
    other.disaggregation = ["sex"]
    other.save()
    before = db_snapshot()
    response = _post(world, planned, round_, "member", other, "10", {"sex-female": "4"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        monitoring.report_measurement(
            round_,
            other,
            membership=_membership(world, "member"),
            by=world.users["member"],
            value=Decimal(10),
            breakdown={"sex": {"female": Decimal(4)}},
        )
    assert _post(world, planned, round_, "outsider", other, "10", {"sex-female": "4"}).status_code == 404
    assert db_snapshot() == before


# --- percentage and yes/no rules ------------------------------------------------------------------------------


def _indicator(world, planned, kind, disaggregation=("sex",)):
    return IndicatorFactory(
        workspace=world.workspace,
        plan=planned.plan,
        objective=planned.result,
        responsible_institution=world.institution,
        kind=kind,
        disaggregation=list(disaggregation),
    )


def test_percentage_parts_are_between_0_and_100_with_no_sum_rule(world, planned, round_):
    rate = _indicator(world, planned, Indicator.Kind.PERCENTAGE)
    response = _post(world, planned, round_, "member", rate, "60", {"sex-female": "55", "sex-male": "65"})
    assert response.status_code == 302  # 55 + 65 > 60: rates do not add up
    assert _parts(rate) == {("sex", "female"): Decimal(55), ("sex", "male"): Decimal(65)}
    before = db_snapshot()
    response = _post(world, planned, round_, "member", rate, "60", {"sex-female": "101"})
    assert response.status_code == 400
    assert db_snapshot() == before
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        monitoring.report_measurement(
            round_,
            rate,
            membership=_membership(world, "member"),
            by=world.users["member"],
            value=Decimal(60),
            breakdown={"sex": {"female": Decimal(120)}},
        )
    assert refused.value.message_dict == {"sex": ["A percentage is between 0 and 100."]}
    assert db_snapshot() == before


@pytest.mark.parametrize("kind", [Indicator.Kind.YES_NO, Indicator.Kind.QUALITATIVE])
def test_yes_no_and_qualitative_indicators_have_no_breakdown(world, planned, round_, kind):
    indicator = _indicator(world, planned, kind)
    page = _report_page(world, planned, round_).content.decode()
    assert f'name="b{indicator.pk}-sex-female"' not in page
    before = db_snapshot()
    with pytest.raises(ValidationError):
        monitoring.report_measurement(
            round_,
            indicator,
            membership=_membership(world, "member"),
            by=world.users["member"],
            value=Decimal(1),
            breakdown={"sex": {"female": Decimal(1)}},
        )
    assert db_snapshot() == before


def test_a_dimension_the_indicator_does_not_declare_is_refused(world, planned, round_, split):
    with pytest.raises(ValidationError) as refused:
        monitoring.report_measurement(
            round_,
            split,
            membership=_membership(world, "member"),
            by=world.users["member"],
            value=Decimal(10),
            breakdown={"region": {"NE-1": Decimal(1)}, "sex": {"other": Decimal(1)}},
        )
    assert set(refused.value.message_dict) == {"region", "sex"}
    assert not Measurement.objects.filter(indicator=split).exists()


# --- regions and nationalities --------------------------------------------------------------------------------


def test_regions_are_those_of_the_workspace_country_and_nationalities_open_rows(world, planned, round_, split):
    niger = world.workspace.country
    agadez = RegionFactory(country=niger, code="NE-1", name="Agadez")
    RegionFactory(country=niger, code="NE-8", name="Niamey")
    RegionFactory(country=CountryFactory(code="ML", name_fr="Mali", name_en="Mali"), code="ML-1", name="Kayes")
    CountryFactory(code="NG", name_fr="Nigéria", name_en="Nigeria")
    split.disaggregation = ["region", "nationality"]
    split.save()
    page = _report_page(world, planned, round_).content.decode()
    assert f'name="b{split.pk}-region-NE-1"' in page and f'name="b{split.pk}-region-NE-8"' in page
    assert "ML-1" not in page
    assert f'name="b{split.pk}-nationality-country-2"' in page  # three empty rows to start with
    response = _post(
        world,
        planned,
        round_,
        "member",
        split,
        "50",
        {
            f"region-{agadez.code}": "30",
            "nationality-country-0": "NG",
            "nationality-value-0": "12",
            "nationality-country-1": "ML",
            "nationality-value-1": "8",
        },
    )
    assert response.status_code == 302
    assert _parts(split) == {
        ("region", "NE-1"): Decimal(30),
        ("nationality", "NG"): Decimal(12),
        ("nationality", "ML"): Decimal(8),
    }
    client = world.client("observer")
    client.cookies["django_language"] = "en"
    detail = client.get(reverse("planning:indicator", args=[world.workspace.slug, planned.plan.slug, split.pk]))
    shown = " ".join(re.sub(r"<[^>]+>", " ", text_of(detail)).split())
    assert "Region: Agadez 30 · unknown 20" in shown
    assert "Nationality: NG 12 · ML 8 · unknown 30" in shown


def test_a_nationality_twice_or_a_value_without_its_country_is_refused(world, planned, round_, split):
    CountryFactory(code="NG", name_fr="Nigéria", name_en="Nigeria")
    split.disaggregation = ["nationality"]
    split.save()
    before = db_snapshot()
    twice = {
        "nationality-country-0": "NG",
        "nationality-value-0": "2",
        "nationality-country-1": "NG",
        "nationality-value-1": "3",
    }
    assert _post(world, planned, round_, "member", split, "10", twice).status_code == 400
    orphan = {"nationality-value-0": "2"}
    assert _post(world, planned, round_, "member", split, "10", orphan).status_code == 400
    too_many = {f"nationality-value-{n}": "" for n in range(31)}
    assert _post(world, planned, round_, "member", split, "10", too_many).status_code == 400
    assert db_snapshot() == before


# --- the IPTT workbook ----------------------------------------------------------------------------------------


def test_iptt_xlsx_second_sheet_lists_each_category_with_its_share(world, planned, round_, split):
    _post(world, planned, round_, "member", split, "200", {"sex-female": "120", "sex-male": "50", "age-adult": "200"})
    monitoring.validate_measurement(Measurement.objects.get(indicator=split), by=world.users["secretariat"])
    client = world.client("observer")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("planning:iptt_xlsx", args=[world.workspace.slug, planned.plan.slug]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["IPTT", "Disaggregation"]
    rows = list(workbook["Disaggregation"].iter_rows(values_only=True))
    assert rows[0] == (
        "Code",
        "Indicator",
        "Period start",
        "Period end",
        "Total",
        "Disaggregated by",
        "Category code",
        "Category",
        "Value",
        "Share of the total (%)",
    )
    found = [(row[0], row[5], row[6], row[7], row[8], row[9]) for row in rows[1:]]
    assert found == [
        (split.code, "sex", "female", "women", 120, 60),
        (split.code, "sex", "male", "men", 50, 25),
        (split.code, "sex", None, "unknown", 30, 15),
        (split.code, "age", "adult", "18 and over", 200, 100),
    ]
    assert all(row[4] == 200 for row in rows[1:])


def test_iptt_xlsx_leaves_out_the_breakdown_of_values_awaiting_validation(world, planned, round_, split):
    _post(world, planned, round_, "member", split, "200", {"sex-female": "120"})
    response = world.client("observer").get(
        reverse("planning:iptt_xlsx", args=[world.workspace.slug, planned.plan.slug])
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(list(workbook.worksheets[1].iter_rows(values_only=True))) == 1  # the headers only


# --- French, query counts -------------------------------------------------------------------------------------


def test_french_page_shows_the_dimensions_and_messages_in_french(world, planned, round_, split):
    page = text_of(_post(world, planned, round_, "member", split, "20", {"sex-female": "beaucoup"}))
    assert french("sex").capitalize() in page and french("age").capitalize() in page
    assert french("women").capitalize() in page and french("under 18").capitalize() in page
    assert french("“%(value)s” is not a number.", value="beaucoup") in page


def test_english_page_labels_the_categories(world, planned, round_, split):
    client = world.client("member")
    client.cookies["django_language"] = "en"
    page = text_of(client.get(round_url(world, planned, "round_report", round_)))
    for label in ("Women", "Men", "Under 18", "18 and over"):
        assert f">{label}</label>" in page


def test_round_page_with_breakdowns_costs_the_same_queries_with_2_and_20_values(world, planned, round_):
    client = world.client("secretariat")
    url = round_url(world, planned, "round", round_)

    def grow(count):
        for _n in range(count):
            indicator = _indicator(world, planned, Indicator.Kind.NUMBER, ("sex", "age", "region"))
            measurement = Measurement.objects.create(
                indicator=indicator,
                round=round_,
                period_start=round_.period_start,
                period_end=round_.period_end,
                value=10,
                status="submitted",
            )
            for dimension, category in (("sex", "female"), ("sex", "male"), ("age", "minor"), ("region", "NE-1")):
                Breakdown.objects.create(measurement=measurement, dimension=dimension, category=category, value=2)

    RegionFactory(country=world.workspace.country, code="NE-1", name="Agadez")
    grow(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(18)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count("Agadez 2") == 20
    assert len(large) == len(small)


def test_narrative_docx_lists_a_short_breakdown_under_the_indicators(world, planned, round_, split):
    import docx

    _post(world, planned, round_, "member", split, "200", {"sex-female": "120", "sex-male": "50"})
    monitoring.validate_measurement(Measurement.objects.get(indicator=split), by=world.users["secretariat"])
    client = world.clients["secretariat"]
    client.cookies["django_language"] = "en"
    response = client.get(round_url(world, planned, "narrative_docx", round_))
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert f"{split.code}: Sex: F 120 · M 50 · unknown 30" in paragraphs


def test_the_breakdown_comes_right_after_the_value_and_before_the_evidence(world, planned, round_, split):
    page = world.clients["member"].get(round_url(world, planned, "round_report", round_)).content.decode()
    i, b = f"i{split.pk}", f"b{split.pk}"
    positions = [page.index(f'name="{name}"') for name in (f"{i}-value", f"{b}-sex-female", f"{i}-evidence")]
    assert positions == sorted(positions)
