"""Word, PDF and Markdown in and out for drafting documents.

Every exporter reads a document's content the same way (`content_of`): the current text, or a release's frozen
snapshot, as a list of {id, number, level, title, body} in reading order.
"""

from .docx_export import export_docx
from .docx_import import import_docx
from .markdown_export import export_markdown
from .pdf_export import document_html, export_pdf

__all__ = ["document_html", "export_docx", "export_markdown", "export_pdf", "import_docx"]
