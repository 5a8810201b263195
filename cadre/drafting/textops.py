"""Pure text operations behind drafting: three-way merge, word diff, anchoring, numbering, workshop lines.

Nothing here touches the database, so every rule about not losing text can be tested on plain strings.
"""

import difflib
import re
import textwrap
from dataclasses import dataclass, field

from django.utils.html import escape
from merge3 import Merge3

# Merge granularity: sentences, line breaks and the whitespace between them are separate tokens, so two people
# editing different sentences of one paragraph merge cleanly, while two edits of the same sentence conflict.
_MERGE_SEPARATORS = re.compile(r"(\n|(?<=[.!?;:])[ \t]+)")
# Diff granularity: words, spaces and punctuation.
_WORD_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)

ANCHOR_CONTEXT = 32
MIN_CONTEXT = 16  # characters of its old surroundings, on one side, that must still touch a passage found again
UNIQUE_QUOTE_LENGTH = 20  # a passage this long, found once, is the same passage whatever its neighbours
WORKSHOP_WIDTH = 80


def merge_tokens(text: str) -> list[str]:
    """Sentences, line breaks and the spaces after a sentence, as separate tokens; joined they give the text."""
    return [token for token in _MERGE_SEPARATORS.split(text) if token]


@dataclass
class Conflict:
    base: str
    mine: str
    theirs: str


@dataclass
class MergeResult:
    chunks: list = field(default_factory=list)  # str for merged text, Conflict for an overlap

    @property
    def clean(self) -> bool:
        return not any(isinstance(chunk, Conflict) for chunk in self.chunks)

    @property
    def conflicts(self) -> list[Conflict]:
        return [chunk for chunk in self.chunks if isinstance(chunk, Conflict)]

    def text(self, prefer: str = "mine") -> str:
        """The merged text, taking `prefer`'s version ('mine' or 'theirs') where the two overlap."""
        return "".join(chunk if isinstance(chunk, str) else getattr(chunk, prefer) for chunk in self.chunks)


def merge(base: str, mine: str, theirs: str) -> MergeResult:
    """Three-way merge of a section's text: `mine` was edited from `base` while `theirs` was saved."""
    if mine == theirs or theirs == base:
        return MergeResult([mine])
    if mine == base:
        return MergeResult([theirs])
    base_t, mine_t, theirs_t = merge_tokens(base), merge_tokens(mine), merge_tokens(theirs)
    result = MergeResult()
    for region in Merge3(base_t, mine_t, theirs_t).merge_regions():
        kind = region[0]
        if kind == "unchanged":
            result.chunks.append("".join(base_t[region[1] : region[2]]))
        elif kind in ("a", "same"):
            result.chunks.append("".join(mine_t[region[1] : region[2]]))
        elif kind == "b":
            result.chunks.append("".join(theirs_t[region[1] : region[2]]))
        else:  # conflict
            _kind, zs, ze, as_, ae, bs, be = region
            chunk = Conflict("".join(base_t[zs:ze]), "".join(mine_t[as_:ae]), "".join(theirs_t[bs:be]))
            result.chunks.append(chunk.mine if chunk.mine == chunk.theirs else chunk)
    return result


