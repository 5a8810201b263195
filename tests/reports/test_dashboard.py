"""The dashboard: a card per expected result with its figures, links to the records, no one's name or score."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cadre.assessments.models import Assessment
from cadre.reports.models import Evidence

from ..core.helpers import element_text, element_tokens, text_of
from ..factories import ResultFactory
from ..meetings.factories import AssessmentFactory, MeetingFactory, ParticipationFactory, QuestionFactory
from .conftest import POST, PRE, take

PERSONAS = ["secretariat", "member", "expert", "partner", "observer"]


def left_out_note(count):
    """The note saying how many small tests are left out of the totals, as the reader sees it."""
    with translation.override("fr"):
        return translation.ngettext(
            "%(counter)s test answered before and after by fewer than %(least)s people is not counted, so that no "
            "one's score can be worked out from the others.",
            "%(counter)s tests answered before and after by fewer than %(least)s people are not counted, so that no "
            "one's score can be worked out from the others.",
            count,
        ) % {"counter": count, "least": 3}


def fr(msgid, **params):
    """The interface's French text for a message (the msgid itself until the catalogue translates it)."""
    with translation.override("fr"):
        text = translation.gettext(msgid)
    return text % params if params else text


def pct(value):
    """A percentage as the dashboard writes it in French ("45 %" once translated)."""
    return fr("%(value)s%%", value=value)


def fewer_than(singular, plural):
    with translation.override("fr"):
        return translation.ngettext(singular, plural, 3) % {"counter": 3}


def _dashboard(world, persona="observer", query=""):
    return world.client(persona).get(reverse("reports:dashboard", args=[world.workspace.slug]) + query)


def test_dashboard_shows_each_expected_result_with_its_figures(world, measured):
    html = text_of(_dashboard(world))
    for number in range(1, 6):
        card = element_text(html, f"result-{number}")
        assert measured.results[number].statement_fr in card
    self_assessment = element_text(html, "result-1")
    assert "2,5" in self_assessment and "4,0" in self_assessment  # mean agreement before → after
    assert pct(17) in self_assessment and pct(83) in self_assessment  # share agreeing
    strategy = element_text(html, "result-2")
    assert fr("%(agreed)s of %(total)s (%(share)s)", agreed=2, total=4, share=pct(50)) in strategy
    knowledge_a = element_text(html, "result-3")
    assert "+" + pct(80) in knowledge_a and measured.theme_a.name_fr in knowledge_a
    knowledge_b = element_text(html, "result-4")
    assert "+" + pct(50) in knowledge_b and pct(33) in knowledge_b and pct(67) in knowledge_b
    coordination = element_text(html, "result-5")
    # action points closed on time: 3 of the 4 closed
    assert fr("%(share)s (%(on_time)s of %(closed)s)", share=pct(75), on_time=3, closed=4) in coordination


def test_dashboard_learning_gain_is_marked_for_a_reader_and_a_browser_test(world, measured):
    html = text_of(_dashboard(world))
    assert html.count('class="learning-gain"') == 2
    assert '<dd class="learning-gain">+' + pct(80) in html


def test_dashboard_figures_link_to_the_records_behind_them(world, measured):
    html = text_of(_dashboard(world))
    for number, measure in [
        (1, "self_assessment"),
        (2, "strategy_progress"),
        (3, "knowledge_gain"),
        (4, "knowledge_gain"),
        (5, "coordination"),
    ]:
        url = reverse("reports:evidence_detail", args=[world.workspace.slug, number, measure])
        assert f'href="{url}"' in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_of_the_results_shows_a_persons_name(world, measured, persona):
    client = world.client(persona)
    slug = world.workspace.slug
    urls = [reverse("reports:dashboard", args=[slug])] + [
        reverse("reports:evidence_detail", args=[slug, number, measure])
        for number, measure in [
            (1, "self_assessment"),
            (2, "strategy_progress"),
            (3, "knowledge_gain"),
            (5, "coordination"),
        ]
    ]
    for url in urls:
        page = text_of(client.get(url))
        for name in measured.personal_names():
            assert name not in page, f"{name} shown to {persona} on {url}"


