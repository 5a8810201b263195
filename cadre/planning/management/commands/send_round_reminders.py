"""Remind the late focal points of every open monitoring round whose due date is a week away or passed.

Meant to run once a day from cron or a systemd timer, e.g.
`manage.py send_round_reminders --base-url https://cadre.example.org`. Running it twice sends nothing twice: a
focal point is reminded at most once every REMIND_EVERY_DAYS days per round (see planning/notify.py), and only
while their institution still has something missing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from cadre.planning import notify


class Command(BaseCommand):
    help = "E-mail a reminder to the late focal points of open monitoring rounds that are due within a week or overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", ""),
            help="The site's address, for the links in the messages (default: the SITE_URL setting).",
        )
        parser.add_argument("--dry-run", action="store_true", help="List who would be reminded without sending.")

    def handle(self, *args, base_url, dry_run, **options):
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("Give the site's address with --base-url, e.g. https://cadre.example.org")
        translation.activate(settings.LANGUAGE_CODE)
        today = timezone.localdate()
        failures = 0
        rounds = 0
        for round_ in notify.rounds_to_remind(today):
            rounds += 1
            plan = round_.plan
            label = f"{plan.workspace.slug}/{plan.slug}: {round_.title} (due {round_.due_date:%Y-%m-%d})"
            if dry_run:
                to_remind, skipped = notify.reminder_recipients(round_, today)
                names = ", ".join(f"{p.user.full_name} <{p.user.email}>" for p in to_remind) or "nobody"
                self.stdout.write(f"would remind — {label}: {names}; {len(skipped)} reminded recently")
                continue
            outcome = notify.send_reminders(round_, by=None, base_url=base_url, today=today)
            self.stdout.write(
                f"{label}: {len(outcome.sent)} reminded, {len(outcome.failed)} failed, "
                f"{len(outcome.without_email)} without an e-mail address, {len(outcome.skipped)} reminded recently"
            )
            for point, reason in outcome.failed:
                self.stderr.write(f"  not sent to {point.user.full_name}: {reason}")
            failures += len(outcome.failed)
        if not rounds:
            self.stdout.write("No open round is due within a week or overdue.")
        if failures:
            raise CommandError(f"{failures} message(s) could not be sent.")
