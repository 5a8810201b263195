"""The workplan as a timeline: where each activity sits between the workspace's start and end."""

import datetime
from dataclasses import dataclass


@dataclass
class Bar:
    activity: object
    offset: float  # percent of the timeline's width
    width: float


@dataclass
class Month:
    first_day: datetime.date
    offset: float
    width: float
    major: bool = False  # labelled even on a phone: each quarter's first month, and the start


def _month_starts(start: datetime.date, end: datetime.date):
    day = start.replace(day=1)
    while day <= end:
        yield day
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def build(workspace, activities) -> tuple[list[Bar], list[Month]]:
    """Bars for the activities and month columns, spanning the workspace period and any activity outside it."""
    dates = [workspace.start_date, workspace.end_date]
    for activity in activities:
        dates.extend([activity.start, activity.end])
    first = min(dates).replace(day=1)
    last_month = max(dates).replace(day=1)
    last = (last_month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)  # first day after
    span = (last - first).days or 1

    def percent(day):
        return round(100 * (day - first).days / span, 3)

    bars = []
    for activity in activities:
        offset = percent(activity.start)
        # At least one day wide, so a one-day session stays visible.
        width = max(percent(activity.end + datetime.timedelta(days=1)) - offset, 100 / span)
        bars.append(Bar(activity, offset, round(width, 3)))
    months = []
    for day in _month_starts(first, last - datetime.timedelta(days=1)):
        following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        major = day.month in (1, 4, 7, 10)
        months.append(Month(day, percent(day), round(percent(following) - percent(day), 3), major))
    if len(months) > 1 and not months[0].major and not months[1].major:
        months[0].major = True  # label the start unless a labelled month follows at once
    return bars, months
