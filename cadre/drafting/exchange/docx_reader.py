"""What a Word file says, as Markdown: the reading half of the Word import, apart from any database.

Walks the WordprocessingML that python-docx parsed (entities unresolved): headings by style, name or outline
level; paragraphs, runs, links, fields, footnotes, lists and tables. Everything typed in Word stays literal
text in the Markdown (escaped where Markdown would read it as markup).
"""

import re
from dataclasses import dataclass, field

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from . import markdown_blocks

TITLE_LENGTH = 300
ANNEX_STYLE = "Cadre Annex"  # the export's annex heading (docx_export.add_annex_heading): reading stops there

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = qn("r:id")
VAL = qn("w:val")
FALSE = ("0", "false", "off", "none")
# Word keeps built-in style names in English ("heading 1"); style ids are localised ("Titre1", "berschrift1").
HEADING_NAME = re.compile(r"^(?:heading|titre|[üu]?berschrift|t[ií]tulo|kop)\s*([1-9])$", re.IGNORECASE)
TOC_NAME = re.compile(r"^(?:toc\s*(?:[1-9]|heading)?|tm\s*[1-9]|en-t[eê]te de table des mati[eè]res)$", re.IGNORECASE)
LIST_NAME = re.compile(r"^(?:list|liste)\s*(bullet|number|à puces|numéro|numero)\s*([1-9]?)$", re.IGNORECASE)
LEADING_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*[.)]?\s+(?=\S)")  # "2.1 ", "3) ", not a year
SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
CONTAINERS = {W + tag for tag in ("ins", "smartTag", "customXml", "sdt", "sdtContent", "moveTo", "dir", "bdo")}
SPACES = re.compile(r"[ \t\r\f\v]+")  # not the no-break spaces of French typography: they stay
FIELD_LINK = re.compile(r'^\s*HYPERLINK\s+"([^"]+)"', re.IGNORECASE)


@dataclass
class ImportedSection:
    level: int
    title: str  # "" for the text before the first heading
    blocks: list = field(default_factory=list)  # (kind, markdown): kind "list" joins tightly to another "list"
    notes: list = field(default_factory=list)  # Markdown of each footnote, numbered from 1 in the section

    @property
    def body(self) -> str:
        text = ""
        for index, (kind, markdown) in enumerate(self.blocks):
            if index:
                text += "\n" if kind == "list" and self.blocks[index - 1][0] == "list" else "\n\n"
            text += markdown
        if self.notes:
            text += "\n\n" + "\n".join(f"[^{number}]: {note}" for number, note in enumerate(self.notes, 1))
        return text.strip("\n") + "\n" if text.strip() else ""


@dataclass
class ImportedDocument:
    title: str = ""
    sections: list = field(default_factory=list)
    annex_left_out: str = ""  # the title of the annex (ANNEX_STYLE) where reading stopped, if any


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    heading: int = 0
    title: bool = False
    toc: bool = False
    annex: bool = False
    list_kind: str = ""
    list_level: int = 0
    num_id: str = ""
    ilvl: int = 0
    bold: bool | None = None
    italic: bool | None = None


@dataclass
class _Piece:
    text: str = ""
    bold: bool = False
    italic: bool = False
    href: str = ""
    note: object = None  # the footnote's element, for a footnote call


