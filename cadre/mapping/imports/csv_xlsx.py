"""Spreadsheets: CSV (UTF-8 with or without BOM, or Windows-1252; `,` `;` or tab between cells) and XLSX.

The first non-empty row holds the headings. Which column holds which intervention field is a *column
mapping* ({field: heading}), guessed from French or English headings and corrected by the secretariat on the
preview page. Rows are numbered as a spreadsheet program numbers them (the headings are row 1).
"""

import codecs
import csv
import itertools
import logging

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz, process

from .base import ImportRefused, Participant, Record
from .values import (
    derive_status,
    normal,
    parse_date,
    parse_decimal,
    split_codes,
    split_list,
    split_names,
    text,
)

logger = logging.getLogger(__name__)

csv.field_size_limit(16 * 1024 * 1024)  # a description may be long; the file size is limited anyway

# The fields a column can fill, in the order the preview shows them.
FIELDS = [
    ("title_fr", gettext_lazy("Title (French)")),
    ("title_en", gettext_lazy("Title (English)")),
    ("description_fr", gettext_lazy("Description (French)")),
    ("description_en", gettext_lazy("Description (English)")),
    ("code", gettext_lazy("Own code")),
    ("iati_identifier", gettext_lazy("IATI identifier")),
    ("status", gettext_lazy("Status")),
    ("planned_start", gettext_lazy("Planned start")),
    ("planned_end", gettext_lazy("Planned end")),
    ("actual_start", gettext_lazy("Actual start")),
    ("actual_end", gettext_lazy("Actual end")),
    ("budget", gettext_lazy("Budget")),
    ("currency", gettext_lazy("Currency")),
    ("funders", gettext_lazy("Funders")),
    ("accountable", gettext_lazy("Accountable institutions")),
    ("extending", gettext_lazy("Extending institutions")),
    ("implementers", gettext_lazy("Implementers")),
    ("regions", gettext_lazy("Regions or places")),
    ("countries", gettext_lazy("Countries")),
    ("sectors", gettext_lazy("Sectors (DAC codes)")),
    ("topics", gettext_lazy("Topics")),
    ("parent_identifier", gettext_lazy("Part of (identifier)")),
]
FIELD_NAMES = [name for name, _label in FIELDS]
ROLES = {"funders": "funding", "accountable": "accountable", "extending": "extending", "implementers": "implementing"}
LIMITS = {"code": 100, "iati_identifier": 150, "parent_identifier": 150}
TITLE_LIMIT = 500
HEADING_SEARCH = 20  # rows looked at for the headings

