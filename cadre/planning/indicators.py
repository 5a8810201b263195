"""Indicators of a plan: the SMART check (advice, never a block), reading numbers as people write them, and the
services that save an indicator with its targets."""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from cadre.core.services import change_by

from .models import Indicator, Target

# Words that promise a change without saying how much (French and English stems, compared without accents).
VAGUE_STEMS = (
    "amelior",  # améliorer, amélioré, amélioration
    "renforc",  # renforcer, renforcé, renforcement
    "adequa",  # adéquat, adequate
    "appropri",  # approprié, appropriate
    "suffisan",
    "meilleur",
    "optimis",
    "improv",
    "strengthen",
    "enhanc",
    "sufficient",
    "better",
)
# Words that say what is counted or measured: with one of these (or a figure), the wording is not vague.
MEASURE_WORDS = {
    "nombre",
    "nb",
    "number",
    "taux",
    "rate",
    "pourcentage",
    "percentage",
    "proportion",
    "part",
    "share",
    "ratio",
    "hectares",
    "ha",
    "montant",
    "amount",
    "indice",
    "index",
}


def _plain_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text or "").casefold()
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.findall(r"[a-z]+", plain)


def is_vague(text: str) -> bool:
    """A wording with "improve", "renforcer", "adequate"… and no figure or measure (number, rate, %)."""
    if not text or re.search(r"\d|%|#", text):
        return False
    words = _plain_words(text)
    if any(word in MEASURE_WORDS for word in words):
        return False
    return any(word.startswith(stem) for word in words for stem in VAGUE_STEMS)


def smart_check(indicator, targets=None, plan=None) -> list[str]:
    """What an indicator lacks to be SMART, as advice messages (empty when nothing is missing).

    `targets` defaults to the indicator's (prefetch them for a list); `plan` (defaults to the indicator's) gives
    the years a target should fall in.
    """
    if targets is None:
        targets = list(indicator.targets.all()) if indicator.pk else []
    plan = plan if plan is not None else (indicator.plan if indicator.plan_id else None)
    advice = []
    if is_vague(indicator.definition_fr) or is_vague(indicator.definition_en):
        advice.append(
            _("The wording is vague (“improve”, “strengthen”…) with no figure: say what is counted or measured.")
        )
    if indicator.kind == Indicator.Kind.NUMBER and not (indicator.unit or "").strip():
        advice.append(_("No unit: say what is counted (people, posts, documents…)."))
    if indicator.baseline_value is None and not (indicator.baseline_text or "").strip():
        advice.append(_("No baseline: the starting value is unknown."))
    elif not indicator.baseline_year:
        advice.append(_("The baseline has no year."))
    if not targets:
        advice.append(_("No target."))
    for target in targets:
        if not target.period_start or not target.period_end:
            advice.append(_("A target has no date or period."))
            break
    for target in targets:
        if target.value is None and not (target.value_text or "").strip():
            advice.append(_("A target has no value."))
            break
    if plan is not None:
        for target in targets:
            if target.period_end and not (plan.start_year <= target.period_end.year <= plan.end_year):
                advice.append(
                    _("A target is due in %(year)s, outside the plan's years (%(start)s–%(end)s).")
                    % {"year": target.period_end.year, "start": plan.start_year, "end": plan.end_year}
                )
                break
    if indicator.kind == Indicator.Kind.PERCENTAGE:
        values = [target.value for target in targets if target.value is not None]
        if any(value > 100 for value in values):
            advice.append(_("A percentage target is above 100 %."))
        if indicator.baseline_value is not None and indicator.baseline_value > 100:
            advice.append(_("The baseline is a percentage above 100 %."))
    if not indicator.responsible_institution_id:
        advice.append(_("No responsible institution: nobody is asked for the figures."))
    if not (indicator.means_of_verification or "").strip():
        advice.append(_("No means of verification: say where the figure will come from."))
    if not indicator.frequency:
        advice.append(_("No frequency: say how often it is measured."))
    return advice


_SPACES = re.compile(r"[\s\u00a0\u202f]+")
YES = {"oui", "yes", "o", "y", "1", "vrai", "true"}
NO = {"non", "no", "n", "0", "faux", "false"}
MAX_VALUE = Decimal(10) ** 13  # one digit below the column's 14 (see forms_monitoring.MAX_VALUE)


def parse_number(raw) -> Decimal | None:
    """A number as typed: "1 234,5", "0,8", "12.5", "1,234.5"; None when empty; ValueError otherwise."""
    value = _SPACES.sub("", str(raw or ""))
    if not value:
        return None
    if "," in value and "." in value:
        thousands = "," if value.rfind(".") > value.rfind(",") else "."
        value = value.replace(thousands, "").replace(",", ".")
    else:
        value = value.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?|-?\.\d+", value):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
    try:
        number = Decimal(value)
    except InvalidOperation:  # pragma: no cover
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw}) from None
    # Compared once rounded to the column's 4 decimals: 99999999999999,99999 rounds up to 15 integer digits.
    if abs(number) >= MAX_VALUE or abs(number.quantize(Decimal("0.0001"))) >= MAX_VALUE:
        raise ValueError(_("The number %(value)s is too large.") % {"value": raw})
    return number


def parse_target(raw, kind) -> tuple[Decimal | None, str]:
    """(value, text) of a target as typed for an indicator of this kind; ValueError when it does not fit."""
    text = (raw or "").strip()
    if not text:
        return None, ""
    if kind == Indicator.Kind.QUALITATIVE:
        return None, text[:300]
    if kind == Indicator.Kind.YES_NO:
        word = text.casefold()
        if word in YES:
            return Decimal(1), ""
        if word in NO:
            return Decimal(0), ""
        raise ValueError(_("Write yes or no (oui / non)."))
    number = parse_number(text)
    if number is not None and number < 0:
        raise ValueError(_("A target cannot be negative."))
    return number, ""


def year_period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def save_indicator(indicator, targets, *, by, form=None):
    """Save the indicator and make its targets exactly `targets`: a list of (start, end, value, text).

    Targets for other periods are deleted; unchanged ones are not touched. One transaction.
    """
    with change_by(by):
        if form is not None:
            indicator = form.save(commit=False)
        indicator.full_clean()
        indicator.save()
        wanted = {(start, end): (value, text) for start, end, value, text in targets}
        for target in list(indicator.targets.all()):
            period = (target.period_start, target.period_end)
            if period not in wanted:
                target.delete()
                continue
            value, text = wanted.pop(period)
            if target.value != value or target.value_text != text:
                target.value, target.value_text = value, text
                target.save()
        for (start, end), (value, text) in sorted(wanted.items()):
            Target.objects.create(indicator=indicator, period_start=start, period_end=end, value=value, value_text=text)
    return indicator


def delete_indicator(indicator, *, by):
    with change_by(by):
        indicator.delete()


def plain(value: Decimal | None) -> Decimal | None:
    """A stored value without its trailing zeros (262.0000 → 262, 0.8000 → 0.8), for display."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def shown(obj) -> str | Decimal:
    """What a target or measurement holds: its number without trailing zeros, or its text."""
    return plain(obj.value) if obj.value is not None else obj.value_text
