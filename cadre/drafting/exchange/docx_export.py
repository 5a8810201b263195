"""A document as a Word file: cover page, table of contents, numbered headings, formatted text, real footnotes.

Built on python-docx's default template. What python-docx has no API for (footnotes, hyperlinks, a TOC field,
restarting numbered lists) is written as WordprocessingML directly. Styles are looked up once per export,
not once per paragraph: a 150-page strategy must export in seconds.
"""

import copy
import io
import re

import docx
from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml.etree import SubElement

from cadre.core.navigation import panels_for
from cadre.drafting import textops

from . import markdown_blocks
from .docx_reader import ANNEX_STYLE  # an annex is produced again from its records: the import stops there
from .markdown_blocks import Paragraph, Table

MAX_HEADING_LEVEL = 9
MAX_LIST_LEVEL = 3  # the template has List Bullet, List Bullet 2, List Bullet 3 (and the same for numbers)
TOC_LEVELS = 3
LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}
ALIGNMENTS = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
CODE_FONT = "Courier New"


def export_docx(document, *, release=None, line_numbers=False) -> bytes:
    """The document (its current text, or `release`'s) as a .docx file's bytes."""
    sections = markdown_blocks.content_of(document, release)
    with translation.override(document.language):
        cover = markdown_blocks.cover_of(document, release)
        writer = DocxWriter(document.language)
        writer.add_cover(cover, header=cover.title)
        writer.add_contents(sections)
        for section in sections:
            writer.add_heading(section["level"], f"{section['number']} {section['title']}")
            if line_numbers:
                writer.add_numbered_lines(textops.workshop_lines(section["body"]))
            else:
                writer.add_body(markdown_blocks.parse(section["body"]))
        for annex in panels_for("drafting.export", document, None):  # e.g. the action plan's matrix
            annex["context"]["append_docx"](writer.doc)
        return writer.save()


def add_annex_heading(doc, text: str):
    """The title of an annex at the end of an export, in the ANNEX_STYLE heading (a Heading 1 for Word's outline
    and table of contents)."""
    styles = doc.styles
    if ANNEX_STYLE not in {style.name for style in styles}:
        style = styles.add_style(ANNEX_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Heading 1"]
        style.next_paragraph_style = styles["Normal"]
    return doc.add_paragraph(text, style=ANNEX_STYLE)


class DocxWriter:
    def __init__(self, language: str):
        self.doc = docx.Document()
        self.part = self.doc.part
        self.body = self.doc.element.body
        self.sect_pr = self.body.sectPr
        self._drop_template_leftovers()
        self._set_language(LANGUAGE_TAGS.get(language[:2], language))
        self._page_setup()
        self.styles = self._styles()
        self.numbering = self.part.numbering_part.element
        self.list_abstracts = self._list_abstracts()
        self.footnotes = None
        self.next_note_id = 1
        self.container = None  # where paragraphs go: the body, or a content control (cover, contents)
        self.lists = {}  # list depth → the numbering instance of the numbered list being written there

    # --- setup --------------------------------------------------------------------------------------------

    def _drop_template_leftovers(self):
        """python-docx's template carries a preview picture of itself: it must not stand for our document."""
        package = self.doc.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[rel_id]

    def _set_language(self, tag: str):
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), tag)

    def _page_setup(self):
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.2)
        section.different_first_page_header_footer = True  # no page number on the cover
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer._p.append(_simple_field("PAGE", "1"))

    def _styles(self) -> dict:
        styles = self.doc.styles
        found = {name: styles[name] for name in ("Normal", "Title", "Subtitle", "Quote", "TOC Heading", "Table Grid")}
        for level in range(1, MAX_HEADING_LEVEL + 1):
            found[f"heading{level}"] = styles[f"Heading {level}"]
        for kind, base in (("bullet", "List Bullet"), ("number", "List Number"), ("continue", "List Continue")):
            for level in range(1, MAX_LIST_LEVEL + 1):
                found[f"{kind}{level}"] = styles[base if level == 1 else f"{base} {level}"]
        hyperlink = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        hyperlink.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        hyperlink.font.underline = True
        note_text = _add_style(styles, "footnote text", "FootnoteText", WD_STYLE_TYPE.PARAGRAPH)
        note_text.base_style = styles["Normal"]
        note_text.font.size = Pt(9)
        note_text.paragraph_format.space_after = Pt(0)
        note_reference = _add_style(styles, "footnote reference", "FootnoteReference", WD_STYLE_TYPE.CHARACTER)
        note_reference.font.superscript = True
        found["footnote"] = note_text
        for level in range(1, TOC_LEVELS + 1):
            toc = _add_style(styles, f"toc {level}", f"TOC{level}", WD_STYLE_TYPE.PARAGRAPH)
            toc.base_style = styles["Normal"]
            toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            toc.paragraph_format.space_after = Pt(2)
            toc.paragraph_format.tab_stops.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            found[f"toc{level}"] = toc
        line = styles.add_style("Workshop Line", WD_STYLE_TYPE.PARAGRAPH)
        line.base_style = styles["Normal"]
        line.font.name = CODE_FONT
        line.font.size = Pt(9)
        line.paragraph_format.space_before = line.paragraph_format.space_after = Pt(0)
        line.paragraph_format.left_indent = Cm(1.1)
        line.paragraph_format.first_line_indent = Cm(-1.1)
        line.paragraph_format.tab_stops.add_tab_stop(Cm(0.8), WD_TAB_ALIGNMENT.RIGHT)
        line.paragraph_format.tab_stops.add_tab_stop(Cm(1.1), WD_TAB_ALIGNMENT.LEFT)
        found["line"] = line
        fact = styles.add_style("Cover Fact", WD_STYLE_TYPE.PARAGRAPH)
        fact.base_style = styles["Normal"]
        fact.paragraph_format.left_indent = Cm(5.5)
        fact.paragraph_format.first_line_indent = Cm(-5.5)
        fact.paragraph_format.space_after = Pt(4)
        fact.paragraph_format.tab_stops.add_tab_stop(Cm(5.5), WD_TAB_ALIGNMENT.LEFT)
        found["fact"] = fact
        return found

    def _list_abstracts(self) -> dict:
        """The numbering definition behind each numbered-list style, to restart a new list at 1."""
        nums = {num.numId: num.abstractNumId.val for num in self.numbering.num_lst}
        found = {}
        for level in range(1, MAX_LIST_LEVEL + 1):
            num_pr = self.styles[f"number{level}"].element.pPr.numPr
            found[level] = nums[num_pr.numId.val]
        return found

    # --- building blocks ----------------------------------------------------------------------------------

    def paragraph(self, style=None, text="", parent=None):
        """A new w:p at the end of the body (or of `parent`); python-docx's Paragraph API is too slow here."""
        p = _paragraph_element(style.style_id if style is not None else None)
        if parent is not None:
            parent.append(p)
        elif self.container is not None:
            self.container.append(p)
        else:
            self.sect_pr.addprevious(p)
        if text:
            p.append(_run_element(text))
        return p

    def page_break(self):
        run = OxmlElement("w:r")
        run.append(OxmlElement("w:br", attrs={qn("w:type"): "page"}))
        self.paragraph().append(run)

    def content_control(self, gallery: str):
        """A block content control of Word's `gallery` ("Cover Pages", "Table of Contents"): Word shows it as
        one unit, and the importer skips it, so an exported file re-imports as its sections only."""
        sdt = parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="{gallery}"/>'
            "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>"
        )
        self.sect_pr.addprevious(sdt)
        return sdt[1]

    def add_cover(self, cover, *, header: str):
        self.container = self.content_control("Cover Pages")
        self.doc.core_properties.title = cover.title
        for _index in range(4):
            self.paragraph()
        self.paragraph(self.styles["Title"], cover.title)
        self.paragraph(self.styles["Subtitle"], cover.workspace)
        self.paragraph()
        # Tab-aligned lines rather than a table: LibreOffice moves tables out of a content control.
        for label, value in cover.facts:
            p = self.paragraph(self.styles["fact"])
            p.extend([_run_element(label, bold=True), _run_element(f"\t{value}")])
        section = self.doc.sections[0]
        header_paragraph = section.header.paragraphs[0]
        header_paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        header_run = header_paragraph.add_run(_NOT_XML.sub("", header))
        header_run.font.size = Pt(8)
        self.page_break()
        self.container = None

    def add_contents(self, sections):
        """A Word TOC field over the headings; its result is pre-filled so it reads well before an update."""
        self.container = self.content_control("Table of Contents")
        self.paragraph(self.styles["TOC Heading"], _("Contents"))
        entries = [s for s in sections if s["level"] <= TOC_LEVELS] or [{"level": 1, "number": "", "title": ""}]
        for index, entry in enumerate(entries):
            p = self.paragraph(self.styles[f"toc{entry['level']}"])
            if index == 0:
                begin = OxmlElement("w:r")
                begin.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "begin", qn("w:dirty"): "true"}))
                instruction = OxmlElement("w:r")
                text = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
                text.text = f' TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u '
                instruction.append(text)
                separate = OxmlElement("w:r")
                separate.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "separate"}))
                p.extend([begin, instruction, separate])
            p.append(_run_element(f"{entry['number']} {entry['title']}".strip()))
        end = OxmlElement("w:r")
        end.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "end"}))
        p.append(end)
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields", attrs={qn("w:val"): "true"})
        settings.find(qn("w:compat")).addprevious(update)
        self.page_break()
        self.container = None

    def add_heading(self, level: int, text: str):
        self.paragraph(self.styles[f"heading{min(max(level, 1), MAX_HEADING_LEVEL)}"], text)

    def add_numbered_lines(self, lines):
        """The workshop view's lines, numbered from 1, so "line 14" on paper is line 14 on screen."""
        style = self.styles["line"]
        for number, line in enumerate(lines, 1):
            self.paragraph(style, f"\t{number}\t{line}")

    def add_body(self, body):
        notes = {}
        for note in body.notes:
            notes[note.number] = self.next_note_id
            self.next_note_id += 1
        for block in body.blocks:
            if isinstance(block, Table):
                self.add_table(block, notes)
            else:
                self.add_paragraph(block, notes)
        for note in body.notes:
            self.add_footnote(notes[note.number], note)

    def add_paragraph(self, block: Paragraph, notes: dict):
        if block.kind in ("bullet", "number", "continue"):
            style = self.styles[f"{block.kind}{min(block.level, MAX_LIST_LEVEL)}"]
        elif block.kind == "quote":
            style = self.styles["Quote"]
        else:
            style = None
        p = self.paragraph(style)
        if block.kind == "number":
            level = min(block.level, MAX_LIST_LEVEL)
            if block.start or level not in self.lists:
                self.lists[level] = self._new_numbering(level)
            self._number(p, self.lists[level])
        self.add_spans(p, block.spans, notes, self.part)

    def _new_numbering(self, level) -> int:
        """A numbering instance of the level's list style that starts at 1: each numbered list counts alone."""
        num = self.numbering.add_num(self.list_abstracts[level])
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def _number(self, p, num_id):
        num_pr = p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id

    def add_spans(self, p, spans, notes, part):
        for span in spans:
            if span.note:
                if span.note in notes:
                    p.append(_note_reference(notes[span.note]))
            elif span.line_break:
                run = OxmlElement("w:r")
                run.append(OxmlElement("w:br"))
                p.append(run)
            elif span.href:
                p.append(_hyperlink(part, span))
            elif span.text:
                p.append(_run_element(span.text, span.bold, span.italic, CODE_FONT if span.code else None))

    def add_table(self, block: Table, notes: dict):
        columns = max([len(block.header), *(len(row) for row in block.rows)])
        if not columns:
            return
        table = self.doc.add_table(rows=1 + len(block.rows), cols=columns)
        table.style = self.styles["Table Grid"]
        for index, (row, cells) in enumerate(zip(table.rows, [block.header, *block.rows], strict=True)):
            if index == 0:
                tr_pr = row._tr.get_or_add_trPr()
                tr_pr.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
            for column, cell in enumerate(row.cells):
                spans = cells[column] if column < len(cells) else []
                paragraph = cell.paragraphs[0]
                align = block.aligns[column] if column < len(block.aligns) else ""
                if align in ALIGNMENTS:
                    paragraph.alignment = ALIGNMENTS[align]
                if index == 0:
                    spans = [copy.copy(span) for span in spans]
                    for span in spans:
                        span.bold = True
                self.add_spans(paragraph._p, spans, notes, self.part)
        self.paragraph()  # Word joins two tables that touch; a paragraph also gives air after the table

    def add_footnote(self, note_id: int, note):
        footnotes = self._footnotes_part()
        footnote = OxmlElement("w:footnote", attrs={qn("w:id"): str(note_id)})
        for index, spans in enumerate(note.paragraphs or [[]]):
            p = self.paragraph(self.styles["footnote"], parent=footnote)
            if index == 0:
                mark = OxmlElement("w:r")
                mark.append(_run_style("FootnoteReference"))
                mark.append(OxmlElement("w:footnoteRef"))
                p.append(mark)
                p.append(_run_element(" "))
            self.add_spans(p, spans, {}, footnotes)
        footnotes.element.append(footnote)

    def _footnotes_part(self):
        if self.footnotes is None:
            element = parse_xml(
                f"<w:footnotes {nsdecls('w', 'r')}>"
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
                ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
                ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                "</w:footnotes>"
            )
            self.footnotes = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, self.part.package)
            self.part.relate_to(self.footnotes, RT.FOOTNOTES)
            properties = parse_xml(
                f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
            )
            self.doc.settings.element.find(qn("w:compat")).addprevious(properties)
        return self.footnotes

    def save(self) -> bytes:
        output = io.BytesIO()
        self.doc.save(output)
        return output.getvalue()


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold
W_VAL, XML_SPACE = qn("w:val"), qn("xml:space")


