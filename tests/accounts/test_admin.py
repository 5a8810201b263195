"""Accounts created by platform administrators in the admin site."""

import pytest
from django.contrib.auth import get_user_model

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
ADD = "/admin/accounts/user/add/"


def _add_in_admin(client, email):
    client.force_login(UserFactory(email="root@example.org", is_staff=True, is_superuser=True))
    return client.post(
        ADD,
        {
            "email": email,
            "full_name": "Aïcha Abdou",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "usable_password": "true",
        },
    )


def test_admin_creates_an_account_that_signs_in_by_email(client):
    _add_in_admin(client, "aicha@example.org")
    user = User.objects.get(email__iexact="aicha@example.org")
    assert user.check_password("a long enough passphrase") and user.full_name == "Aïcha Abdou"


def test_admin_refuses_an_email_already_used_in_another_case(client):
    UserFactory(email="aicha@example.org")
    response = _add_in_admin(client, "AICHA@example.org")
    assert response.status_code == 200  # the form again, with an error
    assert User.objects.filter(email__iexact="aicha@example.org").count() == 1


def test_admin_user_list_is_for_platform_administrators_only(client):
    client.force_login(UserFactory(email="someone@example.org", password=PASSWORD))
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302 and "/admin/login/" in response.url
