"""Signing in by e-mail, the French error message, and throttling of repeated failures (django-axes)."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from ..core.helpers import french, text_of
from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WRONG = "not the right password"  # noqa: S105


def _sign_in(client, email, password, **extra):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, **extra)


@pytest.mark.parametrize("typed", ["aicha@example.org", "Aicha@Example.ORG", "AICHA@EXAMPLE.ORG"])
def test_sign_in_by_email_ignores_case(client, typed):
    user = UserFactory(email="aicha@example.org")
    response = _sign_in(client, typed, PASSWORD)
    assert response.status_code == 302 and response.url == reverse("workspaces:mine")
    assert client.session[SESSION_KEY] == str(user.pk)


def test_sign_in_follows_next_on_this_site_only(client):
    UserFactory(email="aicha@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "aicha@example.org", "password": PASSWORD, "next": "/w/niger/"}
    )
    assert response.url == "/w/niger/"
    other = Client()
    response = other.post(
        reverse("accounts:login"),
        {"username": "aicha@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == reverse("workspaces:mine")


def test_sign_in_with_wrong_password_gives_the_french_message(client):
    UserFactory(email="aicha@example.org")
    response = _sign_in(client, "aicha@example.org", WRONG)
    assert response.status_code == 200
    assert french("This e-mail address and password do not match. Check them and try again.") in text_of(response)
    assert SESSION_KEY not in client.session


def test_sign_in_of_unknown_email_gives_the_same_message(client):
    response = _sign_in(client, "nobody@example.org", WRONG)
    assert french("This e-mail address and password do not match. Check them and try again.") in text_of(response)


def test_sign_in_of_disabled_account_refused(client):
    UserFactory(email="aicha@example.org", is_active=False)
    _sign_in(client, "aicha@example.org", PASSWORD)
    assert SESSION_KEY not in client.session


def test_sign_in_page_is_french_by_default(client):
    response = client.get(reverse("accounts:login"))
    content = text_of(response)
    assert '<html lang="fr">' in content
    assert f"<h1>{french('Sign in')}</h1>" in content
    assert response["Content-Language"] == "fr"


def test_sign_in_forgets_a_language_cookie_left_by_someone_else(client):
    user = UserFactory(email="aicha@example.org", language="fr")
    client.cookies["django_language"] = "en"
    response = _sign_in(client, "aicha@example.org", PASSWORD)
    assert response.cookies["django_language"].value == ""
    assert response.cookies["django_language"]["max-age"] == 0
    page = client.get(reverse("workspaces:mine"))
    assert '<html lang="fr">' in page.content.decode()
    assert user.language == "fr"


def test_sign_out_is_a_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert SESSION_KEY in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("accounts:login")
    assert SESSION_KEY not in client.session


# --- Throttling ------------------------------------------------------------------------------------------------


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    return UserFactory(email="aicha@example.org")


def test_sign_in_fifth_failure_shows_the_lockout_page(throttled, client):
    message = french("This e-mail address and password do not match. Check them and try again.")
    for _attempt in range(4):
        assert message in text_of(_sign_in(client, "aicha@example.org", WRONG))
    response = _sign_in(client, "aicha@example.org", WRONG)
    assert response.status_code == 429
    assert f"<h1>{french('Too many attempts')}</h1>" in text_of(response)


def test_sign_in_sixth_attempt_after_five_failures_locked_even_with_right_password(throttled, client):
    for _attempt in range(5):
        _sign_in(client, "aicha@example.org", WRONG)
    response = _sign_in(client, "aicha@example.org", PASSWORD)
    assert response.status_code == 429
    assert f"<h1>{french('Too many attempts')}</h1>" in text_of(response)
    assert SESSION_KEY not in client.session
    assert _sign_in(Client(), "aicha@example.org", PASSWORD).status_code == 429  # a new browser, same address


def test_sign_in_four_failures_do_not_lock(throttled, client):
    for _attempt in range(4):
        _sign_in(client, "aicha@example.org", WRONG)
    response = _sign_in(client, "aicha@example.org", PASSWORD)
    assert response.status_code == 302 and client.session[SESSION_KEY] == str(throttled.pk)


def test_sign_in_success_resets_the_failure_count(throttled, client):
    for _attempt in range(4):
        _sign_in(client, "aicha@example.org", WRONG)
    _sign_in(client, "aicha@example.org", PASSWORD)
    other = Client()
    for _attempt in range(4):
        _sign_in(other, "aicha@example.org", WRONG)
    assert _sign_in(other, "aicha@example.org", PASSWORD).status_code == 302


def test_sign_in_lockout_leaves_other_accounts_and_addresses_free(throttled, client):
    for _attempt in range(5):
        _sign_in(client, "aicha@example.org", WRONG)
    UserFactory(email="bintou@example.org")
    assert _sign_in(Client(), "bintou@example.org", PASSWORD).status_code == 302  # another account
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert _sign_in(elsewhere, "aicha@example.org", PASSWORD).status_code == 302  # another address
    assert _sign_in(Client(), "aicha@example.org", PASSWORD).status_code == 429  # the locked pair stays locked


def test_sign_in_lockout_not_bypassed_by_changing_the_emails_case(throttled, client):
    for _attempt in range(5):
        _sign_in(client, "aicha@example.org", WRONG)
    response = _sign_in(client, "AICHA@example.org", PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
