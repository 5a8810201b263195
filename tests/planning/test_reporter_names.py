"""A round's page names who reported a value to the secretariat and to the reporter's own institution only:
a focal point's name is personal data, and the other members need the figure and its status, not the person."""

import datetime
from decimal import Decimal

from django.urls import reverse

from cadre.planning.models import Measurement, MonitoringRound
from cadre.workspaces.roles import Role

from ..core.helpers import text_of
from ..factories import MembershipFactory, UserFactory

D = datetime.date


def _round_with_values(world, planned):
    round_ = MonitoringRound.objects.create(
        plan=planned.plan, title_fr="Rapport annuel 2018", period_start=D(2018, 1, 1), period_end=D(2018, 12, 31)
    )
    police_focal_point = UserFactory(full_name="Aïssata Police-Focale")
    MembershipFactory(
        user=police_focal_point, workspace=world.workspace, role=Role.MEMBER, institution=planned.other_institution
    )
    own_focal_point = UserFactory(full_name="Moussa Intérieur-Focal")
    MembershipFactory(user=own_focal_point, workspace=world.workspace, role=Role.MEMBER, institution=world.institution)
    for indicator, user, value in (
        (planned.other_indicator, police_focal_point, 12),
        (planned.own_indicator, own_focal_point, 30),
    ):
        Measurement.objects.create(
            indicator=indicator,
            round=round_,
            period_start=round_.period_start,
            period_end=round_.period_end,
            value=Decimal(value),
            status=Measurement.Status.SUBMITTED,
            reported_by=user,
        )
    return round_


def _page(world, planned, round_, persona):
    url = reverse("planning:round", args=[world.workspace.slug, planned.plan.slug, round_.pk])
    response = world.client(persona).get(url)
    assert response.status_code == 200
    return text_of(response)


def test_the_secretariat_sees_every_reporter(world, planned):
    round_ = _round_with_values(world, planned)
    text = _page(world, planned, round_, "secretariat")
    assert "Aïssata" in text and "Moussa" in text


def test_a_member_sees_the_reporters_of_their_institution_only(world, planned):
    round_ = _round_with_values(world, planned)
    for persona in ("member", "observer", "partner", "expert"):
        text = _page(world, planned, round_, persona)
        assert "Moussa" in text, persona  # the personas' institution answers for own_indicator
        assert "Aïssata" not in text, persona
        assert "12" in text  # the figure itself stays visible
