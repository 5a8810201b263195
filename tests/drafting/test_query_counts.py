"""Drafting list pages run a fixed number of queries, whatever the number of sections, comments, suggestions,
revisions and releases (1 item vs several: same count)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.drafting import services

from ..factories import InstitutionFactory, MembershipFactory


def _count(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


def _assert_same_count(client, url, add_more):
    client.get(url)
    few = _count(client, url)
    add_more()
    many = _count(client, url)
    assert many == few, f"{url}: {few} queries with one item, {many} with more"


def _more_discussion(world, draft, section=None):
    """More sections, revisions, comments with replies, suggestions in every state, releases and sign-offs."""
    secretariat, expert = world.users["secretariat"], world.users["expert"]
    section = section or draft.section
    for index in range(3):
        institution = InstitutionFactory()
        person = MembershipFactory(workspace=world.workspace, role="expert", institution=institution).user
        child = services.add_section(draft.document, title=f"Sous-section {index}", parent=draft.section, by=person)
        child.lead_institution = institution
        child.save()
        child.themes.add(world.theme)
        services.save_section_text(
            child,
            title=child.title,
            body=f"Texte {index}. Deuxième phrase.",
            base_revision_id=child.head_id,
            by=secretariat,
        )
        section.refresh_from_db()
        services.save_section_text(
            section,
            title=section.title,
            body=section.body + f"\nAjout {index}.\n",
            base_revision_id=section.head_id,
            by=secretariat,
        )
        section.refresh_from_db()
        comment = services.add_comment(section, body=f"Remarque {index}", quote="Le Niger", start=0, by=person)
        services.add_comment(section, body="Réponse", parent=comment, by=expert)
        if index == 0:
            services.resolve_comment(comment, by=secretariat)
        suggestion = services.add_suggestion(
            section,
            kind="replace",
            quote="premier",
            start=None,
            replacement=f"1er ({index})",
            reason="Court.",
            by=person,
        )
        services.add_comment(section, body="Pourquoi ?", suggestion=suggestion, by=secretariat)
        if index == 1:
            services.reject_suggestion(suggestion, by=secretariat, reason="Non.")
        release = services.make_release(draft.document, name=f"Version {index}", by=secretariat)
        services.sign_off(release, institution=institution, decision="endorsed", by=secretariat)


PAGES = {
    "documents": lambda ws, draft: reverse("drafting:documents", args=[ws]),
    "document": lambda ws, draft: reverse("drafting:document", args=[ws, draft.document.slug]),
    "document_read": lambda ws, draft: reverse("drafting:document_read", args=[ws, draft.document.slug]),
    "workshop": lambda ws, draft: reverse("drafting:workshop", args=[ws, draft.document.slug]),
    "discussion": lambda ws, draft: reverse("drafting:discussion", args=[ws, draft.document.slug]) + "?status=all",
    "dispositions": lambda ws, draft: reverse("drafting:dispositions", args=[ws, draft.document.slug]),
    "section": lambda ws, draft: reverse("drafting:section", args=[ws, draft.document.slug, draft.section.pk]),
    "section_history": lambda ws, draft: reverse(
        "drafting:section_history", args=[ws, draft.document.slug, draft.section.pk]
    ),
    "release": lambda ws, draft: reverse("drafting:release", args=[ws, draft.document.slug, draft.release.pk]),
}


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("persona", ["secretariat", "observer"])
def test_drafting_list_page_query_count_does_not_grow(world, draft, page, persona):
    url = PAGES[page](world.workspace.slug, draft)
    _assert_same_count(world.client(persona), url, lambda: _more_discussion(world, draft))
