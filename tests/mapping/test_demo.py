"""The mapping demo: the real EU Trust Fund projects, themes confirmed where clear, interviews; idempotent;
and the who-does-what-where matrix shows the Agadez and Tillabéri cells with their real projects."""

import csv
import html
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from cadre.accounts.models import User
from cadre.directory.models import AdminArea
from cadre.mapping import demo
from cadre.mapping.models import Intervention, MappingInterview
from cadre.workspaces import demo as workspace_demo

from ..core.helpers import db_snapshot

EUTF = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "eutf" / "eutf_projects_niger.csv"


@pytest.fixture
def demo_loaded(db):
    workspace_demo.load()
    demo.load()


def _rows():
    with open(demo.EUTF_FILE, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_demo_copy_of_the_eutf_file_is_unmodified():
    if not EUTF.exists():
        pytest.skip("../shared/data is not beside this checkout")
    assert demo.EUTF_FILE.read_bytes() == EUTF.read_bytes()


def test_mapping_demo_holds_one_intervention_per_eutf_project(demo_loaded):
    identifiers = {row["iati_id"] for row in _rows()}
    stored = set(Intervention.objects.values_list("iati_identifier", flat=True))
    assert identifiers <= stored
    assert MappingInterview.objects.filter(status="done").count() == 2
    assert all("démonstration" in notes for notes in MappingInterview.objects.values_list("notes", flat=True))


def test_mapping_demo_loaded_twice_changes_nothing(demo_loaded):
    before = db_snapshot()
    demo.load()
    assert db_snapshot() == before


def test_demo_matrix_shows_agadez_and_tillaberi_with_their_real_projects(demo_loaded):
    client = Client()
    client.force_login(User.objects.get(email="observer@demo.example.org"))
    slug = workspace_demo.MAIN_SLUG
    matrix = client.get(reverse("mapping:matrix", args=[slug])).content.decode()
    assert "Agadez" in matrix and "Tillabéri" in matrix
    for code in ("NE-1", "NE-6"):
        titles = [row["title"].strip() for row in _rows() if code in _codes(row["location_code"])]
        assert titles, code
        area = AdminArea.objects.get(code=code)
        assert f"area={area.pk}" in matrix  # the region's cells link to their interventions
        listed = html.unescape(
            client.get(reverse("mapping:interventions", args=[slug]) + f"?area={area.pk}").content.decode()
        )
        assert all(title[:40] in listed for title in titles[:20]), code


def _codes(cell):
    return {part.strip() for part in cell.replace(";", ",").split(",") if part.strip()}


def test_demo_interventions_entered_by_hand_say_they_are_examples(demo_loaded):
    entered = Intervention.objects.filter(source=Intervention.Source.INTERVIEW)
    assert entered.count() == len(demo.HAND_ENTERED)
    for intervention in entered:
        assert intervention.title_fr.startswith("Exemple de démonstration")
        assert intervention.participations.filter(role="implementing").exists()
        assert intervention.locations.exists() and intervention.themes.exists()
