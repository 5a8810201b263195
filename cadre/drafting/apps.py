from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftingConfig(AppConfig):
    name = "cadre.drafting"
    label = "drafting"
    verbose_name = _("Drafting")
