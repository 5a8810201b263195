from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cadre.mapping import exports, queries
from cadre.mapping.models import Intervention
from cadre.workspaces.models import Workspace


class Command(BaseCommand):
    help = "Export a workspace's interventions (all, or those of a status or theme) as IATI 2.03 XML, CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("workspace", help="The workspace's short name (as in its address).")
        parser.add_argument("--format", required=True, help="iati, csv or xlsx.")
        parser.add_argument("-o", "--output", required=True, help="The file to write.")
        parser.add_argument("--status", choices=Intervention.Status.values, help="Only interventions in this status.")
        parser.add_argument("--theme", help="Only interventions of the theme with this code.")

    def handle(self, *args, workspace, format, output, status, theme, **options):
        found = Workspace.objects.select_related("country", "requesting_authority").filter(slug=workspace).first()
        if found is None:
            raise CommandError(_("There is no workspace with the short name “%(slug)s”.") % {"slug": workspace})
        if format not in exports.FORMATS:
            raise CommandError(_("Unknown export format “%(format)s”: choose csv, xlsx or iati.") % {"format": format})
        filters = queries.Filters(status=status or "")
        if theme:
            chosen = found.themes.filter(code=theme).first()
            if chosen is None:
                raise CommandError(
                    _("The workspace “%(workspace)s” has no theme with the code “%(code)s”.")
                    % {"workspace": found.slug, "code": theme}
                )
            filters.theme = chosen.pk
        interventions = list(queries.interventions_of(found, filters))
        left_out = []
        try:
            data = exports.export(format, found, interventions, left_out=left_out)
        except exports.ExportRefused as refusal:
            raise CommandError("\n".join(refusal.messages)) from refusal
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": path, "error": error.strerror or error}
            ) from error
        count = len(interventions) - len(left_out)
        self.stdout.write(
            ngettext(
                "%(workspace)s: %(count)s intervention exported to %(path)s (%(format)s, %(size)s bytes).",
                "%(workspace)s: %(count)s interventions exported to %(path)s (%(format)s, %(size)s bytes).",
                count,
            )
            % {
                "workspace": found.slug,
                "count": count,
                "path": path,
                "format": format,
                "size": len(data),
            }
        )
        for intervention, gaps in left_out:
            self.stderr.write(
                _("Left out of the IATI file: %(intervention)s (%(gaps)s).")
                % {"intervention": exports.activity_identifier(found, intervention), "gaps": ", ".join(gaps)}
            )
