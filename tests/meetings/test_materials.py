"""Materials: uploads checked for type, content and size; downloads only through an access-checked address."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadre.meetings import services
from cadre.meetings.forms import clean_file_name
from cadre.meetings.models import Material

from ..core.helpers import db_snapshot, element_text
from .factories import MeetingFactory
from .helpers_core import PDF, docx_bytes, pdf_upload, url


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _files(media):
    return sorted(path for path in Path(media).rglob("*") if path.is_file())


def _upload(world, session, persona="secretariat", **data):
    client = world.client(persona)
    return client.post(url("material_create", world, session.meeting.pk), {"kind": "presentation", **data})


def test_material_upload_stores_the_file_with_its_name_size_and_type(world, session, media):
    response = _upload(world, session, "expert", file=pdf_upload("Présentation DST.pdf"), title="")
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.title == "Présentation DST"  # the file's name when no title is given
    assert material.original_name == "Présentation DST.pdf"
    assert material.size == len(PDF) and material.content_type == "application/pdf"
    assert material.uploaded_by == world.users["expert"] and material.agenda_item is None
    assert _files(media) == [Path(media) / material.file.name]
    assert "/media/" not in world.client("observer").get(session.meeting.get_absolute_url()).content.decode()


def test_material_can_be_attached_to_an_agenda_item(world, session):
    _upload(world, session, file=pdf_upload(), title="Carte", agenda_item=str(session.item.pk))
    material = Material.objects.get()
    assert material.agenda_item == session.item
    page = world.client("member").get(session.meeting.get_absolute_url()).content.decode()
    assert "Carte" in element_text(page, f"item-{session.item.pk}")


def test_material_download_gives_the_file_as_an_attachment_to_members_only(world, session):
    _upload(world, session, file=pdf_upload("Ordre du jour.pdf"), title="Ordre du jour")
    material = Material.objects.get()
    address = url("material", world, session.meeting.pk, material.pk)
    response = world.client("observer").get(address)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"] == 'attachment; filename="Ordre du jour.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert world.client("outsider").get(address).status_code == 404


def test_material_download_keeps_a_non_ascii_name(world, session):
    _upload(world, session, file=pdf_upload("Présentation.pdf"))
    material = Material.objects.get()
    response = world.client("member").get(url("material", world, session.meeting.pk, material.pk))
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Pr%C3%A9sentation.pdf"


def test_material_of_another_meeting_is_not_found_under_this_one(world, session):
    _upload(world, session, file=pdf_upload())
    other = MeetingFactory(workspace=world.workspace)
    address = url("material", world, other.pk, Material.objects.get().pk)
    assert world.client("secretariat").get(address).status_code == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("outil.exe", b"MZ\x90\x00"),  # a type not accepted
        ("sans-extension", PDF),
        ("faux.pdf", b"<html>not a pdf</html>"),  # content does not match the name
        ("faux.docx", docx_bytes(with_word_part=False)),  # a zip, but not a Word document
        ("faux.xlsx", PDF),
        ("image.png", b"GIF89a"),
        ("binaire.csv", b"a;b\x00c"),
        ("vide.pdf", b""),
    ],
)
def test_material_upload_refuses_a_bad_file_with_a_message_and_stores_nothing(world, session, media, name, content):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(
        url("material_create", world, session.meeting.pk),
        {"kind": "handout", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["file"]
    assert 'id="id_file_error"' in response.content.decode()
    assert db_snapshot() == before and _files(media) == []


def test_material_upload_refuses_a_file_over_the_size_limit(world, session, settings, media):
    settings.MEETINGS_MATERIAL_MAX_MB = 1
    client = world.client("secretariat")
    before = db_snapshot()
    big = PDF + b"0" * (1024 * 1024)
    response = client.post(
        url("material_create", world, session.meeting.pk), {"kind": "handout", "file": pdf_upload(content=big)}
    )
    assert response.status_code == 400 and list(response.context["form"].errors) == ["file"]
    assert db_snapshot() == before and _files(media) == []


@pytest.mark.parametrize(
    ("name", "extension", "content"),
    [
        ("guide.docx", "docx", docx_bytes()),
        ("notes.txt", "txt", "Compte rendu : réunion à Niamey".encode("cp1252")),
        ("liste.csv", "csv", "nom;institution\nAïcha;DST\n".encode()),
        ("photo.JPG", "JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
    ],
)
def test_material_upload_accepts_office_text_and_image_files(world, session, name, extension, content):
    response = _upload(world, session, file=SimpleUploadedFile(name, content))
    assert response.status_code == 302
    assert Material.objects.get().original_name.endswith(extension)


def test_material_upload_refuses_an_agenda_item_of_another_meeting(world, session):
    foreign_item = MeetingFactory(workspace=world.workspace).agenda.create(title_fr="Ailleurs")
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(
        url("material_create", world, session.meeting.pk),
        {"kind": "handout", "file": pdf_upload(), "agenda_item": str(foreign_item.pk)},
    )
    assert response.status_code == 400 and list(response.context["form"].errors) == ["agenda_item"]
    assert db_snapshot() == before


def test_material_delete_removes_the_row_and_then_the_stored_file(
    world, session, media, django_capture_on_commit_callbacks
):
    material = services.add_material(
        session.meeting, upload=pdf_upload(), title="Présentation", kind="presentation", by=world.users["secretariat"]
    )
    assert _files(media)
    client = world.client("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("material_delete", world, session.meeting.pk, material.pk))
    assert response.status_code == 302
    assert not Material.objects.exists() and _files(media) == []


def test_material_download_of_a_missing_file_is_a_404_not_an_error(world, session, media):
    material = services.add_material(
        session.meeting, upload=pdf_upload(), title="Présentation", kind="presentation", by=world.users["secretariat"]
    )
    (Path(media) / material.file.name).unlink()
    response = world.client("member").get(url("material", world, session.meeting.pk, material.pk))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\Aïcha\\Présentation.pptx", "Présentation.pptx"),
        ("bad\x00name\n.pdf", "badname.pdf"),
        ("...", "file"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_file_names_keep_only_the_files_own_name(given, kept):
    assert clean_file_name(given) == kept


def test_meeting_delete_removes_its_materials_files(world, session, media, django_capture_on_commit_callbacks):
    services.add_material(
        session.meeting, upload=pdf_upload(), title="Présentation", kind="presentation", by=world.users["secretariat"]
    )
    client = world.client("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("meeting_delete", world, session.meeting.pk))
    assert not Material.objects.exists() and _files(media) == []
