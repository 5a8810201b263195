"""The EU Trust Fund results import: the real file onto the demo's real interventions, then edge cases on small
files (decimal comma, NULL, empty, text, unknown project, multi-line titles, Windows-1252); idempotent; all or
nothing; the command."""

import csv
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cadre.accounts.models import User
from cadre.mapping import demo as mapping_demo
from cadre.planning import imports
from cadre.planning.imports import ImportRefused, import_results, parse_value, source_key
from cadre.planning.models import Indicator, Measurement, Target
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.models import Workspace

from ..core.helpers import db_snapshot
from ..mapping.conftest import make_intervention


@pytest.fixture(autouse=True)
def _english():
    """These tests read the messages in English (their msgids); the pages' French is checked elsewhere."""
    with translation.override("en"):
        yield


RESULTS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "eutf" / "eutf_results_niger.csv"
HEAD = '"","iati_id","result_type","title","period_start","period_end","target","actual"\n'


def _csv(*rows, head=HEAD):
    lines = [head]
    for number, row in enumerate(rows, start=1):
        lines.append(",".join(f'"{cell}"' for cell in (str(number), *row)) + "\n")
    return "".join(lines).encode()


def _row(iati="NE-PROJ-1", title="3.7 Number of individuals trained on migration management and protection", **values):
    return (
        iati,
        values.get("result_type", "EUTF Common Output Indicators"),
        title,
        values.get("start", "2015-01-01"),
        values.get("end", "2025-12-31"),
        values.get("target", ""),
        values.get("actual", ""),
    )


@pytest.fixture
def projects(world):
    own = make_intervention(world.workspace, title="Projet A", iati_identifier="NE-PROJ-1")
    other = make_intervention(world.workspace, title="Projet B", iati_identifier="NE-PROJ-2")
    return own, other


# --- values ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("", None),
        ("NULL", None),
        ("null", None),
        ("0,8", Decimal("0.8")),
        ("262.00", Decimal("262")),
        ("5,250", Decimal("5250")),
        ("15,000", Decimal("15000")),
        ("1 200", Decimal("1200")),
        ("9.40", Decimal("9.4")),
    ],
)
def test_parse_value_reads_what_the_file_holds(raw, expected):
    assert parse_value(raw) == expected


@pytest.mark.parametrize("raw", ["n/a", "10%", "-5", "OUI\nLa plateforme", "4 politiques actualisées", "1,2,3"])
def test_parse_value_refuses_to_guess(raw):
    with pytest.raises(ValueError):
        parse_value(raw)


def test_source_key_fits_its_field_and_stays_distinct():
    long_title = "R.1 " + "très long intitulé " * 30
    first = source_key("T05-EUTF-SAH-NE-01", "OS1. " + "x" * 300, long_title)
    second = source_key("T05-EUTF-SAH-NE-01", "OS1. " + "x" * 300, long_title + " autre")
    assert len(first) <= 200 and len(second) <= 200 and first != second
    assert source_key("A", "B", "Nombre d’agents  Formés") == "A|B|nombre d agents formes"


# --- small files -------------------------------------------------------------------------------------------------


def test_import_creates_indicator_target_and_validated_measurement(world, projects):
    own, _other = projects
    data = _csv(_row(target="0,8", actual="262.00"))
    result = import_results(world.workspace, data, by=world.users["secretariat"])
    assert (result.created, result.updated, result.unchanged, result.reported) == (1, 0, 0, 0)
    indicator = Indicator.objects.get()
    assert indicator.intervention == own and indicator.plan is None
    assert indicator.definition_fr.startswith("3.7 Number of individuals")
    assert indicator.library_code == "EUTF 3.7"
    target = Target.objects.get()
    assert (target.period_start.isoformat(), target.period_end.isoformat(), target.value) == (
        "2015-01-01",
        "2025-12-31",
        Decimal("0.8"),
    )
    measurement = Measurement.objects.get()
    assert measurement.value == Decimal("262")
    assert measurement.status == Measurement.Status.VALIDATED
    assert measurement.source_key == indicator.source_key and measurement.validated_by == world.users["secretariat"]


