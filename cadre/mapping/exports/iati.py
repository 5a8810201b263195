"""IATI activity standard 2.03: a list of interventions as one `<iati-activities>` file, validated against the
official XML Schema before it leaves the server.

Elements are written in the order the schema's `iati-activity` sequence requires, and only when there is data for
them. The schema makes some elements mandatory that Cadre may not know for an intervention:

- `description` (at least one narrative): when an intervention has no description, its title stands in;
- `participating-org` and `activity-date` (at least one of each): an intervention with no institution or no
  date at all cannot be an IATI activity. It is *left out* of the file, said so in a comment at the top of the
  file, and reported to the caller (`left_out`). `iati_gaps()` tells beforehand what an intervention lacks;
- `iati-activities` needs at least one `iati-activity`: an empty list cannot be exported (`ExportRefused`).

Identifiers. An intervention's own IATI identifier is used as is. One without gets
`<IDENTIFIER_PREFIX>-<workspace slug>-<pk>` (e.g. "XM-CADRE-niger-42"), and the reporting organisation's `ref`
falls back to `<IDENTIFIER_PREFIX>-<workspace slug>` when the requesting authority has no IATI organisation
identifier. "XM-CADRE" is not a registered organisation prefix: it only keeps the file valid and the links between
activities consistent. A body that *publishes* to the IATI registry must set its own organisation identifier
(the requesting authority's "IATI organisation identifier" in the directory, and the interventions' IATI
identifiers, or `CADRE_IATI_IDENTIFIER_PREFIX`) before it does so.

Places. The workspace's country is a `recipient-country` when the intervention has a "whole country" place (with
its share, when given) or a region or place in it; an intervention with no place at all gets none (where it works
is not known, and a lone recipient-country reads as "the whole country"). "Other country" places are further
`recipient-country` elements with their shares. A region or place is a `location` with its name and, as
`administrative`, the ISO 3166-2 code of its region (vocabulary "G1", level 1): a border post is written with the
code of its region. The share of a region is not expressible in IATI and is not written.

Budget. One original budget (type 1) for the whole life of the intervention, from its start to its end date, in
its currency and valued at its start; written only when the budget and both dates are known. (IATI's rules,
beyond the schema, prefer budgets cut into periods of at most a year; Cadre does not know that split.)
"""

import re
import threading
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from cadre.directory.models import Institution

from ..models import Intervention, Location, Participation
from .text import clean, plain_decimal

IATI_VERSION = "2.03"
IDENTIFIER_PREFIX = "XM-CADRE"  # overridden by the setting CADRE_IATI_IDENTIFIER_PREFIX
DEFAULT_SCHEMA = Path(__file__).resolve().parent / "schema" / "iati-activities-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("fr", "en")  # the languages of the `_fr` / `_en` fields, in the order narratives are written

STATUS_CODES = {  # IATI ActivityStatus codelist
    Intervention.Status.PIPELINE: "1",
    Intervention.Status.ONGOING: "2",
    Intervention.Status.COMPLETED: "3",
    Intervention.Status.CANCELLED: "5",
}
DATE_TYPES = (("planned_start", "1"), ("actual_start", "2"), ("planned_end", "3"), ("actual_end", "4"))
GOVERNMENT = "10"
ORGANISATION_TYPES = {  # IATI OrganisationType codelist; kinds without a safe equivalent are left without a type
    Institution.Kind.MINISTRY: GOVERNMENT,
    Institution.Kind.DIRECTORATE: GOVERNMENT,
    Institution.Kind.AGENCY: GOVERNMENT,
    Institution.Kind.SECURITY_FORCE: GOVERNMENT,
    Institution.Kind.COURT: GOVERNMENT,
    Institution.Kind.COMMITTEE: GOVERNMENT,
    Institution.Kind.DIPLOMATIC_MISSION: GOVERNMENT,
    Institution.Kind.INTERNATIONAL_ORGANISATION: "40",  # multilateral
    Institution.Kind.RESEARCH: "80",  # academic, training and research
}
NATIONAL_NGO, INTERNATIONAL_NGO = "22", "21"
ADMINISTRATIVE_VOCABULARY = "G1"
OWN_IDENTIFIER_TYPE = "A1"  # other-identifier: the reporting organisation's internal activity identifier
ORIGINAL_BUDGET = "1"
PARENT, CHILD = "1", "2"


