"""Forms of the monitoring rounds: opening a round, a focal point's value for an indicator and its breakdown, an
action's status."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import disaggregation
from .models import Action, Indicator, MonitoringRound

# The column holds 18 digits, 4 of them decimals; SQLite keeps them as 8-byte floats, which read back
# 99999999999999,9999 as 1e14 (19 digits, refused on reading): one digit is kept in reserve.
MAX_VALUE = Decimal("1e13")


class RoundForm(forms.ModelForm):
    class Meta:
        model = MonitoringRound
        fields = ["title_fr", "title_en", "period_start", "period_end", "due_date"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


def parse_decimal(text: str) -> Decimal:
    """A number as people type it in Niger: "1 234,5", "0,8", "1234.5", "12 %". ValueError for anything else."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if "," in cleaned and "." in cleaned and cleaned.rindex(".") > cleaned.rindex(","):
        cleaned = cleaned.replace(",", "")  # 1,234.5: English grouping
    elif "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 1.234,5 or 0,8: French decimal comma
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not value.is_finite() or abs(value) >= MAX_VALUE or abs(value.quantize(Decimal("0.0001"))) >= MAX_VALUE:
        raise ValueError(text)
    return value.quantize(Decimal("0.0001"))


class MeasurementForm(forms.Form):
    """A value for one indicator, read according to the indicator's type."""

    YES_NO = [("", "—"), ("yes", _("yes")), ("no", _("no"))]

    value = forms.CharField(label=_("value"), required=False, max_length=300)
    evidence = forms.CharField(
        label=_("evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the figure comes from: report, list, link."),
    )
    comment = forms.CharField(label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.kind == Indicator.Kind.YES_NO:
            self.fields["value"] = forms.ChoiceField(label=_("value"), choices=self.YES_NO, required=False)
        elif indicator.kind == Indicator.Kind.QUALITATIVE:
            self.fields["value"].widget = forms.Textarea(attrs={"rows": 2})
        else:
            self.fields["value"].help_text = _("A number; a decimal comma is fine (e.g. 0,8).")

    def clean(self):
        data = super().clean()
        raw = (data.get("value") or "").strip()
        data["number"], data["text"] = None, ""
        if not raw:
            if self.data.get("submit") == "1" and "value" not in self.errors:
                self.add_error("value", _("Give a value before submitting, or save as a draft."))
            return data
        kind = self.indicator.kind
        if kind == Indicator.Kind.YES_NO:
            data["number"] = Decimal(1) if raw == "yes" else Decimal(0)
        elif kind == Indicator.Kind.QUALITATIVE:
            data["text"] = raw
        else:
            try:
                data["number"] = parse_decimal(raw)
            except ValueError:
                self.add_error("value", _("“%(value)s” is not a number.") % {"value": raw[:40]})
        return data


@dataclass
class Group:
    """The fields of one dimension of a breakdown, shown as a fieldset."""

    dimension: str
    legend: str
    names: list = field(default_factory=list)  # field names, in order
    help: str = ""
    errors: list = field(default_factory=list)  # about the dimension as a whole (e.g. the sum over the total)
    bound: list = field(default_factory=list)  # the bound fields, filled by BreakdownForm


class BreakdownForm(forms.Form):
    """The parts of an indicator's value, a fieldset per dimension it declares.

    Fields are named `<dimension>-<category>` for closed dimensions (sex, age, region) and `nationality-country-<n>`
    with `nationality-value-<n>` for the open one; numbers are read by `parse_decimal` (same bounds as the total).
    `parts()` gives {dimension: {category: value or None}} for the service. Errors about a whole dimension (the
    sum over the total) go to its group (`add_dimension_errors`), shown at the top of its fieldset.
    """

    EXTRA_NATIONALITIES = 3  # empty rows offered below the saved ones

    def __init__(self, *args, indicator, catalogue, saved=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.catalogue = catalogue
        self.groups: list[Group] = []
        self.too_many = False
        percentage = indicator.kind == Indicator.Kind.PERCENTAGE
        help_text = (
            _("Each part is a percentage between 0 and 100.")
            if percentage
            else _("Leave empty what you do not know: the rest of the total counts as unknown.")
        )
        saved_parts = {}
        for row in saved:
            if row.value is not None:
                saved_parts.setdefault(row.dimension, {})[row.category] = row.value
        for dimension in disaggregation.dimensions_of(indicator):
            legend = capfirst(str(disaggregation.DIMENSION_LABELS[dimension]))
            group = Group(dimension=dimension, legend=legend, help=str(help_text))
            values = saved_parts.get(dimension, {})
            if dimension == "nationality":
                self._nationality_fields(group, values)
            else:
                categories = catalogue.categories(dimension)
                if not categories:
                    group.help = str(_("The directory holds no region of the workspace's country."))
                for code, label in categories:
                    name = f"{dimension}-{code}"
                    self.fields[name] = self._number_field(label)
                    if code in values:
                        self.initial[name] = _typed(values[code])
                    group.names.append(name)
            self.groups.append(group)
        for group in self.groups:
            group.bound = [self[name] for name in group.names]

    @staticmethod
    def _number_field(label):
        return forms.CharField(
            label=capfirst(str(label)),
            required=False,
            max_length=40,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 10}),
        )

    def _nationality_fields(self, group, values):
        limit = disaggregation.MAX_NATIONALITIES
        rows = len(values) + self.EXTRA_NATIONALITIES
        if self.is_bound:
            prefixes = (self.add_prefix("nationality-country-"), self.add_prefix("nationality-value-"))
            numbers = [key.rsplit("-", 1)[1] for key in self.data if key.startswith(prefixes)]
            # Row numbers as the page writes them (0, 1, …): a long one is past the limit whatever its value.
            posted = [int(n) if len(n) < 6 else limit for n in numbers if n.isascii() and n.isdigit()]
            posted_rows = max(posted, default=-1) + 1
            # Only rows sent beyond the limit are too many: the saved ones and the empty ones offered below them
            # are shown up to the limit, and sent back as shown.
            self.too_many = posted_rows > limit
            rows = max(rows, posted_rows)
        rows = min(rows, limit)
        choices = [("", "—"), *self.catalogue.categories("nationality")]
        saved = sorted(values.items(), key=lambda item: (-item[1], item[0]))
        for number in range(rows):
            country, value = f"nationality-country-{number}", f"nationality-value-{number}"
            self.fields[country] = forms.ChoiceField(
                label=_("Nationality %(number)s") % {"number": number + 1}, choices=choices, required=False
            )
            self.fields[value] = self._number_field(_("Value %(number)s") % {"number": number + 1})
            if number < len(saved):
                self.initial[country], self.initial[value] = saved[number][0], _typed(saved[number][1])
            group.names += [country, value]

    def _number(self, name):
        raw = (self.cleaned_data.get(name) or "").strip()
        if not raw:
            return None
        try:
            number = parse_decimal(raw)
        except ValueError:
            self.add_error(name, _("“%(value)s” is not a number.") % {"value": raw[:40]})
            return None
        if number < 0:
            self.add_error(name, _("A part cannot be negative."))
        elif self.indicator.kind == Indicator.Kind.PERCENTAGE and number > 100:
            self.add_error(name, _("A percentage is between 0 and 100."))
        return number

    def clean(self):
        data = super().clean()
        parts = {}
        for group in self.groups:
            values = parts.setdefault(group.dimension, {})
            if group.dimension != "nationality":
                for name in group.names:
                    values[name.split("-", 1)[1]] = self._number(name)
                continue
            if self.too_many:
                limit = {"max": disaggregation.MAX_NATIONALITIES}
                self.add_error(group.names[0], _("At most %(max)s nationalities.") % limit)
            for country_name, value_name in zip(group.names[::2], group.names[1::2], strict=True):
                country, number = data.get(country_name), self._number(value_name)
                if not country:
                    if number is not None:
                        self.add_error(country_name, _("Choose the nationality of this value."))
                    continue
                if country in values:
                    label = self.catalogue.label("nationality", country)
                    self.add_error(country_name, _("%(country)s is given twice.") % {"country": label})
                    continue
                values[country] = number
        self.parts_found = parts
        return data

    def parts(self) -> dict:
        return self.parts_found

    def add_dimension_errors(self, error_dict) -> bool:
        """Show a service's ValidationError({dimension: [...]}) on the fieldsets; False if a key is not one."""
        groups = {group.dimension: group for group in self.groups}
        if not set(error_dict) <= set(groups):
            return False
        for dimension, messages in error_dict.items():
            groups[dimension].errors.extend(messages)
        return True


