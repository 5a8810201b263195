"""Every read of assessment data on behalf of a user (or of a participant's link) goes through here.

Outside the workspace → 404; a role without the capability → 403. The question bank and the questions of a test
(with their correct answers) are for those who run sessions: a member who will take the test must not read
the answers first. A participant's link (`Participation.token`) opens that person's own tests, nothing else.
"""

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from cadre.meetings.models import Participation
from cadre.meetings.participants import participations_of
from cadre.meetings.queries import get_meeting_for_user  # noqa: F401 (one access rule for a meeting: the links)
from cadre.workspaces.queries import get_workspace_for_user

from .models import Answer, Assessment, AssessmentQuestion, Attempt, Choice, Question

PRE, POST = Assessment.Phase.PRE, Assessment.Phase.POST

# The kinds of question each kind of assessment accepts.
KINDS_FOR = {
    Assessment.Kind.KNOWLEDGE: tuple(Question.SCORED_KINDS),
    Assessment.Kind.SELF_ASSESSMENT: (Question.Kind.LIKERT,),
    Assessment.Kind.EVALUATION: (Question.Kind.LIKERT, Question.Kind.TEXT),
}

NO_THEME = 0  # the theme filter's value for "questions without a theme"


# --- One object, for a user -----------------------------------------------------------------------------


def get_question_for_user(user, slug, pk, capability="run_sessions") -> Question:
    workspace = get_workspace_for_user(user, slug, capability)
    question = get_object_or_404(
        Question.objects.select_related("theme").prefetch_related("choices"), workspace=workspace, pk=pk
    )
    question.workspace = workspace
    return question


def get_assessment_for_user(user, slug, pk, capability="view") -> Assessment:
    workspace = get_workspace_for_user(user, slug, capability)
    assessment = get_object_or_404(Assessment.objects.select_related("meeting"), workspace=workspace, pk=pk)
    assessment.workspace = workspace
    return assessment


# --- A participant's link ----------------------------------------------------------------------------------


def get_participation_for_token(token: str) -> Participation:
    """The invitation behind a link; 404 for an unknown token (nothing says whether it ever existed)."""
    if not token or len(token) > 40:
        raise Http404
    return get_object_or_404(
        Participation.objects.select_related("meeting", "meeting__workspace", "person", "institution"), token=token
    )


def get_assessment_for_participation(participation, pk) -> Assessment:
    """One test of the participant's meeting; 404 for a test of another meeting."""
    assessment = get_object_or_404(Assessment, pk=pk, meeting_id=participation.meeting_id)
    assessment.meeting = participation.meeting
    assessment.workspace = participation.meeting.workspace
    return assessment


def tests_for_participation(participation):
    """The tests of the participant's meeting, each with this participant's attempts (and no one else's)."""
    own = Attempt.objects.filter(participation=participation).order_by("submitted_at", "pk")
    return list(
        Assessment.objects.filter(meeting_id=participation.meeting_id)
        .annotate(questions=Count("items"))
        .prefetch_related(Prefetch("attempts", queryset=own, to_attr="own_attempts"))
        .order_by("pk")
    )


def own_attempt(assessment, participation, phase):
    return Attempt.objects.filter(assessment=assessment, participation=participation, phase=phase).first()


def own_attempts_with_answers(assessment, participation):
    """This participant's attempts at this assessment with their answers and the questions' choices."""
    answers = Answer.objects.select_related("question").prefetch_related(
        Prefetch("question__choices", queryset=Choice.objects.order_by("order", "pk"))
    )
    return list(
        Attempt.objects.filter(assessment=assessment, participation=participation)
        .prefetch_related(Prefetch("answers", queryset=answers.order_by("pk")))
        .order_by("submitted_at", "pk")
    )


def my_participations(user, workspace):
    """The signed-in user's invitations to meetings of this workspace that have tests ("My tests")."""
    if not user.is_authenticated:
        return Participation.objects.none()
    return (
        Participation.objects.filter(person__user=user, meeting__workspace=workspace)
        .filter(Exists(Assessment.objects.filter(meeting_id=OuterRef("meeting_id"))))
        .annotate(
            open_tests=Count("meeting__assessments", filter=~Q(meeting__assessments__open_phase=Assessment.Open.CLOSED))
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at")
    )


# --- Lists of a workspace (a fixed number of queries, whatever the number of rows) ---------------------


def questions_of(workspace, *, theme=None, kind="", active=None, text="", kinds=None, exclude_assessment=None):
    """The bank, filtered; each question with its choices, how many tests use it and whether it was answered."""
    questions = Question.objects.filter(workspace=workspace)
    if theme == NO_THEME:
        questions = questions.filter(theme__isnull=True)
    elif isinstance(theme, list | tuple | set):
        questions = questions.filter(theme__in=theme)
    elif theme:
        questions = questions.filter(theme=theme)
    if kind:
        questions = questions.filter(kind=kind)
    if kinds is not None:
        questions = questions.filter(kind__in=kinds)
    if active is not None:
        questions = questions.filter(is_active=active)
    if text:
        questions = questions.filter(Q(text_fr__icontains=text) | Q(text_en__icontains=text))
    if exclude_assessment is not None:
        questions = questions.exclude(uses__assessment=exclude_assessment)
    return (
        questions.select_related("theme")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("order", "pk")))
        .annotate(
            use_count=Count("uses", distinct=True),
            answered=Exists(Answer.objects.filter(question_id=OuterRef("pk"))),
        )
        .order_by("theme__order", "theme_id", "pk")
    )


def assessments_of(workspace, *, kind=""):
    """The workspace's tests with their meeting, newest meeting first (figures: `phase_figures` on a page)."""
    assessments = Assessment.objects.filter(workspace=workspace)
    if kind:
        assessments = assessments.filter(kind=kind)
    return assessments.select_related("meeting").order_by("-meeting__starts_at", "-pk")


def phase_figures(assessment_ids) -> dict:
    """{(assessment id, phase): (people, summed score, summed maximum)} for a page of tests, in one GROUP BY."""
    rows = (
        Attempt.objects.filter(assessment_id__in=assessment_ids)
        .values("assessment_id", "phase")
        .annotate(people=Count("pk"), score=Sum("score"), max=Sum("max_score"))
        .order_by()
    )
    return {(row["assessment_id"], row["phase"]): (row["people"], row["score"], row["max"]) for row in rows}


def attempts_version(workspace) -> tuple:
    """Changes whenever an attempt is added or removed in the workspace (attempts are never edited)."""
    found = Attempt.objects.filter(assessment__workspace=workspace).aggregate(n=Count("pk"), last=Max("pk"))
    return (workspace.pk, found["n"], found["last"])


def items_of(assessment):
    """The questions of a test in order, with their theme and choices."""
    return list(
        AssessmentQuestion.objects.filter(assessment=assessment)
        .select_related("question", "question__theme")
        .prefetch_related(Prefetch("question__choices", queryset=Choice.objects.order_by("order", "pk")))
        .order_by("order", "pk")
    )


def questions_for_answering(assessment):
    return [item.question for item in items_of(assessment)]


def has_attempts(assessment) -> bool:
    return Attempt.objects.filter(assessment=assessment).exists()


def answer_count(question) -> int:
    return Answer.objects.filter(question=question).count()


def participants_with_links(meeting):
    """The invitees of a meeting with their link tokens (secretariat only), by institution then name: the
    meetings app's list of invitees."""
    return participations_of(meeting)
