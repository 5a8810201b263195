from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "cadre.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from cadre.core.navigation import WorkspaceTab, register_panel, register_workspace_tab

        from .panels import PANELS

        register_workspace_tab(WorkspaceTab(_("Meetings"), "meetings:meetings", "meetings", order=40))
        for panel in PANELS:
            register_panel(panel)
