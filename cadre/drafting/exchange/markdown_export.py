"""A document as one Markdown file: `# 1 Title` headings (one # per level), each section's text as stored."""

from . import markdown_blocks


def export_markdown(document, *, release=None) -> str:
    parts = []
    for section in markdown_blocks.content_of(document, release):
        heading = "#" * max(1, min(section["level"], 6)) + f" {section['number']} {section['title']}"
        body = section["body"].strip("\n")
        parts.append(f"{heading}\n\n{body}\n" if body else f"{heading}\n")
    return "\n".join(parts)
