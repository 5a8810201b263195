from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cadre.mapping.imports import ImportRefused, import_file
from cadre.mapping.imports.detect import FORMATS
from cadre.mapping.models import ColumnMapping
from cadre.workspaces.models import Workspace


class Command(BaseCommand):
    help = (
        "Import interventions from a file (CSV, XLSX, IATI XML or the EU Trust Fund's project list) into a "
        "workspace, all or nothing: prints the report, and changes nothing if any line has an error."
    )

    def add_arguments(self, parser):
        parser.add_argument("workspace", help="The workspace's short name (as in its address).")
        parser.add_argument("file", help="The file to import.")
        parser.add_argument("--format", choices=FORMATS, help="The file's format; by default, recognised from it.")
        parser.add_argument("--dry-run", action="store_true", help="Only print what would change.")
        parser.add_argument("--by", help="E-mail of the user the import is recorded as made by.")
        parser.add_argument("--mapping", help="The name of a saved column mapping of the workspace (spreadsheets).")

    def handle(self, *args, workspace, file, format, dry_run, by, mapping, **options):
        found = Workspace.objects.select_related("country").filter(slug=workspace).first()
        if found is None:
            raise CommandError(_("There is no workspace with the short name “%(slug)s”.") % {"slug": workspace})
        user = None
        if by:
            user = get_user_model().objects.filter(email__iexact=by).first()
            if user is None:
                raise CommandError(_("There is no user with the e-mail address %(email)s.") % {"email": by})
        columns = None
        if mapping:
            saved = ColumnMapping.objects.filter(workspace=found, name=mapping).first()
            if saved is None:
                raise CommandError(_("The workspace has no column mapping named “%(name)s”.") % {"name": mapping})
            columns = saved.columns
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        try:
            reading, the_plan, applied = import_file(
                found, path, format, by=user, columns=columns, dry_run=dry_run, source_note=path.name
            )
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        self._print(reading, the_plan)
        if not the_plan.ok:
            raise CommandError(_("The file has errors: nothing was imported."))
        summary = the_plan.summary()
        counts = {"created": summary["create"], "updated": summary["update"], "unchanged": summary["unchanged"]}
        if applied:
            self.stdout.write(
                _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % counts
            )
        else:
            self.stdout.write(
                _("Dry run, nothing written: %(created)s to create, %(updated)s to update, %(unchanged)s unchanged.")
                % counts
            )

    def _print(self, reading, the_plan):
        unit = _("activity") if reading.format == "iati" else _("row")
        if reading.columns:
            self.stdout.write(
                _("Columns: %(columns)s") % {"columns": ", ".join(f"{k} ← {v}" for k, v in reading.columns.items())}
            )
        summary = the_plan.summary()
        self.stdout.write(
            _("%(create)s to create, %(update)s to update, %(unchanged)s unchanged, %(error)s with errors.") % summary
        )
        for error in the_plan.errors:
            self.stderr.write(_("File: %(error)s") % {"error": error})
        for line in the_plan.lines:
            where = f"{unit} {line.line} ({line.key or '?'})"
            for message in line.messages:
                self.stderr.write(_("%(where)s: error: %(message)s") % {"where": where, "message": message})
            for note in line.notes:
                self.stdout.write(_("%(where)s: note: %(message)s") % {"where": where, "message": note})
            if line.action == "update" and self.verbosity >= 1:
                self.stdout.write(
                    _("%(where)s: update: %(fields)s") % {"where": where, "fields": ", ".join(line.changes)}
                )
