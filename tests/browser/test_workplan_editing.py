"""Journey 2: the secretariat records that an activity in preparation took place, sees it on the timeline and in
the history; an observer who opens an activity's edit address is turned away.

The demo's process is over (all 8 activities done), so the journey adds its own activity 9, in preparation."""

import datetime

import pytest
from django.utils import dateformat, formats, translation
from playwright.sync_api import expect

from cadre.core.models import AuditEvent
from cadre.workspaces.models import WorkplanActivity, Workspace

from .conftest import DESKTOP, PHONE, format_violations, french, run_axe

MAIN = "/w/niger-irregular-migration/"
NUMBER = 9  # after the demo's 8 activities
PLANNED_START = datetime.date(2017, 4, 24)
PLANNED_END = datetime.date(2017, 4, 28)
ACTUAL_START = datetime.date(2017, 4, 25)
ACTUAL_END = datetime.date(2017, 5, 5)


def _french_date(day):
    """A date as the templates show it in French ("j N Y")."""
    with translation.override("fr"):
        return dateformat.format(day, "j N Y")


def _french_long_date(day):
    """A date as the history shows it in French (the locale's DATE_FORMAT)."""
    with translation.override("fr"):
        return formats.date_format(day, "DATE_FORMAT")


def _label(name):
    """The French label of a field of WorkplanActivity, as forms and the history show it."""
    return french(WorkplanActivity._meta.get_field(name).verbose_name)


def _activity_in_preparation():
    """The journey's own activity, in preparation, after the demo's (all done); returns its French title."""
    activity = WorkplanActivity(
        workspace=Workspace.objects.get(slug="niger-irregular-migration"),
        number=NUMBER,
        kind=WorkplanActivity.Kind.OTHER,
        title_fr="Restitution de la stratégie validée aux partenaires (activité du test)",
        title_en="Presenting the validated strategy to the partners (the test's activity)",
        planned_start=PLANNED_START,
        planned_end=PLANNED_END,
        status=WorkplanActivity.Status.PREPARING,
    )
    activity.full_clean()
    activity.save()
    return activity.title_fr


@pytest.mark.browser
def test_activity_marked_done_shows_on_timeline_and_in_history(site, console_log):
    context = site.new_context(DESKTOP)
    log = console_log(context)
    page = context.new_page()
    title = _activity_in_preparation()
    site.sign_in(page, "secretariat@demo.example.org")
    page.goto(f"{site.url}{MAIN}workplan/")
    timeline_row = page.locator("li.timeline-row").nth(NUMBER - 1)
    expect(timeline_row).to_contain_text(f"{NUMBER}.")
    expect(timeline_row.locator(".status")).to_have_text(french(WorkplanActivity.Status.PREPARING.label))

    edit_name = f"{french('Edit')} {french('activity %(number)s') % {'number': NUMBER}}"
    page.get_by_role("link", name=edit_name, exact=True).click()
    expect(page).to_have_url(f"{site.url}{MAIN}workplan/activities/{NUMBER}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(french("Activity %(number)s") % {"number": NUMBER})
    page.get_by_label(_label("status")).select_option("done")
    page.get_by_label(_label("actual_start")).fill(ACTUAL_START.isoformat())
    page.get_by_label(_label("actual_end")).fill(ACTUAL_END.isoformat())
    page.get_by_role("button", name=french("Save")).click()

    # Back on the workplan: the message, the table and the timeline all say it is done, on its actual dates.
    expect(page).to_have_url(f"{site.url}{MAIN}workplan/")
    expect(page.locator(".messages")).to_contain_text(
        french("Activity “%(name)s” was saved.") % {"name": f"{NUMBER}. {title}"}
    )
    expect(timeline_row).to_have_class("timeline-row status-done")
    expect(timeline_row.locator(".status")).to_have_text(french(WorkplanActivity.Status.DONE.label))
    expect(timeline_row.locator(".dates")).to_have_text(f"{_french_date(ACTUAL_START)} – {_french_date(ACTUAL_END)}")
    expect(timeline_row.locator("rect.bar")).to_have_class("bar bar-done")
    expect(page.locator(f"tr#activity-{NUMBER}")).to_contain_text(_french_date(ACTUAL_END))

    # The History page shows who changed what, old → new.
    page.get_by_role("navigation", name=french("Workspace")).get_by_role("link", name=french("History")).click()
    expect(page).to_have_url(f"{site.url}{MAIN}history/")
    latest = page.locator("#history-list article.event").first
    expect(latest).to_contain_text("Secrétariat (démo)")
    expect(latest).to_contain_text(french(AuditEvent.Action.UPDATE.label))
    expect(latest.locator("q")).to_have_text(f"{NUMBER}. {title}")
    status_row = latest.locator("tr", has=page.get_by_role("rowheader", name=_label("status"), exact=False))
    expect(status_row.locator("del")).to_have_text(french(WorkplanActivity.Status.PREPARING.label))
    expect(status_row.locator("ins")).to_have_text(french(WorkplanActivity.Status.DONE.label))
    start_row = latest.locator("tr", has=page.get_by_role("rowheader", name=_label("actual_start"), exact=False))
    expect(start_row.locator("del")).to_have_text("")
    expect(start_row.locator("ins")).to_have_text(_french_long_date(ACTUAL_START))
    end_row = latest.locator("tr", has=page.get_by_role("rowheader", name=_label("actual_end"), exact=False))
    expect(end_row.locator("ins")).to_have_text(_french_long_date(ACTUAL_END))

    assert not log.csp_violations(), "\n".join(log.csp_violations())
    assert not log.errors(), "\n".join(log.errors())


@pytest.mark.browser
def test_activity_edit_page_turns_observer_away(site):
    page = site.new_page(DESKTOP)
    site.sign_in(page, "observer@demo.example.org")
    response = page.goto(f"{site.url}{MAIN}workplan/activities/5/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(french("Not allowed"))
    expect(page.locator("form select[name=status]")).to_have_count(0)
    # The observer reads the workplan but is offered no way to change it.
    page.goto(f"{site.url}{MAIN}workplan/")
    expect(page.locator("tr#activity-5")).to_be_visible()
    expect(page.get_by_role("link", name=french("Edit"))).to_have_count(0)


@pytest.mark.browser
def test_history_page_has_no_serious_accessibility_violation_on_phone(site):
    page = site.new_page(PHONE, bypass_csp=True)
    site.sign_in(page, "secretariat@demo.example.org")
    page.goto(f"{site.url}{MAIN}history/")
    violations = run_axe(page)
    assert not violations, format_violations("the history page (phone)", violations)
