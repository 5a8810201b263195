"""A mapped intervention's page shows the plan actions it contributes to and its own indicators."""

import datetime
from decimal import Decimal

from django.urls import reverse

from cadre.planning.models import Contribution, Indicator, Measurement, Target

from ..core.helpers import text_of
from ..mapping.conftest import make_intervention

D = datetime.date


def _page(world, intervention, persona="observer"):
    return world.client(persona).get(reverse("mapping:intervention", args=[world.workspace.slug, intervention.pk]))


def test_the_intervention_page_lists_the_actions_and_the_indicators_with_their_latest_figures(world, planned):
    intervention = make_intervention(world.workspace, title="Appui à la gestion des frontières", budget=Decimal(1000))
    Contribution.objects.create(action=planned.own_action, intervention=intervention, share_percent=Decimal(50))
    indicator = Indicator.objects.create(
        workspace=world.workspace, intervention=intervention, definition_fr="Nombre d'agents formés"
    )
    Target.objects.create(
        indicator=indicator, period_start=D(2017, 1, 1), period_end=D(2020, 12, 31), value=Decimal(250)
    )
    Measurement.objects.create(
        indicator=indicator,
        period_start=D(2017, 1, 1),
        period_end=D(2020, 12, 31),
        value=Decimal(188),
        status=Measurement.Status.VALIDATED,
    )
    Measurement.objects.create(
        indicator=indicator,
        period_start=D(2021, 1, 1),
        period_end=D(2021, 12, 31),
        value=Decimal(999),
        status=Measurement.Status.SUBMITTED,  # not validated: not shown as the actual
    )
    response = _page(world, intervention)
    assert response.status_code == 200
    text = text_of(response)
    assert planned.own_action.code in text and str(planned.own_action.title) in text
    assert "Nombre d'agents formés" in text and "250" in text and "188" in text
    assert "999" not in text


def test_an_intervention_outside_the_plan_has_no_plan_box(world, planned):
    intervention = make_intervention(world.workspace, title="Projet sans lien")
    response = _page(world, intervention)
    assert response.status_code == 200
    assert 'id="plan-panel-heading"' not in response.content.decode()
