"""The meetings demo: every activity of the seed as the meetings the committee held in the main Niger workspace
(cadre.meetings.demo_sessions), with invitees, attendance, minutes, decisions and action points.

Institutions are the real ones of cadre.directory.demo; the people are fictitious, named as such ("Participant
fictif 07 (DST)") and have no account, except the member and partner demo accounts, invited as themselves.
Meetings of the activities done in the workspace demo are held, the others planned (without attendance, minutes
or decisions); a meeting of no activity is held if it comes before the first activity not done. In the demo the
process is over: all 8 activities are done, so every meeting is held. Most action points were closed at a later
meeting; a few stay open or in progress, as in real life. Agenda items of drafting sessions point at the sections
of the drafting demo's strategy when it is loaded (it is, before, by load_demo).

`load()` is idempotent: a meeting is found by its calendar identifier and left as it is if it exists; an action
point by its text. Everything is one transaction.
"""

import datetime
import random
import zoneinfo

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from cadre.core.services import change_by
from cadre.directory.demo import INSTITUTIONS as DIRECTORY_INSTITUTIONS
from cadre.directory.models import Institution, Person
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.models import Workspace

from . import demo_sessions as data
from .models import DEFAULT_TIME_ZONE, ActionPoint, AgendaItem, Decision, Meeting, Participation

TZ = zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)
SEED = 2016
INVITED_DAYS_BEFORE = 21


def meeting_uid(key: str) -> str:
    """The stable calendar identifier of a demo meeting: how the demo finds it again."""
    return f"demo-{workspace_demo.MAIN_SLUG}-{key}"


def _local(day: datetime.date, hhmm: str) -> datetime.datetime:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hours, minutes), tzinfo=TZ)


def _institutions() -> dict:
    names = {key: name_fr for key, _acronym, name_fr, *_rest in DIRECTORY_INSTITUTIONS}
    found = {institution.name_fr: institution for institution in Institution.objects.filter(name_fr__in=names.values())}
    return {key: found[name] for key, name in names.items() if name in found}


def person_name(number: int, label: str) -> str:
    """A fictitious participant's name, saying that it is one."""
    if number % 2:
        return f"Participant fictif {number:02d} ({label})"
    return f"Participante fictive {number:02d} ({label})"


def _people(workspace, institutions) -> dict:
    """{institution key: [Person]} of fictitious participants, plus "member" and "partner": the demo accounts."""
    people: dict = {}
    number = 0
    for key, count, function, label in data.PEOPLE:
        people[key] = []
        for _index in range(count):
            number += 1
            name = person_name(number, label)
            person = Person.objects.filter(full_name=name).first()
            if person is None:
                person = Person.objects.create(
                    full_name=name,
                    function=f"{function} (personne fictive)",
                    institution=institutions[key],
                    email=f"participant{number:02d}@demo.example.org",
                )
            people[key].append(person)
    User = get_user_model()
    for key, email in data.ACCOUNTS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        person = Person.objects.filter(user=user).first()
        if person is None:
            membership = workspace.memberships.filter(user=user).first()
            person = Person.objects.create(
                full_name=user.full_name,
                function="Compte de démonstration",
                institution=membership.institution if membership else None,
                email=email,
                user=user,
            )
        people[key] = [person]
    return people


def _sections(workspace) -> dict:
    """{section key of cadre.drafting.demo: Section} of the demo strategy, found by title; {} without it."""
    from cadre.drafting import demo as drafting_demo
    from cadre.drafting.models import Section

    titles = {key: title for key, _parent, title, *_rest in drafting_demo.SECTIONS + drafting_demo.ANNEX_SECTIONS}
    found = {}
    for section in Section.objects.filter(
        document__workspace=workspace, document__slug=drafting_demo.DOCUMENT_SLUG, title__in=titles.values()
    ).order_by("pk"):
        found.setdefault(section.title, section)
    return {key: found[title] for key, title in titles.items() if title in found}


