"""Adding and correcting institutions: secretariat of any workspace only, duplicates refused, history for editors."""

import datetime

import pytest
from django.urls import reverse

from cadre.core.models import AuditEvent
from cadre.directory.models import Institution
from cadre.workspaces.models import Membership

from ..conftest import READ_ONLY_PERSONAS
from ..core.helpers import db_snapshot, french, text_of
from ..factories import InstitutionFactory, UserFactory

CREATE = reverse("directory:institution_create")


def _data(**changes):
    data = {
        "name_fr": "Garde nationale du Niger",
        "name_en": "National Guard of Niger",
        "acronym": "GNN",
        "kind": "security_force",
    }
    data.update(changes)
    return data


def _edit_url(institution):
    return reverse("directory:institution_edit", args=[institution.pk])


@pytest.mark.parametrize("persona", ["secretariat", "outsider"])
def test_institution_create_by_secretariat_of_any_workspace(world, persona):
    response = world.client(persona).post(CREATE, _data(country=world.workspace.country_id))
    institution = Institution.objects.get(name_fr="Garde nationale du Niger")
    assert response.status_code == 302 and response.url == institution.get_absolute_url()
    assert (institution.acronym, institution.kind, institution.country) == (
        "GNN",
        "security_force",
        world.workspace.country,
    )
    event = AuditEvent.objects.get(object_id=str(institution.pk), action="create", content_type__model="institution")
    assert event.actor == world.users[persona] and event.workspace_id is None


@pytest.mark.parametrize("persona", READ_ONLY_PERSONAS)
def test_institution_create_refused_to_other_roles(world, persona):
    client = world.client(persona)
    assert client.get(CREATE).status_code == 403
    before = db_snapshot()
    response = client.post(CREATE, _data())
    assert response.status_code == 403
    assert f"<h1>{french('Not allowed')}</h1>" in text_of(response)
    assert db_snapshot() == before


@pytest.mark.parametrize("persona", READ_ONLY_PERSONAS)
def test_institution_edit_refused_to_other_roles(world, persona):
    client = world.client(persona)
    url = _edit_url(world.institution)
    assert client.get(url).status_code == 403
    before = db_snapshot()
    assert client.post(url, _data(name_fr="Renamed")).status_code == 403
    assert db_snapshot() == before


def test_institution_create_refused_to_a_former_secretariat_member(world):
    Membership.objects.filter(user=world.users["secretariat"]).update(valid_to=datetime.date(2017, 4, 30))
    client = world.client("secretariat")
    before = db_snapshot()
    assert client.post(CREATE, _data()).status_code == 403
    assert db_snapshot() == before


