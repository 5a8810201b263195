"""PDF export: printed by WeasyPrint from HTML built of escaped titles and sanitised section texts."""

import urllib.request

import lxml.html
import pytest

from cadre.drafting import services, textops
from cadre.drafting.exchange import document_html, export_pdf, pdf_export
from tests.drafting.exchange_fixtures import STRATEGY_BODY, make_strategy, record_adoption

ATTACKS = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> <svg onload=alert(1)>"
    " [x](javascript:alert(1)) [y](data:text/html,<script>alert(1)</script>) <a href='javascript:alert(1)'>z</a>"
)


@pytest.fixture
def strategy(world):
    return make_strategy(world)


TITLES = "//*[contains(concat(' ', @class, ' '), ' section-title ')]"


def _tree(html):
    return lxml.html.document_fromstring(html)


def _after(tree, section, kind):
    """The text block (div.body or div.lines) printed under the section's heading."""
    return tree.xpath(f"//*[@id='section-{section.pk}']/following-sibling::div[@class='{kind}'][1]")[0]


def test_pdf_export_is_an_a4_pdf_with_a_page_per_part(strategy):
    document, _sections = strategy
    rendered = pdf_export.render_pdf(document)
    assert len(rendered.pages) == 3  # cover, contents, text
    page = rendered.pages[0]
    assert (round(page.width * 25.4 / 96), round(page.height * 25.4 / 96)) == (210, 297)  # CSS px → mm
    pdf = export_pdf(document)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


def test_document_html_has_cover_contents_and_numbered_sections(world, strategy):
    document, sections = strategy
    by = world.users["secretariat"]
    release = services.make_release(document, name="Validated text", by=by)
    record_adoption(document, release, by)

    tree = _tree(document_html(document, release=release))

    cover = tree.xpath("//section[@class='cover']")[0].text_content()
    for fact in ("National strategy", "Niger: Irregular Migration", "MIEUX/NE/2016", "France", "Validated text"):
        assert fact in cover
    assert "Décret n° 2017-123" in cover
    contents = [(a.get("href"), a.text_content()) for a in tree.xpath("//nav[@class='contents']//a")]
    assert contents == [
        (f"#section-{sections['context'].pk}", "1 Context"),
        (f"#section-{sections['framework'].pk}", "1.1 Legal framework"),
        (f"#section-{sections['laws'].pk}", "1.1.1 National laws"),
        (f"#section-{sections['axes'].pk}", "2 Strategic axes"),
    ]
    headings = [(h.tag, h.get("id"), h.text_content()) for h in tree.xpath(TITLES)]
    assert headings[1] == ("h2", f"section-{sections['framework'].pk}", "1.1 Legal framework")
    assert [h.tag for h in tree.xpath(TITLES)] == ["h1", "h2", "h3", "h1"]


def test_document_html_prints_page_numbers_and_contents_page_numbers(strategy):
    style = _tree(document_html(strategy[0])).xpath("//style")[0].text
    assert "size: A4" in style
    assert "@bottom-center { content: counter(page)" in style
    assert "target-counter(attr(href), page)" in style


def test_document_html_renders_section_text_with_footnotes(strategy):
    document, sections = strategy
    tree = _tree(document_html(document))
    body = _after(tree, sections["context"], "body")
    assert body.xpath(".//strong")[0].text == "origin"
    assert body.xpath(".//a[@href='https://example.org/niamey']")[0].text == "Niamey"
    note = body.xpath(".//section[@class='footnotes']//li")[0]
    assert note.get("id") == f"fn-s{sections['context'].pk}-1"
    assert "IOM, Migration in Niger, 2016." in note.text_content()
    table = _after(tree, sections["axes"], "body").xpath(".//table")[0]
    assert [th.text_content() for th in table.xpath(".//th")] == ["Axis", "Lead", "Budget"]


def test_document_html_contains_no_executable_markup(world):
    by = world.users["secretariat"]
    document = services.create_document(
        world.workspace, by=by, title_fr=f"Stratégie {ATTACKS}", title_en=f"Strategy {ATTACKS}", language="en"
    )
    world.workspace.programme = "<script>alert('programme')</script>"
    world.workspace.save()
    services.add_section(document, title=f"Title {ATTACKS}", by=by, body=f"Text {ATTACKS}\n\n- {ATTACKS}\n")

    for line_numbers in (False, True):
        html = document_html(document, line_numbers=line_numbers)
        tree = _tree(html)
        assert not tree.xpath("//script | //img | //svg | //iframe | //object | //embed")
        for element in tree.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (element.tag, name)
                assert "javascript:" not in value.lower() and "data:" not in value.lower(), (element.tag, value)
        assert "<script>" not in html.split("</style>", 1)[1]
        # The titles are shown as written, as text.
        assert "Title <script>alert(1)</script>" in tree.xpath(TITLES)[0].text_content()
        assert "<script>alert('programme')</script>" in tree.xpath("//section[@class='cover']")[0].text_content()


def test_local_only_fetcher_refuses_remote_and_file_addresses():
    fetcher = pdf_export.LocalOnlyFetcher()
    for url in ("http://example.org/x.png", "https://example.org/a.css", "file:///etc/passwd", "ftp://x/y"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.refused == [
        "http://example.org/x.png",
        "https://example.org/a.css",
        "file:///etc/passwd",
        "ftp://x/y",
    ]
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


def test_pdf_export_fetches_nothing_even_if_the_html_asks(strategy, monkeypatch):
    opened = []

    def record(self, url, *args, **kwargs):
        opened.append(getattr(url, "full_url", url))
        raise OSError("no network in tests")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", record)
    hostile = (
        '<html><head><link rel="stylesheet" href="https://example.org/a.css">'
        '<style>@import url("http://example.org/b.css"); body { background: url(file:///etc/passwd) }</style>'
        '</head><body><img src="http://example.org/x.png"><p>Text</p></body></html>'
    )
    monkeypatch.setattr(pdf_export, "document_html", lambda *args, **kwargs: hostile)

    pdf = export_pdf(strategy[0])

    assert pdf.startswith(b"%PDF-")
    assert opened == []


def test_document_html_line_numbers_match_the_workshop_view(strategy):
    document, sections = strategy
    tree = _tree(document_html(document, line_numbers=True))
    lines = _after(tree, sections["framework"], "lines").xpath("./p")
    expected = textops.workshop_lines(STRATEGY_BODY["framework"])
    assert [p.xpath("./span[@class='n']")[0].text for p in lines] == [str(n) for n in range(1, len(expected) + 1)]
    assert [p.text_content()[len(p.xpath("./span[@class='n']")[0].text) :] for p in lines] == expected
    assert not tree.xpath("//div[@class='body']")


def test_pdf_export_of_a_release_is_the_frozen_text(world, strategy):
    document, sections = strategy
    by = world.users["secretariat"]
    release = services.make_release(document, name="v1", by=by)
    services.save_section_text(
        sections["laws"], title="Laws", body="Changed.\n", base_revision_id=sections["laws"].head_id, by=by
    )
    frozen = _tree(document_html(document, release=release)).text_content()
    assert "Three laws apply." in frozen and "Changed." not in frozen
    assert "Changed." in _tree(document_html(document)).text_content()


def test_pdf_export_of_an_empty_document_has_cover_and_contents(world):
    document = services.create_document(world.workspace, by=world.users["secretariat"], title_fr="Vide")
    assert len(pdf_export.render_pdf(document).pages) == 2
