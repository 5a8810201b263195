"""CSV and XLSX of a list of interventions: one row per intervention, the same columns in both.

Both read only what `queries.interventions_of` prefetches (participations with institutions, locations with
places, themes, parent), so an export runs a fixed number of queries whatever the number of rows.

A cell that a spreadsheet would take for a formula (text starting with = + - @, a tab or a carriage return) is
neutralised: in CSV it is prefixed with an apostrophe; in XLSX it is stored as a text cell marked "quote prefix",
which is what Excel does itself when someone types '=… in a cell.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..models import Intervention, Location, Participation
from .text import clean, percent, plain_decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATOR = "; "

TEXT, DATE, NUMBER = "text", "date", "number"
DATE_FORMAT = "yyyy-mm-dd"
NUMBER_FORMAT = "#,##0.00"


@dataclass(frozen=True)
class Column:
    key: str
    header: object  # a lazy translation, resolved in the language active when the file is written
    kind: str = TEXT
    width: int = 16


def _label(field_name):
    return Intervention._meta.get_field(field_name).verbose_name


COLUMNS = [
    Column("identifier", gettext_lazy("Identifier"), width=24),
    Column("iati_identifier", _label("iati_identifier"), width=24),
    Column("code", _label("code"), width=14),
    Column("title_fr", _label("title_fr"), width=50),
    Column("title_en", _label("title_en"), width=50),
    Column("status", _label("status"), width=12),
    Column("planned_start", _label("planned_start"), DATE, 12),
    Column("planned_end", _label("planned_end"), DATE, 12),
    Column("actual_start", _label("actual_start"), DATE, 12),
    Column("actual_end", _label("actual_end"), DATE, 12),
    Column("budget", _label("budget"), NUMBER, 16),
    Column("currency", _label("currency"), width=9),
    Column("budget_eur", _label("budget_eur"), NUMBER, 16),
    Column("funders", gettext_lazy("Funders"), width=30),
    Column("implementers", gettext_lazy("Implementers"), width=30),
    Column("accountable", gettext_lazy("Accountable"), width=30),
    Column("extending", gettext_lazy("Extending"), width=30),
    Column("themes", _label("themes"), width=30),
    Column("places", gettext_lazy("Places"), width=30),
    Column("parent", gettext_lazy("Parent identifier"), width=24),
    Column("source", _label("source"), width=24),
    Column("last_confirmed", _label("last_confirmed"), DATE, 12),
]

ROLE_COLUMNS = {
    "funders": Participation.Role.FUNDING,
    "implementers": Participation.Role.IMPLEMENTING,
    "accountable": Participation.Role.ACCOUNTABLE,
    "extending": Participation.Role.EXTENDING,
}


def headers() -> list[str]:
    return [capfirst(str(column.header)) for column in COLUMNS]


def row_of(intervention) -> list:
    """The intervention's cells in column order: text, `date`, `Decimal` or None."""
    names = {key: [] for key in ROLE_COLUMNS}
    by_role = {role: key for key, role in ROLE_COLUMNS.items()}
    for participation in intervention.participations.all():
        key = by_role.get(participation.role)
        if key is not None:
            names[key].append(participation.institution.name)
    values = {
        "identifier": intervention.identifier,
        "status": intervention.get_status_display(),
        "themes": SEPARATOR.join(theme.name for theme in intervention.themes.all()),
        "places": SEPARATOR.join(_place(location) for location in sorted(intervention.locations.all(), key=_scope)),
        "parent": intervention.parent.identifier if intervention.parent_id else "",
        "source": _source(intervention),
        **{key: SEPARATOR.join(found) for key, found in names.items()},
    }
    return [values[column.key] if column.key in values else getattr(intervention, column.key) for column in COLUMNS]


def _scope(location):
    """The whole country first, then its regions and places, then other countries (each group in its order)."""
    return {Location.Scope.NATIONAL: 0, Location.Scope.AREA: 1, Location.Scope.OTHER_COUNTRY: 2}.get(location.scope, 3)


def _place(location) -> str:
    if location.scope == Location.Scope.AREA and location.area_id:
        name = location.area.name
    elif location.scope == Location.Scope.OTHER_COUNTRY:
        name = location.country_code
    else:
        name = str(location.get_scope_display())
    share = percent(location.percentage)
    return f"{name} ({share})" if share else name


def _source(intervention) -> str:
    label = str(intervention.get_source_display())
    return f"{label} — {intervention.source_note}" if intervention.source_note else label


def _neutralised(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return plain_decimal(value)
    return _neutralised(clean(value))


def export_csv(interventions) -> bytes:
    """UTF-8 with a byte-order mark (so that Excel reads the accents), comma-separated, one row per intervention."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    for intervention in interventions:
        writer.writerow([_csv_cell(value) for value in row_of(intervention)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(interventions) -> bytes:
    """One sheet; bold, frozen header row; real dates and numbers; every text stored as text, never a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(clean(capfirst(str(Intervention._meta.verbose_name_plural)))[:31])
    for index, column in enumerate(COLUMNS, 1):  # write-only sheets take widths before the first row
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for text in headers():
        cell = _text_cell(sheet, text)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for intervention in interventions:
        cells = zip(COLUMNS, row_of(intervention), strict=True)
        sheet.append([_xlsx_cell(sheet, column, value) for column, value in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, column, value):
    if value is None or value == "":
        return None
    if column.kind == DATE:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if column.kind == NUMBER:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = NUMBER_FORMAT
        return cell
    return _text_cell(sheet, value)


def _text_cell(sheet, value):
    text = clean(value)
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would store "=…" as a formula
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell
