"""Scoring and learning gain. Every figure here is computed by the database from stored scores.

Learning gain follows Hake's normalised gain: (post − pre) / (max − pre), on percentages. It is computed only
on *matched* participants (those who answered both the test before and the test after), so that a participant
who came only in the afternoon does not lower or raise the gain. A gain is undefined (None) when the score
before was already the maximum.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .models import LIKERT_MAX, LIKERT_MIN, Answer, Assessment, Attempt, Question

PRE, POST = Assessment.Phase.PRE, Assessment.Phase.POST


def score_answer(question: Question, correct_ids: set[int], *, choice_ids=(), number=None) -> Decimal:
    """Points earned: all or nothing (a multiple choice scores only when exactly the right set is chosen)."""
    points = Decimal(question.points)
    if question.kind in Question.CHOICE_KINDS:
        return points if set(choice_ids) == set(correct_ids) and correct_ids else Decimal(0)
    if question.kind == Question.Kind.NUMERIC:
        if number is None or question.numeric_answer is None:
            return Decimal(0)
        try:
            difference = abs(Decimal(number) - question.numeric_answer)
        except (InvalidOperation, TypeError):
            return Decimal(0)
        return points if difference <= (question.numeric_tolerance or 0) else Decimal(0)
    return Decimal(0)


def normalized_gain(pre_percent: float | None, post_percent: float | None) -> float | None:
    """(post − pre) / (100 − pre), as a fraction; None when it cannot be computed."""
    if pre_percent is None or post_percent is None or pre_percent >= 100:
        return None
    return (post_percent - pre_percent) / (100 - pre_percent)


def percent(score, maximum) -> float | None:
    if not maximum:
        return None
    return float(score) * 100 / float(maximum)


def _has_attempt(phase, prefix=""):
    """Whether the same participant answered `phase` of the same assessment (a correlated, indexed lookup)."""
    return Exists(
        Attempt.objects.filter(
            assessment_id=OuterRef(f"{prefix}assessment_id"),
            participation_id=OuterRef(f"{prefix}participation_id"),
            phase=phase,
        )
    )


def matched_participations(assessments=None) -> Q:
    """A filter on attempts: those whose participant answered both phases of the *same* assessment.

    Matching is per (assessment, participant): someone who took the test before of one assessment and the test
    after of another one given at the same meeting is not matched. `assessments` is accepted for compatibility.
    """
    return Q(_has_attempt(PRE)) & Q(_has_attempt(POST))


def matched_people():
    """The number of participants who answered both phases of the assessment (a correlated subquery on it)."""
    both = (
        Attempt.objects.filter(assessment_id=OuterRef("pk"), phase=POST)
        .filter(_has_attempt(PRE))
        .order_by()
        .values("assessment_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(both), Value(0), output_field=IntegerField())


def with_matched_groups(assessments, least: int):
    """Those of these assessments that at least `least` participants answered both before and after.

    A figure over several tests is computed on these only for readers who may not see personal results: each
    test's own figures are shown (on its results page) once it has that many matched participants, so a total
    that also held a smaller test would give that test's figures away by subtraction."""
    enough = assessments.annotate(matched_people=matched_people()).filter(matched_people__gte=least)
    return assessments.filter(pk__in=enough.values("pk"))


def matched_attempts(assessments):
    """The ids of the matched attempts of these assessments, as a subquery (answers are filtered on it)."""
    return Attempt.objects.filter(assessment__in=assessments).filter(matched_participations()).values("pk")


@dataclass
class Comparison:
    """Before/after figures for a group (a theme, an institution, an assessment)."""

    key: object = None
    label: str = ""
    pre_score: Decimal = Decimal(0)
    pre_max: Decimal = Decimal(0)
    post_score: Decimal = Decimal(0)
    post_max: Decimal = Decimal(0)
    people: int = 0  # matched participants
    extra: dict = field(default_factory=dict)

    @property
    def pre_percent(self):
        return percent(self.pre_score, self.pre_max)

    @property
    def post_percent(self):
        return percent(self.post_score, self.post_max)

    @property
    def gain(self):
        return normalized_gain(self.pre_percent, self.post_percent)

    @property
    def gain_percent(self):
        gain = self.gain
        return None if gain is None else gain * 100


