"""Forms of the participants pages: choosing whom to invite, status changes, walk-ins on the day."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.core.forms import IdsField
from cadre.directory.models import Institution, Person

from .models import Participation


def _institutions():
    return Institution.objects.active_on().order_by("name_fr")


class CandidatesForm(forms.Form):
    """Step one of an invitation (GET): the institutions whose people are proposed, and/or a name to look up."""

    institutions = IdsField(
        label=_("Institutions"),
        queryset=Institution.objects.none(),
        required=False,
        help_text=_("All the people of the chosen institutions in the directory are proposed, already ticked."),
    )
    q = forms.CharField(
        label=_("Or look up a person by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institutions"].queryset = _institutions()

    def criteria(self):
        """(institutions, name) chosen; nothing when the form is empty or invalid."""
        if not self.is_bound or not self.is_valid():
            return [], ""
        return list(self.cleaned_data["institutions"]), self.cleaned_data["q"].strip()


class InviteForm(forms.Form):
    """Step two (POST): the people ticked."""

    people = IdsField(
        label=_("People to invite"),
        queryset=Person.objects.select_related("institution"),
        error_messages={"required": _("Tick at least one person to invite.")},
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Participation.Status.choices)


class WalkInForm(forms.Form):
    """Someone who came without an invitation: recorded in the directory and as present."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=Institution.objects.none())
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = _institutions()

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Give the person's name."))
        return name
