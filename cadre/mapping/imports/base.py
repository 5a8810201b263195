"""What every import format produces, and how it is applied: all or nothing, with a line-by-line report.

A format reader (csv_xlsx.py, eutf.py, iati.py) turns a file into `Record`s, one per intervention, each with
the line (or element) it came from, and `problems` for what it could not read. `plan()` matches the records
with the workspace's interventions (by IATI identifier, else by own code) and says, per line, what would be
created, updated or left unchanged and why; it writes nothing. `apply()` writes a plan in one transaction,
and only if no line has an error. Importing the same file twice changes nothing the second time.

New interventions are written with bulk inserts (a file may hold 50,000 activities); bulk inserts send no
signals, so their "create" events of the audit trail are written in bulk too, with the same content the
signal handlers of `cadre.core.audit` record. Updates go through `save()` and its signals as usual.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.core.audit import _snapshot, current_actor
from cadre.core.models import AuditEvent
from cadre.core.services import change_by
from cadre.directory.models import AdminArea, Institution

from ..models import Intervention, Location, Participation
from .values import normal

BATCH = 1000  # rows per bulk insert
CHUNK = 500  # values per `IN (…)` (SQLite allows a limited number of query parameters)

# Fields compared to decide "unchanged" vs "update", and copied on create/update.
SCALAR_FIELDS = [
    "code",
    "iati_identifier",
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "budget",
    "currency",
    "budget_eur",
    "sectors",
    "topics",
]


@dataclass
class Participant:
    role: str  # Participation.Role value
    name: str
    ref: str = ""  # IATI organisation identifier, when the file gives one


@dataclass
class Place:
    scope: str  # Location.Scope value
    code: str = ""  # region / place code (NE-5) or country code (for other countries)
    percentage: Decimal | None = None


@dataclass
class Record:
    line: int  # where it is in the file: row number, or activity number for XML
    code: str = ""
    iati_identifier: str = ""
    title_fr: str = ""
    title_en: str = ""
    description_fr: str = ""
    description_en: str = ""
    status: str = Intervention.Status.ONGOING
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    budget: Decimal | None = None
    currency: str = "EUR"
    budget_eur: Decimal | None = None
    sectors: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    participants: list = field(default_factory=list)  # [Participant]
    places: list = field(default_factory=list)  # [Place]
    parent_identifier: str = ""
    problems: list = field(default_factory=list)  # messages for the report; any problem is an error
    notes: list = field(default_factory=list)  # what the reader left out or assumed; does not stop the import

    @property
    def key(self):
        return self.iati_identifier or self.code

    @property
    def label(self):
        return self.title_fr or self.title_en or self.key


@dataclass
class Line:
    """One line of the report."""

    line: int
    key: str
    title: str
    action: str  # "create", "update", "unchanged", "error"
    messages: list = field(default_factory=list)  # errors: the line cannot be imported
    changes: list = field(default_factory=list)  # field names that would change
    notes: list = field(default_factory=list)  # information that does not stop the import


@dataclass
class Plan:
    records: list
    lines: list
    errors: list  # problems with the file as a whole (not one line)

    @property
    def ok(self):
        return not self.errors and not any(line.action == "error" for line in self.lines)

    def summary(self):
        counts = {"create": 0, "update": 0, "unchanged": 0, "error": 0}
        for line in self.lines:
            counts[line.action] += 1
        return counts

    def as_report(self):
        return {
            "summary": self.summary(),
            "errors": list(self.errors),
            "lines": [line.__dict__ for line in self.lines],
        }


class ImportRefused(Exception):
    """The file as a whole cannot be read (not the format it claims, too large, unsafe XML…)."""


def plan(workspace, records, errors=()) -> Plan:
    """Compare the records with the workspace's interventions; write nothing."""
    errors = list(errors)
    existing = _existing(workspace, records)
    resolver = InstitutionResolver()
    parents = _known_parents(workspace, records)
    lines, seen = [], {}
    for record in records:
        line = Line(record.line, record.key, record.label, "create", list(record.problems))
        line.notes.extend(record.notes)
        if record.currency == "EUR" and record.budget is not None and record.budget_eur is None:
            record.budget_eur = record.budget  # as apply() stores it, so that a second import is "unchanged"
        if not record.key:
            line.messages.append(_("No identifier: give an IATI identifier or an own code."))
        if not (record.title_fr or record.title_en):
            line.messages.append(_("No title."))
        if record.key and record.key in seen:
            line.messages.append(_("Same identifier as line %(line)s.") % {"line": seen[record.key]})
        seen.setdefault(record.key, record.line)
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            if getattr(record, start) and getattr(record, end) and getattr(record, end) < getattr(record, start):
                line.messages.append(_("The end date is before the start date."))
        if record.budget is not None and record.budget < 0:
            line.messages.append(_("A budget cannot be negative."))
        if record.parent_identifier and record.parent_identifier not in parents:
            line.notes.append(
                _("Part of %(parent)s, which is neither in this file nor in the workspace: imported without the link.")
                % {"parent": record.parent_identifier}
            )
            record.parent_identifier = ""
        if line.messages:
            line.action = "error"
        else:
            current = existing.get(record.key)
            if current is not None:
                line.changes = _differences(current, record, resolver)
                line.action = "update" if line.changes else "unchanged"
        lines.append(line)
    return Plan(records, lines, errors)


