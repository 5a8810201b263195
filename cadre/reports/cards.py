"""The dashboard's cards: one per expected result, one block per chosen measure, ready for a template.

Figures come from `measures` (cached); this module adds what depends on the reader: names in their language,
the links to the records, the geometry of the small SVG charts, and the small-group rule (a figure over fewer
than `measures.MIN_GROUP` people is withheld unless the reader may see personal results).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from cadre.drafting.models import Section, SignOff

from . import measures, queries
from .models import Evidence

Measure = Evidence.Measure

SECTION_STATUSES = [  # stacked left to right: the most advanced first
    Section.Status.AGREED,
    Section.Status.IN_REVIEW,
    Section.Status.DRAFTING,
    Section.Status.TO_DRAFT,
]
SIGNOFF_DECISIONS = [SignOff.Decision.ENDORSED, SignOff.Decision.RESERVATIONS, SignOff.Decision.NOT_ENDORSED]
NO_THEME_LABEL = _("questions without a theme")
ACTION_OUTCOMES = {
    "on_time": _("closed on time"),
    "late": _("closed late"),
    "open": _("open, not yet due"),
    "overdue": _("overdue"),
    "dropped": _("dropped"),
}
# Chart colours as SVG attributes, so that the PDF printer (which reads no page stylesheet into SVG) shows them.
FILLS = {
    Section.Status.AGREED: "#1d6b32",
    Section.Status.IN_REVIEW: "#0b5a6b",
    Section.Status.DRAFTING: "#c08a1e",
    Section.Status.TO_DRAFT: "#c9d1d9",
    "on_time": "#1d6b32",
    "late": "#c08a1e",
    "open": "#0b5a6b",
    "overdue": "#a11b1b",
    "dropped": "#9aa5b1",
}


@dataclass
class Block:
    """One measure of one result: its figures, its chart geometry and where its records are."""

    evidence: Evidence
    detail_url: str
    data: dict = field(default_factory=dict)

    @property
    def measure(self):
        return self.evidence.measure

    @property
    def label(self):
        return self.evidence.get_measure_display()

    @property
    def template(self):
        return f"reports/measures/{self.evidence.measure}.html"


@dataclass
class Card:
    result: object
    blocks: list

    @property
    def has_evidence(self):
        return bool(self.blocks)


def dashboard_context(workspace, period, *, small_groups) -> dict:
    """What the dashboard and its PDF show: the same figures, the same cards."""
    results = queries.results_of(workspace)
    evidence = [item for result in results for item in result.evidence_list]
    scope = measures.Scope(workspace.pk, period, large_groups_only=not small_groups)
    figures = measures.cached_figures(scope, evidence)
    return {
        "workspace": workspace,
        "membership": workspace.membership,
        "period": period,
        "cards": build_cards(
            workspace, results, figures, small_groups=small_groups, themes=list(queries.themes_of(workspace))
        ),
        "min_group": measures.MIN_GROUP,
    }


def build_cards(workspace, results, figures, *, small_groups: bool, themes) -> list[Card]:
    """`small_groups`: show figures over fewer than MIN_GROUP people (flagged) instead of withholding them."""
    themes = {theme.pk: theme for theme in themes}
    cards = []
    for result in results:
        blocks = []
        for evidence in result.evidence_list:
            block = Block(evidence=evidence, detail_url=detail_url(workspace, result, evidence.measure))
            if evidence.measure == Measure.SELF_ASSESSMENT:
                block.data = self_assessment_block(figures["self_assessment"], small_groups)
            elif evidence.measure == Measure.KNOWLEDGE_GAIN:
                key = measures.theme_key(evidence)
                block.data = knowledge_block(figures["knowledge"][key], key, themes, small_groups)
            elif evidence.measure == Measure.STRATEGY_PROGRESS:
                block.data = strategy_block(figures["strategy"])
            elif evidence.measure == Measure.COORDINATION:
                block.data = coordination_block(figures["coordination"])
            blocks.append(block)
        cards.append(Card(result=result, blocks=blocks))
    return cards


def detail_url(workspace, result, measure):
    return reverse("reports:evidence_detail", args=[workspace.slug, result.number, measure])


def assessment_url(workspace, assessment_pk):
    """The assessments app's results page of a test, if that app provides one."""
    for name in ("assessments:results", "assessments:assessment"):
        try:
            return reverse(name, args=[workspace.slug, assessment_pk])
        except NoReverseMatch:
            continue
    return ""


def meeting_url(workspace, meeting_pk):
    try:
        return reverse("meetings:meeting", args=[workspace.slug, meeting_pk])
    except NoReverseMatch:
        return ""


# --- Small groups --------------------------------------------------------------------------------------------


@dataclass
class Shown:
    """A group's figure as a reader may see it: withheld (too few people), small (shown, flagged) or plain."""

    people: int
    withheld: bool = False
    small: bool = False


def shown(people: int, small_groups: bool) -> Shown:
    if people >= measures.MIN_GROUP:
        return Shown(people)
    if small_groups and people:
        return Shown(people, small=True)
    return Shown(people, withheld=bool(people))


# --- Self-assessment -----------------------------------------------------------------------------------------


def _likert_width(mean):
    return None if mean is None else round(mean * 100 / 5, 1)