class ExportRefused(Exception):
    """The list cannot be written as a valid IATI file; `messages` says why."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


# --- Validation -------------------------------------------------------------------------------------------------


def schema_path() -> Path:
    return Path(getattr(settings, "CADRE_IATI_SCHEMA", None) or DEFAULT_SCHEMA)


_schemas = threading.local()  # an lxml XMLSchema keeps its error log: one per thread


def _schema():
    path = schema_path()
    cache = _schemas.__dict__.setdefault("by_path", {})
    if path not in cache:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        cache[path] = etree.XMLSchema(etree.parse(str(path), parser))
    return cache[path]


def validate_iati(xml_bytes: bytes) -> list[str]:
    """The schema errors of an IATI activity file ("line N: message"); an empty list when it is valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        document = etree.fromstring(xml_bytes, parser)
    except etree.XMLSyntaxError as error:
        return [f"line {error.lineno}: {error.msg}"]
    if document.getroottree().docinfo.doctype:  # an IATI file has none; entities would stay unexpanded anyway
        return ["line 1: a document type declaration (DOCTYPE) is not allowed in an IATI file"]
    schema = _schema()
    try:
        if schema.validate(document):
            return []
    except etree.XMLSchemaValidateError as error:
        return [f"line 1: {error}"]
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


# --- Identifiers and gaps ---------------------------------------------------------------------------------------


def workspace_prefix(workspace) -> str:
    return f"{getattr(settings, 'CADRE_IATI_IDENTIFIER_PREFIX', None) or IDENTIFIER_PREFIX}-{workspace.slug}"


def activity_identifier(workspace, intervention) -> str:
    """The intervention's IATI identifier, or one built from the workspace prefix and its number."""
    return clean(intervention.iati_identifier).strip() or f"{workspace_prefix(workspace)}-{intervention.pk}"


def iati_gaps(intervention) -> list[str]:
    """What IATI requires that this intervention lacks (it is left out of an IATI export until completed)."""
    gaps = []
    if not intervention.participations.all():
        gaps.append(_("no institution (funding, accountable, extending or implementing)"))
    if not any(getattr(intervention, name) for name, _code in DATE_TYPES):
        gaps.append(_("no start or end date"))
    return gaps


# --- Writing ----------------------------------------------------------------------------------------------------


def export_iati(workspace, interventions, *, left_out=None) -> bytes:
    """The interventions as an IATI 2.03 activity file, valid against the official schema.

    Interventions IATI cannot take (see `iati_gaps`) are left out; pass a list as `left_out` to receive
    `(intervention, gaps)` pairs. Raises `ExportRefused` when nothing is left to export, or (a bug) when the file
    does not validate.
    """
    interventions = list(interventions)
    children = _children_of(workspace)
    now = timezone.now()
    root = etree.Element("iati-activities", {"version": IATI_VERSION, "generated-datetime": _datetime(now)})
    skipped = []
    for intervention in interventions:
        gaps = iati_gaps(intervention)
        if gaps:
            skipped.append((intervention, gaps))
            continue
        root.append(_activity(workspace, intervention, children.get(intervention.pk, ()), now))
    if skipped:
        root.insert(0, etree.Comment(_comment_text(workspace, skipped)))
        if left_out is not None:
            left_out.extend(skipped)
    if not len(root.findall("iati-activity")):
        if not interventions:
            raise ExportRefused([_("There is no intervention in this list: an IATI file needs at least one.")])
        raise ExportRefused(
            [_("None of the interventions of this list can be written in IATI:")]
            + [f"{_display(workspace, item)}: {', '.join(gaps)}." for item, gaps in skipped]
        )
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    errors = validate_iati(data)
    if errors:
        raise ExportRefused([_("The IATI file does not validate against the IATI 2.03 schema:"), *errors[:20]])
    return data


