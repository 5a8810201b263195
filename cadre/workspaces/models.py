"""A workspace is one strategy process: its members, themes, workplan and promised results."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.core.audit import Audited
from cadre.core.models import TimeStamped, localized
from cadre.directory.models import Country, Institution, Person

from .roles import Role, role_can


class ThematicArea(models.TextChoices):
    """Thematic areas of migration governance a workspace can be filed under (MIEUX's catalogue)."""

    IRREGULAR_MIGRATION = "irregular_migration", _("irregular migration")
    SMUGGLING = "smuggling", _("smuggling of migrants")
    TRAFFICKING = "trafficking", _("trafficking in human beings")
    BORDER_MANAGEMENT = "border_management", _("border management")
    RETURN_REINTEGRATION = "return_reintegration", _("return and reintegration")
    INTERNATIONAL_PROTECTION = "international_protection", _("international protection and asylum")
    LEGAL_MIGRATION = "legal_migration", _("legal migration and mobility")
    MIGRATION_DEVELOPMENT = "migration_development", _("migration and development")
    DIASPORA = "diaspora", _("diaspora")
    DATA = "data", _("migration data and research")
    GOVERNANCE = "governance", _("migration governance and policy")
    YOUTH = "youth", _("youth and migration")


class Workspace(Audited, TimeStamped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("under way")
        COMPLETED = "completed", _("completed")
        ARCHIVED = "archived", _("archived")

    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    requesting_authority = models.ForeignKey(
        Institution, verbose_name=_("requesting authority"), on_delete=models.PROTECT, related_name="+"
    )
    co_requesters = models.ManyToManyField(
        Institution, verbose_name=_("requested together with"), blank=True, related_name="+"
    )
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    expert_countries = models.ManyToManyField(Country, verbose_name=_("expert countries"), blank=True, related_name="+")
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    objective_fr = models.TextField(_("objective (French)"))
    objective_en = models.TextField(_("objective (English)"))
    thematic_area_codes = models.JSONField(
        _("thematic areas"), default=list, blank=True, help_text=_("Codes from the list of thematic areas.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)

    audit_choices = {"thematic_area_codes": ThematicArea.choices}

    class Meta:
        ordering = ["-start_date", "title_fr"]
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")

    @property
    def objective(self):
        return localized(self, "objective")

    def get_absolute_url(self):
        return reverse("workspaces:overview", args=[self.slug])

    def get_audit_workspace_id(self):
        return self.pk

    @property
    def thematic_areas(self):
        labels = dict(ThematicArea.choices)
        return [labels.get(code, code) for code in self.thematic_area_codes]

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end is before the start.")})
        unknown = [code for code in self.thematic_area_codes or [] if code not in ThematicArea.values]
        if unknown:
            raise ValidationError(
                {"thematic_area_codes": _("Unknown thematic area: %(codes)s") % {"codes": ", ".join(map(str, unknown))}}
            )


class MembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Membership(Audited, TimeStamped):
    """A user's place in a workspace: a role, on behalf of an institution, for a period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    valid_from = models.DateField(_("from"), default=timezone.localdate)
    valid_to = models.DateField(_("to"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["workspace", "role", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["user", "workspace"], name="one_membership_per_workspace")]
        indexes = [models.Index(fields=["workspace", "role"])]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"

    def can(self, capability: str) -> bool:
        return self.is_current() and role_can(self.role, capability)

    def is_current(self, day=None):
        day = day or timezone.localdate()
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date is before the start date.")})


class Theme(Audited, TimeStamped):
    """A thematic area of a workspace; ties together mapping, sessions, drafting and planning."""

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="themes"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(_("code"), max_length=50)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    framework_tags = models.JSONField(
        _("framework tags"),
        default=list,
        blank=True,
        help_text=_("E.g. Global Compact objectives: GCM-11, GCM-12."),
    )

    class Meta:
        ordering = ["workspace", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["workspace", "code"], name="theme_code_unique_per_workspace")]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")

    @property
    def description(self):
        return localized(self, "description")


class Expert(Audited, TimeStamped):
    """A person bringing expertise to a workspace, from a country."""

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="experts"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="expert_roles")
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    expertise_fr = models.CharField(_("expertise (French)"), max_length=300, blank=True)
    expertise_en = models.CharField(_("expertise (English)"), max_length=300, blank=True)

    class Meta:
        ordering = ["workspace", "country__name_fr", "person__full_name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "person"], name="expert_once_per_workspace")]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self):
        return f"{self.person} ({self.country})"

    @property
    def expertise(self):
        return localized(self, "expertise")


class WorkplanActivity(Audited, TimeStamped):
    """A planned step of the support action (the seed's Activity 1–8)."""

    class Kind(models.TextChoices):
        MAPPING_MEETINGS = "mapping_meetings", _("mapping meetings")
        INFORMATION_SESSION = "information_session", _("information session")
        INFORMATION_AND_DRAFTING = "information_and_drafting", _("information and drafting session")
        DRAFTING_SESSION = "drafting_session", _("drafting session")
        REMOTE_ASSISTANCE = "remote_assistance", _("remote assistance")
        STUDY_VISIT = "study_visit", _("study visit")
        FINALISATION_WORKSHOP = "finalisation_workshop", _("finalisation workshop")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        PREPARING = "preparing", _("in preparation")
        DONE = "done", _("done")
        POSTPONED = "postponed", _("postponed")
        CANCELLED = "cancelled", _("cancelled")

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="activities"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    title_fr = models.CharField(_("title (French)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="activities")
    experts = models.ManyToManyField(Expert, verbose_name=_("experts"), blank=True, related_name="activities")

    class Meta:
        ordering = ["workspace", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="activity_number_unique_per_workspace")
        ]
        verbose_name = _("workplan activity")
        verbose_name_plural = _("workplan activities")

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def title(self):
        return localized(self, "title")

    @property
    def description(self):
        return localized(self, "description")

    @property
    def start(self):
        return self.actual_start or self.planned_start

    @property
    def end(self):
        return self.actual_end or self.actual_start or self.planned_end

    def clean(self):
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end is before the planned start.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("The actual end is before the actual start.")
        if self.actual_end and not self.actual_start:
            errors["actual_start"] = _("Give the actual start as well.")
        if self.status == self.Status.DONE and not self.actual_start:
            errors["actual_start"] = _("An activity marked done needs its actual dates.")
        if errors:
            raise ValidationError(errors)


class ExpectedResult(Audited, TimeStamped):
    """A result the support action promises, and how it is measured."""

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="expected_results"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    statement_fr = models.TextField(_("statement (French)"))
    statement_en = models.TextField(_("statement (English)"))
    measurement_fr = models.TextField(_("how it is measured (French)"), blank=True)
    measurement_en = models.TextField(_("how it is measured (English)"), blank=True)

    class Meta:
        ordering = ["workspace", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="result_number_unique_per_workspace")
        ]
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")

    def __str__(self):
        return f"{self.number}. {self.statement[:120]}"

    @property
    def statement(self):
        return localized(self, "statement")

    @property
    def measurement(self):
        return localized(self, "measurement")
