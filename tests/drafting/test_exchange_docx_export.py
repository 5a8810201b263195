"""Word export: what the committee prints and circulates must be the release's text, laid out as Word expects."""

import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from docx.oxml.ns import qn
from lxml import etree

from cadre.drafting import services, textops
from cadre.drafting.exchange import export_docx, export_markdown
from tests.drafting.exchange_fixtures import (
    LIBREOFFICE,
    STRATEGY_BODY,
    docx_footnotes,
    docx_outline,
    docx_tables,
    expected_paragraphs,
    libreoffice_convert,
    make_strategy,
    record_adoption,
)


def _xml(data: bytes, member: str = "word/document.xml"):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(member))


def _all_text(data: bytes) -> str:
    return " ".join(t.text or "" for t in _xml(data).iter(qn("w:t")))


def _paragraph_styles(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]


@pytest.fixture
def strategy(world):
    return make_strategy(world)


def test_docx_export_text_equals_release_text(world, strategy):
    document, sections = strategy
    release = services.make_release(document, name="Draft 1", by=world.users["secretariat"])
    # Text written after the release is not part of it.
    services.save_section_text(
        sections["laws"],
        title="National laws",
        body="Rewritten later.\n",
        base_revision_id=sections["laws"].head_id,
        by=world.users["secretariat"],
    )

    data = export_docx(document, release=release)

    outline = docx_outline(data)
    assert [(level, heading) for level, heading, _body in outline] == [
        (item["level"], f"{item['number']} {item['title']}") for item in release.content
    ]
    for (_level, _heading, paragraphs), item in zip(outline, release.content, strict=True):
        assert paragraphs == expected_paragraphs(item["body"]), item["title"]
    assert docx_tables(data) == [
        [
            ["Axis", "Lead", "Budget"],
            ["Borders", "Ministry of Interior", "1 200"],
            ["Protection", "Ministry of Justice", "800"],
        ]
    ]
    assert docx_footnotes(data) == {1: "IOM, Migration in Niger, 2016."}
    assert "Rewritten later." not in _all_text(data)


def test_docx_export_current_text_without_release(world, strategy):
    document, sections = strategy
    data = export_docx(document)
    assert [heading for _level, heading, _body in docx_outline(data)] == [
        "1 Context",
        "1.1 Legal framework",
        "1.1.1 National laws",
        "2 Strategic axes",
    ]


def test_docx_export_cover_shows_workspace_facts_release_and_adoption(world, strategy):
    document, _sections = strategy
    by = world.users["secretariat"]
    release = services.make_release(document, name="Validated text", by=by)
    record_adoption(document, release, by)

    text = _all_text(export_docx(document, release=release))

    for fact in (
        "National strategy",
        "Niger: Irregular Migration",
        "Niger",
        world.workspace.requesting_authority.name_en,
        "MIEUX",
        "MIEUX/NE/2016",
        "France",
        "June 1, 2016",
        "April 30, 2017",
        "Validated text",
        "Décret n° 2017-123",
    ):
        assert fact in text, fact


def test_docx_export_adoption_is_not_claimed_for_another_release(world, strategy):
    document, _sections = strategy
    by = world.users["secretariat"]
    first = services.make_release(document, name="First draft", by=by)
    adopted = services.make_release(document, name="Adopted text", by=by)
    record_adoption(document, adopted, by)

    assert "Décret n° 2017-123" not in _all_text(export_docx(document, release=first))


def test_docx_export_cover_is_in_the_document_language(world):
    document, _sections = make_strategy(world, language="fr")
    text = _all_text(export_docx(document))
    assert "Stratégie nationale" in text
    assert world.workspace.title_fr in text
    assert "1 juin 2016" in text


def test_docx_export_has_a_word_table_of_contents_field(strategy):
    data = export_docx(strategy[0])
    instructions = " ".join(t.text for t in _xml(data).iter(qn("w:instrText")))
    assert 'TOC \\o "1-3" \\h \\z \\u' in instructions
    settings = _xml(data, "word/settings.xml")
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_docx_export_headings_use_word_heading_styles_by_level(strategy):
    styles = _paragraph_styles(export_docx(strategy[0]))
    assert ("Heading 1", "1 Context") in styles
    assert ("Heading 2", "1.1 Legal framework") in styles
    assert ("Heading 3", "1.1.1 National laws") in styles


def test_docx_export_lists_use_list_styles_and_numbered_lists_restart(world, strategy):
    document, sections = strategy
    services.add_section(document, title="Again", by=world.users["secretariat"], body="1. first\n2. second\n")
    data = export_docx(document)
    styles = _paragraph_styles(data)
    assert ("List Bullet", "law 2015-36 on the smuggling of migrants;") in styles
    assert ("List Bullet 2", "its regional branches;") in styles
    assert ("List Number", "protect vulnerable migrants;") in styles
    assert ("List Number 2", "the northern borders first;") in styles
    numbers = {}
    for p in docx.Document(io.BytesIO(data)).paragraphs:
        if p.style.name == "List Number":
            numbers.setdefault(p._p.pPr.numPr.numId.val, []).append(p.text)
    assert sorted(numbers.values()) == [
        ["first", "second"],
        ["protect vulnerable migrants;", "manage the borders;", "inform the public."],
    ]


