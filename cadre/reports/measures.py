"""The figures behind the expected results, computed by the database (GROUP BY), never by looping over records.

Each measure is a fixed number of queries whatever the size of the workspace. The figures are plain numbers
(no model instances, no names of people), so that they can be cached under the workspace's data version
(`data_version`) and shown to every member: the dashboard shows aggregates only.

* capacity self-assessment: mean agreement (1–5) before and after, and the share agreeing (4–5), over the
  participants who answered both before and after (matched), per statement too;
* knowledge gain: matched scores before and after and Hake's normalised gain, per chosen theme and overall;
* strategy progress: per document, sections by status, revisions and the institutions that wrote them,
  releases, the positions taken on the latest release, adoption;
* coordination: institutions attending each held meeting, institutions involved over the process, institutions
  co-drafting, action points closed on time.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum
from django.utils import timezone

from cadre.assessments import scoring
from cadre.assessments.models import Answer, Assessment, Attempt, Question
from cadre.assessments.results import MIN_GROUP
from cadre.core.cache import cached_value
from cadre.core.models import localized
from cadre.drafting.models import Comment, Document, Release, Revision, Section, SignOff, Suggestion
from cadre.meetings import stats
from cadre.meetings.models import ActionPoint, Meeting, Participation
from cadre.meetings.queries import action_point_tally

from .models import Evidence

Measure = Evidence.Measure
PRE, POST = Assessment.Phase.PRE, Assessment.Phase.POST

# MIN_GROUP (imported, the threshold of the tests' results pages): a figure over fewer people would let a reader
# work out one person's score; it is withheld from everyone who may not see personal results (and always from
# the PDF, which leaves the platform).

# Raised whenever the shape of the cached figures changes, so that a new release never reads an old entry.
FIGURES_VERSION = 2

# Revisions that are not writing: a section created empty is structure, not drafting.
WRITING = ~Q(kind=Revision.Kind.CREATE)


# --- Scope: which records count ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """An optional window of dates: meetings held, tests given at meetings and action points due within it."""

    start: date | None = None
    end: date | None = None

    def __bool__(self):
        return bool(self.start or self.end)

    def on_datetime(self, queryset, name):
        if self.start:
            queryset = queryset.filter(**{f"{name}__date__gte": self.start})
        if self.end:
            queryset = queryset.filter(**{f"{name}__date__lte": self.end})
        return queryset

    def on_date(self, queryset, name):
        if self.start:
            queryset = queryset.filter(**{f"{name}__gte": self.start})
        if self.end:
            queryset = queryset.filter(**{f"{name}__lte": self.end})
        return queryset


@dataclass(frozen=True)
class Scope:
    """Which records count. `large_groups_only`: tests count only once MIN_GROUP people answered them before and
    after (for readers who may not see personal results: see scoring.with_matched_groups)."""

    workspace_id: int
    period: Period = Period()
    large_groups_only: bool = False

    def meetings(self):
        return self.period.on_datetime(Meeting.objects.filter(workspace_id=self.workspace_id), "starts_at")

    def held_meetings(self):
        """The meetings that took place, as the attendance pages count them (meetings.stats.took_place)."""
        return self.meetings().filter(stats.took_place())

    def assessments(self, kind):
        assessments = Assessment.objects.filter(workspace_id=self.workspace_id, kind=kind)
        if self.period:
            assessments = assessments.filter(meeting__in=self.meetings())
        if self.large_groups_only:
            assessments = scoring.with_matched_groups(assessments, MIN_GROUP)
        return assessments

    def left_out(self, kind) -> int:
        """How many tests answered before and after by fewer than MIN_GROUP people `assessments()` leaves out."""
        if not self.large_groups_only:
            return 0
        every = replace(self, large_groups_only=False).assessments(kind)
        matched = every.annotate(matched_people=scoring.matched_people())
        return matched.filter(matched_people__gt=0, matched_people__lt=MIN_GROUP).count()

    def action_points(self):
        return self.period.on_date(ActionPoint.objects.filter(workspace_id=self.workspace_id), "due_date")


# --- Shapes of the figures -----------------------------------------------------------------------------------


class Bilingual:
    """Something with `title_fr` / `title_en` read in the reader's language (cached figures hold both)."""

    @property
    def title(self):
        return localized(self, "title")


