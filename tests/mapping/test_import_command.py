"""import_interventions: the same import as the web pages, from the command line."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cadre.core.models import AuditEvent
from cadre.mapping.imports import save_column_mapping
from cadre.mapping.models import Intervention

from ..core.helpers import db_snapshot
from .import_fixtures import EUTF_PROJECTS, FRENCH_ROWS, IATI_DIR, csv_text, regions_fixture, write  # noqa: F401

pytestmark = pytest.mark.usefixtures("regions")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_interventions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_imports_and_records_the_user(world, tmp_path):
    path = write(tmp_path, "projets.csv", csv_text())
    out, err = _run("niger", str(path), "--by", "secretariat@example.org")
    assert "Imported: 3 created, 0 updated, 0 unchanged." in out and err == ""
    assert Intervention.objects.filter(workspace=world.workspace).count() == 3
    event = AuditEvent.objects.filter(content_type__model="intervention", action="create").first()
    assert event.actor == world.users["secretariat"]
    assert Intervention.objects.first().source_note == "projets.csv"


def test_command_dry_run_writes_nothing(world, tmp_path):
    path = write(tmp_path, "projets.csv", csv_text())
    before = db_snapshot()
    out, _err = _run("niger", str(path), "--dry-run")
    assert "Dry run, nothing written: 3 to create, 0 to update, 0 unchanged." in out
    assert db_snapshot() == before


def test_command_with_errors_exits_non_zero_prints_every_error_and_writes_nothing(world, tmp_path):
    rows = [list(row) for row in FRENCH_ROWS]
    rows[0][5] = "beaucoup"
    rows[2][4] = "2020-13-45"
    path = write(tmp_path, "errors.csv", csv_text(rows=rows))
    before = db_snapshot()
    err = io.StringIO()
    with pytest.raises(CommandError, match="The file has errors: nothing was imported."):
        call_command("import_interventions", "niger", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "row 2 (MI-2017-01): error: Budget: “beaucoup” is not an amount.",
        "row 4 (MI-2018-03): error: Planned end: “2020-13-45” is not a date (write it dd/mm/yyyy or yyyy-mm-dd).",
    ]
    assert db_snapshot() == before


def test_command_uses_a_saved_column_mapping(world, tmp_path):
    path = write(tmp_path, "odd.csv", "Dossier;Objet\nX-1;Formation des gardes\n")
    save_column_mapping(world.workspace, "Marchés", {"code": "Dossier", "title_fr": "Objet"})
    out, _err = _run("niger", str(path), "--mapping", "Marchés", "--format", "csv")
    assert "Columns: code ← Dossier, title_fr ← Objet" in out
    assert Intervention.objects.get(code="X-1").title_fr == "Formation des gardes"


def test_command_refuses_an_unreadable_file_and_unknown_names(world, tmp_path):
    with pytest.raises(CommandError, match="no workspace"):
        _run("nowhere", str(EUTF_PROJECTS))
    with pytest.raises(CommandError, match="no column mapping"):
        _run("niger", str(EUTF_PROJECTS), "--mapping", "Inconnue")
    with pytest.raises(CommandError, match="There is no file"):
        _run("niger", str(tmp_path / "missing.csv"))
    hostile = write(tmp_path, "x.xml", '<!DOCTYPE a [<!ENTITY b "c">]><iati-activities version="2.03"/>')
    with pytest.raises(CommandError, match="declares entities"):
        _run("niger", str(hostile))
    with pytest.raises(CommandError, match="The file has errors"):
        _run("niger", str(IATI_DIR / "example-minimal.xml"))
    assert Intervention.objects.count() == 0