def _chunks(values, size=CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _known_parents(workspace, records):
    wanted = {r.parent_identifier for r in records if r.parent_identifier}
    known = {r.key for r in records if r.key} & wanted
    rest = sorted(wanted - known)
    for chunk in _chunks(rest):
        for iati_identifier, code in (
            Intervention.objects.filter(workspace=workspace)
            .filter(Q(iati_identifier__in=chunk) | Q(code__in=chunk))
            .values_list("iati_identifier", "code")
        ):
            known.update(value for value in (iati_identifier, code) if value)
    return known


def _existing(workspace, records):
    """The workspace's interventions the records match, each with what `_differences` compares."""
    identifiers = sorted({r.iati_identifier for r in records if r.iati_identifier})
    codes = sorted({r.code for r in records if r.code and not r.iati_identifier})
    queryset = Intervention.objects.filter(workspace=workspace)
    found = {}
    for chunk in _chunks(identifiers):
        for intervention in queryset.filter(iati_identifier__in=chunk):
            found[intervention.iati_identifier] = intervention
    for chunk in _chunks(codes):
        for intervention in queryset.filter(code__in=chunk, iati_identifier=""):
            found[intervention.code] = intervention
    _attach_parts(found.values())
    return found


def _attach_parts(interventions):
    """Participants, places and parent as plain values (tens of thousands of model instances would not fit)."""
    by_pk = {intervention.pk: intervention for intervention in interventions}
    for intervention in by_pk.values():
        intervention.import_participants, intervention.import_places = set(), set()
    for chunk in _chunks(list(by_pk)):
        for pk, role, institution_id in Participation.objects.filter(intervention_id__in=chunk).values_list(
            "intervention_id", "role", "institution_id"
        ):
            by_pk[pk].import_participants.add((role, institution_id))
        for pk, scope, area_id, area_code, country_code, percentage in Location.objects.filter(
            intervention_id__in=chunk
        ).values_list("intervention_id", "scope", "area_id", "area__code", "country_code", "percentage"):
            by_pk[pk].import_places.add((scope, area_code if area_id else country_code, _normal(percentage)))
        for pk, parent_iati, parent_code in Intervention.objects.filter(pk__in=chunk).values_list(
            "pk", "parent__iati_identifier", "parent__code"
        ):
            by_pk[pk].import_parent = parent_iati or parent_code or ""


def _differences(intervention, record, resolver):
    changed = [name for name in SCALAR_FIELDS if _normal(getattr(intervention, name)) != _normal(getattr(record, name))]
    wanted = {(p.role, resolver.find(p)) for p in record.participants}
    if intervention.import_participants != wanted:  # an institution not in the directory yet (None) is a change
        changed.append("participants")
    if intervention.import_places != {(p.scope, p.code, _normal(p.percentage)) for p in record.places}:
        changed.append("places")
    if intervention.import_parent != record.parent_identifier:
        changed.append("parent")
    return changed


def _normal(value):
    if isinstance(value, Decimal):
        return value.normalize()
    if value is None:
        return ""
    return value


class InstitutionResolver:
    """Finds the directory's institution for a participant (by IATI reference, then names and acronym).

    Names are compared without accents or case ("Agence francaise de developpement" is the AFD).
    """

    def __init__(self):
        self.by_ref, self.by_name = {}, {}
        for pk, ref, name_fr, name_en, acronym in Institution.objects.order_by("pk").values_list(
            "pk", "iati_ref", "name_fr", "name_en", "acronym"
        ):
            if ref:
                self.by_ref.setdefault(ref.casefold(), pk)
            for name in (name_fr, name_en, acronym):
                if normal(name):
                    self.by_name.setdefault(normal(name), pk)

    def find(self, participant):
        if participant.ref and participant.ref.casefold() in self.by_ref:
            return self.by_ref[participant.ref.casefold()]
        return self.by_name.get(normal(participant.name))

    def find_or_create(self, participant):
        pk = self.find(participant)
        if pk is None:
            institution = Institution.objects.create(
                name_fr=participant.name.strip()[:300],
                kind=Institution.Kind.OTHER,
                iati_ref=participant.ref[:100],
                notes=_("Created by an import of interventions."),
            )
            pk = institution.pk
            self.by_name[normal(participant.name)] = pk
            if participant.ref:
                self.by_ref[participant.ref.casefold()] = pk
        return pk


def apply(workspace, the_plan: Plan, *, by, source_note="", progress=None) -> dict:
    """Write the plan in one transaction; refuse (writing nothing) if any line has an error.

    `progress(percent)` is called now and then, from 0 to 95 (what is left: the matrix and theme suggestions).
    """
    from .. import analysis, themes

    if not the_plan.ok:
        raise ImportRefused(_("The file has errors: nothing was imported. Correct the lines listed and try again."))
    lines = {line.line: line for line in the_plan.lines}
    areas = {
        area.code: area for area in AdminArea.objects.filter(country__code=workspace.country.code).exclude(code="")
    }
    resolver = InstitutionResolver()
    records = the_plan.records
    counter = _Progress(progress, len(records))
    with change_by(by):
        existing = _existing(workspace, records)
        saved, created = {}, []
        for record in records:
            line = lines[record.line]
            if line.action == "update":
                saved[record.key] = _save(workspace, existing[record.key], record, resolver, areas, source_note)
                counter.step()
            elif line.action == "unchanged":
                saved[record.key] = existing[record.key]
        new = [record for record in records if lines[record.line].action == "create"]
        for batch in _chunks(new, BATCH):
            created += _create(workspace, batch, resolver, areas, source_note, saved)
            counter.step(len(batch))
        _link_parents(workspace, records, saved, lines, {id(i) for i in created})
        _record_created(created)
        changed = [saved[r.key].pk for r in records if lines[r.line].action in ("create", "update")]
        analysis.refresh_cells(changed)
        for batch in _chunks(created, CHUNK):
            themes.suggest_themes(workspace, batch)
    return the_plan.summary()


class _Progress:
    def __init__(self, callback, total):
        self.callback, self.total, self.done, self.told = callback, max(1, total), 0, -1

    def step(self, count=1):
        self.done += count
        percent = int(self.done * 95 / self.total)
        if self.callback and percent != self.told:
            self.told = percent
            self.callback(percent)


def _save(workspace, intervention, record, resolver, areas, source_note):
    """Update one intervention (through save() and its signals: the audit trail records old → new)."""
    for name in SCALAR_FIELDS:
        setattr(intervention, name, getattr(record, name))
    if record.currency == "EUR" and record.budget is not None and record.budget_eur is None:
        intervention.budget_eur = record.budget
    intervention.source_note = source_note[:300]
    intervention.save()
    wanted = {(participant.role, resolver.find_or_create(participant)) for participant in record.participants}
    stored = {(p.role, p.institution_id): p for p in intervention.participations.all()}
    for key, participation in stored.items():
        if key not in wanted:
            participation.delete()
    for role, institution_id in wanted - set(stored):
        Participation.objects.create(intervention=intervention, role=role, institution_id=institution_id)
    places = {
        (loc.scope, loc.area.code if loc.area_id else loc.country_code, _normal(loc.percentage)): loc
        for loc in intervention.locations.select_related("area")
    }
    wanted_places = {(p.scope, p.code, _normal(p.percentage)) for p in record.places}
    for key, location in places.items():
        if key not in wanted_places:
            location.delete()
    for place in record.places:
        if (place.scope, place.code, _normal(place.percentage)) not in places:
            location = _location(intervention, place, areas)
            if location is not None:
                location.save()
    return intervention


def _location(intervention, place, areas):
    area = areas.get(place.code) if place.scope == Location.Scope.AREA else None
    if place.scope == Location.Scope.AREA and area is None:
        return None  # an unknown place code is reported by the reader before this point
    return Location(
        intervention=intervention,
        scope=place.scope,
        area=area,
        country_code=place.code if place.scope == Location.Scope.OTHER_COUNTRY else "",
        percentage=place.percentage,
    )


def _create(workspace, records, resolver, areas, source_note, saved):
    """New interventions with their participants and places, in bulk; returns the interventions.

    Participations and locations are inserted without model instances (there may be hundreds of thousands),
    then read back for their ids and recorded; the interventions are recorded after their parents are linked,
    so that each "create" event shows the intervention as it ends up.
    """
    interventions = []
    for record in records:
        intervention = Intervention(workspace=workspace, source=Intervention.Source.FILE, source_note=source_note[:300])
        for name in SCALAR_FIELDS:
            setattr(intervention, name, getattr(record, name))
        interventions.append(intervention)
    Intervention.objects.bulk_create(interventions, batch_size=BATCH)
    participations, locations = [], []
    for record, intervention in zip(records, interventions, strict=True):
        saved[record.key] = intervention
        for role, institution_id in dict.fromkeys((p.role, resolver.find_or_create(p)) for p in record.participants):
            participations.append((intervention.pk, institution_id, role))
        for place in record.places:
            area = areas.get(place.code) if place.scope == Location.Scope.AREA else None
            if place.scope == Location.Scope.AREA and area is None:
                continue  # an unknown place code is reported by the reader before this point
            country = place.code if place.scope == Location.Scope.OTHER_COUNTRY else ""
            locations.append((intervention.pk, place.scope, area.pk if area else None, country, place.percentage))
    _insert(Participation, ("intervention", "institution", "role"), participations)
    _insert(Location, ("intervention", "scope", "area", "country_code", "percentage"), locations)
    _record_parts(workspace, {i.pk: i for i in interventions}, {area.pk: area for area in areas.values()})
    return interventions


def _insert(model, names, rows):
    """INSERT rows (tuples of Python values in the order of `names`) with executemany: no signals, no ids."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    # Only these need converting for the database; text, numbers and None pass as they are.
    special = [
        (index, field)
        for index, field in enumerate(fields)
        if field.get_internal_type() in ("DateTimeField", "DecimalField", "JSONField")
    ]
    with connection.cursor() as cursor:
        for batch in _chunks(rows, 5 * BATCH):
            if special:
                batch = [list(row) for row in batch]
                for row in batch:
                    for index, field in special:
                        row[index] = field.get_db_prep_save(row[index], connection)
            cursor.executemany(sql, batch)


def _record_parts(workspace, interventions, areas):
    """The "create" events of the participations and locations just inserted for these interventions.

    They hold what cadre.core.audit's signal handlers record for a save(): the object's text, and each
    non-empty field as [None, value] (a related object as its text). tests/mapping/test_import_audit.py
    compares them with those functions' own output.
    """
    participation_type = ContentType.objects.get_for_model(Participation).pk
    location_type = ContentType.objects.get_for_model(Location).pk
    names, roles, scopes = {}, dict(Participation.Role.choices), dict(Location.Scope.choices)
    texts = {pk: str(intervention) for pk, intervention in interventions.items()}
    events = []
    for chunk in _chunks(list(interventions)):
        parts = Participation.objects.filter(intervention_id__in=chunk).values_list(
            "pk", "intervention_id", "institution_id", "role"
        )
        rows = list(parts)
        missing = {row[2] for row in rows} - set(names)
        names.update({pk: str(i) for pk, i in Institution.objects.in_bulk(missing).items()})
        for pk, intervention_id, institution_id, role in rows:
            changes = {
                "intervention": [None, texts[intervention_id]],
                "institution": [None, names[institution_id]],
                "role": [None, role],
            }
            events.append((participation_type, pk, f"{names[institution_id]} ({roles[role]})", changes))
        places = Location.objects.filter(intervention_id__in=chunk).values_list(
            "pk", "intervention_id", "scope", "area_id", "country_code", "percentage"
        )
        for pk, intervention_id, scope, area_id, country_code, percentage in places:
            area = str(areas[area_id]) if area_id else None
            values = {"intervention": texts[intervention_id], "scope": scope, "area": area}
            values.update(country_code=country_code, percentage=None if percentage is None else str(percentage))
            changes = {name: [None, value] for name, value in values.items() if value not in (None, "")}
            text = area if scope == Location.Scope.AREA and area else country_code if scope == "other_country" else None
            events.append((location_type, pk, text or str(scopes[scope]), changes))
    _insert_events(workspace, events)


def _record_created(instances):
    """The "create" events of models written with bulk_create, as cadre.core.audit records them for save()."""
    events = []
    for instance in instances:
        changes = {
            name: [None, value] for name, value in _snapshot(instance).items() if value not in (None, "", [], {})
        }
        content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True).pk
        events.append((content_type, instance.pk, str(instance), changes))
    if instances:
        _insert_events(instances[0].workspace, events)


def _insert_events(workspace, events):
    actor = current_actor()
    now = timezone.now()
    rows = [
        (now, actor.pk if actor else None, workspace.pk, "create", content_type, str(pk), text[:300], changes)
        for content_type, pk, text, changes in events
    ]
    names = ("at", "actor", "workspace_id", "action", "content_type", "object_id", "object_repr", "changes")
    _insert(AuditEvent, names, rows)


def _link_parents(workspace, records, saved, lines, created):
    """Parent links are set last: a child may come before its parent in the file.

    A new intervention gets its parent in memory and in one bulk update (its "create" event, written after,
    shows it); an updated one through save(), recorded as a change.
    """
    keys = sorted({r.parent_identifier for r in records if r.parent_identifier})
    parents = {}
    for chunk in _chunks(keys):
        for found in Intervention.objects.filter(workspace=workspace).filter(
            Q(iati_identifier__in=chunk) | Q(code__in=chunk)
        ):
            for key in (found.code, found.iati_identifier):  # the IATI identifier wins over an own code
                if key:
                    parents[key] = found
    parents.update({key: saved[key] for key in keys if saved.get(key) is not None})
    linked = []
    for record in records:
        if lines[record.line].action not in ("create", "update"):
            continue
        intervention = saved[record.key]
        parent = parents.get(record.parent_identifier) if record.parent_identifier else None
        if parent is not None and parent.pk == intervention.pk:
            parent = None
        if intervention.parent_id == (parent.pk if parent else None):
            continue
        intervention.parent = parent
        if id(intervention) in created:
            linked.append(intervention)
        else:
            intervention.save(update_fields=["parent", "updated_at"])
    Intervention.objects.bulk_update(linked, ["parent"], batch_size=BATCH)
