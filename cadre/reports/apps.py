from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "cadre.reports"
    label = "reports"
    verbose_name = _("Results")

    def ready(self):
        from cadre.core.navigation import WorkspaceTab, register_workspace_tab

        register_workspace_tab(WorkspaceTab(_("Results"), "reports:dashboard", "reports", order=90))
