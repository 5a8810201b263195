"""Results of a test: aggregates for everyone, each person's own figures for the secretariat only."""

import csv
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import queries
from .. import results as figures
from ..models import Assessment
from .common import context, meeting_url, personal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@login_required
def results(request, slug, pk):
    assessment = queries.get_assessment_for_user(request.user, slug, pk)
    workspace = assessment.workspace
    found = figures.results_of(assessment, personal=personal(workspace))
    ctx = context(
        workspace,
        assessment=assessment,
        meeting_url=meeting_url(assessment.meeting),
        results=found,
        min_group=figures.MIN_GROUP,
    )
    return render(request, "assessments/results.html", ctx)


def _cell(value):
    """A value for a spreadsheet: text that would be read as a formula is neutralised, numbers kept plain."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # the same on every database: 2, 2.5
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@login_required
def results_csv(request, slug, pk):
    """Each participant's figures (secretariat only)."""
    assessment = queries.get_assessment_for_user(request.user, slug, pk, "view_personal_results")
    rows = figures.participant_rows(assessment)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(assessment.title_fr)[:60] or "test"
    response["Content-Disposition"] = f'attachment; filename="{name}-{assessment.pk}.csv"'
    response.write("\ufeff")  # spreadsheets then read the accents right
    writer = csv.writer(response)
    head = [_("Name"), _("Institution")]
    if assessment.kind == Assessment.Kind.KNOWLEDGE:
        head += [
            _("Score before"),
            _("Maximum before"),
            _("% before"),
            _("Score after"),
            _("Maximum after"),
            _("% after"),
            _("Learning gain (%)"),
        ]
    elif assessment.kind == Assessment.Kind.SELF_ASSESSMENT:
        head += [_("Mean agreement before (1–5)"), _("Mean agreement after (1–5)")]
    writer.writerow(head)
    for row in rows:
        participation = row["participation"]
        institution = participation.institution
        line = [participation.person.full_name, (institution.acronym or institution.name) if institution else ""]
        if assessment.kind == Assessment.Kind.KNOWLEDGE:
            line += [
                row["pre_score"],
                row["pre_max"],
                row["pre"],
                row["post_score"],
                row["post_max"],
                row["post"],
                row["gain"],
            ]
        elif assessment.kind == Assessment.Kind.SELF_ASSESSMENT:
            line += [row["pre"], row["post"]]
        writer.writerow([_cell(value) for value in line])
    return response
