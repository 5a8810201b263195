"""Journey 3: keyboard only. The skip link comes first and lands in the content; signing in needs no mouse."""

import pytest
from playwright.sync_api import expect

from cadre.workspaces.demo import DEMO_PASSWORD

from .conftest import DESKTOP, PHONE, french

MAIN = "/w/niger-irregular-migration/"


def _focused(page):
    """What has the keyboard focus: tag, name, id, class, text, whether it is inside <main>, and its outline."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(), name: el.getAttribute("name"), id: el.id, className: el.className,
                text: el.innerText ? el.innerText.trim() : "", type: el.getAttribute("type"),
                inMain: !!el.closest("main") && el.tagName.toLowerCase() !== "main",
                onScreen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
                    && box.right <= window.innerWidth,
                outline: getComputedStyle(el).outlineStyle,
            };
        }"""
    )


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_skip_link_is_first_in_tab_order_and_moves_focus_to_main(site, viewport):
    page = site.new_page(viewport)
    site.sign_in(page, "secretariat@demo.example.org")
    page.goto(f"{site.url}{MAIN}")

    page.keyboard.press("Tab")
    focused = _focused(page)
    assert focused["className"] == "skip-link", f"the first Tab reached {focused}, not the skip link"
    assert focused["text"] == french("Skip to content")
    assert focused["onScreen"], "the skip link stays off screen when it has the focus"
    assert focused["outline"] != "none", "the focused skip link shows no focus outline"

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site.url}{MAIN}#main")
    assert _focused(page)["id"] == "main", "the skip link did not move the focus to <main>"
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert focused["inMain"], f"after the skip link, Tab went to {focused} instead of into the content"


@pytest.mark.browser
def test_sign_in_form_can_be_completed_with_keyboard(site):
    page = site.new_page(PHONE)
    page.goto(f"{site.url}/accounts/sign-in/")

    focused = _focused(page)
    assert focused["name"] == "username", f"the e-mail field should have the focus on arrival, not {focused}"
    page.keyboard.type("secretariat@demo.example.org")
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert focused["name"] == "password", f"Tab after the e-mail went to {focused}"
    assert focused["outline"] != "none", "the focused password field shows no focus outline"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert focused["tag"] == "button" and focused["text"] == french("Sign in"), (
        f"Tab after the password went to {focused}"
    )

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(french("My workspaces"))
    expect(page.get_by_role("link", name="Niger : migration irrégulière")).to_be_visible()
