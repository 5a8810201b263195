"""The EU Trust Fund's real Niger projects, imported into the demo workspace, once and then again."""

import csv
import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from cadre.core.models import AuditEvent
from cadre.mapping.imports import import_file, preview
from cadre.mapping.models import Cell, Intervention, Location, Participation
from cadre.workspaces import demo
from cadre.workspaces.models import Workspace

from ..core.helpers import db_snapshot
from .import_fixtures import EUTF_PROJECTS

D = datetime.date


@pytest.fixture
def niger(db):
    """The demo workspace "Niger: Irregular Migration", with Niger's eight regions NE-1…NE-8."""
    demo.load()
    return Workspace.objects.select_related("country").get(slug=demo.MAIN_SLUG)


@pytest.fixture
def imported(niger):
    with translation.override("en"):
        reading, the_plan, applied = import_file(niger, EUTF_PROJECTS, by=None)
    assert applied, [line.messages for line in the_plan.lines if line.messages]
    return the_plan


def _rows():
    with EUTF_PROJECTS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_eutf_import_creates_one_intervention_per_project(niger, imported):
    rows = _rows()
    assert (
        imported.summary()
        == {"create": len(rows), "update": 0, "unchanged": 0, "error": 0}
        == {
            "create": 82,
            "update": 0,
            "unchanged": 0,
            "error": 0,
        }
    )
    interventions = Intervention.objects.filter(workspace=niger)
    assert sorted(interventions.values_list("iati_identifier", flat=True)) == sorted(r["iati_id"] for r in rows)
    assert set(interventions.values_list("source", flat=True)) == {"file"}


def test_eutf_import_keeps_partners_budget_dates_places_and_topics(niger, imported):
    garkua = Intervention.objects.get(workspace=niger, iati_identifier="T05-EUTF-SAH-NE-12-03")
    assert garkua.title_fr.startswith("Garkua - Projet d'Appui à la Stabilité socioéconomique")
    assert garkua.description_fr.startswith("**Objectif général**")
    assert (garkua.budget, garkua.currency, garkua.budget_eur) == (
        Decimal("3138349.06"),
        "EUR",
        Decimal("3138349.06"),
    )
    assert garkua.topics == ["TFP.1"]
    assert [p.institution.name_fr for p in garkua.participations.filter(role="implementing")] == [
        "L’Association Nigérienne pour un Développement Durable (ANDD- Garkua)"
    ]
    assert [location.scope for location in garkua.locations.all()] == ["national"]

    archipelago = Intervention.objects.get(workspace=niger, iati_identifier="T05-EUTF-SAH-REG-15-01")
    assert archipelago.title_en == "Archipelago: an African-European TVET initiative"  # an English title
    assert archipelago.budget == Decimal("15000000")  # written 1.5e+07
    assert archipelago.planned_end == D(2022, 12, 9) and archipelago.status == "completed"
    scopes = sorted((loc.scope, loc.country_code) for loc in archipelago.locations.all())
    assert scopes[0] == ("national", "") and ("other_country", "BF") in scopes and len(scopes) == 12
    assert archipelago.parent.iati_identifier == "T05-EUTF-SAH-REG-15"

    mechanism = Intervention.objects.get(workspace=niger, iati_identifier="T05-EUTF-SAH-NE-01")
    roles = {(p.role, p.institution.name_fr) for p in mechanism.participations.select_related("institution")}
    assert ("funding", "EU Trust Fund for Africa") in roles
    assert ("accountable", "EU Delegation Niger") in roles
    # "International Organization for Migration" is the IOM of the directory (its English name), not a copy.
    assert ("implementing", "Organisation internationale pour les migrations") in roles
    assert mechanism.parent is None  # its "parent" is the Fund's results framework, not a project


def test_eutf_regional_project_has_its_regions_and_other_countries(niger, imported):
    resilience = Intervention.objects.get(workspace=niger, iati_identifier="T05-EUTF-SAH-REG-06")
    places = sorted(str(location) for location in resilience.locations.select_related("area"))
    assert places == ["BF", "ML", "MR", "Tahoua (NE-5)", "Tillabéri (NE-6)"]
    implementers = resilience.participations.filter(role="implementing").select_related("institution")
    assert [p.institution.name_fr for p in implementers] == ["United Nations High Commissioner for Refugees"]
    accountable = resilience.participations.filter(role="accountable").count()
    assert accountable == 4  # "EU Delegation Burkina Faso, EU Delegation Mali, …" in one cell


def test_agadez_and_tillaberi_interventions_exist_with_the_real_titles(niger, imported):
    agadez = Intervention.objects.filter(workspace=niger, locations__area__code="NE-1").distinct()
    tillaberi = Intervention.objects.filter(workspace=niger, locations__area__code="NE-6").distinct()
    assert "Plan d'Actions à Impact Economique Rapide à Agadez (PAIERA)" in {i.title_fr for i in agadez}
    assert "Mécanisme de Réponse et de Ressources pour les Migrants" in {i.title_fr for i in agadez}
    assert any(
        i.title_fr.startswith("Promotion de l'emploi pour le renforcement de la résilience économique")
        for i in tillaberi
    )
    assert agadez.count() == 13 and tillaberi.count() == 2  # as many as rows with NE-1 / NE-6


def test_eutf_import_records_every_new_row_in_the_audit_trail(niger, imported):
    created = AuditEvent.objects.filter(workspace_id=niger.pk, action="create")
    assert created.filter(content_type__model="intervention").count() == 82
    assert created.filter(content_type__model="participation").count() == Participation.objects.count()
    assert created.filter(content_type__model="location").count() == Location.objects.count()
    paiera = "Plan d'Actions à Impact Economique Rapide à Agadez (PAIERA)"
    event = created.get(content_type__model="intervention", object_repr=paiera)
    assert event.changes["budget"] == [None, "8000000.00"]  # written 8e+06
    assert event.changes["iati_identifier"] == [None, "T05-EUTF-SAH-NE-08"]
    child = Intervention.objects.get(workspace=niger, iati_identifier="T05-EUTF-SAH-NE-08-02")
    child_event = created.get(content_type__model="intervention", object_id=str(child.pk))
    assert child_event.changes["parent"] == [None, str(child.parent)]
    assert Cell.objects.filter(workspace=niger).exists()  # the who-does-what-where matrix is in step


def test_second_eutf_import_is_all_unchanged_and_changes_nothing(niger, imported):
    before = db_snapshot()
    reading, the_plan, applied = import_file(niger, EUTF_PROJECTS, by=None)
    assert the_plan.summary() == {"create": 0, "update": 0, "unchanged": 82, "error": 0}
    assert db_snapshot() == before


def test_eutf_preview_notes_what_it_left_out(niger):
    with translation.override("en"):
        reading, the_plan = preview(niger, EUTF_PROJECTS)
    assert reading.format == "eutf"
    notes = {line.key: line.notes for line in the_plan.lines if line.notes}
    assert notes == {"T05-EUTF-REG-REG-04": ["Place “LBY-TB” not recognised: left out."]}
    assert Intervention.objects.count() == 0
