"""Role × page matrix for every URL of cadre/drafting/urls.py, GET and (for write views) POST.

An observer reads; an expert and a partner comment and suggest but cannot edit; a member edits the sections of
their institution; the secretariat does everything. A refused POST leaves every table exactly as it was.
"""

import pytest
from django.urls import reverse

from cadre.core.models import AuditEvent
from cadre.drafting import services
from cadre.drafting import urls as drafting_urls
from cadre.drafting.models import Comment, Document, Release, Section, SignOff, Suggestion

from ..core.helpers import db_snapshot, french

COLUMNS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
LOGIN = "sign-in"

#                              secretariat member expert partner observer outsider anonymous
READ = {"GET": (200, 200, 200, 200, 200, 404, LOGIN)}
MANAGE = {"GET": (200, 403, 403, 403, 403, 404, LOGIN), "POST": (302, 403, 403, 403, 403, 404, LOGIN)}
EDIT = {"GET": (200, 200, 403, 403, 403, 404, LOGIN), "POST": (302, 302, 403, 403, 403, 404, LOGIN)}
POST_ONLY_EDIT = {"GET": (405, 405, 405, 405, 405, 405, LOGIN), "POST": (302, 302, 403, 403, 403, 404, LOGIN)}
POST_ONLY_TALK = {"GET": (405, 405, 405, 405, 405, 405, LOGIN), "POST": (302, 302, 302, 302, 403, 404, LOGIN)}
POST_ONLY_MANAGE = {"GET": (405, 405, 405, 405, 405, 405, LOGIN), "POST": (302, 403, 403, 403, 403, 404, LOGIN)}

MATRIX = {
    "documents": READ,
    "document_create": MANAGE,
    "document_import": {"GET": MANAGE["GET"], "POST": (400, 403, 403, 403, 403, 404, LOGIN)},  # not a .docx
    "document": READ,
    "document_edit": MANAGE,
    "document_read": READ,
    "workshop": READ,
    "export": READ,
    "discussion": READ,
    "dispositions": READ,
    "adoption": MANAGE,
    "section_create": MANAGE,
    "release_create": MANAGE,
    "release_compare": READ,
    "release": READ,
    "signoff": {"GET": POST_ONLY_EDIT["GET"], "POST": (302, 302, 403, 403, 403, 404, LOGIN)},
    "section": READ,
    "section_edit": EDIT,
    "section_details": EDIT,
    "section_move": MANAGE,
    "section_step": POST_ONLY_MANAGE,
    "section_delete": MANAGE,
    "section_history": READ,
    "section_compare": READ,
    "revision": READ,
    "revision_restore": POST_ONLY_EDIT,
    "comment_add": POST_ONLY_TALK,
    "comment_resolve": {"GET": POST_ONLY_EDIT["GET"], "POST": (302, 302, 302, 403, 403, 404, LOGIN)},  # + author
    "comment_reopen": {"GET": POST_ONLY_EDIT["GET"], "POST": (302, 302, 302, 403, 403, 404, LOGIN)},
    "suggestion_add": POST_ONLY_TALK,
    "suggestion_accept": POST_ONLY_EDIT,
    "suggestion_reject": POST_ONLY_EDIT,
    "suggestion_applied": POST_ONLY_EDIT,
    "suggestion_withdraw": {"GET": POST_ONLY_EDIT["GET"], "POST": (403, 403, 302, 403, 403, 404, LOGIN)},  # author
}


@pytest.fixture
def matrix_draft(world, draft):
    """The shared draft, plus what some rows need: a second release, an empty section, a resolved comment."""
    secretariat = world.users["secretariat"]
    draft.second_release = services.make_release(draft.document, name="Projet 2", by=secretariat)
    draft.empty = services.add_section(draft.document, title="Annexe", by=secretariat)
    draft.resolved = services.add_comment(draft.section, body="Vu.", by=world.users["expert"])
    services.resolve_comment(draft.resolved, by=secretariat)
    return draft