def test_institution_create_by_platform_administrator(db, client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.post(CREATE, _data())
    assert Institution.objects.filter(name_fr="Garde nationale du Niger").exists()


def test_institution_pages_need_sign_in(world, client):
    for url in [CREATE, _edit_url(world.institution), world.institution.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login")), url


def test_institution_edit_saves_and_records_old_and_new(world):
    institution = world.institution
    response = world.client("secretariat").post(
        _edit_url(institution),
        _data(
            name_fr=institution.name_fr,
            name_en=institution.name_en,
            acronym="MI",
            kind="ministry",
            country=institution.country_id,
            notes="Tutelle du comité.",
        ),
    )
    assert response.status_code == 302
    institution.refresh_from_db()
    assert (institution.acronym, institution.notes) == ("MI", "Tutelle du comité.")
    event = AuditEvent.objects.filter(object_id=str(institution.pk), action="update").get()
    assert event.changes["acronym"][1] == "MI" and event.changes["notes"] == ["", "Tutelle du comité."]
    assert event.actor == world.users["secretariat"]


@pytest.mark.parametrize(
    "typed", ["Ministère de l'Intérieur", "ministère de l'intérieur", "  Ministère de l'Intérieur  "]
)
def test_institution_create_with_a_duplicate_name_refused_with_a_message(world, typed):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(CREATE, _data(name_fr=typed, acronym=""))
    assert response.status_code == 400
    assert french("An institution with this name is already in the directory.") in text_of(response)
    assert db_snapshot() == before


def test_institution_create_with_a_duplicate_name_and_acronym_refused(world):
    InstitutionFactory(name_fr="Police nationale", acronym="PN")
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(CREATE, _data(name_fr="Police nationale", acronym="pn"))
    assert response.status_code == 400
    assert french("An institution with this name is already in the directory.") in text_of(response)
    assert db_snapshot() == before


def test_institution_edit_keeping_its_own_name_is_not_a_duplicate(world):
    institution = world.institution
    response = world.client("secretariat").post(
        _edit_url(institution),
        _data(name_fr=institution.name_fr, acronym=institution.acronym, kind="ministry", notes="Vu."),
    )
    assert response.status_code == 302


def test_institution_edit_renaming_to_another_institutions_name_refused(world):
    other = InstitutionFactory(name_fr="Ministère de la Justice", acronym="")
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_edit_url(other), _data(name_fr="Ministère de l'Intérieur", acronym=""))
    assert response.status_code == 400
    assert db_snapshot() == before


def test_institution_with_end_before_start_refused_in_french(world):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(CREATE, _data(active_from="2016-05-02", active_to="2016-01-01"))
    assert response.status_code == 400
    assert french("The end date is before the start date.") in text_of(response)
    assert db_snapshot() == before


def test_institution_cannot_become_part_of_its_own_unit(world):
    parent = world.institution
    unit = InstitutionFactory(name_fr="Direction de la migration", parent=parent)
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(
        _edit_url(parent), _data(name_fr=parent.name_fr, acronym=parent.acronym, kind="ministry", parent=unit.pk)
    )
    assert response.status_code == 400
    assert french("This would make the institution part of itself.") in text_of(response)
    assert db_snapshot() == before


def test_institution_edit_form_does_not_offer_itself_as_parent(world):
    content = world.client("secretariat").get(_edit_url(world.institution)).content.decode()
    assert f'<option value="{world.institution.pk}"' not in content


def test_institution_history_visible_to_editors_only(world):
    institution = world.institution
    world.client("secretariat").post(
        _edit_url(institution),
        _data(name_fr=institution.name_fr, acronym="MININT", kind="ministry", notes="Note secrète"),
    )
    page = text_of(world.client("outsider").get(institution.get_absolute_url()))
    assert f"<h2>{french('History')}</h2>" in page and "MININT" in page and "Secretariat Persona" in page
    for persona in READ_ONLY_PERSONAS:
        page = text_of(world.client(persona).get(institution.get_absolute_url()))
        assert "Ministère de l'Intérieur" in page
        assert f"<h2>{french('History')}</h2>" not in page and "Secretariat Persona" not in page, persona


def test_institution_detail_lists_units_and_parent(world):
    unit = InstitutionFactory(name_fr="Direction de la migration", acronym="DM", parent=world.institution)
    page = world.client("observer").get(world.institution.get_absolute_url()).content.decode()
    assert f'href="{unit.get_absolute_url()}"' in page
    unit_page = world.client("observer").get(unit.get_absolute_url()).content.decode()
    assert f'href="{world.institution.get_absolute_url()}"' in unit_page


def test_institution_detail_of_unknown_institution_not_found(world):
    response = world.client("secretariat").get(reverse("directory:institution", args=[999999]))
    assert response.status_code == 404


def test_institution_detail_renders_notes_as_text(world):
    InstitutionFactory(name_fr="ONG test", notes="<script>alert(1)</script>")
    institution = Institution.objects.get(name_fr="ONG test")
    page = world.client("observer").get(institution.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_institution_detail_query_count_does_not_grow_with_history_and_units(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client("secretariat")
    url = world.institution.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(4):
        InstitutionFactory(name_fr=f"Direction {index}", parent=world.institution)
        world.institution.notes = f"Note {index}"
        world.institution.save()
    edit = {"name_fr": world.institution.name_fr, "acronym": "MI", "kind": "ministry", "notes": "Par le secrétariat"}
    client.post(_edit_url(world.institution), edit)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["events"]) >= 6 and len(response.context["units"]) == 4
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
