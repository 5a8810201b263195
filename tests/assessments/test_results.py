"""Results: aggregates for everyone, never one person's score; each person's results for the secretariat only."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from cadre.assessments import results
from cadre.assessments.models import Assessment

from ..factories import InstitutionFactory
from .conftest import answer, english_client, make_assessment, more_participants

NON_SECRETARIAT = ["member", "expert", "partner", "observer"]


def results_url(world, assessment):
    return reverse("assessments:results", args=[world.workspace.slug, assessment.pk])


@pytest.fixture
def answered(session, knowledge):
    """Eight participants: 2 of the personas' institution, 2 of the DST, 4 of a large ministry."""
    big = InstitutionFactory(name_fr="Ministère de la Justice", acronym="MJ")
    people = [*session.own, *session.other, *more_participants(session.meeting, 4, big)]
    for index, person in enumerate(people):
        answer(knowledge, person, "pre", right=("single",) if index % 2 else ())
        answer(knowledge, person, "post", right="all" if index % 2 else ("single", "multiple"))
    return people, big


@pytest.mark.parametrize("persona", NON_SECRETARIAT)
def test_other_viewers_see_aggregates_and_no_names(world, knowledge, answered, persona):
    people, _big = answered
    response = english_client(world, persona).get(results_url(world, knowledge))
    page = text = response.content.decode()
    assert response.status_code == 200
    for person in people:
        assert person.person.full_name not in page
    assert 'id="participants"' not in page
    assert reverse("assessments:results_csv", args=[world.workspace.slug, knowledge.pk]) not in text
    assert "Learning gain" in page and 'id="by-theme"' in page and 'id="histogram"' in page


def test_institutions_with_fewer_than_three_people_are_merged(world, knowledge, answered):
    _people, big = answered
    page = english_client(world, "observer").get(results_url(world, knowledge)).content.decode()
    institutions = page[page.index('id="by-institution"') : page.index('id="histogram"')]
    assert "MJ" in institutions
    assert "Other institutions" in institutions
    assert world.institution.acronym not in institutions
    # The secretariat sees every institution.
    page = english_client(world, "secretariat").get(results_url(world, knowledge)).content.decode()
    institutions = page[page.index('id="by-institution"') : page.index('id="histogram"')]
    assert (
        world.institution.acronym in institutions and "DST" in institutions and "Other institutions" not in institutions
    )


def test_merged_group_too_small_takes_in_the_smallest_institution_shown(db):
    from decimal import Decimal

    from cadre.assessments.scoring import Comparison

    groups = {
        1: Comparison(
            key=1, pre_score=Decimal(4), pre_max=Decimal(16), post_score=Decimal(12), post_max=Decimal(16), people=4
        ),
        2: Comparison(
            key=2, pre_score=Decimal(5), pre_max=Decimal(12), post_score=Decimal(6), post_max=Decimal(12), people=3
        ),
        3: Comparison(
            key=3, pre_score=Decimal(1), pre_max=Decimal(4), post_score=Decimal(4), post_max=Decimal(4), people=1
        ),
    }
    with translation.override("en"):
        bars = results.institution_bars(groups, personal=False)
    labels = [bar.label for bar in bars]
    assert len(bars) == 2 and labels[-1] == "Other institutions"
    other = bars[-1]
    assert other.people == 4  # the lone person merged with the 3 of the smaller institution
    assert other.pre == pytest.approx(6 * 100 / 16)
    assert results.institution_bars({3: groups[3]}, personal=False)[0].hidden


def test_figures_of_fewer_than_three_people_are_not_shown(world, session, knowledge):
    a, b = session.own
    answer(knowledge, a, "pre", right=("single",))
    answer(knowledge, a, "post", right="all")
    answer(knowledge, b, "pre")
    answer(knowledge, b, "post", right=("single",))
    page = english_client(world, "observer").get(results_url(world, knowledge)).content.decode()
    assert "2 people answered both tests: too few to show a result." in page
    assert "mean score not shown (too few people)" in page
    assert "Not shown until enough people have answered." in page
    figures = page[page.index('id="answered-pre"') : page.index('id="gain-heading"')]
    overall = page[page.index('id="overall"') : page.index('id="themes-heading"')]
    questions = page[page.index('id="per-question"') :].split("</table>")[0]
    assert "%" not in figures and "%" not in overall and "%" not in questions.replace("0–19 %", "")
    # The secretariat sees them.
    page = english_client(world, "secretariat").get(results_url(world, knowledge)).content.decode()
    assert "too few" not in page
    assert "63 %" in page[page.index('id="overall"') : page.index('id="themes-heading"')]  # 5 of 8 points after


def test_mean_of_a_phase_is_withheld_when_it_would_give_away_those_who_answered_only_that_phase(
    world, session, knowledge
):
    """Five answered before, three of them after: their 3 × 25 % before is shown with the gain; a mean of 20 %
    over all five would tell that the two others scored 12.5 % (one of them: their own and the other's sum)."""
    people = [*session.own, *session.other, *more_participants(session.meeting, 1)]
    for person in people[:3]:
        answer(knowledge, person, "pre", right=("single",))
        answer(knowledge, person, "post", right="all")
    answer(knowledge, people[3], "pre", right=("single",))
    answer(knowledge, people[4], "pre")
    page = english_client(world, "observer").get(results_url(world, knowledge)).content.decode()
    overall = page[page.index('id="overall"') : page.index('id="themes-heading"')]
    assert "25 %" in overall and "100 %" in overall  # the three matched
    before = page[page.index('id="answered-pre"') :].split("</dd>")[0]
    assert "mean score not shown" in before and "%" not in before
    after = page[page.index('id="answered-post"') :].split("</dd>")[0]
    assert "mean score 100 %" in after  # the same three: nothing to subtract
    # Three more answering only before: the difference is a group of three, shown.
    for person in more_participants(session.meeting, 1):
        answer(knowledge, person, "pre")
    page = english_client(world, "observer").get(results_url(world, knowledge)).content.decode()
    assert "mean score 17 %" in page[page.index('id="answered-pre"') :].split("</dd>")[0]  # 4 of 24 points
    # The secretariat sees every figure.
    answer(knowledge, people[3], "post")
    page = english_client(world, "secretariat").get(results_url(world, knowledge)).content.decode()
    assert "not shown" not in page[page.index('id="answered-pre"') :].split("</dd>")[0]