# Headings (as `normal()` writes them) that name a field for sure, then weaker ones used only when nothing
# better claimed the field: "titre" is the French title unless a column says "titre fr".
SYNONYMS = {
    "title_fr": (
        ["titre fr", "titre francais", "titre en francais", "title fr", "title french", "intitule fr"],
        [
            "titre",
            "title",
            "intitule",
            "intitule du projet",
            "titre du projet",
            "nom du projet",
            "project title",
            "projet",
            "project",
            "nom",
            "name",
            "project name",
        ],
    ),
    "title_en": (["titre en", "titre anglais", "titre en anglais", "title en", "title english", "english title"], []),
    "description_fr": (
        ["description fr", "description francais", "resume fr", "description en francais"],
        ["description", "resume", "summary", "objectif", "objectifs", "objectives", "descriptif"],
    ),
    "description_en": (["description en", "description anglais", "description english", "summary en"], []),
    "code": (
        ["code", "code projet", "code du projet", "project code", "reference", "ref", "own code", "code interne"],
        ["id", "numero", "no", "n", "identifiant"],
    ),
    "iati_identifier": (["iati identifier", "iati id", "identifiant iati", "iati", "iati activity identifier"], []),
    "status": (["statut", "status", "etat", "etat d avancement", "activity status", "situation"], []),
    "planned_start": (
        [
            "date debut",
            "date de debut",
            "debut",
            "start",
            "start date",
            "date start",
            "planned start",
            "debut prevu",
            "date de debut prevue",
            "date debut prevue",
            "planned start date",
        ],
        [],
    ),
    "planned_end": (
        [
            "date fin",
            "date de fin",
            "fin",
            "end",
            "end date",
            "date end",
            "planned end",
            "fin prevue",
            "date de fin prevue",
            "date fin prevue",
            "planned end date",
        ],
        [],
    ),
    "actual_start": (
        ["actual start", "debut effectif", "date de debut effective", "debut reel", "actual start date"],
        [],
    ),
    "actual_end": (["actual end", "fin effective", "date de fin effective", "fin reelle", "actual end date"], []),
    "budget": (
        [
            "budget",
            "montant",
            "amount",
            "cout",
            "cout total",
            "budget total",
            "total budget",
            "montant total",
            "budget eur",
            "budget en euros",
            "budget xof",
            "budget fcfa",
        ],
        ["total", "value", "valeur"],
    ),
    "currency": (["devise", "currency", "monnaie", "default currency"], []),
    "funders": (
        [
            "bailleur",
            "bailleurs",
            "bailleur de fonds",
            "bailleurs de fonds",
            "financement",
            "financeur",
            "financeurs",
            "funder",
            "funders",
            "donor",
            "donors",
            "partner funding",
            "funding",
            "funding organisation",
            "partenaire financier",
            "partenaires financiers",
            "pta",
            "ptf",
        ],
        [],
    ),
    "accountable": (["partner accountable", "accountable", "responsable", "tutelle", "maitre d ouvrage"], []),
    "extending": (["partner extending", "extending", "agence d execution", "extending organisation"], []),
    "implementers": (
        [
            "partner implementing",
            "implementing",
            "implementer",
            "implementers",
            "implementing partner",
            "implementing partners",
            "mis en oeuvre par",
            "mise en oeuvre",
            "partenaire de mise en oeuvre",
            "partenaires de mise en oeuvre",
            "operateur",
            "operateurs",
            "executant",
            "maitre d oeuvre",
        ],
        ["partenaires", "partenaire", "partners", "partner", "acteur", "acteurs", "institution", "institutions"],
    ),
    "regions": (
        [
            "region",
            "regions",
            "zone",
            "zones",
            "zone d intervention",
            "zones d intervention",
            "localisation",
            "location",
            "locations",
            "location code",
            "lieu",
            "lieux",
            "code region",
        ],
        [],
    ),
    "countries": (["pays", "country", "countries", "recipient country", "pays beneficiaire", "pays beneficiaires"], []),
    "sectors": (
        ["secteur", "secteurs", "secteur cad", "sector", "sectors", "dac sector", "oecd purpose", "code cad"],
        [],
    ),
    "topics": (["topics", "topic", "thematique", "thematiques", "axe", "axes", "domaine", "domaines"], []),
    "parent_identifier": (
        ["parent", "project parent", "programme parent", "part of", "fait partie de", "programme", "decision"],
        [],
    ),
}

STATUS_WORDS = {
    "pipeline": ["pipeline", "prevu", "planifie", "en preparation", "identification", "planned", "a venir", "1"],
    "ongoing": [
        "ongoing",
        "en cours",
        "implementation",
        "mise en oeuvre",
        "en execution",
        "active",
        "actif",
        "suspendu",
        "suspended",
        "2",
        "6",
    ],
    "completed": [
        "completed",
        "termine",
        "acheve",
        "cloture",
        "clos",
        "finalisation",
        "finished",
        "closed",
        "closing",
        "fini",
        "3",
        "4",
    ],
    "cancelled": ["cancelled", "canceled", "annule", "abandonne", "5"],
}
STATUSES = {word: status for status, words in STATUS_WORDS.items() for word in words}


def guess_columns(headings) -> dict:
    """{field: heading} for the headings that clearly name a field (exact words first, then near ones)."""
    free = {}
    for heading in headings:
        if normal(heading):
            free.setdefault(normal(heading), heading)
    found = {}
    for strength in (0, 1):
        for name in FIELD_NAMES:
            synonym = next((s for s in SYNONYMS[name][strength] if s in free), None)
            if name not in found and synonym is not None:
                found[name] = free.pop(synonym)
    for name in FIELD_NAMES:  # typos and variants: "Date de début prévu", "Bailleurs de fond"
        if name in found or not free:
            continue
        matches = [process.extractOne(s, list(free), scorer=fuzz.ratio, score_cutoff=88) for s in SYNONYMS[name][0]]
        matches = [match for match in matches if match]
        if matches:
            found[name] = free.pop(max(matches, key=lambda match: match[1])[0])
    return found


