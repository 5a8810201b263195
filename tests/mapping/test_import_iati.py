"""IATI activity files: 2.03 and 1.0x, the official examples, hostile and broken XML."""

import datetime
import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from cadre.mapping.imports import ImportRefused, import_file, preview, read
from cadre.mapping.imports.iati import entities_refused
from cadre.mapping.models import Intervention

from ..core.helpers import db_snapshot
from .import_fixtures import (  # noqa: F401 — `regions` is a fixture
    BILLION_LAUGHS,
    EXTERNAL_DTD,
    EXTERNAL_ENTITY,
    IATI_103,
    IATI_203,
    IATI_DIR,
    MALFORMED,
    iati_schema,
    regions_fixture,
    write,
)

D = datetime.date


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_iati_203_fixture_is_valid_against_the_official_schema():
    from lxml import etree

    schema = iati_schema()
    assert schema.validate(etree.fromstring(IATI_203.encode())), schema.error_log


@pytest.mark.usefixtures("regions")
def test_iati_203_import_reads_every_field(world, tmp_path):
    path = write(tmp_path, "activities.xml", IATI_203)
    reading, the_plan, applied = import_file(world.workspace, path, by=world.users["secretariat"])
    assert (reading.format, applied, the_plan.summary()["create"]) == ("iati", True, 3)

    mechanism = Intervention.objects.get(iati_identifier="XI-IATI-EC_INTPA-T05-EUTF-SAH-NE-01")
    assert mechanism.title_fr == "Mécanisme de réponse et de ressources pour les migrants"
    assert mechanism.title_en == "Response and resource mechanism for migrants"
    assert mechanism.description_fr == "Assistance aux migrants en transit à Agadez."
    assert mechanism.description_en == "Assistance to migrants in transit in Agadez."
    assert mechanism.status == "ongoing"
    assert (mechanism.planned_start, mechanism.actual_start, mechanism.planned_end, mechanism.actual_end) == (
        D(2016, 8, 4),
        D(2016, 9, 1),
        D(2019, 8, 4),
        None,
    )
    assert (mechanism.budget, mechanism.currency) == (Decimal("7000000.50"), "EUR")  # the two original budgets
    assert mechanism.sectors == [
        {"vocabulary": "1", "code": "15190", "percentage": 70.0},
        {"vocabulary": "1", "code": "15136", "percentage": 30.0},
    ]
    participants = sorted(
        (p.role, p.institution.name_fr, p.institution.iati_ref) for p in mechanism.participations.all()
    )
    assert participants == [
        ("accountable", "EU Delegation Niger", ""),
        ("funding", "Union européenne", "XI-IATI-EC_INTPA"),
        ("implementing", "Organisation internationale pour les migrations", "XM-DAC-47066"),
    ]
    assert sorted(loc.area.code for loc in mechanism.locations.all()) == ["NE-1", "NE-6"]  # by code, by name

    g5 = Intervention.objects.get(iati_identifier="XI-IATI-EC_INTPA-T05-EUTF-SAH-REG-01")
    assert (g5.title_en, g5.title_fr, g5.status, g5.actual_end) == (
        "Support to the G5 Sahel",
        "",
        "completed",
        D(2020, 12, 31),
    )
    assert sorted((loc.scope, loc.country_code, loc.percentage) for loc in g5.locations.all()) == [
        ("national", "", Decimal("40")),
        ("other_country", "ML", Decimal("60")),
    ]
    assert g5.sectors == [{"vocabulary": "2", "code": "152", "percentage": None}]

    contract = Intervention.objects.get(iati_identifier="XI-IATI-EC_INTPA-T05-EUTF-SAH-NE-01-01")
    assert contract.parent == mechanism
    assert (contract.status, contract.budget, contract.currency, contract.budget_eur) == (
        "ongoing",
        Decimal("500000000"),
        "XOF",
        None,
    )
    notes = {line.key: line.notes for line in the_plan.lines}
    assert notes["XI-IATI-EC_INTPA-T05-EUTF-SAH-NE-01-01"] == ["Suspended in the file: recorded as ongoing."]


@pytest.mark.usefixtures("regions")
def test_iati_203_second_import_changes_nothing(world, tmp_path):
    path = write(tmp_path, "activities.xml", IATI_203)
    import_file(world.workspace, path, by=None)
    before = db_snapshot()
    the_plan = import_file(world.workspace, path, by=None)[1]
    assert the_plan.summary() == {"create": 0, "update": 0, "unchanged": 3, "error": 0}
    assert db_snapshot() == before


