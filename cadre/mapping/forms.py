from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cadre.core.forms import IdsField
from cadre.directory.models import AdminArea, Institution

from .models import Intervention, Location, MappingInterview, Participation
from .queries import NO_THEME, Filters, cached


class QuickSelect(forms.Select):
    """A select rendered in Python: Django renders each option through a template, which for the hundreds of
    institutions of a country's mapping costs more than the rest of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = {"" if value is None else str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(key), mark_safe(" selected") if str(key) in chosen else "", label) for key, label in self.choices),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


class FilterForm(forms.Form):
    """The filters of the list, the matrix, the charts and the exports; unknown values are ignored, not fatal."""

    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None, widget=QuickSelect)
    area = forms.TypedChoiceField(label=_("Region"), required=False, coerce=int, empty_value=None, widget=QuickSelect)
    actor = forms.TypedChoiceField(label=_("Actor"), required=False, coerce=int, empty_value=None, widget=QuickSelect)
    funder = forms.TypedChoiceField(label=_("Funder"), required=False, coerce=int, empty_value=None, widget=QuickSelect)
    active_from = forms.DateField(
        label=_("Running after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    active_to = forms.DateField(
        label=_("Running before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        self.fields["status"].choices = everyone + list(Intervention.Status.choices)
        self.fields["theme"].choices = (
            everyone
            + [(t.pk, t.name) for t in workspace.themes.order_by("order", "pk")]
            + [(NO_THEME, _("No theme yet"))]
        )
        regions = AdminArea.objects.filter(country=workspace.country, kind=AdminArea.Kind.REGION).order_by("name")
        self.fields["area"].choices = everyone + [(a.pk, a.name) for a in regions]
        actors, funders = cached(workspace, None, f"actors-{get_language()}", lambda: _actors(workspace))
        self.fields["actor"].choices = everyone + actors
        self.fields["funder"].choices = everyone + funders

    def criteria(self) -> Filters:
        """The valid criteria (an invalid one is dropped, the others kept)."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            text=data.get("q") or "",
            status=data.get("status") or "",
            theme=data.get("theme"),
            area=data.get("area"),
            actor=data.get("actor"),
            funder=data.get("funder"),
            active_from=data.get("active_from"),
            active_to=data.get("active_to"),
        )


def _actors(workspace):
    """(actors, funders) of the workspace's interventions as menu choices."""
    taking_part = Participation.objects.filter(intervention__workspace=workspace)
    fields = ("pk", "name_fr", "name_en", "acronym")
    actors = Institution.objects.filter(pk__in=taking_part.values("institution_id")).only(*fields)
    funders = Institution.objects.filter(
        pk__in=taking_part.filter(role=Participation.Role.FUNDING).values("institution_id")
    ).only(*fields)
    return (
        [(i.pk, _short(i)) for i in actors.order_by("name_fr")],
        [(i.pk, _short(i)) for i in funders.order_by("name_fr")],
    )


def _short(institution):
    name = institution.name
    return f"{institution.acronym} — {name}" if institution.acronym and institution.acronym != name else name


class InterventionForm(forms.ModelForm):
    class Meta:
        model = Intervention
        fields = [
            "title_fr",
            "title_en",
            "description_fr",
            "description_en",
            "code",
            "iati_identifier",
            "status",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "budget",
            "currency",
            "budget_eur",
            "parent",
            "themes",
            "source_note",
            "last_confirmed",
        ]
        field_classes = {"themes": IdsField}
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
            **{
                name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                for name in ("planned_start", "planned_end", "actual_start", "actual_end", "last_confirmed")
            },
        }

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["themes"].queryset = workspace.themes.order_by("order", "pk")
        parents = Intervention.objects.filter(workspace=workspace, parent__isnull=True).only(
            "pk", "title_fr", "title_en", "iati_identifier", "code"
        )
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["currency"].widget.attrs.update({"maxlength": 3, "autocapitalize": "characters"})

    def clean_currency(self):
        currency = (self.cleaned_data.get("currency") or "EUR").strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError(_("Give the currency's three-letter code, e.g. EUR or XOF."))
        return currency

    def clean(self):
        data = super().clean()
        for name in ("iati_identifier", "code"):
            value = (data.get(name) or "").strip()
            if (
                value
                and Intervention.objects.filter(workspace=self.workspace, **{name: value})
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error(name, _("Another intervention of this workspace already has this identifier."))
        return data


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["role", "institution"]

    def has_changed(self):
        # A row pre-filled with the user's institution is kept even if left as offered.
        return super().has_changed() or bool(self.instance.pk is None and self.data.get(self.add_prefix("institution")))


ParticipationFormSet = forms.inlineformset_factory(
    Intervention, Participation, form=ParticipationForm, extra=2, can_delete=True
)


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["scope", "area", "country_code", "percentage"]

    def __init__(self, *args, country=None, **kwargs):
        super().__init__(*args, **kwargs)
        areas = AdminArea.objects.select_related("region").order_by("region__name", "kind", "name")
        self.fields["area"].queryset = areas.filter(country=country) if country else areas


LocationFormSet = forms.inlineformset_factory(Intervention, Location, form=LocationForm, extra=2, can_delete=True)


class InterviewForm(forms.ModelForm):
    class Meta:
        model = MappingInterview
        fields = ["institution", "date", "status", "interviewers", "met", "notes", "confirmed"]
        field_classes = {"confirmed": IdsField}
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 6}),
            "confirmed": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["confirmed"].queryset = Intervention.objects.filter(workspace=workspace).only(
            "pk", "title_fr", "title_en", "iati_identifier", "code"
        )
        institution = self.instance.institution if self.instance.pk else None
        if institution is not None:
            self.fields["confirmed"].queryset = (
                self.fields["confirmed"].queryset.filter(participations__institution=institution).distinct()
            )

    def clean(self):
        data = super().clean()
        institution, confirmed = data.get("institution"), data.get("confirmed")
        if institution is not None and confirmed:
            foreign = [i for i in confirmed if not i.participations.filter(institution=institution).exists()]
            if foreign:
                self.add_error(
                    "confirmed",
                    _("%(institution)s takes no part in: %(names)s.")
                    % {"institution": institution, "names": "; ".join(str(i) for i in foreign)},
                )
        return data

    def clean_institution(self):
        institution = self.cleaned_data["institution"]
        taken = MappingInterview.objects.filter(workspace=self.workspace, institution=institution)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This institution already has a mapping interview in this workspace."))
        return institution
