"""The action plan that turns a strategy into commitments, and its monitoring.

A plan holds a results framework — general objective → strategic axes (one per theme, tied to the strategy's
sections) → specific objectives → expected results → actions — whose level names follow a chosen convention.
Actions carry their lead and supporting institutions, timing, status, costs per year, funding sources and the
mapped interventions that contribute to them. Indicators sit on any level (or on a mapped intervention, for
partners' logframes imported from their results files), with baseline, targets and measurements; monitoring
rounds collect measurements and action statuses from the responsible institutions' focal points.

Money: every amount keeps its currency and its value in euros (`amount_eur`), computed with the plan's rates
(the CFA franc's fixed parity by default), so totals across currencies are sums of `amount_eur`.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.core.audit import Audited
from cadre.core.models import TimeStamped, localized
from cadre.directory.models import Institution
from cadre.drafting.models import Document, Section
from cadre.mapping.models import Intervention
from cadre.workspaces.models import Theme, Workspace

# Francs CFA (XOF) per euro: the fixed parity since 1999. Other currencies get their rate on the plan.
DEFAULT_RATES = {"EUR": "1", "XOF": "655.957"}
CURRENCIES = [("XOF", "FCFA (XOF)"), ("EUR", "EUR"), ("USD", "USD")]
CENT = Decimal("0.01")


class Plan(Audited, TimeStamped):
    class Convention(models.TextChoices):
        EU = "eu", _("EU logical framework")
        OECD = "oecd_dac", _("OECD-DAC results chain")
        CUSTOM = "custom", _("custom names")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ADOPTED = "adopted", _("adopted")
        CLOSED = "closed", _("closed")

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="plans"
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("strategy it implements"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
    )
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    convention = models.CharField(_("level names"), max_length=20, choices=Convention.choices, default=Convention.EU)
    custom_level_names = models.JSONField(
        _("custom level names"),
        default=dict,
        blank=True,
        help_text=_('E.g. {"axis": {"fr": "Pilier", "en": "Pillar"}}.'),
    )
    currency = models.CharField(_("currency of costs"), max_length=3, choices=CURRENCIES, default="XOF")
    rates = models.JSONField(
        _("units of each currency per euro"), default=dict, blank=True, help_text=_("XOF is fixed at 655.957.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        ordering = ["workspace", "-start_year", "pk"]
        constraints = [models.UniqueConstraint(fields=["workspace", "slug"], name="plan_slug_unique_per_workspace")]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")

    @property
    def years(self):
        return list(range(self.start_year, self.end_year + 1))

    def get_absolute_url(self):
        return reverse("planning:plan", args=[self.workspace.slug, self.slug])

    def rate(self, currency: str) -> Decimal | None:
        """Units of `currency` per euro, or None when the plan has no rate for it."""
        value = {**DEFAULT_RATES, **(self.rates or {})}.get(currency)
        return Decimal(str(value)) if value not in (None, "") else None

    def to_eur(self, amount, currency: str) -> Decimal | None:
        if amount is None:
            return None
        rate = self.rate(currency)
        if not rate:
            return None
        return (Decimal(amount) / rate).quantize(CENT, rounding=ROUND_HALF_UP)

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year is before the first year.")})
        if self.document_id and self.workspace_id and self.document.workspace_id != self.workspace_id:
            raise ValidationError({"document": _("This document belongs to another workspace.")})


LEVEL_NAMES = {
    # level → {convention → (singular, plural)}
    "general": {
        "eu": (_("overall objective"), _("overall objectives")),
        "oecd_dac": (_("impact"), _("impacts")),
    },
    "axis": {"eu": (_("strategic axis"), _("strategic axes")), "oecd_dac": (_("strategic axis"), _("strategic axes"))},
    "specific": {
        "eu": (_("specific objective"), _("specific objectives")),
        "oecd_dac": (_("outcome"), _("outcomes")),
    },
    "result": {"eu": (_("expected result"), _("expected results")), "oecd_dac": (_("output"), _("outputs"))},
    "action": {"eu": (_("action"), _("actions")), "oecd_dac": (_("activity"), _("activities"))},
}


class Objective(Audited, TimeStamped):
    """A node of the results framework above the actions."""

    class Level(models.TextChoices):
        GENERAL = "general", _("general objective")
        AXIS = "axis", _("strategic axis")
        SPECIFIC = "specific", _("specific objective")
        RESULT = "result", _("expected result")

    CHILD_LEVEL = {"general": "axis", "axis": "specific", "specific": "result"}

    plan = models.ForeignKey(Plan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="objectives")
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    code = models.CharField(_("code"), max_length=30, blank=True, help_text=_("E.g. 1, 1.2, 1.2.3."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_fr = models.TextField(_("title (French)"))
    title_en = models.TextField(_("title (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.SET_NULL, null=True, blank=True, related_name="objectives"
    )
    sections = models.ManyToManyField(
        Section, verbose_name=_("strategy sections"), blank=True, related_name="plan_objectives"
    )

    class Meta:
        ordering = ["plan", "order", "code", "pk"]
        indexes = [models.Index(fields=["plan", "level"])]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    @property
    def title(self):
        return localized(self, "title")

    @property
    def description(self):
        return localized(self, "description")

    def get_audit_workspace_id(self):
        return self.plan.workspace_id

    def clean(self):
        expected_parent = {value: key for key, value in self.CHILD_LEVEL.items()}.get(self.level)
        if self.level == self.Level.GENERAL:
            if self.parent_id:
                raise ValidationError({"parent": _("The general objective has no parent.")})
        elif self.parent_id is None or self.parent.level != expected_parent:
            raise ValidationError({"parent": _("This level belongs under the level just above it.")})
        if self.parent_id and self.plan_id and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("The parent belongs to another plan.")})


class Action(Audited, TimeStamped):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        ONGOING = "ongoing", _("under way")
        COMPLETED = "completed", _("completed")
        DELAYED = "delayed", _("delayed")
        CANCELLED = "cancelled", _("cancelled")

    plan = models.ForeignKey(Plan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="actions")
    result = models.ForeignKey(
        Objective, verbose_name=_("expected result"), on_delete=models.CASCADE, related_name="actions"
    )
    code = models.CharField(_("code"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_fr = models.TextField(_("title (French)"))
    title_en = models.TextField(_("title (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    lead_institution = models.ForeignKey(
        Institution,
        verbose_name=_("lead institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_actions",
    )
    supporting_institutions = models.ManyToManyField(
        Institution, verbose_name=_("supporting institutions"), blank=True, related_name="supported_actions"
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    start_quarter = models.PositiveSmallIntegerField(
        _("start quarter"), null=True, blank=True, choices=[(q, f"T{q}") for q in range(1, 5)]
    )
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    end_quarter = models.PositiveSmallIntegerField(
        _("end quarter"), null=True, blank=True, choices=[(q, f"T{q}") for q in range(1, 5)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    assumptions = models.TextField(_("assumptions"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    interventions = models.ManyToManyField(
        Intervention,
        verbose_name=_("contributing interventions"),
        through="Contribution",
        blank=True,
        related_name="plan_actions",
    )

    class Meta:
        ordering = ["plan", "order", "code", "pk"]
        indexes = [models.Index(fields=["plan", "status"])]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    @property
    def title(self):
        return localized(self, "title")

    @property
    def description(self):
        return localized(self, "description")

    def get_audit_workspace_id(self):
        return self.plan.workspace_id

    def clean(self):
        errors = {}
        if self.result_id and self.result.level != Objective.Level.RESULT:
            errors["result"] = _("An action sits under an expected result.")
        if self.result_id and self.plan_id and self.result.plan_id != self.plan_id:
            errors["result"] = _("This result belongs to another plan.")
        start = (self.start_year or 0, self.start_quarter or 1)
        end = (self.end_year or 0, self.end_quarter or 4)
        if self.start_year and self.end_year and end < start:
            errors["end_year"] = _("The action ends before it starts.")
        if errors:
            raise ValidationError(errors)


class Money(models.Model):
    """An amount in a currency, with its value in euros computed with the plan's rates when saved."""

    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="XOF")
    amount_eur = models.DecimalField(_("amount in EUR"), max_digits=18, decimal_places=2, null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.amount_eur = self.action.plan.to_eur(self.amount, self.currency)
        super().save(*args, **kwargs)

    def clean(self):
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": _("An amount cannot be negative.")})

    def get_audit_workspace_id(self):
        return self.action.plan.workspace_id


class Cost(Audited, Money, TimeStamped):
    """The estimated cost of an action in one year."""

    action = models.ForeignKey(Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="costs")
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        ordering = ["action", "year", "pk"]
        constraints = [models.UniqueConstraint(fields=["action", "year"], name="cost_once_per_action_and_year")]
        verbose_name = _("cost")
        verbose_name_plural = _("costs")

    def __str__(self):
        return f"{self.year}: {self.amount} {self.currency}"


class FundingSource(Audited, Money, TimeStamped):
    """Who pays (part of) an action: the state budget or a named partner; committed or only expected."""

    class Kind(models.TextChoices):
        STATE = "state", _("state budget")
        PARTNER = "partner", _("partner")
        OTHER = "other", _("other")

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="funding_sources"
    )
    kind = models.CharField(_("source"), max_length=20, choices=Kind.choices)
    institution = models.ForeignKey(
        Institution, verbose_name=_("funder"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, help_text=_("Empty: the whole action."))
    committed = models.BooleanField(_("committed"), default=False, help_text=_("Signed or voted, not only expected."))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["action", "year", "pk"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount} {self.currency}"


class Contribution(Audited, TimeStamped):
    """A mapped intervention contributing to an action, and how much of its budget counts as committed to it.

    `amount_eur` empty means "its whole budget in euros, spread over its years" — see planning/funding.py.
    """

    action = models.ForeignKey(Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="contributions")
    intervention = models.ForeignKey(
        Intervention, verbose_name=_("intervention"), on_delete=models.CASCADE, related_name="contributions"
    )
    share_percent = models.DecimalField(
        _("share of its budget (%)"), max_digits=5, decimal_places=2, default=Decimal(100)
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["action", "pk"]
        constraints = [models.UniqueConstraint(fields=["action", "intervention"], name="contribution_once_per_action")]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self):
        return f"{self.intervention} → {self.action}"

    def get_audit_workspace_id(self):
        return self.action.plan.workspace_id

    def clean(self):
        if self.share_percent is not None and not (0 < self.share_percent <= 100):
            raise ValidationError({"share_percent": _("Give a share between 0 and 100 %.")})


class Indicator(Audited, TimeStamped):
    """How progress is measured, on any level of the plan, on an action, or on a mapped intervention."""

    class Kind(models.TextChoices):
        NUMBER = "number", _("number")
        PERCENTAGE = "percentage", _("percentage")
        YES_NO = "yes_no", _("yes/no")
        QUALITATIVE = "qualitative", _("qualitative")

    class Frequency(models.TextChoices):
        QUARTERLY = "quarterly", _("quarterly")
        SEMIANNUAL = "semiannual", _("twice a year")
        ANNUAL = "annual", _("annual")
        MIDTERM_FINAL = "midterm_final", _("mid-term and final")
        FINAL = "final", _("at the end")

    DISAGGREGATIONS = (("sex", _("sex")), ("age", _("age")), ("region", _("region")), ("nationality", _("nationality")))

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="indicators"
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("action plan"), on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
    )
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.PROTECT,  # its indicators hold reported values: deleting the intervention says so
        null=True,
        blank=True,
        related_name="indicators",
    )
    code = models.CharField(_("code"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    definition_fr = models.TextField(_("definition (French)"))
    definition_en = models.TextField(_("definition (English)"), blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.NUMBER)
    baseline_value = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_text = models.CharField(_("baseline (qualitative)"), max_length=300, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_source = models.CharField(_("baseline source"), max_length=300, blank=True)
    disaggregation = models.JSONField(_("disaggregated by"), default=list, blank=True)
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices, blank=True)
    responsible_institution = models.ForeignKey(
        Institution,
        verbose_name=_("responsible institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_indicators",
    )
    library_code = models.CharField(
        _("library reference"), max_length=40, blank=True, help_text=_("E.g. EUTF 3.7 when taken from a library.")
    )
    source_key = models.CharField(
        _("import key"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("Where an imported indicator came from."),
    )

    class Meta:
        ordering = ["workspace", "plan", "order", "code", "pk"]
        indexes = [models.Index(fields=["workspace", "source_key"]), models.Index(fields=["plan", "objective"])]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.code} {self.definition}".strip()

    @property
    def definition(self):
        return localized(self, "definition")

    def clean(self):
        errors = {}
        owners = [self.objective_id, self.action_id]
        if sum(1 for owner in owners if owner) > 1:
            errors["action"] = _("An indicator measures one level: an objective or an action, not both.")
        if self.objective_id and self.plan_id and self.objective.plan_id != self.plan_id:
            errors["objective"] = _("This objective belongs to another plan.")
        if self.action_id and self.plan_id and self.action.plan_id != self.plan_id:
            errors["action"] = _("This action belongs to another plan.")
        if self.intervention_id and self.workspace_id and self.intervention.workspace_id != self.workspace_id:
            errors["intervention"] = _("This intervention belongs to another workspace.")
        unknown = set(self.disaggregation or []) - {code for code, _label in self.DISAGGREGATIONS}
        if unknown:
            errors["disaggregation"] = _("Unknown disaggregation: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        if errors:
            raise ValidationError(errors)


class Target(Audited, TimeStamped):
    """The value an indicator should reach by the end of a period (a year, or the dates of a partner's logframe)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True, blank=True)
    value_text = models.CharField(_("target (qualitative)"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "period_end", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start", "period_end"], name="target_once_per_period")
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return f"{self.period_end.year}: {self.value if self.value is not None else self.value_text}"

    def get_audit_workspace_id(self):
        return self.indicator.workspace_id


class MonitoringRound(Audited, TimeStamped):
    """A call for figures: e.g. "2018 annual report" — focal points report, the secretariat validates."""

    class Status(models.TextChoices):
        OPEN = "open", _("open for reporting")
        CLOSED = "closed", _("closed")

    plan = models.ForeignKey(Plan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="rounds")
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_date = models.DateField(_("reports due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["plan", "-period_end", "pk"]
        verbose_name = _("monitoring round")
        verbose_name_plural = _("monitoring rounds")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")

    def get_audit_workspace_id(self):
        return self.plan.workspace_id

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})


class Measurement(Audited, TimeStamped):
    """A value of an indicator for a period, reported (in a round, or imported) and validated by the secretariat.

    A validated measurement changes only after the secretariat reopens it; every change is in the history.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        VALIDATED = "validated", _("validated")
        REOPENED = "reopened", _("reopened")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="measurements"
    )
    round = models.ForeignKey(
        MonitoringRound,
        verbose_name=_("monitoring round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measurements",
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True, blank=True)
    value_text = models.CharField(_("value (qualitative)"), max_length=300, blank=True)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Where the figure comes from: report, list, link.")
    )
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    source_key = models.CharField(_("import key"), max_length=200, blank=True, editable=False)
    # The value the results file gave at the last import: a re-import updates the measurement only while it
    # still holds this value (nobody changed it in Cadre since).
    imported_value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["indicator", "period_end", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"], name="measurement_once_per_period"
            )
        ]
        indexes = [models.Index(fields=["round", "status"])]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self):
        return f"{self.indicator}: {self.value if self.value is not None else self.value_text} ({self.period_end})"

    def get_audit_workspace_id(self):
        return self.indicator.workspace_id


class ActionReport(Audited, TimeStamped):
    """An action's status and progress as reported in a monitoring round."""

    round = models.ForeignKey(
        MonitoringRound, verbose_name=_("monitoring round"), on_delete=models.CASCADE, related_name="action_reports"
    )
    action = models.ForeignKey(Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(_("status"), max_length=20, choices=Action.Status.choices)
    progress = models.TextField(_("progress"), blank=True)
    validated = models.BooleanField(_("validated"), default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["round", "action", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "action"], name="action_report_once_per_round")]
        verbose_name = _("action report")
        verbose_name_plural = _("action reports")

    def __str__(self):
        return f"{self.action} — {self.round}"

    def get_audit_workspace_id(self):
        return self.round.plan.workspace_id


class Breakdown(Audited, TimeStamped):
    """A part of a measurement's value for one category of a disaggregation (e.g. sex → female: 120).

    `category` is a fixed code for sex and age, the AdminArea code for a region, the ISO 3166 alpha-2 code for a
    nationality. It follows its measurement: changed only while the measurement may be changed, in the history.
    """

    measurement = models.ForeignKey(
        Measurement, verbose_name=_("measurement"), on_delete=models.CASCADE, related_name="breakdown"
    )
    dimension = models.CharField(_("disaggregated by"), max_length=20, choices=Indicator.DISAGGREGATIONS)
    category = models.CharField(_("category"), max_length=100)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["measurement", "dimension", "category", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measurement", "dimension", "category"], name="breakdown_once_per_category")
        ]
        verbose_name = _("breakdown")
        verbose_name_plural = _("breakdowns")

    def __str__(self):
        return f"{self.get_dimension_display()} {self.category}: {self.value}"

    def get_audit_workspace_id(self):
        return self.measurement.indicator.workspace_id


class ResultsImport(TimeStamped):
    """One import of a results file, run by the background worker: the upload waits here, then its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("importing")
        DONE = "done", _("done")
        FAILED = "failed", _("refused")

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="results_imports"
    )
    file_name = models.CharField(_("file"), max_length=300)
    data = models.BinaryField(blank=True, editable=False)  # the upload, emptied once imported
    dry_run = models.BooleanField(_("check only"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    language = models.CharField(max_length=8, blank=True)  # the report is written in the uploader's language
    report = models.JSONField(default=dict, blank=True)  # {"created", "updated", "unchanged", "problems": [...]}
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["workspace", "-created_at", "-pk"]
        verbose_name = _("results import")
        verbose_name_plural = _("results imports")

    def __str__(self):
        return self.file_name


class RoundNotice(models.Model):
    """A call or reminder e-mailed to a focal point for a monitoring round, once the mail server accepted it.

    Not `Audited`: each row is itself the record of one sending (who, what, when, sent by whom), written once and
    never edited, so an audit event would only repeat it.
    """

    class Kind(models.TextChoices):
        CALL = "call", _("call")
        REMINDER = "reminder", _("reminder")

    round = models.ForeignKey(
        MonitoringRound, verbose_name=_("monitoring round"), on_delete=models.CASCADE, related_name="notices"
    )
    membership = models.ForeignKey(
        "workspaces.Membership", verbose_name=_("focal point"), on_delete=models.CASCADE, related_name="round_notices"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["round", "-sent_at", "pk"]
        indexes = [models.Index(fields=["round", "membership", "kind"])]
        verbose_name = _("round notice")
        verbose_name_plural = _("round notices")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.membership} ({self.sent_at:%Y-%m-%d})"
