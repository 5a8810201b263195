"""A document as a PDF: the same cover, contents and numbered sections as the Word file, printed by WeasyPrint.

Section texts go through the safe renderer (markdown-it-py, then nh3), titles are escaped by the template, and
the printer may fetch nothing but inline `data:` resources: a PDF export never reaches the network or the disk.
"""

import gc
from contextlib import contextmanager

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from cadre.core.navigation import panels_for
from cadre.core.text import render_markdown
from cadre.drafting import textops

from . import markdown_blocks

TEMPLATE = "drafting/export/document.html"
TOC_LEVELS = 3
ALLOWED_SCHEMES = ("data:",)


class LocalOnlyFetcher(URLFetcher):
    """Refuses every URL but inline data, and remembers what it refused (so tests can see it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = []

    def fetch(self, url, headers=None):
        if not url.lower().startswith(ALLOWED_SCHEMES):
            self.refused.append(url)
            raise ValueError(f"not fetched: {url[:200]}")
        return super().fetch(url, headers)


def document_html(document, *, release=None, line_numbers=False) -> str:
    """The HTML that export_pdf prints."""
    content = markdown_blocks.content_of(document, release)
    sections = []
    for section in content:
        item = {
            "id": section["id"],
            "number": section["number"],
            "level": section["level"],
            "tag": max(1, min(section["level"], 6)),
            "title": section["title"],
        }
        if line_numbers:
            item["lines"] = textops.workshop_lines(section["body"])
        else:
            # render_markdown's output is cleaned by nh3: it is the only markup taken from user text.
            item["html"] = mark_safe(render_markdown(section["body"], footnotes=True, doc_id=f"s{section['id']}"))  # noqa: S308
        sections.append(item)
    with translation.override(document.language):
        cover = markdown_blocks.cover_of(document, release)
        return render_to_string(
            TEMPLATE,
            {
                "language": document.language,
                "cover": cover,
                "contents": [section for section in sections if section["level"] <= TOC_LEVELS],
                "sections": sections,
                "line_numbers": line_numbers,
                "annexes": panels_for("drafting.export", document, None),  # e.g. the action plan's matrix
            },
        )


def render_pdf(document, *, release=None, line_numbers=False):
    """WeasyPrint's laid-out document (its `pages`, its `write_pdf()`)."""
    html = document_html(document, release=release, line_numbers=line_numbers)
    with _without_cyclic_gc():
        return HTML(string=html, base_url=None, url_fetcher=LocalOnlyFetcher()).render()


def write_pdf(rendered) -> bytes:
    with _without_cyclic_gc():
        return rendered.write_pdf()


def export_pdf(document, *, release=None, line_numbers=False) -> bytes:
    """The document (its current text, or `release`'s) as PDF bytes, A4."""
    return write_pdf(render_pdf(document, release=release, line_numbers=line_numbers))


@contextmanager
def _without_cyclic_gc():
    """Layout allocates millions of small objects that live until the end: the cyclic garbage collector would
    scan them again and again for nothing (a quarter of the time on a 150-page strategy)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
