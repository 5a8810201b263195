"""Named personas: one user per role in one workspace, plus an outsider who belongs to another workspace."""

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import translation

from cadre.workspaces.roles import Role

from .factories import (
    ActivityFactory,
    CountryFactory,
    ExpertFactory,
    InstitutionFactory,
    MembershipFactory,
    PersonFactory,
    ResultFactory,
    ThemeFactory,
    UserFactory,
    WorkspaceFactory,
)

PERSONAS = ["secretariat", "member", "expert", "partner", "observer", "outsider"]
READ_ONLY_PERSONAS = ["member", "expert", "partner", "observer"]


@dataclass
class World:
    workspace: object
    other_workspace: object
    users: dict
    theme: object
    activity: object
    result: object
    expert: object
    institution: object

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.AXES_ENABLED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Background tasks run inside the request in tests, so that a test sees their outcome at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()  # each test starts with no cached figure from another test's data
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations(tmp_path_factory):
    """The French catalogue compiled from locale/*/django.po at the start of the run.

    `make test` compiles the catalogue before running pytest; this does the same for a bare `pytest`, into a
    scratch directory, so that the suite never reads a missing or stale .mo file.
    """
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:  # no gettext tools: use whatever catalogue is compiled already
        yield
        return
    source = Path(django_settings.LOCALE_PATHS[0])
    target = tmp_path_factory.mktemp("locale")
    for po in source.glob("*/LC_MESSAGES/*.po"):
        mo = target / po.relative_to(source).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([msgfmt, "--check-format", "-o", str(mo), str(po)], check=True)
    override = override_settings(LOCALE_PATHS=[target])
    override.enable()  # also empties Django's translation caches
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts, and leaves, with the default language active (requests activate theirs and keep it)."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def world(db) -> World:
    """A workspace with one member per role, a theme, an activity, a result and an expert; and an outsider
    who is secretariat of another workspace (so "outsider" is a real user with real rights elsewhere)."""
    niger = CountryFactory()
    workspace = WorkspaceFactory(slug="niger", title_en="Niger: Irregular Migration", country=niger)
    other = WorkspaceFactory(slug="elsewhere", country=niger)
    institution = InstitutionFactory(name_fr="Ministère de l'Intérieur", name_en="Ministry of Interior")
    users = {}
    for role in Role:
        user = UserFactory(email=f"{role.value}@example.org", full_name=f"{role.value.title()} Persona")
        MembershipFactory(user=user, workspace=workspace, role=role, institution=institution)
        users[role.value] = user
    outsider = UserFactory(email="outsider@example.org", full_name="Outsider Persona")
    MembershipFactory(user=outsider, workspace=other, role=Role.SECRETARIAT)
    users["outsider"] = outsider
    theme = ThemeFactory(workspace=workspace, code="border-management")
    activity = ActivityFactory(workspace=workspace, number=1)
    activity.themes.add(theme)
    return World(
        workspace=workspace,
        other_workspace=other,
        users=users,
        theme=theme,
        activity=activity,
        result=ResultFactory(workspace=workspace, number=1),
        expert=ExpertFactory(workspace=workspace),
        institution=institution,
    )


@pytest.fixture(params=PERSONAS)
def persona(request):
    return request.param


@dataclass
class Session:
    """A meeting of the personas' workspace with invitees from two institutions, one of them the personas'."""

    meeting: object
    item: object
    own: list  # participations of people from the personas' institution
    other: list  # participations of people from another institution
    other_institution: object


@pytest.fixture
def session(world) -> Session:
    from .meetings.factories import AgendaItemFactory, MeetingFactory, ParticipationFactory

    meeting = MeetingFactory(workspace=world.workspace, activity=world.activity, host_institution=world.institution)
    meeting.themes.add(world.theme)
    meeting.facilitators.add(world.expert)
    item = AgendaItemFactory(meeting=meeting, title_fr="Gestion des frontières", title_en="Border management")
    item.themes.add(world.theme)
    police = InstitutionFactory(name_fr="Direction de la surveillance du territoire", acronym="DST")
    own = [
        ParticipationFactory(
            meeting=meeting, person=PersonFactory(institution=world.institution, email=f"own{n}@example.org")
        )
        for n in range(2)
    ]
    other = [
        ParticipationFactory(meeting=meeting, person=PersonFactory(institution=police, email=f"dst{n}@example.org"))
        for n in range(2)
    ]
    return Session(meeting=meeting, item=item, own=own, other=other, other_institution=police)
