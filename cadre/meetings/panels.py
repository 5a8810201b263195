"""Boxes the meetings app adds to lower apps' pages (see `cadre/core/navigation.py`)."""

from cadre.core.navigation import Panel

from .queries import agenda_items_discussing


def discussed_at(section, membership):
    """The meetings whose agenda lists this strategy section (past and planned), or None when there are none."""
    items = list(agenda_items_discussing(section))
    if not items:
        return None
    return {"items": items}


PANELS = [Panel(place="drafting.section", template="meetings/panels/discussed_at.html", build=discussed_at, order=40)]