class DocxReader:
    """Walks the body of a python-docx Document and returns ImportedDocument."""

    def __init__(self, word):
        self.word = word
        self.styles = _styles(word.styles.element)
        self.default_style = next(
            (
                e.get(qn("w:styleId"))
                for e in word.styles.element.iter(qn("w:style"))
                if e.get(qn("w:type")) == "paragraph" and e.get(qn("w:default")) in ("1", "true")
            ),
            "",
        )
        self.numbering = _numbering(word.part)
        self.notes = {**_notes(word.part, RT.ENDNOTES, "endnote"), **_notes(word.part, RT.FOOTNOTES, "footnote")}
        self.result = ImportedDocument()
        self.section: ImportedSection | None = None
        self.lists: list = []  # open list levels: [kind, marker width]
        self.counters: dict = {}  # numbers reached, by (numbering definition, depth): Word counts document-wide
        self.restarted: set = set()

    def read(self) -> ImportedDocument:
        self._blocks(self.word.element.body)
        if not self.result.title:
            title = (self.word.core_properties.title or "").strip()
            # python-docx names a file without document properties "Word Document": that is no title.
            self.result.title = "" if title == "Word Document" else title[:TITLE_LENGTH]
        self.result.sections = [s for s in self.result.sections if s.title or s.blocks]
        return self.result

    def _blocks(self, parent, cover=False):
        """Body content in reading order; on a cover page, only the document's title is read."""
        for child in parent:
            if self.result.annex_left_out:
                return  # an annex made from other records ends what is imported
            tag = child.tag
            if tag == W + "p":
                style = self._style_of(child)[1]
                if style.annex and not cover:
                    self.result.annex_left_out = _plain(self._pieces(child, self.word.part)).strip() or "…"
                elif not cover or style.title:
                    self._paragraph(child)
            elif tag == W + "tbl":
                if not cover:
                    self._table(child)
            elif tag == W + "sdt":
                gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
                gallery = (gallery.get(VAL) or "").lower() if gallery is not None else ""
                content = child.find(W + "sdtContent")
                if content is not None and "contents" not in gallery:  # a table of contents is skipped
                    self._blocks(content, cover=cover or "cover" in gallery)
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                self._blocks(child, cover)

    # --- paragraphs ---------------------------------------------------------------------------------------

    def _style_of(self, p):
        p_pr = p.find(W + "pPr")
        style_id = ""
        if p_pr is not None and (style := p_pr.find(W + "pStyle")) is not None:
            style_id = style.get(VAL) or ""
        return p_pr, self.styles.get(style_id or self.default_style) or _Style()

    def _paragraph(self, p):
        p_pr, style = self._style_of(p)
        if style.toc:
            return
        level = style.heading
        outline = p_pr.find(f"{W}outlineLvl") if p_pr is not None else None
        if outline is not None and (outline.get(VAL) or "").isdigit() and int(outline.get(VAL)) < 9:
            level = int(outline.get(VAL)) + 1
        if style.title and not self.result.sections:
            text = _plain(self._pieces(p, self.word.part))
            if text:
                self.result.title = f"{self.result.title} {text}".strip()[:TITLE_LENGTH]
            return
        if level:
            text = LEADING_NUMBER.sub("", _plain(self._pieces(p, self.word.part)))
            if text:
                self.section = ImportedSection(level=level, title=text)
                self.result.sections.append(self.section)
                self.lists = []
            return
        pieces = self._pieces(p, self.word.part)
        markdown = self._markdown(pieces)
        if not markdown.strip():
            return
        list_kind, list_level, counter_key, restart = self._list_of(p_pr, style)
        if list_kind:
            self._add("list", self._list_item(list_kind, list_level, counter_key, restart, markdown))
        else:
            self.lists = []
            self._add("paragraph", "\n".join(markdown_blocks.escape_line(line) for line in markdown.split("\n")))

    def _add(self, kind, markdown):
        self._current().blocks.append((kind, markdown))

    def _current(self) -> ImportedSection:
        if self.section is None:  # text before the first heading: the preamble
            self.section = ImportedSection(level=1, title="")
            self.result.sections.append(self.section)
        return self.section

    def _list_of(self, p_pr, style):
        """(kind, depth from 0, counter key, restart) of a list paragraph, or ("", 0, None, None)."""
        num_pr = p_pr.find(W + "numPr") if p_pr is not None else None
        num_id, ilvl = style.num_id, style.ilvl
        if num_pr is not None:
            found = num_pr.find(W + "numId")
            num_id = found.get(VAL) if found is not None else num_id
            found = num_pr.find(W + "ilvl")
            if found is not None and (found.get(VAL) or "").isdigit():
                ilvl = int(found.get(VAL))
        if num_id == "0":
            return "", 0, None, None  # numbering taken off this paragraph
        depth = max(ilvl, style.list_level - 1)  # "List Bullet 2" is a second level with its own numbering
        if num_id:
            level = self.numbering.get((num_id, ilvl)) or _Level(style.list_kind or "bullet", f"n{num_id}")
            restart = (num_id, level.start) if level.start is not None else None
            return level.kind, depth, (level.counter, depth), restart
        if style.list_kind:
            return style.list_kind, depth, (style.name, depth), None
        return "", 0, None, None

    def _list_item(self, kind, depth, counter_key, restart, markdown):
        depth = min(depth, len(self.lists))  # Markdown nests one level at a time
        del self.lists[depth + 1 :]
        if len(self.lists) == depth + 1 and self.lists[depth][0] != kind:
            del self.lists[depth:]
        for key in [key for key in self.counters if key[0] == counter_key[0] and key[1] > counter_key[1]]:
            del self.counters[key]  # a higher level restarts the levels below it, as in Word
        if restart is not None and restart[0] not in self.restarted:
            self.restarted.add(restart[0])  # a list instance that starts again, at its first paragraph
            self.counters[counter_key] = restart[1] - 1
        self.counters[counter_key] = self.counters.get(counter_key, 0) + 1
        marker = "- " if kind == "bullet" else f"{self.counters[counter_key]}. "
        if len(self.lists) == depth:
            self.lists.append([kind, len(marker)])
        self.lists[depth][1] = len(marker)
        indent = sum(width for _kind, width in self.lists[:depth])
        lines = [markdown_blocks.escape_line(line) for line in markdown.split("\n")]
        continuation = "\n" + " " * (indent + len(marker))
        return " " * indent + marker + continuation.join(lines)

    # --- tables -------------------------------------------------------------------------------------------

    def _table(self, tbl):
        self.lists = []
        rows = []
        for tr in tbl.iter(W + "tr"):
            if _closest(tr, W + "tbl") is not tbl:
                continue  # a nested table's rows are part of their cell's text
            cells = []
            for tc in tr.iter(W + "tc"):
                if _closest(tc, W + "tr") is not tr:
                    continue
                parts = []
                for p in tc.iter(W + "p"):
                    pieces = self._pieces(p, self.word.part)
                    for piece in pieces if not rows else ():
                        piece.bold = False  # a header row is bold anyway
                    parts.append(self._markdown(pieces))
                text = " ".join(part for part in parts if part.strip())
                cells.append(re.sub(r"\s*\n\s*", " ", text).replace("|", "\\|").strip())
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                if span is not None and (span.get(VAL) or "").isdigit():
                    cells.extend([""] * (int(span.get(VAL)) - 1))
            rows.append(cells)
        if not any(any(cells) for cells in rows):
            return
        width = max(len(cells) for cells in rows)
        lines = []
        for index, cells in enumerate(rows):
            cells = cells + [""] * (width - len(cells))
            lines.append("| " + " | ".join(cell or " " for cell in cells) + " |")
            if index == 0:
                lines.append("|" + " --- |" * width)
        self._add("table", "\n".join(lines))

    # --- runs ---------------------------------------------------------------------------------------------

    def _pieces(self, element, part):
        """The paragraph's text as formatted pieces, in reading order."""
        pieces: list[_Piece] = []
        fields: list[dict] = []  # open complex fields: their instruction, and whether their result has begun
        self._inline(element, part, pieces, fields, href="")
        return pieces

    def _inline(self, element, part, pieces, fields, href):
        for child in element:
            tag = child.tag
            if tag == W + "r":
                self._run(child, part, pieces, fields, href)
            elif tag == W + "hyperlink":
                target = ""
                rel_id = child.get(R_ID)
                if rel_id and rel_id in part.rels and part.rels[rel_id].is_external:
                    target = part.rels[rel_id].target_ref
                self._inline(child, part, pieces, fields, _safe_link(target) or href)
            elif tag == W + "fldSimple":
                found = FIELD_LINK.match(child.get(qn("w:instr")) or "")
                self._inline(child, part, pieces, fields, _safe_link(found.group(1)) if found else href)
            elif tag in CONTAINERS:  # tracked insertions, smart tags, content controls: their runs count
                self._inline(child, part, pieces, fields, href)

    def _run(self, r, part, pieces, fields, href):
        r_pr = r.find(W + "rPr")
        bold, italic = self._formatting(r_pr)
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    fields.append({"instruction": "", "result": False})
                elif kind == "separate" and fields:
                    fields[-1]["result"] = True
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if tag == W + "instrText":
                if fields:
                    fields[-1]["instruction"] += child.text or ""
                continue
            if fields and not fields[-1]["result"]:
                continue  # a field's instruction, not its text
            link = href
            for field_ in fields:
                found = FIELD_LINK.match(field_["instruction"])
                if found:
                    link = _safe_link(found.group(1)) or link
            text = ""
            if tag == W + "t":
                text = child.text or ""
            elif tag in (W + "tab", W + "ptab"):
                text = " "
            elif tag == W + "br":
                text = "" if child.get(qn("w:type")) in ("page", "column") else "\n"
            elif tag == W + "cr":
                text = "\n"
            elif tag == W + "noBreakHyphen":
                text = "-"
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                kind = "footnote" if tag == W + "footnoteReference" else "endnote"
                note = self.notes.get((kind, child.get(qn("w:id"))))
                if note is not None:
                    pieces.append(_Piece(note=note))
                continue
            if text:
                pieces.append(_Piece(text, bold, italic, link))

    def _formatting(self, r_pr):
        """(bold, italic) of a run: its character style's, unless the run says otherwise."""
        if r_pr is None:
            return False, False
        style = r_pr.find(W + "rStyle")
        style = self.styles.get(style.get(VAL) or "") if style is not None else None
        found = [bool(style and style.bold), bool(style and style.italic)]
        for index, tag in enumerate(("b", "i")):
            element = r_pr.find(W + tag)
            if element is not None:
                found[index] = (element.get(VAL) or "true").lower() not in FALSE
        return found[0], found[1]

    def _markdown(self, pieces) -> str:
        """Formatted pieces as inline Markdown; footnote calls become [^n] with the note kept for the body."""
        out = []
        for piece in _merge(pieces):
            if piece.note is not None:
                out.append(self._note_call(piece.note))
                continue
            text = markdown_blocks.escape_inline(piece.text)
            if piece.href:
                text = f"[{text}]({_link_target(piece.href)})"
            if piece.bold or piece.italic:
                marker = "***" if piece.bold and piece.italic else "**" if piece.bold else "*"
                core = text.strip()
                if core:
                    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
                    text = f"{lead}{marker}{core}{marker}{trail}"
            out.append(text)
        lines = "".join(out).split("\n")
        return "\n".join(SPACES.sub(" ", line).strip() for line in lines).strip("\n")

    def _note_call(self, note) -> str:
        section = self._current()
        parts = [self._markdown(self._pieces(p, note.part)) for p in note.element.iter(W + "p")]
        section.notes.append(SPACES.sub(" ", " ".join(parts).replace("\n", " ")).strip())
        return f"[^{len(section.notes)}]"


