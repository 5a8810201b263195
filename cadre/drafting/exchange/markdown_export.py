"""A document as one Markdown file: `# 1 Title` headings (one # per level), each section's text as stored, then
the annexes other apps add (e.g. the action-plan matrix as pipe tables), each after a `<!-- cadre:annex -->` line."""

from django.utils import translation

from cadre.core.navigation import panels_for

from . import markdown_blocks


def export_markdown(document, *, release=None) -> str:
    parts = []
    for section in markdown_blocks.content_of(document, release):
        heading = "#" * max(1, min(section["level"], 6)) + f" {section['number']} {section['title']}"
        body = section["body"].strip("\n")
        parts.append(f"{heading}\n\n{body}\n" if body else f"{heading}\n")
    with translation.override(document.language):
        for annex in panels_for("drafting.export", document, None):
            if "markdown" in annex["context"]:
                parts.append(annex["context"]["markdown"]())
    return "\n".join(parts)
