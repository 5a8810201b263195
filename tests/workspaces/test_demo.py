"""The real demo (cadre.workspaces.demo.load): the seed's key facts, 8 activities and 5 results, in French
and English, for every demo role."""

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from cadre.workspaces import demo
from cadre.workspaces.models import ExpectedResult, WorkplanActivity, Workspace
from cadre.workspaces.roles import Role

from ..core.helpers import count_elements, db_snapshot, element_text, french, text_of

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as conftest's autouse fixture
MAIN_ROLES = [email for email, _name, _role, _institution, slug in demo.ACCOUNTS if slug == demo.MAIN_SLUG]
YOUTH_ONLY = "youth@demo.example.org"


@pytest.fixture(scope="module")
def _demo_in_module(django_db_setup, django_db_blocker):
    """The demo loaded once for this module, inside a transaction rolled back at its end.

    Each test still runs in its own savepoint (the `db` fixture), so what a test changes is undone after it.
    """
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            accounts = demo.load()
        except BaseException:
            atomic.__exit__(None, None, None)
            raise
    yield accounts
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def loaded(_demo_in_module, db):
    return _demo_in_module


def _signed_in(email):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": email, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302, f"demo account {email} cannot sign in"
    return client


def _main_url(name="overview"):
    return reverse(f"workspaces:{name}", args=[demo.MAIN_SLUG])


def test_demo_has_one_account_per_role_in_the_main_workspace(loaded):
    roles = {Role(role) for _email, _name, role, _institution, slug in demo.ACCOUNTS if slug == demo.MAIN_SLUG}
    assert roles == set(Role)
    assert [email for email, *_rest in loaded] == [email for email, *_rest in demo.ACCOUNTS]


def test_demo_main_workspace_holds_the_seeds_eight_activities_and_five_results(loaded):
    workspace = Workspace.objects.get(slug=demo.MAIN_SLUG)
    assert list(WorkplanActivity.objects.filter(workspace=workspace).values_list("number", flat=True)) == list(
        range(1, 9)
    )
    assert list(ExpectedResult.objects.filter(workspace=workspace).values_list("number", flat=True)) == list(
        range(1, 6)
    )
    assert (workspace.start_date.isoformat(), workspace.end_date.isoformat()) == ("2016-06-01", "2017-04-30")
    assert workspace.reference == "MIEUX 95"


def _assert_french_overview(content):
    assert '<html lang="fr">' in content
    assert "<h1>Niger : migration irrégulière</h1>" in content
    facts = element_text(content, "main")
    assert "Niger" in facts and "Ministère de l'Intérieur" in facts
    assert "Programme MIEUX (MIgration EU eXpertise) Référence MIEUX 95" in facts
    assert "Belgique, Espagne, France, Sénégal" in facts
    assert "Gestion des frontières et fraude documentaire" in facts
    assert "Juin 2016 – Avril 2017" in facts
    assert demo.MAIN["objective_fr"] in facts
    for number, _kind, _title_en, title_fr, *_rest in demo.MAIN_ACTIVITIES:
        assert title_fr in facts, number
    for number, _statement_en, statement_fr, *_rest in demo.MAIN_RESULTS:
        assert statement_fr in facts, number
    assert french("Key facts") in facts and french("Expected results") in facts


def _assert_english_overview(content):
    assert '<html lang="en">' in content
    assert "<h1>Niger: Irregular Migration</h1>" in content
    facts = element_text(content, "main")
    assert "Ministry of Interior" in facts
    assert "Belgium, France, Senegal, Spain" in facts  # in the reader's alphabetical order
    assert "Border management and document fraud" in facts
    assert "June 2016 – April 2017" in facts
    assert demo.MAIN["objective_en"] in facts
    for number, _kind, title_en, *_rest in demo.MAIN_ACTIVITIES:
        assert title_en in facts, number
    for number, statement_en, *_rest in demo.MAIN_RESULTS:
        assert statement_en in facts, number
    assert "Key facts" in facts and "Expected results" in facts


