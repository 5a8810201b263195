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

from django.db.models import Count, F, Q, Sum

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


def matched_participations(assessments) -> Q:
    """A filter on attempts: those whose participant answered both phases of the same assessment."""
    pre = Attempt.objects.filter(assessment__in=assessments, phase=PRE).values("participation_id")
    post = Attempt.objects.filter(assessment__in=assessments, phase=POST).values("participation_id")
    return Q(participation_id__in=pre) & Q(participation_id__in=post)


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


def _compare(rows, key_name) -> dict:
    """Fold rows of {key, phase, score, max, people} into Comparisons by key."""
    found: dict = {}
    for row in rows:
        key = row[key_name]
        item = found.setdefault(key, Comparison(key=key))
        if row["phase"] == PRE:
            item.pre_score, item.pre_max = row["score"] or 0, row["max"] or 0
        else:
            item.post_score, item.post_max = row["score"] or 0, row["max"] or 0
        item.people = max(item.people, row.get("people") or 0)
    return found


def knowledge_by_assessment(assessments) -> dict[int, Comparison]:
    """Matched before/after scores of each knowledge test."""
    rows = (
        Attempt.objects.filter(assessment__in=assessments)
        .filter(matched_participations(assessments))
        .values("assessment_id", "phase")
        .annotate(score=Sum("score"), max=Sum("max_score"), people=Count("participation_id", distinct=True))
        .order_by()
    )
    return _compare(rows, "assessment_id")


def knowledge_by_theme(assessments) -> dict[int | None, Comparison]:
    """Matched before/after scores per theme of the questions (None: questions without a theme)."""
    rows = (
        Answer.objects.filter(attempt__assessment__in=assessments, max_score__gt=0)
        .filter(_on_attempt(matched_participations(assessments)))
        .values("theme_id", phase=F("attempt__phase"))
        .annotate(score=Sum("score"), max=Sum("max_score"), people=Count("attempt__participation_id", distinct=True))
        .order_by()
    )
    return _compare(rows, "theme_id")


def knowledge_by_institution(assessments) -> dict[int | None, Comparison]:
    """Matched before/after scores per institution of the participants (as invited)."""
    rows = (
        Attempt.objects.filter(assessment__in=assessments)
        .filter(matched_participations(assessments))
        .values("phase", institution_id=F("participation__institution_id"))
        .annotate(score=Sum("score"), max=Sum("max_score"), people=Count("participation_id", distinct=True))
        .order_by()
    )
    return _compare(rows, "institution_id")


def knowledge_by_participant(assessment) -> dict[int, Comparison]:
    """Each participant's scores before and after (secretariat only: these are personal)."""
    rows = (
        Attempt.objects.filter(assessment=assessment)
        .values("participation_id", "phase")
        .annotate(score=Sum("score"), max=Sum("max_score"))
        .order_by()
    )
    found = _compare(rows, "participation_id")
    for item in found.values():
        item.people = 1 if item.pre_max and item.post_max else 0
    return found


def self_assessment_by_question(assessments) -> dict[int, dict]:
    """Mean agreement (1–5) before and after per statement, matched participants only."""
    rows = (
        Answer.objects.filter(attempt__assessment__in=assessments, scale__isnull=False)
        .filter(_on_attempt(matched_participations(assessments)))
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
        Answer.objects.filter(attempt__assessment__in=assessments, scale__isnull=False)
        .filter(_on_attempt(matched_participations(assessments)))
        .values(phase=F("attempt__phase"))
        .annotate(total=Sum("scale"), answers=Count("id"), agree=Count("id", filter=Q(scale__gte=4)))
        .order_by()
    )
    result = {"pre": None, "post": None, "pre_agree": None, "post_agree": None, "answers": 0}
    for row in rows:
        if row["answers"]:
            result[row["phase"]] = row["total"] / row["answers"]
            result[f"{row['phase']}_agree"] = row["agree"] * 100 / row["answers"]
            result["answers"] += row["answers"]
    return result


def likert_scale():
    return range(LIKERT_MIN, LIKERT_MAX + 1)


def _on_attempt(q: Q) -> Q:
    """Re-root a filter written on Attempt so that it applies to Answer (through `attempt__`)."""
    children = []
    for child in q.children:
        if isinstance(child, Q):
            children.append(_on_attempt(child))
        else:
            key, value = child
            children.append(("attempt__" + key, value))
    rooted = Q(*children, _connector=q.connector, _negated=q.negated)
    return rooted
