"""Role × page matrix for the participants pages: everyone in the workspace reads the list, the sheet, the
calendar file and the attendance figures; only those who run sessions (secretariat, experts) invite, record
presence and send e-mails. Outsiders get 404, a refused POST changes nothing."""

import itertools
import re

import pytest
from django.urls import reverse

from cadre.meetings import urls_participants

from ..core.helpers import db_snapshot, french
from ..factories import PersonFactory
from .factories import ParticipationFactory

COLUMNS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
LOGIN = "sign-in"
READ = {"GET": (200, 200, 200, 200, 200, 404, LOGIN), "POST": (405, 405, 405, 405, 405, 405, LOGIN)}
RUN_PAGE = {"GET": (200, 403, 200, 403, 403, 404, LOGIN), "POST": (302, 403, 302, 403, 403, 404, LOGIN)}
RUN_ACTION = {"GET": (405, 405, 405, 405, 405, 405, LOGIN), "POST": (302, 403, 302, 403, 403, 404, LOGIN)}
MATRIX = {
    "participants": READ,
    "attendance_sheet": READ,
    "ics": READ,
    "attendance": READ,
    "invite": RUN_PAGE,
    "checkin": {"GET": RUN_PAGE["GET"], "POST": READ["POST"]},
    "walk_in": RUN_PAGE,
    "participant_remove": RUN_PAGE,
    "participant_status": RUN_ACTION,
    "checkin_toggle": RUN_ACTION,
    "send_invitations": RUN_ACTION,
    "send_reminder": RUN_ACTION,
}
_fresh = itertools.count()


def _request(world, session, name):
    """The URL and POST data of a page; an accepted POST needs something to act on, made fresh for each call."""
    slug, pk = world.workspace.slug, session.meeting.pk
    data = {}
    if name == "attendance":
        return reverse("meetings:attendance", args=[slug]), data
    args = [slug, pk]
    if name in ("participant_remove", "participant_status", "checkin_toggle"):
        args.append(
            ParticipationFactory(meeting=session.meeting, person=PersonFactory(institution=world.institution)).pk
        )
    if name == "participant_status":
        data = {"status": "confirmed"}
    elif name == "checkin_toggle":
        data = {"action": "present"}
    elif name == "invite":
        data = {"people": [PersonFactory(full_name=f"Invité {next(_fresh)}").pk]}
    elif name == "walk_in":
        data = {"full_name": f"Venu sans invitation {next(_fresh)}", "institution": world.institution.pk}
    elif name == "send_invitations":
        person = PersonFactory(email=f"fresh{next(_fresh)}@example.org")
        ParticipationFactory(meeting=session.meeting, person=person)
    return reverse(f"meetings:{name}", args=args), data


def _status(response):
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def test_participants_matrix_covers_every_participants_page():
    assert {pattern.name for pattern in urls_participants.urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("name", list(MATRIX))
def test_participants_page_get_gives_each_role_its_status(world, session, name):
    actual = {}
    for persona in COLUMNS:
        url, _data = _request(world, session, name)
        response = world.client(persona).get(url)
        actual[persona] = _status(response)
        if response.status_code == 404:
            assert session.meeting.title_fr not in response.content.decode()
            assert session.own[0].person.full_name not in response.content.decode()
        if response.status_code == 403:
            assert f"<h1>{french('Not allowed')}</h1>" in response.content.decode()
    assert actual == dict(zip(COLUMNS, MATRIX[name]["GET"], strict=True))


@pytest.mark.parametrize("name", list(MATRIX))
def test_participants_page_post_gives_each_role_its_status_and_refusals_change_nothing(world, session, name):
    expected = dict(zip(COLUMNS, MATRIX[name]["POST"], strict=True))
    actual = {}
    for persona in sorted(COLUMNS, key=lambda p: expected[p] == 302):
        client = world.client(persona)
        url, data = _request(world, session, name)
        before = db_snapshot()
        response = client.post(url, data)
        actual[persona] = _status(response)
        if actual[persona] == 302 and persona != "anonymous":
            assert db_snapshot() != before, f"{persona}'s accepted POST changed nothing"
        else:
            assert db_snapshot() == before, f"{persona}'s refused POST changed the database"
    assert actual == expected


def test_participants_of_another_workspaces_meeting_are_not_found(world, session):
    from .factories import MeetingFactory

    elsewhere = MeetingFactory(workspace=world.other_workspace)
    for name in ("participants", "checkin", "attendance_sheet", "ics"):
        url = reverse(f"meetings:{name}", args=[world.workspace.slug, elsewhere.pk])
        assert world.client("secretariat").get(url).status_code == 404


@pytest.mark.parametrize("name", ["participants", "invite", "checkin", "walk_in", "attendance"])
def test_participants_pages_have_no_inline_script_or_style(world, session, name):
    """The Content-Security-Policy would block them in the browser: they must not be in the page at all."""
    url, _data = _request(world, session, name)
    content = world.client("secretariat").get(url + ("?q=Contact" if name == "invite" else "")).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", content):
        assert 'src="/static/' in tag, tag
    assert "<style" not in content
    assert not re.search(r"\sstyle=", content)
    assert not re.search(r"\son[a-z]+=", content)