def test_results_show_gain_by_theme_histogram_and_questions(world, knowledge, answered, bank):
    page = english_client(world, "observer").get(results_url(world, knowledge)).content.decode()
    overall = page[page.index('id="overall"') : page.index('id="themes-heading"')]
    # Before: 4 people with 1/4 and 4 with 0/4 → 12.5 %; after: 4 with 4/4 and 4 with 2/4 → 75 %.
    assert "12 %" in overall or "13 %" in overall
    assert "75 %" in overall
    assert "71 %" in overall  # (75 − 12.5) / (100 − 12.5)
    themes = page[page.index('id="by-theme"') : page.index('id="institutions-heading"')]
    assert world.theme.name_en in themes and bank.other_theme.name_en in themes
    histogram = page[page.index('id="histogram"') : page.index('id="questions-heading"')]
    assert "0–19 %" in histogram and "80–100 %" in histogram
    questions = page[page.index('id="per-question"') :]
    assert bank.single.text_en in questions and "50 %" in questions and "100 %" in questions
    assert 'style="' not in page  # the CSP forbids inline styles: bars are drawn with SVG attributes


def test_secretariat_sees_each_participant_and_downloads_them(world, knowledge, answered):
    people, _big = answered
    client = english_client(world, "secretariat")
    page = client.get(results_url(world, knowledge)).content.decode()
    table = page[page.index('id="participants"') :]
    for person in people:
        assert person.person.full_name in table
    response = client.get(reverse("assessments:results_csv", args=[world.workspace.slug, knowledge.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Institution", "Score before"]
    assert len(rows) == 1 + len(people)
    by_name = {row[0]: row for row in rows[1:]}
    first = by_name[people[1].person.full_name]  # 1/4 before, 4/4 after
    assert first[2:] == ["1", "4", "25.0", "4", "4", "100.0", "100.0"]


def test_csv_neutralises_names_that_look_like_formulas(world, session, knowledge):
    person = session.own[0].person
    person.full_name = '=HYPERLINK("http://example.org")'
    person.save()
    answer(knowledge, session.own[0], "pre")
    response = english_client(world, "secretariat").get(
        reverse("assessments:results_csv", args=[world.workspace.slug, knowledge.pk])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://example.org")'


def test_self_assessment_results(world, session, bank):
    test = make_assessment(session.meeting, Assessment.Kind.SELF_ASSESSMENT, [bank.likert], title="Auto-évaluation")
    people = [*session.own, *session.other]
    for index, person in enumerate(people):
        answer(test, person, "pre", likert=2)
        answer(test, person, "post", likert=4 + index % 2)
    page = english_client(world, "observer").get(results_url(world, test)).content.decode()
    statements = page[page.index('id="per-statement"') :]
    assert bank.likert.text_en in statements
    assert "2.0 / 5" in statements and "4.5 / 5" in statements
    assert "0 % → 100 %" in page
    for person in people:
        assert person.person.full_name not in page
    page = english_client(world, "secretariat").get(results_url(world, test)).content.decode()
    assert people[0].person.full_name in page[page.index('id="participants"') :]


def test_evaluation_comments_are_shown_without_names_once_three_answered(world, session, bank):
    from cadre.assessments import services

    evaluation = make_assessment(session.meeting, Assessment.Kind.EVALUATION, [bank.likert, bank.text], title="Éval")
    Assessment.objects.filter(pk=evaluation.pk).update(open_phase="post")
    people = [*session.own, *session.other]
    comments = ["Plus d'exercices pratiques", "Très utile", ""]
    for person, comment in zip(people[:2], comments, strict=False):
        services.submit_attempt(evaluation, person, "post", {bank.likert: 5, bank.text: comment})
    page = english_client(world, "observer").get(results_url(world, evaluation)).content.decode()
    assert "Très utile" not in page  # two answers: too few
    services.submit_attempt(evaluation, people[2], "post", {bank.likert: 2, bank.text: ""})
    page = english_client(world, "observer").get(results_url(world, evaluation)).content.decode()
    comments_section = page[page.index('id="comments"') :]
    assert "Très utile" in comments_section and "Plus d&#x27;exercices pratiques" in comments_section
    assert "4.0 / 5" in page  # (5 + 5 + 2) / 3
    for person in people:
        assert person.person.full_name not in page


def test_workspace_summary_by_theme_over_all_tests(world, knowledge, answered):
    page = english_client(world, "partner").get(reverse("assessments:assessments", args=[world.workspace.slug]))
    text = page.content.decode()
    themes = text[text.index('id="workspace-themes"') : text.index('id="tests-heading"')]
    assert world.theme.name_en in themes
    assert "%" in themes