def _url(world, draft, name):
    ws, doc = world.workspace.slug, draft.document.slug
    section = draft.section.pk
    args = {
        "documents": [ws],
        "document_create": [ws],
        "document_import": [ws],
        "release": [ws, doc, draft.release.pk],
        "signoff": [ws, doc, draft.release.pk],
        "section_move": [ws, doc, draft.other.pk],
        "section_step": [ws, doc],
        "section_delete": [ws, doc, draft.empty.pk],
        "revision": [ws, doc, section, 1],
        "revision_restore": [ws, doc, section, 1],
        "comment_resolve": [ws, doc, section, draft.comment.pk],
        "comment_reopen": [ws, doc, section, draft.resolved.pk],
        "suggestion_accept": [ws, doc, section, draft.suggestion.pk],
        "suggestion_reject": [ws, doc, section, draft.suggestion.pk],
        "suggestion_applied": [ws, doc, section, draft.suggestion.pk],
        "suggestion_withdraw": [ws, doc, section, draft.suggestion.pk],
    }.get(name)
    if args is None:
        section_names = {
            "section",
            "section_edit",
            "section_details",
            "section_history",
            "section_compare",
            "comment_add",
            "suggestion_add",
        }
        args = [ws, doc, section] if name in section_names else [ws, doc]
    url = reverse(f"drafting:{name}", args=args)
    query = {
        "export": "?format=md",
        "release_compare": f"?from={draft.release.pk}&to={draft.second_release.pk}",
        "section_compare": "?from=1&to=2",
    }.get(name, "")
    return url + query


def _payload(world, draft, name):
    section = draft.section
    return {
        "document_create": {"title_fr": "Guide", "title_en": "Guide", "kind": "guide", "language": "fr"},
        "document_import": {"file": _not_a_docx()},
        "document_edit": {
            "title_fr": "Stratégie nationale révisée",
            "title_en": "National strategy",
            "kind": "strategy",
            "language": "fr",
        },
        "adoption": {"release": draft.release.pk, "adoption_reference": "Décret n° X", "adopted_on": "2017-04-20"},
        "section_create": {"title": "Nouvelle section", "parent": ""},
        "release_create": {"name": "Projet 3"},
        "signoff": {"institution": world.institution.pk, "decision": "endorsed", "signatory": "Le ministre"},
        "section_edit": {
            "title": section.title,
            "body": section.body + "\nUne phrase ajoutée.\n",
            "base_revision": section.head_id,
        },
        "section_details": {"status": "in_review", "lead_institution": world.institution.pk},
        "section_move": {"parent": "", "position": 1},
        "section_step": {"move": f"{draft.other.pk}:up"},
        "revision_restore": {},
        "comment_add": {"body": "Un commentaire.", "quote": "Le Niger", "start": 0},
        "comment_resolve": {},
        "comment_reopen": {},
        "suggestion_add": {"kind": "replace", "quote": "premier", "replacement": "1er", "reason": "Plus court."},
        "suggestion_accept": {"reason": "Oui."},
        "suggestion_reject": {"reason": "Le présent est voulu."},
        "suggestion_applied": {"reason": "Fait à la main."},
        "suggestion_withdraw": {},
    }.get(name, {})


def _not_a_docx():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("projet.docx", b"this is not a word file", content_type="application/octet-stream")


def _change_applied(world, draft, name, persona):
    document, section = draft.document, draft.section
    if name == "document_create":
        assert Document.objects.filter(workspace=world.workspace, title_fr="Guide").exists()
    elif name == "document_edit":
        assert Document.objects.get(pk=document.pk).title_fr == "Stratégie nationale révisée"
    elif name == "adoption":
        assert Document.objects.get(pk=document.pk).adoption_reference == "Décret n° X"
    elif name == "section_create":
        assert Section.objects.filter(document=document, title="Nouvelle section").exists()
    elif name == "release_create":
        assert Release.objects.filter(document=document, name="Projet 3").exists()
    elif name == "signoff":
        assert (
            SignOff.objects.get(release=draft.release, institution=world.institution).signed_by == world.users[persona]
        )
    elif name == "section_edit":
        assert "Une phrase ajoutée." in Section.objects.get(pk=section.pk).body
    elif name == "section_details":
        assert Section.objects.get(pk=section.pk).status == "in_review"
    elif name in ("section_move", "section_step"):
        assert Section.objects.get(pk=draft.other.pk).order == 1
    elif name == "section_delete":
        assert not Section.objects.filter(pk=draft.empty.pk).exists()
    elif name == "revision_restore":
        assert Section.objects.get(pk=section.pk).body == ""  # revision 1 was the empty new section
    elif name == "comment_add":
        assert Comment.objects.filter(section=section, body="Un commentaire.", author=world.users[persona]).exists()
    elif name == "comment_resolve":
        assert Comment.objects.get(pk=draft.comment.pk).status == "resolved"
    elif name == "comment_reopen":
        assert Comment.objects.get(pk=draft.resolved.pk).status == "open"
    elif name == "suggestion_add":
        assert Suggestion.objects.filter(section=section, replacement="1er", author=world.users[persona]).exists()
    elif name in ("suggestion_accept", "suggestion_applied"):
        assert Suggestion.objects.get(pk=draft.suggestion.pk).status == "accepted"
    elif name == "suggestion_reject":
        assert Suggestion.objects.get(pk=draft.suggestion.pk).status == "rejected"
    elif name == "suggestion_withdraw":
        assert Suggestion.objects.get(pk=draft.suggestion.pk).status == "withdrawn"
    else:  # pragma: no cover
        raise AssertionError(f"no expected change written for {name}")


