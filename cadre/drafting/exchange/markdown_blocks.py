"""A section's Markdown, read once by markdown-it-py into a small block model every exporter can walk.

The model knows only what a strategy's text uses: paragraphs, bullet and numbered lists (nested), bold and
italic, links, pipe tables and footnotes. Anything else (a quote, a code block, a heading inside a body)
becomes a plain paragraph of its text, so nothing written is ever dropped from an export.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from cadre.drafting import services

SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass
class Span:
    """A piece of inline text with its formatting. `note` is set (the note's number) on a footnote call."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str = ""
    note: int = 0
    line_break: bool = False


@dataclass
class Paragraph:
    """`kind` is "paragraph", "bullet", "number" or "quote"; `level` is the list depth (1 for a top-level item).

    `start` is True on the first item of a list, so a numbered list restarts at 1.
    """

    spans: list = field(default_factory=list)
    kind: str = "paragraph"
    level: int = 0
    start: bool = False

    @property
    def text(self) -> str:
        return spans_text(self.spans)


@dataclass
class Table:
    header: list = field(default_factory=list)  # one list of spans per cell
    rows: list = field(default_factory=list)  # rows of cells, each a list of spans
    aligns: list = field(default_factory=list)  # "", "left", "center" or "right" per column


@dataclass
class Note:
    number: int
    paragraphs: list = field(default_factory=list)  # lists of spans

    @property
    def text(self) -> str:
        return " ".join(spans_text(spans) for spans in self.paragraphs)


@dataclass
class Body:
    blocks: list = field(default_factory=list)  # Paragraph and Table, in reading order
    notes: list = field(default_factory=list)  # Note, in the order of their numbers


def spans_text(spans) -> str:
    """The text as it reads; a footnote call shows as nothing (Word and the PDF show it as a raised number)."""
    return "".join(" " if span.line_break else span.text for span in spans if not span.note)


def safe_href(href: str) -> str:
    """The link's address if it is one a reader may follow (web or e-mail), else ""."""
    href = (href or "").strip()
    return href if href.lower().startswith(SAFE_SCHEMES) else ""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # The same options as cadre.core.text: raw HTML is text, never markup.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").use(footnote_plugin)


def parse(text: str) -> Body:
    """The block model of one section's Markdown."""
    body = Body()
    if not text or not text.strip():
        return body
    env: dict = {}
    tokens = _parser().parse(text, env)
    _Walker(body).walk(tokens)
    return body


class _Walker:
    def __init__(self, body: Body):
        self.body = body
        self.lists: list[list] = []  # stack of [kind, items seen]
        self.quote = 0
        self.note: Note | None = None
        self.table: Table | None = None
        self.row: list | None = None
        self.in_head = False
        self.heading = False  # a heading inside a body is shown as a bold paragraph

    def walk(self, tokens):
        for token in tokens:
            handler = getattr(self, "on_" + token.type, None)
            if handler is not None:
                handler(token)

    # lists
    def on_bullet_list_open(self, token):
        self.lists.append(["bullet", 0])

    def on_ordered_list_open(self, token):
        self.lists.append(["number", 0])

    def on_bullet_list_close(self, token):
        self.lists.pop()

    on_ordered_list_close = on_bullet_list_close

    def on_list_item_open(self, token):
        self.lists[-1][1] += 1
        self.lists[-1].append("fresh")  # the item's first paragraph carries the bullet or number

    # containers that become plain paragraphs
    def on_blockquote_open(self, token):
        self.quote += 1

    def on_blockquote_close(self, token):
        self.quote -= 1

    def on_code_block(self, token):
        spans = []
        for line in token.content.rstrip("\n").split("\n"):
            spans += [Span(line_break=True), Span(text=line, code=True)] if spans else [Span(text=line, code=True)]
        self._add_paragraph(spans)

    def on_heading_open(self, token):
        self.heading = True

    def on_heading_close(self, token):
        self.heading = False

    on_fence = on_code_block

    def on_footnote_open(self, token):
        self.note = Note(number=token.meta["id"] + 1)

    def on_footnote_close(self, token):
        self.body.notes.append(self.note)
        self.note = None

    # tables
    def on_table_open(self, token):
        self.table = Table()

    def on_table_close(self, token):
        self.body.blocks.append(self.table)
        self.table = None

    def on_thead_open(self, token):
        self.in_head = True

    def on_thead_close(self, token):
        self.in_head = False

    def on_tr_open(self, token):
        self.row = []

    def on_tr_close(self, token):
        if self.in_head:
            self.table.header = self.row
        else:
            self.table.rows.append(self.row)
        self.row = None

    def on_th_open(self, token):
        style = token.attrGet("style") or ""
        self.table.aligns.append(style.removeprefix("text-align:") if style else "")

    # text
    def on_inline(self, token):
        spans = inline_spans(token.children or [])
        if self.heading:
            for span in spans:
                span.bold = True
        if self.row is not None:
            self.row.append(spans)
        elif self.note is not None:
            self.note.paragraphs.append(spans)
        else:
            self._add_paragraph(spans)

    def _add_paragraph(self, spans):
        if self.note is not None:
            self.note.paragraphs.append(spans)
            return
        if self.lists:
            current = self.lists[-1]
            fresh = current[-1] == "fresh"
            if fresh:
                current.pop()
            kind = current[0]
            paragraph = Paragraph(spans, kind=kind, level=len(self.lists), start=fresh and current[1] == 1)
            if not fresh:  # a second paragraph in an item: indented text, no new bullet
                paragraph = Paragraph(spans, kind="continue", level=len(self.lists))
        else:
            paragraph = Paragraph(spans, kind="quote" if self.quote else "paragraph")
        self.body.blocks.append(paragraph)


def inline_spans(children) -> list[Span]:
    """markdown-it inline tokens as spans; adjacent spans with the same formatting are joined."""
    spans: list[Span] = []
    bold = italic = 0
    href = ""
    for child in children:
        kind = child.type
        if kind == "text" or kind == "html_inline":
            if child.content:
                _append(spans, Span(child.content, bool(bold), bool(italic), href=href))
        elif kind == "code_inline":
            _append(spans, Span(child.content, bool(bold), bool(italic), code=True, href=href))
        elif kind == "softbreak":
            _append(spans, Span(" ", bool(bold), bool(italic), href=href))
        elif kind == "hardbreak":
            spans.append(Span("", line_break=True))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = safe_href(child.attrGet("href") or "")
        elif kind == "link_close":
            href = ""
        elif kind == "image":  # never fetched: the description stands in for it
            _append(spans, Span(child.content or "", bool(bold), bool(italic)))
        elif kind == "footnote_ref":
            spans.append(Span(str(child.meta["id"] + 1), note=child.meta["id"] + 1))
    return spans


def _append(spans, span):
    last = spans[-1] if spans else None
    if (
        last is not None
        and not last.note
        and not last.line_break
        and (last.bold, last.italic, last.code, last.href) == (span.bold, span.italic, span.code, span.href)
    ):
        last.text += span.text
    else:
        spans.append(span)


# --- writing Markdown from other formats (the Word import) --------------------------------------------

_INLINE_ESCAPES = [
    (re.compile(r"([\\`*\[\]])"), r"\\\1"),
    (re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])"), r"\\_"),
    (re.compile(r"<(?=[A-Za-z][A-Za-z0-9+.-]{1,31}:|[^\s@<>]+@)"), r"\\<"),
    (re.compile(r"&(?=#?[A-Za-z0-9]+;)"), r"\\&"),
]
_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|(?:[-*_]\s*){3,}$|=+\s*$|`{3,}|~{3,}|\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$)"
)
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def escape_inline(text: str) -> str:
    """Word text as literal Markdown: nothing typed in Word becomes formatting, a link or a note by accident."""
    for pattern, replacement in _INLINE_ESCAPES:
        text = pattern.sub(replacement, text)
    return text


def escape_line(line: str) -> str:
    """A line that would start a Markdown block (heading, list, quote, rule, table) is made plain text."""
    if _BLOCK_START.match(line):
        return "\\" + line
    return _ORDERED_START.sub(r"\1\\\2", line)


# --- what every export shows: the sections and the cover's key facts ---------------------------------------


def content_of(document, release=None) -> list[dict]:
    """The sections to export, in reading order: a release's frozen text, or the current text."""
    if release is None:
        return services.snapshot(document)
    if release.document_id != document.pk:
        raise ValidationError(_("This release belongs to another document."))
    return list(release.content)


@dataclass
class Cover:
    title: str
    workspace: str
    facts: list  # (label, value), only the facts that are known


def cover_of(document, release=None) -> Cover:
    """The cover page's facts, in the active language (callers wrap this in the document's language)."""
    workspace = document.workspace
    facts = [
        (_("Country"), workspace.country.name),
        (_("Requesting authority"), workspace.requesting_authority.name),
        (_("Programme"), workspace.programme),
        (_("Reference"), workspace.reference),
        (_("Expert countries"), ", ".join(country.name for country in workspace.expert_countries.order_by("name_fr"))),
        (
            _("Period"),
            _("%(start)s – %(end)s")
            % {"start": date_format(workspace.start_date), "end": date_format(workspace.end_date)},
        ),
    ]
    if release is not None:
        released = timezone.localdate(release.created_at) if release.created_at else timezone.localdate()
        version = _("%(name)s, %(date)s") % {"name": release.name, "date": date_format(released)}
    else:
        version = _("working text of %(date)s") % {"date": date_format(timezone.localdate())}
    facts.append((_("Version"), version))
    adopted = document.adoption_reference and (release is None or document.adopted_release_id in (None, release.pk))
    if adopted:
        reference = document.adoption_reference
        if document.adopted_on:
            reference = _("%(reference)s, adopted on %(date)s") % {
                "reference": reference,
                "date": date_format(document.adopted_on),
            }
        facts.append((_("Adoption"), reference))
    return Cover(title=document.title, workspace=workspace.title, facts=[(k, v) for k, v in facts if v])
