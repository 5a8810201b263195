"""Views of the meetings app. Participants, check-in, calendar and attendance are in `views/participants.py`,
which `urls_participants.py` imports directly."""

from .materials import material_create, material_delete, material_download
from .meetings import (
    agenda_item_create,
    agenda_item_delete,
    agenda_item_edit,
    agenda_item_move,
    meeting_create,
    meeting_delete,
    meeting_detail,
    meeting_edit,
    meeting_list,
    meeting_status,
)
from .minutes import (
    action_point_close,
    action_point_create,
    action_point_delete,
    action_point_edit,
    action_point_list,
    decision_create,
    decision_delete,
    decision_edit,
    minutes_edit,
)

__all__ = [
    "action_point_close",
    "action_point_create",
    "action_point_delete",
    "action_point_edit",
    "action_point_list",
    "agenda_item_create",
    "agenda_item_delete",
    "agenda_item_edit",
    "agenda_item_move",
    "decision_create",
    "decision_delete",
    "decision_edit",
    "material_create",
    "material_delete",
    "material_download",
    "meeting_create",
    "meeting_delete",
    "meeting_detail",
    "meeting_edit",
    "meeting_list",
    "meeting_status",
    "minutes_edit",
]