def _closest(element, tag):
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _merge(pieces):
    merged = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if (
            last is not None
            and piece.note is None
            and last.note is None
            and (last.bold, last.italic, last.href) == (piece.bold, piece.italic, piece.href)
        ):
            last.text += piece.text
        else:
            merged.append(_Piece(piece.text, piece.bold, piece.italic, piece.href, piece.note))
    return merged


def _plain(pieces) -> str:
    return SPACES.sub(" ", "".join(piece.text for piece in pieces if piece.note is None).replace("\n", " ")).strip()


def _safe_link(target: str) -> str:
    target = (target or "").strip()
    return target if SAFE_LINK.match(target) else ""


def _link_target(href: str) -> str:
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _styles(styles_element) -> dict:
    raw = {}
    for element in styles_element.iter(qn("w:style")):
        style_id = element.get(qn("w:styleId")) or ""
        name_element = element.find(qn("w:name"))
        name = name_element.get(VAL) if name_element is not None else style_id
        based_on = element.find(qn("w:basedOn"))
        style = _Style(name=name or "", based_on=based_on.get(VAL) if based_on is not None else "")
        for candidate in (style.name, style_id):
            if found := HEADING_NAME.match(candidate.strip()):
                style.heading = int(found.group(1))
                break
        style.title = style.name.lower() in ("title", "titre") or style_id in ("Title", "Titre")
        style.toc = bool(TOC_NAME.match(style.name.strip()) or TOC_NAME.match(style_id))
        style.annex = style.name == ANNEX_STYLE
        if found := LIST_NAME.match(style.name.strip()):
            style.list_kind = "number" if found.group(1).lower().startswith("num") else "bullet"
            style.list_level = int(found.group(2) or 1)
        p_pr = element.find(qn("w:pPr"))
        if p_pr is not None:
            outline = p_pr.find(qn("w:outlineLvl"))
            if not style.heading and outline is not None and (outline.get(VAL) or "").isdigit():
                style.heading = int(outline.get(VAL)) + 1 if int(outline.get(VAL)) < 9 else 0
            num_pr = p_pr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id, ilvl = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
                style.num_id = num_id.get(VAL) if num_id is not None else ""
                style.ilvl = int(ilvl.get(VAL)) if ilvl is not None and (ilvl.get(VAL) or "").isdigit() else 0
        r_pr = element.find(qn("w:rPr"))
        if r_pr is not None:
            for tag in ("b", "i"):
                found = r_pr.find(qn(f"w:{tag}"))
                if found is not None:
                    setattr(style, "bold" if tag == "b" else "italic", (found.get(VAL) or "true") not in FALSE)
        raw[style_id] = style
    for style in raw.values():  # inherit what a style does not say itself
        ancestor, seen = raw.get(style.based_on), set()
        while ancestor is not None and id(ancestor) not in seen:
            seen.add(id(ancestor))
            style.heading = style.heading or (ancestor.heading if not style.title and not style.toc else 0)
            style.annex = style.annex or ancestor.annex
            style.num_id = style.num_id or ancestor.num_id
            style.bold = ancestor.bold if style.bold is None else style.bold
            style.italic = ancestor.italic if style.italic is None else style.italic
            ancestor = raw.get(ancestor.based_on)
    return raw


