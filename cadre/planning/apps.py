from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "cadre.planning"
    label = "planning"
    verbose_name = _("Action plan")

    def ready(self):
        from cadre.core.navigation import Panel, WorkspaceTab, register_panel, register_workspace_tab

        from .matrix import register_annex
        from .panels import intervention_plan

        register_workspace_tab(WorkspaceTab(_("Action plan"), "planning:plans", "planning", order=30))
        # The mapping app renders the panels of "mapping.intervention" on an intervention's page.
        register_panel(
            Panel(
                place="mapping.intervention",
                template="planning/panels/intervention.html",
                build=intervention_plan,
                order=30,
            )
        )
        # …and the strategy's Word and PDF exports add the action-plan matrix as an annex.
        register_annex()
