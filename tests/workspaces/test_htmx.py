"""An htmx request gets only the named partial, and it is exactly the element a full reload shows."""

import pytest
from django.urls import reverse

from ..core.helpers import element_tokens
from ..factories import ActivityFactory

HTMX = {"HX-Request": "true"}


def _pages(client, url):
    full = client.get(url).content.decode()
    partial = client.get(url, headers=HTMX).content.decode()
    return full, partial


@pytest.mark.parametrize("persona", ["observer", "secretariat"])
def test_workplan_htmx_request_returns_the_workplan_body_of_the_full_page(world, persona):
    ActivityFactory(workspace=world.workspace, number=2, title_fr="Atelier de finalisation")
    full, partial = _pages(world.client(persona), reverse("workspaces:workplan", args=[world.workspace.slug]))
    assert "<html" not in partial and "<body" not in partial
    assert partial.strip().startswith('<div id="workplan-body">')
    assert "Atelier de finalisation" in partial
    edit_link = reverse("workspaces:activity_edit", args=[world.workspace.slug, 2])
    assert (edit_link in partial) == (persona == "secretariat")  # the partial knows who may edit
    assert element_tokens(partial, "workplan-body") == element_tokens(full, "workplan-body")


def test_history_htmx_request_returns_the_history_list_of_the_full_page(world):
    client = world.client("secretariat")
    url = reverse("workspaces:history", args=[world.workspace.slug])
    full, partial = _pages(client, url)
    assert "<html" not in partial and "<body" not in partial
    assert partial.strip().startswith('<div id="history-list">')
    assert world.activity.title_fr in partial
    assert element_tokens(partial, "history-list") == element_tokens(full, "history-list")


def test_history_htmx_request_with_filter_returns_the_filtered_list_of_the_full_page(world):
    client = world.client("secretariat")
    url = reverse("workspaces:history", args=[world.workspace.slug]) + f"?type=999&person={world.users['member'].pk}"
    full, partial = _pages(client, url)
    assert element_tokens(partial, "history-list") == element_tokens(full, "history-list")


def test_boosted_htmx_request_gets_the_full_page(world):
    """A boosted link (hx-boost) swaps the whole body: it must receive the whole page."""
    client = world.client("observer")
    response = client.get(
        reverse("workspaces:workplan", args=[world.workspace.slug]), headers={**HTMX, "HX-Boosted": "true"}
    )
    assert "<html" in response.content.decode()


def test_overview_htmx_request_gets_the_full_page(world):
    """Pages without a named partial ignore the header."""
    response = world.client("observer").get(world.workspace.get_absolute_url(), headers=HTMX)
    assert "<html" in response.content.decode()
