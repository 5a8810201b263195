"""Helpers for the tests of meetings, agenda, materials, minutes and action points."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from .factories import MeetingFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name="presentation.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_bytes(*, with_word_part=True) -> bytes:
    """A minimal Office Open XML package (enough for the content check, not for Word)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        if with_word_part:
            package.writestr("word/document.xml", "<document/>")
        else:
            package.writestr("other/thing.xml", "<x/>")
    return buffer.getvalue()


def url(name, world, *args):
    return reverse(f"meetings:{name}", args=[world.workspace.slug, *args])


def past_meeting(world, days_ago=10, **fields):
    """A meeting of the personas' workspace that took place `days_ago` days ago."""
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    return MeetingFactory(
        workspace=world.workspace,
        host_institution=world.institution,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
        **fields,
    )


def meeting_payload(world, **changes):
    data = {
        "kind": "information_session",
        "title_fr": "Session d'information sur la gestion des frontières",
        "title_en": "Information session on border management",
        "activity": world.activity.pk,
        "date": "2016-09-12",
        "start_time": "09:00",
        "end_time": "16:30",
        "end_date": "",
        "time_zone": "Africa/Niamey",
        "place": "Niamey, Ministère de l'Intérieur",
        "online_link": "",
        "host_institution": world.institution.pk,
        "themes": [world.theme.pk],
        "facilitators": [world.expert.pk],
        "description": "",
        "status": "planned",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def shown(msgid: str, **params) -> str:
    """An interface string as a French-speaking user sees it (French once translated, English until then)."""
    with translation.override("fr"):
        text = translation.gettext(msgid)
    return text % params if params else text
