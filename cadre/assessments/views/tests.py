"""Tests given at meetings: the landing page, creating and editing a test, its questions, its phases, the
participants' links."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.forms import MAX_ID
from cadre.core.views import parse_int, render_page
from cadre.workspaces.queries import get_workspace_for_user

from .. import queries, results, scoring, services
from ..forms import AssessmentForm, PhaseForm, QuestionFilterForm
from ..models import Assessment, AssessmentQuestion
from .common import context, meeting_url, personal

PAGE_SIZE = 25


@login_required
def assessment_list(request, slug):
    """The workspace's tests with their figures, knowledge by theme over all of them, and "My tests"."""
    workspace = get_workspace_for_user(request.user, slug)
    kind = request.GET.get("kind", "")
    if kind not in Assessment.Kind.values:
        kind = ""
    page = Paginator(queries.assessments_of(workspace, kind=kind), PAGE_SIZE).get_page(request.GET.get("page"))
    sees_people = personal(workspace)
    results.summary_rows(page.object_list, sees_people)
    ctx = context(
        workspace,
        page=page,
        kind=kind,
        kinds=Assessment.Kind.choices,
        summary=results.workspace_summary(workspace, sees_people),
        mine=list(queries.my_participations(request.user, workspace)),
        can_run=workspace.membership.can("run_sessions"),
        min_group=results.MIN_GROUP,
    )
    return render_page(request, "assessments/assessment_list.html", ctx, partial="results")


