"""The action-plan matrix as an annex of the strategy's Word and PDF exports, through drafting's generic
"drafting.export" panels: drafting never imports planning."""

import io
from decimal import Decimal

import docx
import lxml.html
import pytest
from django.urls import reverse

from cadre.core.navigation import panels_for
from cadre.drafting import services
from cadre.drafting.exchange import document_html, export_docx, export_markdown, export_pdf, import_docx
from cadre.planning import matrix
from cadre.planning.models import Cost


@pytest.fixture(autouse=True)
def _annex_registered():
    """PlanningConfig.ready() registers it; registering again is a no-op (the same panel is not added twice)."""
    matrix.register_annex()


@pytest.fixture
def strategy(world, planned):
    document = services.create_document(
        world.workspace, by=world.users["secretariat"], title_fr="Stratégie nationale", title_en="National strategy"
    )
    services.add_section(document, title="Contexte", by=world.users["secretariat"])
    planned.plan.document = document
    planned.plan.save()
    planned.own_action.title_fr = "Équiper les postes frontières d'Assamaka et de Makalondi"
    planned.own_action.save()
    Cost.objects.create(action=planned.own_action, year=2018, amount=Decimal(2_500_000), currency="XOF")
    return document


def test_the_annex_is_registered_once_and_only_for_documents_with_a_plan(world, strategy, planned):
    matrix.register_annex()
    annexes = panels_for(matrix.ANNEX_PLACE, strategy, None)
    assert len(annexes) == 1
    (table,) = annexes[0]["context"]["tables"]
    assert table["plan"] == planned.plan and len(table["rows"]) == 2
    other = services.create_document(world.workspace, by=world.users["secretariat"], title_fr="Autre document")
    assert panels_for(matrix.ANNEX_PLACE, other, None) == []


def test_docx_export_ends_with_the_matrix_on_landscape_pages(strategy, planned):
    exported = docx.Document(io.BytesIO(export_docx(strategy)))
    headings = [p.text for p in exported.paragraphs if p.style.name == "Cadre Annex"]
    assert exported.styles["Cadre Annex"].base_style.name == "Heading 1"  # in Word's outline and contents
    assert headings[-1].endswith(f" — {planned.plan.title}")
    table = exported.tables[-1]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert len(cells) == 3  # header + one row per action
    assert any("Équiper les postes frontières d'Assamaka et de Makalondi" in text for text in cells[1])
    assert "2 500 000" in cells[1][6].replace("\u202f", " ")
    last = exported.sections[-1]
    assert last.page_width > last.page_height  # landscape
    assert exported.sections[0].page_width < exported.sections[0].page_height  # the strategy stays portrait


def test_pdf_export_prints_the_matrix_after_the_sections(strategy, planned):
    tree = lxml.html.document_fromstring(document_html(strategy))
    (annex,) = tree.xpath("//section[@class='annex']")
    assert planned.plan.title in annex.xpath("string(h1)")
    rows = annex.xpath(".//tbody/tr")
    assert len(rows) == 2
    assert "Équiper les postes frontières d'Assamaka et de Makalondi" in rows[0].text_content()
    assert tree.xpath("//section[@class='section']")[-1].getnext() is not None  # the annex comes after them
    pdf = export_pdf(strategy)
    assert pdf.startswith(b"%PDF")


def test_a_document_without_plan_exports_as_before(world):
    document = services.create_document(world.workspace, by=world.users["secretariat"], title_fr="Sans plan")
    tree = lxml.html.document_fromstring(document_html(document))
    assert tree.xpath("//section[@class='annex']") == []
    exported = docx.Document(io.BytesIO(export_docx(document)))
    assert exported.tables == [] and len(exported.sections) == 1


def test_markdown_export_ends_with_the_matrix_as_a_pipe_table(strategy, planned):
    text = export_markdown(strategy)
    before, annex = text.split(matrix.ANNEX_MARK)
    assert "# 1 Contexte" in before and "|" not in before
    lines = annex.strip().splitlines()
    assert lines[0].startswith("# ") and lines[0].endswith(f" — {planned.plan.title}")
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + 2  # header, separator, one row per action
    assert all(line.count(" | ") == 7 for line in table if "---" not in line)  # 8 columns
    assert "Équiper les postes frontières d'Assamaka et de Makalondi" in annex
    assert "2\u202f500\u202f000" in annex


def test_a_pipe_or_a_line_break_in_a_cell_keeps_the_table_whole(strategy, planned):
    planned.own_action.title_fr = "Former | équiper\nles brigades"
    planned.own_action.save()
    row = next(line for line in export_markdown(strategy).splitlines() if "Former" in line)
    assert "Former \\| équiper<br>les brigades" in row
    assert row.count(" | ") == 7


def test_an_exported_strategy_imported_again_leaves_the_annex_out(world, strategy, planned):
    data = export_docx(strategy)
    document = import_docx(world.workspace, data, by=world.users["secretariat"])
    titles = list(document.sections.order_by("order").values_list("title", flat=True))
    assert titles == ["Contexte"]
    assert document.annex_left_out.endswith(planned.plan.title)


def test_the_import_page_says_the_annex_was_left_out(world, strategy, planned):
    upload = io.BytesIO(export_docx(strategy))
    upload.name = "strategie.docx"
    client = world.client("secretariat")
    response = client.post(
        reverse("drafting:document_import", args=[world.workspace.slug]), {"file": upload, "title": ""}, follow=True
    )
    assert response.status_code == 200
    notes = [str(message) for message in response.context["messages"]]
    assert any(planned.plan.title in note and "annexe" in note.lower() for note in notes)
