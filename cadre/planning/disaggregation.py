"""Disaggregated values: the categories of each dimension an indicator may declare, the rules a breakdown follows,
and its compact display.

Categories (the `Breakdown.category` codes):
  - sex: "female", "male";
  - age: "minor" (under 18) and "adult" (18 and over), the EU Trust Fund's split;
  - region: the first-level areas (AdminArea of kind region, with a code) of the workspace's country, by their
    code. A workspace always has a country; when the directory holds no region for it, the region dimension
    offers no field and says so;
  - nationality: open — the ISO 3166 alpha-2 code of a country of the directory, at most MAX_NATIONALITIES rows.

Rules (`check`, applied by the monitoring service whatever the caller): no part below zero; yes/no and qualitative
indicators have no breakdown; for a number indicator the parts of one dimension add up to at most the total (the
rest is shown as "unknown") and need a total; for a percentage indicator each part is between 0 and 100 and parts
need not add up to anything. Upper bounds of typed numbers are those of the total (forms_monitoring.parse_decimal).
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from cadre.core.models import localized
from cadre.directory.models import AdminArea, Country

from .indicators import plain
from .models import Indicator

ORDER = [code for code, _label in Indicator.DISAGGREGATIONS]
DIMENSION_LABELS = dict(Indicator.DISAGGREGATIONS)
MAX_NATIONALITIES = 30
HUNDRED = Decimal(100)

# code → (label, short label for the compact display)
FIXED = {
    "sex": {
        "female": (gettext_lazy("women"), pgettext_lazy("women, short", "F")),
        "male": (gettext_lazy("men"), pgettext_lazy("men, short", "M")),
    },
    "age": {
        "minor": (gettext_lazy("under 18"), "<18"),
        "adult": (gettext_lazy("18 and over"), "18+"),
    },
}


def dimensions_of(indicator) -> list[str]:
    """The dimensions a value of this indicator is broken down by, in a fixed order (none for yes/no and text)."""
    if indicator.kind not in (Indicator.Kind.NUMBER, Indicator.Kind.PERCENTAGE):
        return []
    declared = set(indicator.disaggregation or [])
    return [code for code in ORDER if code in declared]


class Catalogue:
    """The categories of a workspace, read at most once per request (two queries, only when needed)."""

    def __init__(self, workspace):
        self.country_id = workspace.country_id

    @cached_property
    def regions(self) -> dict[str, str]:
        areas = AdminArea.objects.filter(country_id=self.country_id, kind=AdminArea.Kind.REGION).exclude(code="")
        return dict(areas.order_by("name", "code").values_list("code", "name"))

    @cached_property
    def countries(self) -> dict[str, str]:
        countries = Country.objects.only("code", "name_fr", "name_en")
        rows = [(country.code, localized(country, "name")) for country in countries]
        return dict(sorted(rows, key=lambda row: row[1].casefold()))

    def categories(self, dimension) -> list[tuple[str, str]]:
        """(code, label) of a closed dimension's categories; the countries for nationality."""
        if dimension in FIXED:
            return [(code, str(labels[0])) for code, labels in FIXED[dimension].items()]
        if dimension == "region":
            return list(self.regions.items())
        return list(self.countries.items())

    def label(self, dimension, code) -> str:
        if dimension in FIXED:
            return str(FIXED[dimension][code][0]) if code in FIXED[dimension] else code
        if dimension == "region":
            return self.regions.get(code, code)
        return self.countries.get(code, code)

    def short(self, dimension, code) -> str:
        if dimension in FIXED:
            return str(FIXED[dimension][code][1]) if code in FIXED[dimension] else code
        if dimension == "region":
            return self.regions.get(code, code)
        return code  # a nationality by its ISO code: NG, ML

    def known(self, dimension, code) -> bool:
        if dimension in FIXED:
            return code in FIXED[dimension]
        if dimension == "region":
            return code in self.regions
        return code in self.countries


def number_text(value) -> str:
    """A value as the reader writes it, without trailing zeros (1 234,5)."""
    return formats.number_format(plain(Decimal(value)), use_l10n=True, force_grouping=True)


# --- rules ----------------------------------------------------------------------------------------------