def _edit(request, workspace, assessment=None):
    creating = assessment is None
    answered = not creating and queries.has_attempts(assessment)
    initial = {}
    if creating and request.GET.get("meeting"):
        initial["meeting"] = parse_int(request.GET.get("meeting"), None)
    data = request.POST if request.method == "POST" else None
    form = AssessmentForm(
        data, instance=assessment or Assessment(), workspace=workspace, answered=answered, initial=initial
    )
    if data is not None and form.is_valid():
        try:
            saved = services.save_assessment(form, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The test “%(name)s” was saved.") % {"name": saved})
            return redirect("assessments:assessment", workspace.slug, saved.pk)
    ctx = context(
        workspace,
        form=form,
        title=_("New test") if creating else _("Edit “%(name)s”") % {"name": assessment},
        cancel_url=(
            reverse("assessments:assessment", args=[workspace.slug, assessment.pk])
            if assessment
            else reverse("assessments:assessments", args=[workspace.slug])
        ),
    )
    return render(request, "form_page.html", ctx, status=400 if data is not None else 200)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request, slug):
    workspace = get_workspace_for_user(request.user, slug, "run_sessions")
    return _edit(request, workspace)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request, slug, pk):
    assessment = queries.get_assessment_for_user(request.user, slug, pk, "run_sessions")
    return _edit(request, assessment.workspace, assessment)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_delete(request, slug, pk):
    assessment = queries.get_assessment_for_user(request.user, slug, pk, "run_sessions")
    workspace = assessment.workspace
    if request.method == "POST":
        name = str(assessment)
        try:
            services.delete_assessment(assessment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("assessments:assessment", workspace.slug, assessment.pk)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
        return redirect("assessments:assessments", workspace.slug)
    return render(
        request,
        "workspaces/confirm_delete.html",
        context(workspace, object=assessment, cancel_url=assessment.get_absolute_url()),
    )


@login_required
def assessment_detail(request, slug, pk):
    assessment = queries.get_assessment_for_user(request.user, slug, pk)
    workspace = assessment.workspace
    membership = workspace.membership
    can_run = membership.can("run_sessions")
    mine = [
        participation
        for participation in queries.my_participations(request.user, workspace)
        if participation.meeting_id == assessment.meeting_id
    ]
    ctx = context(
        workspace,
        assessment=assessment,
        meeting_url=meeting_url(assessment.meeting),
        can_run=can_run,
        # The questions and their correct answers are for those who run the session, not for those taking it.
        items=queries.items_of(assessment) if can_run else [],
        answered=queries.has_attempts(assessment),
        totals=scoring.phase_totals(assessment),
        mine=mine,
        can_see_links=membership.can("view_personal_results") and assessment.meeting_id,
        phase_choices=[
            (value, label)
            for value, label in Assessment.Open.choices
            if not (value == Assessment.Open.PRE and assessment.kind == Assessment.Kind.EVALUATION)
        ],
    )
    return render(request, "assessments/assessment_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_questions(request, slug, pk):
    """Pick questions of the bank for a test: the kinds it accepts, by default of the meeting's themes."""
    assessment = queries.get_assessment_for_user(request.user, slug, pk, "run_sessions")
    workspace = assessment.workspace
    kinds = queries.KINDS_FOR[assessment.kind]
    meeting_themes = list(assessment.meeting.themes.order_by("order", "pk")) if assessment.meeting_id else []
    filters = QuestionFilterForm(request.GET or None, workspace=workspace, kinds=kinds)
    criteria = filters.criteria()
    theme = criteria["theme"]
    by_meeting = "theme" not in request.GET and bool(meeting_themes)
    if by_meeting:
        theme = [t.pk for t in meeting_themes]
    candidates = queries.questions_of(
        workspace,
        theme=theme,
        kind=criteria["kind"],
        kinds=kinds,
        active=True,
        text=criteria["text"],
        exclude_assessment=assessment,
    )
    status = 200
    if request.method == "POST":
        wanted = [parse_int(value, None) for value in request.POST.getlist("question")]
        # Not an id (or one too large for the database to look up): counted as a question that does not exist.
        wanted = [value if value and 0 < value <= MAX_ID else 0 for value in wanted]
        chosen = {
            question.pk: question for question in queries.questions_of(workspace, active=None).filter(pk__in=wanted)
        }
        if not wanted:
            messages.error(request, _("Tick the questions to add."))
            status = 400
        elif 0 in wanted or len(chosen) != len(set(wanted)):
            messages.error(request, _("Some of these questions do not exist (any more)."))
            status = 400
        else:
            try:
                added = services.add_questions(assessment, [chosen[pk] for pk in wanted], by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 400
            else:
                messages.success(request, _("%(count)s question(s) added.") % {"count": added})
                return redirect("assessments:assessment", workspace.slug, assessment.pk)
    ctx = context(
        workspace,
        assessment=assessment,
        filters=filters,
        candidates=list(candidates[:200]),
        meeting_themes=meeting_themes,
        by_meeting=by_meeting,
        answered=queries.has_attempts(assessment),
    )
    return render(request, "assessments/assessment_questions.html", ctx, status=status)


@login_required
@require_POST
def assessment_item(request, slug, pk, item_pk):
    """Move a question of the test up or down, or remove it."""
    assessment = queries.get_assessment_for_user(request.user, slug, pk, "run_sessions")
    item = get_object_or_404(AssessmentQuestion, assessment=assessment, pk=item_pk)
    action = request.POST.get("action")
    try:
        if action == "up":
            services.move_question(assessment, item, -1, by=request.user)
        elif action == "down":
            services.move_question(assessment, item, 1, by=request.user)
        elif action == "remove":
            services.remove_question(assessment, item, by=request.user)
            messages.success(request, _("The question was removed from the test (it stays in the bank)."))
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("assessments:assessment", args=[assessment.workspace.slug, assessment.pk]) + "#questions")


@login_required
@require_POST
def assessment_phase(request, slug, pk):
    assessment = queries.get_assessment_for_user(request.user, slug, pk, "run_sessions")
    form = PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown phase."))
        return redirect("assessments:assessment", assessment.workspace.slug, assessment.pk)
    try:
        services.set_open_phase(assessment, form.cleaned_data["open_phase"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The test is now: %(state)s.") % {"state": assessment.get_open_phase_display()})
    return redirect("assessments:assessment", assessment.workspace.slug, assessment.pk)


def _links(request, slug, meeting_pk, template):
    meeting = queries.get_meeting_for_user(request.user, slug, meeting_pk, "view_personal_results")
    workspace = meeting.workspace
    participants = list(queries.participants_with_links(meeting))
    for participation in participants:
        participation.link = request.build_absolute_uri(reverse("assessments:take_list", args=[participation.token]))
    ctx = context(
        workspace,
        meeting=meeting,
        meeting_url=meeting_url(meeting),
        participants=participants,
        tests=list(meeting.assessments.order_by("pk")),
    )
    return render(request, template, ctx)


@login_required
def participant_links(request, slug, meeting_pk):
    """Each invitee's personal link to their tests (the secretariat sends them, or prints them)."""
    return _links(request, slug, meeting_pk, "assessments/links.html")


@login_required
def participant_links_print(request, slug, meeting_pk):
    return _links(request, slug, meeting_pk, "assessments/links_print.html")
