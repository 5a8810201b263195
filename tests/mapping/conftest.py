"""A mapped workspace: regions of Niger, interventions by several institutions, one by the personas' own."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from cadre.directory.models import AdminArea
from cadre.mapping import analysis
from cadre.mapping.models import Intervention, Location, Participation

from ..factories import InstitutionFactory, ThemeFactory

D = datetime.date


@dataclass
class Mapped:
    regions: dict  # code → AdminArea
    own: object  # implemented by the personas' institution: a partner may edit it
    other: object  # implemented by another institution only
    child: object  # a contract under `other`
    donor: object
    stranger: object


def make_intervention(
    workspace,
    *,
    title,
    implementers=(),
    funders=(),
    regions=(),
    themes=(),
    budget=None,
    start=None,
    end=None,
    parent=None,
    national=False,
    **fields,
):
    intervention = Intervention.objects.create(
        workspace=workspace,
        title_fr=title,
        budget=budget,
        budget_eur=budget,
        planned_start=start,
        planned_end=end,
        parent=parent,
        **fields,
    )
    for institution in implementers:
        Participation.objects.create(intervention=intervention, institution=institution, role="implementing")
    for institution in funders:
        Participation.objects.create(intervention=intervention, institution=institution, role="funding")
    for area in regions:
        Location.objects.create(intervention=intervention, scope="area", area=area)
    if national:
        Location.objects.create(intervention=intervention, scope="national")
    intervention.themes.set(themes)
    analysis.refresh_cells([intervention])
    return intervention


@pytest.fixture
def mapped(world) -> Mapped:
    country = world.workspace.country
    names = {
        "NE-1": "Agadez",
        "NE-2": "Diffa",
        "NE-3": "Dosso",
        "NE-4": "Maradi",
        "NE-5": "Tahoua",
        "NE-6": "Tillabéri",
        "NE-7": "Zinder",
        "NE-8": "Niamey",
    }
    regions = {
        code: AdminArea.objects.get_or_create(country=country, kind="region", code=code, defaults={"name": name})[0]
        for code, name in names.items()
    }
    second_theme = ThemeFactory(workspace=world.workspace, code="return", name_fr="Retour", name_en="Return")
    donor = InstitutionFactory(name_fr="Union européenne", acronym="UE", kind="donor")
    stranger = InstitutionFactory(name_fr="Organisation internationale pour les migrations", acronym="OIM")
    own = make_intervention(
        world.workspace,
        title="Renforcement des postes frontières",
        implementers=[world.institution],
        funders=[donor],
        regions=[regions["NE-1"]],
        themes=[world.theme],
        budget=Decimal("1000000"),
        start=D(2016, 1, 1),
        end=D(2018, 12, 31),
        iati_identifier="XM-TEST-1",
    )
    other = make_intervention(
        world.workspace,
        title="Mécanisme de réponse pour les migrants",
        implementers=[stranger],
        funders=[donor],
        regions=[regions["NE-1"], regions["NE-6"]],
        themes=[world.theme, second_theme],
        budget=Decimal("7000000"),
        start=D(2016, 8, 4),
        end=D(2019, 8, 4),
        iati_identifier="XM-TEST-2",
    )
    child = make_intervention(
        world.workspace,
        title="Contrat de mise en œuvre",
        implementers=[stranger],
        regions=[regions["NE-1"]],
        themes=[world.theme],
        budget=Decimal("2000000"),
        start=D(2017, 1, 1),
        end=D(2018, 1, 1),
        parent=other,
        iati_identifier="XM-TEST-2-01",
    )
    return Mapped(regions, own, other, child, donor, stranger)
