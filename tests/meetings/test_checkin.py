"""Check-in on the day, from a phone: find a name, tap "Present"; record someone who came uninvited."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.directory.models import Person
from cadre.meetings import participants as service
from cadre.meetings.models import Participation

from ..core.helpers import db_snapshot, element_text, element_tokens, text_of
from ..factories import InstitutionFactory, PersonFactory
from .factories import ParticipationFactory

HTMX = {"HX-Request": "true"}


def _url(world, session, name, *args):
    return reverse(f"meetings:{name}", args=[world.workspace.slug, session.meeting.pk, *args])


def without_csrf(tokens):
    return [token for token in tokens if not (token[0] == "start" and ("name", "csrfmiddlewaretoken") in token[2])]


# --- services -----------------------------------------------------------------------------------------------


def test_check_in_records_attended_with_the_time_and_undo_puts_it_back(world, session):
    participation = service.check_in(session.own[0], by=world.users["expert"])
    participation.refresh_from_db()
    assert participation.status == "attended" and participation.checked_in_at is not None
    first_time = participation.checked_in_at
    service.check_in(participation, by=world.users["expert"])  # a second tap keeps the first time
    participation.refresh_from_db()
    assert participation.checked_in_at == first_time
    service.undo_check_in(participation, by=world.users["expert"])
    participation.refresh_from_db()
    assert participation.status == "confirmed" and participation.checked_in_at is None


def test_walk_in_adds_the_person_to_the_directory_and_as_present(world, session):
    police = session.other_institution
    participation = service.walk_in(
        session.meeting,
        full_name="  Mariama   Abdou ",
        institution=police,
        function="Commissaire",
        email="mariama@example.org",
        by=world.users["secretariat"],
    )
    person = participation.person
    assert person.full_name == "Mariama Abdou" and person.institution == police
    assert person.function == "Commissaire" and person.email == "mariama@example.org"
    assert participation.status == "attended" and participation.checked_in_at is not None
    assert participation.institution == police


def test_walk_in_of_someone_in_the_directory_reuses_them_without_overwriting(world, session):
    known = PersonFactory(full_name="Issa Hamani", institution=world.institution, function="Directeur")
    participation = service.walk_in(
        session.meeting,
        full_name="issa hamani",
        institution=world.institution,
        function="Stagiaire",
        email="issa@example.org",
        by=world.users["secretariat"],
    )
    known.refresh_from_db()
    assert participation.person == known
    assert known.function == "Directeur"  # what the directory knew is kept…
    assert known.email == "issa@example.org"  # …what it did not know is filled in
    assert Person.objects.filter(full_name__iexact="Issa Hamani").count() == 1


def test_walk_in_of_an_invitee_checks_them_in_without_a_second_invitation(world, session):
    invitee = session.own[0]
    participation = service.walk_in(
        session.meeting,
        full_name=invitee.person.full_name,
        institution=world.institution,
        by=world.users["secretariat"],
    )
    assert participation.pk == invitee.pk and participation.status == "attended"
    assert Participation.objects.filter(meeting=session.meeting).count() == 4


def test_status_counts_expected_leaves_out_declined_and_excused(world, session):
    service.set_status(session.own[0], "declined", by=world.users["secretariat"])
    service.set_status(session.own[1], "excused", by=world.users["secretariat"])
    service.check_in(session.other[0], by=world.users["secretariat"])
    counts = service.status_counts(session.meeting)
    assert counts["total"] == 4 and counts["expected"] == 2 and counts["present"] == 1
    assert counts["declined"] == counts["excused"] == counts["attended"] == 1 and counts["invited"] == 1


# --- the page -------------------------------------------------------------------------------------------------


def test_checkin_page_lists_every_invitee_with_a_present_button_and_the_counts(world, session):
    page = world.client("expert").get(_url(world, session, "checkin"))
    assert page.status_code == 200
    html = page.content.decode()
    for participation in session.own + session.other:
        assert participation.person.full_name in text_of(page)
        assert _url(world, session, "checkin_toggle", participation.pk) in html
    assert html.count('value="present"') == 4
    assert element_text(html, "present-count") == "0" and element_text(html, "expected-count") == "4"
    assert 'name="viewport"' in html  # made for a phone


def test_checkin_search_filters_by_name_on_the_server(world, session):
    target = session.other[1].person
    target.full_name = "Rabiou Maman"
    target.save()
    html = world.client("secretariat").get(_url(world, session, "checkin") + "?q=rabiou").content.decode()
    listing = element_text(html, "checkin")
    assert "Rabiou Maman" in listing
    assert all(p.person.full_name not in listing for p in session.own)


def test_checkin_search_with_htmx_returns_the_list_as_a_full_reload_shows_it(world, session):
    client = world.client("secretariat")
    url = _url(world, session, "checkin") + "?q=" + session.own[0].person.full_name
    partial = client.get(url, headers=HTMX).content.decode()
    assert "<html" not in partial and partial.strip().startswith('<div id="checkin">')
    full = client.get(url).content.decode()
    assert without_csrf(element_tokens(partial, "checkin")) == without_csrf(element_tokens(full, "checkin"))


def test_present_button_without_javascript_checks_in_and_returns_to_the_search(world, session):
    participation = session.own[1]
    response = world.client("expert").post(
        _url(world, session, "checkin_toggle", participation.pk), {"action": "present", "q": "Contact"}
    )
    assert response.status_code == 302
    assert response.url == _url(world, session, "checkin") + f"?q=Contact#p-{participation.pk}"
    participation.refresh_from_db()
    assert participation.status == "attended" and participation.checked_in_at is not None


def test_present_button_with_htmx_updates_the_list_and_the_counts(world, session):
    participation = session.other[0]
    response = world.client("secretariat").post(
        _url(world, session, "checkin_toggle", participation.pk), {"action": "present", "q": ""}, headers=HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<div id="checkin">')
    assert html.count('value="undo"') == 1 and html.count('value="present"') == 3
    assert element_text(html, "present-count") == "1" and element_text(html, "expected-count") == "4"


def test_undo_button_takes_the_check_in_back(world, session):
    participation = service.check_in(session.own[0], by=world.users["secretariat"])
    world.client("secretariat").post(_url(world, session, "checkin_toggle", participation.pk), {"action": "undo"})
    participation.refresh_from_db()
    assert participation.status == "confirmed" and participation.checked_in_at is None


def test_unknown_check_in_action_is_refused_and_changes_nothing(world, session):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_url(world, session, "checkin_toggle", session.own[0].pk), {"action": "explode"})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_checkin_page_query_count_does_not_grow_with_invitees(world, session):
    client = world.client("secretariat")
    url = _url(world, session, "checkin")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(8):
        ParticipationFactory(meeting=session.meeting, person=PersonFactory(institution=InstitutionFactory()))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# --- walk-in through the page -------------------------------------------------------------------------------------


def test_walk_in_form_records_the_person_and_returns_to_the_check_in(world, session):
    client = world.client("expert")
    url = _url(world, session, "walk_in")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"full_name": "Halima Boubacar", "institution": session.other_institution.pk, "function": "Agent"},
    )
    assert response.status_code == 302 and response.url == _url(world, session, "checkin")
    participation = Participation.objects.get(meeting=session.meeting, person__full_name="Halima Boubacar")
    assert participation.status == "attended" and participation.institution == session.other_institution
    assert participation.person.email == ""  # optional


def test_walk_in_without_name_or_institution_says_so_and_changes_nothing(world, session):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_url(world, session, "walk_in"), {"full_name": "   ", "institution": "", "email": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count('class="error"') == 3  # name, institution, e-mail
    assert db_snapshot() == before
