"""Who does what, where: the interventions (projects, programmes) under way in the country.

An Intervention belongs to one workspace. Institutions take part in it in IATI's four roles; it has themes of
the workspace, places (regions, border posts, the whole country, or other countries for a regional project,
each with an optional share in percent), dates, a status and a budget. A child intervention (a contract under
a decision) carries its own budget: totals count only interventions without a parent in the list, or only
children, never both (see `queries.budget_total`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cadre.core.audit import Audited
from cadre.core.models import TimeStamped, localized
from cadre.directory.models import AdminArea, Institution
from cadre.workspaces.models import Theme, Workspace


class Intervention(Audited, TimeStamped):
    class Status(models.TextChoices):
        PIPELINE = "pipeline", _("pipeline")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    class Source(models.TextChoices):
        FORM = "form", _("entered in a form")
        INTERVIEW = "interview", _("mapping interview")
        FILE = "file", _("imported file")

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="interventions"
    )
    code = models.CharField(_("own code"), max_length=100, blank=True)
    iati_identifier = models.CharField(_("IATI identifier"), max_length=150, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ONGOING)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR", help_text=_("ISO 4217, e.g. EUR, XOF."))
    budget_eur = models.DecimalField(
        _("budget in EUR"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The budget converted to euros, for totals across currencies."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="interventions")
    sectors = models.JSONField(_("sectors"), default=list, blank=True)  # [{"vocabulary", "code", "percentage"}]
    topics = models.JSONField(_("topics"), default=list, blank=True)  # free codes of the source, e.g. TFP.3
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.FORM)
    source_note = models.CharField(
        _("source details"), max_length=300, blank=True, help_text=_("Which meeting, file or person it comes from.")
    )
    last_confirmed = models.DateField(_("last confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["workspace", "title_fr", "title_en", "pk"]
        indexes = [
            models.Index(fields=["workspace", "iati_identifier"]),
            models.Index(fields=["workspace", "code"]),
            models.Index(fields=["workspace", "status"]),
            models.Index(fields=["updated_at"]),  # the mapping's data version (queries.data_version)
            models.Index(fields=["workspace", "title_fr", "title_en", "id"]),  # the list's order, without sorting
        ]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self):
        return self.title or self.iati_identifier or self.code or f"#{self.pk}"

    @property
    def title(self):
        return localized(self, "title")

    @property
    def description(self):
        return localized(self, "description")

    @property
    def identifier(self):
        return self.iati_identifier or self.code

    @property
    def start(self):
        return self.actual_start or self.planned_start

    @property
    def end(self):
        return self.actual_end or self.planned_end

    def get_absolute_url(self):
        return reverse("mapping:intervention", args=[self.workspace.slug, self.pk])

    def clean(self):
        errors = {}
        if not (self.title_fr or self.title_en):
            errors["title_fr"] = _("Give a title, in French or in English.")
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            if getattr(self, start) and getattr(self, end) and getattr(self, end) < getattr(self, start):
                errors[end] = _("The end date is before the start date.")
        if self.budget is not None and self.budget < 0:
            errors["budget"] = _("A budget cannot be negative.")
        if self.currency == "EUR" and self.budget is not None and self.budget_eur is None:
            self.budget_eur = self.budget
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("An intervention cannot be part of itself.")
        if errors:
            raise ValidationError(errors)


class Participation(Audited, models.Model):
    """An institution's part in an intervention, in IATI's roles (codes 1–4)."""

    class Role(models.TextChoices):
        FUNDING = "funding", pgettext_lazy("participation role", "funding")
        ACCOUNTABLE = "accountable", pgettext_lazy("participation role", "accountable")
        EXTENDING = "extending", pgettext_lazy("participation role", "extending")
        IMPLEMENTING = "implementing", pgettext_lazy("participation role", "implementing")

    IATI_CODES = {"funding": "1", "accountable": "2", "extending": "3", "implementing": "4"}

    intervention = models.ForeignKey(
        Intervention, verbose_name=_("intervention"), on_delete=models.CASCADE, related_name="participations"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["intervention", "role", "institution__name_fr"]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "institution", "role"], name="one_participation_per_role")
        ]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self):
        return f"{self.institution} ({self.get_role_display()})"

    def get_audit_workspace_id(self):
        return self.intervention.workspace_id


class Location(Audited, models.Model):
    """Where an intervention works: the whole country, a region or place of it, or another country."""

    class Scope(models.TextChoices):
        NATIONAL = "national", _("whole country")
        AREA = "area", _("region or place")
        OTHER_COUNTRY = "other_country", _("other country (regional project)")

    intervention = models.ForeignKey(
        Intervention, verbose_name=_("intervention"), on_delete=models.CASCADE, related_name="locations"
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    area = models.ForeignKey(
        AdminArea, verbose_name=_("region or place"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    country_code = models.CharField(_("country code"), max_length=2, blank=True)
    percentage = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )

    class Meta:
        ordering = ["intervention", "scope", "area__name", "country_code"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        if self.scope == self.Scope.AREA and self.area_id:
            return str(self.area)
        if self.scope == self.Scope.OTHER_COUNTRY:
            return self.country_code
        return str(self.get_scope_display())

    def get_audit_workspace_id(self):
        return self.intervention.workspace_id

    def clean(self):
        if self.scope == self.Scope.AREA and not self.area_id:
            raise ValidationError({"area": _("Choose the region or place.")})
        if self.scope == self.Scope.OTHER_COUNTRY and len(self.country_code) != 2:
            raise ValidationError({"country_code": _("Give the country's two-letter ISO code.")})


class MappingInterview(Audited, TimeStamped):
    """A bilateral meeting of the mapping (the seed's Activity 1): what an institution does, as learnt."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("interview", "planned")
        DONE = "done", pgettext_lazy("interview", "done")

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="mapping_interviews"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    interviewers = models.CharField(_("interviewers"), max_length=300, blank=True)
    met = models.CharField(_("people met"), max_length=300, blank=True)
    notes = models.TextField(_("what was learnt"), blank=True)
    confirmed = models.ManyToManyField(
        Intervention, verbose_name=_("interventions confirmed"), blank=True, related_name="confirmed_in"
    )

    class Meta:
        ordering = ["workspace", "institution__name_fr"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "institution"], name="one_mapping_interview_per_institution")
        ]
        verbose_name = _("mapping interview")
        verbose_name_plural = _("mapping interviews")

    def __str__(self):
        return str(self.institution)

    def get_absolute_url(self):
        return reverse("mapping:interview", args=[self.workspace.slug, self.pk])


