"""Who is invited to a meeting and who came: invitations, status changes, check-in on the day, walk-ins.

Every change goes through a function here (one transaction, recorded in the audit trail as made by `by`).
The reads at the bottom build the participants page and the check-in list in a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.core.services import change_by
from cadre.directory.models import Institution, Person

from .models import Participation

Status = Participation.Status

# Who is still expected on the day: neither declined nor excused.
EXPECTED = (Status.INVITED, Status.CONFIRMED, Status.ATTENDED)


@dataclass
class Invitation:
    """What `invite_people` did: the new participations, and the people skipped because already invited."""

    invited: list = field(default_factory=list)
    skipped: list = field(default_factory=list)


def invite_people(meeting, people, *, by) -> Invitation:
    """Invite each person once. The institution recorded is the person's at the time of the invitation, so
    the attendance of an institution does not move when someone later changes employer."""
    result = Invitation()
    people = list({person.pk: person for person in people}.values())
    with change_by(by):
        already = set(
            Participation.objects.filter(meeting=meeting, person__in=[p.pk for p in people]).values_list(
                "person_id", flat=True
            )
        )
        for person in sorted(people, key=lambda p: p.full_name.casefold()):
            if person.pk in already:
                result.skipped.append(person)
                continue
            participation = Participation(meeting=meeting, person=person, institution_id=person.institution_id)
            try:
                with transaction.atomic():  # a savepoint: a refused row leaves the others
                    participation.save()
            except IntegrityError:  # invited at this very moment by another request (a double click)
                result.skipped.append(person)
                continue
            result.invited.append(participation)
    return result


def set_status(participation, status, *, by):
    """Record an answer or the outcome (invited, confirmed, declined, attended, excused).

    `checked_in_at` belongs to attendance: it is kept while the person is recorded as present and cleared
    otherwise (the audit trail keeps the old value).
    """
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    with change_by(by):
        participation.status = status
        if status != Status.ATTENDED:
            participation.checked_in_at = None
        participation.save(update_fields=["status", "checked_in_at", "updated_at"])
    return participation


def check_in(participation, *, by):
    """The person is in the room: attended, with the time of the check-in (kept if checked in already)."""
    with change_by(by):
        participation.status = Status.ATTENDED
        if participation.checked_in_at is None:
            participation.checked_in_at = timezone.now()
        participation.save(update_fields=["status", "checked_in_at", "updated_at"])
    return participation


def undo_check_in(participation, *, by):
    """A check-in made by mistake: back to "confirmed" (they were on the list of those expected)."""
    with change_by(by):
        participation.status = Status.CONFIRMED
        participation.checked_in_at = None
        participation.save(update_fields=["status", "checked_in_at", "updated_at"])
    return participation


def walk_in(meeting, *, full_name, institution, function="", email="", phone="", by):
    """Someone who was not invited came: record them in the directory (unless the same name is already there
    for that institution) and as present."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError({"full_name": _("Give the person's name.")})
    with change_by(by):
        person = Person.objects.filter(full_name__iexact=full_name, institution=institution).order_by("pk").first()
        if person is None:
            person = Person(
                full_name=full_name,
                institution=institution,
                function=function,
                email=email,
                phone=phone,
                country_id=institution.country_id if institution else None,
            )
            person.full_clean()
            person.save()
        else:  # fill in what the directory did not know, never overwrite it
            changed = []
            for name, value in (("function", function), ("email", email), ("phone", phone)):
                if value and not getattr(person, name):
                    setattr(person, name, value)
                    changed.append(name)
            if changed:
                person.save(update_fields=[*changed, "updated_at"])
        participation = Participation.objects.filter(meeting=meeting, person=person).first()
        if participation is None:
            participation = Participation(meeting=meeting, person=person, institution=institution)
        participation.status = Status.ATTENDED
        participation.checked_in_at = participation.checked_in_at or timezone.now()
        participation.save()
    return participation


def remove_participation(participation, *, by):
    """Take someone off the list. Refused once they have answered a test of the meeting (their answers are
    kept, and they belong to this participation)."""
    try:
        with change_by(by):
            participation.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("%(name)s has answered tests of this meeting and cannot be removed; record them as excused instead.")
            % {"name": participation.person.full_name}
        ) from error


# --- reads ------------------------------------------------------------------------------------------------


def participations_of(meeting):
    """The invitees, with their person and institution, by institution then name."""
    return (
        Participation.objects.filter(meeting=meeting)
        .select_related("person", "institution")
        .order_by(F("institution__name_fr").asc(nulls_last=True), "person__full_name", "pk")
    )


def status_counts(meeting) -> dict:
    """{status: count} for every status (zeros included), plus "total", "expected" and "present", in one query."""
    counts = Participation.objects.filter(meeting=meeting).aggregate(
        total=Count("pk"),
        expected=Count("pk", filter=Q(status__in=EXPECTED)),
        **{status: Count("pk", filter=Q(status=status)) for status in Status.values},
    )
    counts["present"] = counts[Status.ATTENDED]
    return counts


def grouped_by_institution(participations) -> list[dict]:
    """[{"institution": Institution | None, "participations": [...]}] in the order given (by institution)."""
    groups = []
    for participation in participations:
        if not groups or groups[-1]["institution_id"] != participation.institution_id:
            groups.append(
                {
                    "institution_id": participation.institution_id,
                    "institution": participation.institution,
                    "participations": [],
                }
            )
        groups[-1]["participations"].append(participation)
    return groups


def candidates(*, institutions=(), query="", limit=30):
    """Directory people one may invite: everyone of the chosen institutions, then up to `limit` others whose name
    contains `query` (two characters at least). Returns (people, more): `more` when the name matched more."""
    people = []
    if institutions:
        people = list(
            Person.objects.filter(institution__in=institutions)
            .select_related("institution")
            .order_by("institution__name_fr", "full_name", "pk")
        )
    more = False
    query = " ".join((query or "").split())
    if len(query) >= 2:
        matches = list(
            Person.objects.filter(full_name__icontains=query)
            .exclude(pk__in=[person.pk for person in people])
            .select_related("institution")
            .order_by("full_name", "pk")[: limit + 1]
        )
        more = len(matches) > limit
        people += matches[:limit]
    return people, more


def invited_person_ids(meeting) -> set:
    return set(Participation.objects.filter(meeting=meeting).values_list("person_id", flat=True))


def institutions_for_invitations():
    """The institutions one may invite from (active today), by name."""
    return Institution.objects.active_on().order_by("name_fr")