@dataclass
class AssessmentRow(Bilingual):
    """One test counted in a figure, with its own before/after figures (matched participants)."""

    pk: int
    title_fr: str
    title_en: str
    meeting_id: int | None
    meeting_title_fr: str = ""
    meeting_title_en: str = ""
    meeting_date: datetime | None = None
    answered_pre: int = 0
    answered_post: int = 0
    comparison: scoring.Comparison = field(default_factory=scoring.Comparison)

    @property
    def meeting_title(self):
        return localized(self, "meeting_title")

    @property
    def people(self):
        return self.comparison.people


@dataclass
class Statement:
    question_id: int
    text_fr: str
    text_en: str
    pre: float | None
    post: float | None
    answers: int

    @property
    def text(self):
        return localized(self, "text")


@dataclass
class SelfAssessmentFigures:
    pre: float | None = None  # mean agreement 1–5
    post: float | None = None
    pre_agree: float | None = None  # % of answers agreeing (4 or 5)
    post_agree: float | None = None
    people: int = 0  # matched respondents
    tests: int = 0  # self-assessments with matched respondents
    left_out: int = 0  # self-assessments not counted: too few matched respondents (see Scope.large_groups_only)
    statements: list = field(default_factory=list)
    assessments: list = field(default_factory=list)  # AssessmentRow, when asked for


@dataclass
class KnowledgeFigures:
    themes: dict = field(default_factory=dict)  # theme id (None: questions without a theme) → Comparison
    overall: scoring.Comparison = field(default_factory=scoring.Comparison)
    tests: int = 0  # knowledge tests with matched answers on these themes
    left_out: int = 0  # knowledge tests not counted: too few matched participants (see Scope.large_groups_only)
    assessments: list = field(default_factory=list)  # AssessmentRow, when asked for


@dataclass
class DocumentProgress(Bilingual):
    pk: int
    slug: str
    title_fr: str
    title_en: str
    is_main: bool
    sections: dict = field(default_factory=dict)  # status → count
    revisions: int = 0
    institutions: int = 0  # distinct institutions that wrote revisions
    contributors: int = 0  # distinct institutions that commented or suggested
    releases: int = 0
    latest_release: dict | None = None  # {pk, name, created_at}
    signoffs: dict = field(default_factory=dict)  # decision → count, on the latest release
    adopted_on: date | None = None
    adoption_reference: str = ""

    @property
    def total(self):
        return sum(self.sections.values())

    @property
    def agreed(self):
        return self.sections.get(Section.Status.AGREED, 0)

    @property
    def agreed_percent(self):
        return self.agreed * 100 / self.total if self.total else None

    @property
    def signoff_total(self):
        return sum(self.signoffs.values())


@dataclass
class StrategyFigures:
    documents: list = field(default_factory=list)
    institutions: int = 0  # co-drafting, over all documents


@dataclass
class MeetingRow(Bilingual):
    pk: int
    title_fr: str
    title_en: str
    kind: str
    starts_at: datetime
    institutions: int = 0  # distinct institutions of the people who attended
    attended: int = 0


@dataclass
class ActionPointFigures:
    total: int = 0
    closed: int = 0
    on_time: int = 0
    open: int = 0
    overdue: int = 0
    dropped: int = 0

    @property
    def late(self):
        return self.closed - self.on_time

    @property
    def on_time_percent(self):
        return self.on_time * 100 / self.closed if self.closed else None

    @property
    def open_in_time(self):
        return self.open - self.overdue


@dataclass
class CoordinationFigures:
    meetings: list = field(default_factory=list)  # held meetings, in date order
    institutions_involved: int = 0
    institutions_codrafting: int = 0
    action_points: ActionPointFigures = field(default_factory=ActionPointFigures)

    @property
    def attended_meetings(self):
        return [meeting for meeting in self.meetings if meeting.attended]

    @property
    def mean_institutions(self):
        """The attendance page's figure (meetings.stats.mean_institutions_present)."""
        return stats.mean_institutions_present((meeting.institutions, meeting.attended) for meeting in self.meetings)[0]

    @property
    def max_institutions(self):
        return max((meeting.institutions for meeting in self.meetings), default=0)


# --- Self-assessment -----------------------------------------------------------------------------------------


