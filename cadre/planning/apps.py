from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "cadre.planning"
    label = "planning"
    verbose_name = _("Action plan")

    def ready(self):
        from cadre.core.navigation import WorkspaceTab, register_workspace_tab

        register_workspace_tab(WorkspaceTab(_("Action plan"), "planning:plans", "planning", order=30))
