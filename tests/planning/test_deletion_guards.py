"""Deleting something the action plan relies on: the page says so before the button, and nothing is lost.

A mapped intervention with indicators (imported from its partner's results file, holding reported values) cannot
be deleted; one that only contributes to actions can, and the page lists the links it takes with it. An
institution that leads an action or answers for an indicator cannot be deleted from the admin.
"""

import datetime
from decimal import Decimal

from django.urls import reverse

from cadre.directory.models import Institution
from cadre.mapping.models import Intervention
from cadre.planning.models import Contribution, Indicator, Measurement

from ..core.helpers import db_snapshot, french, text_of
from ..factories import UserFactory
from ..mapping.conftest import make_intervention

D = datetime.date


def _delete_url(world, intervention):
    return reverse("mapping:intervention_delete", args=[world.workspace.slug, intervention.pk])


def _measured_intervention(world):
    intervention = make_intervention(world.workspace, title="Appui à la gestion des frontières")
    indicator = Indicator.objects.create(
        workspace=world.workspace, intervention=intervention, definition_fr="Nombre d'agents formés", source_key="k"
    )
    Measurement.objects.create(
        indicator=indicator,
        period_start=D(2017, 1, 1),
        period_end=D(2020, 12, 31),
        value=Decimal(188),
        status=Measurement.Status.VALIDATED,
        source_key="k",
    )
    return intervention


def test_the_confirmation_page_says_an_intervention_with_indicators_cannot_be_deleted(world, planned):
    intervention = _measured_intervention(world)
    response = world.client("secretariat").get(_delete_url(world, intervention))
    assert response.status_code == 200
    text = text_of(response)
    assert french("It cannot be deleted while these still refer to it; remove or change them first:") in text
    assert "indicateurs: 1" in text.replace("\xa0", " ")
    assert 'class="button danger"' not in response.content.decode()


def test_deleting_an_intervention_with_indicators_is_refused_and_changes_nothing(world, planned):
    intervention = _measured_intervention(world)
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(_delete_url(world, intervention))
    assert response.status_code == 400
    assert "indicateurs" in text_of(response)
    assert db_snapshot() == before


def test_an_intervention_that_only_contributes_is_deleted_with_its_links_listed_first(world, planned):
    intervention = make_intervention(world.workspace, title="Projet contributeur")
    Contribution.objects.create(action=planned.own_action, intervention=intervention, share_percent=Decimal(50))
    client = world.client("secretariat")
    page = text_of(client.get(_delete_url(world, intervention)))
    assert french("Deleting it also deletes:") in page
    assert "contributions" in page.lower()
    response = client.post(_delete_url(world, intervention))
    assert response.status_code == 302
    assert not Intervention.objects.filter(pk=intervention.pk).exists()
    assert not Contribution.objects.filter(intervention_id=intervention.pk).exists()
    assert planned.own_action.__class__.objects.filter(pk=planned.own_action.pk).exists()


def test_the_admin_refuses_to_delete_an_institution_that_leads_an_action(world, planned):
    client = world.client("secretariat")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    institution = planned.other_institution
    url = reverse("admin:directory_institution_delete", args=[institution.pk])
    before = db_snapshot(ignore=("last_login",))
    page = client.get(url)
    assert page.status_code == 200
    assert str(planned.other_action) in text_of(page) or "1.1.1.2" in text_of(page)
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200  # the admin's "cannot delete" page, not a redirect
    assert Institution.objects.filter(pk=institution.pk).exists()
    assert db_snapshot(ignore=("last_login",)) == before


def test_an_axis_deletion_page_lists_what_goes_with_it(world, planned):
    url = reverse("planning:objective_delete", args=[world.workspace.slug, planned.plan.slug, planned.axis.pk])
    response = world.client("secretariat").get(url)
    assert response.status_code == 200
    text = text_of(response).lower()
    assert french("Deleting it also deletes:").lower() in text
    assert "actions: 2" in text.replace("\xa0", " ")