class Table:
    """The headings and rows of a CSV or XLSX file, read as a stream; use it as a context manager."""

    def __init__(self, path, fmt):
        self.path, self.format = path, fmt
        self.headings, self.heading_row = [], 0
        rows = self._open_xlsx() if fmt == "xlsx" else self._open_csv()
        # The headings are the first row naming at least two columns: a sheet often starts with its own title.
        first, ahead = [], []
        for number, values in rows:
            filled = sum(1 for value in values if text(value))
            if filled and not first:
                first = [number, values]
            if filled >= 2:
                self.heading_row, self.headings = number, _unique_headings(values)
                break
            ahead.append((number, values))
            if len(ahead) >= HEADING_SEARCH:
                break
        if not self.headings and first:
            self.heading_row, self.headings = first[0], _unique_headings(first[1])
            ahead = [(number, values) for number, values in ahead if number > first[0]]
        else:
            ahead = []
        if not self.headings:
            self.close()
            raise ImportRefused(_("The file has no headings row: the first row must name the columns."))
        self._rows = itertools.chain(ahead, rows)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        closer = getattr(self, "_close", None)
        if closer is not None:
            closer()
            self._close = None

    def fraction_read(self):
        return self._fraction() if getattr(self, "_fraction", None) else 0

    def rows(self):
        """(row number, {heading: value}) of each non-empty row after the headings."""
        for number, values in self._rows:
            if any(text(value) for value in values):
                yield number, dict(zip(self.headings, values, strict=False))

    def _open_csv(self):
        encoding = _csv_encoding(self.path)
        handle = open(self.path, encoding=encoding, errors="replace", newline="")  # noqa: SIM115 — closed by close()
        self._close = handle.close
        size = max(1, self.path.stat().st_size)
        self._fraction = lambda: handle.buffer.tell() / size
        sample = handle.read(64 * 1024)
        handle.seek(0)
        first = sample.lstrip("\ufeff").split("\n", 1)[0]
        delimiter = max(";,\t", key=first.count) if any(first.count(d) for d in ";,\t") else ","
        reader = csv.reader(handle, delimiter=delimiter)
        self.encoding, self.delimiter = encoding, delimiter
        return self._csv_rows(reader)

    @staticmethod
    def _csv_rows(reader):
        number = 0
        try:
            for values in reader:
                number += 1
                if number == 1 and values:
                    values[0] = values[0].lstrip("\ufeff")
                yield number, values
        except csv.Error as error:
            raise ImportRefused(
                _("The CSV file cannot be read at row %(row)s: %(error)s") % {"row": number + 1, "error": error}
            ) from error

    def _open_xlsx(self):
        import openpyxl

        handle = open(self.path, "rb")  # noqa: SIM115 — closed by close(); a stored upload has no .xlsx suffix
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            first = sheet.min_row or 1
            total = max(1, (sheet.max_row or 1) - first + 1)
        except Exception as error:  # a damaged file can fail in many ways inside openpyxl and zipfile
            handle.close()
            logger.info("unreadable XLSX %s: %r", self.path, error)
            raise ImportRefused(_damaged()) from error

        def close():
            workbook.close()
            handle.close()

        self._close = close
        self.encoding = self.delimiter = ""
        position = {"row": first}
        self._fraction = lambda: min(1, (position["row"] - first) / total)
        return self._xlsx_rows(sheet, first, position)

    @staticmethod
    def _xlsx_rows(sheet, first, position):
        iterator = sheet.iter_rows(values_only=True)
        number = first
        while True:
            try:
                values = next(iterator)
            except StopIteration:
                return
            except Exception as error:  # a truncated archive fails while the rows are read
                logger.info("unreadable XLSX row %s: %r", number, error)
                raise ImportRefused(_damaged()) from error
            position["row"] = number
            yield number, list(values)
            number += 1


def _damaged():
    return _(
        "This XLSX file cannot be read: it is damaged or incomplete. Save it again from the spreadsheet program "
        "(as .xlsx) and upload it again. Nothing was imported."
    )


