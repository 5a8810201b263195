"""The results dashboard: each expected result beside its evidence, the records behind each figure, the PDF."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from cadre.core.views import render_page
from cadre.directory.models import Institution
from cadre.workspaces.queries import get_workspace_for_user

from . import cards, measures, queries, services
from .forms import EvidenceForm
from .models import Evidence

Measure = Evidence.Measure
ACTION_POINTS_PAGE = 100


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period is before its start."))
        return data

    def period(self) -> measures.Period:
        """The period asked for; none (the whole process) when the dates are wrong."""
        if not self.is_bound or not self.is_valid():
            return measures.Period()
        return measures.Period(self.cleaned_data.get("start"), self.cleaned_data.get("end"))


def _period_form(request):
    data = {key: request.GET[key] for key in ("start", "end") if request.GET.get(key)}
    return PeriodForm(data or None)


@login_required
@require_safe
def dashboard(request, slug):
    workspace = get_workspace_for_user(request.user, slug)
    form = _period_form(request)
    period = form.period()
    context = cards.dashboard_context(workspace, period, small_groups=queries.sees_small_groups(workspace.membership))
    context.update(
        {
            "period_form": form,
            "can_choose": workspace.membership.can("manage_workspace"),
            "pdf_query": request.GET.urlencode() if period else "",
        }
    )
    return render_page(request, "reports/dashboard.html", context, partial="results")


@login_required
@require_safe
def dashboard_pdf(request, slug):
    from . import pdf

    workspace = get_workspace_for_user(request.user, slug)
    period = _period_form(request).period()
    content = pdf.export_pdf(workspace, period)
    name = slugify(f"{workspace.slug} {_('results')} {timezone.localdate():%Y-%m-%d}")[:80] or "results"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def evidence(request, slug):
    workspace = get_workspace_for_user(request.user, slug, "manage_workspace")
    results = queries.results_of(workspace)
    themes = list(queries.themes_of(workspace))
    data = request.POST if request.method == "POST" else None
    forms_ = [
        EvidenceForm(
            data,
            result=result,
            themes=themes,
            initial={
                "measures": [item.measure for item in result.evidence_list],
                "themes": [
                    str(theme.pk)
                    for item in result.evidence_list
                    if item.measure == Measure.KNOWLEDGE_GAIN
                    for theme in item.themes.all()
                ],
            },
        )
        for result in results
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms_):
        try:
            with transaction.atomic():
                changed = [
                    services.set_evidence(
                        form.result,
                        measures=form.cleaned_data["measures"],
                        themes=form.cleaned_data["themes"],
                        by=request.user,
                    )
                    for form in forms_
                ]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if any(changed):
                messages.success(request, _("The evidence of the expected results was saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("reports:dashboard", slug=workspace.slug)
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "forms": forms_,
    }
    return render(request, "reports/evidence_form.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_safe
def evidence_detail(request, slug, number, measure):
    if measure not in Measure.values:
        raise Http404
    item = queries.get_evidence_for_user(request.user, slug, number, measure)
    result = item.expected_result
    workspace = result.workspace
    form = _period_form(request)
    period = form.period()
    small_groups = queries.sees_small_groups(workspace.membership)
    scope = measures.Scope(workspace.pk, period, large_groups_only=not small_groups)
    figures = measures.cached_figures(scope, [item], tests=True)
    themes = list(queries.themes_of(workspace))
    block = cards.build_cards(workspace, [_only(result, item)], figures, small_groups=small_groups, themes=themes)[
        0
    ].blocks[0]
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "result": result,
        "measure_block": block,
        "period": period,
        "period_form": form,
        "dashboard_url": reverse("reports:dashboard", args=[workspace.slug]),
        "min_group": measures.MIN_GROUP,
    }
    if measure in (Measure.SELF_ASSESSMENT, Measure.KNOWLEDGE_GAIN):
        context["tests"] = _test_rows(workspace, block, figures, item, small_groups)
    elif measure == Measure.STRATEGY_PROGRESS:
        context.update(_strategy_records(workspace, figures["strategy"]))
    elif measure == Measure.COORDINATION:
        context.update(_coordination_records(request, workspace, scope, figures["coordination"]))
    return render(request, f"reports/evidence_{measure}.html", context)


def _only(result, item):
    """The result with only this one measure (the detail page shows one block)."""
    result.evidence_list = [item]
    return result


def _test_rows(workspace, block, figures, item, small_groups):
    if item.measure == Measure.SELF_ASSESSMENT:
        rows = figures["self_assessment"].assessments
    else:
        rows = figures["knowledge"][measures.theme_key(item)].assessments
    tests = []
    for row in rows:
        tests.append(
            {
                "row": row,
                "figure": cards.comparison_row(row.comparison, small_groups),
                "url": cards.assessment_url(workspace, row.pk),
                "meeting_url": cards.meeting_url(workspace, row.meeting_id) if row.meeting_id else "",
            }
        )
    return tests


def _strategy_records(workspace, figures):
    sections = queries.sections_of(workspace)
    signoffs = queries.latest_signoffs_of(workspace)
    institutions = list(queries.codrafting_institutions_of(workspace))
    named = Institution.objects.in_bulk([row["institution_id"] for row in institutions])
    documents = []
    for document in figures.documents:
        items = sections.get(document.pk, [])
        for section in items:
            section.url = reverse("drafting:section", args=[workspace.slug, document.slug, section.pk])
        documents.append(
            {
                "document": document,
                "url": reverse("drafting:document", args=[workspace.slug, document.slug]),
                "release_url": reverse(
                    "drafting:release", args=[workspace.slug, document.slug, document.latest_release["pk"]]
                )
                if document.latest_release
                else "",
                "sections": items,
                "signoffs": signoffs.get(document.pk, []),
            }
        )
    return {
        "documents": documents,
        "codrafting": [{"institution": named[row["institution_id"]], **row} for row in institutions],
    }


def _coordination_records(request, workspace, scope, figures):
    attending = list(queries.institutions_attending(scope))
    named = Institution.objects.in_bulk([row["institution_id"] for row in attending])
    meetings = [{"meeting": meeting, "url": cards.meeting_url(workspace, meeting.pk)} for meeting in figures.meetings]
    page = Paginator(queries.action_points_of(scope), ACTION_POINTS_PAGE).get_page(request.GET.get("page"))
    for point in page.object_list:
        point.meeting_url = cards.meeting_url(workspace, point.meeting_id) if point.meeting_id else ""
    today = timezone.localdate()
    return {
        "meetings": meetings,
        "attending": [{"institution": named[row["institution_id"]], **row} for row in attending],
        "page": page,
        "today": today,
    }