def _status(response, url):
    if response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={url}".replace("&", "%26"):
        return LOGIN
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def test_drafting_matrix_covers_every_drafting_url():
    names = {pattern.name for pattern in drafting_urls.urlpatterns}
    assert set(MATRIX) == names


@pytest.mark.parametrize("name", list(MATRIX))
def test_drafting_url_get_gives_each_role_its_status(world, matrix_draft, name):
    url = _url(world, matrix_draft, name)
    actual = {}
    for persona in COLUMNS:
        response = world.client(persona).get(url)
        actual[persona] = _status(response, url)
        content = response.content.decode(errors="replace")
        if response.status_code == 404:
            assert matrix_draft.document.title_fr not in content
        if response.status_code == 403:
            assert f"<h1>{french('Not allowed')}</h1>" in content
    assert actual == dict(zip(COLUMNS, MATRIX[name]["GET"], strict=True))


@pytest.mark.parametrize("name", [name for name, rows in MATRIX.items() if "POST" in rows])
def test_drafting_url_post_gives_each_role_its_status_and_refusals_change_nothing(world, matrix_draft, name):
    url = _url(world, matrix_draft, name)
    expected = dict(zip(COLUMNS, MATRIX[name]["POST"], strict=True))
    actual = {}
    for persona in sorted(COLUMNS, key=lambda p: expected[p] == 302):
        client = world.client(persona)
        before = db_snapshot()
        last_event = AuditEvent.objects.order_by("pk").last()
        response = client.post(url, _payload(world, matrix_draft, name))
        actual[persona] = _status(response, url)
        if actual[persona] == 302 and persona != "anonymous":
            _change_applied(world, matrix_draft, name, persona)
            new_events = AuditEvent.objects.filter(pk__gt=last_event.pk)
            assert set(new_events.values_list("actor", flat=True)) <= {world.users[persona].pk}
        else:
            assert db_snapshot() == before, f"{persona}'s refused POST changed the database"
    assert actual == expected


def test_member_cannot_edit_a_section_of_another_institution(world, draft):
    client = world.client("member")
    url = reverse("drafting:section_edit", args=[world.workspace.slug, draft.document.slug, draft.other.pk])
    before = db_snapshot()
    assert client.get(url).status_code == 403
    response = client.post(url, {"title": "x", "body": "y", "base_revision": draft.other.head_id})
    assert response.status_code == 403
    assert db_snapshot() == before


def test_member_named_drafter_edits_a_section_of_another_institution(world, draft):
    draft.other.drafters.add(world.users["member"])
    url = reverse("drafting:section_edit", args=[world.workspace.slug, draft.document.slug, draft.other.pk])
    response = world.client("member").post(
        url, {"title": "Financement", "body": "Le coût est estimé.", "base_revision": draft.other.head_id}
    )
    assert response.status_code == 302
    assert Section.objects.get(pk=draft.other.pk).body == "Le coût est estimé.\n"


def test_member_cannot_reassign_a_section_through_its_details(world, draft):
    url = reverse("drafting:section_details", args=[world.workspace.slug, draft.document.slug, draft.section.pk])
    client = world.client("member")
    before = db_snapshot()
    response = client.post(url, {"status": "agreed", "lead_institution": "", "drafters": []})
    assert response.status_code == 403
    assert db_snapshot() == before


def test_drafting_objects_of_another_workspace_are_not_found(world, draft):
    other_document = services.create_document(world.other_workspace, by=world.users["outsider"], title_fr="Autre")
    other_section = services.add_section(other_document, title="Ailleurs", by=world.users["outsider"])
    client = world.client("secretariat")
    ws = world.workspace.slug
    before = db_snapshot()
    assert client.get(reverse("drafting:document", args=[ws, other_document.slug])).status_code == 404
    url = reverse("drafting:section", args=[ws, draft.document.slug, other_section.pk])
    assert client.get(url).status_code == 404
    url = reverse("drafting:comment_add", args=[ws, draft.document.slug, other_section.pk])
    assert client.post(url, {"body": "x"}).status_code == 404
    assert db_snapshot() == before
