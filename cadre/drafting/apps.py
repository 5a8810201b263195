from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftingConfig(AppConfig):
    name = "cadre.drafting"
    label = "drafting"
    verbose_name = _("Drafting")

    def ready(self):
        from cadre.core.navigation import WorkspaceTab, register_workspace_tab

        register_workspace_tab(WorkspaceTab(_("Strategy"), "drafting:documents", "drafting", order=20))
