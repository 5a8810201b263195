"""IATI 2.03 export: every file validates against the official schema and says what Cadre knows, in IATI's words."""

import hashlib
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from cadre.mapping import queries
from cadre.mapping.exports import ExportRefused, export_iati, iati_gaps, validate_iati
from cadre.mapping.exports import iati as iati_module
from cadre.mapping.models import Intervention, Participation

from ..core.helpers import french
from .test_export_data import WEIRD, WEIRD_CLEAN, add_interventions, build_mapping

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "iati"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The order of iati-activity's children in the schema (the elements Cadre writes).
SCHEMA_ORDER = [
    "iati-identifier",
    "reporting-org",
    "title",
    "description",
    "participating-org",
    "other-identifier",
    "activity-status",
    "activity-date",
    "recipient-country",
    "location",
    "sector",
    "budget",
    "related-activity",
]


@pytest.fixture
def mapping(world):
    return build_mapping(world)


def _export(world, interventions=None, **kwargs):
    workspace = world.workspace
    if interventions is None:
        interventions = queries.interventions_of(workspace)
    data = export_iati(workspace, interventions, **kwargs)
    assert validate_iati(data) == []
    return data, etree.fromstring(data)


def _activity(root, identifier):
    found = [a for a in root.iter("iati-activity") if a.findtext("iati-identifier") == identifier]
    assert len(found) == 1, identifier
    return found[0]


def _narratives(element):
    return {n.get(XML_LANG): n.text for n in element.findall("narrative")}


