"""The indicator performance tracking table: rows per indicator and period, % achieved, filters, XLSX."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from cadre.planning import iptt
from cadre.planning.models import Measurement, Objective, Target

from ..core.helpers import count_elements, element_tokens, text_of
from .factories import IndicatorFactory, ObjectiveFactory


def year(indicator, y, target=None, actual=None, status="validated"):
    start, end = date(y, 1, 1), date(y, 12, 31)
    if target is not None:
        Target.objects.create(indicator=indicator, period_start=start, period_end=end, value=target)
    if actual is not None:
        Measurement.objects.create(indicator=indicator, period_start=start, period_end=end, value=actual, status=status)


@pytest.fixture
def tracked(world, planned):
    """own: baseline 100 → targets 200 (2018), 300 (2019); validated 150 in 2018, 280 submitted in 2019.
    other: no baseline, target 40 and validated 30 in 2018. Second axis: baseline 10 = target 10, actual 5."""
    own, other = planned.own_indicator, planned.other_indicator
    own.baseline_value, own.baseline_year = Decimal(100), 2016
    own.save()
    year(own, 2018, target=200, actual=150)
    year(own, 2019, target=300, actual=280, status="submitted")
    year(other, 2018, target=40, actual=30)
    axis2 = ObjectiveFactory(plan=planned.plan, level=Objective.Level.AXIS, parent=planned.general, code="2")
    flat = IndicatorFactory(
        workspace=world.workspace, plan=planned.plan, objective=axis2, code="I-2", baseline_value=Decimal(10)
    )
    year(flat, 2018, target=10, actual=5)
    return {"own": own, "other": other, "flat": flat, "axis2": axis2}


@pytest.mark.parametrize(
    ("actual", "baseline", "target", "expected"),
    [
        (150, 100, 200, Decimal(50)),  # half way from the baseline to the target
        (30, None, 40, Decimal(75)),  # no baseline: actual / target
        (5, 10, 10, Decimal(50)),  # baseline equals target: actual / target
        (20, 50, 0, Decimal(60)),  # a reduction: 50 → 0, reached 20 → 60 % of the way
        (5, None, 0, None),  # target zero without a baseline
        (5, None, None, None),  # no target
        (None, 1, 2, None),  # no actual
    ],
)
def test_iptt_percent_achieved_rule(actual, baseline, target, expected):
    assert iptt.percent_achieved(actual, baseline, target) == expected


def test_iptt_status_thresholds():
    assert [iptt.status_of(p) for p in (Decimal(95), Decimal(90), Decimal(75), Decimal(10), None)] == [
        "on_track",
        "on_track",
        "watch",
        "off_track",
        "none",
    ]


def _rows(planned, **filters):
    framework = iptt.Framework(planned.plan)
    criteria = iptt.Filters(**filters)
    return iptt.rows_for(iptt.selected_indicator_ids(planned.plan, framework, criteria), framework, criteria)


def test_iptt_rows_one_per_indicator_and_period_validated_only(planned, tracked):
    rows = {(row.indicator.code, row.period_end.year): row for row in _rows(planned)}
    assert set(rows) == {
        (tracked["own"].code, 2018),
        (tracked["own"].code, 2019),
        (tracked["other"].code, 2018),
        ("I-2", 2018),
    }
    own_2018 = rows[(tracked["own"].code, 2018)]
    assert (own_2018.target, own_2018.actual, own_2018.percent, own_2018.status) == (200, 150, 50, "off_track")
    assert own_2018.axis == planned.axis and own_2018.level == "result"
    own_2019 = rows[(tracked["own"].code, 2019)]
    assert own_2019.actual is None and own_2019.percent is None  # submitted, not validated
    assert rows[(tracked["other"].code, 2018)].percent == 75
    assert rows[(tracked["other"].code, 2018)].level == "action"
    assert rows[("I-2", 2018)].percent == 50 and rows[("I-2", 2018)].axis == tracked["axis2"]


def test_iptt_rows_include_submitted_on_request(planned, tracked):
    rows = {(row.indicator.code, row.period_end.year): row for row in _rows(planned, include_submitted=True)}
    own_2019 = rows[(tracked["own"].code, 2019)]
    assert (own_2019.actual, own_2019.percent, own_2019.status) == (280, 90, "on_track")


def test_iptt_filters_by_axis_institution_and_year(planned, tracked):
    assert {row.indicator.code for row in _rows(planned, axis=tracked["axis2"].pk)} == {"I-2"}
    assert {row.indicator.code for row in _rows(planned, institution=planned.other_institution.pk)} == {
        tracked["other"].code
    }
    assert {(row.indicator.code, row.period_end.year) for row in _rows(planned, year=2019)} == {
        (tracked["own"].code, 2019)
    }


def test_iptt_chart_share_on_track_per_axis(planned, tracked):
    framework = iptt.Framework(planned.plan)
    filters = iptt.Filters(include_submitted=True)
    ids = iptt.selected_indicator_ids(planned.plan, framework, filters)
    chart = {item["axis"].code: item for item in iptt.axis_chart(planned.plan, framework, ids, filters)}
    # axis 1: own latest = 2019 at 90 % (on track), other 75 % (to watch) → 1 of 2
    assert (chart["1"]["on_track"], chart["1"]["measured"], chart["1"]["share"]) == (1, 2, 50)
    assert (chart["2"]["on_track"], chart["2"]["measured"], chart["2"]["share"]) == (0, 1, 0)


def test_iptt_page_shows_rows_and_rule(world, planned, tracked):
    url = reverse("planning:iptt", args=[world.workspace.slug, planned.plan.slug])
    page = text_of(world.client("observer").get(url))
    assert tracked["own"].definition_fr in page and "50,0 %" in page and "75,0 %" in page


def test_iptt_page_with_bad_filter_values_still_answers(world, planned, tracked):
    url = reverse("planning:iptt", args=[world.workspace.slug, planned.plan.slug])
    response = world.client("observer").get(url, {"axis": "abc", "year": "99999999999", "page": "x"})
    assert response.status_code == 200


def test_iptt_xlsx_one_row_per_indicator_and_period_with_percent(world, planned, tracked):
    url = reverse("planning:iptt_xlsx", args=[world.workspace.slug, planned.plan.slug])
    response = world.client("member").get(url)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert len(header) == 14 and all(isinstance(name, str) and name for name in header)  # a header row
    col = {name: index for index, name in enumerate(header)}
    data = {(row[2], row[9].year): row for row in rows[1:]}
    assert len(rows) - 1 == 4 == len(data)
    percent = header[12]
    assert data[(tracked["own"].code, 2018)][col[percent]] == 50
    assert data[(tracked["other"].code, 2018)][col[percent]] == 75
    assert data[("I-2", 2018)][col[percent]] == 50
    assert data[(tracked["own"].code, 2019)][col[percent]] is None
    assert data[(tracked["own"].code, 2018)][6] == 100  # baseline


def test_iptt_xlsx_includes_submitted_when_asked(world, planned, tracked):
    url = reverse("planning:iptt_xlsx", args=[world.workspace.slug, planned.plan.slug])
    response = world.client("member").get(url, {"submitted": "on"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    own_2019 = next(row for row in rows[1:] if row[2] == tracked["own"].code and row[9].year == 2019)
    assert own_2019[11] == 280 and own_2019[12] == 90


def _bulk(world, planned, count):
    for n in range(count):
        indicator = IndicatorFactory(
            workspace=world.workspace,
            plan=planned.plan,
            objective=planned.result,
            responsible_institution=world.institution,
        )
        for y in (2018, 2019):
            year(indicator, y, target=10 + n, actual=5 + n)


def test_iptt_page_query_count_does_not_grow_with_indicators(world, planned, django_assert_max_num_queries):
    client = world.client("observer")
    url = reverse("planning:iptt", args=[world.workspace.slug, planned.plan.slug])
    _bulk(world, planned, 1)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    _bulk(world, planned, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_iptt_htmx_swap_equals_full_reload(world, planned, tracked):
    client = world.client("observer")
    url = reverse("planning:iptt", args=[world.workspace.slug, planned.plan.slug])
    query = {"axis": str(planned.axis.pk), "submitted": "on"}
    partial = client.get(url, query, HTTP_HX_REQUEST="true").content.decode()
    full = client.get(url, query).content.decode()
    assert "<html" not in partial
    assert element_tokens(partial, "results") == element_tokens(full, "results")
    assert "90,0 %" in partial and "I-2" not in partial  # the 2019 value awaiting validation; axis 1 only


def test_iptt_page_paginates_indicators(world, planned):
    from cadre.planning.views import monitoring as views

    _bulk(world, planned, views.IPTT_PAGE_SIZE)  # with the fixture's two, one page and a bit
    client = world.client("observer")
    url = reverse("planning:iptt", args=[world.workspace.slug, planned.plan.slug])
    first, second = client.get(url).content.decode(), client.get(url, {"page": 2}).content.decode()
    rows_first, rows_second = (
        count_elements(first, "span", class_="track"),
        count_elements(second, "span", class_="track"),
    )
    # 52 indicators (two without any period): 50 on the first page, 2 on the second; two years each
    assert rows_second > 0 and rows_first + rows_second == views.IPTT_PAGE_SIZE * 2
    assert "Page 2 sur 2" in text_of(client.get(url, {"page": 2}))
