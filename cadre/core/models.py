"""Shared mechanisms only: timestamps and the audit trail. No domain models live here."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def localized(obj, field: str) -> str:
    """The value of `<field>_<language>` for the active language, falling back to the other language."""
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    ordered = [language] + [code for code, _name in settings.LANGUAGES if code != language]
    for code in ordered:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


class AuditEvent(models.Model):
    """One recorded change of domain data: who, when, what, old → new.

    `workspace_id` is a plain integer (not a foreign key) because core sits below the workspaces app; global
    objects such as institutions have none.
    """

    class Action(models.TextChoices):
        # As in "<person> created <type> <object>" on the history page.
        CREATE = "create", pgettext_lazy("audit action", "created")
        UPDATE = "update", pgettext_lazy("audit action", "changed")
        DELETE = "delete", pgettext_lazy("audit action", "deleted")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    workspace_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["workspace_id", "-at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
