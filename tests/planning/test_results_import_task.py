"""The EU Trust Fund results import in the background: the page queues a ResultsImport, the task imports it once
(in the uploader's language) and keeps the report, the page polls until it is there; refused, failing and
interrupted imports; who sees an import. The safe re-import: the file corrects what it gave, never what was
changed or is being corrected in Cadre."""

import logging
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from cadre.accounts.models import User
from cadre.core.models import AuditEvent
from cadre.mapping import demo as mapping_demo
from cadre.planning import imports, monitoring, tasks
from cadre.planning.imports import import_results
from cadre.planning.models import Indicator, Measurement, MonitoringRound, ResultsImport
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.models import Workspace

from ..core.helpers import db_snapshot, french, text_of
from ..factories import MembershipFactory, UserFactory, WorkspaceFactory
from .factories import PlanFactory
from .test_eutf_import import RESULTS, _csv, _row

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
Status = ResultsImport.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(world):
    """The personas read Cadre in English here (the msgids); the French of the pages is checked elsewhere."""
    User.objects.update(language="en")
    return world


@pytest.fixture
def projects(world):
    from ..mapping.conftest import make_intervention

    return make_intervention(world.workspace, title="Projet A", iati_identifier="NE-PROJ-1")


def _start_url(world):
    return reverse("planning:results_import", args=[world.workspace.slug])


def _run_url(workspace, run):
    return reverse("planning:results_import_run", args=[workspace.slug, run.pk])


def _upload(world, data, persona="secretariat", client=None, **extra):
    upload = SimpleUploadedFile("results.csv", data, "text/csv")
    return (client or world.client(persona)).post(_start_url(world), {"file": upload, **extra})


def _queued(world, data, **fields):
    values = {
        "workspace": world.workspace,
        "file_name": "r.csv",
        "data": data,
        "created_by": world.users["secretariat"],
    }
    return ResultsImport.objects.create(**{**values, **fields})


# --- the flow through the page -------------------------------------------------------------------------------


def test_upload_is_imported_in_the_background_and_its_page_shows_the_report(world, projects):
    response = _upload(world, _csv(_row(actual="4"), _row(title="B", actual="n/a")))
    run = ResultsImport.objects.get()
    assert response.status_code == 302 and response.url == _run_url(world.workspace, run)
    assert run.status == Status.DONE and run.finished_at is not None
    assert bytes(run.data) == b""  # the upload is not kept once imported
    assert run.created_by == world.users["secretariat"] and run.file_name == "results.csv" and not run.dry_run
    assert (run.report["created"], run.report["reported"], run.report["problem_count"]) == (1, 1, 1)
    assert run.report["problems"] == [{"line": 3, "column": "actual", "value": "n/a", "reason": "Not a number."}]
    assert Indicator.objects.count() == 1

    page = world.client("secretariat").get(response.url)
    assert page.status_code == 200
    text = text_of(page)
    assert 'id="results-import-problems"' in text and "Not a number." in text
    assert "hx-trigger" not in text  # done: nothing to poll
    listing = text_of(world.client("secretariat").get(_start_url(world)))
    assert response.url in listing and "Secretariat" in listing


def test_check_only_saves_nothing_but_the_report(world, projects):
    before = Indicator.objects.count()
    _upload(world, _csv(_row(actual="4")), dry_run="on")
    run = ResultsImport.objects.get()
    assert run.dry_run and run.status == Status.DONE and run.report["created"] == 1 and run.report["dry_run"]
    assert Indicator.objects.count() == before
    assert "Check only: nothing was saved" in text_of(world.client("secretariat").get(_run_url(world.workspace, run)))


@override_settings(TASKS=DUMMY_TASKS)
def test_page_polls_while_the_import_waits_and_shows_the_report_when_done(world, projects):
    response = _upload(world, _csv(_row(actual="4")))
    run = ResultsImport.objects.get()
    assert response.status_code == 302 and run.status == Status.QUEUED and bytes(run.data)
    client = world.client("secretariat")
    url = _run_url(world.workspace, run)

    page = text_of(client.get(url))
    assert f'hx-get="{url}"' in page and 'hx-trigger="every 2s"' in page
    assert f'<a href="{url}">Refresh</a>' in page  # without JavaScript
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode() and 'hx-trigger="every 2s"' in fragment.content.decode()

    tasks.run_results_import.call(run.pk)
    fragment = text_of(client.get(url, HTTP_HX_REQUEST="true"))
    assert "hx-trigger" not in fragment and "Imported" in fragment
    assert Indicator.objects.count() == 1


