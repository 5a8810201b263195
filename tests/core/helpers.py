"""Helpers shared by the test modules: database snapshots, HTML elements, French messages."""

import html
from html.parser import HTMLParser

from django.apps import apps
from django.utils import translation

# The apps whose tables hold Cadre's data (sessions and sign-in attempts are not "data").
DATA_APPS = [
    "core",
    "accounts",
    "directory",
    "workspaces",
    "drafting",
    "mapping",
    "meetings",
    "assessments",
    "planning",
    "reports",
]


def db_snapshot(ignore=()) -> dict:
    """Every row of every Cadre table, many-to-many tables included, in a comparable form.

    Two equal snapshots mean that nothing at all changed in between: no row added, removed or altered, and no
    audit event recorded. `ignore` names columns left out (e.g. "updated_at").
    """
    state = {}
    for label in DATA_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            rows = model._base_manager.order_by("pk").values()
            state[model._meta.label] = [
                {name: value for name, value in row.items() if name not in ignore} for row in rows
            ]
    return state


def text_of(response) -> str:
    """A response's HTML with character references resolved, to look for messages as a reader sees them."""
    return html.unescape(response.content.decode())


def french(msgid: str, **params) -> str:
    """The French translation of an interface string; fails if the catalogue does not translate it."""
    with translation.override("fr"):
        text = translation.gettext(msgid)
    assert text != msgid, f"no French translation for {msgid!r}"
    return text % params if params else text


def english(msgid: str, **params) -> str:
    with translation.override("en"):
        text = translation.gettext(msgid)
    return text % params if params else text


class _ElementParser(HTMLParser):
    """Collects the element with a given id as a list of normalised tokens (tags, sorted attributes, text)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, element_id):
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.tokens = []
        self.depth = 0  # open elements inside the wanted one, itself included
        self.found = 0

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and dict(attrs).get("id") == self.element_id:
            self.found += 1
            if self.found > 1:
                return
        elif self.depth == 0:
            return
        self.tokens.append(("start", tag, tuple(sorted((name, value or "") for name, value in attrs))))
        if tag not in self.VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth:
            self.tokens.append(("start", tag, tuple(sorted((name, value or "") for name, value in attrs))))

    def handle_endtag(self, tag):
        if self.depth and tag not in self.VOID:
            self.tokens.append(("end", tag))
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            text = " ".join(data.split())
            if text:
                self.tokens.append(("text", text))


def element_tokens(html: str, element_id: str) -> list:
    """The element `#element_id` of a page, parsed; fails unless the page has exactly one such element."""
    parser = _ElementParser(element_id)
    parser.feed(html)
    parser.close()
    assert parser.found == 1, f"expected one #{element_id}, found {parser.found}"
    return parser.tokens


def element_text(html: str, element_id: str) -> str:
    """The visible text of the element `#element_id`, whitespace collapsed."""
    return " ".join(token[1] for token in element_tokens(html, element_id) if token[0] == "text")


def count_elements(html: str, tag: str, **attrs) -> int:
    """How many `<tag>` elements carry all the given attributes (`class_` for class, matched as one class)."""

    class Counter(HTMLParser):
        count = 0

        def handle_starttag(self, name, found):
            if name != tag:
                return
            found = dict(found)
            for key, value in attrs.items():
                key = key.rstrip("_")
                if key == "class":
                    if value not in (found.get("class") or "").split():
                        return
                elif found.get(key) != value:
                    return
            self.count += 1

    counter = Counter()
    counter.feed(html)
    return counter.count
