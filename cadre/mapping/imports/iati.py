"""IATI activity files, versions 2.0x and (where the fields exist) 1.0x.

Parsed as a stream with lxml, never resolving entities, loading a DTD or touching the network: a file of
50,000 activities is read one activity at a time, each cleared once read. A file whose DOCTYPE declares
entities (billion laughs, external entities) or names an external DTD is refused before anything is read.
The report counts activities (1, 2, …); messages about a field give its line in the file.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from lxml import etree

from .base import ImportRefused, Participant, Record
from .csv_xlsx import TITLE_LIMIT, sector
from .values import derive_status, parse_date, parse_decimal, parse_percentage, text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("fr", "en")
ROLES = {
    "1": "funding",
    "2": "accountable",
    "3": "extending",
    "4": "implementing",
    "funding": "funding",  # 1.0x wrote the role as a word
    "accountable": "accountable",
    "extending": "extending",
    "implementing": "implementing",
}
STATUSES = {"1": "pipeline", "2": "ongoing", "3": "completed", "4": "completed", "5": "cancelled", "6": "ongoing"}
DATES = {
    "1": "planned_start",
    "2": "actual_start",
    "3": "planned_end",
    "4": "actual_end",
    "start-planned": "planned_start",
    "start-actual": "actual_start",
    "end-planned": "planned_end",
    "end-actual": "actual_end",
}
SECTOR_VOCABULARIES = {"dac": "1", "dac-3": "2"}  # 1.0x names of the 2.0x codes
PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def entities_refused():
    return _("This XML file declares entities, which Cadre refuses for safety.")


def read(path, context, *, progress=None):
    """Returns (records, file-level errors)."""
    file_language = _check_prolog(path)
    size = max(1, path.stat().st_size)
    records, errors = [], []
    with open(path, "rb") as handle:
        stream = etree.iterparse(
            handle,
            events=("end",),
            tag="iati-activity",
            remove_comments=True,
            remove_pis=True,
            **PARSER_OPTIONS,
        )
        try:
            for _event, activity in stream:
                parent = activity.getparent()
                if parent is not None and parent.getparent() is not None:
                    continue  # an iati-activity nested deeper is not an activity of this file
                records.append(_activity(len(records) + 1, activity, context, file_language))
                activity.clear(keep_tail=False)
                if parent is not None:
                    while activity.getprevious() is not None:
                        del parent[0]
                if progress and len(records) % 500 == 0:
                    progress(handle.tell() / size)
        except etree.XMLSyntaxError as error:
            raise ImportRefused(_malformed(error)) from error
    if not records:
        errors.append(_("The file holds no activity (no iati-activity element)."))
    return records, errors


def _check_prolog(path):
    """Refuse a DOCTYPE with entities or an external DTD, and a file that is not IATI; returns its language."""
    with open(path, "rb") as handle:
        try:
            _event, root = next(iter(etree.iterparse(handle, events=("start",), **PARSER_OPTIONS)))
        except StopIteration:
            raise ImportRefused(_("The XML file is empty.")) from None
        except etree.XMLSyntaxError as error:
            raise ImportRefused(_malformed(error)) from error
        info = root.getroottree().docinfo
        dtd = info.internalDTD
        if dtd is not None and any(True for _entity in dtd.iterentities()):
            raise ImportRefused(entities_refused())
        if info.system_url or info.public_id:
            raise ImportRefused(
                _("This XML file refers to an external document type definition, which Cadre refuses for safety.")
            )
        if root.tag not in ("iati-activities", "iati-activity"):
            raise ImportRefused(
                _("This is not an IATI activity file: it starts with <%(tag)s>, not <iati-activities>.")
                % {"tag": root.tag if isinstance(root.tag, str) else "?"}
            )
        language = (root.get(XML_LANG) or "").lower()[:2]
    return language


def _malformed(error):
    line = error.lineno or (error.position[0] if getattr(error, "position", None) else "?")
    message = str(error.msg if hasattr(error, "msg") else error).strip()
    return _("The XML is malformed at line %(line)s: %(error)s. Nothing was imported.") % {
        "line": line,
        "error": message,
    }


def _activity(number, activity, context, file_language) -> Record:
    language = (activity.get(XML_LANG) or activity.get("default-language") or file_language or "fr").lower()[:2]
    record = Record(line=number)
    record.iati_identifier = text(activity.findtext("iati-identifier"))[:150]
    _titles(record, activity, language)
    _participants(record, activity, language)
    _status_and_dates(record, activity, context)
    _places(record, activity, context, language)
    _sectors(record, activity)
    _budget(record, activity)
    for related in activity.iterchildren("related-activity"):
        if related.get("type") == "1" and text(related.get("ref")) and not record.parent_identifier:
            record.parent_identifier = text(related.get("ref"))[:150]
    return record


def _texts(elements, language, *, fold=True) -> dict:
    """{language: [text, …]} of elements' narratives (2.0x), or of their own text (1.0x).

    `fold` puts a text on one line (titles, names); descriptions keep their line breaks.
    """
    found = {}
    for element in elements:
        for item in element.findall("narrative") or [element]:
            value = " ".join((item.text or "").split()) if fold else (item.text or "").strip()
            if value:
                lang = (item.get(XML_LANG) or element.get(XML_LANG) or language).lower()[:2]
                found.setdefault(lang, []).append(value)
    return found


def _titles(record, activity, language):
    titles = _texts(activity.iterchildren("title"), language)
    for lang in LANGUAGES:
        if titles.get(lang):
            setattr(record, f"title_{lang}", titles[lang][0][:TITLE_LIMIT])
    if not (record.title_fr or record.title_en) and titles:
        other, values = next(iter(titles.items()))
        slot = language if language in LANGUAGES else "fr"
        setattr(record, f"title_{slot}", values[0][:TITLE_LIMIT])
        record.notes.append(_("The title is in “%(language)s”: kept as the title.") % {"language": other})
    descriptions = _texts(activity.iterchildren("description"), language, fold=False)
    for lang in LANGUAGES:
        if descriptions.get(lang):
            setattr(record, f"description_{lang}", "\n\n".join(descriptions[lang]))


def _name(element, language):
    names = _texts([element], language)
    for lang in (language, *LANGUAGES):
        if names.get(lang):
            return names[lang][0]
    return next(iter(names.values()))[0] if names else ""


def _participants(record, activity, language):
    for org in activity.iterchildren("participating-org"):
        role = ROLES.get(text(org.get("role")).casefold())
        if role is None:
            record.problems.append(
                _("participating-org (line %(line)s): “%(role)s” is not an IATI role (1 to 4).")
                % {"line": org.sourceline, "role": org.get("role", "")}
            )
            continue
        ref = text(org.get("ref"))[:100]
        name = _name(org, language) or ref
        if not name:
            record.notes.append(_("A participating organisation without a name or reference was left out."))
            continue
        participant = Participant(role, name[:300], ref)
        if participant not in record.participants:
            record.participants.append(participant)


def _status_and_dates(record, activity, context):
    for element in activity.iterchildren("activity-date"):
        name = DATES.get(text(element.get("type")).casefold())
        if name is None:
            record.problems.append(
                _("activity-date (line %(line)s): “%(type)s” is not an IATI date type (1 to 4).")
                % {"line": element.sourceline, "type": element.get("type", "")}
            )
            continue
        try:
            value = parse_date(element.get("iso-date") or element.text)
        except ValueError as error:
            record.problems.append(
                _("activity-date (line %(line)s): %(error)s") % {"line": element.sourceline, "error": error}
            )
            continue
        if value is not None:
            setattr(record, name, value)
    status = activity.find("activity-status")
    code = text(status.get("code")) if status is not None else ""
    if code:
        record.status = STATUSES.get(code, "")
        if not record.status:
            record.problems.append(
                _("activity-status (line %(line)s): “%(code)s” is not an IATI status (1 to 6).")
                % {"line": status.sourceline, "code": code}
            )
        elif code == "6":
            record.notes.append(_("Suspended in the file: recorded as ongoing."))
    else:
        record.status = derive_status(
            record.planned_start, record.planned_end, record.actual_start, record.actual_end, context.today
        )


def _places(record, activity, context, language):
    gazetteer = context.gazetteer
    areas, countries = [], []
    for country in activity.iterchildren("recipient-country"):
        try:
            share = parse_percentage(country.get("percentage"))
        except ValueError as error:
            record.problems.append(
                _("recipient-country (line %(line)s): %(error)s") % {"line": country.sourceline, "error": error}
            )
            share = None
        if text(country.get("code")):
            countries.append((text(country.get("code")), share))
    for location in activity.iterchildren("location"):
        candidates = []
        for administrative in location.iterchildren("administrative"):
            candidates += [administrative.get(key) for key in ("code", "adm1", "adm2")] + [administrative.text]
        for element in location.iterchildren("name"):
            candidates.append(_name(element, language))
        code = next((gazetteer.area_code(c) for c in candidates if text(c) and gazetteer.area_code(c)), None)
        if code:
            areas.append(code)
        else:
            label = next((text(c) for c in candidates if text(c)), "") or text(location.get("ref"))
            record.notes.append(_("Location “%(place)s” not recognised: left out.") % {"place": label or "?"})
    record.places, problems, notes = gazetteer.places(areas, countries)
    record.notes += notes


def _sectors(record, activity):
    for element in activity.iterchildren("sector"):
        code = text(element.get("code"))
        if not code:
            continue
        vocabulary = text(element.get("vocabulary")) or "1"
        vocabulary = SECTOR_VOCABULARIES.get(vocabulary.casefold(), vocabulary)
        try:
            share = parse_percentage(element.get("percentage"))
        except ValueError as error:
            record.problems.append(
                _("sector (line %(line)s): %(error)s") % {"line": element.sourceline, "error": error}
            )
            share = None
        record.sectors.append(sector(code, vocabulary, share))


def _budget(record, activity):
    default_currency = text(activity.get("default-currency")).upper()
    budgets = {"1": [], "2": []}
    for budget in activity.iterchildren("budget"):
        value = budget.find("value")
        if value is None:
            continue
        try:
            amount = parse_decimal(value.text)
        except ValueError as error:
            record.problems.append(_("budget (line %(line)s): %(error)s") % {"line": value.sourceline, "error": error})
            continue
        if amount is not None:
            kind = "2" if text(budget.get("type")).casefold() in ("2", "revised") else "1"
            budgets[kind].append((amount, text(value.get("currency")).upper() or default_currency or "EUR"))
    chosen = budgets["1"] or budgets["2"]
    record.currency = (chosen[0][1] if chosen else default_currency or "EUR")[:3]
    if not chosen:
        return
    if not budgets["1"]:
        record.notes.append(_("Only revised budgets in the file: their sum is the budget."))
    currencies = sorted({currency for _amount, currency in chosen})
    if len(currencies) > 1:
        record.notes.append(
            _("Budgets in several currencies (%(currencies)s): the budget is left empty.")
            % {"currencies": ", ".join(currencies)}
        )
        return
    record.budget = sum((amount for amount, _currency in chosen), Decimal(0))
