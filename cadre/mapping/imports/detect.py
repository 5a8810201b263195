"""Which format a file is, from its first bytes (never from its name alone: anyone can rename a file)."""

import zipfile

from django.utils.translation import gettext as _

from .base import ImportRefused

FORMATS = ("csv", "xlsx", "iati", "eutf")
SAMPLE = 64 * 1024


def sniff(path) -> str:
    """ "csv", "xlsx", "iati" or "eutf"; ImportRefused for a file none of the readers can take."""
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE)
    if not head.strip():
        raise ImportRefused(_("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return "xlsx"  # a damaged spreadsheet: its reader says so, clearly
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            raise ImportRefused(_("This is a Word document: import a spreadsheet (XLSX or CSV) or an IATI XML file."))
        raise ImportRefused(_("This archive is not a spreadsheet: import an XLSX, CSV or IATI XML file."))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            _("Old Excel files (.xls) cannot be read: save the sheet as .xlsx or CSV in the spreadsheet program.")
        )
    if head.startswith(b"%PDF"):
        raise ImportRefused(_("This is a PDF file: import a spreadsheet (XLSX or CSV) or an IATI XML file."))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: an XML file, or a spreadsheet's "Unicode text"
        if head[:200].decode("utf-16", "replace").lstrip("\ufeff \t\r\n").startswith("<"):
            return "iati"
        raise ImportRefused(
            _("This text file is in UTF-16: save it from the spreadsheet program as “CSV UTF-8” and import that.")
        )
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "iati"
    if b"\x00" in head:
        raise ImportRefused(_("This file is neither text nor a spreadsheet: import an XLSX, CSV or IATI XML file."))
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    headings = {cell.strip().strip('"').strip() for cell in first.replace(";", ",").split(",")}
    from .eutf import SIGNATURE

    if headings >= SIGNATURE:
        return "eutf"
    return "csv"
