from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cadre.drafting.exchange import import_docx
from cadre.workspaces.models import Workspace


class Command(BaseCommand):
    help = "Import a Word file (.docx) as a new document of a workspace; prints the document's short name last."

    def add_arguments(self, parser):
        parser.add_argument("workspace", help="The workspace's short name (as in its address).")
        parser.add_argument("file", help="The .docx file.")
        parser.add_argument("--by", help="E-mail of the user the import is recorded as made by.")
        parser.add_argument("--title", help="The document's title; by default the file's title.")

    def handle(self, *args, workspace, file, by, title, **options):
        found = Workspace.objects.filter(slug=workspace).first()
        if found is None:
            raise CommandError(_("There is no workspace with the short name “%(slug)s”.") % {"slug": workspace})
        user = None
        if by:
            user = get_user_model().objects.filter(email__iexact=by).first()
            if user is None:
                raise CommandError(_("There is no user with the e-mail address %(email)s.") % {"email": by})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        try:
            with path.open("rb") as handle:
                document = import_docx(found, handle, by=user, title=title)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _("Imported “%(title)s”: %(count)s sections.")
            % {"title": document.title, "count": document.sections.count()}
        )
        self.stdout.write(document.slug)
