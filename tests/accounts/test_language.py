"""The interface language: French by default, a switch that is remembered, and that never redirects off-site."""

import pytest
from django.urls import reverse

from cadre.core.models import AuditEvent

from ..core.helpers import french, text_of

pytestmark = pytest.mark.django_db


def _switch(client, language, next_url="/"):
    return client.post(reverse("accounts:language"), {"language": language, "next": next_url})


def test_page_without_language_cookie_is_french_whatever_the_browser_asks(world):
    client = world.client("member")
    response = client.get(world.workspace.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    content = response.content.decode()
    assert '<html lang="fr">' in content and world.workspace.title_fr in content
    assert response["Content-Language"] == "fr"


def test_language_switch_stores_the_users_language_and_shows_english(world):
    client = world.client("member")
    url = reverse("workspaces:workplan", args=[world.workspace.slug])
    response = _switch(client, "en", url)
    assert response.status_code == 302 and response.url == url
    assert response.cookies["django_language"].value == "en"
    world.users["member"].refresh_from_db()
    assert world.users["member"].language == "en"
    page = client.get(url).content.decode()
    assert '<html lang="en">' in page and world.workspace.title_en in page


def test_language_switch_is_recorded_as_the_users_own_change(world):
    _switch(world.client("member"), "en")
    event = AuditEvent.objects.filter(object_id=str(world.users["member"].pk), action="update").last()
    assert event.changes == {"language": ["fr", "en"]} and event.actor == world.users["member"]


def test_saved_language_applies_in_a_new_browser(world):
    user = world.users["observer"]
    user.language = "en"
    user.save()
    page = world.client("observer").get(world.workspace.get_absolute_url()).content.decode()
    assert '<html lang="en">' in page and world.workspace.title_en in page


def test_language_switch_back_to_french(world):
    client = world.client("member")
    _switch(client, "en")
    _switch(client, "fr")
    page = client.get(world.workspace.get_absolute_url()).content.decode()
    assert '<html lang="fr">' in page
    world.users["member"].refresh_from_db()
    assert world.users["member"].language == "fr"


def test_language_switch_without_account_sets_only_the_cookie(client):
    response = _switch(client, "en", reverse("accounts:login"))
    assert response.cookies["django_language"].value == "en"
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in page and "<h1>Sign in</h1>" in page


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/path",
        "http://evil.example",
        "javascript:alert(1)",
        "https:///evil.example",
        "\\\\evil.example",
    ],
)
def test_language_switch_rejects_an_off_site_next(client, next_url):
    response = _switch(client, "en", next_url)
    assert response.status_code == 302 and response.url == "/"


def test_language_switch_keeps_a_local_next_with_query(client):
    response = _switch(client, "en", "/directory/institutions/?q=police&page=2")
    assert response.url == "/directory/institutions/?q=police&page=2"


def test_language_switch_to_an_unknown_language_changes_nothing(world):
    client = world.client("member")
    response = _switch(client, "de", "/")
    assert response.url == "/" and "django_language" not in response.cookies
    world.users["member"].refresh_from_db()
    assert world.users["member"].language == "fr"


def test_language_switch_refuses_get(client):
    assert client.get(reverse("accounts:language"), {"language": "en"}).status_code == 405


def test_language_switch_form_is_on_every_page_and_offers_the_other_language(world):
    page = world.client("member").get(world.workspace.get_absolute_url()).content.decode()
    assert f'action="{reverse("accounts:language")}"' in page
    assert 'name="language" value="en"' in page and 'name="language" value="fr"' not in page
    assert f'name="next" value="{world.workspace.get_absolute_url()}"' in page


def test_sign_in_page_strings_are_translated_to_french(client):
    page = text_of(client.get(reverse("accounts:login")))
    assert french("Forgotten password?") in page and french("E-mail address") in page
