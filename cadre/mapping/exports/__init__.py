"""Exports of a list of interventions (normally `queries.interventions_of(workspace, filters)`):
CSV and XLSX with one row per intervention, and an IATI 2.03 activity file validated against the official schema.
"""

from .iati import ExportRefused, activity_identifier, export_iati, iati_gaps, validate_iati
from .tabular import COLUMNS, export_csv, export_xlsx

FORMATS = {  # format → (file extension, content type)
    "csv": ("csv", "text/csv; charset=utf-8"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "iati": ("xml", "application/xml; charset=utf-8"),
}


def export(fmt: str, workspace, interventions, *, left_out=None) -> bytes:
    """The list in one of `FORMATS`; `left_out` (IATI only) receives the interventions IATI could not take."""
    if fmt == "csv":
        return export_csv(interventions)
    if fmt == "xlsx":
        return export_xlsx(interventions)
    if fmt == "iati":
        return export_iati(workspace, interventions, left_out=left_out)
    raise ValueError(f"unknown export format {fmt!r}")


__all__ = [
    "COLUMNS",
    "FORMATS",
    "ExportRefused",
    "activity_identifier",
    "export",
    "export_csv",
    "export_iati",
    "export_xlsx",
    "iati_gaps",
    "validate_iati",
]