def test_small_group_is_withheld_from_readers_and_flagged_for_the_secretariat(world, session):
    result = ResultFactory(workspace=world.workspace, number=7)
    Evidence.objects.create(expected_result=result, measure=Evidence.Measure.KNOWLEDGE_GAIN)
    test = AssessmentFactory(meeting=session.meeting)
    question = QuestionFactory(workspace=world.workspace, theme=world.theme)
    for participation, before, after in [(session.own[0], 0, 1), (session.own[1], 1, 1)]:
        take(test, participation, PRE, {question: before})
        take(test, participation, POST, {question: after})
    observer = element_text(text_of(_dashboard(world, "observer")), "result-7")
    assert pct(100) not in observer and pct(50) not in observer
    assert (
        fewer_than(
            "Fewer than %(counter)s person took the tests both before and after: the figures are not shown, so "
            "that no one's score can be inferred.",
            "Fewer than %(counter)s people took the tests both before and after: the figures are not shown, so "
            "that no one's score can be inferred.",
        )
        in observer
    )
    secretariat = element_text(text_of(_dashboard(world, "secretariat")), "result-7")
    assert "+" + pct(100) in secretariat  # 50 % → 100 %: the whole possible progress
    assert (
        fr("A small group: shown to you because you may see personal results; other readers and the PDF do not see it.")
        in secretariat
    )


def test_a_small_test_is_left_out_of_the_figures_over_several_tests_for_readers(world, measured):
    """Each test's figures are public once 3 people answered it before and after; a total over several tests that
    also held a test of one person would give that person's score away (the total minus the others)."""
    lone = MeetingFactory(workspace=world.workspace, starts_at=timezone.now() - datetime.timedelta(days=3))
    small = AssessmentFactory(meeting=lone, title_fr="Test individuel", title_en="One-person test")
    question = QuestionFactory(workspace=world.workspace, theme=measured.theme_a)
    participation = ParticipationFactory(meeting=lone)
    take(small, participation, PRE, {question: 0})
    take(small, participation, POST, {question: 1})
    detail = reverse("reports:evidence_detail", args=[world.workspace.slug, 3, "knowledge_gain"])
    for page in (element_text(text_of(_dashboard(world)), "result-3"), text_of(world.client("observer").get(detail))):
        # Theme A of the three matched participants only: 1/6 → 5/6, gain 80 % (with the fourth: 1/7 → 6/7).
        assert pct(17) in page and pct(83) in page and "+" + pct(80) in page
        assert pct(14) not in page and pct(86) not in page
        assert left_out_note(1) in page
    assert "Test individuel" not in text_of(world.client("observer").get(detail))
    secretariat = text_of(world.client("secretariat").get(detail))
    assert "Test individuel" in secretariat and pct(14) in secretariat and pct(86) in secretariat
    # The assessments' own summary over all tests follows the same rule.
    address = reverse("assessments:assessments", args=[world.workspace.slug])
    for persona, before in (("observer", "17 %"), ("secretariat", "14 %")):
        page = text_of(world.client(persona).get(address))
        summary = page[page.index('id="workspace-themes"') :].split("</tr>")[1]  # the first theme's row
        assert measured.theme_a.name_fr in summary and before in summary, persona


def test_result_without_evidence_invites_the_secretariat_to_choose(world):
    link = reverse("reports:evidence", args=[world.workspace.slug])
    secretariat = text_of(_dashboard(world, "secretariat"))
    observer = text_of(_dashboard(world, "observer"))
    assert fr("No evidence chosen yet.") in element_text(secretariat, "result-1")
    assert f'href="{link}#result-1"' in secretariat
    assert fr("No evidence chosen yet.") in element_text(observer, "result-1")
    assert link not in observer


def test_dashboard_with_no_data_yet_says_so_for_each_measure(world):
    for measure in Evidence.Measure.values:
        Evidence.objects.create(expected_result=world.result, measure=measure)
    card = element_text(text_of(_dashboard(world)), "result-1")
    assert fr("No one has answered a capacity self-assessment both before and after yet.") in card
    assert fr("No one has taken a knowledge test on these themes both before and after yet.") in card
    assert fr("No strategy document in this workspace yet.") in card
    assert fr("No meeting held and no action point yet.") in card


def test_dashboard_reads_the_statement_in_the_readers_language(world, measured):
    client = world.client("observer")
    client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    html = text_of(client.get(reverse("reports:dashboard", args=[world.workspace.slug])))
    assert measured.results[2].statement_en in html
    assert measured.results[2].statement_fr not in html