def test_import_reports_unusable_values_and_imports_the_rest(world, projects):
    data = _csv(
        _row(title="Indicateur A", target="NULL", actual=""),
        _row(title="Indicateur B", target="4 politiques actualisées (ML, NE)"),
        _row(title="Indicateur C", actual="n/a"),
        _row(title="Indicateur D", actual="-3"),
        _row(iati="UNKNOWN-1", title="Indicateur E", actual="3"),
        _row(title="Indicateur F", target="10", start="", end=""),
        _row(title="Indicateur G", target="12"),
    )
    result = import_results(world.workspace, data, by=world.users["secretariat"])
    assert result.created == 2  # A (no values) and G
    assert set(Indicator.objects.values_list("definition_fr", flat=True)) == {"Indicateur A", "Indicateur G"}
    reported = {(problem.line, problem.column, problem.value) for problem in result.problems}
    assert reported == {
        (3, "target", "4 politiques actualisées (ML, NE)"),
        (4, "actual", "n/a"),
        (5, "actual", "-3"),
        (6, "iati_id", "UNKNOWN-1"),
        (7, "period_end", ""),
    }
    assert result.reported == 5
    assert "negative" in next(p.reason for p in result.problems if p.value == "-3")
    assert Target.objects.get().value == 12 and not Measurement.objects.exists()


def test_import_reads_multiline_quoted_titles_and_counts_lines_from_their_start(world, projects):
    data = _csv(
        _row(title="Titre sur\ndeux lignes", actual="OUI\nLa plateforme a été transférée"),
        _row(title="Suivant", actual="4"),
    )
    result = import_results(world.workspace, data, by=world.users["secretariat"])
    assert [(problem.line, problem.column) for problem in result.problems] == [(2, "actual")]
    assert Indicator.objects.get().definition_fr == "Suivant"


def test_import_reads_windows_1252(world, projects):
    data = _csv(_row(title="Nombre de bénéficiaires formés", target="1,5")).decode().encode("cp1252")
    result = import_results(world.workspace, data, by=world.users["secretariat"])
    assert result.created == 1
    assert Indicator.objects.get().definition_fr == "Nombre de bénéficiaires formés"
    assert Target.objects.get().value == Decimal("1.5")


def test_import_twice_changes_nothing(world, projects):
    data = _csv(_row(target="5,250", actual="188.00"), _row(iati="NE-PROJ-2", title="Taux", target="75"))
    import_results(world.workspace, data, by=world.users["secretariat"])
    before = db_snapshot()
    again = import_results(world.workspace, data, by=world.users["secretariat"])
    assert db_snapshot() == before
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_import_updates_a_changed_value(world, projects):
    import_results(world.workspace, _csv(_row(target="10", actual="4")), by=world.users["secretariat"])
    result = import_results(world.workspace, _csv(_row(target="12", actual="4")), by=world.users["secretariat"])
    assert (result.created, result.updated) == (0, 1)
    assert Target.objects.get().value == 12 and Indicator.objects.count() == 1


def test_identical_duplicate_rows_count_once_and_contradicting_ones_are_reported(world, projects):
    data = _csv(_row(title="Satisfaction", target="75"), _row(title="Satisfaction", target="75"))
    result = import_results(world.workspace, data, by=world.users["secretariat"])
    assert (result.created, result.unchanged, result.reported) == (1, 1, 0)
    data = _csv(_row(title="Autre", target="75"), _row(title="Autre", target="80"))
    result = import_results(world.workspace, data, by=world.users["secretariat"])
    assert [(problem.line, problem.column) for problem in result.problems] == [(3, "title")]
    assert Target.objects.get(indicator__definition_fr="Autre").value == 75


def test_import_keeps_a_value_reported_in_a_round(world, projects):
    import_results(world.workspace, _csv(_row(actual="4")), by=world.users["secretariat"])
    Measurement.objects.update(source_key="")  # as if the secretariat had entered it in a round
    result = import_results(world.workspace, _csv(_row(actual="9")), by=world.users["secretariat"])
    assert [problem.column for problem in result.problems] == ["actual"]
    assert Measurement.objects.get().value == 4


def test_dry_run_saves_nothing(world, projects):
    before = db_snapshot()
    result = import_results(world.workspace, _csv(_row(actual="4")), by=world.users["secretariat"], dry_run=True)
    assert result.created == 1 and result.dry_run
    assert db_snapshot() == before


def test_import_is_all_or_nothing(world, projects, monkeypatch):
    original = imports._import_row
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(imports, "_import_row", failing)
    before = db_snapshot()
    with pytest.raises(RuntimeError):
        import_results(
            world.workspace, _csv(_row(actual="4"), _row(title="B", actual="5")), by=world.users["secretariat"]
        )
    assert db_snapshot() == before


@pytest.mark.parametrize(
    "data",
    [b"", b"a,b,c\n1,2,3\n", HEAD.replace('"actual"', '"result"').encode()],
)
def test_a_file_without_the_columns_is_refused(world, projects, data):
    before = db_snapshot()
    with pytest.raises(ImportRefused):
        import_results(world.workspace, data, by=world.users["secretariat"])
    assert db_snapshot() == before


