"""Meetings of a workspace: agenda, participants, materials, minutes, decisions and action points.

The meetings app sits above drafting and mapping: an agenda item points at document sections, and the section
page lists where it was discussed through the reverse relation `agenda_items` (registered as a panel, see
`cadre/core/navigation.py`), so drafting never imports meetings.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.core.audit import Audited
from cadre.core.models import TimeStamped, localized
from cadre.directory.models import Institution, Person
from cadre.drafting.models import Section
from cadre.workspaces.models import Expert, Theme, WorkplanActivity, Workspace

DEFAULT_TIME_ZONE = "Africa/Niamey"


def time_zone_choices():
    return [
        (name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name and not name.startswith("Etc/")
    ]


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Meeting(Audited, TimeStamped):
    class Kind(models.TextChoices):
        BILATERAL = "bilateral", _("bilateral meeting")
        INFORMATION_SESSION = "information_session", _("information session")
        DRAFTING_SESSION = "drafting_session", _("drafting session")
        REMOTE_ASSISTANCE = "remote_assistance", _("remote assistance")
        WORKSHOP = "workshop", _("workshop")
        COORDINATION = "coordination", _("coordination meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        POSTPONED = "postponed", _("postponed")
        CANCELLED = "cancelled", _("cancelled")

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="meetings"
    )
    activity = models.ForeignKey(
        WorkplanActivity,
        verbose_name=_("workplan activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default=DEFAULT_TIME_ZONE)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="meetings")
    facilitators = models.ManyToManyField(
        Expert, verbose_name=_("facilitators"), blank=True, related_name="facilitated_meetings"
    )
    host_institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution met or hosting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("purpose"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown: headings, lists, tables."))
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    sequence = models.PositiveIntegerField(
        _("calendar sequence"), default=0, help_text=_("Raised at each change so calendars update the invitation.")
    )
    uid = models.CharField(_("calendar identifier"), max_length=80, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["workspace", "starts_at", "pk"]
        indexes = [models.Index(fields=["workspace", "starts_at"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")

    @property
    def tz(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.tz)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.tz)

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.workspace.slug, self.pk])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting ends before it starts.")
        if self.time_zone:
            try:
                zoneinfo.ZoneInfo(self.time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                errors["time_zone"] = _("Unknown time zone.")
        if self.activity_id and self.workspace_id and self.activity.workspace_id != self.workspace_id:
            errors["activity"] = _("This activity belongs to another workspace.")
        if errors:
            raise ValidationError(errors)


class AgendaItem(Audited, TimeStamped):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="agenda_items")
    sections = models.ManyToManyField(
        Section, verbose_name=_("strategy sections"), blank=True, related_name="agenda_items"
    )

    class Meta:
        ordering = ["meeting", "order", "starts_at", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")

    def get_audit_workspace_id(self):
        return self.meeting.workspace_id


class Participation(Audited, TimeStamped):
    """A person invited to a meeting, and what became of the invitation.

    The institution is kept as it was at the invitation, so attendance by institution does not move when a
    person later changes employer. The token opens the person's own tests without an account.
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")
        ATTENDED = "attended", _("attended")
        EXCUSED = "excused", _("excused")

    audit_exclude = ("token",)

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="meeting_participations"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_participations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INVITED)
    is_speaker = models.BooleanField(_("speaker"), default=False)
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    invitation_sent_at = models.DateTimeField(_("invitation e-mailed"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["meeting", "institution__name_fr", "person__full_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="participation_once_per_meeting")]
        indexes = [models.Index(fields=["meeting", "status"]), models.Index(fields=["institution", "status"])]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self):
        return f"{self.person} — {self.meeting}"

    def get_audit_workspace_id(self):
        return self.meeting.workspace_id


def material_path(instance, filename):
    return f"meetings/{instance.meeting.workspace_id}/{instance.meeting_id}/{new_token()}/{filename}"


class Material(Audited, TimeStamped):
    """A presentation or handout, attached to a meeting or to one of its agenda items."""

    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("presentation")
        HANDOUT = "handout", _("handout")
        REFERENCE = "reference", _("reference document")
        OTHER = "other", _("other")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="materials")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.PRESENTATION)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=material_path, max_length=500)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    content_type = models.CharField(_("file type"), max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "agenda_item__order", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title

    def get_audit_workspace_id(self):
        return self.meeting.workspace_id


class Decision(Audited, TimeStamped):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("decision"))

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:120]

    def get_audit_workspace_id(self):
        return self.meeting.workspace_id


class ActionPoint(Audited, TimeStamped):
    """Something someone must do after a meeting; it stays on the follow-up of later meetings until closed."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="action_points"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("raised at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_points",
    )
    text = models.TextField(_("action"))
    owner_person = models.ForeignKey(
        Person, verbose_name=_("owner (person)"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_institution = models.ForeignKey(
        Institution,
        verbose_name=_("owner (institution)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_at_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("closed at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="closed_action_points",
    )
    progress_note = models.TextField(_("progress"), blank=True)

    class Meta:
        ordering = ["workspace", "due_date", "pk"]
        indexes = [models.Index(fields=["workspace", "status", "due_date"])]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")

    def __str__(self):
        return self.text[:120]

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()

    @property
    def closed_on_time(self):
        if self.status != self.Status.DONE or not self.closed_on:
            return None
        return self.due_date is None or self.closed_on <= self.due_date

    def clean(self):
        errors = {}
        if not self.owner_person_id and not self.owner_institution_id:
            errors["owner_institution"] = _("Give an owner: a person, an institution or both.")
        if self.status == self.Status.DONE and not self.closed_on:
            self.closed_on = timezone.localdate()
        if self.status in self.OPEN_STATUSES:
            self.closed_on = None
        if errors:
            raise ValidationError(errors)
