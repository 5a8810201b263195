"""Inviting people by institution or by name, recording their answers, removing an invitee; the participants
page grouped by institution, contacts shown only to those allowed to see them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cadre.core.models import AuditEvent
from cadre.meetings import participants as service
from cadre.meetings import stats
from cadre.meetings.models import Participation

from ..core.helpers import db_snapshot, element_text, element_tokens, text_of
from ..factories import InstitutionFactory, PersonFactory
from .factories import ParticipationFactory

HTMX = {"HX-Request": "true"}


def without_csrf(tokens):
    """Parsed elements with the CSRF tokens left out (each response masks the token differently)."""
    return [token for token in tokens if not (token[0] == "start" and ("name", "csrfmiddlewaretoken") in token[2])]


def _url(world, session, name, *args):
    return reverse(f"meetings:{name}", args=[world.workspace.slug, session.meeting.pk, *args])


# --- services -----------------------------------------------------------------------------------------------


def test_invite_people_records_their_institution_at_invitation_time(world, session):
    ministry = InstitutionFactory(name_fr="Ministère de la Justice")
    person = PersonFactory(full_name="Moussa Issa", institution=ministry)
    result = service.invite_people(session.meeting, [person], by=world.users["secretariat"])
    assert [p.person for p in result.invited] == [person] and result.skipped == []
    participation = Participation.objects.get(meeting=session.meeting, person=person)
    assert participation.institution == ministry and participation.status == "invited"
    person.institution = InstitutionFactory()  # later they change employer…
    person.save()
    participation.refresh_from_db()
    assert participation.institution == ministry  # …their attendance stays with the ministry


def test_invite_people_skips_those_already_invited_without_duplicating(world, session):
    already = session.own[0].person
    newcomer = PersonFactory(institution=world.institution)
    result = service.invite_people(session.meeting, [already, newcomer, newcomer], by=world.users["secretariat"])
    assert [p.person for p in result.invited] == [newcomer]
    assert result.skipped == [already]
    assert Participation.objects.filter(meeting=session.meeting, person=already).count() == 1
    assert Participation.objects.filter(meeting=session.meeting).count() == 5


def test_invite_people_is_recorded_as_made_by_the_user(world, session):
    person = PersonFactory()
    service.invite_people(session.meeting, [person], by=world.users["expert"])
    event = AuditEvent.objects.filter(action="create").order_by("-pk").first()
    assert event.actor == world.users["expert"] and event.workspace_id == world.workspace.pk


def test_set_status_refuses_an_unknown_status_and_changes_nothing(world, session):
    before = db_snapshot()
    with pytest.raises(ValidationError):
        service.set_status(session.own[0], "maybe", by=world.users["secretariat"])
    assert db_snapshot() == before


def test_set_status_away_from_attended_clears_the_check_in_time(world, session):
    participation = service.check_in(session.own[0], by=world.users["secretariat"])
    assert participation.checked_in_at is not None
    service.set_status(participation, "excused", by=world.users["secretariat"])
    participation.refresh_from_db()
    assert participation.status == "excused" and participation.checked_in_at is None


def test_remove_of_someone_who_answered_a_test_is_refused_with_a_message_and_changes_nothing(world, session):
    from cadre.assessments.models import Attempt

    from .factories import AssessmentFactory

    participation = session.own[0]
    assessment = AssessmentFactory(meeting=session.meeting)
    Attempt.objects.create(assessment=assessment, phase="pre", participation=participation, submitted_at=timezone.now())
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_url(world, session, "participant_remove", participation.pk))
    assert response.status_code == 400
    assert participation.person.full_name in text_of(response) and "message-error" in response.content.decode()
    assert db_snapshot() == before


def test_candidates_are_the_people_of_the_institutions_plus_name_matches(world, session):
    justice = InstitutionFactory(name_fr="Justice")
    a = PersonFactory(full_name="Abdou Garba", institution=justice)
    b = PersonFactory(full_name="Zeinabou Hama", institution=justice)
    elsewhere = PersonFactory(full_name="Garba Sani", institution=InstitutionFactory())
    people, more = service.candidates(institutions=[justice], query="garba")
    assert people == [a, b, elsewhere] and more is False  # no one twice; institution people first
    people, more = service.candidates(query="g")  # one letter: no name search
    assert people == [] and more is False


# --- the participants page ------------------------------------------------------------------------------------


def test_participants_page_groups_invitees_by_institution_with_counts(world, session):
    session.other[0].status = "confirmed"
    session.other[0].save()
    page = text_of(world.client("observer").get(_url(world, session, "participants")))
    for participation in session.own + session.other:
        assert participation.person.full_name in page
    assert world.institution.name_fr in page and session.other_institution.name_fr in page
    listing = element_text(page, "participants")
    assert listing.index(world.institution.name_fr) > listing.index(session.other_institution.name_fr)  # D < M
    assert "4 personnes invitées" in listing or "4 people invited" in listing
    groups = listing.split(world.institution.name_fr)
    assert all(p.person.full_name in groups[1] for p in session.own)  # each under their institution
    assert all(p.person.full_name in groups[0] for p in session.other)


def test_participants_page_shows_contacts_only_to_the_secretariat(world, session):
    email = session.own[0].person.email
    assert email in text_of(world.client("secretariat").get(_url(world, session, "participants")))
    for persona in ("member", "expert", "partner", "observer"):
        page = text_of(world.client(persona).get(_url(world, session, "participants")))
        assert session.own[0].person.full_name in page  # names are shown to members…
        assert email not in page  # …contacts are not


def test_participants_page_offers_management_only_to_those_who_run_sessions(world, session):
    invite = _url(world, session, "invite")
    status = _url(world, session, "participant_status", session.own[0].pk)
    for persona, allowed in (("secretariat", True), ("expert", True), ("member", False), ("observer", False)):
        page = world.client(persona).get(_url(world, session, "participants")).content.decode()
        assert (invite in page) == allowed and (status in page) == allowed


def test_participants_page_query_count_does_not_grow_with_invitees(world, session):
    client = world.client("secretariat")
    url = _url(world, session, "participants")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(6):
        ParticipationFactory(meeting=session.meeting, person=PersonFactory(institution=InstitutionFactory()))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# --- status changes -------------------------------------------------------------------------------------------


def test_status_change_without_javascript_redirects_to_the_row(world, session):
    participation = session.other[1]
    response = world.client("expert").post(
        _url(world, session, "participant_status", participation.pk), {"status": "declined"}
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#p-{participation.pk}")
    participation.refresh_from_db()
    assert participation.status == "declined"


def test_status_change_with_htmx_returns_the_list_as_a_full_reload_shows_it(world, session):
    client = world.client("secretariat")
    participation = session.own[1]
    response = client.post(
        _url(world, session, "participant_status", participation.pk), {"status": "confirmed"}, headers=HTMX
    )
    assert response.status_code == 200
    partial = response.content.decode()
    assert "<html" not in partial and partial.strip().startswith('<div id="participants">')
    full = client.get(_url(world, session, "participants")).content.decode()
    assert without_csrf(element_tokens(partial, "participants")) == without_csrf(element_tokens(full, "participants"))
    participation.refresh_from_db()
    assert participation.status == "confirmed"


def test_status_change_refuses_an_unknown_status_with_a_message_and_changes_nothing(world, session):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_url(world, session, "participant_status", session.own[0].pk), {"status": "maybe"})
    assert response.status_code == 400
    assert db_snapshot() == before
    assert "message-error" in response.content.decode()


def test_status_change_of_another_meetings_invitee_is_not_found(world, session):
    stranger = ParticipationFactory()  # another workspace's meeting
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_url(world, session, "participant_status", stranger.pk), {"status": "declined"})
    assert response.status_code == 404
    assert db_snapshot() == before


# --- inviting through the pages ---------------------------------------------------------------------------------


def test_invite_page_proposes_the_people_of_the_chosen_institutions_ticked(world, session):
    justice = InstitutionFactory(name_fr="Ministère de la Justice")
    people = [PersonFactory(full_name=f"Agent {n}", institution=justice) for n in range(3)]
    page = world.client("secretariat").get(_url(world, session, "invite") + f"?institutions={justice.pk}")
    html = page.content.decode()
    for person in people:
        assert f'name="people" value="{person.pk}" id="person-{person.pk}" checked' in html


def test_invite_page_marks_people_already_invited_and_offers_no_box_for_them(world, session):
    page = world.client("secretariat").get(_url(world, session, "invite") + f"?institutions={world.institution.pk}")
    html = page.content.decode()
    invited = session.own[0].person
    assert f'name="people" value="{invited.pk}"' not in html
    assert invited.full_name in text_of(page)


def test_invite_page_finds_a_single_person_by_name_not_ticked(world, session):
    person = PersonFactory(full_name="Hadiza Oumarou", institution=InstitutionFactory())
    html = world.client("expert").get(_url(world, session, "invite") + "?q=oumar").content.decode()
    assert f'name="people" value="{person.pk}" id="person-{person.pk}">' in html


def test_invite_htmx_request_returns_the_candidates_as_a_full_reload_shows_them(world, session):
    client = world.client("secretariat")
    url = _url(world, session, "invite") + f"?institutions={session.other_institution.pk}&q=Contact"
    partial = client.get(url, headers=HTMX).content.decode()
    assert "<html" not in partial and partial.strip().startswith('<div id="candidates">')
    full = client.get(url).content.decode()
    assert without_csrf(element_tokens(partial, "candidates")) == without_csrf(element_tokens(full, "candidates"))


def test_invite_post_invites_the_ticked_people_and_reports_those_skipped(world, session):
    newcomer = PersonFactory(full_name="Ibrahim Souley", institution=world.institution)
    already = session.own[0].person
    client = world.client("secretariat")
    response = client.post(_url(world, session, "invite"), {"people": [newcomer.pk, already.pk]}, follow=True)
    assert Participation.objects.filter(meeting=session.meeting, person=newcomer).exists()
    assert Participation.objects.filter(meeting=session.meeting, person=already).count() == 1
    page = text_of(response)
    assert already.full_name in element_text(response.content.decode(), "main")
    assert "message-warning" in page


def test_invite_post_with_nobody_ticked_says_so_and_changes_nothing(world, session):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_url(world, session, "invite"), {"institutions": [world.institution.pk]})
    assert response.status_code == 400
    assert 'class="form-errors"' in response.content.decode()
    assert db_snapshot() == before


def test_invite_post_of_an_unknown_person_is_refused_and_changes_nothing(world, session):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_url(world, session, "invite"), {"people": ["999999"]})
    assert response.status_code == 400
    assert db_snapshot() == before


def test_invite_with_ids_too_large_for_the_database_is_refused_and_changes_nothing(world, session):
    """Such ids used to go into the database's `IN (…)`, which failed (a server error)."""
    client = world.client("secretariat")
    before = db_snapshot()
    huge = "9" * 25
    response = client.post(_url(world, session, "invite"), {"people": [huge]})
    assert response.status_code == 400 and "people" in response.context["invite_form"].errors
    response = client.get(_url(world, session, "invite") + f"?institutions={huge}")
    assert response.status_code == 200 and not response.context["candidates"]
    assert db_snapshot() == before