def _counts(content):
    activities = sum(count_elements(content, "li", id=f"activity-{number}") for number in range(1, 20))
    results = content.split('<ol class="results">', 1)[1].split("</ol>", 1)[0].count("<li>")
    return activities, results


@pytest.mark.parametrize("email", MAIN_ROLES)
def test_demo_overview_in_french_then_english_for_every_role(loaded, email):
    client = _signed_in(email)
    response = client.get(_main_url())
    content = text_of(response)
    _assert_french_overview(content)
    assert _counts(content) == (8, 5)

    switched = client.post(reverse("accounts:language"), {"language": "en", "next": _main_url()}, follow=True)
    assert switched.redirect_chain == [(_main_url(), 302)]
    content = text_of(switched)
    _assert_english_overview(content)
    assert _counts(content) == (8, 5)


@pytest.mark.parametrize("email", MAIN_ROLES)
def test_demo_workplan_lists_the_eight_activities_for_every_role(loaded, email):
    content = text_of(_signed_in(email).get(_main_url("workplan")))
    assert sum(count_elements(content, "tr", id=f"activity-{number}") for number in range(1, 9)) == 8
    assert "Atelier de finalisation de la Stratégie nationale de lutte contre la migration irrégulière" in content


def test_demo_youth_only_account_cannot_see_the_main_workspace(loaded):
    client = _signed_in(YOUTH_ONLY)
    for name in ["overview", "workplan", "members", "history"]:
        response = client.get(_main_url(name))
        assert response.status_code == 404, name
        assert "Niger : migration irrégulière" not in text_of(response)
    mine = text_of(client.get(reverse("workspaces:mine")))
    assert "Niger III : migration et jeunesse" in mine and "Niger : migration irrégulière" not in mine
    youth = client.get(reverse("workspaces:overview", args=[demo.YOUTH_SLUG]))
    assert youth.status_code == 200 and "Niger III : migration et jeunesse" in text_of(youth)


def test_demo_main_accounts_cannot_see_the_youth_workspace(loaded):
    response = _signed_in("secretariat@demo.example.org").get(reverse("workspaces:overview", args=[demo.YOUTH_SLUG]))
    assert response.status_code == 404


def test_demo_observer_post_attempts_refused_and_change_nothing(loaded):
    client = _signed_in("observer@demo.example.org")
    workspace = Workspace.objects.get(slug=demo.MAIN_SLUG)
    activity = WorkplanActivity.objects.get(workspace=workspace, number=5)
    attempts = [
        (_main_url("edit"), {"title_fr": "Piraté", "title_en": "Hacked", "status": "archived"}),
        (_main_url("activity_create"), {"number": 9, "kind": "other", "title_fr": "x", "title_en": "x"}),
        (
            reverse("workspaces:activity_edit", args=[demo.MAIN_SLUG, 5]),
            {"number": 5, "kind": activity.kind, "title_fr": "x", "title_en": "x", "status": "cancelled"},
        ),
        (reverse("workspaces:activity_delete", args=[demo.MAIN_SLUG, 8]), {}),
        (reverse("workspaces:result_delete", args=[demo.MAIN_SLUG, 1]), {}),
        (reverse("workspaces:theme_delete", args=[demo.MAIN_SLUG, "coordination"]), {}),
        (_main_url("member_add"), {"email": "intrus@example.org", "full_name": "Intrus", "role": "secretariat"}),
    ]
    before = db_snapshot()
    for url, data in attempts:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert f"<h1>{french('Not allowed')}</h1>" in text_of(response)
    assert db_snapshot() == before


def test_demo_secretariat_sees_history_of_the_demo(loaded):
    content = text_of(_signed_in("secretariat@demo.example.org").get(_main_url("history")))
    assert "Niger : migration irrégulière" in content
    assert element_text(content, "history-list")
