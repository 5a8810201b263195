from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cadre.workspaces import demo


class Command(BaseCommand):
    help = "Load the demo (the two Niger actions and one account per role). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even though DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "The demo creates accounts with published passwords: it is loaded only when DEBUG is on, "
                    "or with --force."
                )
            )
        accounts = demo.load()
        self.stdout.write(self.style.SUCCESS(_("Demo loaded. Accounts (e-mail, password, role, workspace):")))
        for email, password, role, workspace in accounts:
            self.stdout.write(f"  {email}  {password}  {role}  {workspace}")