def test_period_filter_keeps_the_meetings_of_the_period(world, measured):
    day = timezone.localdate(measured.knowledge.meeting.starts_at)
    later = (day + datetime.timedelta(days=1)).isoformat()
    html = text_of(_dashboard(world, query=f"?start={later}"))
    assert "+" + pct(80) not in html
    assert fr("No one has taken a knowledge test on these themes both before and after yet.") in element_text(
        html, "result-3"
    )
    pdf_link = reverse("reports:dashboard_pdf", args=[world.workspace.slug]) + f"?start={later}"
    assert pdf_link in html
    within = text_of(_dashboard(world, query=f"?start={day.isoformat()}&end={day.isoformat()}"))
    assert "+" + pct(80) in within


@pytest.mark.parametrize("query", ["?start=2017-01-31&end=2016-01-01", "?start=not-a-date", "?end=2016-02-30"])
def test_wrong_period_is_explained_and_the_whole_process_shown(world, measured, query):
    response = _dashboard(world, query=query)
    html = text_of(response)
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "+" + pct(80) in html  # the figures of the whole process


def test_htmx_request_gets_the_same_results_as_a_full_page(world, measured):
    url = reverse("reports:dashboard", args=[world.workspace.slug])
    client = world.client("observer")
    full = text_of(client.get(url))
    partial = text_of(client.get(url, headers={"HX-Request": "true"}))
    assert "<html" not in partial
    assert element_tokens(partial, "results") == element_tokens(full, "results")


def test_records_of_the_knowledge_gain_link_each_test_to_its_results(world, measured):
    url = reverse("reports:evidence_detail", args=[world.workspace.slug, 3, "knowledge_gain"])
    html = text_of(world.client("observer").get(url))
    results_url = reverse("assessments:results", args=[world.workspace.slug, measured.knowledge.pk])
    assert f'href="{results_url}"' in html
    assert measured.knowledge.title_fr in html
    records = html[html.index('id="records-heading"') :]
    assert '<td data-label="' + fr("Answers before") + '" class="number-cell">4</td>' in records
    assert "+" + pct(80) in records  # the test's own gain on theme A


def test_records_of_coordination_list_meetings_institutions_and_action_points(world, measured, session):
    url = reverse("reports:evidence_detail", args=[world.workspace.slug, 5, "coordination"])
    html = text_of(world.client("partner").get(url))
    assert session.meeting.title_fr in html
    assert world.institution.name_fr in html and session.other_institution.name_fr in html
    assert html.count("Transmettre la liste des projets") == 7
    assert html.count('class="status status-on-time"') == 3
    assert html.count('class="status status-late"') == 1


def test_records_of_strategy_progress_list_sections_and_positions_without_signatories(world, measured):
    url = reverse("reports:evidence_detail", args=[world.workspace.slug, 2, "strategy_progress"])
    html = text_of(world.client("expert").get(url))
    for number in range(1, 5):
        assert f"Section {number}" in html
    section = measured.document.sections.get(title="Section 1")
    assert reverse("drafting:section", args=[world.workspace.slug, measured.document.slug, section.pk]) in html
    assert html.count('class="status status-agreed"') == 2
    assert 'class="status status-reservations"' in html and 'class="status status-endorsed"' in html
    assert "Moussa" not in html


def test_records_of_self_assessment_count_answers_before_and_after(world, measured):
    url = reverse("reports:evidence_detail", args=[world.workspace.slug, 1, "self_assessment"])
    html = text_of(world.client("member").get(url))
    results_url = reverse("assessments:results", args=[world.workspace.slug, measured.self_assessment.pk])
    assert f'href="{results_url}"' in html
    assert measured.self_assessment.title_fr in html


def test_dashboard_counts_only_self_assessments_of_this_workspace(world, measured):
    other = AssessmentFactory(
        meeting=MeetingFactory(workspace=world.other_workspace), kind=Assessment.Kind.SELF_ASSESSMENT
    )
    statement = QuestionFactory(workspace=world.other_workspace, kind="likert")
    for _ in range(3):
        participation = ParticipationFactory(meeting=other.meeting)
        take(other, participation, PRE, {statement: 1})
        take(other, participation, POST, {statement: 1})
    card = element_text(text_of(_dashboard(world)), "result-1")
    assert "2,5" in card and "4,0" in card
