import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from cadre.workspaces import demo


def demo_loaders():
    """The `load(*, by=None)` of every other installed app's `demo` module, in INSTALLED_APPS order.

    Workspaces sits below the apps that build on it and never imports them: their demos are found, not named.
    """
    loaders = []
    for config in apps.get_app_configs():
        if config.name == demo.__package__:
            continue
        name = f"{config.name}.demo"
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError:  # the app is a module, not a package: it has no submodules
            found = None
        if found is None:
            continue
        load = getattr(importlib.import_module(name), "load", None)
        if callable(load):
            loaders.append(load)
    return loaders


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
        extra = []
        with transaction.atomic():  # all of the demo or none of it
            accounts = demo.load()
            for load in demo_loaders():
                extra.extend(load(by=None) or [])
        self.stdout.write(self.style.SUCCESS(_("Demo loaded. Accounts (e-mail, password, role, workspace):")))
        for email, password, role, workspace in accounts:
            self.stdout.write(f"  {email}  {password}  {role}  {workspace}")
        for line in extra:
            self.stdout.write(str(line))
