"""Safe rendering of user text: CommonMark by markdown-it-py, then cleaned by nh3 whatever the parser let by."""

import re
import unicodedata
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from .cache import cached_many

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align", "style"}, "td": {"align", "style"}}
# Footnotes add a closing list of notes with anchors between the call and the note.
FOOTNOTE_TAGS = ALLOWED_TAGS | {"section"}
FOOTNOTE_ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "th": {"align", "style"},
    "td": {"align", "style"},
    "li": {"id", "class"},
    "sup": {"class"},
    "section": {"class"},
    "hr": {"class"},
    "ol": {"class"},
}


@lru_cache(maxsize=2)
def _parser(footnotes: bool = False) -> MarkdownIt:
    # "html": False — raw HTML typed by a user is shown as text, never interpreted.
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    if footnotes:
        parser.use(footnote_plugin)
    return parser


def render_markdown(text: str, *, footnotes: bool = False, doc_id: str = "") -> str:
    """HTML for user text; `footnotes` turns on [^1] notes (the strategy's sections use them).

    `doc_id` keeps footnote anchors unique when several texts are shown on one page.
    """
    if not text:
        return ""
    html = _parser(footnotes).render(text, {"docId": doc_id} if doc_id else None)
    clean = nh3.clean(
        html,
        tags=FOOTNOTE_TAGS if footnotes else ALLOWED_TAGS,
        attributes=FOOTNOTE_ATTRIBUTES if footnotes else ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        filter_style_properties={"text-align"},  # a table column's alignment, nothing else
    )
    # The Content-Security-Policy forbids style attributes: a column's alignment becomes a class.
    return _ALIGNMENT.sub(r'class="align-\1"', clean)


_ALIGNMENT = re.compile(r'style="text-align:\s*(left|right|center);?"')


def sort_key(value: str) -> str:
    """Alphabetical order as readers expect it in French and English: accents and case do not count."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def render_markdown_cached(texts: dict, *, footnotes: bool = True) -> dict:
    """HTML for many texts at once ({key: text} → {key: html}), through the cache.

    Keyed by the text and the rendering options, so an entry can never be stale; a page of 300 sections costs
    one cache round trip and renders only what changed.
    """
    return cached_many(
        "md",
        {key: (RENDER_VERSION, footnotes, key, text) for key, text in texts.items()},
        lambda key, material: render_markdown(material[3], footnotes=footnotes, doc_id=f"s{key}" if footnotes else ""),
    )


RENDER_VERSION = 2  # bump when the rendering rules change, so that cached HTML is rendered again
