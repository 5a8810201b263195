"""The import pages, end to end with tasks run immediately: upload → preview → apply, cancel, columns, limits."""

import datetime
import re
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cadre.directory.models import AdminArea
from cadre.mapping import imports, tasks
from cadre.mapping.models import ColumnMapping, ImportRun, Intervention

from ..core.helpers import db_snapshot, text_of
from .import_fixtures import (  # noqa: F401 — fixtures
    FRENCH_ROWS,
    csv_text,
    immediate_tasks_fixture,
    media_fixture,
    regions_fixture,
    xlsx_bytes,
)

pytestmark = pytest.mark.usefixtures("immediate_tasks", "media", "regions")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _client(world, persona="secretariat"):
    client = world.client(persona)
    if persona != "anonymous":
        client.cookies["django_language"] = "en"
    return client


def _start_url(world):
    return reverse("mapping:import_start", args=[world.workspace.slug])


def _upload(client, world, content=None, name="projets.csv", **data):
    upload = SimpleUploadedFile(name, content if content is not None else csv_text().encode("cp1252"))
    return client.post(_start_url(world), {"file": upload, "format": "", "mapping": "", **data})


def _url(name, run):
    return reverse(f"mapping:{name}", args=[run.workspace.slug, run.pk])


def _stored(media):
    return sorted(media.iterdir()) if media.exists() else []


def test_upload_preview_apply_ends_on_a_summary(world, media):
    client = _client(world)
    response = _upload(client, world)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert (run.status, run.format, run.file_name, run.created_by) == (
        "previewed",
        "csv",
        "projets.csv",
        world.users["secretariat"],
    )
    assert _stored(media) == [media / run.file_path.rsplit("/", 1)[1]]  # a random name, not the client's
    assert Intervention.objects.count() == 0

    page = text_of(client.get(run.get_absolute_url()))
    assert "3 to create" in page and "0 with errors" in page
    assert "Appui à la police des frontières à Agadez" in page
    assert f'action="{_url("import_apply", run)}"' in page
    assert "Title (French)" in page  # the columns can be changed

    response = client.post(_url("import_apply", run))
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.file_path, run.report["applied"]["create"]) == ("applied", "", 3)
    assert Intervention.objects.filter(workspace=world.workspace).count() == 3
    assert _stored(media) == []  # the upload is removed once applied
    page = text_of(client.get(run.get_absolute_url()))
    assert "Applied: 3 created, 0 updated, 0 unchanged." in page
    assert reverse("mapping:interventions", args=[world.workspace.slug]) in page
    assert not re.search(r"\sstyle=|<script\b[^>]*>(?!\s*</script>)", page)


def test_file_with_a_bad_row_has_no_apply_button_and_names_the_row(world):
    client = _client(world)
    rows = [list(row) for row in FRENCH_ROWS]
    rows[2][3] = "32/01/2018"
    _upload(client, world, csv_text(rows=rows).encode())
    run = ImportRun.objects.get()
    page = text_of(client.get(run.get_absolute_url()))
    assert "1 with errors" in page
    assert "Planned start: “32/01/2018” is not a date (write it dd/mm/yyyy or yyyy-mm-dd)." in page
    assert 'id="line-4"' in page  # the spreadsheet's row 4
    assert _url("import_apply", run) not in page
    before = db_snapshot()
    response = client.post(_url("import_apply", run))
    assert response.status_code == 302 and db_snapshot() == before


def test_columns_chosen_on_the_preview_are_saved_and_used_for_the_next_file(world):
    client = _client(world)
    headings = ["Dossier", "Objet", "Attributaire", "Zone"]
    content = xlsx_bytes(headings, [["X-1", "Formation des gardes", "Garde nationale", "Diffa"]])
    _upload(client, world, content, name="actions.xlsx")
    run = ImportRun.objects.get()
    assert run.format == "xlsx" and run.report.get("ok") is False, (run.status, run.report)
    page = text_of(client.get(run.get_absolute_url()))
    assert "Choose the column that holds the title (in French or in English)." in page

    choice = {"column_code": "Dossier", "column_title_fr": "Objet", "column_implementers": "Attributaire"}
    response = client.post(run.get_absolute_url(), {**choice, "column_regions": "Zone", "save_as": "Marchés"})
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.report["ok"], run.report["summary"]["create"]) == ("previewed", True, 1)
    saved = ColumnMapping.objects.get(workspace=world.workspace, name="Marchés")
    assert saved.columns == {"code": "Dossier", "title_fr": "Objet", "implementers": "Attributaire", "regions": "Zone"}

    _upload(client, world, content, name="actions-2.xlsx", mapping=saved.pk)
    second = ImportRun.objects.exclude(pk=run.pk).get()
    assert second.column_mapping == saved.columns and second.report["ok"]