def fold(rows, key_name) -> dict:
    """Fold rows of {key, phase, score, max, people} into Comparisons by key (key None when `key_name` is None).

    The people of a group are the most who answered one phase (matched rows: the same people in both)."""
    found: dict = {}
    for row in rows:
        key = row[key_name] if key_name else None
        item = found.setdefault(key, Comparison(key=key))
        if row["phase"] == PRE:
            item.pre_score, item.pre_max = row["score"] or Decimal(0), row["max"] or Decimal(0)
        else:
            item.post_score, item.post_max = row["score"] or Decimal(0), row["max"] or Decimal(0)
        item.people = max(item.people, row.get("people") or 0)
    return found


def combined(comparisons, key=None) -> Comparison:
    """One Comparison of several groups taken together (scores and people added up)."""
    total = Comparison(key=key)
    for item in comparisons:
        total.pre_score += item.pre_score
        total.pre_max += item.pre_max
        total.post_score += item.post_score
        total.post_max += item.post_max
        total.people += item.people
    return total


def knowledge_by_assessment(assessments) -> dict[int, Comparison]:
    """Matched before/after scores of each knowledge test."""
    rows = (
        Attempt.objects.filter(assessment__in=assessments)
        .filter(matched_participations())
        .values("assessment_id", "phase")
        .annotate(score=Sum("score"), max=Sum("max_score"), people=Count("participation_id", distinct=True))
        .order_by()
    )
    return fold(rows, "assessment_id")


def knowledge_by_theme(assessments) -> dict[int | None, Comparison]:
    """Matched before/after scores per theme of the questions (None: questions without a theme)."""
    rows = (
        Answer.objects.filter(attempt_id__in=matched_attempts(assessments), max_score__gt=0)
        .values("theme_id", phase=F("attempt__phase"))
        .annotate(score=Sum("score"), max=Sum("max_score"), people=Count("attempt__participation_id", distinct=True))
        .order_by()
    )
    return fold(rows, "theme_id")


def knowledge_by_institution(assessments) -> dict[int | None, Comparison]:
    """Matched before/after scores per institution of the participants (as invited)."""
    rows = (
        Attempt.objects.filter(assessment__in=assessments)
        .filter(matched_participations())
        .values("phase", institution_id=F("participation__institution_id"))
        .annotate(score=Sum("score"), max=Sum("max_score"), people=Count("participation_id", distinct=True))
        .order_by()
    )
    return fold(rows, "institution_id")


def knowledge_by_participant(assessment) -> dict[int, Comparison]:
    """Each participant's scores before and after (secretariat only: these are personal)."""
    rows = (
        Attempt.objects.filter(assessment=assessment)
        .values("participation_id", "phase")
        .annotate(score=Sum("score"), max=Sum("max_score"))
        .order_by()
    )
    found = fold(rows, "participation_id")
    for item in found.values():
        item.people = 1 if item.pre_max and item.post_max else 0
    return found


def self_assessment_by_question(assessments, *, matched: bool = True) -> dict[int, dict]:
    """Mean agreement (1–5) before and after per statement, matched participants only.

    `matched=False` counts every answer: an evaluation is answered after the session only, so nobody is matched.
    """
    answers = (
        Answer.objects.filter(attempt_id__in=matched_attempts(assessments))
        if matched
        else Answer.objects.filter(attempt__assessment__in=assessments)
    )
    rows = (
        answers.filter(scale__isnull=False)
        .values("question_id", phase=F("attempt__phase"))
        .annotate(total=Sum("scale"), answers=Count("id"))
        .order_by()
    )
    found: dict[int, dict] = defaultdict(lambda: {"pre": None, "post": None, "answers": 0})
    for row in rows:
        mean = row["total"] / row["answers"] if row["answers"] else None
        found[row["question_id"]][row["phase"]] = mean
        found[row["question_id"]]["answers"] = max(found[row["question_id"]]["answers"], row["answers"])
    return dict(found)