def self_assessment(scope: Scope, *, tests=False) -> SelfAssessmentFigures:
    """`tests`: also each self-assessment counted, with its own counts (for the page of the records)."""
    assessments = scope.assessments(Assessment.Kind.SELF_ASSESSMENT)
    overall = scoring.self_assessment_overall(assessments)
    by_question = scoring.self_assessment_by_question(assessments)
    texts = Question.objects.filter(pk__in=list(by_question)).order_by("theme__order", "pk")
    statements = [
        Statement(
            question_id=question["pk"],
            text_fr=question["text_fr"],
            text_en=question["text_en"],
            pre=by_question[question["pk"]]["pre"],
            post=by_question[question["pk"]]["post"],
            answers=by_question[question["pk"]]["answers"],
        )
        for question in texts.values("pk", "text_fr", "text_en")
    ]
    matched = scoring.matched_attempts(assessments)
    counts = Attempt.objects.filter(pk__in=matched).aggregate(
        people=Count("participation_id", distinct=True), tests=Count("assessment_id", distinct=True)
    )
    return SelfAssessmentFigures(
        pre=_float(overall["pre"]),
        post=_float(overall["post"]),
        pre_agree=_float(overall["pre_agree"]),
        post_agree=_float(overall["post_agree"]),
        people=counts["people"],
        tests=counts["tests"],
        left_out=scope.left_out(Assessment.Kind.SELF_ASSESSMENT),
        statements=statements,
        assessments=_assessment_rows(assessments, matched) if tests else [],
    )


def _assessment_rows(assessments, matched, comparisons: dict | None = None) -> list[AssessmentRow]:
    """The tests behind a figure: how many answered before and after, and their matched comparison.

    `matched`: the matched attempts (a subquery of ids); `comparisons`: {assessment id: Comparison}.
    """
    rows = {
        row["pk"]: AssessmentRow(
            pk=row["pk"],
            title_fr=row["title_fr"],
            title_en=row["title_en"],
            meeting_id=row["meeting_id"],
            meeting_title_fr=row["meeting__title_fr"] or "",
            meeting_title_en=row["meeting__title_en"] or "",
            meeting_date=row["meeting__starts_at"],
        )
        for row in assessments.order_by("meeting__starts_at", "pk").values(
            "pk", "title_fr", "title_en", "meeting_id", "meeting__title_fr", "meeting__title_en", "meeting__starts_at"
        )
    }
    counts = (
        Attempt.objects.filter(assessment__in=assessments)
        .values("assessment_id", "phase")
        .annotate(answered=Count("pk"), matched=Count("participation_id", distinct=True, filter=Q(pk__in=matched)))
        .order_by()
    )
    for count in counts:
        row = rows.get(count["assessment_id"])
        if row is None:
            continue
        if count["phase"] == PRE:
            row.answered_pre = count["answered"]
        else:
            row.answered_post = count["answered"]
        if comparisons is None:
            row.comparison.people = max(row.comparison.people, count["matched"])
    for key, comparison in (comparisons or {}).items():
        if key in rows:
            rows[key].comparison = comparison
    return list(rows.values())


# --- Knowledge gain ------------------------------------------------------------------------------------------


def knowledge(scope: Scope, theme_sets, *, tests=False) -> dict[tuple, KnowledgeFigures]:
    """{theme ids (sorted tuple; empty: every theme) → figures}: per theme and overall.

    The scores per theme are read once for every set; a set's overall score is their sum, and its people are
    counted on the matched attempts that hold an answer on one of its themes. `tests`: also each test counted,
    with its own figures on those themes (for the page of the records).
    """
    assessments = scope.assessments(Assessment.Kind.KNOWLEDGE)
    theme_sets = sorted(set(theme_sets))
    if not theme_sets:
        return {}
    by_theme = scoring.knowledge_by_theme(assessments)
    matched = scoring.matched_attempts(assessments)
    left_out = scope.left_out(Assessment.Kind.KNOWLEDGE)
    found = {}
    for themes in theme_sets:
        chosen = {key: value for key, value in by_theme.items() if not themes or key in themes}
        overall = scoring.combined(chosen.values())  # its people are counted below (one may answer on two themes)
        answers = Answer.objects.filter(attempt_id=OuterRef("pk"), max_score__gt=0)
        if themes:
            answers = answers.filter(theme_id__in=themes)
        counts = (
            Attempt.objects.filter(pk__in=matched)
            .filter(Exists(answers))
            .aggregate(people=Count("participation_id", distinct=True), tests=Count("assessment_id", distinct=True))
        )
        overall.people = counts["people"]
        figures = KnowledgeFigures(themes=chosen, overall=overall, tests=counts["tests"], left_out=left_out)
        if tests:
            scored = Answer.objects.filter(attempt_id__in=matched, max_score__gt=0)
            if themes:
                scored = scored.filter(theme_id__in=themes)
            per_test = scoring.fold(
                scored.values("attempt__assessment_id", phase=F("attempt__phase"))
                .annotate(
                    score=Sum("score"), max=Sum("max_score"), people=Count("attempt__participation_id", distinct=True)
                )
                .order_by(),
                "attempt__assessment_id",
            )
            figures.assessments = _assessment_rows(assessments.filter(pk__in=list(per_test)), matched, per_test)
        found[themes] = figures
    return found


