"""Choosing and changing a password: the e-mailed link, the change form, and invited accounts."""

import re

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.urls import reverse

from ..core.helpers import french, text_of
from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "a brand new long passphrase"  # noqa: S105


def _link(message):
    return re.search(r"http://testserver(/accounts/password/set/\S+/)", message.body).group(1)


def test_forgotten_password_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="aicha@example.org")
    response = client.post(reverse("accounts:password_forgotten"), {"email": "aicha@example.org"})
    assert response.url == reverse("accounts:password_sent")
    assert [message.to for message in mail.outbox] == [["aicha@example.org"]]
    assert mail.outbox[0].subject == french("Choose your Cadre password")
    form = client.get(_link(mail.outbox[0]), follow=True)
    response = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.url == reverse("accounts:password_set")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_forgotten_password_for_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password_forgotten"), {"email": "nobody@example.org"})
    assert response.url == reverse("accounts:password_sent")
    assert mail.outbox == []


def test_password_link_used_twice_is_refused(client):
    UserFactory(email="aicha@example.org")
    client.post(reverse("accounts:password_forgotten"), {"email": "aicha@example.org"})
    link = _link(mail.outbox[0])
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert not again.context["validlink"]
    assert french("This link has expired or was already used. Ask for a new one.") in text_of(again)


def test_password_link_rejects_a_short_password(client):
    user = UserFactory(email="aicha@example.org")
    client.post(reverse("accounts:password_forgotten"), {"email": "aicha@example.org"})
    form = client.get(_link(mail.outbox[0]), follow=True)
    response = client.post(form.redirect_chain[-1][0], {"new_password1": "short1", "new_password2": "short1"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_forgotten_password_sends_a_link_to_an_invited_member_who_never_chose_one(world, client):
    """Invited members start without a usable password; once the invitation has expired this is their way in."""
    world.client("secretariat").post(
        reverse("workspaces:member_add", args=[world.workspace.slug]),
        {"email": "aicha@example.org", "full_name": "Aïcha Abdou", "role": "member", "language": "fr"},
    )
    mail.outbox.clear()
    client.post(reverse("accounts:password_forgotten"), {"email": "Aicha@Example.org"})
    assert [message.to for message in mail.outbox] == [["aicha@example.org"]]
    form = client.get(_link(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert User.objects.get(email="aicha@example.org").check_password(NEW_PASSWORD)


def test_forgotten_password_sends_nothing_to_a_disabled_account(client):
    UserFactory(email="aicha@example.org", is_active=False)
    client.post(reverse("accounts:password_forgotten"), {"email": "aicha@example.org"})
    assert mail.outbox == []


def test_password_change_requires_the_old_password(client):
    user = UserFactory(email="aicha@example.org")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_keeps_the_user_signed_in(client):
    user = UserFactory(email="aicha@example.org")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert french("Your password was changed.") in text_of(response)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)


def test_password_change_page_needs_sign_in(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.url.startswith(reverse("accounts:login"))


def test_create_user_lowercases_the_email_and_requires_one():
    user = User.objects.create_user(email="Aicha@EXAMPLE.org", password=PASSWORD, full_name="Aïcha")
    assert user.email == "aicha@example.org"
    with pytest.raises(ValueError):
        User.objects.create_user(email="", password=PASSWORD)


def test_superuser_is_platform_administrator():
    admin = User.objects.create_superuser(email="admin@example.org", password=PASSWORD, full_name="Admin")
    assert admin.is_staff and admin.is_superuser