def _children_of(workspace):
    """{parent pk: [child identifier]} for the whole workspace, in one query (a child may be outside the list)."""
    children = {}
    rows = (
        Intervention.objects.filter(workspace=workspace, parent__isnull=False)
        .order_by("pk")
        .values_list("parent_id", "pk", "iati_identifier")
    )
    for parent_id, pk, iati_identifier in rows:
        children.setdefault(parent_id, []).append(
            clean(iati_identifier).strip() or f"{workspace_prefix(workspace)}-{pk}"
        )
    return children


def _activity(workspace, intervention, children, now):
    updated = intervention.updated_at or now
    activity = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": _datetime(updated),
            XML_LANG: settings.LANGUAGE_CODE[:2],
            "default-currency": _currency(intervention.currency),
        },
    )
    identifier = activity_identifier(workspace, intervention)
    _sub(activity, "iati-identifier").text = identifier
    _reporting_org(activity, workspace)
    title = _sub(activity, "title")
    if not _narratives(title, _texts(intervention, "title")):
        _narrative(title, identifier)
    description = _sub(activity, "description", type="1")
    texts = _texts(intervention, "description") or _texts(intervention, "title")
    if not _narratives(description, texts):
        _narrative(description, identifier)
    codes = Participation.IATI_CODES
    for participation in sorted(intervention.participations.all(), key=lambda p: codes.get(p.role, "9")):
        _participating_org(activity, workspace, participation)
    code = clean(intervention.code).strip()
    if code:
        _sub(activity, "other-identifier", ref=code, type=OWN_IDENTIFIER_TYPE)
    _sub(activity, "activity-status", code=STATUS_CODES.get(intervention.status, STATUS_CODES["ongoing"]))
    for name, date_type in DATE_TYPES:
        day = getattr(intervention, name)
        if day:
            _sub(activity, "activity-date", type=date_type, **{"iso-date": day.isoformat()})
    _places(activity, workspace, intervention)
    for sector in intervention.sectors or []:
        _sector(activity, sector)
    _budget(activity, intervention)
    if intervention.parent_id:
        _sub(activity, "related-activity", ref=activity_identifier(workspace, intervention.parent), type=PARENT)
    for child in children:
        _sub(activity, "related-activity", ref=child, type=CHILD)
    return activity


def _reporting_org(activity, workspace):
    authority = workspace.requesting_authority
    ref = clean(authority.iati_ref).strip() or workspace_prefix(workspace)
    org_type = ORGANISATION_TYPES.get(authority.kind, GOVERNMENT)
    element = _sub(activity, "reporting-org", ref=ref, type=org_type)
    if not _narratives(element, _texts(authority, "name")):
        _narrative(element, ref)


def _participating_org(activity, workspace, participation):
    institution = participation.institution
    attributes = {"role": Participation.IATI_CODES[participation.role]}
    ref = clean(institution.iati_ref).strip()
    if ref:
        attributes["ref"] = ref
    org_type = ORGANISATION_TYPES.get(institution.kind)
    if institution.kind == Institution.Kind.NGO:
        org_type = NATIONAL_NGO if institution.country_id == workspace.country_id else INTERNATIONAL_NGO
    if org_type:
        attributes["type"] = org_type
    element = _sub(activity, "participating-org", **attributes)
    if not _narratives(element, _texts(institution, "name")):
        _narrative(element, institution.acronym)