def _paragraph_element(style_id=None):
    p = OxmlElement("w:p")
    if style_id:
        p_pr = SubElement(p, qn("w:pPr"))
        SubElement(p_pr, qn("w:pStyle")).set(W_VAL, style_id)
    return p


def _run_element(text, bold=False, italic=False, font=None, style_id=None):
    """A w:r with its text: tabs as w:tab, properties in the order the schema wants."""
    run = OxmlElement("w:r")
    if bold or italic or font or style_id:
        r_pr = SubElement(run, qn("w:rPr"))
        if style_id:
            SubElement(r_pr, qn("w:rStyle")).set(W_VAL, style_id)
        if font:
            SubElement(r_pr, qn("w:rFonts"), {qn("w:ascii"): font, qn("w:hAnsi"): font, qn("w:cs"): font})
        if bold:
            SubElement(r_pr, qn("w:b"))
        if italic:
            SubElement(r_pr, qn("w:i"))
    for index, piece in enumerate(_NOT_XML.sub("", text).split("\t")):
        if index:
            SubElement(run, qn("w:tab"))
        if piece:
            t = SubElement(run, qn("w:t"))
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(XML_SPACE, "preserve")
    return run


def _add_style(styles, name, style_id, kind):
    style = styles.add_style(name, kind)
    style.element.styleId = style_id
    return style


def _run_style(style_id):
    r_pr = OxmlElement("w:rPr")
    r_pr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): style_id}))
    return r_pr


def _note_reference(note_id):
    run = OxmlElement("w:r")
    run.append(_run_style("FootnoteReference"))
    run.append(OxmlElement("w:footnoteReference", attrs={qn("w:id"): str(note_id)}))
    return run


def _hyperlink(part, span):
    rel_id = part.relate_to(span.href, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", attrs={qn("r:id"): rel_id})
    link.append(_run_element(span.text, span.bold, span.italic, style_id="Hyperlink"))
    return link


def _simple_field(instruction, placeholder):
    field = OxmlElement("w:fldSimple", attrs={qn("w:instr"): instruction})
    field.append(_run_element(placeholder))
    return field
