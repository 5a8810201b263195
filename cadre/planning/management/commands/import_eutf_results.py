from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cadre.planning.imports import ImportRefused, import_results
from cadre.workspaces.models import Workspace


class Command(BaseCommand):
    help = (
        "Import the EU Trust Fund results file (eutf_results_niger.csv) as indicators, targets and validated "
        "values of the workspace's interventions, at once (the page runs it in the background). Rows with unusable "
        "values are reported and left out; a value changed or being corrected in Cadre since the last import is kept "
        "and reported; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("workspace", help="The workspace's short name (as in its address).")
        parser.add_argument("file", help="The results CSV file.")
        parser.add_argument("--dry-run", action="store_true", help="Only print what would change.")
        parser.add_argument("--by", help="E-mail of the user the import is recorded as made by.")

    def handle(self, *args, workspace, file, dry_run, by, **options):
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
            result = import_results(found, path.read_bytes(), by=user, dry_run=dry_run)
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        for problem in result.problems:
            self.stdout.write(
                _("line %(line)s, %(column)s “%(value)s”: %(reason)s")
                % {
                    "line": problem.line,
                    "column": problem.column,
                    "value": problem.value[:80],
                    "reason": problem.reason,
                }
            )
        counts = {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "reported": result.reported,
        }
        if dry_run:
            message = _(
                "Dry run, nothing saved: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(reported)s reported."
            )
        else:
            message = _(
                "Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(reported)s reported."
            )
        self.stdout.write(message % counts)