@dataclass
class _Level:
    kind: str  # "bullet" or "number"
    counter: str  # lists of one numbering definition count together, as in Word
    start: int | None = None  # where this list instance restarts the count


def _numbering(part) -> dict:
    """(numId, level) → _Level, from the numbering definitions."""
    try:
        numbering = part.part_related_by(RT.NUMBERING)
    except KeyError:
        return {}
    element = numbering.element if hasattr(numbering, "element") else parse_xml(numbering.blob)
    formats = {}
    for abstract in element.iter(qn("w:abstractNum")):
        for level in abstract.iter(qn("w:lvl")):
            fmt = level.find(qn("w:numFmt"))
            kind = "bullet" if fmt is None or fmt.get(VAL) in ("bullet", "none") else "number"
            formats.setdefault(abstract.get(qn("w:abstractNumId")), {})[_int(level.get(qn("w:ilvl")))] = kind
    found = {}
    for num in element.iter(qn("w:num")):
        abstract_id = num.find(qn("w:abstractNumId"))
        abstract_id = abstract_id.get(VAL) if abstract_id is not None else None
        starts = {}
        for override in num.iter(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            if start is not None:
                starts[_int(override.get(qn("w:ilvl")))] = _int(start.get(VAL), 1)
        for level, kind in formats.get(abstract_id, {}).items():
            found[(num.get(qn("w:numId")), level)] = _Level(kind, f"a{abstract_id}", starts.get(level))
    return found


def _int(value, default=0) -> int:
    return int(value) if value and value.isdigit() else default


@dataclass
class _Note:
    """A footnote's XML and the part its links are related from."""

    element: object
    part: object


def _notes(part, reltype, kind) -> dict:
    try:
        notes_part = part.part_related_by(reltype)
    except KeyError:
        return {}
    element = parse_xml(notes_part.blob)  # python-docx's parser: no entities resolved, no network
    found = {}
    for note in element.iter(qn(f"w:{kind}")):
        if note.get(qn("w:type")) in (None, "normal"):
            found[(kind, note.get(qn("w:id")))] = _Note(note, notes_part)
    return found
