from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Evidence


class EvidenceForm(forms.Form):
    """The measures chosen for one expected result (one such form per result, prefixed by its number)."""

    measures = forms.MultipleChoiceField(
        label=_("Measures shown for this result"),
        choices=Evidence.Measure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes whose questions count for the knowledge gain"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every theme counts."),
    )

    def __init__(self, *args, result, themes, **kwargs):
        """`themes`: the workspace's themes, read once for all the forms of the page."""
        kwargs.setdefault("prefix", f"result-{result.number}")
        super().__init__(*args, **kwargs)
        self.result = result
        self.themes = {str(theme.pk): theme for theme in themes}
        self.fields["themes"].choices = [(key, theme.name) for key, theme in self.themes.items()]
        self.fields["themes"].error_messages["invalid_choice"] = _("This theme is not one of this workspace's themes.")
        self.fields["measures"].error_messages["invalid_choice"] = _("Unknown measure: %(value)s.")

    def clean_themes(self):
        return [self.themes[key] for key in self.cleaned_data["themes"]]

    def clean(self):
        data = super().clean()
        if data.get("themes") and Evidence.Measure.KNOWLEDGE_GAIN not in (data.get("measures") or []):
            self.add_error(
                "themes", _("Themes count only for the knowledge gain: tick that measure or untick the themes.")
            )
        return data
