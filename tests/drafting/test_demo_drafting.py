"""The drafting demo (cadre.drafting.demo.load after cadre.workspaces.demo.load): a realistic French draft of the
strategy, written through the services by several institutions, discussed, frozen twice and signed off."""

import ast
import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from cadre.core.models import AuditEvent
from cadre.core.text import render_markdown
from cadre.drafting import demo
from cadre.drafting.models import Comment, Document, Release, Revision, Section, SignOff, Suggestion
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.management.commands.load_demo import demo_loaders
from cadre.workspaces.models import Membership

from ..core.helpers import db_snapshot

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as conftest's autouse fixture
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@pytest.fixture(scope="module")
def _demo_in_module(django_db_setup, django_db_blocker):
    """The whole demo loaded once for this module, inside a transaction rolled back at its end.

    Each test still runs in its own savepoint (the `db` fixture), so what a test changes is undone after it.
    """
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            workspace_demo.load()
            lines = demo.load()
        except BaseException:
            atomic.__exit__(None, None, None)
            raise
    yield lines
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def strategy(_demo_in_module, db) -> Document:
    return Document.objects.get(workspace__slug=workspace_demo.MAIN_SLUG, slug=demo.DOCUMENT_SLUG)


def _counts():
    models = list(apps.get_app_config("drafting").get_models(include_auto_created=True))
    models += [AuditEvent, Membership, get_user_model()]
    return {model._meta.label: model._base_manager.count() for model in models}


def test_demo_strategy_is_the_main_french_document_and_says_it_is_a_demo(strategy, _demo_in_module):
    assert (strategy.title_fr, strategy.title_en) == (demo.TITLE_FR, demo.TITLE_EN)
    assert strategy.language == "fr" and strategy.is_main and strategy.kind == Document.Kind.STRATEGY
    first = Section.objects.get(document=strategy, parent=None, order=1)
    assert "Texte de démonstration rédigé pour Cadre ; il ne reproduit pas la stratégie adoptée." in first.body
    assert (strategy.adoption_reference, strategy.adopted_on, strategy.adopted_release) == ("", None, None)
    [line] = _demo_in_module
    assert demo.TITLE_FR in line and "@" not in line


def test_demo_strategy_has_twenty_sections_thousands_of_words_a_table_and_footnotes(strategy):
    sections = list(strategy.sections.all())
    assert len(sections) >= 20
    words = sum(len(WORD.findall(section.body)) for section in sections)
    assert 3000 <= words <= 6000
    levels = {section.pk: (0 if section.parent_id is None else None) for section in sections}
    by_pk = {section.pk: section for section in sections}
    for section in sections:
        depth, parent = 1, section.parent_id
        while parent is not None:
            depth, parent = depth + 1, by_pk[parent].parent_id
        levels[section.pk] = depth
    assert set(levels.values()) == {1, 2, 3}
    html = "".join(render_markdown(section.body, footnotes=True) for section in sections)
    assert "<table>" in html and "<td>" in html
    assert 'class="footnotes"' in html and "<ol" in html and "<ul>" in html
    assert "<strong>" in html and "<em>" in html and 'href="https://' in html


def test_demo_sections_are_in_every_status_with_lead_institutions_and_themes(strategy):
    sections = Section.objects.filter(document=strategy)
    assert set(sections.values_list("status", flat=True)) == set(Section.Status.values)
    assert not sections.filter(lead_institution=None).exists()
    themes = set(
        Section.themes.through.objects.filter(section__document=strategy).values_list("theme__code", flat=True)
    )
    assert themes == {code for code, *_rest in workspace_demo.MAIN_THEMES}
    empty = sections.filter(body="")
    assert empty.exists() and set(empty.values_list("status", flat=True)) == {Section.Status.TO_DRAFT}


def test_demo_revisions_come_from_several_institutions_in_progressive_steps(strategy):
    revisions = Revision.objects.filter(section__document=strategy)
    institutions = set(revisions.exclude(institution=None).values_list("institution", flat=True))
    assert len(institutions) >= 3
    per_section = [section.revisions.count() for section in strategy.sections.all()]
    assert sum(1 for count in per_section if 3 <= count <= 6) >= 5
    assert all(count <= 6 for count in per_section)
    assert revisions.filter(kind=Revision.Kind.SUGGESTION).count() == 2
    edits = revisions.filter(kind__in=[Revision.Kind.EDIT, Revision.Kind.SUGGESTION])
    assert not edits.filter(message="").exists()
    for section in strategy.sections.exclude(body=""):
        assert section.head.body == section.body and section.head.number == section.revisions.count()


