"""Members: adding by e-mail (with an invitation), refusing duplicates, keeping a secretariat, ending access."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cadre.core.models import AuditEvent
from cadre.workspaces.models import Membership
from cadre.workspaces.roles import Role

from ..conftest import READ_ONLY_PERSONAS
from ..core.helpers import db_snapshot, french, text_of
from ..factories import PASSWORD, MembershipFactory, UserFactory

User = get_user_model()


def _add(world, client=None, **data):
    payload = {"email": "aicha@example.org", "full_name": "Aïcha Abdou", "role": "member", "language": "fr"}
    payload.update(data)
    client = client or world.client("secretariat")
    return client.post(reverse("workspaces:member_add", args=[world.workspace.slug]), payload)


def _membership(world, persona):
    return Membership.objects.get(workspace=world.workspace, user=world.users[persona])


def test_member_add_with_unknown_email_creates_account_and_invites_by_email(world):
    response = _add(world, email="Aicha@Example.org", institution=world.institution.pk)
    assert response.status_code == 302 and response.url == reverse("workspaces:members", args=[world.workspace.slug])
    user = User.objects.get(email="aicha@example.org")
    assert user.full_name == "Aïcha Abdou" and user.language == "fr"
    assert not user.has_usable_password()  # they choose it through the link
    membership = Membership.objects.get(workspace=world.workspace, user=user)
    assert (membership.role, membership.institution, membership.is_current()) == ("member", world.institution, True)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aicha@example.org"]
    assert message.subject == french("You have been added to the workspace “%(title)s”", title=world.workspace.title_fr)
    link = re.search(r"http://testserver(/accounts/password/set/\S+/)", message.body)
    assert link, message.body


def test_member_add_invitation_link_lets_the_new_member_choose_a_password_and_sign_in(world, client):
    _add(world)
    path = re.search(r"http://testserver(/accounts/password/set/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    client.post(form_page.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert User.objects.get(email="aicha@example.org").check_password(PASSWORD)
    response = client.post(reverse("accounts:login"), {"username": "aicha@example.org", "password": PASSWORD})
    assert response.status_code == 302
    overview = client.get(world.workspace.get_absolute_url())
    assert overview.status_code == 200 and world.workspace.title_fr in overview.content.decode()


def test_member_add_invitation_in_the_language_chosen(world):
    _add(world, language="en")
    assert mail.outbox[0].subject == f"You have been added to the workspace “{world.workspace.title_en}”"
    assert User.objects.get(email="aicha@example.org").language == "en"


def test_member_add_with_existing_account_adds_it_without_a_new_account(world):
    someone = UserFactory(email="existing@example.org", full_name="Existing Person")
    users_before = User.objects.count()
    response = _add(world, email="EXISTING@example.org", full_name="", role="expert")
    assert response.status_code == 302
    assert User.objects.count() == users_before
    assert Membership.objects.get(workspace=world.workspace, user=someone).role == Role.EXPERT
    assert mail.outbox[0].to == ["existing@example.org"]
    assert "/accounts/password/set/" not in mail.outbox[0].body
    assert f"http://testserver{world.workspace.get_absolute_url()}" in mail.outbox[0].body


def test_member_add_unknown_email_without_name_asks_for_the_name(world):
    client = world.client("secretariat")
    before = db_snapshot()
    response = _add(world, client, full_name="")
    assert response.status_code == 400
    assert french("This person has no account yet: give their full name.") in text_of(response)
    assert db_snapshot() == before and mail.outbox == []


@pytest.mark.parametrize("email", ["member@example.org", "MEMBER@example.org"])
def test_member_add_of_a_current_member_gives_an_error_and_changes_nothing(world, email):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(
        reverse("workspaces:member_add", args=[world.workspace.slug]),
        {"email": email, "full_name": "", "role": "observer", "language": "fr"},
    )
    assert response.status_code == 400
    message = french("%(name)s is already a member of this workspace.", name="Member Persona")
    assert message in text_of(response)
    assert db_snapshot() == before
    assert mail.outbox == []


def test_member_add_of_a_former_member_gives_access_again(world):
    membership = _membership(world, "observer")
    membership.valid_to = timezone.localdate() - datetime.timedelta(days=10)
    membership.save()
    response = _add(world, email="observer@example.org", full_name="", role="partner")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_current() and membership.role == Role.PARTNER and membership.valid_to is None
    assert Membership.objects.filter(user=world.users["observer"], workspace=world.workspace).count() == 1


def test_member_end_removes_access_immediately(world):
    membership = _membership(world, "member")
    response = world.client("secretariat").post(
        reverse("workspaces:member_end", args=[world.workspace.slug, membership.pk]), follow=True
    )
    assert french("%(name)s no longer has access to this workspace.", name="Member Persona") in text_of(response)
    membership.refresh_from_db()
    assert membership.valid_to < timezone.localdate()
    client = world.client("member")
    assert client.get(world.workspace.get_absolute_url()).status_code == 404
    assert client.get(reverse("workspaces:workplan", args=[world.workspace.slug])).status_code == 404
    assert world.workspace.title_fr not in client.get(reverse("workspaces:mine")).content.decode()


def test_member_end_keeps_the_member_in_the_list_of_former_members(world):
    membership = _membership(world, "member")
    client = world.client("secretariat")
    client.post(reverse("workspaces:member_end", args=[world.workspace.slug, membership.pk]))
    members_url = reverse("workspaces:members", args=[world.workspace.slug])
    assert ">Member Persona</td>" not in client.get(members_url).content.decode()
    assert ">Member Persona</td>" in client.get(members_url + "?past=1").content.decode()


def test_member_end_of_the_last_secretariat_is_refused_with_a_message(world):
    membership = _membership(world, "secretariat")
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(reverse("workspaces:member_end", args=[world.workspace.slug, membership.pk]), follow=True)
    message = french("A workspace needs at least one secretariat member: appoint another one first.")
    assert message in text_of(response)
    assert db_snapshot() == before
    assert client.get(world.workspace.get_absolute_url()).status_code == 200


def test_member_end_of_a_secretariat_allowed_when_another_remains(world):
    second = MembershipFactory(workspace=world.workspace, role=Role.SECRETARIAT).user
    membership = _membership(world, "secretariat")
    world.client("secretariat").post(reverse("workspaces:member_end", args=[world.workspace.slug, membership.pk]))
    membership.refresh_from_db()
    assert not membership.is_current()
    assert Membership.objects.current().filter(workspace=world.workspace, role=Role.SECRETARIAT).get().user == second


def test_member_edit_changes_role_and_records_it(world):
    membership = _membership(world, "observer")
    response = world.client("secretariat").post(
        reverse("workspaces:member_edit", args=[world.workspace.slug, membership.pk]),
        {"role": "partner", "institution": world.institution.pk, "valid_from": "2016-01-01"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.PARTNER
    event = AuditEvent.objects.filter(object_id=str(membership.pk), action="update").last()
    assert event.changes == {"role": ["observer", "partner"]} and event.actor == world.users["secretariat"]


def test_member_edit_with_end_before_start_gives_an_error_and_changes_nothing(world):
    membership = _membership(world, "observer")
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(
        reverse("workspaces:member_edit", args=[world.workspace.slug, membership.pk]),
        {"role": "observer", "valid_from": "2016-01-01", "valid_to": "2015-01-01"},
    )
    assert response.status_code == 400
    assert french("The end date is before the start date.") in text_of(response)
    assert db_snapshot() == before


@pytest.mark.parametrize(
    "changes",
    [
        {"role": "member", "valid_from": "2016-01-01"},
        {"role": "secretariat", "valid_from": "2016-01-01", "valid_to": "2016-02-01"},
    ],
    ids=["demoted", "ended-through-edit"],
)
def test_member_edit_of_the_last_secretariat_is_refused(world, changes):
    membership = _membership(world, "secretariat")
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(reverse("workspaces:member_edit", args=[world.workspace.slug, membership.pk]), changes)
    assert response.status_code == 400
    message = french("A workspace needs at least one secretariat member: appoint another one first.")
    assert message in text_of(response)
    assert db_snapshot() == before


def test_members_page_shows_email_addresses_to_the_secretariat_only(world):
    url = reverse("workspaces:members", args=[world.workspace.slug])
    assert 'href="mailto:observer@example.org"' in world.client("secretariat").get(url).content.decode()
    for persona in READ_ONLY_PERSONAS:
        content = world.client(persona).get(url).content.decode()
        assert ">Secretariat Persona</td>" in content
        assert "secretariat@example.org" not in content and "mailto:" not in content, persona


def test_members_page_shows_former_members_to_the_secretariat_only(world):
    membership = _membership(world, "partner")
    membership.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    membership.save()
    url = reverse("workspaces:members", args=[world.workspace.slug]) + "?past=1"
    assert ">Partner Persona</td>" in world.client("secretariat").get(url).content.decode()
    assert ">Partner Persona</td>" not in world.client("member").get(url).content.decode()


def test_member_end_of_a_former_member_keeps_the_date_they_left(world):
    valid_from, valid_to = datetime.date(2016, 1, 1), datetime.date(2017, 4, 30)
    membership = _membership(world, "partner")
    membership.valid_from, membership.valid_to = valid_from, valid_to
    membership.save()
    world.client("secretariat").post(reverse("workspaces:member_end", args=[world.workspace.slug, membership.pk]))
    membership.refresh_from_db()
    assert (membership.valid_from, membership.valid_to) == (valid_from, valid_to)
    response = world.client("secretariat").get(reverse("workspaces:members", args=[world.workspace.slug]))
    assert response.status_code == 200


def test_member_end_of_a_former_member_says_when_they_left_and_changes_nothing(world):
    membership = _membership(world, "partner")
    membership.valid_from, membership.valid_to = datetime.date(2016, 1, 1), datetime.date(2017, 4, 30)
    membership.save()
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(reverse("workspaces:member_end", args=[world.workspace.slug, membership.pk]), follow=True)
    assert "30 avril 2017" in text_of(response)
    assert db_snapshot() == before


def test_member_end_of_a_membership_not_yet_started_cancels_it_and_keeps_it_in_the_history(world):
    membership = _membership(world, "partner")
    membership.valid_from = timezone.localdate() + datetime.timedelta(days=7)
    membership.save()
    response = world.client("secretariat").post(
        reverse("workspaces:member_end", args=[world.workspace.slug, membership.pk]), follow=True
    )
    assert french("%(name)s's planned membership is cancelled.", name="Partner Persona") in text_of(response)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(object_id=str(membership.pk), action=AuditEvent.Action.DELETE).exists()
