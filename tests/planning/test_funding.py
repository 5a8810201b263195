"""The funding gap, with numbers checked by hand (planning/funding.py states the rules).

Plan 2017–2021 (XOF). Axis 1 holds `own_action` and `other_action`, axis 2 holds `third`:

own_action (2017–2019)
  cost 2017: 655,957,000 XOF = 1,000,000 EUR; cost 2018: 500,000 EUR
  intervention A: 1,200,000 EUR, 2017–2018, 50 %          → 300,000 EUR in 2017 and in 2018
  state budget committed for 2018: 131,191,400 XOF        → 200,000 EUR in 2018
  partner committed, no year: 90,000 EUR                  → 30,000 EUR in 2017, 2018, 2019
  partner expected (not committed): 100,000 EUR           → nothing
  2017: cost 1,000,000, committed 330,000, gap 670,000
  2018: cost   500,000, committed 530,000, gap 0 (balance +30,000)
  2019: cost         0, committed  30,000, gap 0
  total: cost 1,500,000, committed 890,000, gap 610,000, balance −610,000

other_action (2017–2019)
  cost 2019: 400,000 EUR
  intervention C: 800,000 EUR, planned 2015–2018 but actually ended 2019 → 5 years, 160,000 EUR a year,
                  of which 2017, 2018, 2019 fall in the plan
  intervention B: no budget → commits nothing, "commitment unknown"
  2017: 0 / 160,000 / gap 0; 2018: 0 / 160,000 / gap 0; 2019: 400,000 / 160,000 / gap 240,000
  total: cost 400,000, committed 480,000, gap 0 (the surplus of 2017–2018 covers 2019), balance +80,000

third (axis 2): cost 2020: 100,000 EUR, nothing committed → gap 100,000

Axis 1: cost 1,900,000, committed 1,370,000, gap 610,000. Axis 2: cost 100,000, committed 0, gap 100,000.
Years (sums of the action cells): 2017 cost 1,000,000 committed 490,000 gap 670,000; 2018 cost 500,000
committed 690,000 gap 0; 2019 cost 400,000 committed 190,000 gap 240,000; 2020 cost 100,000 gap 100,000.
Overall: cost 2,000,000, committed 1,370,000, gap 710,000 (sum of the actions' gaps), balance −630,000.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.planning.funding import funding_table, spread
from cadre.planning.models import Contribution, Cost, FundingSource, Objective

from ..core.helpers import french
from ..mapping.conftest import make_intervention
from .factories import ActionFactory, ObjectiveFactory

D = datetime.date
E = Decimal


@pytest.fixture
def funded(world, planned):
    own, other = planned.own_action, planned.other_action
    Cost.objects.create(action=own, year=2017, amount=E("655957000"), currency="XOF")
    Cost.objects.create(action=own, year=2018, amount=E("500000"), currency="EUR")
    Cost.objects.create(action=other, year=2019, amount=E("400000"), currency="EUR")
    a = make_intervention(world.workspace, title="A", budget=E("1200000"), start=D(2017, 1, 1), end=D(2018, 12, 31))
    Contribution.objects.create(action=own, intervention=a, share_percent=E("50"))
    FundingSource.objects.create(
        action=own, kind="state", year=2018, amount=E("131191400"), currency="XOF", committed=True
    )
    FundingSource.objects.create(action=own, kind="partner", amount=E("90000"), currency="EUR", committed=True)
    FundingSource.objects.create(action=own, kind="partner", amount=E("100000"), currency="EUR", committed=False)
    b = make_intervention(world.workspace, title="B", budget=None, start=D(2017, 1, 1), end=D(2019, 12, 31))
    c = make_intervention(
        world.workspace,
        title="C",
        budget=E("800000"),
        start=D(2015, 3, 1),
        end=D(2018, 6, 30),
        actual_end=D(2019, 6, 30),
    )
    Contribution.objects.create(action=other, intervention=b)
    Contribution.objects.create(action=other, intervention=c, share_percent=E("100"))
    axis2 = ObjectiveFactory(plan=planned.plan, level=Objective.Level.AXIS, parent=planned.general, code="2", order=2)
    specific2 = ObjectiveFactory(plan=planned.plan, level=Objective.Level.SPECIFIC, parent=axis2, code="2.1")
    result2 = ObjectiveFactory(plan=planned.plan, level=Objective.Level.RESULT, parent=specific2, code="2.1.1")
    third = ActionFactory(plan=planned.plan, result=result2, code="2.1.1.1", start_year=2020, end_year=2020)
    Cost.objects.create(action=third, year=2020, amount=E("100000"), currency="EUR")
    return planned, third, axis2


def _cell(cell):
    return (cell.cost, cell.committed, cell.gap, cell.balance)


def test_funding_per_action_year_by_hand(funded):
    planned, third, _axis2 = funded
    table = funding_table(planned.plan)
    rows = {row.action.pk: row for row in table.actions}
    own = rows[planned.own_action.pk]
    assert _cell(own.years[2017]) == (E("1000000"), E("330000"), E("670000"), E("-670000"))
    assert _cell(own.years[2018]) == (E("500000"), E("530000"), E("0"), E("30000"))
    assert _cell(own.years[2019]) == (E("0"), E("30000"), E("0"), E("30000"))
    assert _cell(own.years[2020]) == (0, 0, 0, 0)
    assert _cell(own.total) == (E("1500000"), E("890000"), E("610000"), E("-610000"))
    assert own.unknown == 0
    other = rows[planned.other_action.pk]
    assert _cell(other.years[2017]) == (0, E("160000"), 0, E("160000"))
    assert _cell(other.years[2019]) == (E("400000"), E("160000"), E("240000"), E("-240000"))
    assert _cell(other.total) == (E("400000"), E("480000"), E("0"), E("80000"))
    assert other.unknown == 1  # intervention B has no budget
    assert _cell(rows[third.pk].total) == (E("100000"), 0, E("100000"), E("-100000"))


def test_funding_per_axis_year_and_overall_by_hand(funded):
    planned, third, axis2 = funded
    table = funding_table(planned.plan)
    axes = {row.axis.pk: row for row in table.axes}
    assert [row.axis for row in table.axes] == [planned.axis, axis2]
    assert _cell(axes[planned.axis.pk].total) == (E("1900000"), E("1370000"), E("610000"), E("-530000"))
    assert axes[planned.axis.pk].unknown == 1
    assert _cell(axes[axis2.pk].total) == (E("100000"), 0, E("100000"), E("-100000"))
    assert _cell(axes[planned.axis.pk].years[2019]) == (E("400000"), E("190000"), E("240000"), E("-210000"))
    years = table.overall.years
    assert _cell(years[2017]) == (E("1000000"), E("490000"), E("670000"), E("-510000"))
    assert _cell(years[2018]) == (E("500000"), E("690000"), E("0"), E("190000"))
    assert _cell(years[2019]) == (E("400000"), E("190000"), E("240000"), E("-210000"))
    assert _cell(years[2020]) == (E("100000"), 0, E("100000"), E("-100000"))
    assert _cell(years[2021]) == (0, 0, 0, 0)
    assert _cell(table.overall.total) == (E("2000000"), E("1370000"), E("710000"), E("-630000"))


def test_funding_totals_are_sums_of_action_rows(funded):
    planned, *_ = funded
    table = funding_table(planned.plan)
    for attribute in ("cost", "committed", "gap"):
        total = sum(getattr(row.total, attribute) for row in table.actions)
        assert getattr(table.overall.total, attribute) == total
        assert sum(getattr(axis.total, attribute) for axis in table.axes) == total
        for year in table.years:
            year_sum = sum(getattr(row.years[year], attribute) for row in table.actions)
            assert getattr(table.overall.years[year], attribute) == year_sum
        for axis in table.axes:
            assert getattr(axis.total, attribute) == sum(getattr(row.total, attribute) for row in axis.actions)


def test_funding_unfunded_sorted_by_gap(funded):
    planned, third, _axis2 = funded
    unfunded = funding_table(planned.plan).unfunded()
    assert [row.action for row in unfunded] == [planned.own_action, third]


def test_funding_intervention_without_dates_is_unknown(world, planned):
    undated = make_intervention(world.workspace, title="Undated", budget=E("500000"))
    Contribution.objects.create(action=planned.own_action, intervention=undated)
    row = funding_table(planned.plan).actions[0]
    assert row.action == planned.own_action
    assert row.unknown == 1 and row.total.committed == 0


def test_funding_outside_plan_years_does_not_count(world, planned):
    """An intervention of 2010–2013 and a commitment for 2030 fall outside 2017–2021."""
    old = make_intervention(world.workspace, title="Old", budget=E("400000"), start=D(2010, 1, 1), end=D(2013, 1, 1))
    Contribution.objects.create(action=planned.own_action, intervention=old)
    FundingSource.objects.create(
        action=planned.own_action, kind="state", year=2030, amount=E("1000"), currency="EUR", committed=True
    )
    assert funding_table(planned.plan).overall.total.committed == 0


def test_spread_rounds_each_share_to_the_cent():
    assert spread(E("100"), 2017, 2019, {2017, 2018, 2019}) == {2017: E("33.33"), 2018: E("33.33"), 2019: E("33.33")}
    assert spread(E("100"), 2019, 2017, {2017}) == {}


def test_funding_query_count_does_not_grow(world, planned, funded, django_assert_max_num_queries):
    for number in range(20):
        action = ActionFactory(plan=planned.plan, result=planned.result)
        Cost.objects.create(action=action, year=2018, amount=E("1000"), currency="EUR")
        FundingSource.objects.create(action=action, kind="state", amount=E("10"), currency="EUR", committed=True)
        intervention = make_intervention(
            world.workspace, title=f"I{number}", budget=E("1000"), start=D(2018, 1, 1), end=D(2018, 12, 1)
        )
        Contribution.objects.create(action=action, intervention=intervention)
    with django_assert_max_num_queries(5):
        table = funding_table(planned.plan)
    assert len(table.actions) == 23


def test_funding_page_shows_the_totals(world, funded, django_assert_max_num_queries):
    planned, *_ = funded
    client = world.client("observer")
    url = reverse("planning:funding", args=["niger", planned.plan.slug])
    with django_assert_max_num_queries(25):  # built: the plan's version (11 aggregates), then the tables
        response = client.get(url)
    assert response.status_code == 200
    text = plain_numbers(response.content.decode())
    assert "<dd>1370000 EUR</dd>" in text and "<strong>710000 EUR</strong>" in text
    assert french("commitment unknown") in text


def plain_numbers(text):
    """The page with the thousands separators of any language taken out of the numbers."""
    return re.sub(r"(?<=\d)[\s\u202f\xa0,.](?=\d{3}\b)", "", text)


def test_unfunded_page_and_csv(world, funded, django_assert_max_num_queries):
    planned, third, _axis2 = funded
    client = world.client("partner")
    url = reverse("planning:unfunded", args=["niger", planned.plan.slug])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    text = plain_numbers(response.content.decode())
    assert response.status_code == 200
    assert text.index(planned.own_action.title_fr) < text.index(third.title_fr)
    assert planned.other_action.title_fr not in text  # funded over the whole plan
    download = client.get(url, {"format": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["1.1.1.1", "2.1.1.1"]
    assert [row[-2] for row in rows[1:]] == ["610000.00", "100000.00"]


@pytest.mark.parametrize("name", ["funding", "unfunded"])
def test_funding_pages_query_count_does_not_grow(world, funded, name):
    planned, *_ = funded
    client = world.client("observer")
    url = reverse(f"planning:{name}", args=["niger", planned.plan.slug])
    client.get(url)
    cache.clear()  # measure the tables being built, not read from the cache
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for number in range(10):
        action = ActionFactory(plan=planned.plan, result=planned.result)
        Cost.objects.create(action=action, year=2019, amount=E("1000"), currency="EUR")
        intervention = make_intervention(
            world.workspace, title=f"I{number}", budget=E("10"), start=D(2019, 1, 1), end=D(2019, 12, 1)
        )
        Contribution.objects.create(action=action, intervention=intervention)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200 and response.content.decode().count("/a/") >= 12
    assert len(large.captured_queries) == len(small.captured_queries)