def test_demo_fictitious_drafters_are_members_who_cannot_sign_in(strategy):
    demo_emails = {email for email, *_rest in workspace_demo.ACCOUNTS}
    for _key, email, name, role, _institution in demo.FICTITIOUS_ACCOUNTS:
        user = get_user_model().objects.get(email=email)
        assert not user.has_usable_password() and email not in demo_emails
        assert "démonstration" in name or name.startswith("Demo expert")
        assert Membership.objects.get(user=user, workspace=strategy.workspace).role == role


def test_demo_comments_are_threaded_resolved_and_one_is_detached(strategy):
    comments = Comment.objects.filter(section__document=strategy)
    threads = comments.filter(parent=None, suggestion=None)
    assert threads.filter(replies__isnull=False).distinct().count() >= 5
    assert threads.filter(status=Comment.Status.RESOLVED).count() >= 3
    assert threads.filter(status=Comment.Status.OPEN, replies__isnull=False).exists()
    detached = threads.get(detached=True)
    assert detached.quote not in detached.section.body and detached.replies.count() >= 2
    assert comments.filter(suggestion__isnull=False).exists()
    assert len(set(comments.values_list("author", flat=True))) >= 5


def test_demo_suggestions_are_in_every_state_each_with_a_reason(strategy):
    suggestions = Suggestion.objects.filter(section__document=strategy)
    states = {status: suggestions.filter(status=status) for status in Suggestion.Status.values}
    assert states[Suggestion.Status.OPEN].count() >= 3
    assert all(found.exists() for found in states.values())
    assert not suggestions.filter(reason="").exists()
    for accepted in states[Suggestion.Status.ACCEPTED]:
        assert accepted.applied_revision.kind == Revision.Kind.SUGGESTION
        assert accepted.replacement in accepted.section.body
    for rejected in states[Suggestion.Status.REJECTED]:
        assert rejected.decision_reason and rejected.decided_by
    for withdrawn in states[Suggestion.Status.WITHDRAWN]:
        assert withdrawn.decided_by_id == withdrawn.author_id
    assert set(suggestions.values_list("kind", flat=True)) == set(Suggestion.Kind.values)
    assert not suggestions.filter(author__memberships__role__in=["secretariat", "member"]).exists()


def test_demo_has_two_releases_and_sign_offs_with_reservations(strategy):
    first, final = Release.objects.filter(document=strategy).order_by("created_at", "pk")
    assert (first.name, final.name) == (demo.FIRST_RELEASE, demo.FINAL_RELEASE)
    assert len(first.content) == len(final.content) < strategy.sections.count()  # the annexes came after
    assert any(not item["body"] for item in first.content) and all(item["body"] for item in final.content)
    first_words = sum(len(WORD.findall(item["body"])) for item in first.content)
    final_words = sum(len(WORD.findall(item["body"])) for item in final.content)
    assert first_words < final_words
    signoffs = SignOff.objects.filter(release__document=strategy)
    assert set(signoffs.values_list("release", flat=True)) == {final.pk}
    assert signoffs.filter(decision=SignOff.Decision.ENDORSED).count() >= 3
    [reserved] = signoffs.filter(decision=SignOff.Decision.RESERVATIONS)
    assert reserved.reservations.strip()


def test_demo_open_anchors_match_the_current_text(strategy):
    items = list(Comment.objects.filter(section__document=strategy, status=Comment.Status.OPEN, detached=False))
    items += list(Suggestion.objects.filter(section__document=strategy, status=Suggestion.Status.OPEN, detached=False))
    assert len(items) >= 8
    for item in items:
        body = item.section.body
        assert body[item.start : item.start + len(item.quote)] == item.quote, item


def test_demo_loaded_twice_changes_nothing(strategy):
    before, snapshot = _counts(), db_snapshot(ignore=["updated_at"])
    workspace_demo.load()
    demo.load()
    assert _counts() == before
    assert db_snapshot(ignore=["updated_at"]) == snapshot


@pytest.mark.django_db
def test_load_demo_command_runs_the_drafting_demo_after_the_workspaces(settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert Document.objects.filter(workspace__slug=workspace_demo.MAIN_SLUG, slug=demo.DOCUMENT_SLUG).exists()
    assert any(demo.TITLE_FR in line for line in out.getvalue().splitlines())
    assert [loader.__module__ for loader in demo_loaders()] == [
        "cadre.drafting.demo",
        "cadre.mapping.demo",
        "cadre.meetings.demo",
        "cadre.assessments.demo",
        "cadre.planning.demo",
        "cadre.reports.demo",
    ]


def test_workspaces_never_import_drafting():
    root = Path(workspace_demo.__file__).parent
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert not any(name.startswith(("cadre.drafting", "drafting")) for name in names), path
