"""Browser journeys: Django's live server with the real demo, driven by Playwright through Debian's chromium.

Playwright's sync API runs an asyncio event loop in the test thread, so Django's guard against database
calls from async contexts is lifted for these tests (they are plain synchronous code underneath).
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

# How long Playwright waits for anything before failing: a local server answers in milliseconds.
TIMEOUT_MS = 10_000


def french(text) -> str:
    """The French of an interface string (a msgid, or a lazy label such as a choice's), as the server renders
    it: same catalogue, same process, so the tests follow the catalogue instead of copying it."""
    with translation.override("fr"):
        return gettext(text) if isinstance(text, str) else str(text)


def french_in(context: str, text: str) -> str:
    """The French of an interface string given in a context (pgettext)."""
    with translation.override("fr"):
        return translation.pgettext(context, text)


@pytest.fixture(scope="session")
def french_catalogue():
    if french("Sign in") == "Sign in":
        pytest.fail("The French catalogue is not compiled: run `make compile-messages` before the browser tests.")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's chromium at {CHROMIUM}: install it with `apt-get install chromium` "
            "(Playwright never downloads a browser here).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass
class Site:
    """The live server with the demo loaded, and what a journey needs to drive it."""

    url: str
    browser: object
    accounts: dict
    contexts: list = field(default_factory=list)

    def new_context(self, viewport=DESKTOP, **options):
        context = self.browser.new_context(viewport=viewport, **options)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        return context

    def new_page(self, viewport=DESKTOP, **options):
        return self.new_context(viewport, **options).new_page()

    def sign_in(self, page, email, password=None):
        """Sign in through the form, as a person would."""
        from cadre.workspaces.demo import DEMO_PASSWORD

        page.goto(f"{self.url}/accounts/sign-in/")
        page.get_by_label(french("E-mail address")).fill(email)
        page.get_by_label(french("Password")).fill(password or DEMO_PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name=french("Sign in")).click()
        assert "/accounts/sign-in/" not in page.url, f"sign-in as {email} failed: {page.locator('main').inner_text()}"


@pytest.fixture
def site(live_server, transactional_db, browser, french_catalogue):
    from cadre.workspaces import demo

    accounts = {email: role for email, _password, role, _title in demo.load()}
    site = Site(url=live_server.url, browser=browser, accounts=accounts)
    yield site
    for context in site.contexts:
        context.close()


class ConsoleLog:
    """Everything a context printed to its console, and every uncaught error of its pages."""

    def __init__(self, context):
        self.messages = []
        context.on("console", lambda message: self.messages.append(f"{message.type}: {message.text}"))
        context.on("weberror", lambda error: self.messages.append(f"uncaught: {error.error}"))

    def csp_violations(self):
        return [
            text for text in self.messages if "Content Security Policy" in text or "Content-Security-Policy" in text
        ]

    def errors(self):
        return [text for text in self.messages if text.startswith(("error:", "uncaught:"))]


@pytest.fixture
def console_log():
    return ConsoleLog


def run_axe(page) -> list[dict]:
    """axe-core's violations of impact "serious" or "critical" on the current page.

    The page's context must have been opened with bypass_csp=True: axe is injected as an inline script.
    """
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " → " + n.failureSummary),
            }));
        }"""
    )
    return [violation for violation in violations if violation["impact"] in ("serious", "critical")]


def format_violations(where: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} serious or critical violation(s) on {where}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(f"    {node}" for node in violation["nodes"])
    return "\n".join(lines)


def horizontal_overflow(page) -> tuple[int, int]:
    """(document width, window width): the page overflows sideways if the first exceeds the second."""
    return tuple(page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]"))
