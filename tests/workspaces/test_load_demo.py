"""The load_demo command: refused without DEBUG unless forced, idempotent, and it prints the accounts."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cadre.core.models import AuditEvent
from cadre.workspaces import demo
from cadre.workspaces.models import Workspace
from cadre.workspaces.roles import Role

from ..core.helpers import db_snapshot

pytestmark = pytest.mark.django_db


def test_load_demo_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
    assert not Workspace.objects.exists()


def test_load_demo_with_force_loads_without_debug(settings):
    settings.DEBUG = False
    call_command("load_demo", "--force", stdout=StringIO())
    assert Workspace.objects.filter(slug__in=[demo.MAIN_SLUG, demo.YOUTH_SLUG]).count() == 2


def test_load_demo_with_debug_loads(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    assert Workspace.objects.filter(slug=demo.MAIN_SLUG).exists()


def test_load_demo_twice_creates_no_new_rows_and_no_new_audit_events(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    before = db_snapshot(ignore=["updated_at"])  # saving unchanged rows again may touch their timestamp
    events = AuditEvent.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert AuditEvent.objects.count() == events
    assert db_snapshot(ignore=["updated_at"]) == before


def test_load_demo_repairs_a_changed_demo_password(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    user = get_user_model().objects.get(email="observer@demo.example.org")
    user.set_password("something else entirely")
    user.save()
    call_command("load_demo", stdout=StringIO())
    response = Client().post(
        reverse("accounts:login"), {"username": "observer@demo.example.org", "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302


def test_load_demo_prints_each_account_on_its_own_line(settings):
    settings.DEBUG = True
    out = StringIO()
    with translation.override("fr"):
        call_command("load_demo", stdout=out)
        labels = {role: str(role.label) for role in Role}
    lines = out.getvalue().splitlines()
    workspaces = {demo.MAIN_SLUG: demo.MAIN["title_en"], demo.YOUTH_SLUG: demo.YOUTH["title_en"]}
    for email, _name, role, _institution, slug in demo.ACCOUNTS:
        [line] = [line for line in lines if email in line]
        fields = line.split()
        assert fields[0] == email and fields[1] == demo.DEMO_PASSWORD, line
        assert line.split(demo.DEMO_PASSWORD, 1)[1].strip() == f"{labels[role]}  {workspaces[slug]}", line
    assert len([line for line in lines if "@" in line]) == len(demo.ACCOUNTS)
