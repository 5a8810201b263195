"""Journey 1, the issue's acceptance: the demo secretariat signs in (French by default), switches to English,
reads the overview of "Niger: Irregular Migration" and its workplan — on a phone and on a laptop, without
sideways scrolling, without a Content-Security-Policy violation and without serious accessibility faults."""

import pytest
from playwright.sync_api import expect

from cadre.workspaces.demo import DEMO_PASSWORD

from .conftest import VIEWPORTS, format_violations, french, horizontal_overflow, run_axe

SECRETARIAT = "secretariat@demo.example.org"
MAIN = "/w/niger-irregular-migration/"


def _fact(page, term):
    """The <dd> that follows the <dt> named `term` in the key facts."""
    return page.locator("dl.facts dt", has_text=term).locator("xpath=following-sibling::dd[1]")


def _assert_fits_width(page, where):
    document_width, window_width = horizontal_overflow(page)
    assert document_width <= window_width, (
        f"{where} scrolls sideways: the document is {document_width} px wide in a {window_width} px window"
    )


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_acceptance_journey_on_viewport(site, console_log, viewport):
    context = site.new_context(VIEWPORTS[viewport])
    log = console_log(context)
    page = context.new_page()

    # French by default, before and after signing in.
    page.goto(f"{site.url}/")
    expect(page).to_have_url(f"{site.url}/accounts/sign-in/?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(french("Sign in"))
    page.get_by_label(french("E-mail address")).fill(SECRETARIAT)
    page.get_by_label(french("Password")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=french("Sign in")).click()
    expect(page).to_have_url(f"{site.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(french("My workspaces"))

    # The language switch, one click away on every page.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("My workspaces")
    expect(page.get_by_role("button", name="Français")).to_be_visible()

    # The overview carries the seed's key facts, its 8 activities and its 5 expected results.
    page.get_by_role("link", name="Niger: Irregular Migration").click()
    expect(page).to_have_url(f"{site.url}{MAIN}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Niger: Irregular Migration")
    expect(_fact(page, "Country")).to_have_text("Niger")
    expect(_fact(page, "Requesting authority")).to_contain_text("Ministry of Interior")
    for country in ("France", "Belgium", "Spain", "Senegal"):
        expect(_fact(page, "Experts involved")).to_contain_text(country)
    expect(_fact(page, "Time frame")).to_have_text("June 2016 – April 2017")
    activities = page.locator("ol.activity-list > li")
    expect(activities).to_have_count(8)
    for number in range(1, 9):
        expect(page.locator(f"#activity-{number}")).to_be_visible()
        expect(page.locator(f"#activity-{number}")).to_contain_text(f"Activity {number}")
    expect(activities.first).to_contain_text("Bilateral working meetings in order to map out")
    results = page.locator("section[aria-labelledby=results-heading] ol.results > li")
    expect(results).to_have_count(5)
    for index in range(5):
        expect(results.nth(index)).to_be_visible()
    expect(results.last).to_contain_text("Inter-agency coordination in the field of irregular migration")
    expect(page.locator("li.timeline-row")).to_have_count(8)
    _assert_fits_width(page, f"the overview at {viewport}")

    # The workplan: the same 8 activities in its table and on its timeline.
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Workplan").click()
    expect(page).to_have_url(f"{site.url}{MAIN}workplan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Workplan")
    expect(page.locator("table.data tbody tr")).to_have_count(8)
    for number in range(1, 9):
        expect(page.locator(f"tr#activity-{number}")).to_be_visible()
    expect(page.locator("li.timeline-row")).to_have_count(8)
    expect(page.locator("section[aria-labelledby=results-heading] ol.results > li")).to_have_count(5)
    _assert_fits_width(page, f"the workplan at {viewport}")

    assert not log.csp_violations(), "the app broke its own Content-Security-Policy:\n" + "\n".join(
        log.csp_violations()
    )
    assert not log.errors(), "the browser console reported errors:\n" + "\n".join(log.errors())


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_main_pages_have_no_serious_accessibility_violation_on_viewport(site, viewport):
    # axe is injected as an inline script, which the app's policy rightly forbids: this context only bypasses it.
    page = site.new_page(VIEWPORTS[viewport], bypass_csp=True)
    found = []

    page.goto(f"{site.url}/accounts/sign-in/")
    found.append(("the sign-in page", run_axe(page)))

    site.sign_in(page, SECRETARIAT)
    for name, path in [
        ("the overview", MAIN),
        ("the workplan", f"{MAIN}workplan/"),
        ("the members page", f"{MAIN}members/"),
        ("the institutions page", "/directory/institutions/"),
    ]:
        response = page.goto(f"{site.url}{path}")
        assert response.status == 200, f"{name} answered {response.status}"
        found.append((name, run_axe(page)))

    problems = [format_violations(f"{name} ({viewport})", violations) for name, violations in found if violations]
    assert not problems, "\n\n".join(problems)
