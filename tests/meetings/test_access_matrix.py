"""Role × page matrix for the meetings pages (participants, check-in and calendar have their own tests).

Everyone in the workspace reads meetings, materials and action points; the secretariat and experts
(`run_sessions`) prepare and record meetings; members and partners of an action point's owner institution
report its progress. Outside the workspace: 404. A refused POST changes nothing.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from cadre.meetings import services
from cadre.meetings.models import Decision

from ..core.helpers import db_snapshot, french
from ..factories import InstitutionFactory
from .factories import ActionPointFactory, AgendaItemFactory
from .helpers_core import meeting_payload, past_meeting, pdf_upload

COLUMNS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
LOGIN = "sign-in"

READ = {"GET": (200, 200, 200, 200, 200, 404, LOGIN)}
RUN = {
    "GET": (200, 403, 200, 403, 403, 404, LOGIN),
    "POST": (302, 403, 302, 403, 403, 404, LOGIN),
}
RUN_POST_ONLY = {
    "GET": (405, 405, 405, 405, 405, 405, LOGIN),
    "POST": (302, 403, 302, 403, 403, 404, LOGIN),
}
MATRIX = {
    "meetings": READ,
    "meeting": READ,
    "action_points": READ,
    "material": READ,
    "meeting_create": RUN,
    "meeting_edit": RUN,
    "meeting_delete": RUN,
    "meeting_status": RUN_POST_ONLY,
    "agenda_item_create": RUN,
    "agenda_item_edit": RUN,
    "agenda_item_delete": RUN,
    "agenda_item_move": RUN_POST_ONLY,
    "material_create": RUN,
    "material_delete": RUN,
    "minutes_edit": RUN,
    "decision_create": RUN,
    "decision_edit": RUN,
    "decision_delete": RUN,
    "action_point_create": RUN,
    "action_point_close": RUN_POST_ONLY,
    "action_point_delete": RUN,
    "action_point_edit": {  # owned by the personas' institution: its members and partners report progress
        "GET": (200, 200, 200, 200, 403, 404, LOGIN),
        "POST": (302, 302, 302, 302, 403, 404, LOGIN),
    },
    "action_point_edit_other": {  # …but not on another institution's action point
        "GET": (200, 403, 200, 403, 403, 404, LOGIN),
        "POST": (302, 403, 302, 403, 403, 404, LOGIN),
    },
}


@dataclass
class Objects:
    material: object
    decision: object
    own_point: object  # owned by the personas' institution, raised at the session
    other_point: object  # owned by another institution
    carried: object  # raised at an earlier meeting, still open
    held: object  # a meeting that took place, where `carried` can be closed


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def objects(world, session):
    AgendaItemFactory(meeting=session.meeting, title_fr="Deuxième point")
    material = services.add_material(
        session.meeting, upload=pdf_upload(), title="Présentation", kind="presentation", by=world.users["secretariat"]
    )
    decision = Decision.objects.create(meeting=session.meeting, text="Le calendrier est adopté.")
    own_point = ActionPointFactory(meeting=session.meeting, owner_institution=world.institution)
    other_point = ActionPointFactory(meeting=session.meeting, owner_institution=session.other_institution)
    earlier = past_meeting(world, days_ago=40)
    held = past_meeting(world, days_ago=5)
    carried = ActionPointFactory(meeting=earlier, owner_institution=InstitutionFactory())
    return Objects(material, decision, own_point, other_point, carried, held)


def _url(world, session, objects, name):
    ws, pk = world.workspace.slug, session.meeting.pk
    args = {
        "meeting": [ws, pk],
        "meeting_edit": [ws, pk],
        "meeting_delete": [ws, pk],
        "meeting_status": [ws, pk],
        "agenda_item_create": [ws, pk],
        "agenda_item_edit": [ws, pk, session.item.pk],
        "agenda_item_delete": [ws, pk, session.item.pk],
        "agenda_item_move": [ws, pk, session.item.pk],
        "material": [ws, pk, objects.material.pk],
        "material_create": [ws, pk],
        "material_delete": [ws, pk, objects.material.pk],
        "minutes_edit": [ws, pk],
        "decision_create": [ws, pk],
        "decision_edit": [ws, pk, objects.decision.pk],
        "decision_delete": [ws, pk, objects.decision.pk],
        "action_point_create": [ws, pk],
        "action_point_close": [ws, objects.held.pk, objects.carried.pk],
        "action_point_edit": [ws, objects.own_point.pk],
        "action_point_edit_other": [ws, objects.other_point.pk],
        "action_point_delete": [ws, objects.own_point.pk],
    }.get(name, [ws])
    return reverse(f"meetings:{name.replace('_other', '')}", args=args)


def _payload(world, session, name):
    if name in ("meeting_create", "meeting_edit"):
        return meeting_payload(world, title_fr="Session revue")
    if name == "meeting_status":
        return {"status": "postponed"}
    if name in ("agenda_item_create", "agenda_item_edit"):
        return {"title_fr": "Point revu", "themes": [world.theme.pk]}
    if name == "agenda_item_move":
        return {"direction": "down"}
    if name == "material_create":
        return {"file": pdf_upload("notes.pdf"), "kind": "handout", "title": ""}
    if name == "minutes_edit":
        return {"minutes": "### Ouverture\n\nLa séance est ouverte."}
    if name in ("decision_create", "decision_edit"):
        return {"text": "La feuille de route est adoptée."}
    if name == "action_point_create":
        return {"text": "Transmettre la liste", "owner_institution": world.institution.pk, "status": "open"}
    if name in ("action_point_edit", "action_point_edit_other"):
        return {
            "text": "Transmettre la liste révisée",
            "owner_institution": world.institution.pk,
            "status": "in_progress",
            "progress_note": "Liste en cours de collecte.",
        }
    return {}


def _files():
    return sorted(str(path) for path in Path(django_settings.MEDIA_ROOT).rglob("*") if path.is_file())


def _status(response):
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def test_meetings_matrix_covers_every_meetings_page():
    from cadre.meetings import urls
    from cadre.meetings.urls_participants import urlpatterns as participant_patterns

    theirs = {p.name for p in participant_patterns}
    names = {p.name for p in urls.urlpatterns if p.name and p.name not in theirs}
    assert names == {name.replace("_other", "") for name in MATRIX}


@pytest.mark.parametrize("name", list(MATRIX))
def test_meetings_page_get_gives_each_role_its_status(world, session, objects, name):
    url = _url(world, session, objects, name)
    actual = {}
    for persona in COLUMNS:
        response = world.client(persona).get(url)
        actual[persona] = _status(response)
        if response.status_code == 404:
            assert session.meeting.title_fr not in response.content.decode()
        if response.status_code == 403:
            assert f"<h1>{french('Not allowed')}</h1>" in response.content.decode()
    assert actual == dict(zip(COLUMNS, MATRIX[name]["GET"], strict=True))


POSTS = [(name, persona) for name, rows in MATRIX.items() if "POST" in rows for persona in COLUMNS]


@pytest.mark.parametrize(("name", "persona"), POSTS)
def test_meetings_page_post_gives_each_role_its_status_and_refusals_change_nothing(
    world, session, objects, name, persona
):
    expected = dict(zip(COLUMNS, MATRIX[name]["POST"], strict=True))[persona]
    client = world.client(persona)  # signing in records the time: before the snapshot
    before, files_before = db_snapshot(), _files()
    response = client.post(_url(world, session, objects, name), _payload(world, session, name))
    assert _status(response) == expected
    if expected == 302:
        assert db_snapshot() != before, f"{persona}'s accepted POST changed nothing"
    else:
        assert db_snapshot() == before, f"{persona}'s refused POST changed the database"
        assert _files() == files_before, f"{persona}'s refused POST changed the stored files"


def test_observer_sees_no_control_to_change_a_meeting(world, session, objects):
    page = world.client("observer").get(session.meeting.get_absolute_url()).content.decode()
    for name in ("meeting_edit", "meeting_delete", "agenda_item_create", "minutes_edit", "action_point_create"):
        assert _url(world, session, objects, name) not in page
    assert _url(world, session, objects, "material") in page  # but may download the materials


def test_member_is_offered_to_report_progress_only_on_their_institutions_action_points(world, session, objects):
    page = world.client("member").get(session.meeting.get_absolute_url()).content.decode()
    assert _url(world, session, objects, "action_point_edit") in page
    assert _url(world, session, objects, "action_point_edit_other") not in page
    assert _url(world, session, objects, "action_point_delete") not in page


def test_outsider_gets_404_for_a_meeting_of_their_own_workspace_under_another_slug(world, session):
    """The meeting is looked up inside the workspace of the address, never by its number alone."""
    url = reverse("meetings:meeting", args=[world.other_workspace.slug, session.meeting.pk])
    assert world.client("outsider").get(url).status_code == 404
