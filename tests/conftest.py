"""Named personas: one user per role in one workspace, plus an outsider who belongs to another workspace."""

from dataclasses import dataclass

import pytest
from django.test import Client

from cadre.workspaces.roles import Role

from .factories import (
    ActivityFactory,
    CountryFactory,
    ExpertFactory,
    InstitutionFactory,
    MembershipFactory,
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
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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
        workspace=workspace, other_workspace=other, users=users, theme=theme, activity=activity,
        result=ResultFactory(workspace=workspace, number=1), expert=ExpertFactory(workspace=workspace),
        institution=institution,
    )


@pytest.fixture(params=PERSONAS)
def persona(request):
    return request.param