class ColumnMapping(TimeStamped):
    """A saved correspondence between a spreadsheet's columns and intervention fields, for re-use."""

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="column_mappings"
    )
    name = models.CharField(_("name"), max_length=200)
    columns = models.JSONField(_("columns"), default=dict)  # {field name: column heading}

    class Meta:
        ordering = ["workspace", "name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="column_mapping_name_unique")]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self):
        return self.name


class ImportRun(TimeStamped):
    """One import of a file: its preview, then (if confirmed) its application, with a line-by-line report."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        IATI = "iati", "IATI XML"
        EUTF = "eutf", _("EU Trust Fund (CSV)")

    class Status(models.TextChoices):
        PREVIEWING = "previewing", _("reading the file")
        PREVIEWED = "previewed", _("ready to apply")
        APPLYING = "applying", _("applying")
        APPLIED = "applied", _("applied")
        FAILED = "failed", _("refused")

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="import_runs"
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    file_name = models.CharField(_("file"), max_length=300)
    file_path = models.CharField(max_length=500, blank=True)  # where the upload waits between preview and apply
    sha256 = models.CharField(max_length=64, blank=True)
    column_mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREVIEWING)
    progress = models.PositiveIntegerField(default=0)  # 0–100
    language = models.CharField(max_length=8, blank=True)  # the report is written in the uploader's language
    report = models.JSONField(default=dict, blank=True)  # {"summary": {...}, "rows": [...], "errors": [...]}
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["workspace", "-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("mapping:import_run", args=[self.workspace.slug, self.pk])


class ThemeHint(TimeStamped):
    """A word that points to a theme in this workspace, learnt from the secretariat's corrections."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="theme_hints")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="hints")
    word = models.CharField(max_length=60)
    weight = models.IntegerField(default=1)  # confirmations add, rejections subtract

    class Meta:
        constraints = [models.UniqueConstraint(fields=["theme", "word"], name="theme_hint_unique")]
        verbose_name = _("theme hint")
        verbose_name_plural = _("theme hints")

    def __str__(self):
        return f"{self.word} → {self.theme}"


class ThemeSuggestion(models.Model):
    """A theme proposed for an intervention from its text, with the words that led to it, until decided."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("theme suggestion", "proposed")
        CONFIRMED = "confirmed", pgettext_lazy("theme suggestion", "confirmed")
        REJECTED = "rejected", pgettext_lazy("theme suggestion", "rejected")

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="theme_suggestions")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0)
    matched = models.JSONField(default=list)  # the words (or sector/topic codes) that matched
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)

    class Meta:
        ordering = ["intervention", "-score"]
        constraints = [models.UniqueConstraint(fields=["intervention", "theme"], name="one_theme_suggestion_per_theme")]
        verbose_name = _("theme suggestion")
        verbose_name_plural = _("theme suggestions")

    def __str__(self):
        return f"{self.intervention} → {self.theme}"


class Cell(models.Model):
    """One row per intervention × theme × region it covers: what the who-does-what-where matrix adds up.

    Kept in step by `analysis.refresh_cells()` after every save and import, so the matrix is a GROUP BY over
    this table however many interventions there are. `theme` empty: no theme yet; `region` empty: the whole
    country (or only other countries).
    """

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="cells")
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(Theme, null=True, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(AdminArea, null=True, on_delete=models.CASCADE, related_name="+")
    national = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["workspace", "theme", "region"])]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "theme", "region"], name="one_cell_per_combination")
        ]

    def __str__(self):
        return f"{self.intervention_id}: {self.theme_id} × {self.region_id}"
