"""Countries, places and institutions: global, shared by every workspace, and dated."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.core.audit import Audited
from cadre.core.models import TimeStamped, localized


class Country(Audited, TimeStamped):
    code = models.CharField(_("ISO 3166-1 code"), max_length=2, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")

    def clean(self):
        self.code = (self.code or "").upper()


class AdminArea(Audited, TimeStamped):
    """A place within a country: a region, or a typed point (border post, flow-monitoring point) in a region."""

    class Kind(models.TextChoices):
        REGION = "region", _("region")
        BORDER_POST = "border_post", _("border post")
        FLOW_MONITORING_POINT = "flow_monitoring_point", _("flow-monitoring point")
        TOWN = "town", _("town")

    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="areas")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    code = models.CharField(
        _("code"), max_length=20, blank=True, help_text=_("ISO 3166-2 code for a region, e.g. NE-1.")
    )
    name = models.CharField(_("name"), max_length=120)
    region = models.ForeignKey(
        "self",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="places",
        limit_choices_to={"kind": "region"},
    )
    borders = models.ForeignKey(
        Country,
        verbose_name=_("neighbouring country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a border post: the country on the other side."),
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active to"), null=True, blank=True)

    class Meta:
        ordering = ["country__code", "kind", "code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], condition=~Q(code=""), name="adminarea_code_unique_per_country"
            ),
            models.UniqueConstraint(fields=["country", "kind", "name"], name="adminarea_name_unique_per_kind"),
        ]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return f"{self.name} ({self.code})" if self.code else self.name

    def clean(self):
        if self.kind == self.Kind.REGION and self.region_id:
            raise ValidationError({"region": _("A region cannot lie within another region.")})
        if self.region_id and self.region.country_id != self.country_id:
            raise ValidationError({"region": _("The region must be in the same country.")})
        if self.borders_id and self.kind != self.Kind.BORDER_POST:
            raise ValidationError({"borders": _("Only a border post has a neighbouring country.")})


class InstitutionQuerySet(models.QuerySet):
    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=day)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=day)
        )


class Institution(Audited, TimeStamped):
    """A ministry, agency, security force, court, NGO, international organisation or donor."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministry")
        DIRECTORATE = "directorate", _("directorate or department")
        AGENCY = "agency", _("public agency")
        SECURITY_FORCE = "security_force", _("security force")
        COURT = "court", _("court or judicial body")
        COMMITTEE = "committee", _("committee or coordination body")
        NGO = "ngo", _("non-governmental organisation")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("international organisation")
        DONOR = "donor", _("donor or cooperation agency")
        DIPLOMATIC_MISSION = "diplomatic_mission", _("diplomatic mission")
        RESEARCH = "research", _("research or academic body")
        OTHER = "other", _("other")

    name_fr = models.CharField(_("name (French)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("type"), max_length=40, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="institutions",
        help_text=_("Leave empty for an international organisation."),
    )
    website = models.URLField(_("website"), blank=True)
    iati_ref = models.CharField(
        _("IATI organisation identifier"), max_length=100, blank=True, help_text=_("For example XM-DAC-41116.")
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active to"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name_fr"]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["acronym"])]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        name = self.name
        return f"{self.acronym} — {name}" if self.acronym and self.acronym != name else name

    @property
    def name(self):
        return localized(self, "name")

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("directory:institution", args=[self.pk])

    @property
    def short_name(self):
        return self.acronym or self.name

    def is_active_on(self, day=None):
        day = day or timezone.localdate()
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or self.active_to >= day
        )

    def clean(self):
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValidationError({"active_to": _("The end date is before the start date.")})
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An institution cannot be part of itself.")})
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("This would make the institution part of itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Person(Audited, TimeStamped):
    """A contact. May have a sign-in account, or not (e.g. an expert who only appears in the workplan)."""

    full_name = models.CharField(_("full name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name
