"""IATI round trip: export a mapping, validate it, import it into an empty workspace, find the same interventions.

What IATI has no place for does not come back, by design (an intervention without description comes back with
its title as description, since IATI requires one): themes (a workspace's own), topics, the budget in
euros of a budget in another currency, the source and the date last confirmed, the share of a region. What the
IATI reader reads differently is said where the data is built: a border post comes back as its region, and a
"whole country" place next to regions comes back as the regions alone.
"""

from decimal import Decimal

import pytest
from django.utils import translation

from cadre.mapping import queries
from cadre.mapping.exports import activity_identifier, export_iati, validate_iati
from cadre.mapping.imports import import_file
from cadre.mapping.models import Intervention, Location

from .test_export_data import build_mapping

COMPARED = [
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "budget",
    "currency",
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def mapping(world):
    # Regions only (no border post), and no "whole country" next to them: what IATI carries both ways.
    mapping = build_mapping(world, national=False, border_posts=False)
    national = Intervention.objects.create(
        workspace=world.workspace,
        iati_identifier="XM-DAC-47066-NE-2017-02",
        title_fr="Retour volontaire et réintégration",
        title_en="Voluntary return and reintegration",
        description_en="Assisted voluntary return from Niger.",
        status=Intervention.Status.ONGOING,
        actual_start="2017-03-01",
        planned_end="2019-12-31",
        budget=Decimal("5000000"),
        currency="EUR",
        budget_eur=Decimal("5000000"),
        sectors=[{"vocabulary": "1", "code": "15190", "percentage": 100}],
    )
    national.participations.create(institution=mapping.implementer, role="implementing")
    national.participations.create(institution=mapping.funder, role="funding")
    Location.objects.create(intervention=national, scope="national", percentage=Decimal("60"))
    Location.objects.create(intervention=national, scope="other_country", country_code="ML", percentage=Decimal("40"))
    mapping.national = national
    return mapping


def test_iati_round_trip_into_an_empty_workspace_keeps_every_iati_field(world, mapping, tmp_path):
    source, target = world.workspace, world.other_workspace
    assert not target.interventions.exists()
    originals = list(queries.interventions_of(source))
    data = export_iati(source, originals)
    assert validate_iati(data) == []
    path = tmp_path / "niger-interventions.xml"
    path.write_bytes(data)

    reading, the_plan, applied = import_file(target, path, "iati", by=world.users["outsider"])

    assert the_plan.ok and applied, the_plan.as_report()
    assert the_plan.summary() == {"create": 4, "update": 0, "unchanged": 0, "error": 0}
    imported = {i.iati_identifier: i for i in queries.interventions_of(target)}
    assert set(imported) == {activity_identifier(source, original) for original in originals}
    for original in originals:
        copy = imported[activity_identifier(source, original)]
        assert _fields(copy) == _expected_fields(original), original
        assert _participants(copy) == _participants(original), original
        assert _places(copy) == _places(original), original
        assert _sectors(copy) == _sectors(original), original
        parent = activity_identifier(source, original.parent) if original.parent_id else None
        assert (copy.parent.iati_identifier if copy.parent_id else None) == parent, original
        if original.currency == "EUR":
            assert copy.budget_eur == original.budget_eur
    # An intervention without an IATI identifier comes back under the one the export gave it.
    assert f"XM-CADRE-niger-{mapping.plain.pk}" in imported


def test_iati_round_trip_twice_changes_nothing_the_second_time(world, mapping, tmp_path):
    path = tmp_path / "niger.xml"
    path.write_bytes(export_iati(world.workspace, queries.interventions_of(world.workspace)))
    import_file(world.other_workspace, path, "iati", by=world.users["outsider"])
    again = tmp_path / "elsewhere.xml"
    again.write_bytes(export_iati(world.other_workspace, queries.interventions_of(world.other_workspace)))
    _reading, the_plan, _applied = import_file(world.other_workspace, again, "iati", by=world.users["outsider"])
    assert the_plan.summary() == {"create": 0, "update": 0, "unchanged": 4, "error": 0}, the_plan.as_report()


def _fields(intervention):
    return {name: getattr(intervention, name) for name in COMPARED}


def _expected_fields(original):
    """IATI requires a description: the export writes the title in place of a missing one, and it comes back."""
    fields = _fields(original)
    if not (original.description_fr or original.description_en):
        fields.update(description_fr=original.title_fr, description_en=original.title_en)
    return fields


def _participants(intervention):
    return sorted((p.role, p.institution_id) for p in intervention.participations.all())


def _places(intervention):
    """(scope, code, share); IATI gives no share to a region."""
    return sorted(
        (loc.scope, loc.area.code if loc.area_id else loc.country_code, None if loc.area_id else loc.percentage)
        for loc in intervention.locations.all()
    )


def _sectors(intervention):
    return [
        (
            str(sector["vocabulary"]),
            str(sector["code"]),
            None if sector.get("percentage") is None else Decimal(str(sector["percentage"])),
        )
        for sector in intervention.sectors
    ]
