from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cadre.drafting.exchange import export_docx, export_markdown, export_pdf
from cadre.drafting.models import Document, Release
from cadre.workspaces.models import Workspace

FORMATS = ("docx", "pdf", "md")


class Command(BaseCommand):
    help = "Export a document of a workspace (its current text, or a release) as Word, PDF or Markdown."

    def add_arguments(self, parser):
        parser.add_argument("workspace", help="The workspace's short name (as in its address).")
        parser.add_argument("--document", help="The document's short name; by default the main document.")
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--release", help="The name of a release; by default the current text.")
        parser.add_argument(
            "--line-numbers", action="store_true", help="Number each section's lines as the workshop view does."
        )
        parser.add_argument("-o", "--output", required=True, help="The file to write.")

    def handle(self, *args, workspace, document, format, release, line_numbers, output, **options):
        found = Workspace.objects.filter(slug=workspace).first()
        if found is None:
            raise CommandError(_("There is no workspace with the short name “%(slug)s”.") % {"slug": workspace})
        chosen = _document(found, document)
        frozen = None
        if release:
            frozen = Release.objects.filter(document=chosen, name=release).first()
            if frozen is None:
                raise CommandError(
                    _("The document “%(document)s” has no release named “%(release)s”.")
                    % {"document": chosen.slug, "release": release}
                )
        try:
            if format == "md":
                data = export_markdown(chosen, release=frozen).encode("utf-8")
            elif format == "docx":
                data = export_docx(chosen, release=frozen, line_numbers=line_numbers)
            else:
                data = export_pdf(chosen, release=frozen, line_numbers=line_numbers)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from error
        self.stdout.write(
            _("%(document)s exported to %(path)s (%(size)s bytes).")
            % {"document": chosen.slug, "path": path, "size": len(data)}
        )


def _document(workspace, slug):
    if slug:
        found = Document.objects.filter(workspace=workspace, slug=slug).first()
        if found is None:
            raise CommandError(
                _("The workspace “%(workspace)s” has no document with the short name “%(slug)s”.")
                % {"workspace": workspace.slug, "slug": slug}
            )
        return found
    found = Document.objects.filter(workspace=workspace).order_by("-is_main", "title_fr", "pk").first()
    if found is None:
        raise CommandError(_("The workspace “%(workspace)s” has no document yet.") % {"workspace": workspace.slug})
    return found
