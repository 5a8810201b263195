from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cadre.core.forms import IdsField
from cadre.directory.models import Institution

from .models import ExpectedResult, Expert, Membership, ThematicArea, Theme, WorkplanActivity, Workspace
from .roles import Role


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TagsField(forms.CharField):
    """A list of short tags typed as comma-separated text."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [tag.strip() for tag in text.split(",") if tag.strip()]


class WorkspaceForm(forms.ModelForm):
    thematic_area_codes = forms.MultipleChoiceField(
        label=_("Thematic areas"), choices=ThematicArea.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Workspace
        fields = [
            "title_fr",
            "title_en",
            "country",
            "requesting_authority",
            "co_requesters",
            "programme",
            "reference",
            "expert_countries",
            "start_date",
            "end_date",
            "objective_fr",
            "objective_en",
            "thematic_area_codes",
            "status",
        ]
        field_classes = {"expert_countries": IdsField, "co_requesters": IdsField}
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "objective_fr": forms.Textarea(attrs={"rows": 3}),
            "objective_en": forms.Textarea(attrs={"rows": 3}),
            "expert_countries": forms.SelectMultiple(attrs={"size": 8}),
            "co_requesters": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        institutions = Institution.objects.select_related("country").order_by("name_fr")
        self.fields["requesting_authority"].queryset = institutions
        self.fields["co_requesters"].queryset = institutions


class NewWorkspaceForm(WorkspaceForm):
    class Meta(WorkspaceForm.Meta):
        fields = ["title_fr", "title_en", "slug", *WorkspaceForm.Meta.fields[2:]]

    institution = forms.ModelChoiceField(
        label=_("I act on behalf of"),
        queryset=Institution.objects.order_by("name_fr"),
        required=False,
        help_text=_("You become the first secretariat member of the new workspace."),
    )


class ActivityForm(forms.ModelForm):
    class Meta:
        model = WorkplanActivity
        fields = [
            "number",
            "kind",
            "title_fr",
            "title_en",
            "description_fr",
            "description_en",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "status",
            "themes",
            "experts",
        ]
        field_classes = {"themes": IdsField, "experts": IdsField}
        widgets = {
            "planned_start": DateInput(),
            "planned_end": DateInput(),
            "actual_start": DateInput(),
            "actual_end": DateInput(),
            "title_fr": forms.Textarea(attrs={"rows": 2}),
            "title_en": forms.Textarea(attrs={"rows": 2}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "experts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["themes"].queryset = Theme.objects.filter(workspace=workspace)
        self.fields["experts"].queryset = Expert.objects.filter(workspace=workspace).select_related("person", "country")

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = WorkplanActivity.objects.filter(workspace=self.workspace, number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Activity %(number)s already exists in this workplan."), params={"number": number}
            )
        return number


class ResultForm(forms.ModelForm):
    class Meta:
        model = ExpectedResult
        fields = ["number", "statement_fr", "statement_en", "measurement_fr", "measurement_en"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in fields[1:]}

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = ExpectedResult.objects.filter(workspace=self.workspace, number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Result %(number)s already exists."), params={"number": number})
        return number


class ThemeForm(forms.ModelForm):
    framework_tags = TagsField(
        label=_("Framework tags"),
        required=False,
        help_text=_("Separated by commas, e.g. GCM-11, GCM-12."),
    )

    class Meta:
        model = Theme
        fields = ["order", "code", "name_fr", "name_en", "description_fr", "description_en", "framework_tags"]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace

    def clean_code(self):
        code = self.cleaned_data["code"]
        if Theme.objects.filter(workspace=self.workspace, code=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another theme of this workspace already has this code."))
        return code


class ExpertForm(forms.ModelForm):
    class Meta:
        model = Expert
        fields = ["person", "country", "expertise_fr", "expertise_en"]

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["person"].queryset = self.fields["person"].queryset.select_related("institution")

    def clean_person(self):
        person = self.cleaned_data["person"]
        if Expert.objects.filter(workspace=self.workspace, person=person).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This person is already an expert of this workspace."))
        return person


class AddMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        required=False,
        help_text=_("Needed only if this person has no account yet."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    institution = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Institution.objects.order_by("name_fr"), required=False
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES, initial="fr")

    def clean(self):
        from django.contrib.auth import get_user_model

        data = super().clean()
        email = data.get("email")
        has_account = email and get_user_model().objects.filter(email__iexact=email).exists()
        if email and not data.get("full_name") and not has_account:
            self.add_error("full_name", _("This person has no account yet: give their full name."))
        return data


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "institution", "valid_from", "valid_to"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.order_by("name_fr")