class _Loader:
    def __init__(self, workspace):
        self.workspace = workspace
        self.random = random.Random(SEED)
        self.institutions = _institutions()
        self.people = _people(workspace, self.institutions)
        self.themes = {theme.code: theme for theme in workspace.themes.all()}
        self.experts = {expert.country.code: expert for expert in workspace.experts.select_related("country")}
        self.activities = {activity.number: activity for activity in workspace.activities.all()}
        not_done = [a.planned_start for a in self.activities.values() if a.status != "done" and a.planned_start]
        self.present = min(not_done) if not_done else datetime.date.max
        self.sections = _sections(workspace)
        self.meetings: dict = {}
        self.created = 0

    def is_held(self, spec) -> bool:
        activity = self.activities.get(spec["activity"])
        if activity is not None:
            return activity.status == "done"
        return spec["day"] < self.present

    def meeting(self, spec):
        uid = meeting_uid(spec["key"])
        meeting = Meeting.objects.filter(uid=uid).first()
        # Draw the same random numbers whether or not the meeting exists, so that each one is always the same.
        draws = [self.random.random() for _invitee in range(60)]
        if meeting is not None:
            return meeting
        held = self.is_held(spec)
        starts_at = _local(spec["day"], spec["start"])
        ends_at = _local(spec.get("end_day", spec["day"]), spec["end"])
        invited_at = starts_at - datetime.timedelta(days=INVITED_DAYS_BEFORE)
        sent = held or spec.get("invitations_sent", False)
        online = spec.get("online", False)
        meeting = Meeting(
            workspace=self.workspace,
            activity=self.activities.get(spec["activity"]),
            kind=spec["kind"],
            title_fr=spec["title_fr"],
            title_en=spec["title_en"],
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=DEFAULT_TIME_ZONE,
            place="" if online else spec["place"],
            online_link=data.ONLINE_LINK.format(key=spec["key"]) if online else "",
            status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
            host_institution=self.institutions.get(spec["host"]),
            description=spec["description"],
            minutes=spec.get("minutes", "") if held else "",
            invitations_sent_at=invited_at if sent else None,
            reminder_sent_at=starts_at - datetime.timedelta(days=2) if held else None,
            uid=uid,
        )
        meeting.full_clean()
        meeting.save()
        meeting.themes.set([self.themes[code] for code in spec["themes"]])
        meeting.facilitators.set([self.experts[code] for code in spec["facilitators"] if code in self.experts])
        for order, entry in enumerate(spec["agenda"], start=1):
            agenda_item = AgendaItem.objects.create(
                meeting=meeting,
                order=order,
                starts_at=datetime.time(*(int(part) for part in entry["time"].split(":"))),
                duration_minutes=entry["minutes"],
                title_fr=entry["title_fr"],
                title_en=entry["title_en"],
                presenter=entry["presenter"],
                notes=entry["notes"],
            )
            sections = [self.sections[key] for key in entry["sections"] if key in self.sections]
            themes = {self.themes[code] for code in entry["themes"]}
            themes.update(theme for section in sections for theme in section.themes.all())  # what they are about
            if themes:
                agenda_item.themes.set(sorted(themes, key=lambda theme: theme.order))
            if sections:
                agenda_item.sections.set(sections)
        self._invitees(meeting, spec, held, sent, invited_at, draws)
        if held:
            for order, text in enumerate(spec.get("decisions", []), start=1):
                Decision.objects.create(meeting=meeting, order=order, text=text)
        self.created += 1
        return meeting

    def _invitees(self, meeting, spec, held, sent, invited_at, draws):
        information = spec["kind"] == Meeting.Kind.INFORMATION_SESSION
        index = 0
        for key, count in spec["invitees"]:
            for person in self.people.get(key, [])[:count]:
                draw = draws[index % len(draws)]
                index += 1
                account = key in data.ACCOUNTS
                checked_in_at = None
                if held:
                    if account or draw < (0.82 if information else 0.9):
                        status = Participation.Status.ATTENDED
                        checked_in_at = meeting.starts_at - datetime.timedelta(minutes=int(draw * 100) % 25)
                    elif information and draw > 0.93:
                        status = Participation.Status.DECLINED
                    else:
                        status = Participation.Status.EXCUSED
                elif sent:
                    status = Participation.Status.CONFIRMED if account or draw < 0.6 else Participation.Status.INVITED
                    if draw > 0.94 and not account:
                        status = Participation.Status.DECLINED
                else:
                    status = Participation.Status.INVITED
                Participation.objects.create(
                    meeting=meeting,
                    person=person,
                    institution=person.institution,
                    status=status,
                    invited_at=invited_at,
                    invitation_sent_at=invited_at if sent else None,
                    checked_in_at=checked_in_at,
                )

    def action_points(self):
        for raised, text, (institution, who), due, status, closed_on, closed_at, note in data.ACTION_POINTS:
            meeting = self.meetings[raised]
            if ActionPoint.objects.filter(workspace=self.workspace, text=text).exists():
                continue
            if isinstance(who, int):
                owner = self.people[institution][who]
            elif who is not None:
                owner = self.people.get(who, [None])[0]
            else:
                owner = None
            point = ActionPoint(
                workspace=self.workspace,
                meeting=meeting,
                text=text,
                owner_person=owner,
                owner_institution=self.institutions[institution],
                due_date=due,
                status=status,
                closed_on=closed_on,
                closed_at_meeting=self.meetings[closed_at] if closed_at else None,
                progress_note=note,
            )
            point.full_clean()
            point.save()


def load(*, by=None) -> list[str]:
    """Create the demo meetings of the main Niger workspace that are not there yet; returns a line to print."""
    workspace = Workspace.objects.filter(slug=workspace_demo.MAIN_SLUG).first()
    if workspace is None:
        workspace_demo.load(by=by)
        workspace = Workspace.objects.get(slug=workspace_demo.MAIN_SLUG)
    with change_by(by):
        loader = _Loader(workspace)
        for spec in data.MEETINGS:
            loader.meetings[spec["key"]] = loader.meeting(spec)
        loader.action_points()
    meetings = Meeting.objects.filter(workspace=workspace)
    return [
        _(
            "Meetings demo: %(meetings)s meetings (%(held)s held), %(invitations)s invitations, "
            "%(actions)s action points."
        )
        % {
            "meetings": meetings.count(),
            "held": meetings.filter(status=Meeting.Status.HELD).count(),
            "invitations": Participation.objects.filter(meeting__workspace=workspace).count(),
            "actions": ActionPoint.objects.filter(workspace=workspace).count(),
        }
    ]
