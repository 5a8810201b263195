"""The meetings demo (cadre.meetings.demo.load after the workspaces and drafting demos): every seed activity has
its meetings, in its planned dates, held or planned as the activity — and the process is over, so all are held;
information sessions gather 15 to 30 fictitious people from 8 to 12 real institutions; minutes say they were written
for the demo; action points in every state."""

import datetime
import time

import pytest
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from cadre.core.models import AuditEvent
from cadre.directory.demo import INSTITUTIONS as DIRECTORY_INSTITUTIONS
from cadre.directory.models import Person
from cadre.drafting import demo as drafting_demo
from cadre.meetings import demo
from cadre.meetings.demo_sessions import DEMO_NOTE, MEETINGS
from cadre.meetings.models import ActionPoint, AgendaItem, Meeting, Participation
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.models import WorkplanActivity, Workspace

from ..core.helpers import db_snapshot

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def _demo_in_module(django_db_setup, django_db_blocker):
    """The workspaces, drafting and meetings demos loaded once for this module, rolled back at its end."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            workspace_demo.load()
            drafting_demo.load()
            started = time.monotonic()
            lines = demo.load()
            seconds = time.monotonic() - started
        except BaseException:
            atomic.__exit__(None, None, None)
            raise
    yield {"lines": lines, "seconds": seconds}
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def loaded(_demo_in_module, db):
    return _demo_in_module


@pytest.fixture
def workspace(loaded):
    return Workspace.objects.get(slug=workspace_demo.MAIN_SLUG)


def test_demo_loads_fast_and_says_what_it_made(loaded, workspace):
    assert loaded["seconds"] < 10
    [line] = loaded["lines"]
    assert f"{Meeting.objects.filter(workspace=workspace).count()} " in line


def test_every_seed_activity_has_meetings_within_its_planned_dates(workspace):
    for activity in workspace.activities.all():
        meetings = list(activity.meetings.all())
        assert meetings, f"activity {activity.number} has no meeting"
        for meeting in meetings:
            assert activity.planned_start <= meeting.local_start.date() <= activity.planned_end, meeting
            assert meeting.time_zone == "Africa/Niamey"
            expected = Meeting.Status.HELD if activity.status == "done" else Meeting.Status.PLANNED
            assert meeting.status == expected, meeting


def test_the_kinds_of_meetings_follow_the_seed(workspace):
    kinds = {}
    for meeting in Meeting.objects.filter(workspace=workspace).select_related("activity"):
        number = meeting.activity.number if meeting.activity else None
        kinds.setdefault(number, []).append(meeting.kind)
    assert kinds[1].count("bilateral") >= 6 and "information_session" in kinds[1]
    for number in (2, 4, 6):
        assert sorted(set(kinds[number])) == ["drafting_session", "information_session"], number
    for number in (3, 5, 7):
        assert kinds[number] == ["remote_assistance", "remote_assistance"], number
    assert kinds[8] == ["workshop"]
    committee = Meeting.objects.filter(workspace=workspace, kind="coordination")
    assert 2 <= committee.count() <= 3
    assert Meeting.objects.filter(workspace=workspace, kind="information_session").count() == 4


def test_remote_sessions_are_online_and_the_others_in_a_generic_place(workspace):
    for meeting in Meeting.objects.filter(workspace=workspace):
        if meeting.kind == "remote_assistance":
            assert meeting.online_link.startswith("https://visio.example.org/")
        else:
            assert meeting.place.startswith("Niamey, ") and not meeting.online_link


def test_agendas_are_timed_with_the_workspace_experts_as_presenters_and_facilitators(workspace):
    experts = set(workspace.experts.values_list("person__full_name", flat=True))
    for meeting in Meeting.objects.filter(workspace=workspace).prefetch_related("agenda", "facilitators__person"):
        items = list(meeting.agenda.all())
        assert items and all(item.starts_at and item.duration_minutes for item in items), meeting
        assert {f.person.full_name for f in meeting.facilitators.all()} <= experts
    session = Meeting.objects.get(uid=demo.meeting_uid("a4-session-3"))
    assert session.facilitators.get().person.full_name == "Demo expert, Spain"
    assert session.agenda.filter(presenter="Demo expert, Spain").count() >= 3


def test_drafting_sessions_point_at_the_strategy_sections_of_their_themes(workspace):
    for key, titles in {
        "a2-drafting": [
            "Axe 2 — Pré-entrée, entrée et sortie (gestion des frontières)",
            "Identification et protection",
        ],
        "a4-drafting": ["Application de la loi n° 2015-36", "Axe 1 — Coordination et gouvernance"],
        "a6-drafting": ["Axe 6 — Retour et voies de sortie de l'irrégularité", "Coût estimé"],
    }.items():
        meeting = Meeting.objects.get(uid=demo.meeting_uid(key))
        linked = set(AgendaItem.objects.filter(meeting=meeting).values_list("sections__title", flat=True))
        assert set(titles) <= linked, key
        for section_item in meeting.agenda.filter(sections__isnull=False).distinct():
            section_themes = set(section_item.sections.values_list("themes__code", flat=True)) - {None}
            assert section_themes <= {t.code for t in section_item.themes.all()} | {"coordination"}


def test_information_sessions_gather_15_to_30_people_from_8_to_12_real_institutions(workspace):
    real = {name for _key, _acronym, name, *_rest in DIRECTORY_INSTITUTIONS}
    sessions = Meeting.objects.filter(workspace=workspace, kind="information_session")
    for session in sessions:
        invitees = session.participations.select_related("institution", "person")
        assert 15 <= invitees.count() <= 30, session
        institutions = {p.institution.name_fr for p in invitees}
        assert 8 <= len(institutions) <= 12, session
        assert institutions <= real
    held = sessions.filter(status="held")
    assert held.count() == 4  # the process is over: all four sessions were held
    for session in held:
        statuses = dict(session.participations.values_list("status").annotate(n=Count("id")))
        assert statuses["attended"] >= 12 and statuses["attended"] > sum(statuses.values()) * 0.7
        assert statuses.get("excused", 0) + statuses.get("declined", 0) >= 1
        attended = session.participations.filter(status="attended")
        assert not attended.filter(checked_in_at__isnull=True).exists()
        assert not session.participations.exclude(status="attended").filter(checked_in_at__isnull=False).exists()
        for participation in attended:
            assert abs(participation.checked_in_at - session.starts_at) < datetime.timedelta(hours=1)


def test_the_process_is_over_every_meeting_is_held(workspace):
    assert set(workspace.activities.values_list("status", flat=True)) == {"done"}
    assert not Meeting.objects.filter(workspace=workspace).exclude(status="held").exists()
    assert not workspace.activities.filter(meetings__starts_at__gt=timezone.now()).exists()


def test_planned_meetings_have_no_attendance_minutes_or_decisions(workspace):
    """Every demo meeting is held; a meeting of an activity not done yet is made planned, with none of them."""
    WorkplanActivity.objects.filter(workspace=workspace, number=8).update(
        status="planned", actual_start=None, actual_end=None
    )
    Meeting.objects.filter(uid=demo.meeting_uid("a8-workshop")).delete()
    demo.load()
    planned = Meeting.objects.filter(workspace=workspace, status="planned")
    assert list(planned.values_list("uid", flat=True)) == [demo.meeting_uid("a8-workshop")]
    for meeting in planned:
        assert meeting.participations.exists(), meeting
        assert not meeting.participations.filter(status__in=["attended", "excused"]).exists(), meeting
        assert meeting.minutes == "" and not meeting.decisions.exists(), meeting


def test_people_are_fictitious_and_say_so_and_the_demo_accounts_are_invited(workspace):
    people = Person.objects.filter(meeting_participations__meeting__workspace=workspace).distinct()
    accounts = {"member@demo.example.org", "partner@demo.example.org"}
    for person in people:
        if person.user_id:
            assert person.user.email in accounts
        else:
            assert "fictif" in person.full_name or "fictive" in person.full_name, person
            assert "fictive" in person.function
            assert person.email.endswith("@demo.example.org")
    invited = set(
        Participation.objects.filter(meeting__workspace=workspace, person__user__isnull=False).values_list(
            "person__user__email", flat=True
        )
    )
    assert invited == accounts
    member = Person.objects.get(user__email="member@demo.example.org")
    assert member.institution.acronym == "ANLTP/TIM"
    sessions = Meeting.objects.filter(workspace=workspace, kind="information_session")
    assert all(s.participations.filter(person=member).exists() for s in sessions)


def test_held_meetings_have_minutes_marked_as_demo_and_two_to_four_decisions(workspace):
    held = Meeting.objects.filter(workspace=workspace, status="held")
    assert held.count() >= 15
    for meeting in held:
        assert meeting.minutes.startswith(DEMO_NOTE), meeting
        assert len(meeting.minutes) > 300
        assert 2 <= meeting.decisions.count() <= 4, meeting
        assert "démonstration" in meeting.description


def test_action_points_in_every_state_carried_across_meetings(workspace):
    today = timezone.localdate()
    points = list(ActionPoint.objects.filter(workspace=workspace).select_related("meeting", "closed_at_meeting"))
    done = [p for p in points if p.status == "done"]
    assert any(p.closed_on_time for p in done) and any(p.closed_on_time is False for p in done)
    assert any(p.status == "dropped" and p.closed_on for p in points)
    assert any(p.status == "in_progress" for p in points)
    assert any(p.status == "open" and p.is_overdue for p in points)
    assert any(p.status == "open" and not p.is_overdue for p in points)
    assert all(p.owner_person_id or p.owner_institution_id for p in points)
    assert any(p.owner_person_id and p.owner_institution_id for p in points)
    assert any(p.owner_person_id is None for p in points)
    carried = [p for p in points if p.closed_at_meeting]
    assert carried and all(p.closed_at_meeting.starts_at > p.meeting.starts_at for p in carried)
    for point in points:
        assert (point.closed_on is None) == point.is_open, point
        assert point.closed_on is None or point.closed_on <= today


def test_loading_again_changes_nothing(loaded, workspace):
    before = db_snapshot()
    events = AuditEvent.objects.count()
    demo.load()
    assert AuditEvent.objects.count() == events
    assert db_snapshot() == before


def test_load_is_all_or_nothing(workspace, monkeypatch):
    """A failure half-way through leaves no partial meeting behind."""
    Meeting.objects.filter(uid=demo.meeting_uid("a8-workshop")).delete()
    ActionPoint.objects.filter(workspace=workspace).delete()
    before = db_snapshot()

    def broken(self):
        raise RuntimeError("broken")

    monkeypatch.setattr(demo._Loader, "action_points", broken)
    with pytest.raises(RuntimeError):
        demo.load()
    assert db_snapshot() == before


def test_a_missing_meeting_is_made_again_as_it_was(workspace):
    meeting = Meeting.objects.get(uid=demo.meeting_uid("a2-session-2"))
    attended = sorted(meeting.participations.filter(status="attended").values_list("person__full_name", flat=True))
    Meeting.objects.filter(pk=meeting.pk).delete()
    demo.load()
    again = Meeting.objects.get(uid=demo.meeting_uid("a2-session-2"))
    assert sorted(again.participations.filter(status="attended").values_list("person__full_name", flat=True)) == (
        attended
    )


def test_every_meeting_of_the_data_is_loaded(workspace):
    assert set(Meeting.objects.filter(workspace=workspace).values_list("uid", flat=True)) == {
        demo.meeting_uid(spec["key"]) for spec in MEETINGS
    }
