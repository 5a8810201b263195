"""Workspace tabs contributed by the apps above workspaces, so that the shared navigation never imports them.

An app registers its tab in its AppConfig.ready(); the workspace navigation lists the registered tabs.
"""

from dataclasses import dataclass


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
