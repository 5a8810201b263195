"""The indicator library: the EU Emergency Trust Fund for Africa's common output indicators.

The list is taken, title for title, from the real results file of the Trust Fund's projects in Niger
(../shared/data/eutf/eutf_results_niger.csv, rows whose result_type is "EUTF Common Output Indicators"; public
IATI data published through Akvo RSR, Dec 2021, cleaned by Deutsche Welle / EDJNet). Each title there starts
with its code ("3.2", "4.1 bis"); nothing is invented, and only the codes that occur in that file are here.
The file gives the titles in English only, so an entry has no French title (`title_fr` is empty).
tests/planning/test_library.py checks that this list still equals the file's.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LibraryIndicator:
    code: str  # e.g. "3.2", "4.1 bis"
    title_en: str
    title_fr: str = ""
    unit: str = ""
    kind: str = "number"

    @property
    def library_code(self) -> str:
        return f"EUTF {self.code}"

    @property
    def key(self) -> str:
        """The value of the "pick from library" choice."""
        return self.library_code.replace(" ", "-")

    @property
    def label(self) -> str:
        return f"{self.code} {self.title_en}"


LIBRARY_NAME = _("EU Trust Fund common output indicators")

# (code, English title) exactly as in the file, in the order of the codes.
_EUTF = [
    ("1.1", "Number of direct jobs created or supported through EUTF-funded projects"),
    ("1.2", "Number of MSMEs created or supported"),
    ("1.3", "Number of people assisted to develop income generating activities (IGAs)"),
    ("1.4", "Number of people benefitting from professional trainings (TVET) and/or skills development"),
    ("1.5", "Number of industrial parks and/or business infrastructures constructed, expanded or improved"),
    ("2.1", "Number of local development plans directly supported"),
    ("2.1 bis", "Number of social infrastructures built and/or rehabilitated"),
    ("2.2", "Number of basic social services delivered"),
    ("2.3", "Number of people receiving nutrition assistance"),
    ("2.4", "Number of people receiving food security-related assistance"),
    (
        "2.6",
        "Hectares of agricultural and pastoral ecosystems where sustainable management practices have been "
        "introduced with EU support",
    ),
    (
        "2.7",
        "Number of people reached by sensitisation campaigns on resilience-building practices and basic rights",
    ),
    (
        "2.8",
        "Number of staff from local authorities and basic service providers benefitting from capacity building "
        "to strengthen service delivery",
    ),
    ("2.9", "Number of people having improved access to basic social benefits (services and transfers)"),
    ("3.2", "Number of migrants in transit, refugees/asylum seekers and IDPs protected and/or assisted"),
    ("3.3", "Number of (potential) migrants, reached by information campaigns on migration"),
    ("3.4", "Number of voluntary returns supported"),
    ("3.5", "Number of returning migrants benefitting from post-arrival assistance"),
    ("3.5 bis", "Number of returning migrants benefitting from reintegration assistance"),
    (
        "3.6",
        "Number of institutions and non-state actors strengthened through capacity building or operational "
        "support on protection and migration management",
    ),
    ("3.7", "Number of individuals trained on migration management and protection"),
    (
        "3.8",
        "Number of persons of concern benefitting from evacuation and resettlement assistance or other durable "
        "solutions for evacuees",
    ),
    ("3.10", "Number of people benefitting from legal migration and mobility programmes"),
    ("3.11", "Number of awareness raising events on migration"),
    ("4.1", "Number of infrastructures supported to strengthen governance"),
    ("4.1 bis", "Number of items of equipment provided to strengthen governance"),
    (
        "4.2",
        "Number of staff from governmental institutions, internal security forces and relevant non-state actors "
        "trained on governance, conflict prevention and human rights",
    ),
    ("4.3", "Number of people participating in conflict prevention and human rights activities"),
    ("4.6", "Number of strategies, laws, policies and plans developed and / or directly supported"),
    ("5.1", "Number of multi-stakeholder groups and learning mechanisms formed and regularly gathering"),
    (
        "5.2",
        "Number of planning, monitoring, learning, data-collection and analysis systems set up, implemented "
        "and / or strengthened",
    ),
    ("5.3", "Number of field studies, surveys and other research conducted"),
    ("5.4", "Number of regional cooperation initiatives created, launched or supported"),
    ("6.1", "Number of COVID-19 pandemic-related supplies provided and/or distributed"),
    ("6.2", "Number of people directly benefitting from COVID-19 emergency response activities"),
    ("6.3", "Number of entities benefitting from COVID-19 emergency response activities"),
]


# The unit each indicator counts (our reading of its title; the file has no unit column).
_UNITS = {
    "1.1": "jobs", "1.2": "MSMEs", "1.5": "infrastructures", "2.1": "plans", "2.1 bis": "infrastructures",
    "2.2": "services", "2.6": "ha", "2.8": "staff", "3.4": "returns", "3.6": "institutions", "3.11": "events",
    "4.1": "infrastructures", "4.1 bis": "items", "4.2": "staff", "4.6": "documents", "5.1": "groups",
    "5.2": "systems", "5.3": "studies", "5.4": "initiatives", "6.1": "supplies", "6.3": "entities",
}  # fmt: skip


def _unit(code: str) -> str:
    return _UNITS.get(code, "people")


EUTF_COMMON_OUTPUT = [LibraryIndicator(code=code, title_en=title, unit=_unit(code)) for code, title in _EUTF]
BY_KEY = {entry.key: entry for entry in EUTF_COMMON_OUTPUT}


def choices():
    return [("", "—")] + [(entry.key, entry.label) for entry in EUTF_COMMON_OUTPUT]


def get(key: str) -> LibraryIndicator | None:
    return BY_KEY.get(key or "")


def code_from_title(title: str) -> str | None:
    """The library code a results-file title starts with ("4.1 bis Number of …" → "EUTF 4.1 bis"), if any."""
    for entry in sorted(EUTF_COMMON_OUTPUT, key=lambda item: -len(item.code)):
        if title.strip().startswith(entry.code + " ") and title.strip()[len(entry.code) + 1 :] == entry.title_en:
            return entry.library_code
    return None
