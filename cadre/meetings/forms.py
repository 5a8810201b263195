"""Forms of the meetings app: a meeting, its agenda, materials, minutes, decisions and action points; filters."""

import datetime
import mimetypes
import os
import unicodedata
import zipfile
import zoneinfo

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.core.forms import IdsField
from cadre.directory.models import Institution, Person
from cadre.drafting.queries import section_choices

from .models import DEFAULT_TIME_ZONE, ActionPoint, AgendaItem, Decision, Material, Meeting, time_zone_choices
from .queries import ALL, CLOSED, OPEN, OVERDUE, PAST, UPCOMING, ActionPointFilters, MeetingFilters, experts_of
from .services import HELD_TOO_EARLY

DATE = {"type": "date"}
TIME = {"type": "time"}
# The years a meeting may be dated in: beyond them a date is a typing error (and years near 1 or 9999 cannot
# be converted between time zones at all).
FIRST_YEAR, LAST_YEAR = 1950, 2100


class MeetingForm(forms.ModelForm):
    """A meeting. Its day and times are entered as the clock shows them where it takes place (its time zone)."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    start_time = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs=TIME, format="%H:%M"))
    end_time = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs=TIME, format="%H:%M"))
    end_date = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("Only for a meeting over several days."),
    )
    online_link = forms.URLField(label=_("Online link"), required=False, max_length=500, assume_scheme="https")
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        initial=DEFAULT_TIME_ZONE,
        help_text=_("The date and times above are those of this zone (for example Africa/Niamey, Europe/Paris)."),
    )

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title_fr",
            "title_en",
            "activity",
            "status",
            "time_zone",
            "place",
            "online_link",
            "host_institution",
            "themes",
            "facilitators",
            "description",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "facilitators": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"themes": IdsField, "facilitators": IdsField}

    field_order = [
        "kind",
        "title_fr",
        "title_en",
        "activity",
        "date",
        "start_time",
        "end_time",
        "end_date",
        "time_zone",
        "place",
        "online_link",
        "host_institution",
        "themes",
        "facilitators",
        "description",
        "status",
    ]

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        zones = time_zone_choices()
        current = self.instance.time_zone if self.instance.pk else DEFAULT_TIME_ZONE
        if current and current not in {name for name, _label in zones}:
            zones.insert(0, (current, current))
        self.fields["time_zone"].choices = zones
        self.fields["activity"].queryset = workspace.activities.order_by("number")
        self.fields["themes"].queryset = workspace.themes.order_by("order", "pk")
        self.fields["facilitators"].queryset = experts_of(workspace)
        self.fields["host_institution"].queryset = Institution.objects.order_by("name_fr")
        if self.instance.pk:
            start, end = self.instance.local_start, self.instance.local_end
            self.initial.update(
                {
                    "date": start.date(),
                    "start_time": start.time().replace(second=0, microsecond=0),
                    "end_time": end.time().replace(second=0, microsecond=0),
                    "end_date": end.date() if end.date() != start.date() else None,
                }
            )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        zone_name = data.get("time_zone")
        if day is None or start is None or end is None or not zone_name:
            return data
        last_day = data.get("end_date") or day
        if last_day < day:
            self.add_error("end_date", _("The last day is before the first."))
            return data
        for name, value in (("date", day), ("end_date", last_day)):
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                self.add_error(
                    name,
                    _("Give a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
                return data
        zone = zoneinfo.ZoneInfo(zone_name)
        starts_at = datetime.datetime.combine(day, start, tzinfo=zone)
        ends_at = datetime.datetime.combine(last_day, end, tzinfo=zone)
        if ends_at <= starts_at:
            self.add_error("end_time", _("The meeting ends before it starts."))
            return data
        if data.get("status") == Meeting.Status.HELD and starts_at > timezone.now():
            self.add_error("status", HELD_TOO_EARLY)
            return data
        self.instance.starts_at, self.instance.ends_at = starts_at, ends_at
        return data


class MeetingFilterForm(forms.Form):
    """The meeting list's filters; an unknown value is dropped, never fatal."""

    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("All")), (UPCOMING, _("Upcoming")), (PAST, _("Past"))],
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    activity = forms.TypedChoiceField(label=_("Workplan activity"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        self.fields["kind"].choices = everyone + list(Meeting.Kind.choices)
        self.fields["status"].choices = everyone + list(Meeting.Status.choices)
        self.fields["theme"].choices = everyone + [(t.pk, t.name) for t in workspace.themes.order_by("order", "pk")]
        self.fields["activity"].choices = everyone + [(a.pk, str(a)) for a in workspace.activities.order_by("number")]

    def criteria(self) -> MeetingFilters:
        if not self.is_bound:
            return MeetingFilters()
        self.is_valid()
        data = self.cleaned_data
        return MeetingFilters(
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            theme=data.get("theme"),
            activity=data.get("activity"),
            when=data.get("when") or "",
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Meeting.Status.choices)


# --- agenda --------------------------------------------------------------------------------------------


class AgendaItemForm(forms.ModelForm):
    sections = forms.TypedMultipleChoiceField(
        label=_("Strategy sections"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The sections this item will work on; their pages show where they were discussed."),
    )

    class Meta:
        model = AgendaItem
        fields = ["starts_at", "duration_minutes", "title_fr", "title_en", "presenter", "notes", "themes", "sections"]
        widgets = {
            "starts_at": forms.TimeInput(attrs=TIME, format="%H:%M"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
        }
        field_classes = {"themes": IdsField}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["themes"].queryset = meeting.workspace.themes.order_by("order", "pk")
        self.fields["sections"].choices = section_choices(meeting.workspace)
        self.fields["duration_minutes"].widget.attrs.update({"min": 1, "max": 1440})
        if self.instance.pk:
            self.initial["sections"] = [section.pk for section in self.instance.sections.all()]

    def clean_duration_minutes(self):
        minutes = self.cleaned_data.get("duration_minutes")
        if minutes is not None and not 1 <= minutes <= 24 * 60:
            raise forms.ValidationError(_("Give a duration between 1 and 1,440 minutes."))
        return minutes


# --- materials -----------------------------------------------------------------------------------------

ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# extension → the bytes the file must start with (None: text, checked otherwise)
SIGNATURES = {
    "pdf": b"%PDF-",
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "odp": ZIP,
    "ods": ZIP,
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "txt": None,
    "csv": None,
}
ALLOWED_EXTENSIONS = tuple(SIGNATURES)
# What the inside of an Office Open XML or OpenDocument package must hold.
OOXML_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "odp": b"application/vnd.oasis.opendocument.presentation",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "txt": "text/plain",
}


def max_material_bytes() -> int:
    return int(getattr(settings, "MEETINGS_MATERIAL_MAX_MB", 20)) * 1024 * 1024


def clean_file_name(name: str) -> str:
    """The file's own name, without any folder, control character or excess length (kept for downloads)."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C").strip()
    stem, dot, extension = name.rpartition(".")
    if len(name) > 200:
        name = f"{stem[: 199 - len(extension)]}.{extension}" if dot else name[:200]
    return name.strip(". ") or "file"


def _content_matches(upload, extension) -> bool:
    expected = SIGNATURES[extension]
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if expected is None:  # text: no NUL byte, and readable as UTF-8 or Windows-1252
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # not just a character cut at the end of the sample
                try:
                    head.decode("cp1252")
                except UnicodeDecodeError:
                    return False
        return True
    if not head.startswith(expected):
        return False
    if expected == ZIP:
        try:
            with zipfile.ZipFile(upload) as package:
                names = package.namelist()
                if extension in OOXML_PART:
                    return "[Content_Types].xml" in names and any(n.startswith(OOXML_PART[extension]) for n in names)
                return "mimetype" in names and package.read("mimetype").strip() == ODF_MIMETYPE[extension]
        except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, EOFError):
            return False
        finally:
            upload.seek(0)
    return True


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("File"))
    title = forms.CharField(
        label=_("Title"), max_length=300, required=False, help_text=_("Leave empty to use the file's name.")
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Material.Kind.choices, initial=Material.Kind.PRESENTATION)
    agenda_item = forms.TypedChoiceField(
        label=_("Agenda item"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Leave empty for the whole meeting."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.items = {item.pk: item for item in meeting.agenda.all()}
        self.fields["agenda_item"].choices = [("", _("— the whole meeting —"))] + [
            (pk, item.title) for pk, item in self.items.items()
        ]
        limit = int(getattr(settings, "MEETINGS_MATERIAL_MAX_MB", 20))
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV; at most %(limit)s MB."
        ) % {"limit": limit}
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = clean_file_name(upload.name)
        extension = name.rpartition(".")[2].lower() if "." in name else ""
        if extension not in SIGNATURES:
            raise forms.ValidationError(
                _(
                    "Files of this type are not accepted. Choose a PDF, Word, Excel, PowerPoint, OpenDocument, "
                    "PNG, JPEG, text or CSV file."
                )
            )
        limit = max_material_bytes()
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)})
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if not _content_matches(upload, extension):
            raise forms.ValidationError(
                _("The file's content does not match its name ending in .%(extension)s; it may be damaged.")
                % {"extension": extension}
            )
        upload.name = name
        upload.checked_content_type = CONTENT_TYPES.get(extension) or (
            mimetypes.guess_type(name)[0] or "application/octet-stream"
        )
        return upload

    def clean_agenda_item(self):
        pk = self.cleaned_data.get("agenda_item")
        return self.items[pk] if pk is not None else None

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None and not (data.get("title") or "").strip():
            data["title"] = upload.name.rpartition(".")[0] or upload.name
        return data


# --- minutes, decisions, action points -----------------------------------------------------------------

MAX_MINUTES_CHARS = 200_000


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=MAX_MINUTES_CHARS,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("Markdown: headings, lists, tables."),
    )


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


def people_of(workspace):
    """The people an action point may be given to: invitees of the workspace's meetings, its experts and the
    people behind its members' accounts."""
    return (
        Person.objects.filter(
            Q(meeting_participations__meeting__workspace=workspace)
            | Q(expert_roles__workspace=workspace)
            | Q(user__memberships__workspace=workspace)
        )
        .select_related("institution")
        .distinct()
        .order_by("full_name")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        institution = person.institution
        return f"{person.full_name} ({institution.short_name})" if institution else person.full_name


class ActionPointForm(forms.ModelForm):
    owner_person = PersonChoiceField(label=_("Owner (person)"), queryset=Person.objects.none(), required=False)

    class Meta:
        model = ActionPoint
        fields = ["text", "owner_person", "owner_institution", "due_date", "status", "progress_note"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "due_date": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "progress_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["owner_person"].queryset = people_of(workspace)
        self.fields["owner_institution"].queryset = Institution.objects.order_by("name_fr")
        # The model's clean() asks for an owner, a person or an institution (shown on the institution field).


class ProgressForm(forms.Form):
    """What those given an action point may report: its status and a note."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionPoint.Status.choices)
    progress_note = forms.CharField(label=_("Progress"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ActionPointFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(OPEN, _("Open")), (OVERDUE, _("Overdue")), (CLOSED, _("Closed")), (ALL, _("All"))],
    )
    institution = forms.TypedChoiceField(label=_("Owner institution"), required=False, coerce=int, empty_value=None)
    meeting = forms.TypedChoiceField(label=_("Raised at"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        owners = Institution.objects.filter(
            pk__in=ActionPoint.objects.filter(workspace=workspace).values("owner_institution_id")
        ).order_by("name_fr")
        self.fields["institution"].choices = everyone + [(i.pk, str(i)) for i in owners]
        meetings = (
            Meeting.objects.filter(workspace=workspace, action_points__isnull=False)
            .distinct()
            .only("pk", "title_fr", "title_en", "starts_at", "time_zone")
            .order_by("-starts_at")
        )
        self.fields["meeting"].choices = everyone + [(m.pk, f"{m.local_start:%Y-%m-%d} — {m.title}") for m in meetings]

    def criteria(self) -> ActionPointFilters:
        if not self.is_bound:
            return ActionPointFilters()
        self.is_valid()
        data = self.cleaned_data
        return ActionPointFilters(
            state=data.get("state") or OPEN, institution=data.get("institution"), meeting=data.get("meeting")
        )
