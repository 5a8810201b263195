"""CSV and XLSX exports: one row per intervention, readable by Excel, and never a formula from user text."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation
from django.utils.text import capfirst

from cadre.mapping import queries
from cadre.mapping.exports import COLUMNS, export_csv, export_xlsx
from cadre.mapping.models import Intervention

from .test_export_data import WEIRD, WEIRD_CLEAN, build_mapping

HEADERS_EN = [
    "Identifier",
    "IATI identifier",
    "Own code",
    "Title (French)",
    "Title (English)",
    "Status",
    "Planned start",
    "Planned end",
    "Actual start",
    "Actual end",
    "Budget",
    "Currency",
    "Budget in EUR",
    "Funders",
    "Implementers",
    "Accountable",
    "Extending",
    "Themes",
    "Places",
    "Parent identifier",
    "Source",
    "Last confirmed",
]
INJECTIONS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.fixture
def mapping(world):
    return build_mapping(world)


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def _csv_rows(data):
    assert data.startswith("\ufeff".encode())  # the byte-order mark Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _xlsx_rows(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    return sheet, [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _rich(rows, mapping):
    return next(row for row in rows if row["IATI identifier"] == mapping.rich.iati_identifier)


def test_csv_has_one_row_per_intervention_with_every_column(world, mapping, english):
    data = export_csv(queries.interventions_of(world.workspace))
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == HEADERS_EN == [capfirst(str(column.header)) for column in COLUMNS]
    rows = _csv_rows(data)
    assert len(rows) == 3
    rich = _rich(rows, mapping)
    assert rich == {
        "Identifier": mapping.rich.iati_identifier,
        "IATI identifier": mapping.rich.iati_identifier,
        "Own code": "CTR-2016-01",
        "Title (French)": "Protection des migrants à Agadez",
        "Title (English)": "Protecting migrants in Agadez",
        "Status": "completed",
        "Planned start": "2016-04-01",
        "Planned end": "2019-03-31",
        "Actual start": "2016-05-15",
        "Actual end": "2019-06-30",
        "Budget": "1234567890.5",
        "Currency": "XOF",
        "Budget in EUR": "1882117.25",
        "Funders": "EU Emergency Trust Fund",
        "Implementers": "Ministry of Interior; International Organization for Migration",
        "Accountable": "EU Delegation to Niger",
        "Extending": "Comité régional de coopération de Tahoua",  # no English name: the French one
        "Themes": f"{world.theme.name_en}; Protection",
        "Places": "whole country (70%); Agadez; Assamaka; Eroufa; Tahoua (25.5%); ML (30%)",
        "Parent identifier": mapping.decision.iati_identifier,
        "Source": "mapping interview — Entretien OIM, 12 septembre 2016",
        "Last confirmed": "2016-09-12",
    }
    plain = next(row for row in rows if row["Own code"] == "ENT-7")
    assert plain["Identifier"] == "ENT-7" and plain["IATI identifier"] == ""
    assert plain["Budget"] == "" and plain["Planned end"] == ""


def test_csv_speaks_the_active_language(world, mapping):
    with translation.override("fr"):
        data = export_csv(queries.interventions_of(world.workspace))
        status = str(Intervention.Status.COMPLETED.label)
        header = capfirst(translation.gettext("title (French)"))
    assert header != "Title (French)"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][3] == header
    rich = next(row for row in rows[1:] if row[1] == mapping.rich.iati_identifier)
    assert rich[5] == status
    assert rich[13] == "Fonds fiduciaire d'urgence de l'UE"  # institutions by their French names


def test_csv_neutralises_formulas_and_keeps_accents(world, mapping, english):
    for index, text in enumerate(INJECTIONS):
        Intervention.objects.create(workspace=world.workspace, code=f"F{index}", title_fr=text, title_en=WEIRD)
    rows = _csv_rows(export_csv(queries.interventions_of(world.workspace)))
    titles = {row["Own code"]: (row["Title (French)"], row["Title (English)"]) for row in rows}
    for index, text in enumerate(INJECTIONS):
        assert titles[f"F{index}"] == ("'" + text, WEIRD_CLEAN)


def test_csv_of_an_empty_list_is_its_header(world, english):
    data = export_csv(Intervention.objects.none())
    assert data.decode("utf-8-sig").splitlines() == [",".join(HEADERS_EN)]


def test_xlsx_has_typed_cells_a_bold_frozen_header_and_widths(world, mapping, english):
    data = export_xlsx(queries.interventions_of(world.workspace))
    sheet, rows = _xlsx_rows(data)
    assert sheet.title == "Interventions"
    assert [cell.value for cell in sheet[1]] == HEADERS_EN
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width == 50
    assert len(rows) == 3
    rich = _rich(rows, mapping)
    assert rich["Planned start"] == datetime.datetime(2016, 4, 1)
    assert rich["Budget"] == pytest.approx(1234567890.5)
    assert rich["Budget in EUR"] == pytest.approx(1882117.25)
    assert rich["Implementers"] == "Ministry of Interior; International Organization for Migration"
    assert rich["Places"] == "whole country (70%); Agadez; Assamaka; Eroufa; Tahoua (25.5%); ML (30%)"
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == mapping.rich.iati_identifier)
    by_header = dict(zip(HEADERS_EN, row, strict=True))
    assert by_header["Planned start"].is_date and by_header["Planned start"].number_format == "yyyy-mm-dd"
    assert by_header["Budget"].data_type == "n" and by_header["Budget"].number_format == "#,##0.00"
    plain = next(r for r in rows if r["Own code"] == "ENT-7")
    assert plain["Budget"] is None and plain["Planned end"] is None


def test_xlsx_stores_formulas_as_text(world, english):
    for index, text in enumerate(INJECTIONS):
        Intervention.objects.create(
            workspace=world.workspace, code=f"F{index}", title_fr=text, title_en=WEIRD, budget=Decimal("5")
        )
    data = export_xlsx(queries.interventions_of(world.workspace))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in xml or b"<f " in xml for xml in sheets)  # no formula in the sheet's XML
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = {row[2].value: (row[3], row[4]) for row in sheet.iter_rows(min_row=2)}
    for index, text in enumerate(INJECTIONS):
        french, english_title = cells[f"F{index}"]
        assert french.value == text
        assert french.data_type == "s" and french.quotePrefix
        assert english_title.value == WEIRD_CLEAN and english_title.data_type == "s"
