"""The results report as a PDF: a cover, each result with its figures and charts, small groups withheld."""

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

from cadre.drafting.exchange.pdf_export import LocalOnlyFetcher
from cadre.reports import measures, pdf
from cadre.reports.models import Evidence
from cadre.workspaces.queries import get_workspace_for_user

from ..factories import ResultFactory
from ..meetings.factories import AssessmentFactory, MeetingFactory, ParticipationFactory, QuestionFactory
from .conftest import POST, PRE, take
from .test_dashboard import pct


@pytest.fixture
def workspace(world, measured):
    world.workspace.programme = "MIEUX"
    world.workspace.reference = "MIEUX/NE/2016"
    world.workspace.save()
    return get_workspace_for_user(world.users["secretariat"], world.workspace.slug)


def test_pdf_download_is_a_pdf_attachment(world, measured):
    response = world.client("observer").get(reverse("reports:dashboard_pdf", args=[world.workspace.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="niger-')
    assert response.content.startswith(b"%PDF-") and response.content.rstrip().endswith(b"%%EOF")


def test_pdf_has_a_cover_and_a_page_per_result_and_fetches_nothing(workspace):
    fetcher = LocalOnlyFetcher()
    rendered = pdf.render_pdf(workspace, measures.Period(), fetcher=fetcher)
    assert len(rendered.pages) >= 6  # the cover, then each of the five results on a page of its own
    page = rendered.pages[0]
    assert (round(page.width * 25.4 / 96), round(page.height * 25.4 / 96)) == (210, 297)
    assert fetcher.refused == []


def test_pdf_html_holds_the_cover_facts_and_every_result_with_its_figures(workspace, measured):
    tree = lxml.html.document_fromstring(pdf.dashboard_html(workspace, measures.Period()))
    cover = tree.xpath("//section[@class='cover']")[0].text_content()
    with translation.override("fr"):
        generated = date_format(timezone.localdate(), "j F Y")
    for fact in (workspace.title, "MIEUX", "MIEUX/NE/2016", generated):
        assert fact in cover
    cards = tree.xpath("//section[@class='result-card']")
    assert len(cards) == 5
    for card, number in zip(cards, range(1, 6), strict=True):
        assert measured.results[number].statement_fr in card.text_content()
    assert "+" + pct(80) in cards[2].text_content()
    assert pct(75) in cards[4].text_content()
    assert len(tree.xpath("//svg")) >= 5  # the charts, drawn inline
    assert tree.xpath("//a") == []  # no link in a printed report


def test_pdf_withholds_small_groups_even_for_the_secretariat(world, session, workspace):
    result = ResultFactory(workspace=world.workspace, number=7)
    Evidence.objects.create(expected_result=result, measure=Evidence.Measure.KNOWLEDGE_GAIN)
    later = MeetingFactory(workspace=world.workspace, starts_at=timezone.now())
    test = AssessmentFactory(meeting=later)
    question = QuestionFactory(workspace=world.workspace)
    for before, after in [(0, 1), (1, 1)]:
        participation = ParticipationFactory(meeting=later)
        take(test, participation, PRE, {question: before})
        take(test, participation, POST, {question: after})
    html = pdf.dashboard_html(workspace, measures.Period(start=timezone.localdate()))
    card = lxml.html.document_fromstring(html).xpath("//section[@class='result-card']")[-1].text_content()
    assert "+" + pct(100) not in card
    assert str(measures.MIN_GROUP) in card


def test_pdf_names_no_one(workspace, measured):
    html = pdf.dashboard_html(workspace, measures.Period())
    for name in measured.personal_names():
        assert name not in html