def test_an_import_is_run_once(world, projects):
    run = _queued(world, _csv(_row(actual="4")))
    assert tasks.run_results_import.call(run.pk) == {"created": 1, "updated": 0, "unchanged": 0, "reported": 0}
    before = db_snapshot(ignore=("status",))
    assert tasks.run_results_import.call(run.pk) is None  # done already
    ResultsImport.objects.filter(pk=run.pk).update(status=Status.RUNNING)
    assert tasks.run_results_import.call(run.pk) is None  # another worker has it
    assert tasks.run_results_import.call(10**9) is None
    assert db_snapshot(ignore=("status",)) == before


def test_a_refused_file_fails_with_its_reason(world, projects):
    run = _queued(world, b"a,b\n1,2\n")  # the page refuses it before queuing; a queued one is checked again
    tasks.run_results_import.call(run.pk)
    run.refresh_from_db()
    assert run.status == Status.FAILED and "lacks the columns" in run.report["refused"] and bytes(run.data) == b""
    page = text_of(world.client("secretariat").get(_run_url(world.workspace, run)))
    assert "lacks the columns" in page and "Refused" in page


def test_an_unexpected_error_is_logged_and_imports_nothing(world, projects, monkeypatch, caplog):
    original = imports._import_row
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(imports, "_import_row", failing)
    run = _queued(world, _csv(_row(actual="4"), _row(title="B", actual="5")))
    with caplog.at_level(logging.ERROR, logger="cadre.planning.tasks"):
        tasks.run_results_import.call(run.pk)
    run.refresh_from_db()
    assert run.status == Status.FAILED and run.report["refused"].startswith("An unexpected error")
    assert "disk full" not in run.report["refused"] and "disk full" in caplog.text
    assert not Indicator.objects.exists()  # one transaction: the first row is rolled back too


def test_the_report_is_written_in_the_uploaders_language(world, projects):
    run = _queued(world, _csv(_row(actual="n/a")), language="fr")
    tasks.run_results_import.call(run.pk)
    run.refresh_from_db()
    assert run.report["problems"][0]["reason"] == french("Not a number.")


def test_the_report_keeps_500_problems_and_their_true_count(world, projects):
    run = _queued(world, _csv(*[_row(title=f"T{n}", actual="n/a") for n in range(520)]))
    tasks.run_results_import.call(run.pk)
    run.refresh_from_db()
    assert len(run.report["problems"]) == 500 and run.report["problem_count"] == 520 and run.report["reported"] == 520
    page = text_of(world.client("secretariat").get(_run_url(world.workspace, run)))
    assert "20 more problems are not shown." in page


def test_an_import_left_running_for_hours_is_shown_and_closed_as_interrupted(world, projects):
    stuck = _queued(world, _csv(_row(actual="4")), status=Status.RUNNING)
    ResultsImport.objects.filter(pk=stuck.pk).update(updated_at=timezone.now() - timedelta(hours=7))
    url = _run_url(world.workspace, stuck)
    page = text_of(world.client("secretariat").get(url))
    assert "interrupted before it finished" in page and "hx-trigger" not in page
    assert "Interrupted" in text_of(world.client("secretariat").get(_start_url(world)))

    tasks.run_results_import.call(_queued(world, _csv(_row(actual="4"))).pk)  # the next import closes it
    stuck.refresh_from_db()
    assert stuck.status == Status.FAILED and stuck.report == {"interrupted": True} and bytes(stuck.data) == b""
    assert "Interrupted" in text_of(world.client("secretariat").get(_start_url(world)))


def test_a_file_without_the_columns_is_refused_at_once_and_queues_nothing(world, projects):
    client = world.client("secretariat")
    before = db_snapshot()
    response = _upload(world, b"a,b,c\n1,2,3\n", client=client)
    assert response.status_code == 400 and "lacks the columns" in text_of(response)
    assert db_snapshot() == before


def test_a_file_too_large_is_refused_before_it_is_read(world, projects, monkeypatch):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_start_url(world), {"file": "x"}, CONTENT_LENGTH=str(imports.MAX_BYTES * 2))
    assert response.status_code == 413
    monkeypatch.setattr(imports, "MAX_BYTES", 100)  # a client that says nothing, or lies, about its size
    response = _upload(world, _csv(*[_row(title=f"T{n}", actual="4") for n in range(10)]), client=client)
    assert response.status_code == 413 and "larger than" in text_of(response)
    assert db_snapshot() == before


