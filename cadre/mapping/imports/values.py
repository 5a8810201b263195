"""Reading the values people write in spreadsheets and exports: amounts, dates, lists of names, places.

Each parser takes what a cell holds (text from a CSV, or a number or date from an XLSX cell) and returns a
Python value, or None for an empty cell or a "NULL"; it raises ValueError with a message for the report when
the cell holds something it cannot read. Nothing here touches the database except `Gazetteer.for_workspace`.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

# What people write for "nothing" (compared after casefold and stripping).
NULL_MARKERS = {"", "null", "none", "nan", "n/a", "#n/a", "-", "—", "–"}
MAX_BUDGET = Decimal(10) ** 14  # Intervention.budget holds 16 digits, 2 of them decimals
CENT = Decimal("0.01")
SPACES = re.compile(r"[\s\u00a0\u202f']+")
THOUSANDS = {",": re.compile(r"^-?\d{1,3}(,\d{3})+$"), ".": re.compile(r"^-?\d{1,3}(\.\d{3}){2,}$")}
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y/%m/%d", "%Y%m%d")
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def text(value) -> str:
    """The cell as trimmed text; "" for an empty cell or a null marker."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    result = str(value).strip()
    return "" if result.casefold() in NULL_MARKERS else result


def normal(value) -> str:
    """For comparing names and headings: no accents, no case, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", str(value or "")).casefold()
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def parse_decimal(value) -> Decimal | None:
    """An amount: `7e+06`, `1 234 567,89`, `1,234,567.89`, `7000000` (rounded to the cent)."""
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": value})
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        raw = text(value)
        if not raw:
            return None
        cleaned = SPACES.sub("", raw).strip("€$£")
        if "," in cleaned and "." in cleaned:  # the last one is the decimal mark
            thousands = "," if cleaned.rfind(".") > cleaned.rfind(",") else "."
            cleaned = cleaned.replace(thousands, "").replace(",", ".")
        elif THOUSANDS[","].match(cleaned):
            cleaned = cleaned.replace(",", "")
        elif THOUSANDS["."].match(cleaned):
            cleaned = cleaned.replace(".", "")
        else:
            cleaned = cleaned.replace(",", ".")
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not an amount.") % {"value": raw}) from None
    if not number.is_finite():
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": value})
    if abs(number) >= MAX_BUDGET:
        raise ValueError(_("The amount %(value)s is too large.") % {"value": value})
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_percentage(value) -> Decimal | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if not 0 <= number <= 100:
        raise ValueError(_("A share must be between 0 and 100, not %(value)s.") % {"value": value})
    return number


def parse_date(value) -> datetime.date | None:
    """A date written dd/mm/yyyy (or with - or .), ISO yyyy-mm-dd (with or without a time), or a spreadsheet date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))  # a date cell without its date format
    raw = text(value)
    if not raw:
        return None
    candidate = raw.replace("T", " ").split(" ")[0]
    try:
        return datetime.date.fromisoformat(candidate)
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(candidate, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date (write it dd/mm/yyyy or yyyy-mm-dd).") % {"value": raw})


def split_names(value, known=frozenset()) -> list[str]:
    """Several institutions in one cell, separated by new lines, `;`, `,` or `/`.

    A part that is a known name as a whole (`ANLTP/TIM`, a name with a comma) is not split further; `known`
    holds `normal()` forms of the directory's names and acronyms.
    """
    names = []
    for line in re.split(r"[\r\n;]+", text(value)):
        part = line.strip(" \t-•*")
        if not part:
            continue
        if normal(part) in known:
            names.append(part)
            continue
        for piece in re.split(r"\s*,\s*", part):
            if normal(piece) in known:
                names.append(piece)
            else:
                names.extend(item for item in re.split(r"\s*/\s*", piece))
    seen, unique = set(), []
    for name in (n.strip() for n in names):
        if name and text(name) and normal(name) not in seen:
            seen.add(normal(name))
            unique.append(name)
    return unique


def split_codes(value) -> list[str]:
    """Codes in one cell (`NE-1, NE-5`, `TFP.1;TFP.2`), empty ones dropped, duplicates kept once, in order."""
    codes = []
    for code in re.split(r"[\s,;/|]+", text(value)):
        code = code.strip()
        if code and code.casefold() not in NULL_MARKERS and code not in codes:
            codes.append(code)
    return codes


def split_list(value) -> list[str]:
    """Names of places or countries in one cell: separated by new lines, `;` or `,`."""
    parts = [part.strip() for part in re.split(r"[\r\n;,|]+", text(value))]
    return [part for part in dict.fromkeys(parts) if part and part.casefold() not in NULL_MARKERS]


FRENCH_WORDS = frozenset({"de", "la", "le", "les", "des", "du", "et", "pour", "au", "aux", "à", "en", "dans", "sur"})
ENGLISH_WORDS = frozenset({"the", "of", "and", "for", "to", "in", "on", "an", "with", "by", "from", "at"})


def guess_language(value) -> str:
    """English ("en") when a text is clearly English, else French ("fr"), the language of most titles in Niger."""
    words = re.findall(r"[a-zà-ÿ]+", str(value).casefold())
    english = sum(word in ENGLISH_WORDS for word in words)
    french = sum(word in FRENCH_WORDS for word in words)
    return "en" if english > french else "fr"


def derive_status(planned_start, planned_end, actual_start, actual_end, today):
    """completed if it ended before today, pipeline if it starts after today, else ongoing."""
    end = actual_end or planned_end
    start = actual_start or planned_start
    if end and end < today:
        return "completed"
    if start and start > today:
        return "pipeline"
    return "ongoing"


class Gazetteer:
    """The workspace's country and its coded places, to turn what a file says about "where" into `Place`s."""

    CODE = re.compile(r"^([A-Za-z]{2})-0*([0-9A-Za-z]+)$")

    def __init__(self, country_code, areas=(), countries=()):
        self.country = (country_code or "").upper()
        self.by_code, self.by_name = {}, {}
        for code, name in areas:  # (code, name) of the country's places that have a code
            self.by_code[code.upper()] = code
            self.by_name.setdefault(normal(name), code)
        self.countries = {normal(name): code.upper() for code, name in countries if code}

    @classmethod
    def for_workspace(cls, workspace):
        from cadre.directory.models import AdminArea, Country

        country = workspace.country
        areas = AdminArea.objects.filter(country=country).exclude(code="").values_list("code", "name")
        countries = []
        for code, name_fr, name_en in Country.objects.values_list("code", "name_fr", "name_en"):
            countries += [(code, name_fr), (code, name_en)]
        return cls(country.code, list(areas), countries)

    def area_code(self, value):
        """The code of the country's place that `value` names or codes (`NE-1`, `ne-01`, `Tillaberi`), or None."""
        value = str(value).strip()
        match = self.CODE.match(value)
        if match and match.group(1).upper() == self.country:
            found = self.by_code.get(f"{self.country}-{match.group(2).upper()}")
            if found:
                return found
        return self.by_code.get(value.upper()) or self.by_name.get(normal(value))

    def country_code(self, value):
        """A two-letter country code from a code or a country's name, or None."""
        value = str(value).strip()
        if re.fullmatch(r"[A-Za-z]{2}", value):
            return value.upper()
        return self.countries.get(normal(value))

    def places(self, areas=(), countries=(), *, strict=False):
        """Places from area codes or names and country codes or names; returns (places, problems, notes).

        A region of the workspace's country → an AREA place; the country itself, named alone → NATIONAL; another
        country (or a region code of another country, `ML-7`) → OTHER_COUNTRY. `countries` may hold (code,
        percentage) pairs. An unknown place is a problem when `strict` (a column the secretariat chose),
        otherwise a note.
        """
        from .base import Place

        found, problems, notes = {}, [], []
        national = None  # the workspace country's percentage, or True, when it is named
        for value in (str(value).strip() for value in areas):
            code = self.area_code(value)
            if code:
                found.setdefault(("area", code), Place("area", code))
                continue
            match = self.CODE.match(value)
            country = match.group(1).upper() if match else self.country_code(value)
            if country and country != self.country:
                found.setdefault(("other_country", country), Place("other_country", country))
            elif country and not match:  # the workspace's country named alone
                national = national or True
            elif strict:
                problems.append(_("Unknown place “%(place)s”.") % {"place": value})
            else:
                notes.append(_("Place “%(place)s” not recognised: left out.") % {"place": value})
        for item in countries:
            value, percentage = item if isinstance(item, tuple) else (item, None)
            code = self.country_code(value)
            if code is None and strict:
                problems.append(_("Unknown country “%(country)s”.") % {"country": value})
            elif code is None:
                notes.append(_("Country “%(country)s” not recognised: left out.") % {"country": value})
            elif code == self.country:
                national = percentage if percentage is not None else national or True
            else:
                place = found.setdefault(("other_country", code), Place("other_country", code))
                place.percentage = percentage if percentage is not None else place.percentage
        places = list(found.values())
        if national is not None and not any(place.scope == "area" for place in places):
            share = national if isinstance(national, Decimal) else None
            places.insert(0, Place("national", "", share))
        return places, problems, notes


@dataclass
class Context:
    """What a reader needs to know of the workspace and the directory, read once per file."""

    gazetteer: Gazetteer
    known_names: frozenset = frozenset()  # normal() forms of the directory's names and acronyms
    today: datetime.date = field(default_factory=datetime.date.today)

    @classmethod
    def for_workspace(cls, workspace):
        from django.utils import timezone

        from cadre.directory.models import Institution

        known = set()
        for names in Institution.objects.values_list("name_fr", "name_en", "acronym"):
            known.update(normal(name) for name in names if name)
        known.discard("")
        return cls(Gazetteer.for_workspace(workspace), frozenset(known), timezone.localdate())
