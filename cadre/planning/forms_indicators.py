"""The indicator form (with its targets per year or per custom period, and the library picker), the list's filters
and the results-file upload."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cadre.directory.models import Institution

from . import library
from .indicators import parse_number, parse_target, year_period
from .models import Action, Indicator, Objective
from .queries import level_names

FIRST_YEAR, LAST_YEAR = 1950, 2100
CUSTOM_ROWS = 2  # empty custom-period rows offered beneath the existing ones
MAX_CUSTOM_ROWS = 30


class DecimalCommaField(forms.CharField):
    """A number typed with a decimal comma or point ("0,8", "1 234,5")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return "" if value is None else (f"{value.normalize():f}" if hasattr(value, "normalize") else value)

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return parse_number(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def level_choices(plan):
    """The objectives and actions of the plan an indicator may measure, grouped by level, in framework order."""
    groups = []
    names = level_names(plan)
    objectives = list(Objective.objects.filter(plan=plan).order_by("order", "code", "pk"))
    for level, _label in Objective.Level.choices:
        options = [(f"objective:{o.pk}", f"{o.code} {o.title}".strip()) for o in objectives if o.level == level]
        if options:
            groups.append((capfirst(names[level][1]), options))
    actions = [
        (f"action:{a.pk}", f"{a.code} {a.title}".strip())
        for a in Action.objects.filter(plan=plan).order_by("order", "code", "pk")
    ]
    if actions:
        groups.append((capfirst(names["action"][1]), actions))
    return groups


class IndicatorForm(forms.ModelForm):
    measures = forms.ChoiceField(label=_("Level it measures"))
    baseline_value = DecimalCommaField(label=_("Baseline"), required=False, help_text=_("A decimal comma is fine."))
    disaggregation = forms.MultipleChoiceField(
        label=_("Disaggregated by"),
        required=False,
        choices=Indicator.DISAGGREGATIONS,
        widget=forms.CheckboxSelectMultiple,
    )
    library = forms.ChoiceField(
        label=_("Pick from the library"),
        required=False,
        help_text=_("EU Trust Fund common output indicators: fills in the definition, unit and reference."),
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "definition_fr",
            "definition_en",
            "kind",
            "unit",
            "baseline_value",
            "baseline_text",
            "baseline_year",
            "baseline_source",
            "disaggregation",
            "means_of_verification",
            "frequency",
            "responsible_institution",
            "library_code",
        ]
        widgets = {
            "definition_fr": forms.Textarea(attrs={"rows": 2}),
            "definition_en": forms.Textarea(attrs={"rows": 2}),
            "means_of_verification": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["measures"].choices = [("", "—")] + level_choices(plan)
        if self.instance.objective_id:
            self.initial.setdefault("measures", f"objective:{self.instance.objective_id}")
        elif self.instance.action_id:
            self.initial.setdefault("measures", f"action:{self.instance.action_id}")
        self.fields["library"].choices = library.choices()
        self.fields["responsible_institution"].queryset = Institution.objects.order_by("name_fr", "pk")
        self.fields["baseline_year"].widget.attrs.update({"min": FIRST_YEAR, "max": LAST_YEAR})
        self.fields["definition_fr"].help_text = _("Say what is counted or measured, e.g. “Number of …”.")
        self.order_fields(["measures", "library"])
        existing = list(self.instance.targets.all()) if self.instance.pk else []
        by_year, custom = {}, []
        for target in existing:
            year = target.period_end.year
            if (target.period_start, target.period_end) == year_period(year) and year in plan.years:
                by_year[year] = target
            else:
                custom.append(target)
        self.year_names = []
        for year in plan.years:
            name = f"target_{year}"
            self.fields[name] = forms.CharField(label=str(year), required=False, max_length=300)
            self.fields[name].widget.attrs["inputmode"] = "decimal"
            if year in by_year:
                self.initial.setdefault(name, _target_text(by_year[year]))
            self.year_names.append(name)
        rows = max(len(custom) + CUSTOM_ROWS, min(MAX_CUSTOM_ROWS, _posted_rows(self.data or self.initial)))
        self.custom_rows = []
        for index in range(rows):
            start, end, value = f"custom_{index}_start", f"custom_{index}_end", f"custom_{index}_value"
            self.fields[start] = forms.DateField(
                label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            )
            self.fields[end] = forms.DateField(
                label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            )
            self.fields[value] = forms.CharField(label=_("target"), required=False, max_length=300)
            if index < len(custom):
                target = custom[index]
                self.initial.setdefault(start, target.period_start)
                self.initial.setdefault(end, target.period_end)
                self.initial.setdefault(value, _target_text(target))
            self.custom_rows.append((start, end, value))
        self.fields["custom_rows"] = forms.IntegerField(widget=forms.HiddenInput, required=False, initial=rows)

    # the template shows these apart from the main fields
    def main_fields(self):
        hidden = {"library", "custom_rows", *self.year_names}
        hidden.update(name for row in self.custom_rows for name in row)
        return [self[name] for name in self.fields if name not in hidden]

    def year_fields(self):
        return [self[name] for name in self.year_names]

    def custom_fields(self):
        return [tuple(self[name] for name in row) for row in self.custom_rows]

    def clean_baseline_year(self):
        year = self.cleaned_data.get("baseline_year")
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Give a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return year

    def clean_kind(self):
        """The type says how reported values read (a count, a rate, yes/no, a text): it is fixed once values exist."""
        kind = self.cleaned_data.get("kind")
        indicator = self.instance
        if indicator.pk and kind != indicator.kind and indicator.measurements.exists():
            raise forms.ValidationError(
                _("Values were reported for this indicator: its type can no longer change. Create another indicator.")
            )
        return kind

    def clean_measures(self):
        value = self.cleaned_data["measures"]
        kind, _sep, pk = value.partition(":")
        model = {"objective": Objective, "action": Action}.get(kind)
        found = model.objects.filter(plan=self.plan, pk=pk).first() if model and pk.isdigit() else None
        if found is None:
            raise forms.ValidationError(_("Choose an objective or an action of this plan."))
        return found

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") or Indicator.Kind.NUMBER
        targets = {}
        for year, name in zip(self.plan.years, self.year_names, strict=True):
            try:
                value, text = parse_target(cleaned.get(name), kind)
            except ValueError as error:
                self.add_error(name, str(error))
                continue
            if value is not None or text:
                targets[year_period(year)] = (value, text)
        for start_name, end_name, value_name in self.custom_rows:
            start, end, raw = cleaned.get(start_name), cleaned.get(end_name), cleaned.get(value_name)
            if not (start or end or (raw or "").strip()):
                continue
            if not start or not end:
                self.add_error(start_name if not start else end_name, _("Give the period's start and end."))
                continue
            if end < start:
                self.add_error(end_name, _("The period ends before it starts."))
                continue
            try:
                value, text = parse_target(raw, kind)
            except ValueError as error:
                self.add_error(value_name, str(error))
                continue
            if value is None and not text:
                self.add_error(value_name, _("Give the target for this period."))
                continue
            if (start, end) in targets:
                self.add_error(start_name, _("This period already has a target."))
                continue
            targets[(start, end)] = (value, text)
        self.targets = [(start, end, value, text) for (start, end), (value, text) in targets.items()]
        return cleaned

    def save(self, commit=True):
        indicator = super().save(commit=False)
        owner = self.cleaned_data["measures"]
        indicator.plan = self.plan
        indicator.workspace_id = self.plan.workspace_id
        indicator.objective = owner if isinstance(owner, Objective) else None
        indicator.action = owner if isinstance(owner, Action) else None
        if commit:
            indicator.save()
        return indicator


def _target_text(target) -> str:
    if target.value is None:
        return target.value_text
    return f"{target.value.normalize():f}".replace(".", ",")


def _posted_rows(data) -> int:
    try:
        return int(data.get("custom_rows") or 0)
    except (TypeError, ValueError, AttributeError):
        return 0


def library_values(key) -> dict | None:
    """The fields a library entry fills in, or None for an unknown key."""
    entry = library.get(key)
    if entry is None:
        return None
    return {
        "definition_en": entry.title_en,
        "definition_fr": entry.title_fr,
        "unit": entry.unit,
        "kind": entry.kind,
        "library_code": entry.library_code,
        "library": entry.key,
    }


class FilterForm(forms.Form):
    axis = forms.TypedChoiceField(label=_("Strategic axis"), required=False, coerce=int, empty_value=None)
    level = forms.ChoiceField(label=_("Level"), required=False)
    institution = forms.TypedChoiceField(
        label=_("Responsible institution"), required=False, coerce=int, empty_value=None
    )
    smart = forms.ChoiceField(
        label=_("SMART check"),
        required=False,
        choices=[("", _("all")), ("warnings", _("with advice")), ("complete", _("nothing missing"))],
    )

    def __init__(self, *args, axes, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].choices = [("", _("all"))] + [(a.pk, f"{a.code} {a.title}".strip()) for a in axes]
        self.fields["level"].choices = [("", _("all"))] + list(Objective.Level.choices) + [("action", _("action"))]
        self.fields["institution"].choices = [("", _("all"))] + [(i.pk, str(i)) for i in institutions]

    def criteria(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class ResultsImportForm(forms.Form):
    file = forms.FileField(
        label=_("Results file (CSV)"),
        help_text=_(
            "The EU Trust Fund results file: columns iati_id, result_type, title, period_start, period_end, target, "
            "actual (UTF-8 or Windows-1252)."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, save nothing"), required=False)
