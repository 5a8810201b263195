from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cadre.core.forms import IdsField
from cadre.directory.models import Institution

from . import queries
from .models import Comment, Document, Section, SignOff, Suggestion

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title_fr", "title_en", "kind", "language"]


class DocumentCreateForm(DocumentForm):
    from_template = forms.BooleanField(
        label=_("Start from the usual outline of a national strategy"),
        required=False,
        initial=True,
        help_text=_(
            "Context and diagnosis, vision, one strategic axis per theme, implementation, monitoring, financing."
        ),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Word file (.docx)"), help_text=_("One section is made for each heading."))
    title = forms.CharField(
        label=_("Title of the new document"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the file's title."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(_("Choose a Word file ending in .docx."))
        return upload


def _parent_choices(document, exclude=None):
    sections = queries.titles_of(document)
    parents = {section.pk: section.parent_id for section in sections}
    choices = [("", _("— top level (a chapter) —"))]
    for section in sections:
        if exclude is not None and _is_within(section.pk, exclude.pk, parents):
            continue
        choices.append((str(section.pk), f"{'  ' * (section.level - 1)}{section.number} {section.title}"))
    return choices


def _is_within(pk, ancestor_pk, parents):
    while pk is not None:
        if pk == ancestor_pk:
            return True
        pk = parents.get(pk)
    return False


class SectionCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    parent = forms.ChoiceField(label=_("Within"), required=False)
    position = forms.IntegerField(
        label=_("Position"), min_value=1, required=False, help_text=_("Leave empty to add it at the end.")
    )

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        self.fields["parent"].choices = _parent_choices(document)

    def clean_parent(self):
        value = self.cleaned_data.get("parent")
        if not value:
            return None
        return Section.objects.filter(document=self.document, pk=value).first()


class MoveForm(SectionCreateForm):
    def __init__(self, *args, document, section, **kwargs):
        super().__init__(*args, document=document, **kwargs)
        del self.fields["title"]
        self.fields["parent"].choices = _parent_choices(document, exclude=section)
        self.fields["position"].required = True


class SectionTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true", "class": "editor"}),
        help_text=_(
            "Paragraphs separated by a blank line; **bold**, *italic*, lists with “- ” or “1. ”, "
            "[links](https://…), tables with |, footnotes with [^1]."
        ),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(label=_("What changed (optional)"), max_length=300, required=False)


class SectionDetailsForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["status", "lead_institution", "drafters", "themes"]
        widgets = {"drafters": forms.CheckboxSelectMultiple, "themes": forms.CheckboxSelectMultiple}
        field_classes = {"drafters": IdsField, "themes": IdsField}

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        members = workspace.memberships.current().filter(role__in=["secretariat", "member"])
        self.fields["drafters"].queryset = get_user_model().objects.filter(pk__in=members.values("user_id"))
        self.fields["themes"].queryset = workspace.themes.order_by("order", "pk")
        self.fields["lead_institution"].queryset = Institution.objects.filter(
            pk__in=workspace.memberships.values("institution_id")
        ) | Institution.objects.filter(pk=workspace.requesting_authority_id)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    quote = forms.CharField(
        label=_("Passage commented on"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "quote-field"}),
        help_text=_("Select text in the section to fill this in, or paste the passage; empty for the whole section."),
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput(attrs={"class": "start-field"}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "comment-%s")  # the section page also holds a suggestion form
        super().__init__(*args, **kwargs)


class SuggestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Change"), choices=Suggestion.Kind.choices, initial=Suggestion.Kind.REPLACE)
    quote = forms.CharField(
        label=_("Passage"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "quote-field"}),
        help_text=_(
            "Select text in the section to fill this in, or paste the passage. For an insertion, the "
            "passage after which the text goes."
        ),
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput(attrs={"class": "start-field"}))
    replacement = forms.CharField(label=_("Proposed text"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "suggestion-%s")
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReleaseForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the release"), max_length=300, help_text=_("For example “Draft for the 2nd drafting session”.")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SignOffForm(forms.ModelForm):
    class Meta:
        model = SignOff
        fields = ["institution", "decision", "reservations", "signatory"]
        widgets = {"decision": forms.RadioSelect, "reservations": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions

    def clean(self):
        data = super().clean()
        decision, reservations = data.get("decision"), (data.get("reservations") or "").strip()
        if decision in (SignOff.Decision.RESERVATIONS, SignOff.Decision.NOT_ENDORSED) and not reservations:
            self.add_error("reservations", _("Say what the reservations are."))
        return data


class AdoptionForm(forms.Form):
    release = forms.ModelChoiceField(label=_("Adopted release"), queryset=None)
    adoption_reference = forms.CharField(
        label=_("Adoption reference"), max_length=300, help_text=_("For example the decree number and date.")
    )
    adopted_on = forms.DateField(label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["release"].queryset = document.releases.defer("content")


class DiscussionFilterForm(forms.Form):
    STATUS_CHOICES = [("open", _("Open")), ("resolved", _("Resolved")), ("all", _("All"))]
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    mine = forms.BooleanField(label=_("Mine only"), required=False)
    institution = forms.ChoiceField(label=_("Institution"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        institutions = Institution.objects.filter(
            pk__in=Comment.objects.filter(section__document__workspace=workspace).values("institution_id")
        ).order_by("name_fr")
        self.fields["institution"].choices = [("", _("All"))] + [(str(i.pk), str(i)) for i in institutions]
        self.fields["theme"].choices = [("", _("All"))] + [
            (str(t.pk), t.name) for t in workspace.themes.order_by("order", "pk")
        ]
