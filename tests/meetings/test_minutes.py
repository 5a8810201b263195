"""Minutes (Markdown, rendered safely) and the numbered decisions of a meeting."""

from cadre.meetings.forms import MAX_MINUTES_CHARS
from cadre.meetings.models import Decision

from ..core.helpers import db_snapshot, element_text
from .factories import MeetingFactory
from .helpers_core import url

MINUTES = """### Ouverture

La séance est ouverte par le **Secrétaire général**.

| Point | Responsable |
| --- | --- |
| Postes frontières | DST |

<script>alert("x")</script>
"""


def test_minutes_are_saved_and_shown_as_safe_html(world, session):
    response = world.client("expert").post(url("minutes_edit", world, session.meeting.pk), {"minutes": MINUTES})
    assert response.status_code == 302
    session.meeting.refresh_from_db()
    assert session.meeting.minutes.replace("\r\n", "\n").strip() == MINUTES.strip()
    page = world.client("observer").get(session.meeting.get_absolute_url()).content.decode()
    assert "<h3>Ouverture</h3>" in page and "<strong>Secrétaire général</strong>" in page
    assert "<td>DST</td>" in page
    assert "<script>alert" not in page
    assert "Secrétaire général" in element_text(page, "minutes")


def test_minutes_form_shows_the_current_text(world, session):
    session.meeting.minutes = "Texte déjà saisi"
    session.meeting.save()
    page = world.client("secretariat").get(url("minutes_edit", world, session.meeting.pk)).content.decode()
    assert "Texte déjà saisi</textarea>" in page


def test_minutes_too_long_are_refused_and_nothing_changes(world, session):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url("minutes_edit", world, session.meeting.pk), {"minutes": "x" * (MAX_MINUTES_CHARS + 1)})
    assert response.status_code == 400 and list(response.context["form"].errors) == ["minutes"]
    assert db_snapshot() == before


def test_decisions_are_numbered_in_the_order_they_were_taken(world, session):
    client = world.client("secretariat")
    for text in ("Le calendrier est adopté.", "Les chefs de file sont désignés."):
        assert client.post(url("decision_create", world, session.meeting.pk), {"text": text}).status_code == 302
    decisions = list(Decision.objects.filter(meeting=session.meeting).order_by("order"))
    assert [(d.order, d.text) for d in decisions] == [
        (0, "Le calendrier est adopté."),
        (1, "Les chefs de file sont désignés."),
    ]
    text = element_text(client.get(session.meeting.get_absolute_url()).content.decode(), "decisions")
    assert text.index("Le calendrier est adopté.") < text.index("Les chefs de file sont désignés.")


def test_decision_edit_and_delete(world, session):
    decision = Decision.objects.create(meeting=session.meeting, text="Brouillon")
    client = world.client("expert")
    client.post(url("decision_edit", world, session.meeting.pk, decision.pk), {"text": "Décision adoptée."})
    decision.refresh_from_db()
    assert decision.text == "Décision adoptée." and decision.meeting == session.meeting
    client.post(url("decision_delete", world, session.meeting.pk, decision.pk))
    assert not Decision.objects.filter(pk=decision.pk).exists()


def test_empty_decision_is_refused_and_nothing_changes(world, session):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(url("decision_create", world, session.meeting.pk), {"text": "  "})
    assert response.status_code == 400 and list(response.context["form"].errors) == ["text"]
    assert db_snapshot() == before


def test_decision_of_another_meeting_is_not_found_under_this_one(world, session):
    decision = Decision.objects.create(meeting=MeetingFactory(workspace=world.workspace), text="Ailleurs")
    address = url("decision_edit", world, session.meeting.pk, decision.pk)
    assert world.client("secretariat").get(address).status_code == 404
