"""The EU Emergency Trust Fund for Africa's project list (data/eutf/eutf_projects_niger.csv and its kin).

One intervention per row. The file comes from the Fund's IATI publication, cleaned by a data-journalism team:
partners by IATI role, several names in one cell separated by commas; planned dates; budgets in euros, some
written `7e+06`; recipient countries ("BF, ML, NE") and location codes ("NE-1, NE-5", "ML-BKO"); topics
TFP.1–TFP.4. The file has no status: it is derived from the dates (see `values.derive_status`).
"""

import re

from django.utils.translation import gettext as _

from .base import ImportRefused, Participant, Record
from .csv_xlsx import TITLE_LIMIT, Table, sector
from .values import derive_status, guess_language, parse_date, parse_decimal, split_codes, split_list, text

REQUIRED = ("iati_id", "title")
SIGNATURE = {"iati_id", "partner_implementing", "recipient_country"}  # how detect.py recognises the file
ROLES = {
    "partner_funding": "funding",
    "partner_accountable": "accountable",
    "partner_extending": "extending",
    "partner_implementing": "implementing",
}
IDENTIFIER = re.compile(r"^\S+$")


def read(path, context, *, progress=None):
    """Returns (records, file-level errors) like the other readers."""
    with Table(path, "csv") as table:
        missing = [name for name in REQUIRED if name not in table.headings]
        if missing:
            raise ImportRefused(
                _("This is not an EU Trust Fund projects file: the columns %(columns)s are missing.")
                % {"columns": ", ".join(missing)}
            )
        records = []
        for count, (number, row) in enumerate(table.rows(), 1):
            records.append(record_from_row(number, row, context))
            if progress and count % 200 == 0:
                progress(table.fraction_read())
    return records, []


def record_from_row(number, row, context) -> Record:
    record = Record(line=number, iati_identifier=text(row.get("iati_id"))[:150], currency="EUR")
    title = text(row.get("title"))
    if len(title) > TITLE_LIMIT:
        record.notes.append(_("The title was shortened to 500 characters."))
    setattr(record, f"title_{guess_language(title)}", title[:TITLE_LIMIT])
    record.description_fr = text(row.get("summary"))
    for column, name in (("date_start", "planned_start"), ("date_end", "planned_end")):
        try:
            setattr(record, name, parse_date(row.get(column)))
        except ValueError as error:
            record.problems.append(f"{column}: {error}")
    try:
        record.budget = parse_decimal(row.get("budget"))
    except ValueError as error:
        record.problems.append(f"budget: {error}")
    record.status = derive_status(record.planned_start, record.planned_end, None, None, context.today)
    for column, role in ROLES.items():
        # Names in this file hold no commas: a comma always separates two partners.
        for name in split_list(row.get(column)):
            if not any(p.role == role and p.name.casefold() == name.casefold() for p in record.participants):
                record.participants.append(Participant(role, name[:300]))
    record.places, _problems, notes = context.gazetteer.places(
        split_codes(row.get("location_code")), split_codes(row.get("recipient_country"))
    )
    record.notes += notes
    record.topics = split_list(row.get("topics"))
    record.sectors = [sector(code) for code in split_codes(row.get("oecd_purpose"))]
    parent = text(row.get("project_parent"))
    # Decisions name the Fund's results framework as their "parent": not an intervention, left out.
    if parent and IDENTIFIER.match(parent) and parent != record.iati_identifier:
        record.parent_identifier = parent[:150]
    return record