def test_an_import_the_queue_refuses_says_so(world, projects, monkeypatch):
    class Refusing:
        def enqueue(self, *args):
            raise ConnectionError("queue down")

    monkeypatch.setattr(tasks, "run_results_import", Refusing())
    response = _upload(world, _csv(_row(actual="4")))
    run = ResultsImport.objects.get()
    assert response.status_code == 302 and run.status == Status.FAILED and bytes(run.data) == b""
    assert "could not be started" in text_of(world.client("secretariat").get(response.url))


# --- who sees an import -----------------------------------------------------------------------------------------


def test_import_page_access(world, projects):
    run = _queued(world, b"", status=Status.DONE)
    url = _run_url(world.workspace, run)
    assert world.client("outsider").get(url).status_code == 404
    assert world.client("observer").get(url).status_code == 403
    assert world.client("member").get(url).status_code == 403
    assert world.client("secretariat").get(url).status_code == 200


def test_an_import_of_another_workspace_is_not_found_by_its_number(world, projects):
    theirs = ResultsImport.objects.create(workspace=world.other_workspace, file_name="theirs.csv", status=Status.DONE)
    ours = _queued(world, b"", status=Status.DONE)
    # The outsider is secretariat of the other workspace: ours is not found under theirs, nor theirs under ours.
    assert world.client("outsider").get(_run_url(world.other_workspace, ours)).status_code == 404
    assert world.client("secretariat").get(_run_url(world.workspace, theirs)).status_code == 404
    assert world.client("outsider").get(_run_url(world.other_workspace, theirs)).status_code == 200


def test_import_list_shows_ten_and_its_query_count_does_not_grow(world, projects, django_assert_max_num_queries):
    client = world.client("secretariat")
    _queued(world, b"", status=Status.DONE, file_name="first.csv")
    with django_assert_max_num_queries(20) as few:
        assert client.get(_start_url(world)).status_code == 200
    for number in range(14):
        user = UserFactory()
        MembershipFactory(user=user, workspace=world.workspace, role="secretariat")
        _queued(world, b"", status=Status.DONE, file_name=f"file-{number}.csv", created_by=user)
    _queued(world, b"", status=Status.DONE, file_name="elsewhere.csv", workspace=WorkspaceFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_start_url(world))
    assert len(response.context["runs"]) == 10
    names = {run.file_name for run in response.context["runs"]}
    assert "file-13.csv" in names and "first.csv" not in names and "elsewhere.csv" not in names


# --- the real file through the page ------------------------------------------------------------------------------


@pytest.fixture
def demo_loaded(db):
    workspace_demo.load()
    mapping_demo.load()
    return Workspace.objects.get(slug=workspace_demo.MAIN_SLUG)


def test_real_file_through_the_page_then_again_changes_nothing(demo_loaded, client):
    if not RESULTS.exists():
        pytest.skip("../shared/data is not beside this checkout")
    user = User.objects.get(email="secretariat@demo.example.org")
    User.objects.filter(pk=user.pk).update(language="en")
    client.force_login(user)
    url = reverse("planning:results_import", args=[demo_loaded.slug])
    data = RESULTS.read_bytes()
    response = client.post(url, {"file": SimpleUploadedFile(RESULTS.name, data, "text/csv")})
    first = ResultsImport.objects.get()
    assert response.status_code == 302 and first.status == Status.DONE
    assert first.report["created"] > 100 and first.report["reported"] > 0
    assert Indicator.objects.filter(workspace=demo_loaded).count() == first.report["created"]
    before = db_snapshot(ignore=("id", "created_at", "updated_at", "finished_at", "report", "data", "status"))
    client.post(url, {"file": SimpleUploadedFile(RESULTS.name, data, "text/csv")})
    second = ResultsImport.objects.exclude(pk=first.pk).get()
    assert (second.report["created"], second.report["updated"]) == (0, 0)
    assert second.report["reported"] == first.report["reported"]
    after = db_snapshot(ignore=("id", "created_at", "updated_at", "finished_at", "report", "data", "status"))
    after["planning.ResultsImport"] = after["planning.ResultsImport"][:1]
    assert after == before


# --- the safe re-import -------------------------------------------------------------------------------------------


def _history(measurement):
    content_type = ContentType.objects.get_for_model(Measurement)
    return list(AuditEvent.objects.filter(content_type=content_type, object_id=str(measurement.pk)).order_by("pk"))


def test_reimport_updates_a_value_nobody_changed_and_the_history_shows_it(world, projects):
    secretariat = world.users["secretariat"]
    import_results(world.workspace, _csv(_row(actual="4")), by=secretariat)
    measurement = Measurement.objects.get()
    assert measurement.imported_value == 4
    importer = UserFactory()
    result = import_results(world.workspace, _csv(_row(actual="9")), by=importer)
    assert (result.updated, result.problems) == (1, [])
    measurement.refresh_from_db()
    assert (measurement.value, measurement.imported_value, measurement.status) == (9, 9, Measurement.Status.VALIDATED)
    last = _history(measurement)[-1]
    assert last.action == "update" and last.actor == importer
    assert Decimal(last.changes["value"][0]) == 4 and Decimal(last.changes["value"][1]) == 9