def test_iati_export_of_a_rich_mapping_validates_and_says_everything(world, mapping):
    _data, root = _export(world)
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime")
    assert len(root.findall("iati-activity")) == 3
    rich = _activity(root, mapping.rich.iati_identifier)
    assert rich.get("default-currency") == "XOF"
    assert rich.get(XML_LANG) == "fr"
    assert rich.get("last-updated-datetime").startswith(str(mapping.rich.updated_at.year))
    tags = [child.tag for child in rich]
    assert tags == sorted(tags, key=SCHEMA_ORDER.index), "elements out of the schema's order"

    reporting = rich.find("reporting-org")
    assert reporting.get("ref") == "XM-CADRE-niger"  # the requesting authority has no IATI identifier
    assert reporting.get("type") == "10"
    assert _narratives(reporting)["fr"] == world.workspace.requesting_authority.name_fr
    assert _narratives(rich.find("title")) == {"fr": mapping.rich.title_fr, "en": mapping.rich.title_en}
    assert _narratives(rich.find("description")) == {
        "fr": mapping.rich.description_fr,
        "en": mapping.rich.description_en,
    }
    orgs = [(o.get("role"), o.get("ref"), o.get("type"), _narratives(o)) for o in rich.findall("participating-org")]
    assert ("1", "XI-IATI-EC_TF", None, {"fr": mapping.funder.name_fr, "en": mapping.funder.name_en}) in orgs
    assert ("2", None, "10", {"fr": mapping.accountable.name_fr, "en": mapping.accountable.name_en}) in orgs
    assert ("3", None, None, {"fr": mapping.extending.name_fr}) in orgs  # no English name: one narrative
    assert ("4", "XM-DAC-47066", "40", {"fr": mapping.implementer.name_fr, "en": mapping.implementer.name_en}) in orgs
    assert len(orgs) == 5
    other = rich.find("other-identifier")
    assert (other.get("ref"), other.get("type")) == ("CTR-2016-01", "A1")
    assert rich.find("activity-status").get("code") == "3"
    dates = {d.get("type"): d.get("iso-date") for d in rich.findall("activity-date")}
    assert dates == {"1": "2016-04-01", "2": "2016-05-15", "3": "2019-03-31", "4": "2019-06-30"}
    countries = [(c.get("code"), c.get("percentage")) for c in rich.findall("recipient-country")]
    assert countries == [("NE", "70"), ("ML", "30")]
    locations = sorted((loc.findtext("name/narrative"), _administrative(loc)) for loc in rich.findall("location"))
    assert locations == [
        ("Agadez", ("G1", "1", "NE-1")),
        ("Assamaka", ("G1", "1", "NE-1")),  # a border post: the code of its region
        ("Eroufa", None),  # its region is not known: its name only
        ("Tahoua", ("G1", "1", "NE-5")),
    ]
    sectors = [(s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in rich.findall("sector")]
    assert sectors == [("1", "15190", "60"), ("1", "15136", "40")]
    (budget,) = rich.findall("budget")
    assert budget.get("type") == "1"
    assert budget.find("period-start").get("iso-date") == "2016-05-15"  # actual dates before planned ones
    assert budget.find("period-end").get("iso-date") == "2019-06-30"
    value = budget.find("value")
    assert (value.text, value.get("currency"), value.get("value-date")) == ("1234567890.5", "XOF", "2016-05-15")
    related = [(r.get("type"), r.get("ref")) for r in rich.findall("related-activity")]
    assert related == [("1", mapping.decision.iati_identifier)]


def _administrative(location):
    found = location.find("administrative")
    return None if found is None else (found.get("vocabulary"), found.get("level"), found.get("code"))


def test_iati_parent_lists_its_children_including_built_identifiers(world, mapping):
    _data, root = _export(world)
    decision = _activity(root, mapping.decision.iati_identifier)
    related = sorted((r.get("type"), r.get("ref")) for r in decision.findall("related-activity"))
    assert related == sorted([("2", mapping.rich.iati_identifier), ("2", f"XM-CADRE-niger-{mapping.plain.pk}")])


def test_iati_intervention_without_identifier_gets_one_and_keeps_its_own_code(world, mapping):
    _data, root = _export(world)
    plain = _activity(root, f"XM-CADRE-niger-{mapping.plain.pk}")
    assert plain.find("other-identifier").get("ref") == "ENT-7"
    assert plain.find("activity-status").get("code") == "1"
    assert _narratives(plain.find("title")) == {"fr": "Appui à la police aux frontières"}
    # IATI requires a description: the title stands in for a missing one.
    assert _narratives(plain.find("description")) == {"fr": "Appui à la police aux frontières"}
    assert plain.find("budget") is None  # no budget, no end date
    assert plain.find("location") is None
    assert plain.find("recipient-country") is None  # no place: where it works is not known
    assert [(r.get("type"), r.get("ref")) for r in plain.findall("related-activity")] == [
        ("1", mapping.decision.iati_identifier)
    ]


def test_iati_prefix_and_reporting_org_follow_settings_and_directory(world, mapping, settings):
    settings.CADRE_IATI_IDENTIFIER_PREFIX = "NE-MI"
    authority = world.workspace.requesting_authority
    authority.iati_ref = "NE-MI-CNLTP"
    authority.save()
    _data, root = _export(world)
    assert {r.get("ref") for r in root.iter("reporting-org")} == {"NE-MI-CNLTP"}
    _activity(root, f"NE-MI-niger-{mapping.plain.pk}")


def test_iati_weird_text_is_escaped_and_control_characters_dropped(world, mapping):
    Intervention.objects.filter(pk=mapping.rich.pk).update(
        title_fr=WEIRD, title_en="\x01\x02", description_fr=WEIRD, iati_identifier='A&B<C>"D"\x0b'
    )
    mapping.implementer.name_fr = WEIRD
    mapping.implementer.save()
    data, root = _export(world)
    assert b"&amp;" in data and b"&lt;b&gt;" in data
    rich = _activity(root, 'A&B<C>"D"')
    assert _narratives(rich.find("title")) == {"fr": WEIRD_CLEAN}  # an English title of control characters only: none
    assert _narratives(rich.find("description"))["fr"] == WEIRD_CLEAN
    names = [_narratives(o).get("fr") for o in rich.findall("participating-org")]
    assert WEIRD_CLEAN in names
    decision = _activity(root, mapping.decision.iati_identifier)
    assert ("2", 'A&B<C>"D"') in [(r.get("type"), r.get("ref")) for r in decision.findall("related-activity")]


def test_iati_export_of_an_empty_list_is_refused_clearly(world):
    """The schema wants at least one iati-activity: an empty file would not validate, so none is made."""
    with pytest.raises(ExportRefused) as refusal:
        export_iati(world.workspace, Intervention.objects.none())
    assert french("There is no intervention in this list: an IATI file needs at least one.") == str(refusal.value)
    errors = validate_iati(b'<iati-activities version="2.03"/>')
    assert errors and "iati-activity" in errors[0]


def test_iati_leaves_out_what_it_cannot_take_and_says_so(world, mapping):
    no_dates = Intervention.objects.create(workspace=world.workspace, title_fr="Sans dates -- ni fin-")
    Participation.objects.create(intervention=no_dates, institution=world.institution, role="funding")
    nobody = Intervention.objects.create(workspace=world.workspace, title_fr="Personne", planned_start="2017-01-01")
    left_out = []
    data, root = _export(world, left_out=left_out)
    assert {item.pk for item, _gaps in left_out} == {no_dates.pk, nobody.pk}
    assert len(root.findall("iati-activity")) == 3
    comment = next(node for node in root.iterchildren() if isinstance(node, etree._Comment))
    assert f"XM-CADRE-niger-{no_dates.pk}" in comment.text and f"XM-CADRE-niger-{nobody.pk}" in comment.text
    assert iati_gaps(nobody) == [french("no institution (funding, accountable, extending or implementing)")]
    assert iati_gaps(no_dates) == [french("no start or end date")]
    with pytest.raises(ExportRefused) as refusal:
        export_iati(world.workspace, Intervention.objects.filter(pk__in=[no_dates.pk, nobody.pk]))
    assert "Personne" in str(refusal.value)


def test_iati_export_refuses_rather_than_hand_out_an_invalid_file(world, mapping, monkeypatch):
    monkeypatch.setattr(iati_module, "_sub", _drop_code(iati_module._sub))  # a bug: activity-status without code
    with pytest.raises(ExportRefused) as refusal:
        export_iati(world.workspace, queries.interventions_of(world.workspace))
    assert refusal.value.messages[0] == french("The IATI file does not validate against the IATI 2.03 schema:")
    assert any("code" in message for message in refusal.value.messages[1:])


def _drop_code(sub):
    def without_status_code(parent, tag, **attributes):
        if tag == "activity-status":
            attributes.pop("code", None)
        return sub(parent, tag, **attributes)

    return without_status_code


def test_validate_iati_reports_errors_and_expands_no_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<iati-activities version="2.03"><iati-activity><iati-identifier>&s;</iati-identifier>'
        "</iati-activity></iati-activities>"
    ).encode()
    errors = validate_iati(xxe)
    assert errors and not any("top secret" in error for error in errors)
    assert validate_iati(b"<iati-activities")[0].startswith("line 1:")