def test_docx_export_formatting_becomes_bold_and_italic_runs(strategy):
    document = docx.Document(io.BytesIO(export_docx(strategy[0])))
    context = next(p for p in document.paragraphs if p.text.startswith("Niger is a country"))
    runs = [(run.text, bool(run.bold), bool(run.italic)) for run in context.runs if run.text]
    assert ("origin", True, False) in runs
    assert ("transit", False, True) in runs


def test_docx_export_table_uses_table_grid_with_bold_header(strategy):
    document = docx.Document(io.BytesIO(export_docx(strategy[0])))
    table = document.tables[0]
    assert table.style.name == "Table Grid"
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for run in table.rows[1].cells[0].paragraphs[0].runs)


def test_docx_export_footnotes_are_real_word_footnotes(strategy):
    data = export_docx(strategy[0])
    references = [ref.get(qn("w:id")) for ref in _xml(data).iter(qn("w:footnoteReference"))]
    assert references == ["1"]
    assert docx_footnotes(data)[1] == "IOM, Migration in Niger, 2016."


def test_docx_export_links_are_hyperlinks_only_for_safe_addresses(world):
    by = world.users["secretariat"]
    document = services.create_document(world.workspace, by=by, title_fr="Liens", language="en")
    services.add_section(
        document, title="Links", by=by, body="See [IOM](https://iom.int) and [this](javascript:alert(1)).\n"
    )
    data = export_docx(document)
    document_part = docx.Document(io.BytesIO(data)).part
    targets = [rel.target_ref for rel in document_part.rels.values() if rel.is_external]
    assert targets == ["https://iom.int"]
    # As on screen, a link to a script is not a link: its Markdown stays visible as plain text.
    assert docx_outline(data)[0][2] == ["See IOM and [this](javascript:alert(1))."]
    assert len(list(_xml(data).iter(qn("w:hyperlink")))) == 1


def test_docx_export_line_numbers_match_the_workshop_view(strategy):
    document, _sections = strategy
    outline = docx_outline(export_docx(document, line_numbers=True))
    framework = next(body for _level, heading, body in outline if heading == "1.1 Legal framework")
    lines = textops.workshop_lines(STRATEGY_BODY["framework"])
    assert framework == [f"\t{number}\t{line}" for number, line in enumerate(lines, 1)]


def test_docx_export_keeps_text_with_characters_xml_cannot_hold(world):
    by = world.users["secretariat"]
    document = services.create_document(world.workspace, by=by, title_fr="Contrôle", language="en")
    services.add_section(document, title="Pasted\x0b text", by=by, body="From a PDF:\x0c page two.\n")
    outline = docx_outline(export_docx(document))
    assert outline == [(1, "1 Pasted text", ["From a PDF: page two."])]


def test_docx_export_refuses_a_release_of_another_document(world, strategy):
    document, _sections = strategy
    other = services.create_document(world.workspace, by=world.users["secretariat"], title_fr="Autre")
    release = services.make_release(other, name="v1", by=world.users["secretariat"])
    with pytest.raises(ValidationError):
        export_docx(document, release=release)


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
def test_docx_export_converts_to_pdf_with_libreoffice(strategy, tmp_path):
    source = tmp_path / "strategy.docx"
    source.write_bytes(export_docx(strategy[0]))
    pdf = libreoffice_convert(source, "pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_markdown_export_has_numbered_headings_and_bodies_as_stored(world, strategy):
    document, _sections = strategy
    text = export_markdown(document)
    assert text.startswith("# 1 Context\n\n" + STRATEGY_BODY["context"])
    assert "\n## 1.1 Legal framework\n\n" + STRATEGY_BODY["framework"] in text
    assert "\n### 1.1.1 National laws\n\nThree laws apply.\n" in text
    assert "\n# 2 Strategic axes\n\n" + STRATEGY_BODY["axes"] in text


def test_markdown_export_of_a_release_is_the_frozen_text(world, strategy):
    document, sections = strategy
    by = world.users["secretariat"]
    release = services.make_release(document, name="v1", by=by)
    services.save_section_text(
        sections["laws"], title="Laws", body="Changed.\n", base_revision_id=sections["laws"].head_id, by=by
    )
    assert "### 1.1.1 National laws\n\nThree laws apply.\n" in export_markdown(document, release=release)
    assert "### 1.1.1 Laws\n\nChanged.\n" in export_markdown(document)


def test_docx_and_markdown_exports_of_an_empty_document(world):
    document = services.create_document(world.workspace, by=world.users["secretariat"], title_fr="Vide")
    data = export_docx(document)
    assert docx_outline(data) == []
    assert "Vide" in _all_text(data)
    assert export_markdown(document) == ""
