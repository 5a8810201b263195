"""Forms of the results framework: plans, objectives, actions, costs, funding sources, contributions.

(The indicator, monitoring and export forms are in forms_<part>.py.)
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from cadre.core.forms import IdsField
from cadre.directory.models import Institution
from cadre.drafting.models import Document
from cadre.drafting.queries import section_choices

from .models import CURRENCIES, DEFAULT_RATES, Action, Contribution, Cost, FundingSource, Objective, Plan
from .queries import LEVELS

FIRST_YEAR, LAST_YEAR = 1990, 2100
# The columns hold 18 digits, 2 of them decimals; SQLite keeps them as 8-byte floats, which read 16-digit amounts
# back with one digit too many (refused on reading): amounts stay under 10^15.
MAX_AMOUNT = Decimal("999999999999999.99")
# Addresses under w/<workspace>/plan/ that are not plans.
RESERVED_SLUGS = {"new", "imports"}


def institutions():
    return Institution.objects.order_by("name_fr", "pk")


class PlanForm(forms.ModelForm):
    rates_text = forms.CharField(
        label=_("Other exchange rates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, units per euro, e.g. “USD = 1.08”. XOF and EUR are fixed."),
    )

    class Meta:
        model = Plan
        fields = ["title_fr", "title_en", "slug", "start_year", "end_year", "status", "document", "currency"]
        fields += ["convention"]

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["document"].queryset = Document.objects.filter(workspace=workspace).order_by("title_fr")
        for name in ("start_year", "end_year"):
            self.fields[name].widget.attrs.update({"min": FIRST_YEAR, "max": LAST_YEAR})
        custom = self.instance.custom_level_names or {}
        for level in LEVELS:
            for language, label in (("fr", _("French")), ("en", _("English"))):
                name = f"level_{level}_{language}"
                self.fields[name] = forms.CharField(
                    label=_("Custom name: %(level)s (%(language)s)") % {"level": level, "language": label},
                    required=False,
                    max_length=80,
                )
                self.initial.setdefault(name, (custom.get(level) or {}).get(language, ""))
        self.initial.setdefault(
            "rates_text",
            "\n".join(
                f"{code} = {value}" for code, value in (self.instance.rates or {}).items() if code not in DEFAULT_RATES
            ),
        )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is used by the application; choose another one."))
        others = Plan.objects.filter(workspace=self.workspace, slug=slug).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another plan of this workspace already has this short name."))
        return slug

    def _year(self, name):
        year = self.cleaned_data.get(name)
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(_("Give a year between 1990 and 2100."))
        return year

    def clean_start_year(self):
        return self._year("start_year")

    def clean_end_year(self):
        return self._year("end_year")

    def clean_rates_text(self):
        rates = {}
        known = {code for code, _label in CURRENCIES}
        for number, line in enumerate(self.cleaned_data.get("rates_text", "").splitlines(), start=1):
            if not line.strip():
                continue
            code, _sep, value = line.partition("=")
            code = code.strip().upper()
            if code in DEFAULT_RATES:
                raise forms.ValidationError(
                    _("Line %(number)s: the rate of %(code)s is fixed.") % {"number": number, "code": code}
                )
            if code not in known:
                raise forms.ValidationError(
                    _("Line %(number)s: unknown currency “%(code)s”.") % {"number": number, "code": code}
                )
            try:
                rate = Decimal(value.strip().replace(",", "."))
            except InvalidOperation:
                rate = None
            if rate is None or not rate.is_finite() or rate <= 0 or rate > 10**9:
                raise forms.ValidationError(
                    _("Line %(number)s: give a positive number of units per euro.") % {"number": number}
                )
            rates[code] = str(rate)
        return rates

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year is before the first year."))
        elif start and end and end - start > 30:
            self.add_error("end_year", _("A plan covers at most 31 years."))
        currency = data.get("currency")
        if currency and currency not in DEFAULT_RATES and currency not in (data.get("rates_text") or {}):
            self.add_error("rates_text", _("Give the rate of %(code)s, the plan's currency.") % {"code": currency})
        if self.instance.pk and "rates_text" in data:
            self._check_rates_in_use({**DEFAULT_RATES, **data["rates_text"]})
        return data

    def _check_rates_in_use(self, rates):
        """The plan's costs and funding sources keep their value in euros: their currencies keep a rate, and
        the converted amounts fit the column."""
        for model in (Cost, FundingSource):
            largest = (
                model.objects.filter(action__plan=self.instance)
                .values("currency")
                .annotate(largest=Max("amount"))
                .order_by()
            )
            for row in largest:
                code, rate = row["currency"], Decimal(str(rates.get(row["currency"]) or 0))
                if not rate:
                    self.add_error(
                        "rates_text", _("Amounts of the plan are in %(code)s: give its rate.") % {"code": code}
                    )
                elif abs(row["largest"]) / rate > MAX_AMOUNT:
                    self.add_error(
                        "rates_text",
                        _("With this rate, amounts of the plan in %(code)s are too large in euros.") % {"code": code},
                    )

    def save(self, commit=True):
        plan = super().save(commit=False)
        plan.rates = self.cleaned_data.get("rates_text") or {}
        names = {}
        for level in LEVELS:
            entry = {
                language: self.cleaned_data.get(f"level_{level}_{language}", "").strip() for language in ("fr", "en")
            }
            entry = {language: name for language, name in entry.items() if name}
            if entry:
                names[level] = entry
        plan.custom_level_names = names
        if commit:
            plan.save()
        return plan


class ObjectiveForm(forms.ModelForm):
    sections = forms.TypedMultipleChoiceField(
        label=_("Strategy sections"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The sections of the strategy this axis puts into practice."),
    )

    class Meta:
        model = Objective
        fields = ["code", "order", "title_fr", "title_en", "description_fr", "description_en", "theme", "sections"]
        widgets = {
            "title_fr": forms.Textarea(attrs={"rows": 2}),
            "title_en": forms.Textarea(attrs={"rows": 2}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, level, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.level = level
        if level == Objective.Level.AXIS:
            self.fields["theme"].queryset = plan.workspace.themes.order_by("order", "pk")
            self.fields["sections"].choices = section_choices(plan.workspace)
            if self.instance.pk:
                self.initial["sections"] = [section.pk for section in self.instance.sections.all()]
        else:
            del self.fields["theme"]
            del self.fields["sections"]

    def clean_sections(self):
        chosen = set(self.cleaned_data.get("sections") or [])
        allowed = {pk for _title, sections in section_choices(self.plan.workspace) for pk, _label in sections}
        if chosen - allowed:
            raise forms.ValidationError(_("Choose sections of this workspace's documents."))
        return sorted(chosen)


class MoveForm(forms.Form):
    """Move an objective under another parent of the level just above, or an action under another result."""

    parent = forms.TypedChoiceField(label=_("New place"), coerce=int)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = choices


QUARTERS = [("", "—")] + [(q, f"T{q}") for q in range(1, 5)]


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "code",
            "order",
            "title_fr",
            "title_en",
            "description_fr",
            "description_en",
            "lead_institution",
            "supporting_institutions",
            "start_year",
            "start_quarter",
            "end_year",
            "end_quarter",
            "status",
            "assumptions",
            "risks",
        ]
        widgets = {
            "title_fr": forms.Textarea(attrs={"rows": 2}),
            "title_en": forms.Textarea(attrs={"rows": 2}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "assumptions": forms.Textarea(attrs={"rows": 2}),
            "risks": forms.Textarea(attrs={"rows": 2}),
            "supporting_institutions": forms.SelectMultiple(attrs={"size": 8}),
        }
        field_classes = {"supporting_institutions": IdsField}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["lead_institution"].queryset = institutions()
        self.fields["supporting_institutions"].queryset = institutions()
        for name in ("start_year", "end_year"):
            self.fields[name].widget.attrs.update({"min": plan.start_year, "max": plan.end_year})

    def clean(self):
        data = super().clean()
        for name in ("start_year", "end_year"):
            year = data.get(name)
            if year is not None and not self.plan.start_year <= year <= self.plan.end_year:
                self.add_error(
                    name,
                    _("Give a year of the plan (%(start)s–%(end)s).")
                    % {"start": self.plan.start_year, "end": self.plan.end_year},
                )
        for year, quarter in (("start_year", "start_quarter"), ("end_year", "end_quarter")):
            if data.get(quarter) and not data.get(year):
                self.add_error(quarter, _("A quarter needs its year."))
        start = (data.get("start_year") or 0, data.get("start_quarter") or 1)
        end = (data.get("end_year") or 0, data.get("end_quarter") or 4)
        if data.get("start_year") and data.get("end_year") and end < start:
            self.add_error("end_year", _("The action ends before it starts."))
        return data


TOO_LARGE_IN_EUROS = _("This amount is too large once converted into euros.")


def _fits_in_euros(plan, amount, currency) -> bool:
    """Whether the amount's value in euros (kept beside it, at the plan's rate) fits the column."""
    if amount is None or plan.rate(currency) is None:
        return True
    return abs(amount / plan.rate(currency)) <= MAX_AMOUNT


def _amount_field(label):
    return forms.DecimalField(label=label, min_value=0, max_value=MAX_AMOUNT, max_digits=18, decimal_places=2)


class CostsForm(forms.Form):
    """The action's cost in each year of the plan, in one currency (an empty year has no cost)."""

    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCIES)

    def __init__(self, *args, plan, costs, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        currencies = {cost.currency for cost in costs}
        self.initial.setdefault("currency", currencies.pop() if len(currencies) == 1 else plan.currency)
        by_year = {cost.year: cost for cost in costs}
        for year in plan.years:
            field = _amount_field(str(year))
            field.required = False
            self.fields[f"y{year}"] = field
            if year in by_year:
                self.initial.setdefault(f"y{year}", by_year[year].amount)

    def clean_currency(self):
        currency = self.cleaned_data["currency"]
        if self.plan.rate(currency) is None:
            raise forms.ValidationError(_("The plan has no exchange rate for %(code)s.") % {"code": currency})
        return currency

    def clean(self):
        data = super().clean()
        currency = data.get("currency")
        for year in self.plan.years:
            if currency and not _fits_in_euros(self.plan, data.get(f"y{year}"), currency):
                self.add_error(f"y{year}", TOO_LARGE_IN_EUROS)
        return data

    def amounts(self) -> dict:
        return {year: self.cleaned_data.get(f"y{year}") for year in self.plan.years}


class FundingSourceForm(forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ["kind", "institution", "amount", "currency", "year", "committed", "note"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["institution"].queryset = institutions()
        self.fields["year"].widget.attrs.update({"min": plan.start_year, "max": plan.end_year})
        self.fields["amount"].min_value = 0
        self.fields["amount"].max_value = MAX_AMOUNT

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is not None and (amount < 0 or amount > MAX_AMOUNT):
            raise forms.ValidationError(_("Give an amount between 0 and 999,999,999,999,999."))
        return amount

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not self.plan.start_year <= year <= self.plan.end_year:
            raise forms.ValidationError(
                _("Give a year of the plan (%(start)s–%(end)s).")
                % {"start": self.plan.start_year, "end": self.plan.end_year}
            )
        return year

    def clean_currency(self):
        currency = self.cleaned_data["currency"]
        if self.plan.rate(currency) is None:
            raise forms.ValidationError(_("The plan has no exchange rate for %(code)s.") % {"code": currency})
        return currency

    def clean(self):
        data = super().clean()
        if data.get("kind") == FundingSource.Kind.PARTNER and not data.get("institution"):
            self.add_error("institution", _("Name the partner."))
        if data.get("currency") and not _fits_in_euros(self.plan, data.get("amount"), data["currency"]):
            self.add_error("amount", TOO_LARGE_IN_EUROS)
        return data


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["intervention", "share_percent", "note"]

    def __init__(self, *args, action, search="", **kwargs):
        super().__init__(*args, **kwargs)
        from .queries import intervention_choices

        self.action = action
        self.fields["intervention"].queryset = intervention_choices(action.plan.workspace, search)
        self.fields["intervention"].label_from_instance = lambda i: (
            f"{i.title} ({i.identifier})" if i.identifier else i.title
        )
        self.fields["share_percent"].widget.attrs.update({"min": "0.01", "max": "100", "step": "0.01"})

    def clean_share_percent(self):
        share = self.cleaned_data.get("share_percent")
        if share is not None and not (0 < share <= 100):
            raise forms.ValidationError(_("Give a share between 0 and 100 %."))
        return share

    def clean_intervention(self):
        intervention = self.cleaned_data.get("intervention")
        if (
            intervention
            and self.action.contributions.filter(intervention=intervention).exclude(pk=self.instance.pk).exists()
        ):
            raise forms.ValidationError(_("This intervention already contributes to this action."))
        return intervention