def check(indicator, total, parts: dict[str, dict[str, Decimal]], catalogue: Catalogue) -> None:
    """ValidationError({dimension: [messages]}) unless `parts` ({dimension: {category: value}}) is a valid
    breakdown of `total` for this indicator. Empty dimensions are fine."""
    parts = {dimension: values for dimension, values in parts.items() if values}
    if not parts:
        return
    offered = dimensions_of(indicator)
    if not offered:
        raise ValidationError(_("This type of indicator has no breakdown."))
    errors = {}
    percentage = indicator.kind == Indicator.Kind.PERCENTAGE
    for dimension, values in parts.items():
        if dimension not in offered:
            label = DIMENSION_LABELS.get(dimension, dimension)
            errors[dimension] = [_("This indicator is not disaggregated by %(dimension)s.") % {"dimension": label}]
            continue
        messages = []
        unknown = [code for code in values if not catalogue.known(dimension, code)]
        if unknown:
            messages.append(_("Unknown category: %(codes)s.") % {"codes": ", ".join(sorted(unknown))})
        if dimension == "nationality" and len(values) > MAX_NATIONALITIES:
            messages.append(_("At most %(max)s nationalities.") % {"max": MAX_NATIONALITIES})
        if any(value < 0 for value in values.values()):
            messages.append(_("A part cannot be negative."))
        elif percentage:
            if any(value > HUNDRED for value in values.values()):
                messages.append(_("A percentage is between 0 and 100."))
        elif total is None:
            messages.append(_("Give the total before its breakdown: the parts are counted within it."))
        else:
            added = sum(values.values(), Decimal(0))
            if added > total:
                messages.append(
                    _("The parts add up to %(sum)s, more than the total of %(total)s.")
                    % {"sum": number_text(added), "total": number_text(total)}
                )
        if messages:
            errors[dimension] = messages
    if errors:
        raise ValidationError(errors)


# --- display --------------------------------------------------------------------------------------------


@dataclass
class Line:
    dimension: str
    label: str  # the dimension's name: sex, age…
    text: str  # F 120 · M 95 · unknown 5


def lines(measurement, indicator, catalogue: Catalogue) -> list[Line]:
    """The measurement's breakdown, one compact line per dimension. Reads `measurement.breakdown.all()`: prefetch
    it (`prefetch_related("breakdown")`) on lists, so that a page's query count does not grow with its rows."""
    return lines_of(measurement.value, measurement.breakdown.all(), indicator, catalogue)


def lines_of(total, parts, indicator, catalogue: Catalogue) -> list[Line]:
    """The compact lines of a value `total` broken down into `parts` (its Breakdown rows)."""
    by_dimension: dict[str, list] = {}
    for row in parts:
        if row.value is not None:
            by_dimension.setdefault(row.dimension, []).append(row)
    if not by_dimension:
        return []
    percentage = indicator.kind == Indicator.Kind.PERCENTAGE
    suffix = " %" if percentage else ""
    result = []
    for dimension in sorted(by_dimension, key=_dimension_order):
        rows = by_dimension[dimension]
        if dimension in FIXED:
            order = list(FIXED[dimension])
            rows.sort(key=lambda row: order.index(row.category) if row.category in order else len(order))
        elif dimension == "region":
            rows.sort(key=lambda row: catalogue.short(dimension, row.category).casefold())
        else:
            rows.sort(key=lambda row: (-row.value, row.category))  # the largest groups first
        texts = [f"{catalogue.short(dimension, row.category)} {number_text(row.value)}{suffix}" for row in rows]
        if not percentage and total is not None:
            rest = total - sum((row.value for row in rows), Decimal(0))
            if rest > 0:
                texts.append(f"{_('unknown')} {number_text(rest)}")
        result.append(Line(dimension, str(DIMENSION_LABELS.get(dimension, dimension)), " · ".join(texts)))
    return result


def annotate(measurements, catalogue: Catalogue, indicator=None) -> None:
    """Sets `breakdown_lines` on each measurement (its own indicator, or the one given, decides the rules)."""
    for measurement in measurements:
        measurement.breakdown_lines = lines(measurement, indicator or measurement.indicator, catalogue)


def sheet_rows(total, parts, indicator, catalogue: Catalogue):
    """(dimension label, category code, category label, value, share of the total in %) per part of a value
    (`parts`: its Breakdown rows), plus the unknown rest of a number indicator's total; the share is None without
    a total or for a percentage indicator."""
    percentage = indicator.kind == Indicator.Kind.PERCENTAGE
    by_dimension: dict[str, list] = {}
    for row in parts:
        if row.value is not None:
            by_dimension.setdefault(row.dimension, []).append(row)

    def share(value):
        if percentage or total is None or total == 0:
            return None
        return value / total * HUNDRED

    out = []
    for dimension in sorted(by_dimension, key=_dimension_order):
        rows = sorted(by_dimension[dimension], key=lambda row: row.category)
        if dimension in FIXED:
            order = list(FIXED[dimension])
            rows.sort(key=lambda row: order.index(row.category) if row.category in order else len(order))
        label = str(DIMENSION_LABELS.get(dimension, dimension))
        for row in rows:
            out.append((label, row.category, catalogue.label(dimension, row.category), row.value, share(row.value)))
        if not percentage and total is not None:
            rest = total - sum((row.value for row in rows), Decimal(0))
            if rest > 0:
                out.append((label, "", _("unknown"), rest, share(rest)))
    return out


def _dimension_order(dimension):
    return ORDER.index(dimension) if dimension in ORDER else len(ORDER)
