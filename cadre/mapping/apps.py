from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MappingConfig(AppConfig):
    name = "cadre.mapping"
    label = "mapping"
    verbose_name = _("Mapping")

    def ready(self):
        from cadre.core.navigation import WorkspaceTab, register_workspace_tab

        register_workspace_tab(WorkspaceTab(_("Mapping"), "mapping:interventions", "mapping", order=10))
