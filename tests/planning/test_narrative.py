"""The narrative progress report (DOCX) and the action-status summary."""

import io
from datetime import date

import docx
import pytest
from django.urls import reverse

from cadre.planning import monitoring
from cadre.planning.models import ActionReport, Measurement, Target

from ..core.helpers import text_of
from .test_rounds import open_round, round_url


@pytest.fixture
def reported(world, planned):
    round_ = open_round(planned)
    start, end = round_.period_start, round_.period_end
    own = planned.own_indicator
    own.baseline_value = 100
    own.save()
    Target.objects.create(indicator=own, period_start=start, period_end=end, value=200)
    Measurement.objects.create(
        indicator=own,
        round=round_,
        period_start=start,
        period_end=end,
        value=150,
        status="validated",
        comment="Chiffres de la police aux frontières",
    )
    ActionReport.objects.create(
        round=round_, action=planned.own_action, status="completed", progress="Atelier tenu à Agadez", validated=True
    )
    ActionReport.objects.create(round=round_, action=planned.other_action, status="delayed", validated=False)
    return round_


def _text(content):
    document = docx.Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    return paragraphs, cells, headings


def test_narrative_docx_has_headings_figures_and_comments(world, planned, reported):
    response = world.client("observer").get(round_url(world, planned, "narrative_docx", reported))
    assert response.status_code == 200
    paragraphs, cells, headings = _text(response.content)
    assert any("Rapport annuel 2018" in heading for heading in headings)
    assert any(planned.axis.title_fr in heading for heading in headings)
    assert any("01/01/2018" in p or "1 janvier 2018" in p for p in paragraphs)
    # summary: 2 indicators expected, 1 reported, 1 validated
    summary = docx.Document(io.BytesIO(response.content)).tables[0]
    assert [row.cells[1].text for row in summary.rows][1:5] == ["2", "1", "1", "2"]  # + 2 actions
    # indicator table: baseline 100, target 200, actual 150, 50 %
    row_start = cells.index(planned.own_indicator.code)
    assert cells[row_start + 2 : row_start + 6] == ["100", "200", "150", "50,0 %"]
    assert "Chiffres de la police aux frontières" in " ".join(paragraphs)
    assert "Atelier tenu à Agadez" in " ".join(paragraphs)


def test_action_status_uses_latest_validated_report_else_own_status(world, planned, reported):
    statuses = monitoring.current_action_statuses(planned.plan)
    assert statuses[planned.own_action.pk] == "completed"  # validated report
    assert statuses[planned.other_action.pk] == "not_started"  # its report is not validated
    later = open_round(planned, title_fr="2019", period_start=date(2019, 1, 1), period_end=date(2019, 12, 31))
    ActionReport.objects.create(round=later, action=planned.own_action, status="cancelled", validated=True)
    assert monitoring.current_action_statuses(planned.plan)[planned.own_action.pk] == "cancelled"


def test_action_status_by_axis_counts_and_chart(world, planned, reported):
    table = monitoring.action_status_by_axis(planned.plan)
    row = table["rows"][0]
    counts = {code: count for code, _label, count in row["counts"]}
    assert row["axis"] == planned.axis and row["total"] == 2
    assert counts["completed"] == 1 and counts["not_started"] == 1
    assert [(s["status"], s["width"]) for s in row["segments"]] == [("not_started", 50.0), ("completed", 50.0)]
    page = text_of(
        world.client("partner").get(reverse("planning:action_summary", args=[world.workspace.slug, planned.plan.slug]))
    )
    assert planned.axis.title_fr in page and "<svg" in page