def _typed(value: Decimal) -> str:
    """A saved number as a French speaker types it: 1234,5."""
    return f"{value.normalize():f}".replace(".", ",")


class ActionReportForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Action.Status.choices)
    progress = forms.CharField(label=_("progress"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    """The secretariat's decision on a value: validate, send back (with a reason) or reopen."""

    decision = forms.ChoiceField(
        choices=[("validate", _("validate")), ("send_back", _("send back")), ("reopen", _("reopen"))]
    )
    comment = forms.CharField(required=False, max_length=2000)


class IpttFilterForm(forms.Form):
    axis = forms.TypedChoiceField(label=_("strategic axis"), required=False, coerce=int, empty_value=None)
    institution = forms.TypedChoiceField(
        label=_("responsible institution"), required=False, coerce=int, empty_value=None
    )
    year = forms.TypedChoiceField(label=_("year"), required=False, coerce=int, empty_value=None)
    submitted = forms.BooleanField(label=_("include values awaiting validation"), required=False)

    def __init__(self, *args, axes, institutions, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].choices = [("", _("all"))] + [(a.pk, f"{a.code} {a.title}".strip()) for a in axes]
        self.fields["institution"].choices = [("", _("all"))] + [(i.pk, i.acronym or i.name_fr) for i in institutions]
        self.fields["year"].choices = [("", _("all"))] + [(y, str(y)) for y in years]

    def criteria(self):
        from .iptt import Filters

        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            axis=data.get("axis"),
            institution=data.get("institution"),
            year=data.get("year"),
            include_submitted=bool(data.get("submitted")),
        )
