"""Forms of the question bank, of the tests and of a participant's answers."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import LIKERT_MAX, LIKERT_MIN, Assessment, Choice, Question
from .queries import KINDS_FOR, NO_THEME

# The largest number an answer or an expected number may hold (Answer.number: 14 digits, 4 after the point).
NUMBER_LIMIT = Decimal("1e10")

LOCKED_MESSAGE = _(
    "This question has already been answered: its choices, correct answer, expected number and points cannot "
    "change, because that would change the scores already recorded. Make a copy to change them."
)


def parse_number(value) -> Decimal | None:
    """A number typed by a person: "0,8", "0.8", "1 200", "1 200,5", "1.200,5" and "1,200.5" are all accepted.

    Returns None for anything that is not a finite number within the range the database stores.
    """
    text = str(value or "").strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not text:
        return None
    if "," in text and "." in text:
        # Both separators: the last one is the decimal point, the other groups thousands.
        point, grouping = (",", ".") if text.rfind(",") > text.rfind(".") else (".", ",")
        text = text.replace(grouping, "").replace(point, ".")
    else:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        return None
    return number.quantize(Decimal("0.0001")) if number.as_tuple().exponent < -4 else number


class NumberField(forms.CharField):
    """A number typed on any keyboard, decimal comma or point (the number keypad on a phone)."""

    default_error_messages = {"invalid": _("Enter a number, for example 12 or 0,8.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        number = parse_number(text)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = format(value, "f")
            return text.rstrip("0").rstrip(".") if "." in text else text
        return value


# --- The question bank -----------------------------------------------------------------------------------


class QuestionFilterForm(forms.Form):
    """Filters of the bank; an unknown value is ignored, not fatal."""

    q = forms.CharField(label=_("Search"), required=False)
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("In use")), ("inactive", _("Not in use")), ("all", _("All"))],
    )

    def __init__(self, *args, workspace, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = (
            [("", _("All themes"))]
            + [(theme.pk, theme.name) for theme in workspace.themes.order_by("order", "pk")]
            + [(NO_THEME, _("No theme"))]
        )
        allowed = kinds or [kind for kind, _label in Question.Kind.choices]
        self.fields["kind"].choices = [("", _("All kinds"))] + [
            (kind, label) for kind, label in Question.Kind.choices if kind in allowed
        ]

    def criteria(self) -> dict:
        """The valid criteria: a bad value is dropped, the others kept (Django keeps the fields that are valid)."""
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        status = data.get("status") or "active"
        return {
            "text": (data.get("q") or "").strip(),
            "theme": data.get("theme"),
            "kind": data.get("kind") or "",
            "active": {"active": True, "inactive": False}.get(status),
        }


class QuestionForm(forms.ModelForm):
    """A question of a given kind. Once answered, only its wording may change (`locked`)."""

    correct = forms.ChoiceField(
        label=_("Correct answer"),
        choices=[("true", _("True")), ("false", _("False"))],
        widget=forms.RadioSelect,
        required=False,
    )
    numeric_answer = NumberField(label=_("Expected number"), required=False)
    numeric_tolerance = NumberField(
        label=_("Accepted difference"),
        required=False,
        help_text=_("An answer within this distance of the expected number is correct (0: exactly)."),
    )

    SCORING_FIELDS = ("theme", "points", "numeric_answer", "numeric_tolerance", "correct")

    class Meta:
        model = Question
        fields = [
            "theme",
            "text_fr",
            "text_en",
            "explanation_fr",
            "explanation_en",
            "numeric_answer",
            "numeric_tolerance",
            "points",
        ]
        widgets = {
            "text_fr": forms.Textarea(attrs={"rows": 3}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "explanation_fr": forms.Textarea(attrs={"rows": 3}),
            "explanation_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, workspace, kind, locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace, self.kind, self.locked = workspace, kind, locked
        self.instance.workspace = workspace
        self.instance.kind = kind
        self.fields["theme"].queryset = workspace.themes.order_by("order", "pk")
        self.fields["theme"].empty_label = _("No theme")
        if kind == Question.Kind.LIKERT:
            self.fields["text_fr"].label = _("Statement (French)")
            self.fields["text_en"].label = _("Statement (English)")
            self.fields["text_fr"].help_text = _("E.g. “I can write a SMART objective.” Answered from 1 to 5.")
        if kind != Question.Kind.NUMERIC:
            del self.fields["numeric_answer"], self.fields["numeric_tolerance"]
        else:
            self.fields["numeric_answer"].required = True
        if kind != Question.Kind.TRUE_FALSE:
            del self.fields["correct"]
        else:
            self.fields["correct"].required = True
            correct = self.instance.choices.filter(is_correct=True).first() if self.instance.pk else None
            if correct is not None:
                self.initial["correct"] = "true" if correct.order == 0 else "false"
        if kind not in Question.SCORED_KINDS:
            del self.fields["points"]
            del self.fields["explanation_fr"], self.fields["explanation_en"]
        if locked:
            for name in self.SCORING_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        if self.locked:
            for name in self.SCORING_FIELDS:
                if name in self.fields and _posted_change(self, name):
                    raise ValidationError(LOCKED_MESSAGE, code="locked")
        tolerance = data.get("numeric_tolerance")
        if tolerance is not None and tolerance < 0:
            self.add_error("numeric_tolerance", _("The accepted difference cannot be negative."))
        if "points" in self.fields and data.get("points") == 0:
            self.add_error("points", _("A scored question is worth at least one point."))
        return data

    def clean_numeric_tolerance(self):
        return self.cleaned_data.get("numeric_tolerance") or Decimal(0)


def _posted_change(form, name) -> bool:
    """Whether a locked (disabled) field was posted anyway with another value than the stored one."""
    field = form.fields[name]
    key = form.add_prefix(name)
    if key not in form.data:
        return False
    posted = field.widget.value_from_datadict(form.data, form.files, key)
    initial = form.get_initial_for_field(field, name)
    try:  # (field.has_changed() would always say no: the field is disabled)
        return field.to_python(posted) != field.to_python(initial)
    except ValidationError:
        return True


class ChoiceForm(forms.ModelForm):
    class Meta:
        model = Choice
        fields = ["text_fr", "text_en", "is_correct"]


class BaseChoiceFormSet(BaseInlineFormSet):
    """The answers of a single or multiple choice question, with the rules on how many are correct."""

    def __init__(self, *args, kind, locked=False, **kwargs):
        self.kind, self.locked = kind, locked
        super().__init__(*args, **kwargs)
        if locked:
            for form in self.forms:
                form.fields["is_correct"].disabled = True

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if self.locked:
            if self.total_form_count() > self.initial_form_count() or any(
                self._should_delete_form(form) for form in self.forms
            ):
                raise ValidationError(LOCKED_MESSAGE, code="locked")
            for form in self.forms:
                if form.data.get(form.add_prefix("is_correct")) and not form.initial.get("is_correct"):
                    raise ValidationError(LOCKED_MESSAGE, code="locked")
            return
        kept = [form for form in self.forms if not self._should_delete_form(form) and form.cleaned_data.get("text_fr")]
        correct = sum(1 for form in kept if form.cleaned_data.get("is_correct"))
        if len(kept) < 2:
            raise ValidationError(_("Give at least two answers to choose from."), code="too_few")
        if self.kind == Question.Kind.SINGLE and correct != 1:
            raise ValidationError(_("Mark exactly one answer as correct."), code="correct_count")
        if self.kind == Question.Kind.MULTIPLE and correct < 1:
            raise ValidationError(_("Mark at least one answer as correct."), code="correct_count")


def choice_formset(kind, *, data=None, instance=None, locked=False):
    extra = 0 if locked else (4 if instance is None or not instance.pk else 2)
    factory = inlineformset_factory(
        Question, Choice, form=ChoiceForm, formset=BaseChoiceFormSet, extra=extra, can_delete=not locked
    )
    return factory(
        data,
        instance=instance,
        prefix="choice",
        kind=kind,
        locked=locked,
        queryset=Choice.objects.order_by("order", "pk"),
    )


# --- Tests ---------------------------------------------------------------------------------------------


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["meeting", "kind", "title_fr", "title_en", "instructions_fr", "instructions_en"]
        widgets = {
            "instructions_fr": forms.Textarea(attrs={"rows": 3}),
            "instructions_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, workspace, answered=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.instance.workspace = workspace
        self.fields["meeting"].required = True
        self.fields["meeting"].queryset = workspace.meetings.order_by("-starts_at", "pk")
        self.fields["meeting"].label_from_instance = lambda meeting: f"{meeting.local_start:%d/%m/%Y} — {meeting.title}"
        if answered:  # the people who answered belong to this meeting, and their answers to this kind
            self.fields["meeting"].disabled = True
            self.fields["kind"].disabled = True

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if self.instance.pk and kind and kind != self.instance.kind:
            wrong = self.instance.items.exclude(question__kind__in=KINDS_FOR[kind]).count()
            if wrong:
                self.add_error(
                    "kind", _("Some questions of this test do not suit that kind of test: remove them first.")
                )
            if kind == Assessment.Kind.EVALUATION and self.instance.open_phase == Assessment.Open.PRE:
                self.add_error("kind", _("An evaluation is answered after the session only."))
        return data


class PhaseForm(forms.Form):
    open_phase = forms.ChoiceField(choices=Assessment.Open.choices)


# --- A participant's answers -----------------------------------------------------------------------------


class AnswerForm(forms.Form):
    """One field per question (`q<pk>`): every question must be answered, except open comments."""

    REQUIRED = _("Please answer this question.")

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[self.field_name(question)] = self._field(question)
            self.fields[self.field_name(question)].number = number
            self.fields[self.field_name(question)].question = question

    @staticmethod
    def field_name(question):
        return f"q{question.pk}"

    def _field(self, question):
        errors = {"required": self.REQUIRED, "invalid_choice": _("Choose one of the answers shown.")}
        choices = [(str(choice.pk), choice.text) for choice in question.choices.all()]
        kind = question.kind
        if kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE):
            return forms.ChoiceField(
                label=question.text, choices=choices, widget=forms.RadioSelect, error_messages=errors
            )
        if kind == Question.Kind.MULTIPLE:
            errors["invalid_choice"] = _("Choose among the answers shown.")
            return forms.MultipleChoiceField(
                label=question.text,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                error_messages=errors,
                help_text=_("Tick every correct answer."),
            )
        if kind == Question.Kind.NUMERIC:
            return NumberField(label=question.text, error_messages=errors)
        if kind == Question.Kind.LIKERT:
            return forms.TypedChoiceField(
                label=question.text,
                choices=[(value, str(value)) for value in range(LIKERT_MIN, LIKERT_MAX + 1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages=errors,
            )
        return forms.CharField(
            label=question.text,
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Optional."),
        )

    def answers(self) -> dict:
        """{question: value} from the cleaned data: choice ids, a number, a 1–5 value or a text."""
        found = {}
        for question in self.questions:
            value = self.cleaned_data.get(self.field_name(question))
            if question.kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE):
                value = [int(value)]
            elif question.kind == Question.Kind.MULTIPLE:
                value = sorted(int(pk) for pk in value)
            elif question.kind == Question.Kind.TEXT:
                value = (value or "").strip()
            found[question] = value
        return found

    def rows(self):
        """(question, bound field) in order, for the template."""
        return [(question, self[self.field_name(question)]) for question in self.questions]
