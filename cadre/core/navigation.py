"""Workspace tabs contributed by the apps above workspaces, so that the shared navigation never imports them.

An app registers its tab in its AppConfig.ready(); the workspace navigation lists the registered tabs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WorkspaceTab:
    label: object  # a lazy translation
    url_name: str  # reversed with the workspace's slug
    app_name: str  # the tab is current on every page of this URL namespace
    order: int = 100
    capability: str = "view"


_TABS: list[WorkspaceTab] = []


def register_workspace_tab(tab: WorkspaceTab) -> None:
    if tab not in _TABS:
        _TABS.append(tab)
        _TABS.sort(key=lambda item: item.order)


def workspace_tabs() -> list[WorkspaceTab]:
    return list(_TABS)


@dataclass(frozen=True)
class Panel:
    """A box a higher app adds to a lower app's page (e.g. "Discussed at" on a strategy section).

    `build(obj, membership)` returns the template's context, or None when the panel has nothing to show.
    """

    place: str  # e.g. "drafting.section"
    template: str
    build: Callable[[Any, Any], dict | None]
    order: int = 100


_PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)
        _PANELS.sort(key=lambda item: item.order)


def panels_for(place: str, obj, membership) -> list[dict]:
    """The panels of a page, each as {"template": …, "context": …}, leaving out those with nothing to show."""
    shown = []
    for panel in _PANELS:
        if panel.place != place:
            continue
        context = panel.build(obj, membership)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown
