"""The agenda: timed items tied to themes and strategy sections, in an order the secretariat sets."""

import pytest

from cadre.drafting import services as drafting
from cadre.meetings.models import AgendaItem, Material

from ..core.helpers import db_snapshot, text_of
from ..drafting.factories import DocumentFactory
from .factories import AgendaItemFactory, MeetingFactory
from .helpers_core import url


@pytest.fixture
def strategy(world):
    secretariat = world.users["secretariat"]
    document = DocumentFactory(workspace=world.workspace, by=secretariat, title_fr="Stratégie nationale")
    context = drafting.add_section(document, title="Contexte", by=secretariat)
    borders = drafting.add_section(document, title="Gestion des frontières", by=secretariat)
    posts = drafting.add_section(document, title="Postes frontières", parent=borders, by=secretariat)
    return document, context, borders, posts


def _order(meeting):
    return list(meeting.agenda.values_list("title_fr", flat=True))


def test_agenda_item_is_added_at_the_end_with_its_themes_and_sections(world, session, strategy):
    _document, _context, _borders, posts = strategy
    response = world.client("expert").post(
        url("agenda_item_create", world, session.meeting.pk),
        {
            "title_fr": "Travail sur les postes frontières",
            "starts_at": "10:30",
            "duration_minutes": "45",
            "presenter": "Expert de la France",
            "themes": [world.theme.pk],
            "sections": [posts.pk],
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title_fr="Travail sur les postes frontières")
    assert _order(session.meeting) == ["Gestion des frontières", "Travail sur les postes frontières"]
    assert list(item.sections.all()) == [posts] and list(item.themes.all()) == [world.theme]
    page = text_of(world.client("observer").get(session.meeting.get_absolute_url()))
    assert "10:30" in page and "Expert de la France" in page
    assert "2.1 Postes frontières" in page  # numbered in its document
    assert posts.get_absolute_url() in page


def test_agenda_form_offers_the_sections_grouped_by_document_and_numbered(world, session, strategy):
    page = world.client("secretariat").get(url("agenda_item_create", world, session.meeting.pk)).content.decode()
    assert '<optgroup label="Stratégie nationale">' in page
    assert ">1 Contexte</option>" in page and ">2.1 Postes frontières</option>" in page


def test_agenda_item_edit_shows_its_chosen_sections(world, session, strategy):
    _document, context, _borders, _posts = strategy
    session.item.sections.add(context)
    page = world.client("secretariat").get(url("agenda_item_edit", world, session.meeting.pk, session.item.pk))
    assert f'<option value="{context.pk}" selected>1 Contexte</option>' in page.content.decode()


def test_agenda_item_refuses_a_section_of_another_workspace_and_a_bad_duration(world, session):
    foreign = DocumentFactory(workspace=world.other_workspace, by=world.users["outsider"])
    section = drafting.add_section(foreign, title="Ailleurs", by=world.users["outsider"])
    client = world.client("secretariat")
    before = db_snapshot()
    address = url("agenda_item_create", world, session.meeting.pk)
    for data, field in (
        ({"title_fr": "Point", "sections": [section.pk]}, "sections"),
        ({"title_fr": "Point", "duration_minutes": "0"}, "duration_minutes"),
        ({"title_fr": "Point", "starts_at": "25:99"}, "starts_at"),
        ({"title_fr": ""}, "title_fr"),
    ):
        response = client.post(address, data)
        assert response.status_code == 400 and list(response.context["form"].errors) == [field]
    assert db_snapshot() == before


def test_agenda_items_move_up_and_down(world, session):
    meeting = session.meeting
    AgendaItemFactory(meeting=meeting, title_fr="Deuxième")
    third = AgendaItemFactory(meeting=meeting, title_fr="Troisième")
    client = world.client("secretariat")
    client.post(url("agenda_item_move", world, meeting.pk, third.pk), {"direction": "up"})
    assert _order(meeting) == ["Gestion des frontières", "Troisième", "Deuxième"]
    client.post(url("agenda_item_move", world, meeting.pk, session.item.pk), {"direction": "down"})
    assert _order(meeting) == ["Troisième", "Gestion des frontières", "Deuxième"]
    client.post(url("agenda_item_move", world, meeting.pk, third.pk), {"direction": "up"})  # already first
    assert _order(meeting) == ["Troisième", "Gestion des frontières", "Deuxième"]


def test_agenda_item_move_refuses_an_unknown_direction(world, session):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url("agenda_item_move", world, session.meeting.pk, session.item.pk), {"direction": "x"})
    assert response.status_code == 400 and db_snapshot() == before


def test_agenda_item_of_another_meeting_is_not_found_under_this_one(world, session):
    other = MeetingFactory(workspace=world.workspace)
    address = url("agenda_item_edit", world, other.pk, session.item.pk)
    assert world.client("secretariat").get(address).status_code == 404


def test_deleting_an_agenda_item_keeps_its_materials_with_the_meeting(world, session):
    material = Material.objects.create(
        meeting=session.meeting, agenda_item=session.item, title="Carte", file="x.pdf", original_name="x.pdf"
    )
    response = world.client("secretariat").post(url("agenda_item_delete", world, session.meeting.pk, session.item.pk))
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.agenda_item is None and material.meeting == session.meeting
