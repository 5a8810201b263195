"""Production settings that protect accounts: argon2 hashing, session expiry, cookies.

The autouse fixture of conftest.py swaps the hasher for speed, so these read the settings *module*, not
django.conf.settings.
"""

import importlib

import pytest
from django.contrib.auth.hashers import check_password, get_hasher, make_password
from django.urls import reverse

import cadre.settings as production

from ..factories import PASSWORD, UserFactory


def test_passwords_hashed_with_argon2_in_production_settings():
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_argon2_hasher_is_usable(settings):
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    hasher = get_hasher("default")
    assert hasher.algorithm == "argon2"
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$argon2id$")
    assert check_password(PASSWORD, encoded) and not check_password("wrong", encoded)


@pytest.mark.django_db
def test_password_stored_with_an_old_hasher_is_upgraded_to_argon2_at_sign_in(settings, client):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *production.PASSWORD_HASHERS]
    user = UserFactory(email="aicha@example.org")
    assert user.password.startswith("md5$")
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS + ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.post(reverse("accounts:login"), {"username": "aicha@example.org", "password": PASSWORD})
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


def test_password_validators_require_ten_characters():
    validators = {item["NAME"].rsplit(".", 1)[1]: item for item in production.AUTH_PASSWORD_VALIDATORS}
    assert validators["MinimumLengthValidator"]["OPTIONS"]["min_length"] == 10
    assert {"CommonPasswordValidator", "NumericPasswordValidator", "UserAttributeSimilarityValidator"} <= set(
        validators
    )


def test_sessions_end_after_eight_idle_hours_and_with_the_browser(monkeypatch):
    monkeypatch.delenv("SESSION_HOURS", raising=False)
    module = importlib.reload(production)
    try:
        assert module.SESSION_COOKIE_AGE == 8 * 3600
        assert module.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
        assert module.SESSION_SAVE_EVERY_REQUEST is True  # the 8 hours count from the last request
        assert module.SESSION_COOKIE_HTTPONLY is True
        assert module.SESSION_COOKIE_SAMESITE == "Lax"
    finally:
        importlib.reload(production)


def test_session_hours_read_from_environment(monkeypatch):
    monkeypatch.setenv("SESSION_HOURS", "2")
    try:
        assert importlib.reload(production).SESSION_COOKIE_AGE == 2 * 3600
    finally:
        monkeypatch.delenv("SESSION_HOURS")
        importlib.reload(production)


def test_sign_in_throttle_settings():
    assert production.AXES_FAILURE_LIMIT == 5
    assert production.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert production.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert production.AXES_ENABLED is True
    assert production.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


@pytest.mark.django_db
def test_session_cookie_lasts_until_the_browser_closes(client):
    UserFactory(email="aicha@example.org")
    response = client.post(reverse("accounts:login"), {"username": "aicha@example.org", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"] is True
    assert client.session.get_expiry_age() == production.SESSION_COOKIE_AGE