def _places(activity, workspace, intervention):
    locations = list(intervention.locations.all())
    national = next((loc for loc in locations if loc.scope == Location.Scope.NATIONAL), None)
    if national is not None or any(loc.scope == Location.Scope.AREA for loc in locations):
        has_share = national is not None and national.percentage is not None
        share = {"percentage": plain_decimal(national.percentage)} if has_share else {}
        _sub(activity, "recipient-country", code=workspace.country.code, **share)
    for location in locations:
        code = clean(location.country_code).strip().upper()
        if location.scope == Location.Scope.OTHER_COUNTRY and code and code != workspace.country.code:
            share = {"percentage": plain_decimal(location.percentage)} if location.percentage is not None else {}
            _sub(activity, "recipient-country", code=code, **share)
    for location in locations:
        if location.scope == Location.Scope.AREA and location.area_id:
            _location(activity, location.area)


def _location(activity, area):
    element = _sub(activity, "location")
    name = clean(area.name).strip()
    if name:
        _narrative(_sub(element, "name"), name)
    region = area if not area.region_id else area.region
    code = clean(region.code).strip() if region is not None else ""
    if code:
        _sub(element, "administrative", vocabulary=ADMINISTRATIVE_VOCABULARY, level="1", code=code)
    if not len(element):  # a place with neither name nor code says nothing
        activity.remove(element)


def _sector(activity, sector):
    if not isinstance(sector, dict):
        return
    code = clean(sector.get("code")).strip()
    if not code:
        return
    attributes = {}
    vocabulary = clean(sector.get("vocabulary")).strip()
    if vocabulary:
        attributes["vocabulary"] = vocabulary
    attributes["code"] = code
    share = _decimal(sector.get("percentage"))
    if share is not None:
        attributes["percentage"] = plain_decimal(share)
    element = _sub(activity, "sector", **attributes)
    name = clean(sector.get("narrative") or sector.get("name")).strip()
    if name:
        _narrative(element, name)


def _budget(activity, intervention):
    start, end = intervention.start, intervention.end
    if intervention.budget is None or not start or not end or end < start:
        return
    budget = _sub(activity, "budget", type=ORIGINAL_BUDGET)
    _sub(budget, "period-start", **{"iso-date": start.isoformat()})
    _sub(budget, "period-end", **{"iso-date": end.isoformat()})
    value = _sub(budget, "value", currency=_currency(intervention.currency), **{"value-date": start.isoformat()})
    value.text = plain_decimal(intervention.budget)


# --- Helpers ----------------------------------------------------------------------------------------------------


def _sub(parent, tag, **attributes):
    return etree.SubElement(parent, tag, {name: str(value) for name, value in attributes.items()})


def _texts(obj, field):
    """[(language, text)] of `<field>_fr`, `<field>_en` that are not blank once cleaned."""
    found = []
    for language in LANGUAGES:
        text = clean(getattr(obj, f"{field}_{language}", "")).strip()
        if text:
            found.append((language, text))
    return found


def _narratives(parent, texts) -> int:
    for language, text in texts:
        _narrative(parent, text, language)
    return len(texts)


def _narrative(parent, text, language=None):
    text = clean(text).strip()
    if not text:  # an empty narrative is valid XML but says nothing
        return None
    element = _sub(parent, "narrative", **({XML_LANG: language} if language else {}))
    element.text = text
    return element


def _currency(code):
    code = clean(code).strip().upper()
    return code if re.fullmatch(r"[A-Z]{3}", code) else "EUR"


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _datetime(moment):
    return moment.isoformat(timespec="seconds")


def _display(workspace, intervention):
    title = intervention.title_fr or intervention.title_en
    identifier = activity_identifier(workspace, intervention)
    return f"{identifier} “{clean(title).strip()}”" if title else identifier


def _comment_text(workspace, skipped):
    lines = [_("Left out: IATI requires at least one institution and one date for each activity.")]
    lines += [f"- {_display(workspace, item)}: {', '.join(gaps)}." for item, gaps in skipped]
    text = "\n".join(lines)
    while "--" in text:  # an XML comment cannot hold "--"
        text = text.replace("--", "- -")
    return f" {text} "
