"""The workplan timeline: month columns over the workspace period, one bar per activity, placed in percent."""

import datetime
from types import SimpleNamespace

from cadre.workspaces import timeline

D = datetime.date


SEED_START, SEED_END = D(2016, 6, 1), D(2017, 4, 30)  # the seed's time frame


def _workspace(start=SEED_START, end=SEED_END):
    return SimpleNamespace(start_date=start, end_date=end)


def _activity(start, end, actual_start=None, actual_end=None):
    return SimpleNamespace(
        start=actual_start or start,
        end=actual_end or actual_start or end,
    )


def test_timeline_months_cover_the_workspace_period():
    _bars, months = timeline.build(_workspace(), [])
    assert [month.first_day for month in months][0] == D(2016, 6, 1)
    assert [month.first_day for month in months][-1] == D(2017, 4, 1)
    assert len(months) == 11
    assert months[0].offset == 0
    assert round(sum(month.width for month in months), 1) == 100.0


def test_timeline_bar_placed_in_proportion_to_its_dates():
    bars, _months = timeline.build(
        _workspace(D(2016, 1, 1), D(2016, 12, 31)), [_activity(D(2016, 7, 1), D(2016, 7, 31))]
    )
    [bar] = bars
    assert abs(bar.offset - 100 * 182 / 366) < 0.01  # 1 July is day 182 of the leap year 2016
    assert abs(bar.width - 100 * 31 / 366) < 0.01


def test_timeline_one_day_activity_stays_visible():
    bars, _months = timeline.build(_workspace(), [_activity(D(2016, 9, 12), D(2016, 9, 12))])
    assert bars[0].width > 0


def test_timeline_extends_to_an_activity_outside_the_period():
    bars, months = timeline.build(_workspace(), [_activity(D(2017, 6, 5), D(2017, 6, 9))])
    assert months[-1].first_day == D(2017, 6, 1)
    assert 0 < bars[0].offset < 100 and bars[0].offset + bars[0].width <= 100


def test_timeline_bar_follows_actual_dates_when_known():
    planned = _activity(D(2016, 9, 12), D(2016, 9, 16))
    actual = _activity(D(2016, 9, 12), D(2016, 9, 16), actual_start=D(2016, 10, 3), actual_end=D(2016, 10, 7))
    bars, _months = timeline.build(_workspace(), [planned, actual])
    assert bars[1].offset > bars[0].offset


def test_timeline_labels_quarters_and_the_start_on_a_phone():
    _bars, months = timeline.build(_workspace(D(2016, 8, 1), D(2017, 4, 30)), [])
    major = [month.first_day for month in months if month.major]
    assert major == [D(2016, 8, 1), D(2016, 10, 1), D(2017, 1, 1), D(2017, 4, 1)]


def test_timeline_start_unlabelled_when_a_quarter_begins_next_month():
    """June 2016 is followed at once by July's label: two labels side by side would overlap on a phone."""
    _bars, months = timeline.build(_workspace(), [])
    major = [month.first_day for month in months if month.major]
    assert major == [D(2016, 7, 1), D(2016, 10, 1), D(2017, 1, 1), D(2017, 4, 1)]
