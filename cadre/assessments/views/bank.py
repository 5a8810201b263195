"""The question bank: list with filters, new questions of each kind, editing, copies, taking out of use."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.views import render_page
from cadre.workspaces.queries import get_workspace_for_user

from .. import queries, services
from ..forms import QuestionFilterForm, QuestionForm, choice_formset
from ..models import Question
from .common import context

PAGE_SIZE = 50
WITH_CHOICES = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)


@login_required
def question_list(request, slug):
    workspace = get_workspace_for_user(request.user, slug, "run_sessions")
    filters = QuestionFilterForm(request.GET or None, workspace=workspace)
    criteria = filters.criteria()
    questions = queries.questions_of(
        workspace,
        theme=criteria["theme"],
        kind=criteria["kind"],
        active=criteria["active"],
        text=criteria["text"],
    )
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = context(workspace, filters=filters, page=page, kinds=Question.Kind.choices)
    return render_page(request, "assessments/question_list.html", ctx, partial="results")


def _edit(request, workspace, kind, question=None):
    creating = question is None
    instance = question or Question(workspace=workspace, kind=kind)
    answered = 0 if creating else queries.answer_count(question)
    locked = answered > 0
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, instance=instance, workspace=workspace, kind=kind, locked=locked)
    choices = choice_formset(kind, data=data, instance=instance, locked=locked) if kind in WITH_CHOICES else None
    if data is not None and form.is_valid() and (choices is None or choices.is_valid()):
        try:
            saved = services.save_question(form, choices, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect(reverse("assessments:questions", args=[workspace.slug]) + f"#question-{saved.pk}")
    kind_label = Question.Kind(kind).label
    title = _("New question: %(kind)s") % {"kind": kind_label} if creating else _("Edit the question")
    ctx = context(
        workspace,
        form=form,
        choices=choices,
        question=question,
        kind=kind,
        kind_label=kind_label,
        locked=locked,
        answered=answered,
        title=title,
        cancel_url=reverse("assessments:questions", args=[workspace.slug]),
    )
    return render(request, "assessments/question_form.html", ctx, status=400 if data is not None else 200)


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request, slug, kind):
    workspace = get_workspace_for_user(request.user, slug, "run_sessions")
    if kind not in Question.Kind.values:
        raise Http404
    return _edit(request, workspace, kind)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, slug, pk):
    question = queries.get_question_for_user(request.user, slug, pk)
    return _edit(request, question.workspace, question.kind, question)


@login_required
@require_POST
def question_copy(request, slug, pk):
    question = queries.get_question_for_user(request.user, slug, pk)
    copy = services.copy_question(question, by=request.user)
    messages.success(request, _("This is a copy of the question: change it as needed, then save."))
    return redirect("assessments:question_edit", question.workspace.slug, copy.pk)


@login_required
@require_POST
def question_active(request, slug, pk):
    question = queries.get_question_for_user(request.user, slug, pk)
    active = request.POST.get("active") == "1"
    services.set_question_active(question, active, by=request.user)
    if active:
        messages.success(request, _("The question is in use again."))
    else:
        messages.success(request, _("The question is no longer offered for new tests; the tests that have it keep it."))
    return redirect(reverse("assessments:questions", args=[question.workspace.slug]) + f"#question-{question.pk}")
