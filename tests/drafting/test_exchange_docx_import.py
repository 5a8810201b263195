"""Word import: a ministry's .docx becomes a document whose sections follow its headings; a bad file changes
nothing; the file's content is never trusted."""

import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from cadre.core.text import render_markdown
from cadre.drafting import services, textops
from cadre.drafting.exchange import docx_import, export_docx, import_docx
from cadre.drafting.models import Revision, Section
from tests.drafting.exchange_fixtures import (
    LIBREOFFICE,
    STRATEGY_BODY,
    add_hyperlink,
    add_runs,
    document_count,
    docx_bytes,
    docx_outline,
    libreoffice_convert,
    make_strategy,
    real_world_docx,
    rezip,
)


def _sections(document):
    """[(level, number, title, body)] in reading order."""
    return [(s["level"], s["number"], s["title"], s["body"]) for s in services.snapshot(document)]


def _import(world, data, **kwargs):
    kwargs.setdefault("language", "en")
    return import_docx(world.workspace, io.BytesIO(data), by=world.users["secretariat"], **kwargs)


def _w(xml: str):
    """A WordprocessingML element from its XML, the w: namespace declared on its start tag."""
    return parse_xml(xml.replace(">", f" {nsdecls('w')}>", 1))


def test_import_docx_makes_one_section_per_heading_nested_by_level(world):
    document = _import(world, real_world_docx())

    assert document.title_fr == "Stratégie nationale de lutte contre la migration irrégulière"
    assert [(level, number, title) for level, number, title, _body in _sections(document)] == [
        (1, "1", "Preamble"),
        (1, "2", "Context and diagnosis"),
        (2, "2.1", "Migration situation"),
        (3, "2.1.1", "Sources"),
        (1, "3", "Objectives"),
    ]


def test_import_docx_turns_text_into_markdown(world):
    bodies = {title: body for _level, _number, title, body in _sections(_import(world, real_world_docx()))}

    assert bodies["Preamble"] == "Draft prepared by the **inter-ministerial committee**.\n"
    assert bodies["Context and diagnosis"] == "Niger is a country of *transit* and of ***origin***.\n"
    assert bodies["Migration situation"] == (
        "Flows go north through Agadez.\n\n- Border posts\n  - Assamaka\n- Flow-monitoring points\n"
    )
    assert bodies["Sources"] == "See [the IOM portal](https://dtm.iom.int/niger).\n"
    assert bodies["Objectives"] == (
        "1. Protect migrants\n2. Manage borders\n\n"
        "| Axis | Lead |\n| --- | --- |\n| Borders | Interior |\n| Justice \\| courts | Justice |\n\n"
        "The table lists the leads.\n"
    )


def test_import_docx_records_import_revisions_by_the_importer(world):
    document = _import(world, real_world_docx())
    revisions = Revision.objects.filter(section__document=document)
    assert revisions.count() == 5
    assert set(revisions.values_list("kind", "author")) == {(Revision.Kind.IMPORT, world.users["secretariat"].pk)}