def self_assessment_block(figures: measures.SelfAssessmentFigures, small_groups: bool) -> dict:
    visibility = shown(figures.people, small_groups)
    if not figures.people and figures.left_out:  # only small groups answered: say they are withheld
        visibility = Shown(0, withheld=True)
    statements = []
    for statement in figures.statements:
        row = shown(statement.answers, small_groups)
        statements.append(
            {
                "statement": statement,
                "shown": row,
                "pre_width": None if row.withheld else _likert_width(statement.pre),
                "post_width": None if row.withheld else _likert_width(statement.post),
            }
        )
    return {
        "figures": None if visibility.withheld else figures,
        "shown": visibility,
        "pre_width": _likert_width(figures.pre),
        "post_width": _likert_width(figures.post),
        "statements": statements,
        "tests": figures.tests,
        "left_out": figures.left_out,
        "empty": not figures.people and not figures.left_out,
    }


# --- Knowledge -----------------------------------------------------------------------------------------------


def _percent_width(value):
    return None if value is None else round(max(0.0, min(100.0, value)), 1)


def comparison_row(comparison, small_groups, *, label="", obj=None) -> dict:
    visibility = shown(comparison.people, small_groups)
    return {
        "label": label,
        "object": obj,
        "comparison": None if visibility.withheld else comparison,
        "shown": visibility,
        "pre_width": None if visibility.withheld else _percent_width(comparison.pre_percent),
        "post_width": None if visibility.withheld else _percent_width(comparison.post_percent),
    }


def knowledge_block(figures: measures.KnowledgeFigures, key, themes, small_groups: bool) -> dict:
    rows = []
    wanted = (
        list(key)
        if key
        else sorted(figures.themes, key=lambda pk: (pk is None, getattr(themes.get(pk), "order", 0), pk or 0))
    )
    for theme_id in wanted:
        theme = themes.get(theme_id)
        comparison = figures.themes.get(theme_id) or measures.scoring.Comparison(key=theme_id)
        label = theme.name if theme else NO_THEME_LABEL
        rows.append(comparison_row(comparison, small_groups, label=label, obj=theme))
    overall = comparison_row(figures.overall, small_groups)
    if not figures.overall.people and figures.left_out:  # only small groups answered: say they are withheld
        overall["shown"] = Shown(0, withheld=True)
    return {
        "themes": rows,
        "chosen_themes": [themes[pk] for pk in key if pk in themes],
        "overall": overall,
        "tests": figures.tests,
        "left_out": figures.left_out,
        "empty": not figures.overall.people and not figures.left_out,
    }


# --- Strategy ------------------------------------------------------------------------------------------------


def _stack(counts: dict, order, total) -> list[dict]:
    """Segments of a 100-wide stacked bar: [{key, count, x, width}] for the non-zero counts."""
    segments, x = [], 0.0
    for key in order:
        count = counts.get(key, 0)
        if not count or not total:
            continue
        width = count * 100 / total
        segments.append(
            {"key": key, "count": count, "x": round(x, 2), "width": round(width, 2), "fill": FILLS.get(key, "#7b8b97")}
        )
        x += width
    return segments


def strategy_block(figures: measures.StrategyFigures) -> dict:
    labels = dict(Section.Status.choices)
    decisions = dict(SignOff.Decision.choices)
    documents = []
    for document in figures.documents:
        documents.append(
            {
                "document": document,
                "segments": _stack(document.sections, SECTION_STATUSES, document.total),
                "statuses": [
                    {
                        "key": status,
                        "label": labels[status],
                        "count": document.sections.get(status, 0),
                        "fill": FILLS[status],
                    }
                    for status in SECTION_STATUSES
                ],
                "signoffs": [
                    {"key": decision, "label": decisions[decision], "count": document.signoffs.get(decision, 0)}
                    for decision in SIGNOFF_DECISIONS
                ],
            }
        )
    return {"documents": documents, "institutions": figures.institutions, "empty": not figures.documents}


# --- Coordination --------------------------------------------------------------------------------------------

CHART_HEIGHT = 40
COLUMN = 10


def coordination_block(figures: measures.CoordinationFigures) -> dict:
    tallest = figures.max_institutions or 1
    columns = []
    for index, meeting in enumerate(figures.meetings):
        height = round(meeting.institutions * CHART_HEIGHT / tallest, 2)
        columns.append(
            {"meeting": meeting, "x": index * COLUMN + 1, "y": round(CHART_HEIGHT - height, 2), "height": height}
        )
    points = figures.action_points
    outcomes = {
        "on_time": points.on_time,
        "late": points.late,
        "open": points.open_in_time,
        "overdue": points.overdue,
        "dropped": points.dropped,
    }
    return {
        "figures": figures,
        "columns": columns,
        "chart_width": max(len(columns), 1) * COLUMN,
        "chart_height": CHART_HEIGHT,
        "action_segments": _stack(outcomes, list(outcomes), points.total),
        "action_outcomes": [
            {"key": key, "label": label, "count": outcomes[key], "fill": FILLS[key]}
            for key, label in ACTION_OUTCOMES.items()
        ],
        "empty": not figures.meetings and not points.total and not figures.institutions_codrafting,
    }
