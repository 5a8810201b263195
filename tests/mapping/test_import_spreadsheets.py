"""CSV and XLSX imports: encodings, separators, the values people write, column mappings, damaged files."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from cadre.directory.models import Institution
from cadre.mapping.imports import ImportRefused, guess_columns, import_file, preview, read, save_column_mapping
from cadre.mapping.imports.detect import sniff
from cadre.mapping.imports.values import Gazetteer, parse_date, parse_decimal, split_names
from cadre.mapping.models import ColumnMapping, Intervention

from ..core.helpers import db_snapshot
from .import_fixtures import FRENCH_HEADINGS, FRENCH_ROWS, csv_text, regions_fixture, write, xlsx_bytes  # noqa: F401

D = datetime.date


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("7e+06", Decimal("7000000")),
        ("1.5e+07", Decimal("15000000")),
        ("1 250 000,50", Decimal("1250000.50")),
        ("1\u202f250\u00a0000", Decimal("1250000")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("3138349.06", Decimal("3138349.06")),
        ("12,5", Decimal("12.5")),
        ("2 000 000 €", Decimal("2000000")),
        (7000000.0, Decimal("7000000")),
        ("NULL", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_decimal_reads_what_people_write(written, expected):
    assert parse_decimal(written) == expected


def test_parse_decimal_refuses_words_and_absurd_amounts():
    with pytest.raises(ValueError, match="not an amount"):
        parse_decimal("about a million")
    with pytest.raises(ValueError, match="too large"):
        parse_decimal("1e+20")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("31/12/2019", D(2019, 12, 31)),
        ("2017-06-01", D(2017, 6, 1)),
        ("2017-06-01T00:00:00", D(2017, 6, 1)),
        ("01.03.2017", D(2017, 3, 1)),
        (datetime.datetime(2018, 1, 15, 10, 0), D(2018, 1, 15)),
        ("null", None),
    ],
)
def test_parse_date_reads_french_and_iso_dates(written, expected):
    assert parse_date(written) == expected


def test_parse_date_refuses_a_month_13_with_a_message():
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        parse_date("12/31/2019")


def test_split_names_splits_on_every_separator_but_keeps_known_names_whole():
    known = {"anltp tim", "ministere de l interieur de la securite publique"}
    cell = "OIM; HCR, GIZ / Enabel\nANLTP/TIM\nMinistère de l'Intérieur, de la Sécurité publique"
    assert split_names(cell, known=frozenset(known)) == [
        "OIM",
        "HCR",
        "GIZ",
        "Enabel",
        "ANLTP/TIM",
        "Ministère de l'Intérieur, de la Sécurité publique",
    ]


def test_gazetteer_matches_codes_and_names_without_accents_or_case():
    gazetteer = Gazetteer("NE", [("NE-1", "Agadez"), ("NE-6", "Tillabéri")], [("ML", "Mali")])
    places, problems, notes = gazetteer.places(["TILLABERI", "ne-01", "ML-7", "Mali"], ["BF", "NE"])
    assert [(p.scope, p.code) for p in places] == [
        ("area", "NE-6"),
        ("area", "NE-1"),
        ("other_country", "ML"),
        ("other_country", "BF"),
    ]
    assert problems == notes == []
    national, _problems, _notes = gazetteer.places([], ["NE"])
    assert [(p.scope, p.code) for p in national] == [("national", "")]
    _places, problems, _notes = gazetteer.places(["Atlantis"], strict=True)
    assert problems == ["Unknown place “Atlantis”."]


def test_guess_columns_from_french_and_english_headings():
    assert guess_columns(FRENCH_HEADINGS) == {
        "code": "Code projet",
        "title_fr": "Intitulé du projet",
        "status": "Statut",
        "planned_start": "Date de début",
        "planned_end": "Date de fin",
        "budget": "Montant",
        "currency": "Devise",
        "funders": "Bailleurs",
        "implementers": "Mis en œuvre par",
        "regions": "Régions",
    }
    english = [
        "Project title",
        "Title (English)",
        "IATI identifier",
        "Start date",
        "End date",
        "Donors",
        "Implementing partners",
        "Budget",
        "Country",
    ]
    assert guess_columns(english) == {
        "title_fr": "Project title",
        "title_en": "Title (English)",
        "iati_identifier": "IATI identifier",
        "planned_start": "Start date",
        "planned_end": "End date",
        "funders": "Donors",
        "implementers": "Implementing partners",
        "budget": "Budget",
        "countries": "Country",
    }
    assert guess_columns(["Date de debut prevu", "Bailleur de fond"]) == {
        "planned_start": "Date de debut prevu",
        "funders": "Bailleur de fond",
    }


@pytest.mark.usefixtures("regions")
def test_csv_in_windows_1252_with_semicolons_imports_every_value(world, tmp_path):
    path = write(tmp_path, "projets.csv", csv_text().encode("cp1252"))
    reading, the_plan, applied = import_file(world.workspace, path, by=world.users["secretariat"])

    assert (reading.format, the_plan.errors, applied) == ("csv", [], True)
    assert the_plan.summary() == {"create": 3, "update": 0, "unchanged": 0, "error": 0}
    first = Intervention.objects.get(workspace=world.workspace, code="MI-2017-01")
    assert first.title_fr == "Appui à la police des frontières à Agadez"
    assert (first.status, first.planned_start, first.planned_end) == ("ongoing", D(2017, 3, 1), D(2019, 12, 31))
    assert (first.budget, first.currency, first.budget_eur) == (Decimal("1250000.50"), "EUR", Decimal("1250000.50"))
    assert sorted((p.role, p.institution.name_fr) for p in first.participations.all()) == [
        ("funding", "Union européenne"),
        ("implementing", "Direction de la surveillance du territoire"),
        ("implementing", "OIM"),
    ]
    assert [str(location.area.code) for location in first.locations.all()] == ["NE-1"]
    second = Intervention.objects.get(workspace=world.workspace, code="MI-2017-02")
    assert (second.budget, second.planned_end, second.status) == (Decimal("7000000"), None, "ongoing")
    assert sorted(location.area.code for location in second.locations.all()) == ["NE-5", "NE-6"]
    assert sorted(p.institution.name_fr for p in second.participations.filter(role="funding")) == [
        "Coopération suisse",
        "GIZ",
    ]
    third = Intervention.objects.get(workspace=world.workspace, code="MI-2018-03")
    assert (third.status, third.currency, third.budget) == ("completed", "XOF", None)
    assert [location.scope for location in third.locations.all()] == ["national"]
    assert sorted(p.institution.name_fr for p in third.participations.all()) == ["HCR", "OIM"]


@pytest.mark.usefixtures("regions")
def test_csv_in_utf8_with_bom_and_commas_reads_the_same(world, tmp_path):
    bom = write(tmp_path, "bom.csv", "\ufeff" + csv_text(separator=","))
    plain = write(tmp_path, "semicolons.csv", csv_text())
    first = preview(world.workspace, bom)[0]
    second = preview(world.workspace, plain)[0]
    assert first.headings == second.headings == FRENCH_HEADINGS
    assert [r.__dict__ for r in first.records] == [r.__dict__ for r in second.records]


@pytest.mark.usefixtures("regions")
def test_csv_with_one_bad_row_changes_nothing_and_names_the_row(world, tmp_path):
    rows = [list(row) for row in FRENCH_ROWS]
    rows[1][3] = "31/02/2017"  # the spreadsheet's row 3
    rows[2][5] = "environ un million"  # row 4
    path = write(tmp_path, "errors.csv", csv_text(rows=rows))
    before = db_snapshot()

    _reading, the_plan, applied = import_file(world.workspace, path, by=world.users["secretariat"])

    assert applied is False
    assert db_snapshot() == before
    errors = {line.line: line.messages for line in the_plan.lines if line.action == "error"}
    assert errors == {
        3: ["Planned start: “31/02/2017” is not a date (write it dd/mm/yyyy or yyyy-mm-dd)."],
        4: ["Budget: “environ un million” is not an amount."],
    }


@pytest.mark.usefixtures("regions")
def test_csv_row_with_unknown_region_or_status_is_an_error(world, tmp_path):
    rows = [list(FRENCH_ROWS[0])]
    rows[0][9] = "Agadez; Atlantide"
    rows[0][2] = "peut-être"
    path = write(tmp_path, "unknown.csv", csv_text(rows=rows))
    the_plan = preview(world.workspace, path)[1]
    assert the_plan.lines[0].messages == [
        "Status: “peut-être” is not a status I know.",
        "Unknown place “Atlantide”.",
    ]


def test_csv_without_a_title_column_is_refused_as_a_whole(world, tmp_path):
    path = write(tmp_path, "no-title.csv", "Code;Montant\nA-1;100\n")
    reading, the_plan = preview(world.workspace, path)
    assert not the_plan.ok
    assert the_plan.errors == ["Choose the column that holds the title (in French or in English)."]


@pytest.mark.usefixtures("regions")
def test_second_import_of_the_same_csv_changes_nothing_at_all(world, tmp_path):
    path = write(tmp_path, "projets.csv", csv_text())
    import_file(world.workspace, path, by=world.users["secretariat"])
    before = db_snapshot()
    _reading, the_plan, _applied = import_file(world.workspace, path, by=world.users["secretariat"])
    assert the_plan.summary()["unchanged"] == 3
    assert db_snapshot() == before


@pytest.mark.usefixtures("regions")
def test_changed_row_is_an_update_with_the_fields_that_change(world, tmp_path):
    import_file(world.workspace, write(tmp_path, "v1.csv", csv_text()), by=world.users["secretariat"])
    rows = [list(row) for row in FRENCH_ROWS]
    rows[0][5] = "1 300 000"
    rows[0][8] = "OIM"
    the_plan = import_file(world.workspace, write(tmp_path, "v2.csv", csv_text(rows=rows)), by=None)[1]
    assert [(line.action, line.changes) for line in the_plan.lines] == [
        ("update", ["budget", "budget_eur", "participants"]),
        ("unchanged", []),
        ("unchanged", []),
    ]
    first = Intervention.objects.get(workspace=world.workspace, code="MI-2017-01")
    assert first.budget == Decimal("1300000")
    assert [p.institution.name_fr for p in first.participations.filter(role="implementing")] == ["OIM"]


@pytest.mark.usefixtures("regions")
def test_xlsx_with_a_saved_column_mapping_is_read_with_it_again(world, tmp_path):
    headings = ["Dossier", "Objet", "Attributaire", "Zone", "Coût (FCFA)", "Du", "Au"]
    rows = [["X-1", "Formation des gardes", "Garde nationale", "Diffa", 25000000, D(2019, 1, 1), "31/12/2020"]]
    path = write(tmp_path, "actions.xlsx", xlsx_bytes(headings, rows))
    reading, the_plan = preview(world.workspace, path)
    assert (reading.format, reading.columns) == ("xlsx", {"regions": "Zone"})  # the headings say too little
    assert not the_plan.ok

    columns = {
        "code": "Dossier",
        "title_fr": "Objet",
        "implementers": "Attributaire",
        "regions": "Zone",
        "budget": "Coût (FCFA)",
        "planned_start": "Du",
        "planned_end": "Au",
    }
    saved = save_column_mapping(world.workspace, "Tableau du ministère", {**columns, "nonsense": "Zone"})
    assert ColumnMapping.objects.get(workspace=world.workspace).columns == columns

    later = write(tmp_path, "actions-2.xlsx", xlsx_bytes(headings, rows + [["X-2", "Suite", "", "", None, None, None]]))
    _reading, the_plan, applied = import_file(world.workspace, later, by=None, columns=saved.columns)
    assert applied and the_plan.summary()["create"] == 2
    trained = Intervention.objects.get(workspace=world.workspace, code="X-1")
    assert (trained.budget, trained.planned_start, trained.planned_end) == (
        Decimal("25000000"),
        D(2019, 1, 1),
        D(2020, 12, 31),
    )
    assert [location.area.code for location in trained.locations.all()] == ["NE-2"]
    assert Institution.objects.filter(name_fr="Garde nationale").exists()


def test_saved_mapping_naming_a_missing_column_is_a_file_error(world, tmp_path):
    path = write(tmp_path, "other.csv", "Titre;Code\nUn;U-1\n")
    the_plan = preview(world.workspace, path, columns={"title_fr": "Titre", "code": "Code", "budget": "Montant"})[1]
    assert the_plan.errors == ["The column “Montant” chosen for “Budget” is not in the file."]


def test_truncated_xlsx_is_refused_clearly_and_writes_nothing(world, tmp_path):
    whole = xlsx_bytes(FRENCH_HEADINGS, FRENCH_ROWS * 50)
    path = write(tmp_path, "cut.xlsx", whole[: len(whole) * 2 // 3])
    before = db_snapshot()
    with pytest.raises(ImportRefused, match="damaged or incomplete"):
        import_file(world.workspace, path, by=None)
    assert db_snapshot() == before


def test_detect_recognises_each_format_from_its_content(tmp_path):
    from .import_fixtures import EUTF_PROJECTS, IATI_203

    assert sniff(EUTF_PROJECTS) == "eutf"
    assert sniff(write(tmp_path, "a.txt", csv_text())) == "csv"
    assert sniff(write(tmp_path, "b.bin", xlsx_bytes(["a"], [["b"]]))) == "xlsx"
    assert sniff(write(tmp_path, "c.csv", IATI_203)) == "iati"
    with pytest.raises(ImportRefused, match=r"\.xls"):
        sniff(write(tmp_path, "d.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100))
    with pytest.raises(ImportRefused, match="empty"):
        sniff(write(tmp_path, "e.csv", b""))


def test_file_over_the_size_limit_is_refused_before_it_is_read(world, tmp_path, settings):
    settings.MAPPING_IMPORT_MAX_BYTES = 1000
    path = write(tmp_path, "big.csv", csv_text() * 20)
    with pytest.raises(ImportRefused, match="larger than"):
        read(world.workspace, path)


@pytest.mark.usefixtures("regions")
def test_sheet_starting_with_its_own_title_finds_the_headings_below(world, tmp_path):
    rows = [["Cartographie des interventions — 2017"], [], FRENCH_HEADINGS, *FRENCH_ROWS]
    path = write(tmp_path, "titled.xlsx", xlsx_bytes(rows[0], rows[1:]))
    reading, the_plan = preview(world.workspace, path)
    assert reading.headings == FRENCH_HEADINGS
    assert [line.line for line in the_plan.lines] == [4, 5, 6] and the_plan.ok


def test_utf16_text_is_refused_with_the_way_out(world, tmp_path):
    path = write(tmp_path, "unicode.txt", csv_text(separator="\t").encode("utf-16"))
    with pytest.raises(ImportRefused, match="UTF-16"):
        read(world.workspace, path)