def test_upload_declared_over_the_limit_is_refused_before_its_body_is_read(world, media):
    client = _client(world)
    before = db_snapshot()
    upload = SimpleUploadedFile("huge.csv", b"a;b\n1;2\n")
    too_big = str(imports.MAX_BYTES + 1024 * 1024)
    with mock.patch("django.http.multipartparser.MultiPartParser.parse", side_effect=AssertionError("body read")):
        response = client.post(_start_url(world), {"file": upload}, CONTENT_LENGTH=too_big)
    assert response.status_code == 413
    assert "The file is larger than 100 MB" in text_of(response)
    assert db_snapshot() == before and _stored(media) == []


def test_upload_growing_past_the_limit_is_stopped_while_it_streams(world, media, settings):
    settings.MAPPING_IMPORT_MAX_BYTES = 2000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # stream to disk, as a large file does
    client = _client(world)
    before = db_snapshot()
    response = _upload(client, world, b"Titre;Code\n" + b"Un projet;A-1\n" * 400)
    assert response.status_code == 413
    assert "The file is larger than 1 MB" in text_of(response)
    assert db_snapshot() == before and _stored(media) == []


def test_unreadable_file_is_refused_on_the_run_page_and_its_upload_removed(world, media):
    client = _client(world)
    content = xlsx_bytes(["Titre", "Code"], [["Un", "U-1"]] * 200)
    _upload(client, world, content[: len(content) // 2], name="cut.xlsx")
    run = ImportRun.objects.get()
    assert run.status == "failed" and run.file_path == "" and _stored(media) == []
    page = text_of(client.get(run.get_absolute_url()))
    assert "This XLSX file cannot be read: it is damaged or incomplete." in page


def test_hostile_xml_upload_is_refused_with_the_safety_message(world, media):
    from .import_fixtures import BILLION_LAUGHS

    client = _client(world)
    _upload(client, world, BILLION_LAUGHS.encode(), name="activities.xml")
    run = ImportRun.objects.get()
    assert (run.status, run.format) == ("failed", "iati")
    assert "This XML file declares entities, which Cadre refuses for safety." in text_of(
        client.get(_url("import_run", run))
    )
    assert Intervention.objects.count() == 0


def test_progress_is_polled_while_running_and_hands_over_when_done(world, media):
    run = ImportRun.objects.create(
        workspace=world.workspace, format="csv", file_name="a.csv", status="previewing", progress=40
    )
    client = _client(world)
    page = client.get(run.get_absolute_url()).content.decode()
    assert '<progress id="import-progress-bar" max="100" value="40">' in page
    assert 'hx-trigger="every 1s"' in page and f'href="{run.get_absolute_url()}"' in page  # a link, not a refresh

    partial = client.get(_url("import_progress", run), HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "<html" not in partial.content.decode()
    assert 'value="40"' in partial.content.decode()
    assert client.get(_url("import_progress", run)).status_code == 302  # without htmx: the run page

    ImportRun.objects.filter(pk=run.pk).update(status="previewed", report={"summary": {}, "lines": []})
    done = client.get(_url("import_progress", run), HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == run.get_absolute_url()


def test_progress_of_an_applying_run_comes_from_its_progress_file(world, media):
    media.mkdir(parents=True)
    path = media / "0123abcd"
    path.write_text("x")
    (media / "0123abcd.progress").write_text("57")
    run = ImportRun(status="applying", file_path=str(path), progress=0)
    assert tasks.progress_of(run) == 57


def test_apply_re_plans_and_refuses_when_the_file_now_has_errors(world, regions, media):
    client = _client(world)
    _upload(client, world)
    run = ImportRun.objects.get()
    assert run.report["ok"]
    AdminArea.objects.filter(code="NE-1").delete()  # "Agadez" no longer names a place of the workspace
    before = _without_runs(db_snapshot())

    client.post(_url("import_apply", run))

    run.refresh_from_db()
    assert run.status == "previewed" and not run.report["ok"]
    assert _without_runs(db_snapshot()) == before
    page = text_of(client.get(run.get_absolute_url()))
    assert "changed since the preview and the file now has errors" in page
    assert "Unknown place “Agadez”." in page


def _without_runs(snapshot):
    return {table: rows for table, rows in snapshot.items() if table != "mapping.ImportRun"}


def test_apply_after_the_workspace_changed_applies_the_new_plan(world, media):
    client = _client(world)
    _upload(client, world)
    run = ImportRun.objects.get()
    Intervention.objects.create(workspace=world.workspace, code="MI-2017-01", title_fr="Déjà saisi")
    client.post(_url("import_apply", run))
    run.refresh_from_db()
    assert run.report["applied"] == {"create": 2, "update": 1, "unchanged": 0, "error": 0}
    assert run.report["changed_since_preview"] is True
    assert Intervention.objects.get(code="MI-2017-01").title_fr == "Appui à la police des frontières à Agadez"


def test_cancel_removes_the_upload_and_changes_no_intervention(world, media):
    client = _client(world)
    _upload(client, world)
    run = ImportRun.objects.get()
    response = client.post(_url("import_cancel", run))
    assert response.status_code == 302 and response["Location"] == _start_url(world)
    run.refresh_from_db()
    assert (run.status, run.file_path, run.report["cancelled"]) == ("failed", "", True)
    assert _stored(media) == [] and Intervention.objects.count() == 0
    assert "cancelled" in text_of(client.get(_start_url(world)))
    assert client.post(_url("import_apply", run)).status_code == 302 and Intervention.objects.count() == 0


def test_upload_without_csrf_token_is_refused(world, media):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["secretariat"])
    response = _upload(client, world)
    assert response.status_code == 403
    assert ImportRun.objects.count() == 0 and _stored(media) == []


# Role × URL. A refused POST changes nothing at all.
LOGIN = "sign-in"
PERSONAS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
SECRETARIAT_ONLY = (200, 403, 403, 403, 403, 404, LOGIN)
SECRETARIAT_POST = (302, 403, 403, 403, 403, 404, LOGIN)
NOT_GET = (405, 405, 405, 405, 405, 405, LOGIN)
MATRIX = {
    ("import_start", "GET"): SECRETARIAT_ONLY,
    ("import_start", "POST"): SECRETARIAT_POST,
    ("import_run", "GET"): SECRETARIAT_ONLY,
    ("import_run", "POST"): SECRETARIAT_POST,
    ("import_progress", "GET"): SECRETARIAT_POST,  # without htmx, it sends to the run page
    ("import_progress", "POST"): NOT_GET,
    ("import_apply", "GET"): NOT_GET,
    ("import_apply", "POST"): SECRETARIAT_POST,
    ("import_cancel", "GET"): NOT_GET,
    ("import_cancel", "POST"): SECRETARIAT_POST,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "method"), list(MATRIX))
def test_import_pages_role_matrix(world, media, name, method, persona):
    secretariat = _client(world)
    _upload(secretariat, world)
    run = ImportRun.objects.get()
    client = _client(world, persona)
    url = _start_url(world) if name == "import_start" else _url(name, run)
    before, stored = db_snapshot(), _stored(media)
    if method == "GET":
        response = client.get(url)
    elif name == "import_start":
        response = _upload(client, world)
    elif name == "import_run":
        response = client.post(url, {"column_title_fr": "Intitulé du projet", "column_code": "Code projet"})
    else:
        response = client.post(url)

    expected = MATRIX[(name, method)][PERSONAS.index(persona)]
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected
    if response.status_code != 302 or persona == "anonymous":
        assert db_snapshot() == before and _stored(media) == stored


def test_uploads_left_in_preview_for_two_weeks_are_removed(world, media):
    client = _client(world)
    _upload(client, world)
    old = ImportRun.objects.get()
    ImportRun.objects.filter(pk=old.pk).update(updated_at=old.updated_at - datetime.timedelta(days=15))
    _upload(client, world, name="recent.csv")  # each preview first forgets the stale uploads
    old.refresh_from_db()
    recent = ImportRun.objects.exclude(pk=old.pk).get()
    assert old.file_path == "" and recent.file_path
    assert _stored(media) == [Path(recent.file_path)]
    assert _url("import_apply", old) not in text_of(client.get(old.get_absolute_url()))


def test_list_of_imports_says_which_have_errors(world):
    client = _client(world)
    _upload(client, world, name="good.csv")
    rows = [list(row) for row in FRENCH_ROWS]
    rows[0][5] = "beaucoup"
    _upload(client, world, csv_text(rows=rows).encode(), name="bad.csv")
    page = text_of(client.get(_start_url(world)))
    assert re.search(r"good\.csv</a></td>\s*<td[^>]*>CSV</td>\s*<td[^>]*>Ready to apply</td>", page)
    assert re.search(r"bad\.csv</a></td>\s*<td[^>]*>CSV</td>\s*<td[^>]*>The file has errors</td>", page)


def test_run_left_half_done_by_a_stopped_worker_is_closed(world):
    stuck = ImportRun.objects.create(workspace=world.workspace, format="csv", file_name="a.csv", status="applying")
    ImportRun.objects.filter(pk=stuck.pk).update(updated_at=stuck.updated_at - datetime.timedelta(hours=7))
    _upload(_client(world), world)
    stuck.refresh_from_db()
    assert stuck.status == "failed"
    assert stuck.report["refused"] == "The import was interrupted before it finished. Nothing was imported."