def _csv_encoding(path):
    """UTF-8 (with or without BOM) when the whole file decodes as UTF-8, else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1024 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _unique_headings(values):
    headings, seen = [], {}
    for index, value in enumerate(values, 1):
        heading = text(value) or _("Column %(number)s") % {"number": index}
        seen[heading] = seen.get(heading, 0) + 1
        headings.append(heading if seen[heading] == 1 else f"{heading} ({seen[heading]})")
    return headings


def check_columns(columns, headings) -> tuple[dict, list]:
    """The mapping restricted to known fields and the file's headings, and the file-level errors it has."""
    errors, kept = [], {}
    for name, heading in (columns or {}).items():
        if name not in FIELD_NAMES or not heading:
            continue
        if heading in headings:
            kept[name] = heading
        else:
            errors.append(
                _("The column “%(column)s” chosen for “%(field)s” is not in the file.")
                % {"column": heading, "field": dict(FIELDS)[name]}
            )
    if not (kept.get("title_fr") or kept.get("title_en")):
        errors.append(_("Choose the column that holds the title (in French or in English)."))
    if not (kept.get("code") or kept.get("iati_identifier")):
        errors.append(_("Choose the column that holds an identifier (an own code or an IATI identifier)."))
    return kept, errors


def read(path, fmt, context, *, columns=None, progress=None):
    """Read a spreadsheet: returns (records, file-level errors, headings, the column mapping used)."""
    with Table(path, fmt) as table:
        chosen = columns if columns else guess_columns(table.headings)
        columns, errors = check_columns(chosen, table.headings)
        records = []
        for count, (number, row) in enumerate(table.rows(), 1):
            records.append(
                record_from_row(number, {name: row.get(heading) for name, heading in columns.items()}, context)
            )
            if progress and count % 500 == 0:
                progress(table.fraction_read())
    return records, errors, table.headings, columns


def record_from_row(number, cells, context) -> Record:
    """One intervention from a row's cells ({field: value}); what cannot be read becomes a problem of the row."""
    record = Record(line=number)
    labels = dict(FIELDS)

    def problem(name, message):
        record.problems.append(_("%(field)s: %(message)s") % {"field": labels[name], "message": message})

    for name in ("code", "iati_identifier", "parent_identifier"):
        value = text(cells.get(name))
        if len(value) > LIMITS[name]:
            problem(name, _("too long (at most %(limit)s characters).") % {"limit": LIMITS[name]})
        setattr(record, name, value[: LIMITS[name]])
    for name in ("title_fr", "title_en"):
        value = text(cells.get(name))
        if len(value) > TITLE_LIMIT:
            record.notes.append(_("%(field)s shortened to 500 characters.") % {"field": labels[name]})
        setattr(record, name, value[:TITLE_LIMIT])
    record.description_fr = text(cells.get("description_fr"))
    record.description_en = text(cells.get("description_en"))
    for name in ("planned_start", "planned_end", "actual_start", "actual_end"):
        try:
            setattr(record, name, parse_date(cells.get(name)))
        except ValueError as error:
            problem(name, error)
    try:
        record.budget = parse_decimal(cells.get("budget"))
    except ValueError as error:
        problem("budget", error)
    currency = text(cells.get("currency")).upper()
    if currency in ("FCFA", "CFA", "F CFA"):
        currency = "XOF"
    if currency and not (len(currency) == 3 and currency.isalpha()):
        problem("currency", _("“%(value)s” is not a three-letter currency code.") % {"value": currency})
    record.currency = currency[:3] if currency else "EUR"
    status = text(cells.get("status"))
    if status:
        record.status = STATUSES.get(normal(status), "")
        if not record.status:
            problem("status", _("“%(value)s” is not a status I know.") % {"value": status})
    else:
        record.status = derive_status(
            record.planned_start, record.planned_end, record.actual_start, record.actual_end, context.today
        )
    for name, role in ROLES.items():
        for institution in split_names(cells.get(name), context.known_names):
            record.participants.append(Participant(role, institution[:300]))
    if cells.get("regions") is not None or cells.get("countries") is not None:
        places, problems, notes = context.gazetteer.places(
            split_list(cells.get("regions")), split_list(cells.get("countries")), strict=True
        )
        record.places = places
        record.problems += problems
        record.notes += notes
    record.sectors = [sector(code) for code in split_codes(cells.get("sectors"))]
    record.topics = split_list(cells.get("topics"))
    return record


def sector(code, vocabulary=None, percentage=None) -> dict:
    """A sector as Intervention.sectors holds it: DAC 5-digit codes are vocabulary 1, 3-digit ones 2."""
    if vocabulary is None:
        vocabulary = "1" if code.isdigit() and len(code) == 5 else "2" if code.isdigit() and len(code) == 3 else "99"
    return {"vocabulary": vocabulary, "code": code, "percentage": float(percentage) if percentage is not None else None}