def self_assessment_overall(assessments) -> dict:
    """Mean agreement before and after over all statements, and the share agreeing (4 or 5)."""
    rows = (
        Answer.objects.filter(attempt_id__in=matched_attempts(assessments), scale__isnull=False)
        .values(phase=F("attempt__phase"))
        .annotate(
            total=Sum("scale"),
            answers=Count("id"),
            agree=Count("id", filter=Q(scale__gte=4)),
            people=Count("attempt__participation_id", distinct=True),
        )
        .order_by()
    )
    result = {"pre": None, "post": None, "pre_agree": None, "post_agree": None, "answers": 0, "people": 0}
    for row in rows:
        if row["answers"]:
            result[row["phase"]] = row["total"] / row["answers"]
            result[f"{row['phase']}_agree"] = row["agree"] * 100 / row["answers"]
            result["answers"] += row["answers"]
            result["people"] = max(result["people"], row["people"])
    return result


# --- Figures of one assessment (every participant who answered a phase, not only the matched ones) ---------

HISTOGRAM_BINS = 5  # 0–19 %, 20–39 %, 40–59 %, 60–79 %, 80–100 %


@dataclass
class PhaseTotal:
    phase: str
    people: int = 0
    score: Decimal = Decimal(0)
    max: Decimal = Decimal(0)

    @property
    def percent(self):
        return percent(self.score, self.max)


def phase_totals(assessment) -> dict[str, PhaseTotal]:
    """How many answered each phase, and their summed scores (every attempt, matched or not)."""
    found = {phase: PhaseTotal(phase) for phase in assessment.phases}
    rows = (
        Attempt.objects.filter(assessment=assessment)
        .values("phase")
        .annotate(people=Count("id"), score=Sum("score"), max=Sum("max_score"))
        .order_by()
    )
    for row in rows:
        found[row["phase"]] = PhaseTotal(row["phase"], row["people"], row["score"] or 0, row["max"] or 0)
    return found


def score_distribution(assessment) -> dict[str, list[int]]:
    """Number of participants per band of score (HISTOGRAM_BINS equal bands of the percentage), per phase.

    Compared as score × bins ≥ max × band, so that no division (and no rounding) happens in the database.
    """
    bands = {}
    for band in range(HISTOGRAM_BINS):
        low = Q(scaled__gte=F("max_score") * band)
        high = Q() if band == HISTOGRAM_BINS - 1 else Q(scaled__lt=F("max_score") * (band + 1))
        bands[f"band{band}"] = Count("id", filter=low & high)
    rows = (
        Attempt.objects.filter(assessment=assessment, max_score__gt=0)
        .annotate(scaled=F("score") * HISTOGRAM_BINS)
        .values("phase")
        .annotate(**bands)
        .order_by()
    )
    found = {phase: [0] * HISTOGRAM_BINS for phase in assessment.phases}
    for row in rows:
        found[row["phase"]] = [row[f"band{band}"] for band in range(HISTOGRAM_BINS)]
    return found


def correct_rate_by_question(assessment) -> dict[int, dict]:
    """Per scored question: answers and correct answers before and after ({"pre": (correct, answers), …})."""
    rows = (
        Answer.objects.filter(attempt__assessment=assessment, max_score__gt=0)
        .values("question_id", phase=F("attempt__phase"))
        .annotate(answers=Count("id"), correct=Count("id", filter=Q(score__gte=F("max_score"))))
        .order_by()
    )
    found: dict[int, dict] = defaultdict(lambda: {"pre": None, "post": None})
    for row in rows:
        found[row["question_id"]][row["phase"]] = (row["correct"], row["answers"])
    return dict(found)


def self_assessment_by_participant(assessment) -> dict[int, dict]:
    """Each participant's mean agreement before and after (secretariat only: these are personal)."""
    rows = (
        Answer.objects.filter(attempt__assessment=assessment, scale__isnull=False)
        .values(participation_id=F("attempt__participation_id"), phase=F("attempt__phase"))
        .annotate(total=Sum("scale"), answers=Count("id"))
        .order_by()
    )
    found: dict[int, dict] = defaultdict(lambda: {"pre": None, "post": None})
    for row in rows:
        found[row["participation_id"]][row["phase"]] = row["total"] / row["answers"] if row["answers"] else None
    return dict(found)


def likert_scale():
    return range(LIKERT_MIN, LIKERT_MAX + 1)
