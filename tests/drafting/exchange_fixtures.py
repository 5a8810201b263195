"""Documents and Word files for the exchange tests, built in code (no binary fixtures in the repository)."""

import datetime
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from cadre.drafting import services, textops
from cadre.drafting.models import Document, Section
from tests.factories import CountryFactory

STRATEGY_BODY = {
    "context": (
        "Niger is a country of **origin**, *transit* and destination[^1].\n"
        "\n"
        "The committee met in [Niamey](https://example.org/niamey) in 2016.\n"
        "\n"
        "[^1]: IOM, *Migration in Niger*, 2016.\n"
    ),
    "framework": (
        "The framework rests on:\n"
        "\n"
        "- law 2015-36 on the smuggling of migrants;\n"
        "- the national policy on **civil status**;\n"
        "  - its regional branches;\n"
        "- the decree of 2016.\n"
        "\n"
        "Its priorities, in order:\n"
        "\n"
        "1. protect vulnerable migrants;\n"
        "2. manage the borders;\n"
        "   1. the northern borders first;\n"
        "3. inform the public.\n"
    ),
    "axes": (
        "| Axis | Lead | Budget |\n"
        "| --- | --- | ---: |\n"
        "| Borders | Ministry of Interior | 1 200 |\n"
        "| Protection | Ministry of *Justice* | 800 |\n"
        "\n"
        "The budget is in millions of CFA francs.\n"
    ),
}


def make_strategy(world, *, language="en", by=None):
    """A three-level document with every kind of text a strategy uses; returns (document, sections by key)."""
    by = by or world.users["secretariat"]
    workspace = world.workspace
    workspace.programme = "MIEUX"
    workspace.reference = "MIEUX/NE/2016"
    workspace.save()
    workspace.expert_countries.set([CountryFactory(code="FR", name_fr="France", name_en="France")])
    document = services.create_document(
        workspace, by=by, title_fr="Stratégie nationale", title_en="National strategy", language=language
    )
    add = services.add_section
    sections = {}
    sections["context"] = add(document, title="Context", by=by, body=STRATEGY_BODY["context"])
    sections["framework"] = add(
        document, title="Legal framework", parent=sections["context"], by=by, body=STRATEGY_BODY["framework"]
    )
    sections["laws"] = add(
        document, title="National laws", parent=sections["framework"], by=by, body="Three laws apply.\n"
    )
    sections["axes"] = add(document, title="Strategic axes", by=by, body=STRATEGY_BODY["axes"])
    return document, sections


def add_sections(document, by, count, body):
    """`count` more top-level sections with the same body (for size and speed checks)."""
    for index in range(count):
        services.add_section(document, title=f"Section {index + 1}", by=by, body=body)


def expected_paragraphs(body: str) -> list[str]:
    """A Markdown body's paragraphs as a reader sees them: markup gone, footnote calls gone (they are marks).

    Computed from the source with textops, independently of the exporter's parser. Footnote definitions are not
    body paragraphs (they are Word footnotes).
    """
    found = []
    for line in body.splitlines():
        line = line.strip()
        if not line or re.match(r"^\|?\s*:?-{3,}", line) or re.match(r"^\[\^[^\]]+\]:", line):
            continue
        if line.startswith("|"):
            continue  # table rows are checked as tables
        line = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", line)
        line = re.sub(r"\[\^[^\]]+\]", "", line)
        found.append(textops.plain_line(line))
    return found


def docx_outline(data: bytes):
    """[(level, heading text, [body paragraph texts])] of an exported file, from its first heading on."""
    document = docx.Document(io.BytesIO(data))
    outline = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading "):
            outline.append((int(style.split()[1]), paragraph.text, []))
        elif outline and paragraph.text.strip():
            outline[-1][2].append(paragraph.text)
    return outline


