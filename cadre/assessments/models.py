"""Question banks, assessments given at meetings, and the participants' attempts.

An assessment is given in phases: a knowledge test and a capacity self-assessment before and after a session,
an evaluation form after it. A participant answers each phase once (a database constraint, not only a check).
Scores are stored on the attempt when it is submitted, so that results read sums, not every answer.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cadre.core.audit import Audited
from cadre.core.models import TimeStamped, localized
from cadre.meetings.models import Meeting, Participation
from cadre.workspaces.models import Theme, Workspace

LIKERT_MIN, LIKERT_MAX = 1, 5


class Question(Audited, TimeStamped):
    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        TRUE_FALSE = "true_false", _("true or false")
        NUMERIC = "numeric", _("short number")
        LIKERT = "likert", _("agreement scale (1 to 5)")
        TEXT = "text", _("open answer")

    SCORED_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.NUMERIC)
    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE)

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="questions"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, null=True, blank=True, related_name="questions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text_fr = models.TextField(_("question (French)"))
    text_en = models.TextField(_("question (English)"), blank=True)
    explanation_fr = models.TextField(_("explanation shown after answering (French)"), blank=True)
    explanation_en = models.TextField(_("explanation shown after answering (English)"), blank=True)
    numeric_answer = models.DecimalField(_("expected number"), max_digits=14, decimal_places=4, null=True, blank=True)
    numeric_tolerance = models.DecimalField(
        _("accepted difference"), max_digits=14, decimal_places=4, default=Decimal(0), blank=True
    )
    points = models.PositiveSmallIntegerField(_("points"), default=1)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["workspace", "theme__order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:120]

    @property
    def text(self):
        return localized(self, "text")

    @property
    def explanation(self):
        return localized(self, "explanation")

    @property
    def is_scored(self):
        return self.kind in self.SCORED_KINDS

    @property
    def max_points(self):
        return self.points if self.is_scored else 0

    def clean(self):
        if self.kind == self.Kind.NUMERIC and self.numeric_answer is None:
            raise ValidationError({"numeric_answer": _("A numeric question needs its expected number.")})
        if self.theme_id and self.workspace_id and self.theme.workspace_id != self.workspace_id:
            raise ValidationError({"theme": _("This theme belongs to another workspace.")})


class Choice(Audited, TimeStamped):
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_fr = models.CharField(_("answer (French)"), max_length=500)
    text_en = models.CharField(_("answer (English)"), max_length=500, blank=True)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["question", "order", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text

    @property
    def text(self):
        return localized(self, "text")

    def get_audit_workspace_id(self):
        return self.question.workspace_id


class Assessment(Audited, TimeStamped):
    class Kind(models.TextChoices):
        KNOWLEDGE = "knowledge", _("knowledge test (before and after)")
        SELF_ASSESSMENT = "self_assessment", _("capacity self-assessment (before and after)")
        EVALUATION = "evaluation", _("session evaluation (after)")

    class Phase(models.TextChoices):
        PRE = "pre", _("before the session")
        POST = "post", _("after the session")

    class Open(models.TextChoices):
        CLOSED = "closed", _("closed")
        PRE = "pre", _("open before the session")
        POST = "post", _("open after the session")

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="assessments"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    instructions_fr = models.TextField(_("instructions (French)"), blank=True)
    instructions_en = models.TextField(_("instructions (English)"), blank=True)
    open_phase = models.CharField(_("open for answers"), max_length=10, choices=Open.choices, default=Open.CLOSED)

    class Meta:
        ordering = ["workspace", "meeting__starts_at", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")

    @property
    def instructions(self):
        return localized(self, "instructions")

    @property
    def phases(self):
        if self.kind == self.Kind.EVALUATION:
            return [self.Phase.POST]
        return [self.Phase.PRE, self.Phase.POST]

    @property
    def is_scored(self):
        return self.kind == self.Kind.KNOWLEDGE

    def get_absolute_url(self):
        return reverse("assessments:assessment", args=[self.workspace.slug, self.pk])

    def clean(self):
        if self.meeting_id and self.workspace_id and self.meeting.workspace_id != self.workspace_id:
            raise ValidationError({"meeting": _("This meeting belongs to another workspace.")})
        if self.kind == self.Kind.EVALUATION and self.open_phase == self.Open.PRE:
            raise ValidationError({"open_phase": _("An evaluation is answered after the session only.")})


class AssessmentQuestion(Audited, models.Model):
    """A question's place in an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="uses")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="question_once_per_assessment")]

    def __str__(self):
        return f"{self.order}. {self.question}"

    def get_audit_workspace_id(self):
        return self.assessment.workspace_id


class Attempt(Audited, TimeStamped):
    """One participant's answers to one phase of an assessment, submitted once."""

    audit_exclude = ("score", "max_score")

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="attempts"
    )
    phase = models.CharField(_("phase"), max_length=10, choices=Assessment.Phase.choices)
    participation = models.ForeignKey(
        Participation, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="attempts"
    )
    submitted_at = models.DateTimeField(_("submitted"))
    score = models.DecimalField(_("score"), max_digits=10, decimal_places=2, default=Decimal(0))
    max_score = models.DecimalField(_("maximum score"), max_digits=10, decimal_places=2, default=Decimal(0))

    class Meta:
        ordering = ["assessment", "phase", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "phase", "participation"], name="attempt_once_per_phase_and_participant"
            )
        ]
        indexes = [models.Index(fields=["assessment", "phase"])]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self):
        return f"{self.assessment} — {self.get_phase_display()}"

    def get_audit_workspace_id(self):
        return self.assessment.workspace_id

    @property
    def percent(self):
        if not self.max_score:
            return None
        return float(self.score) * 100 / float(self.max_score)


class Answer(models.Model):
    """One answer in an attempt; its theme and score are copied so results group without joining the bank.

    Not audited row by row: an attempt is written once, as a whole, and its creation is in the history.
    """

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    choice_ids = models.JSONField(default=list, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    score = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal(0))
    max_score = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal(0))

    class Meta:
        ordering = ["attempt", "pk"]
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="answer_once_per_attempt")]
        indexes = [models.Index(fields=["question", "attempt"])]

    def __str__(self):
        return f"{self.attempt} — {self.question}"