# --- Strategy progress ---------------------------------------------------------------------------------------


def strategy(scope: Scope) -> StrategyFigures:
    workspace_id = scope.workspace_id
    documents = {
        row["pk"]: DocumentProgress(
            pk=row["pk"],
            slug=row["slug"],
            title_fr=row["title_fr"],
            title_en=row["title_en"],
            is_main=row["is_main"],
            adopted_on=row["adopted_on"],
            adoption_reference=row["adoption_reference"],
        )
        for row in Document.objects.filter(workspace_id=workspace_id)
        .order_by("-is_main", "title_fr", "pk")
        .values("pk", "slug", "title_fr", "title_en", "is_main", "adopted_on", "adoption_reference")
    }
    in_workspace = {"document__workspace_id": workspace_id}
    for row in (
        Section.objects.filter(**in_workspace).values("document_id", "status").annotate(n=Count("pk")).order_by()
    ):
        documents[row["document_id"]].sections[row["status"]] = row["n"]
    for row in (
        Revision.objects.filter(WRITING, section__document__workspace_id=workspace_id)
        .values(document_id=F("section__document_id"))
        .annotate(n=Count("pk"), institutions=Count("institution_id", distinct=True))
        .order_by()
    ):
        documents[row["document_id"]].revisions = row["n"]
        documents[row["document_id"]].institutions = row["institutions"]
    contributions = Comment.objects.filter(section__document__workspace_id=workspace_id).values_list(
        "section__document_id", "institution_id"
    )
    suggestions = Suggestion.objects.filter(section__document__workspace_id=workspace_id).values_list(
        "section__document_id", "institution_id"
    )
    contributors: dict[int, set] = {}
    for document_id, institution_id in (
        contributions.exclude(institution_id=None).order_by().union(suggestions.exclude(institution_id=None).order_by())
    ):
        contributors.setdefault(document_id, set()).add(institution_id)
    for document_id, institutions in contributors.items():
        documents[document_id].contributors = len(institutions)
    latest = {}
    for row in (
        Release.objects.filter(**in_workspace)
        .order_by("document_id", "created_at", "pk")
        .values("pk", "document_id", "name", "created_at")
    ):
        document = documents[row["document_id"]]
        document.releases += 1
        document.latest_release = {"pk": row["pk"], "name": row["name"], "created_at": row["created_at"]}
        latest[row["document_id"]] = row["pk"]
    for row in (
        SignOff.objects.filter(release_id__in=list(latest.values()))
        .values("release__document_id", "decision")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        documents[row["release__document_id"]].signoffs[row["decision"]] = row["n"]
    return StrategyFigures(documents=list(documents.values()), institutions=codrafting_institutions(scope))


def codrafting_institutions(scope: Scope) -> int:
    return (
        Revision.objects.filter(WRITING, section__document__workspace_id=scope.workspace_id)
        .exclude(institution_id=None)
        .values("institution_id")
        .distinct()
        .count()
    )


# --- Coordination --------------------------------------------------------------------------------------------


def attended(scope: Scope):
    """Participations of people who came to a held meeting, on behalf of an institution."""
    return Participation.objects.filter(
        meeting__in=scope.held_meetings(), status=Participation.Status.ATTENDED, institution_id__isnull=False
    )


def coordination(scope: Scope) -> CoordinationFigures:
    meetings = [
        MeetingRow(
            pk=meeting.pk,
            title_fr=meeting.title_fr,
            title_en=meeting.title_en,
            kind=meeting.kind,
            starts_at=meeting.starts_at,
            institutions=meeting.institutions_present,
            attended=meeting.people_present,
        )
        for meeting in stats.attendance_per_meeting(scope.held_meetings())
    ]
    return CoordinationFigures(
        meetings=meetings,
        institutions_involved=attended(scope).values("institution_id").distinct().count(),
        institutions_codrafting=codrafting_institutions(scope),
        action_points=action_points(scope),
    )


def action_points(scope: Scope) -> ActionPointFigures:
    """The same tally as the meetings pages' (one definition of "closed on time", in meetings.queries)."""
    tally = action_point_tally(scope.action_points())
    return ActionPointFigures(
        total=tally["total"],
        closed=tally["done"],
        on_time=tally["done_on_time"],
        open=tally["open"],
        overdue=tally["overdue"],
        dropped=tally["dropped"],
    )


# --- Everything a dashboard needs, cached under the data version ---------------------------------------------


def figures(scope: Scope, evidence, *, tests=False) -> dict:
    """{"self_assessment", "knowledge" (by theme set), "strategy", "coordination"}: only the measures chosen.

    `tests`: with each test counted (the page of the records behind a figure).
    """
    measures = {item.measure for item in evidence}
    theme_sets = [theme_key(item) for item in evidence if item.measure == Measure.KNOWLEDGE_GAIN]
    return {
        "self_assessment": self_assessment(scope, tests=tests) if Measure.SELF_ASSESSMENT in measures else None,
        "knowledge": knowledge(scope, theme_sets, tests=tests),
        "strategy": strategy(scope) if Measure.STRATEGY_PROGRESS in measures else None,
        "coordination": coordination(scope) if Measure.COORDINATION in measures else None,
    }


def theme_key(evidence) -> tuple:
    """The evidence's themes as a sorted tuple of ids (empty: all themes); reads the prefetched themes."""
    return tuple(sorted(theme.pk for theme in evidence.themes.all()))


def cached_figures(scope: Scope, evidence, *, tests=False) -> dict:
    """`figures()` through the cache, keyed by the data version and by what is measured (never stale)."""
    chosen = sorted((item.measure, theme_key(item)) for item in evidence)
    material = (FIGURES_VERSION, scope, chosen, tests, data_version(scope.workspace_id), timezone.localdate())
    return cached_value(f"reports:{scope.workspace_id}", material, lambda: figures(scope, evidence, tests=tests))


def data_version(workspace_id: int) -> tuple:
    """Changes whenever a record a figure is computed from is added, changed or removed.

    Every table read by `figures()` contributes its row count and its latest change (or, for rows that are never
    changed once written, its highest id): a new row raises the maximum, a removal lowers the count, an edit
    moves `updated_at`. One aggregate query per table, each on an index or a small table.
    """
    in_workspace = {"workspace_id": workspace_id}
    in_documents = {"section__document__workspace_id": workspace_id}
    parts = [
        # …and how many have started: a meeting counts as held once it has started (meetings.stats.took_place).
        Meeting.objects.filter(**in_workspace).aggregate(
            n=Count("pk"), m=Max("updated_at"), started=Count("pk", filter=Q(starts_at__lte=timezone.now()))
        ),
        Participation.objects.filter(meeting__workspace_id=workspace_id).aggregate(n=Count("pk"), m=Max("updated_at")),
        Assessment.objects.filter(**in_workspace).aggregate(n=Count("pk"), m=Max("updated_at")),
        Attempt.objects.filter(assessment__workspace_id=workspace_id).aggregate(n=Count("pk"), m=Max("updated_at")),
        Answer.objects.filter(attempt__assessment__workspace_id=workspace_id).aggregate(n=Count("pk"), m=Max("pk")),
        Question.objects.filter(**in_workspace).aggregate(n=Count("pk"), m=Max("updated_at")),
        ActionPoint.objects.filter(**in_workspace).aggregate(n=Count("pk"), m=Max("updated_at")),
        Document.objects.filter(**in_workspace).aggregate(n=Count("pk"), m=Max("updated_at")),
        Section.objects.filter(document__workspace_id=workspace_id).aggregate(n=Count("pk"), m=Max("updated_at")),
        Revision.objects.filter(**in_documents).aggregate(n=Count("pk"), m=Max("pk")),
        Comment.objects.filter(**in_documents).aggregate(n=Count("pk"), m=Max("updated_at")),
        Suggestion.objects.filter(**in_documents).aggregate(n=Count("pk"), m=Max("updated_at")),
        Release.objects.filter(document__workspace_id=workspace_id).aggregate(n=Count("pk"), m=Max("pk")),
        SignOff.objects.filter(release__document__workspace_id=workspace_id).aggregate(
            n=Count("pk"), m=Max("updated_at")
        ),
    ]
    return tuple(tuple(part.values()) for part in parts)


def _float(value):
    return None if value is None else float(value)
