from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Institution


class InstitutionForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Institution
        fields = [
            "name_fr",
            "name_en",
            "acronym",
            "kind",
            "parent",
            "country",
            "website",
            "active_from",
            "active_to",
            "notes",
        ]
        widgets = {
            "active_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "active_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Institution.objects.order_by("name_fr")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean(self):
        data = super().clean()
        name_fr, acronym = data.get("name_fr"), data.get("acronym")
        if name_fr:
            twins = Institution.objects.filter(name_fr__iexact=name_fr.strip())
            if acronym:
                twins = twins.filter(acronym__iexact=acronym.strip())
            if twins.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(_("An institution with this name is already in the directory."))
        return data


class InstitutionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), ("active", _("active today")), ("ended", _("ended"))],
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("all types")), *Institution.Kind.choices]
        self.fields["country"].choices = [
            ("", _("all countries")),
            ("international", _("international")),
            *[(country.code, country.name) for country in countries],
        ]
