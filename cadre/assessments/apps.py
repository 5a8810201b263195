from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "cadre.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from cadre.core.navigation import WorkspaceTab, register_workspace_tab

        register_workspace_tab(WorkspaceTab(_("Assessments"), "assessments:assessments", "assessments", order=50))