@pytest.mark.usefixtures("regions")
def test_iati_1x_file_imports_where_the_fields_exist(world, tmp_path):
    path = write(tmp_path, "old.xml", IATI_103)
    _reading, the_plan, applied = import_file(world.workspace, path, by=None)
    assert applied, the_plan.lines
    activity = Intervention.objects.get(iati_identifier="GB-1-203456")
    assert (activity.title_en, activity.title_fr) == (
        "Migration and protection in Niger",
        "Migration et protection au Niger",
    )
    assert activity.description_en == "Protection of vulnerable migrants in Zinder."
    assert (activity.planned_start, activity.planned_end, activity.status) == (D(2015, 4, 1), D(2018, 3, 31), "ongoing")
    assert (activity.budget, activity.currency) == (Decimal("2500000"), "GBP")
    assert sorted((p.role, p.institution.name_fr) for p in activity.participations.all()) == [
        ("funding", "Department for International Development"),
        ("implementing", "Save the Children"),
    ]
    assert [loc.area.code for loc in activity.locations.all()] == ["NE-7"]
    assert activity.sectors == [{"vocabulary": "1", "code": "15190", "percentage": 100.0}]


@pytest.mark.parametrize("name", ["example-minimal.xml", "example-results.xml"])
def test_official_example_files_are_read_and_their_placeholders_reported(world, name):
    """The schema's examples are templates ("xx" codes, no identifier): read, never imported."""
    before = db_snapshot()
    _reading, the_plan, applied = import_file(world.workspace, IATI_DIR / name, by=None)
    assert applied is False and db_snapshot() == before
    [line] = the_plan.lines
    assert line.action == "error"
    assert "participating-org (line 13): “xx” is not an IATI role (1 to 4)." in line.messages
    assert "activity-status (line 15): “xx” is not an IATI status (1 to 6)." in line.messages
    assert "No identifier: give an IATI identifier or an own code." in line.messages


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_xml_declaring_entities_is_refused_and_nothing_is_written(world, tmp_path, content):
    path = write(tmp_path, "hostile.xml", content)
    before = db_snapshot()
    with pytest.raises(ImportRefused) as refused:
        import_file(world.workspace, path, by=None)
    assert str(refused.value) == "This XML file declares entities, which Cadre refuses for safety."
    assert str(refused.value) == entities_refused()
    assert db_snapshot() == before


def test_xml_naming_an_external_dtd_is_refused(world, tmp_path):
    with pytest.raises(ImportRefused, match="external document type definition"):
        read(world.workspace, write(tmp_path, "dtd.xml", EXTERNAL_DTD))


def test_malformed_xml_is_refused_with_its_line_number(world, tmp_path):
    with pytest.raises(ImportRefused, match=r"malformed at line 5: .*title"):
        read(world.workspace, write(tmp_path, "broken.xml", MALFORMED))


def test_xml_that_is_not_iati_is_refused(world, tmp_path):
    with pytest.raises(ImportRefused, match="not an IATI activity file"):
        read(world.workspace, write(tmp_path, "page.xml", "<html><body>Hello</body></html>"), "iati")


def test_unknown_codes_are_errors_naming_the_line(world, tmp_path):
    content = IATI_203.replace('<activity-status code="4"/>', '<activity-status code="9"/>').replace(
        'iso-date="2020-12-31" type="4"', 'iso-date="31-31-2020" type="4"'
    )
    the_plan = preview(world.workspace, write(tmp_path, "codes.xml", content))[1]

    def line_of(fragment):
        return content[: content.index(fragment)].count("\n") + 1

    date_line, status_line = line_of("31-31-2020"), line_of('<activity-status code="9"/>')
    assert the_plan.lines[1].messages == [
        f"activity-date (line {date_line}): “31-31-2020” is not a date (write it dd/mm/yyyy or yyyy-mm-dd).",
        f"activity-status (line {status_line}): “9” is not an IATI status (1 to 6).",
    ]
    assert the_plan.lines[1].action == "error" and not the_plan.ok


def _benchmark_module():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "mapping_import.py"
    spec = importlib.util.spec_from_file_location("mapping_import_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.usefixtures("regions")
def test_benchmark_file_is_valid_iati_203_and_imports(world, tmp_path):
    """The benchmark's generated activities are realistic: valid against the schema, and importable."""
    from lxml import etree

    path = tmp_path / "generated.xml"
    _benchmark_module().write_activities(path, 40)
    schema = iati_schema()
    assert schema.validate(etree.parse(str(path))), schema.error_log
    _reading, the_plan, applied = import_file(world.workspace, path, by=None)
    assert applied and the_plan.summary()["create"] == 40
    assert Intervention.objects.filter(workspace=world.workspace, title_en__gt="", title_fr__gt="").count() == 40
