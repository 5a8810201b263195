"""Every change to question banks, tests and answers goes through a named function here (one transaction).

Two rules protect the scores already recorded: a question that someone answered keeps its choices, correct
answer, expected number and points (a copy can be changed instead); a test that someone answered keeps its
questions. A participant answers each phase of a test once — the database's unique constraint decides, so two
submissions racing each other cannot both be recorded.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cadre.core.services import change_by

from . import queries, scoring
from .forms import LOCKED_MESSAGE
from .models import Answer, Assessment, AssessmentQuestion, Attempt, Choice, Question

TRUE_FALSE_CHOICES = (("Vrai", "True"), ("Faux", "False"))


class AlreadyAnswered(ValidationError):
    """This participant has answered this phase of this test already; `attempt` is the recorded one."""

    def __init__(self, attempt):
        self.attempt = attempt
        super().__init__(already_answered_message(attempt), code="already_answered")


def already_answered_message(attempt) -> str:
    meeting = attempt.assessment.meeting
    when = attempt.submitted_at
    if meeting is not None:
        when = timezone.localtime(when, meeting.tz)
    day = formats.date_format(when, "DATE_FORMAT")
    if attempt.phase == Assessment.Phase.PRE:
        return _("You have already answered this test before the session on %(date)s.") % {"date": day}
    return _("You have already answered this test after the session on %(date)s.") % {"date": day}


# --- The question bank -----------------------------------------------------------------------------------


def _scoring_state(question) -> tuple:
    """Everything a recorded score depends on."""
    choices = tuple(question.choices.order_by("pk").values_list("pk", "is_correct"))
    return (question.kind, question.points, question.numeric_answer, question.numeric_tolerance, choices)


def save_question(form, choices=None, *, by) -> Question:
    """Create or update a question and its answers (a formset for choice questions), all or nothing.

    A question already answered may change its wording only: anything else is refused and nothing is saved.
    """
    question = form.instance
    answered = bool(question.pk) and Answer.objects.filter(question=question).exists()
    with change_by(by):
        before = _scoring_state(Question.objects.get(pk=question.pk)) if answered else None
        question = form.save(commit=False)
        question.full_clean()
        question.save()
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and choices is not None:
            _save_choices(question, choices)
        elif question.kind == Question.Kind.TRUE_FALSE:
            _save_true_false(question, form.cleaned_data.get("correct") == "true")
        if answered and _scoring_state(question) != before:
            raise ValidationError(LOCKED_MESSAGE, code="locked")
    return question


def _save_choices(question, formset):
    formset.instance = question
    order = 0
    for form in formset.forms:
        if formset.can_delete and formset._should_delete_form(form):
            if form.instance.pk:
                form.instance.delete()
            continue
        if not form.cleaned_data.get("text_fr"):
            if form.instance.pk:  # an existing answer emptied: the same as deleting it
                form.instance.delete()
            continue
        choice = form.save(commit=False)
        choice.question = question
        choice.order = order
        choice.save()
        order += 1


def _save_true_false(question, true_is_correct: bool):
    existing = list(question.choices.order_by("order", "pk"))
    if len(existing) != 2:
        for choice in existing:
            choice.delete()
        existing = [
            Choice(question=question, order=order, text_fr=text_fr, text_en=text_en)
            for order, (text_fr, text_en) in enumerate(TRUE_FALSE_CHOICES)
        ]
    for choice, correct in zip(existing, (true_is_correct, not true_is_correct), strict=True):
        if choice.pk is None or choice.is_correct != correct:
            choice.is_correct = correct
            choice.save()


def copy_question(question, *, by) -> Question:
    """A new question with the same text, answers and settings, free to be changed."""
    with change_by(by):
        choices = list(question.choices.order_by("order", "pk"))
        copy = Question.objects.get(pk=question.pk)
        copy.pk = None
        copy.id = None
        copy._state.adding = True
        copy.is_active = True
        copy.save()
        for choice in choices:
            Choice.objects.create(
                question=copy,
                order=choice.order,
                text_fr=choice.text_fr,
                text_en=choice.text_en,
                is_correct=choice.is_correct,
            )
    return copy


def set_question_active(question, active: bool, *, by) -> Question:
    """Take a question out of use (it stays in the tests that have it, and in their results) or back in."""
    with change_by(by):
        question.is_active = active
        question.save(update_fields=["is_active", "updated_at"])
    return question


# --- Tests -----------------------------------------------------------------------------------------------


def save_assessment(form, *, by) -> Assessment:
    with change_by(by):
        assessment = form.save(commit=False)
        assessment.full_clean()
        assessment.save()
    return assessment


def delete_assessment(assessment, *, by):
    """Delete a test nobody answered; one that was answered holds recorded answers and is kept."""
    with change_by(by):
        if Attempt.objects.filter(assessment=assessment).exists():
            raise ValidationError(
                _("People have answered this test: it cannot be deleted. Close it instead."), code="answered"
            )
        assessment.delete()


def _refuse_if_answered(assessment):
    if Attempt.objects.filter(assessment=assessment).exists():
        raise ValidationError(
            _("People have answered this test already: its questions can no longer change."), code="answered"
        )


def add_questions(assessment, questions, *, by) -> int:
    """Add questions of the bank at the end of the test; returns how many were added."""
    allowed = queries.KINDS_FOR[assessment.kind]
    with change_by(by):
        _refuse_if_answered(assessment)
        present = set(assessment.items.values_list("question_id", flat=True))
        order = assessment.items.aggregate(last=Max("order"))["last"]
        order = -1 if order is None else order
        added = 0
        for question in questions:
            if question.workspace_id != assessment.workspace_id:
                raise ValidationError(_("This question belongs to another workspace."), code="workspace")
            if question.kind not in allowed:
                raise ValidationError(
                    _("“%(question)s” is not a kind of question this test accepts.") % {"question": question},
                    code="kind",
                )
            if not question.is_active:
                raise ValidationError(
                    _("“%(question)s” is not in use any more.") % {"question": question}, code="inactive"
                )
            if question.pk in present:
                continue
            order += 1
            AssessmentQuestion.objects.create(assessment=assessment, question=question, order=order)
            present.add(question.pk)
            added += 1
    return added


def remove_question(assessment, item, *, by):
    with change_by(by):
        _refuse_if_answered(assessment)
        item.delete()


def move_question(assessment, item, step: int, *, by):
    """Move a question one place up (step −1) or down (+1); the order is renumbered 0, 1, 2…"""
    with change_by(by):
        _refuse_if_answered(assessment)
        items = list(assessment.items.order_by("order", "pk"))
        index = next(i for i, candidate in enumerate(items) if candidate.pk == item.pk)
        target = index + step
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
        for order, candidate in enumerate(items):
            if candidate.order != order:
                candidate.order = order
                candidate.save(update_fields=["order"])


def set_open_phase(assessment, open_phase, *, by) -> Assessment:
    """Open the test before or after the session, or close it."""
    if open_phase not in Assessment.Open.values:
        raise ValidationError(_("Unknown phase."), code="phase")
    with change_by(by):
        if open_phase == Assessment.Open.PRE and assessment.kind == Assessment.Kind.EVALUATION:
            raise ValidationError(_("An evaluation is answered after the session only."), code="phase")
        if open_phase != Assessment.Open.CLOSED and not assessment.items.exists():
            raise ValidationError(_("Add questions before opening the test."), code="empty")
        assessment.open_phase = open_phase
        assessment.save(update_fields=["open_phase", "updated_at"])
    return assessment


# --- Answering -------------------------------------------------------------------------------------------


def submit_attempt(assessment, participation, phase, answers: dict) -> Attempt:
    """Record one participant's answers to the open phase of a test, scored, all or nothing.

    `answers` maps each question of the test to its value (choice ids, a number, 1–5 or a text). Refused when
    the phase is not open (any more) or when this participant has answered it already — even if the other
    submission is being recorded at this very moment: the unique constraint refuses the second one.
    """
    current = Assessment.objects.filter(pk=assessment.pk).values_list("open_phase", flat=True).first()
    if current != phase or phase == Assessment.Open.CLOSED:
        raise ValidationError(_("This test is not open for answers now."), code="closed")
    existing = queries.own_attempt(assessment, participation, phase)
    if existing is not None:
        existing.assessment = assessment
        raise AlreadyAnswered(existing)
    questions = queries.questions_for_answering(assessment)
    if {question.pk for question in questions} != {question.pk for question in answers}:
        raise ValidationError(_("The questions of this test have changed: please answer again."), code="changed")
    rows, total, maximum = [], 0, 0
    for question in questions:
        value = answers[question]
        row = Answer(question=question, theme_id=question.theme_id, max_score=question.max_points)
        if question.kind in Question.CHOICE_KINDS:
            row.choice_ids = list(value)
            correct = {choice.pk for choice in question.choices.all() if choice.is_correct}
            row.score = scoring.score_answer(question, correct, choice_ids=value)
        elif question.kind == Question.Kind.NUMERIC:
            row.number = value
            row.score = scoring.score_answer(question, set(), number=value)
        elif question.kind == Question.Kind.LIKERT:
            row.scale = value
        else:
            row.text = value
        total += row.score
        maximum += row.max_score
        rows.append(row)
    try:
        with change_by(None):
            attempt = Attempt.objects.create(
                assessment=assessment,
                phase=phase,
                participation=participation,
                submitted_at=timezone.now(),
                score=total,
                max_score=maximum,
            )
            for row in rows:
                row.attempt = attempt
            Answer.objects.bulk_create(rows)
    except IntegrityError:
        existing = queries.own_attempt(assessment, participation, phase)
        if existing is None:
            raise
        existing.assessment = assessment
        raise AlreadyAnswered(existing) from None
    return attempt