def test_import_docx_reads_french_heading_styles(world):
    def build(document):
        for level in (1, 2):
            style = document.styles.add_style(f"Titre {level}", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
        document.add_paragraph("2. Cadre juridique", style="Titre 1")
        document.add_paragraph("2.1. Lois nationales", style="Titre 2")
        document.add_paragraph("La loi 2015-36.")

    document = _import(world, docx_bytes(build), title="Stratégie", language="fr")
    assert [(level, title) for level, _number, title, _body in _sections(document)] == [
        (1, "Cadre juridique"),
        (2, "Lois nationales"),
    ]
    assert document.language == "fr" and document.title_fr == "Stratégie"


def test_import_docx_level_jump_nests_under_the_last_level_one(world):
    def build(document):
        document.add_heading("Chapter", 1)
        document.add_heading("Deep point", 3)
        document.add_heading("Next chapter", 1)
        document.add_heading("2017 and after", 1)

    sections = _sections(_import(world, docx_bytes(build)))
    assert [(level, number, title) for level, number, title, _body in sections] == [
        (1, "1", "Chapter"),
        (2, "1.1", "Deep point"),
        (1, "2", "Next chapter"),
        (1, "3", "2017 and after"),
    ]


def test_import_docx_language_is_the_active_one_unless_given(world):
    def build(document):
        document.add_paragraph("Avant-propos du ministre.")
        document.add_heading("Contexte", 1)

    with translation.override("en"):
        english = import_docx(world.workspace, docx_bytes(build), by=world.users["secretariat"])
        french = import_docx(world.workspace, docx_bytes(build), by=world.users["secretariat"], language="fr")
    assert english.language == "en" and english.title_en == english.title_fr
    assert _sections(english)[0][2:] == ("Preamble", "Avant-propos du ministre.\n")
    assert french.language == "fr" and french.title_en == ""
    with translation.override("fr"):
        assert _sections(french)[0][2] == translation.gettext("Preamble")


def test_import_docx_numbering_definitions_decide_bullets_and_numbers(world):
    def build(document):
        numbering = document.part.numbering_part.element
        numbering.insert(
            0,
            _w(
                '<w:abstractNum w:abstractNumId="90">'
                '<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl>'
                '<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>'
            ),
        )
        num = numbering.add_num(90)
        document.add_heading("Steps", 1)
        for text, level in (("Register", 0), ("at the border", 1), ("Refer", 0)):
            paragraph = document.add_paragraph(text)  # Normal style: only numPr says it is a list
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = num.numId

    body = _sections(_import(world, docx_bytes(build)))[0][3]
    assert body == "1. Register\n   - at the border\n2. Refer\n"
    assert "<ol>" in render_markdown(body) and "<ul>" in render_markdown(body)


def test_import_docx_keeps_raw_html_and_markdown_characters_as_literal_text(world):
    def build(document):
        document.add_heading("Notes <b>bold?</b>", 1)
        document.add_paragraph("<script>alert(1)</script> <img src=x onerror=alert(1)>")
        document.add_paragraph("# not a heading, *not italic*, [not](a link) and 2 * 3 = 6")
        document.add_paragraph("1. not a list")
        document.add_paragraph(r"C:\Temp\new & &amp; done")

    sections = _sections(_import(world, docx_bytes(build)))
    assert sections[0][2] == "Notes <b>bold?</b>"
    html = render_markdown(sections[0][3])
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<p># not a heading, *not italic*, [not](a link) and 2 * 3 = 6</p>" in html
    assert "<p>1. not a list</p>" in html
    assert "<p>C:\\Temp\\new &amp; &amp;amp; done</p>" in html


def test_import_docx_links_only_for_web_and_mail_addresses(world):
    def build(document):
        document.add_heading("Links", 1)
        for text, url in (("site", "https://iom.int"), ("mail", "mailto:cim@example.org"), ("bad", "javascript:x()")):
            add_hyperlink(document.add_paragraph(), text, url)
        add_hyperlink(document.add_paragraph(), "file", "file:///etc/passwd")

    body = _sections(_import(world, docx_bytes(build)))[0][3]
    assert body == "[site](https://iom.int)\n\n[mail](mailto:cim@example.org)\n\nbad\n\nfile\n"


def test_import_docx_reads_link_fields_tracked_changes_and_keeps_no_break_spaces(world):
    def build(document):
        document.add_heading("Fields", 1)
        paragraph = document.add_paragraph("Voir\u00a0: ")
        for xml in (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://iom.int/fr" </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            "<w:r><w:t>le site</w:t></w:r>",
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            '<w:ins w:id="1" w:author="x"><w:r><w:t xml:space="preserve"> et ceci</w:t></w:r></w:ins>',
            '<w:del w:id="2" w:author="x"><w:r><w:delText> pas cela</w:delText></w:r></w:del>',
            "<w:r><w:t>.</w:t></w:r>",
        ):
            paragraph._p.append(_w(xml))

    body = _sections(_import(world, docx_bytes(build)))[0][3]
    assert body == "Voir\u00a0: [le site](https://iom.int/fr) et ceci.\n"


def test_import_docx_tables_escape_pipes_and_join_lines(world):
    def build(document):
        document.add_heading("Table", 1)
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Who", "What"
        table.cell(1, 0).text = "A | B"
        cell = table.cell(1, 1)
        cell.text = "first line"
        add_runs(cell.add_paragraph(), ("second", "b"), " line")

    body = _sections(_import(world, docx_bytes(build)))[0][3]
    assert body == "| Who | What |\n| --- | --- |\n| A \\| B | first line **second** line |\n"


def test_import_docx_skips_the_word_table_of_contents(world):
    def build(document):
        toc = document.styles.add_style("toc 1", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
        toc.element.styleId = "TOC1"
        document.add_paragraph("1 Context ..... 3", style="toc 1")
        document.add_heading("1 Context", 1)
        document.add_paragraph("Text.")

    assert _sections(_import(world, docx_bytes(build))) == [(1, "1", "Context", "Text.\n")]


def test_import_docx_does_not_resolve_external_entities(world):
    data = docx_bytes(lambda document: (document.add_heading("Title", 1), document.add_paragraph("Hello")))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    declaration, rest = xml.split("?>", 1)
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    hostile = rezip(data, {"word/document.xml": (declaration + "?>" + doctype + rest.replace("Hello", "Hi &xxe;"))})

    bodies = [body for _level, _number, _title, body in _sections(_import(world, hostile))]
    assert not any("root:" in body for body in bodies)


def _zip(members: dict) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


def _bomb() -> bytes:
    """A small .docx that unpacks to 201 MB (written in chunks: the test itself stays light)."""
    output = io.BytesIO(docx_bytes(lambda document: document.add_paragraph("Hello")))
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(output, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("word/media/pad.bin", "w") as pad:
        for _megabyte in range(201):
            pad.write(chunk)
    return output.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"%PDF-1.7 not a word file", "not a Word file"),
        (lambda: b"\xd0\xcf\x11\xe0 an old .doc", "not a Word file"),
        (lambda: _zip({"hello.txt": "hi"}), "no document text"),
        (
            lambda: rezip(docx_bytes(lambda d: d.add_paragraph("x")), {"word/document.xml": b"<w:document><oops"}),
            "damaged",
        ),
        (lambda: _bomb(), "unpacks to more than 200 MB"),
        (lambda: docx_bytes(lambda d: None), "no text"),
        (lambda: docx_bytes(lambda d: d.add_paragraph("Only a title", style="Title")), "no text"),
    ],
    ids=["not-zip", "old-doc", "no-document-xml", "corrupt-xml", "zip-bomb", "empty", "title-only"],
)
def test_import_docx_bad_file_creates_nothing(world, make, message):
    before = document_count(world.workspace)
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        _import(world, make())
    assert message in " ".join(raised.value.messages)
    assert document_count(world.workspace) == before


