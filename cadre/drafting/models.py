"""The strategy text and how it is written, discussed, frozen and endorsed.

A Document is a tree of Sections. Every save of a section is an immutable Revision; the section keeps a copy
of its head revision's text for fast reading. Comments and Suggestions are anchored to a passage (quote,
surrounding context and position) so they follow the text when other parts change. A Release freezes the
whole document; institutions sign a release off.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cadre.core.audit import Audited
from cadre.core.models import TimeStamped, localized
from cadre.directory.models import Institution
from cadre.workspaces.models import Theme, Workspace


class Document(Audited, TimeStamped):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("national strategy")
        ACTION_PLAN = "action_plan", _("action plan annex")
        GUIDE = "guide", _("guide")
        OTHER = "other", _("other document")

    workspace = models.ForeignKey(
        Workspace, verbose_name=_("workspace"), on_delete=models.CASCADE, related_name="documents"
    )
    slug = models.SlugField(_("short name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STRATEGY)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    language = models.CharField(
        _("language of the text"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_main = models.BooleanField(
        _("main strategy"), default=False, help_text=_("The document exports and overviews use by default.")
    )
    adoption_reference = models.CharField(
        _("adoption reference"), max_length=300, blank=True, help_text=_("For example the decree number and date.")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_release = models.ForeignKey(
        "Release",
        verbose_name=_("adopted release"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["workspace", "-is_main", "title_fr"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "slug"], name="document_slug_unique_in_workspace"),
            models.UniqueConstraint(
                fields=["workspace"], condition=models.Q(is_main=True), name="one_main_document_per_workspace"
            ),
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")

    def get_absolute_url(self):
        return reverse("drafting:document", args=[self.workspace.slug, self.slug])


class Section(Audited, TimeStamped):
    class Status(models.TextChoices):
        TO_DRAFT = "to_draft", _("to draft")
        DRAFTING = "drafting", _("drafting")
        IN_REVIEW = "in_review", _("in review")
        AGREED = "agreed", _("agreed")

    audit_exclude = ("body",)  # the text's history is its revisions

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="sections"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    head = models.ForeignKey(
        "Revision",
        verbose_name=_("current revision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TO_DRAFT)
    lead_institution = models.ForeignKey(
        Institution,
        verbose_name=_("lead institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("drafters"), blank=True, related_name="drafted_sections"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="sections")

    class Meta:
        ordering = ["document", "parent_id", "order", "pk"]
        indexes = [models.Index(fields=["document", "parent", "order"])]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        number = getattr(self, "number", "")
        return f"{number} {self.title}".strip()

    def get_audit_workspace_id(self):
        return self.document.workspace_id

    def get_absolute_url(self):
        return reverse("drafting:section", args=[self.document.workspace.slug, self.document.slug, self.pk])


class Revision(models.Model):
    """One save of a section: immutable. Its history is the section's history."""

    class Kind(models.TextChoices):
        EDIT = "edit", _("edit")
        MERGE = "merge", _("merged edit")
        RESTORE = "restore", _("restored")
        SUGGESTION = "suggestion", _("accepted suggestion")
        IMPORT = "import", pgettext_lazy("revision kind", "import")
        CREATE = "create", pgettext_lazy("revision kind", "created")

    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    base = models.ForeignKey(
        "self",
        verbose_name=_("started from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EDIT)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(_("message"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["section", "-number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="revision_number_unique")]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return _("revision %(number)s") % {"number": self.number}

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A revision never changes once saved."))
        super().save(*args, **kwargs)


class Anchor(models.Model):
    """Where in a section's text a comment or suggestion points: the passage, its context and position.

    `start` is the passage's offset in the section's current text. When the text changes, the passage is found
    again by its quote and context; if it is gone, the anchor is marked detached (never deleted).
    """

    quote = models.TextField(_("passage"), blank=True)
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    start = models.PositiveIntegerField(default=0)
    detached = models.BooleanField(_("detached"), default=False)

    class Meta:
        abstract = True

    @property
    def end(self):
        return self.start + len(self.quote)


class Suggestion(Audited, Anchor, TimeStamped):
    """A proposed change to a passage, with a reason, decided by the section's drafters."""

    class Kind(models.TextChoices):
        REPLACE = "replace", _("replace")
        INSERT = "insert", _("insert")
        DELETE = "delete", _("delete")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("suggestion", "open")
        ACCEPTED = "accepted", pgettext_lazy("suggestion", "accepted")
        REJECTED = "rejected", pgettext_lazy("suggestion", "rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("suggestion", "withdrawn")

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="suggestions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REPLACE)
    replacement = models.TextField(_("proposed text"), blank=True)
    reason = models.TextField(_("reason"))
    base = models.ForeignKey(
        Revision, verbose_name=_("made on"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by_institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution of the decider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    applied_revision = models.ForeignKey(
        Revision, verbose_name=_("applied in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["section", "created_at", "pk"]
        indexes = [models.Index(fields=["section", "status"])]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self):
        return _("suggestion %(id)s") % {"id": self.pk}

    def get_audit_workspace_id(self):
        return self.section.document.workspace_id


class Comment(Audited, Anchor, TimeStamped):
    """A remark on a passage of a section (or on a suggestion); replies form a thread."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("comment", "open")
        RESOLVED = "resolved", pgettext_lazy("comment", "resolved")

    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", verbose_name=_("reply to"), null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    suggestion = models.ForeignKey(
        Suggestion,
        verbose_name=_("suggestion"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answers",
    )
    body = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["section", "created_at", "pk"]
        indexes = [models.Index(fields=["section", "status"])]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return _("comment %(id)s") % {"id": self.pk}

    def get_audit_workspace_id(self):
        return self.section.document.workspace_id


class Release(TimeStamped):
    """The whole document frozen under a name. Never changes: its content is a snapshot of every section."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="releases"
    )
    name = models.CharField(_("name"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    content = models.JSONField(_("content"), default=list)  # [{id, number, level, title, body, revision}]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["document", "-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["document", "name"], name="release_name_unique_in_document")]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A release never changes once made."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("drafting:release", args=[self.document.workspace.slug, self.document.slug, self.pk])


class SignOff(Audited, TimeStamped):
    """An institution's position on a release: endorsed, endorsed with reservations, or not endorsed."""

    class Decision(models.TextChoices):
        ENDORSED = "endorsed", _("endorsed")
        RESERVATIONS = "reservations", _("endorsed with reservations")
        NOT_ENDORSED = "not_endorsed", _("not endorsed")

    release = models.ForeignKey(Release, verbose_name=_("release"), on_delete=models.PROTECT, related_name="signoffs")
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reservations = models.TextField(_("reservations"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signatory = models.CharField(
        _("signatory"), max_length=200, blank=True, help_text=_("Name and function of the person who signed.")
    )

    class Meta:
        ordering = ["release", "institution__name_fr"]
        constraints = [
            models.UniqueConstraint(fields=["release", "institution"], name="one_signoff_per_institution_and_release")
        ]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")

    def __str__(self):
        return f"{self.institution} — {self.get_decision_display()}"

    def get_audit_workspace_id(self):
        return self.release.document.workspace_id

    def clean(self):
        if self.decision in (self.Decision.RESERVATIONS, self.Decision.NOT_ENDORSED) and not self.reservations.strip():
            raise ValidationError({"reservations": _("Say what the reservations are.")})
