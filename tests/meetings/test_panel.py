"""The strategy section's page lists the meetings where the section was (or will be) discussed."""

from cadre.drafting import services as drafting
from cadre.meetings.panels import discussed_at

from ..core.helpers import text_of
from ..drafting.factories import DocumentFactory
from .factories import AgendaItemFactory
from .helpers_core import past_meeting


def _section(world, title="Gestion des frontières"):
    document = DocumentFactory(workspace=world.workspace, by=world.users["secretariat"])
    return drafting.add_section(document, title=title, by=world.users["secretariat"])


def test_section_page_shows_the_meetings_that_discussed_it_in_date_order(world, session):
    section = _section(world)
    session.item.sections.add(section)
    earlier = past_meeting(world, days_ago=20, title_fr="Session de rédaction 1")
    AgendaItemFactory(meeting=earlier, title_fr="Relecture de l'axe 2").sections.add(section)
    page = text_of(world.client("observer").get(section.get_absolute_url()))
    assert "discussed-at" in page
    assert page.index("Session de rédaction 1") < page.index(session.meeting.title_fr)
    assert "Relecture de l'axe 2" in page and session.item.title_fr in page
    assert session.meeting.get_absolute_url() in page and earlier.get_absolute_url() in page


def test_section_page_has_no_panel_when_no_meeting_lists_the_section(world, session):
    section = _section(world)
    page = world.client("observer").get(section.get_absolute_url()).content.decode()
    assert "discussed-at" not in page


def test_discussed_at_panel_reads_its_meetings_in_one_query(world, session, django_assert_num_queries):
    section = _section(world)
    for days in range(5):
        AgendaItemFactory(meeting=past_meeting(world, days_ago=days + 1)).sections.add(section)
    membership = world.users["observer"].memberships.get()
    with django_assert_num_queries(1):
        panel = discussed_at(section, membership)
        urls = [item.meeting.get_absolute_url() for item in panel["items"]]
        titles = [item.meeting.title for item in panel["items"]]
    assert len(urls) == 5 and all(titles)
    assert discussed_at(_section(world, "Autre"), membership) is None