def _change_in_cadre(world, measurement, value):
    """The secretariat reopens the imported value, reports another and validates it, through the services.

    Reporting needs a round of the indicator's plan for the value's period: the imported indicator is put into a
    plan for the while, and taken out again so that the import finds it.
    """
    secretariat = world.users["secretariat"]
    indicator = measurement.indicator
    plan = PlanFactory(workspace=world.workspace)
    round_ = MonitoringRound.objects.create(
        plan=plan,
        title_fr="Correction",
        period_start=measurement.period_start,
        period_end=measurement.period_end,
        due_date=date(2026, 3, 31),
    )
    monitoring.reopen_measurement(measurement, by=secretariat, comment="Chiffre corrigé par le partenaire")
    Indicator.objects.filter(pk=indicator.pk).update(plan=plan)
    indicator.refresh_from_db()
    changed = monitoring.report_measurement(
        round_, indicator, membership=world.workspace.memberships.get(user=secretariat), by=secretariat, value=value
    )
    monitoring.validate_measurement(changed, by=secretariat)
    Indicator.objects.filter(pk=indicator.pk).update(plan=None)
    return Measurement.objects.get(pk=measurement.pk)


def test_reimport_keeps_a_value_the_secretariat_changed_and_reports_it(world, projects):
    secretariat = world.users["secretariat"]
    import_results(world.workspace, _csv(_row(actual="4")), by=secretariat)
    changed = _change_in_cadre(world, Measurement.objects.get(), Decimal("7"))
    assert (changed.value, changed.imported_value, changed.status) == (7, 4, Measurement.Status.VALIDATED)

    before = db_snapshot()
    result = import_results(world.workspace, _csv(_row(actual="9")), by=secretariat)
    assert db_snapshot() == before
    assert [(p.line, p.column, p.value, p.reason) for p in result.problems] == [
        (2, "actual", "9", "Changed in Cadre since the last import (Cadre: 7, file: 9): kept.")
    ]
    # The same file as the first time is reported too (Cadre holds 7, the file 4), and still changes nothing.
    result = import_results(world.workspace, _csv(_row(actual="4")), by=secretariat)
    assert db_snapshot() == before and result.reported == 1
    # A file that agrees with Cadre reports nothing, and the two are in step again: a later change applies.
    result = import_results(world.workspace, _csv(_row(actual="7")), by=secretariat)
    assert result.problems == [] and (result.updated, result.created) == (0, 0)
    assert Measurement.objects.values_list("value", "imported_value").get() == (7, 7)
    result = import_results(world.workspace, _csv(_row(actual="9")), by=secretariat)
    assert result.problems == [] and Measurement.objects.get().value == 9


@pytest.mark.parametrize("status", ["reopened", "draft", "submitted"])
def test_reimport_keeps_a_value_being_corrected_in_cadre(world, projects, status):
    secretariat = world.users["secretariat"]
    import_results(world.workspace, _csv(_row(actual="4")), by=secretariat)
    measurement = monitoring.reopen_measurement(Measurement.objects.get(), by=secretariat)
    Measurement.objects.filter(pk=measurement.pk).update(status=status)
    before = db_snapshot()
    result = import_results(world.workspace, _csv(_row(actual="9")), by=secretariat)
    assert db_snapshot() == before
    (problem,) = result.problems
    assert problem.reason.startswith("Being corrected in Cadre") and "Cadre: 4, file: 9" in problem.reason
    assert Measurement.objects.get().value == 4


def test_the_page_reports_the_kept_value(world, projects):
    import_results(world.workspace, _csv(_row(actual="4")), by=world.users["secretariat"])
    _change_in_cadre(world, Measurement.objects.get(), Decimal("7"))
    response = _upload(world, _csv(_row(actual="9")))
    page = text_of(world.client("secretariat").get(response.url))
    assert "Changed in Cadre since the last import (Cadre: 7, file: 9): kept." in page
    assert Measurement.objects.get().value == 7


def test_an_upload_without_the_csrf_token_is_refused(world, projects):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["secretariat"])
    upload = SimpleUploadedFile("results.csv", _csv(_row(actual="4")), "text/csv")
    assert client.post(_start_url(world), {"file": upload}).status_code == 403
    assert not ResultsImport.objects.exists() and not Indicator.objects.exists()