def test_interventions_of_another_workspace_are_not_matched(world, projects):
    other = world.other_workspace
    make_intervention(other, title="Ailleurs", iati_identifier="NE-ELSEWHERE")
    result = import_results(world.workspace, _csv(_row(iati="NE-ELSEWHERE", actual="3")), by=world.users["secretariat"])
    assert result.reported == 1 and not Indicator.objects.exists()


def test_command_imports_and_reports(world, projects, tmp_path):
    path = tmp_path / "results.csv"
    path.write_bytes(_csv(_row(actual="4"), _row(title="B", actual="n/a")))
    out = StringIO()
    call_command(
        "import_eutf_results", world.workspace.slug, str(path), "--by", world.users["secretariat"].email, stdout=out
    )
    text = out.getvalue()
    assert "line 3, actual “n/a”" in text
    assert "1 created, 0 updated, 0 unchanged, 1 reported" in text
    assert Indicator.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("import_eutf_results", "no-such-workspace", str(path))


# --- the real file ------------------------------------------------------------------------------------------------


@pytest.fixture
def demo_loaded(db):
    workspace_demo.load()
    mapping_demo.load()
    return Workspace.objects.get(slug=workspace_demo.MAIN_SLUG)


def test_real_results_file_imports_onto_the_real_interventions(demo_loaded):
    if not RESULTS.exists():
        pytest.skip("../shared/data is not beside this checkout")
    workspace = demo_loaded
    user = User.objects.get(email="secretariat@demo.example.org")
    data = RESULTS.read_bytes()
    with open(RESULTS, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    result = import_results(workspace, data, by=user)

    # Every row is accounted for: imported (created, or a duplicate of an earlier row) or reported.
    assert result.rows == len(rows)
    reported_values = {problem.value for problem in result.problems}
    assert {"4 politiques actualisées (ML, NE, BF, TD)", "Nouveaux espaces pour la phase II", "10%"} <= reported_values
    assert all(problem.column in ("target", "actual", "iati_id", "title") for problem in result.problems)
    assert Indicator.objects.filter(workspace=workspace, intervention__isnull=False).count() == result.created

    # A row checked by hand: T05-EUTF-SAH-REG-20-01, "4.1 bis …", actual 262.00, no target.
    indicator = Indicator.objects.get(
        intervention__iati_identifier="T05-EUTF-SAH-REG-20-01",
        definition_fr="4.1 bis Number of items of equipment provided to strengthen governance",
    )
    assert indicator.library_code == "EUTF 4.1 bis"
    assert [m.value for m in indicator.measurements.all()] == [Decimal("262")]
    assert not indicator.targets.exists()
    # The decimal comma: "0,8" is 0.8; the English thousands: "5,250" is 5250.
    assert Target.objects.filter(indicator__workspace=workspace, value=Decimal("0.8")).exists()
    assert Target.objects.filter(indicator__workspace=workspace, value=Decimal("5250")).exists()
    # Each indicator sits on the intervention named by its row.
    for row in rows[:50]:
        if row["title"].strip() and row["iati_id"] and row["target"] in ("", "NULL") and row["actual"] in ("", "NULL"):
            key = source_key(row["iati_id"], row["result_type"], row["title"])
            assert Indicator.objects.get(source_key=key).intervention.iati_identifier == row["iati_id"]

    before = db_snapshot()
    again = import_results(workspace, data, by=user)
    assert db_snapshot() == before
    assert again.created == 0 and again.updated == 0 and again.reported == result.reported


def test_import_page_shows_the_summary_and_the_reported_lines(world, projects):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from ..core.helpers import text_of

    url = reverse("planning:results_import", args=[world.workspace.slug])
    upload = SimpleUploadedFile("results.csv", _csv(_row(actual="4"), _row(title="B", actual="n/a")), "text/csv")
    response = world.client("secretariat").post(url, {"file": upload}, follow=True)
    assert response.status_code == 200 and response.redirect_chain[0][1] == 302
    report = response.context["report"]
    assert (report["created"], report["reported"]) == (1, 1)
    page = text_of(response)
    assert "<td data-label" in page and "n/a" in page
    assert Indicator.objects.count() == 1
    refused = world.client("secretariat").post(url, {"file": SimpleUploadedFile("x.csv", b"a,b\n1,2\n")})
    assert refused.status_code == 400 and Indicator.objects.count() == 1
