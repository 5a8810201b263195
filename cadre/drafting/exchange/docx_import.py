"""A Word file (.docx) as a new document: one section per heading, the text between headings as Markdown.

The file is not trusted: its size and unpacked size are checked before anything is parsed, python-docx parses
the XML without resolving entities, and what comes out is Markdown text (raw HTML in it stays text) shown
through the safe renderer. A bad file raises ValidationError and creates nothing.
"""

import io
import logging
import os
import re
import zipfile
import zlib

import docx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import LxmlError

from cadre.drafting import services
from cadre.drafting.models import Revision

from .docx_reader import TITLE_LENGTH, DocxReader

MAX_FILE_SIZE = 20 * 1024 * 1024
MAX_UNPACKED_SIZE = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
logger = logging.getLogger(__name__)
UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, LxmlError, PackageNotFoundError)


def import_docx(workspace, fileobj, *, by, title=None, language=None):
    """Create a document in `workspace` from a .docx file (an upload, an open binary file, or bytes)."""
    data = _read(fileobj)
    word = _open(data)
    try:
        parsed = DocxReader(word).read()
    except (*UNREADABLE, AttributeError, TypeError, IndexError) as error:
        # Whatever a strange file does to the reader, the user gets a clear message and the log the details.
        logger.warning("Word import failed", exc_info=True)
        raise ValidationError(_damaged()) from error
    if not parsed.sections:
        raise ValidationError(_("This Word file has no text to import."))
    language = language or _active_language()
    title = (title or "").strip() or parsed.title or _file_title(fileobj)
    with translation.override(language):
        title = title or _("Imported document")
        preamble = _("Preamble")
    title = title[:TITLE_LENGTH]
    with transaction.atomic():
        document = services.create_document(
            workspace,
            by=by,
            title_fr=title,
            title_en=title if language == "en" else "",
            language=language,
            from_template=False,
        )
        parents = []  # (heading level, section) of the headings the next one may nest under
        for section in parsed.sections:
            while parents and parents[-1][0] >= section.level:
                parents.pop()
            created = services.add_section(
                document,
                title=(section.title or preamble)[:TITLE_LENGTH],
                parent=parents[-1][1] if parents else None,
                by=by,
                body=section.body,
                kind=Revision.Kind.IMPORT,
            )
            if section.title:  # the preamble stands alone: headings after it never nest under it
                parents.append((section.level, created))
    # What the file held and the import left out on purpose, for the page to say (an annex made from records).
    document.annex_left_out = parsed.annex_left_out
    return document


def _read(fileobj) -> bytes:
    if isinstance(fileobj, bytes | bytearray | memoryview):
        data = bytes(fileobj)
    else:
        if hasattr(fileobj, "seek"):
            fileobj.seek(0)
        data = fileobj.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise ValidationError(
            _("The file is larger than %(size)s MB. Remove pictures or split it, then import it again.")
            % {"size": MAX_FILE_SIZE // (1024 * 1024)}
        )
    return data


def _open(data: bytes):
    """python-docx's reading of the file, once the archive is known to be a reasonable Word package."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(
            _("This is not a Word file (.docx). Save an older .doc file as .docx in Word or LibreOffice first.")
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except UNREADABLE as error:
        raise ValidationError(_damaged()) from error
    names = {member.filename for member in members}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise ValidationError(_("This file is not a Word document: it has no document text (word/document.xml)."))
    if len(members) > MAX_MEMBERS or sum(member.file_size for member in members) > MAX_UNPACKED_SIZE:
        raise ValidationError(
            _("This file unpacks to more than %(size)s MB: it cannot be imported.")
            % {"size": MAX_UNPACKED_SIZE // (1024 * 1024)}
        )
    try:
        return docx.Document(io.BytesIO(data))
    except UNREADABLE as error:
        raise ValidationError(_damaged()) from error


def _damaged():
    return _(
        "This Word file is damaged and cannot be read. Open it in Word or LibreOffice, save it again, then import it."
    )


def _active_language():
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return active if active in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _file_title(fileobj) -> str:
    name = os.path.basename(getattr(fileobj, "name", "") or "")
    stem = os.path.splitext(name)[0]
    return re.sub(r"[_\s]+", " ", stem).strip()
