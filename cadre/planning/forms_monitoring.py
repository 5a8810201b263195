"""Forms of the monitoring rounds: opening a round, a focal point's value for an indicator, an action's status."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

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