def merge_title(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """A title merges whole: (title, clean)."""
    if mine == theirs or theirs == base:
        return mine, True
    if mine == base:
        return theirs, True
    return mine, False


def word_tokens(text: str) -> list[str]:
    return _WORD_TOKENS.findall(text)


def diff_html(old: str, new: str) -> str:
    """`new` with insertions in <ins> and deletions in <del>, word by word; every piece of text escaped."""
    old_t, new_t = word_tokens(old), word_tokens(new)
    parts = []
    matcher = difflib.SequenceMatcher(None, old_t, new_t, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_t[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(old_t[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(new_t[j1:j2]))}</ins>")
    return "".join(parts)


def diff_counts(old: str, new: str) -> tuple[int, int]:
    """Words inserted and deleted between two texts."""
    old_t, new_t = word_tokens(old), word_tokens(new)
    inserted = deleted = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_t, new_t, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            deleted += sum(1 for token in old_t[i1:i2] if not token.isspace())
        if op in ("insert", "replace"):
            inserted += sum(1 for token in new_t[j1:j2] if not token.isspace())
    return inserted, deleted


# --- anchors ---------------------------------------------------------------------------------------------


def anchor_context(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - ANCHOR_CONTEXT) : start], text[end : end + ANCHOR_CONTEXT]


def find_anchor(text: str, quote: str, prefix: str, suffix: str, start: int) -> int | None:
    """Where the passage is now, or None if it was rewritten.

    Every occurrence of the quote is scored by how much of its old context surrounds it, then by how close it
    is to where it was; an empty quote (a point for an insertion) is found by its context alone.
    """
    if not quote:
        return _find_point(text, prefix, suffix, start)
    occurrences = []
    position = text.find(quote)
    while position != -1:
        before = text[max(0, position - len(prefix)) : position]
        after = text[position + len(quote) : position + len(quote) + len(suffix)]
        kept_before, kept_after = _common_suffix(before, prefix), _common_prefix(after, suffix)
        # The same words elsewhere are not the passage: one side of its old surroundings must still touch it.
        recognised = (
            kept_before >= min(len(prefix), MIN_CONTEXT)
            and bool(prefix)
            or (kept_after >= min(len(suffix), MIN_CONTEXT) and bool(suffix))
        )
        occurrences.append((recognised, kept_before + kept_after, -abs(position - start), position))
        position = text.find(quote, position + 1)
    if not occurrences:
        return None
    recognised, _kept, _distance, best = max(occurrences)
    if recognised or not (prefix or suffix):
        return best
    # Its neighbours were rewritten but the passage was not: a long passage found once is the same passage.
    if len(occurrences) == 1 and len(quote) >= UNIQUE_QUOTE_LENGTH:
        return best
    return None


def _find_point(text, prefix, suffix, start):
    if prefix or suffix:
        joined = text.find(prefix + suffix)
        if joined != -1:
            return joined + len(prefix)
        if prefix and len(prefix) >= 8 and (found := text.find(prefix)) != -1:
            return found + len(prefix)
        if suffix and len(suffix) >= 8 and (found := text.find(suffix)) != -1:
            return found
        return None
    return min(start, len(text))


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def apply_change(text: str, start: int, quote: str, replacement: str) -> str:
    """Replace the passage `quote` found at `start` by `replacement` (an insertion when quote is empty)."""
    if text[start : start + len(quote)] != quote:
        raise ValueError("the passage is not where the anchor says")
    return text[:start] + replacement + text[start + len(quote) :]


# --- numbering and workshop lines -------------------------------------------------------------------------


def number_sections(sections) -> list:
    """Sections in reading order, each given `.number` ("2.1.3"), `.level` (1–n) and `.children_list`."""
    children: dict = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    ordered = []

    def walk(parent_id, prefix, level):
        for index, section in enumerate(sorted(children.get(parent_id, []), key=lambda s: (s.order, s.pk)), 1):
            section.number = f"{prefix}{index}"
            section.level = level
            section.children_list = children.get(section.pk, [])
            ordered.append(section)
            walk(section.pk, f"{section.number}.", level + 1)

    walk(None, "", 1)
    return ordered


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Underscores mark emphasis only at word boundaries: point_focal@… keeps its underscores.
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\]")


def plain_line(line: str) -> str:
    """A Markdown source line as it reads: links become their text, emphasis markers go."""
    line = _LINK.sub(r"\1", line)
    line = _FOOTNOTE_DEF.sub(r"[\1] ", line)
    line = _FOOTNOTE_REF.sub(r"[\1]", line)
    return _EMPHASIS.sub(lambda match: match.group(2) if match.group(1) else match.group(4), line)


def workshop_lines(body: str, width: int = WORKSHOP_WIDTH) -> list[str]:
    """The section's text as numbered lines: each paragraph wrapped at a fixed width, blank lines not counted.

    The same text always gives the same lines, whatever the screen, so "line 14" means the same for everyone.
    """
    lines = []
    for source in body.splitlines():
        if not source.strip():
            continue
        plain = plain_line(source.rstrip())
        indent = re.match(r"\s*(?:[-*+]|\d+[.)])\s+", plain)
        subsequent = " " * len(indent.group(0)) if indent else ""
        lines.extend(textwrap.wrap(plain, width=width, subsequent_indent=subsequent, break_long_words=True) or [plain])
    return lines