def test_iati_schema_is_an_unmodified_copy_of_the_official_one():
    ours = iati_module.DEFAULT_SCHEMA.parent
    if not SHARED.exists():
        pytest.skip("the project's shared/data/iati folder is not here to compare with")
    for name in ("iati-activities-schema.xsd", "iati-common.xsd", "xml.xsd"):
        assert (
            hashlib.sha256((ours / name).read_bytes()).digest() == hashlib.sha256((SHARED / name).read_bytes()).digest()
        ), name


def test_iati_schema_validates_the_official_examples_and_follows_the_setting(settings):
    if not SHARED.exists():
        pytest.skip("the project's shared/data/iati folder is not here")
    for name in ("example-minimal.xml", "example-results.xml"):
        # example-minimal has placeholder values ("xx") that the schema accepts as strings
        assert validate_iati((SHARED / name).read_bytes()) == [], name
    settings.CADRE_IATI_SCHEMA = str(SHARED / "iati-activities-schema.xsd")
    assert iati_module.schema_path() == SHARED / "iati-activities-schema.xsd"
    assert validate_iati((SHARED / "example-results.xml").read_bytes()) == []


def test_iati_export_runs_a_fixed_number_of_queries(world):
    add_interventions(world, 1)
    few = _count_queries(world)
    add_interventions(world, 4, start=1)
    assert _count_queries(world) == few


def _count_queries(world):
    with CaptureQueriesContext(connection) as context:
        export_iati(world.workspace, queries.interventions_of(world.workspace))
    return len(context)