def test_import_docx_too_large_file_creates_nothing(world, monkeypatch):
    monkeypatch.setattr(docx_import, "MAX_FILE_SIZE", 1000)
    before = document_count(world.workspace)
    with translation.override("en"), pytest.raises(ValidationError, match="larger than 0 MB"):
        _import(world, real_world_docx())
    assert document_count(world.workspace) == before


def test_import_docx_failure_midway_creates_nothing(world, monkeypatch):
    calls = []
    real_add_section = services.add_section

    def failing_add_section(*args, **kwargs):
        calls.append(kwargs["title"])
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real_add_section(*args, **kwargs)

    monkeypatch.setattr(services, "add_section", failing_add_section)
    before = document_count(world.workspace)
    with pytest.raises(RuntimeError):
        _import(world, real_world_docx())
    assert document_count(world.workspace) == before


def test_docx_round_trip_keeps_headings_and_paragraphs(world):
    source = real_world_docx()
    document = _import(world, source)

    exported = docx_outline(export_docx(document))

    original = docx.Document(io.BytesIO(source))
    headings = [(int(p.style.name[-1]), p.text) for p in original.paragraphs if p.style.name.startswith("Heading")]
    assert [(level, heading.split(" ", 1)[1]) for level, heading, _body in exported] == [
        (1, "Preamble"),
        *((level, text.split(" ", 1)[1]) for level, text in headings),
    ]
    paragraphs = [p.text for p in original.paragraphs if p.text and p.style.name not in ("Title",)]
    paragraphs = [text for text in paragraphs if (1, text) not in headings and text not in dict(headings).values()]
    assert [text for _level, _heading, body in exported for text in body] == paragraphs


def test_docx_round_trip_of_an_export_gives_back_the_same_text(world):
    document, _made = make_strategy(world)

    again = _import(world, export_docx(document))

    assert (again.title_fr, again.title_en) == ("National strategy", "National strategy")  # as on the cover
    assert [(level, number, title) for level, number, title, _body in _sections(again)] == [
        (level, number, title) for level, number, title, _body in _sections(document)
    ]
    bodies = [body for _level, _number, _title, body in _sections(again)]
    # Column alignment is the one thing a Word table does not carry back.
    assert bodies == [
        STRATEGY_BODY["context"],
        STRATEGY_BODY["framework"],
        "Three laws apply.\n",
        STRATEGY_BODY["axes"].replace("---:", "---"),
    ]
    assert textops.workshop_lines(bodies[1]) == textops.workshop_lines(STRATEGY_BODY["framework"])
    assert Section.objects.filter(document=again).count() == 4


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
def test_docx_round_trip_through_libreoffice_gives_back_the_same_text(world, tmp_path):
    """An expert edits the exported file in LibreOffice and saves it: the import reads LibreOffice's Word."""
    document, _made = make_strategy(world)
    source = tmp_path / "exported.docx"
    source.write_bytes(export_docx(document))

    again = _import(world, libreoffice_convert(source, "docx:MS Word 2007 XML").read_bytes())

    assert again.title_fr == "National strategy"
    expected = [(level, title, body.replace("---:", "---")) for level, _n, title, body in _sections(document)]
    assert [(level, title, body) for level, _n, title, body in _sections(again)] == expected
