import pytest
from django.urls import reverse

from cadre.core.models import AuditEvent
from cadre.workspaces.models import Membership, Workspace
from cadre.workspaces.roles import Role

from ..factories import CountryFactory, InstitutionFactory, UserFactory


def _payload(country, institution, **changes):
    data = {
        "title_fr": "Sierra Leone : politique migratoire",
        "title_en": "Sierra Leone: Migration Policy",
        "slug": "sierra-leone",
        "country": country.pk,
        "requesting_authority": institution.pk,
        "start_date": "2017-01-01",
        "end_date": "2017-12-31",
        "objective_fr": "Appuyer l'élaboration de la politique nationale de migration.",
        "objective_en": "Support the drafting of the national migration policy.",
        "status": "planned",
        "institution": institution.pk,
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_workspace_creation_by_platform_administrator_makes_them_secretariat(client):
    admin = UserFactory(is_staff=True)
    country, institution = (
        CountryFactory(code="SL", name_fr="Sierra Leone", name_en="Sierra Leone"),
        InstitutionFactory(),
    )
    client.force_login(admin)
    response = client.post(reverse("workspaces:create"), _payload(country, institution))
    workspace = Workspace.objects.get(slug="sierra-leone")
    assert response.url == workspace.get_absolute_url()
    membership = Membership.objects.get(workspace=workspace, user=admin)
    assert membership.role == Role.SECRETARIAT and membership.institution == institution
    assert AuditEvent.objects.filter(workspace_id=workspace.pk, action="create", actor=admin).count() >= 2


@pytest.mark.django_db
def test_workspace_creation_refused_to_non_administrator(world):
    country, institution = world.workspace.country, world.institution
    before = Workspace.objects.count()
    response = world.client("secretariat").post(reverse("workspaces:create"), _payload(country, institution))
    assert response.status_code == 403
    assert Workspace.objects.count() == before


@pytest.mark.django_db
def test_workspace_creation_with_end_before_start_changes_nothing(client):
    admin = UserFactory(is_staff=True)
    country, institution = CountryFactory(), InstitutionFactory()
    client.force_login(admin)
    response = client.post(reverse("workspaces:create"), _payload(country, institution, end_date="2016-01-01"))
    assert response.status_code == 400
    assert "La fin est antérieure au début." in response.content.decode()
    assert not Workspace.objects.filter(slug="sierra-leone").exists()