def docx_tables(data: bytes) -> list[list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def docx_footnotes(data: bytes) -> dict[int, str]:
    """Footnote id → text, read from word/footnotes.xml directly (python-docx has no footnote API)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return {}
        from lxml import etree

        root = etree.fromstring(archive.read("word/footnotes.xml"))
    notes = {}
    for footnote in root.iter(qn("w:footnote")):
        note_id = int(footnote.get(qn("w:id")))
        if note_id > 0:
            notes[note_id] = "".join(t.text or "" for t in footnote.iter(qn("w:t"))).strip()
    return notes


# --- Word files as people write them ---------------------------------------------------------------------


def add_runs(paragraph, *parts):
    """Parts are strings, or (text, "b"/"i"/"bi") for formatted runs."""
    for part in parts:
        text, formatting = (part, "") if isinstance(part, str) else part
        run = paragraph.add_run(text)
        run.bold = "b" in formatting or None
        run.italic = "i" in formatting or None
    return paragraph


def add_hyperlink(paragraph, text, url):
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", attrs={qn("r:id"): rel_id})
    run = OxmlElement("w:r")
    run.text = text
    link.append(run)
    paragraph._p.append(link)


def real_world_docx(heading_style="Heading {level}") -> bytes:
    """A strategy as a ministry would send it: title, text before the first heading, numbered headings on
    three levels, formatting, bullet and numbered lists (one nested), a table and a link."""
    document = docx.Document()
    document.add_paragraph("Stratégie nationale de lutte contre la migration irrégulière", style="Title")
    add_runs(document.add_paragraph(), "Draft prepared by the ", ("inter-ministerial committee", "b"), ".")

    def heading(text, level):
        return document.add_paragraph(text, style=heading_style.format(level=level))

    heading("1. Context and diagnosis", 1)
    add_runs(document.add_paragraph(), "Niger is a country of ", ("transit", "i"), " and of ", ("origin", "bi"), ".")
    heading("1.1 Migration situation", 2)
    document.add_paragraph("Flows go north through Agadez.")
    document.add_paragraph("Border posts", style="List Bullet")
    document.add_paragraph("Assamaka", style="List Bullet 2")
    document.add_paragraph("Flow-monitoring points", style="List Bullet")
    heading("1.1.1 Sources", 3)
    paragraph = document.add_paragraph("See ")
    add_hyperlink(paragraph, "the IOM portal", "https://dtm.iom.int/niger")
    paragraph.add_run(".")
    heading("2 Objectives", 1)
    document.add_paragraph("Protect migrants", style="List Number")
    document.add_paragraph("Manage borders", style="List Number")
    table = document.add_table(rows=3, cols=2)
    rows = [("Axis", "Lead"), ("Borders", "Interior"), ("Justice | courts", "Justice")]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("The table lists the leads.")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def docx_bytes(build) -> bytes:
    """A .docx made by `build(document)`."""
    document = docx.Document()
    build(document)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def rezip(data: bytes, replace: dict) -> bytes:
    """The same .docx with some members replaced (bytes) or removed (None)."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename in replace:
                if replace[item.filename] is not None:
                    target.writestr(item.filename, replace[item.filename])
            else:
                target.writestr(item, source.read(item.filename))
        for name, content in replace.items():
            if content is not None and name not in source.namelist():
                target.writestr(name, content)
    return output.getvalue()


def document_count(workspace) -> tuple[int, int]:
    return Document.objects.filter(workspace=workspace).count(), Section.objects.filter(
        document__workspace=workspace
    ).count()


def record_adoption(document, release, by):
    services.record_adoption(
        document, release=release, reference="Décret n° 2017-123", adopted_on=datetime.date(2017, 3, 1), by=by
    )


# --- LibreOffice, when installed ---------------------------------------------------------------------------

LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(source: Path, target_format: str) -> Path:
    """Convert with LibreOffice headless, in a private profile (so runs in parallel do not collide)."""
    outdir = source.parent / f"converted-{target_format.split(':')[0]}"
    subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation={(source.parent / 'lo-profile').as_uri()}", "--headless"]
        + ["--convert-to", target_format, "--outdir", str(outdir), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return outdir / f"{source.stem}.{target_format.split(':')[0]}"