def test_invite_people_racing_another_invitation_of_the_same_person_skips_them(world, session, monkeypatch):
    """Two requests invite the same person at once (a double click): both read "not invited yet"; the second
    insert is refused by the database and the person is reported as already invited, not a server error."""
    person = PersonFactory(full_name="Aïcha Double")
    other = PersonFactory(full_name="Boubacar Seul")
    save = Participation.save

    def other_request_first(participation, *args, **kwargs):
        if participation.person_id == person.pk and participation.pk is None:  # (inside the savepoint, here)
            Participation.objects.bulk_create([Participation(meeting=session.meeting, person=person)])
        return save(participation, *args, **kwargs)

    monkeypatch.setattr(Participation, "save", other_request_first)
    result = service.invite_people(session.meeting, [person, other], by=world.users["secretariat"])
    assert result.skipped == [person]
    assert [participation.person for participation in result.invited] == [other]
    assert Participation.objects.filter(meeting=session.meeting, person=other).exists()


def test_invite_page_query_count_does_not_grow_with_people(world, session):
    justice = InstitutionFactory()
    client = world.client("secretariat")
    url = _url(world, session, "invite") + f"?institutions={justice.pk}&q=agent"
    PersonFactory(full_name="Agent 0", institution=justice)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(1, 8):
        PersonFactory(full_name=f"Agent {n}", institution=justice if n % 2 else InstitutionFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# --- removing ------------------------------------------------------------------------------------------------


def test_remove_asks_first_then_removes_only_the_invitation(world, session):
    participation = session.other[0]
    url = _url(world, session, "participant_remove", participation.pk)
    client = world.client("secretariat")
    assert participation.person.full_name in text_of(client.get(url))
    assert Participation.objects.filter(pk=participation.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Participation.objects.filter(pk=participation.pk).exists()
    participation.person.refresh_from_db()  # still in the directory


# --- attendance over the whole process ----------------------------------------------------------------------


@pytest.fixture
def process(world):
    """Four meetings: one held, one past (still "planned"), one past but cancelled, one to come; three
    institutions with known attendance."""
    from cadre.meetings.models import Meeting

    from .factories import MeetingFactory

    now = timezone.now()
    day = datetime.timedelta(days=1)
    held = MeetingFactory(workspace=world.workspace, starts_at=now - 30 * day, status=Meeting.Status.HELD)
    past = MeetingFactory(workspace=world.workspace, starts_at=now - 10 * day)
    cancelled = MeetingFactory(workspace=world.workspace, starts_at=now - 5 * day, status=Meeting.Status.CANCELLED)
    coming = MeetingFactory(workspace=world.workspace, starts_at=now + 5 * day)
    alpha = InstitutionFactory(name_fr="Alpha", acronym="")
    beta = InstitutionFactory(name_fr="Beta", acronym="")
    gamma = InstitutionFactory(name_fr="Gamma", acronym="")
    a1, a2 = PersonFactory(institution=alpha), PersonFactory(institution=alpha)
    b1, g1 = PersonFactory(institution=beta), PersonFactory(institution=gamma)
    for meeting, person, status in [
        (held, a1, "attended"),
        (held, a2, "attended"),
        (held, g1, "declined"),
        (past, a1, "excused"),
        (past, b1, "attended"),
        (cancelled, a1, "invited"),
        (coming, a1, "confirmed"),
        (coming, b1, "confirmed"),
        (coming, g1, "confirmed"),
    ]:
        ParticipationFactory(meeting=meeting, person=person, status=status)
    ParticipationFactory(meeting=held, person=PersonFactory(institution=None), institution=None, status="attended")
    return {"held": held, "past": past, "cancelled": cancelled, "coming": coming, "alpha": alpha, "beta": beta}


def _by_name(rows):
    return {(row["institution"].name if row["institution"] else None): row for row in rows}


def test_attendance_by_institution_counts_meetings_that_took_place(world, process):
    rows = _by_name(stats.attendance_by_institution(world.workspace))
    assert set(rows) == {"Alpha", "Beta", "Gamma", None}
    alpha, beta, gamma = rows["Alpha"], rows["Beta"], rows["Gamma"]
    # Alpha: invited to the held and the past meeting (the cancelled and coming ones do not count), came once
    # with two people.
    assert (alpha["meetings_invited"], alpha["meetings_attended"], alpha["rate"]) == (2, 1, 0.5)
    assert alpha["invitations"] == 3 and alpha["people_attended"] == 2
    assert alpha["last_meeting"] == process["held"] and alpha["last_attended_at"] == process["held"].starts_at
    assert (beta["meetings_invited"], beta["meetings_attended"], beta["rate"]) == (1, 1, 1.0)
    assert beta["last_meeting"] == process["past"]
    assert (gamma["meetings_invited"], gamma["meetings_attended"], gamma["rate"]) == (1, 0, 0.0)
    assert gamma["last_meeting"] is None and gamma["people_attended"] == 0
    assert rows[None]["meetings_attended"] == 1


def test_attendance_by_institution_sorts_by_name_or_rate(world, process):
    def names(sort):
        return [
            row["institution"].name if row["institution"] else None
            for row in stats.attendance_by_institution(world.workspace, sort)
        ]

    assert names("name") == ["Alpha", "Beta", "Gamma", None]
    assert names("-name") == ["Gamma", "Beta", "Alpha", None]
    assert names("-rate") == ["Beta", "Alpha", "Gamma", None]
    assert names("rate") == ["Gamma", "Alpha", "Beta", None]
    assert names("nonsense") == names("name")


def test_institutions_per_meeting_counts_distinct_institutions_present(world, process):
    rows = {row["meeting"].pk: row for row in stats.institutions_per_meeting(world.workspace)}
    held = rows[process["held"].pk]
    assert (held["institutions_invited"], held["institutions_present"]) == (2, 1)  # Alpha, Gamma (+ no institution)
    assert (held["people_invited"], held["people_present"]) == (4, 3)
    assert held["took_place"] and rows[process["past"].pk]["took_place"]
    assert not rows[process["cancelled"].pk]["took_place"] and not rows[process["coming"].pk]["took_place"]
    assert rows[process["coming"].pk]["institutions_invited"] == 3
    kept = stats.institutions_per_meeting(world.workspace, took_place_only=True)
    assert [row["meeting"] for row in kept] == [process["held"], process["past"]]


def test_institutions_per_meeting_are_the_same_on_the_attendance_page_and_the_results_dashboard(world, process):
    """One count of "institutions per meeting": the dashboard counted only meetings marked held (not the past
    one still "planned"), and the attendance page averaged in meetings where nobody was recorded present."""
    from cadre.meetings.models import Meeting
    from cadre.reports import measures

    from .factories import MeetingFactory

    unrecorded = MeetingFactory(
        workspace=world.workspace, starts_at=timezone.now() - datetime.timedelta(days=20), status=Meeting.Status.HELD
    )
    ParticipationFactory(meeting=unrecorded, person=PersonFactory(institution=process["alpha"]))
    page = world.client("observer").get(reverse("meetings:attendance", args=[world.workspace.slug])).context
    dashboard = measures.coordination(measures.Scope(world.workspace.pk))
    took_place = [process["held"], unrecorded, process["past"]]
    assert [row.pk for row in dashboard.meetings] == [meeting.pk for meeting in took_place]
    assert page["meetings_held"] == len(dashboard.meetings) == 3
    # Held: Alpha (and someone of no institution); past: Beta; the third: nobody recorded present.
    assert [row.institutions for row in dashboard.meetings] == [1, 0, 1]
    assert page["mean_present"] == dashboard.mean_institutions == 1.0
    assert page["meetings_counted"] == len(dashboard.attended_meetings) == 2
    assert page["institutions_present"] == dashboard.institutions_involved == 2


def test_attendance_page_shows_the_institutions_and_the_meetings(world, process):
    response = world.client("observer").get(reverse("meetings:attendance", args=[world.workspace.slug]) + "?sort=-rate")
    html = response.content.decode()
    table = element_text(html, "attendance-table")
    assert table.index("Beta") < table.index("Alpha") < table.index("Gamma")
    assert "50 %" in table and "100 %" in table
    assert process["held"].title in table  # Alpha's last meeting
    per_meeting = element_text(html, "per-meeting-table")
    assert all(process[key].title in per_meeting for key in ("held", "past", "cancelled", "coming"))


def test_attendance_page_query_count_does_not_grow_with_meetings_and_people(world, process):
    from .factories import MeetingFactory

    client = world.client("member")
    url = reverse("meetings:attendance", args=[world.workspace.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        meeting = MeetingFactory(workspace=world.workspace, starts_at=timezone.now() - datetime.timedelta(days=n + 1))
        for _m in range(3):
            ParticipationFactory(
                meeting=meeting, person=PersonFactory(institution=InstitutionFactory()), status="attended"
            )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
