"""The results of a test and of a workspace, ready to show, with the rule that protects each person's score.

Everyone but the secretariat (capability `view_personal_results`) sees aggregates only, and an aggregate is
shown only when it covers at least MIN_GROUP people: an institution with fewer is merged into "other
institutions" (and, if that group is itself too small, the smallest institutions shown join it until it is
not, so that no score can be worked out by subtracting the others from the total). Every figure comes from a
GROUP BY in the database (see scoring.py): the number of queries does not depend on the number of answers.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cadre.core.cache import cached_value
from cadre.directory.models import Institution
from cadre.workspaces.models import Theme

from . import scoring
from .models import Answer, Assessment, Question
from .queries import attempts_version, items_of, participants_with_links, phase_figures

MIN_GROUP = 3
PRE, POST = Assessment.Phase.PRE, Assessment.Phase.POST


def shown(people, personal) -> bool:
    """Whether a figure about `people` people may be shown to this viewer."""
    return personal or people >= MIN_GROUP


def phase_shown(people, matched, personal) -> bool:
    """Whether the mean score of everyone who answered a phase may be shown beside the mean of the `matched`
    participants (those who answered both phases, shown when there are MIN_GROUP of them): the difference
    between the two is the score of those who answered only this phase, so they too must be MIN_GROUP or none."""
    if personal:
        return True
    unmatched = people - matched if matched >= MIN_GROUP else 0
    return people >= MIN_GROUP and (unmatched == 0 or unmatched >= MIN_GROUP)


@dataclass
class Bar:
    """One row of a before/after chart: values are percentages (or 1–5 means scaled to a width)."""

    label: str
    pre: float | None = None
    post: float | None = None
    people: int = 0
    gain: float | None = None
    scale: float = 100  # the value that fills the whole width
    hidden: bool = False  # too few people to show this row to this viewer

    @property
    def pre_width(self):
        return None if self.pre is None else round(max(0.0, min(self.pre / self.scale, 1.0)) * 100, 1)

    @property
    def post_width(self):
        return None if self.post is None else round(max(0.0, min(self.post / self.scale, 1.0)) * 100, 1)


@dataclass
class Results:
    assessment: object
    personal: bool
    invited: int = 0
    phases: dict = field(default_factory=dict)  # phase → PhaseTotal (everyone who answered)
    overall: object = None  # scoring.Comparison of matched participants
    overall_shown: bool = False
    themes: list = field(default_factory=list)
    institutions: list = field(default_factory=list)
    histogram: list = field(default_factory=list)  # rows (label, pre count, post count, widths)
    histogram_shown: bool = False
    questions: list = field(default_factory=list)
    likert: list = field(default_factory=list)
    likert_overall: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)  # (question, [texts])
    comments_shown: bool = False
    participants: list = field(default_factory=list)  # personal only

    @property
    def phase_rows(self):
        matched = self.overall.people if self.overall is not None else 0
        rows = []
        for phase, total in self.phases.items():
            visible = phase_shown(total.people, matched, self.personal)
            rows.append(
                {
                    "phase": phase,
                    "label": Assessment.Phase(phase).label,
                    "people": total.people,
                    "percent": total.percent if visible else None,
                    "hidden": not visible,
                }
            )
        return rows


def comparison_bar(label, comparison, personal) -> Bar:
    visible = shown(comparison.people, personal)
    return Bar(
        label=label,
        pre=comparison.pre_percent if visible else None,
        post=comparison.post_percent if visible else None,
        gain=comparison.gain_percent if visible else None,
        people=comparison.people,
        hidden=not visible,
    )


def theme_bars(by_theme, personal) -> list[Bar]:
    themes = {theme.pk: theme for theme in Theme.objects.filter(pk__in=[key for key in by_theme if key])}
    ordered = sorted(by_theme.items(), key=lambda pair: _theme_order(themes.get(pair[0])))
    return [
        comparison_bar(themes[key].name if key in themes else _("No theme"), comparison, personal)
        for key, comparison in ordered
    ]


def _theme_order(theme):
    return (1, 0, 0) if theme is None else (0, theme.order, theme.pk)


def institution_bars(by_institution, personal) -> list[Bar]:
    """One bar per institution; for other viewers than the secretariat, small groups merged (see module)."""
    names = {
        institution.pk: institution.acronym or institution.name
        for institution in Institution.objects.filter(pk__in=[key for key in by_institution if key])
    }

    def label(key):
        return names.get(key) or _("No institution")

    groups = sorted(by_institution.items(), key=lambda pair: (-pair[1].people, label(pair[0])))
    if personal:
        return [comparison_bar(label(key), comparison, personal) for key, comparison in groups]
    visible = [(key, comparison) for key, comparison in groups if comparison.people >= MIN_GROUP]
    merged = [comparison for _key, comparison in groups if comparison.people < MIN_GROUP]
    while merged and sum(item.people for item in merged) < MIN_GROUP and visible:
        merged.append(visible.pop()[1])  # the smallest shown group joins the others
    bars = [comparison_bar(label(key), comparison, personal) for key, comparison in visible]
    if merged:
        bars.append(comparison_bar(_("Other institutions"), scoring.combined(merged), personal))
    return bars


def histogram_rows(assessment):
    counts = scoring.score_distribution(assessment)
    bins = scoring.HISTOGRAM_BINS
    step = 100 // bins
    highest = max([count for phase_counts in counts.values() for count in phase_counts] + [1])
    rows = []
    for band in range(bins):
        low, high = band * step, 100 if band == bins - 1 else (band + 1) * step - 1
        pre = counts.get(PRE, [0] * bins)[band]
        post = counts.get(POST, [0] * bins)[band]
        rows.append(
            {
                "label": f"{low}–{high} %",
                "pre": pre,
                "post": post,
                "pre_width": round(pre * 100 / highest, 1),
                "post_width": round(post * 100 / highest, 1),
            }
        )
    return rows


def question_rows(items, assessment, personal):
    rates = scoring.correct_rate_by_question(assessment)
    rows = []
    for number, item in enumerate(items, start=1):
        question = item.question
        if not question.is_scored:
            continue
        found = rates.get(question.pk, {})
        row = {"number": number, "question": question}
        for phase in (PRE, POST):
            correct, answers = found.get(phase) or (0, 0)
            visible = answers and shown(answers, personal)
            row[phase] = correct * 100 / answers if visible else None
            row[f"{phase}_answers"] = answers
            row[f"{phase}_width"] = round(correct * 100 / answers, 1) if visible else None
        rows.append(row)
    return rows


def likert_rows(items, assessment, personal, *, matched) -> list[Bar]:
    """One bar per statement (1–5), numbered as in the test."""
    means = scoring.self_assessment_by_question([assessment], matched=matched)
    bars = []
    for number, item in enumerate(items, start=1):
        question = item.question
        if question.kind != Question.Kind.LIKERT:
            continue
        found = means.get(question.pk, {"pre": None, "post": None, "answers": 0})
        visible = shown(found["answers"], personal)
        bars.append(
            Bar(
                label=f"{number}. {question.text}",
                pre=found["pre"] if visible else None,
                post=found["post"] if visible else None,
                people=found["answers"],
                scale=5,
                hidden=not visible and found["answers"] > 0,
            )
        )
    return bars


def comment_groups(items, assessment):
    texts = {}
    for question_id, text in (
        Answer.objects.filter(attempt__assessment=assessment)
        .exclude(text="")
        .order_by("question_id", "text")
        .values_list("question_id", "text")
    ):
        texts.setdefault(question_id, []).append(text)
    return [
        (item.question, texts.get(item.question.pk, [])) for item in items if item.question.kind == Question.Kind.TEXT
    ]


def participant_rows(assessment):
    """Each invitee with their own figures (secretariat only)."""
    participations = list(participants_with_links(assessment.meeting)) if assessment.meeting_id else []
    if assessment.kind == Assessment.Kind.KNOWLEDGE:
        scores = scoring.knowledge_by_participant(assessment)
        rows = []
        for participation in participations:
            comparison = scores.get(participation.pk)
            if comparison is None:
                continue
            rows.append(
                {
                    "participation": participation,
                    "pre": comparison.pre_percent,
                    "post": comparison.post_percent,
                    "gain": comparison.gain_percent,
                    "pre_score": comparison.pre_score if comparison.pre_max else None,
                    "pre_max": comparison.pre_max or None,
                    "post_score": comparison.post_score if comparison.post_max else None,
                    "post_max": comparison.post_max or None,
                }
            )
        return rows
    if assessment.kind == Assessment.Kind.SELF_ASSESSMENT:
        means = scoring.self_assessment_by_participant(assessment)
        return [
            {
                "participation": participation,
                "pre": means[participation.pk]["pre"],
                "post": means[participation.pk]["post"],
            }
            for participation in participations
            if participation.pk in means
        ]
    answered = set(assessment.attempts.values_list("participation_id", flat=True))
    return [{"participation": participation} for participation in participations if participation.pk in answered]


def results_of(assessment, *, personal: bool) -> Results:
    """Everything the results page of one test shows, for this viewer."""
    items = items_of(assessment)
    results = Results(assessment=assessment, personal=personal)
    results.invited = assessment.meeting.participations.count() if assessment.meeting_id else 0
    results.phases = scoring.phase_totals(assessment)
    if assessment.kind == Assessment.Kind.KNOWLEDGE:
        overall = scoring.knowledge_by_assessment([assessment]).get(assessment.pk) or scoring.Comparison()
        results.overall = overall
        results.overall_shown = shown(overall.people, personal) and overall.people > 0
        results.themes = theme_bars(scoring.knowledge_by_theme([assessment]), personal)
        results.institutions = institution_bars(scoring.knowledge_by_institution([assessment]), personal)
        answered = [total.people for total in results.phases.values() if total.people]
        results.histogram_shown = bool(answered) and all(shown(people, personal) for people in answered)
        if results.histogram_shown:
            results.histogram = histogram_rows(assessment)
        results.questions = question_rows(items, assessment, personal)
    else:
        matched = assessment.kind == Assessment.Kind.SELF_ASSESSMENT
        results.likert = likert_rows(items, assessment, personal, matched=matched)
        if matched:
            overall = scoring.self_assessment_overall([assessment])
            results.likert_overall = overall if shown(overall["people"], personal) else {}
        if assessment.kind == Assessment.Kind.EVALUATION:
            respondents = results.phases[POST].people
            results.comments_shown = shown(respondents, personal)
            results.comments = comment_groups(items, assessment) if results.comments_shown else []
    if personal:
        results.participants = participant_rows(assessment)
    return results


def summary_rows(assessments, personal):
    """Figures of a page of tests: answers per phase, mean scores, gain on matched participants (two queries)."""
    ids = [assessment.pk for assessment in assessments]
    figures = phase_figures(ids)
    knowledge = [a.pk for a in assessments if a.kind == Assessment.Kind.KNOWLEDGE]
    gains = scoring.knowledge_by_assessment(knowledge) if knowledge else {}
    for assessment in assessments:
        comparison = gains.get(assessment.pk)
        matched = comparison.people if comparison is not None else 0
        for phase in (PRE, POST):
            people, score, maximum = figures.get((assessment.pk, phase), (0, 0, 0))
            setattr(assessment, f"{phase}_people", people)
            visible = people and phase_shown(people, matched, personal)
            percent = scoring.percent(score or 0, maximum or 0) if visible else None
            setattr(assessment, f"{phase}_percent", percent)
        assessment.gain_percent = (
            comparison.gain_percent if comparison is not None and shown(comparison.people, personal) else None
        )
        assessment.matched = comparison.people if comparison is not None else 0
    return assessments


def workspace_summary(workspace, personal) -> dict:
    """Knowledge by theme and self-assessment over all the workspace's tests (for other readers than the
    secretariat, over the tests that at least MIN_GROUP people answered before and after).

    These read every answer of the workspace, so they are cached under the workspace's attempts version: a new
    attempt makes a new key, so a cached figure is never out of date.
    """
    version = attempts_version(workspace)

    def compute():
        knowledge = Assessment.objects.filter(workspace=workspace, kind=Assessment.Kind.KNOWLEDGE)
        self_assessments = Assessment.objects.filter(workspace=workspace, kind=Assessment.Kind.SELF_ASSESSMENT)
        if not personal:  # a test of fewer matched people would be given away by subtracting the others
            knowledge = scoring.with_matched_groups(knowledge, MIN_GROUP)
            self_assessments = scoring.with_matched_groups(self_assessments, MIN_GROUP)
        return scoring.knowledge_by_theme(knowledge), scoring.self_assessment_overall(self_assessments)

    by_theme, overall = cached_value("assessments-summary", (version, personal), compute)
    return {
        "themes": theme_bars(by_theme, personal),
        "self_assessment": overall if shown(overall["people"], personal) and overall["people"] else {},
    }
