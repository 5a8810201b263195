"""Every response carries the strict Content-Security-Policy and the other protective headers; pages keep to it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from cadre import settings as production
from cadre.workspaces.models import Membership

from .helpers import db_snapshot, french, text_of

PAGES = [
    ("anonymous", lambda world: reverse("accounts:login")),
    ("anonymous", lambda world: reverse("accounts:password_forgotten")),
    ("member", lambda world: reverse("workspaces:mine")),
    ("member", lambda world: world.workspace.get_absolute_url()),
    ("secretariat", lambda world: reverse("workspaces:workplan", args=[world.workspace.slug])),
    ("secretariat", lambda world: reverse("workspaces:history", args=[world.workspace.slug])),
    ("secretariat", lambda world: reverse("workspaces:activity_edit", args=[world.workspace.slug, 1])),
    ("observer", lambda world: reverse("directory:institutions")),
    ("observer", lambda world: world.institution.get_absolute_url()),
    ("observer", lambda world: reverse("workspaces:history", args=[world.workspace.slug])),  # 403
    ("outsider", lambda world: world.workspace.get_absolute_url()),  # 404
]


def test_content_security_policy_forbids_inline_script_and_other_sites():
    policy = dict(item.strip().split(" ", 1) for item in production.CONTENT_SECURITY_POLICY.split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe-inline" not in production.CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in production.CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(("persona", "page"), PAGES)
def test_page_sends_the_security_headers(world, persona, page):
    response = world.client(persona).get(page(world))
    assert response["Content-Security-Policy"] == production.CONTENT_SECURITY_POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(("persona", "page"), PAGES)
def test_page_has_no_inline_script_style_or_event_handler(world, persona, page):
    """What the policy would block in the browser must not be in the page at all."""
    content = world.client(persona).get(page(world)).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", content):
        assert 'src="/static/' in tag, tag
    assert not re.search(r"<script\b[^>]*>(?!\s*</script>)", content), "inline script"
    assert "<style" not in content
    assert not re.search(r"\sstyle=", content)
    assert not re.search(r"\son[a-z]+=", content), "inline event handler"
    assert "javascript:" not in content


def test_redirect_also_sends_the_policy(client, db):
    response = client.get(reverse("workspaces:mine"))
    assert response.status_code == 302
    assert response["Content-Security-Policy"] == production.CONTENT_SECURITY_POLICY


def test_htmx_partial_also_sends_the_policy(world):
    response = world.client("observer").get(reverse("directory:institutions"), headers={"HX-Request": "true"})
    assert response["Content-Security-Policy"] == production.CONTENT_SECURITY_POLICY


def test_post_without_csrf_token_refused_in_french_and_changes_nothing(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["secretariat"])
    membership = Membership.objects.get(user=world.users["observer"])
    before = db_snapshot()
    response = client.post(reverse("workspaces:member_end", args=[world.workspace.slug, membership.pk]))
    assert response.status_code == 403
    assert f"<h1>{french('Please try again')}</h1>" in text_of(response)
    assert db_snapshot() == before


def test_language_dependent_pages_vary_on_cookie(world):
    response = world.client("member").get(world.workspace.get_absolute_url())
    assert "Cookie" in response["Vary"]
