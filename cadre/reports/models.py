"""Which evidence stands behind each expected result of a workspace.

The secretariat chooses, for each expected result, the measures computed from the data that show it (a result
may have several); the dashboard computes them. Knowledge gain is measured on the themes chosen here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cadre.core.audit import Audited
from cadre.core.models import TimeStamped
from cadre.workspaces.models import ExpectedResult, Theme


class Evidence(Audited, TimeStamped):
    class Measure(models.TextChoices):
        SELF_ASSESSMENT = "self_assessment", _("capacity self-assessment before and after")
        STRATEGY_PROGRESS = "strategy_progress", _("strategy progress: sections agreed and sign-offs")
        KNOWLEDGE_GAIN = "knowledge_gain", _("knowledge gain on chosen themes")
        COORDINATION = "coordination", _("inter-agency coordination")

    expected_result = models.ForeignKey(
        ExpectedResult, verbose_name=_("expected result"), on_delete=models.CASCADE, related_name="evidence"
    )
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("themes"),
        blank=True,
        related_name="+",
        help_text=_("For knowledge gain: the themes whose questions count. None: all themes."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["expected_result", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["expected_result", "measure"], name="evidence_measure_once_per_result")
        ]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.get_measure_display()

    def get_audit_workspace_id(self):
        return self.expected_result.workspace_id
