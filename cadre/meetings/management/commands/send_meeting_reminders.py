"""Send the reminder of every planned meeting that starts in 24 to 48 hours and has had none yet.

Meant to run every hour or so from cron or a systemd timer, e.g.
`manage.py send_meeting_reminders --base-url https://cadre.example.org`. Running it twice sends nothing twice:
a meeting whose reminder was accepted by the mail server is marked and left alone.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from cadre.meetings import notify


class Command(BaseCommand):
    help = "E-mail a reminder to the invitees of planned meetings that start in 24 to 48 hours (once per meeting)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", ""),
            help="The site's address, for the links in the messages (default: the SITE_URL setting).",
        )
        parser.add_argument("--dry-run", action="store_true", help="List the meetings without sending anything.")

    def handle(self, *args, base_url, dry_run, **options):
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("Give the site's address with --base-url, e.g. https://cadre.example.org")
        translation.activate(settings.LANGUAGE_CODE)
        failures = 0
        for meeting in notify.meetings_to_remind():
            label = (
                f"{meeting.workspace.slug}: {meeting.title} ({meeting.local_start:%Y-%m-%d %H:%M} {meeting.time_zone})"
            )
            if dry_run:
                self.stdout.write(f"would remind — {label}")
                continue
            outcome = notify.send_reminders(meeting, base_url=base_url, by=None)
            self.stdout.write(
                f"{label}: {len(outcome.sent)} sent, {len(outcome.failed)} failed, "
                f"{len(outcome.without_email)} without an e-mail address"
            )
            for participation, reason in outcome.failed:
                self.stderr.write(f"  not sent to {participation.person.full_name}: {reason}")
            failures += len(outcome.failed)
        if failures:
            raise CommandError(f"{failures} message(s) could not be sent.")
