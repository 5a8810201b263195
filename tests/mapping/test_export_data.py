"""Interventions for the export tests, built with the models directly (no test in this module).

`build_mapping(world)` gives a decision with two contracts under it: one with every field filled in both languages
(four roles, several places, sectors, themes, a budget in CFA francs), one with only what an intervention needs.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from cadre.directory.demo import load_reference_data
from cadre.directory.models import AdminArea, Institution
from cadre.mapping.models import Intervention, Location, Participation

from ..factories import InstitutionFactory, ThemeFactory

D = datetime.date
# Control characters (PostgreSQL refuses NUL, so not that one) and a non-character, which XML cannot hold.
WEIRD = "Eau & sel <b>\"gras\"</b> 'cité' — 🇳🇪 migrants\x07\x1b\x0c fin\ufffe"
WEIRD_CLEAN = "Eau & sel <b>\"gras\"</b> 'cité' — 🇳🇪 migrants fin"


@dataclass
class Mapping:
    decision: Intervention
    rich: Intervention
    plain: Intervention
    regions: dict  # code → AdminArea
    funder: object
    implementer: object
    accountable: object
    extending: object
    theme: object


def build_mapping(world, *, national=True, border_posts=True) -> Mapping:
    load_reference_data()
    workspace = world.workspace
    regions = {area.code: area for area in AdminArea.objects.filter(country=workspace.country, kind="region")}
    # The demo's reference data names some of them already: one institution per name, as in real life.
    funder = _institution(
        "Fonds fiduciaire d'urgence de l'UE", "EU Emergency Trust Fund", "FFU", "donor", iati_ref="XI-IATI-EC_TF"
    )
    implementer = _institution(
        "Organisation internationale pour les migrations",
        "International Organization for Migration",
        "OIM",
        "international_organisation",
        iati_ref="XM-DAC-47066",
    )
    accountable = _institution("Délégation de l'UE au Niger", "EU Delegation to Niger", "", "ministry")
    extending = _institution("Comité régional de coopération de Tahoua", "", "", "donor")
    theme = ThemeFactory(workspace=workspace, code="protection", name_fr="Protection", name_en="Protection")

    decision = Intervention.objects.create(
        workspace=workspace,
        iati_identifier="XI-IATI-EC_TF-T05-EUTF-SAH-NE-01",
        title_fr="Décision : gestion des migrations au Niger",
        title_en="Decision: migration management in Niger",
        description_fr="La décision qui finance les contrats.",
        planned_start=D(2016, 1, 1),
        planned_end=D(2020, 12, 31),
        budget=Decimal("25000000"),
        currency="EUR",
        budget_eur=Decimal("25000000"),
    )
    Participation.objects.create(intervention=decision, institution=funder, role="funding")

    rich = Intervention.objects.create(
        workspace=workspace,
        iati_identifier="XI-IATI-EC_TF-T05-EUTF-SAH-NE-01-01",
        code="CTR-2016-01",
        title_fr="Protection des migrants à Agadez",
        title_en="Protecting migrants in Agadez",
        description_fr="Centres d'accueil, assistance directe et retour volontaire.",
        description_en="Reception centres, direct assistance and voluntary return.",
        status=Intervention.Status.COMPLETED,
        planned_start=D(2016, 4, 1),
        planned_end=D(2019, 3, 31),
        actual_start=D(2016, 5, 15),
        actual_end=D(2019, 6, 30),
        budget=Decimal("1234567890.50"),
        currency="XOF",
        budget_eur=Decimal("1882117.25"),
        parent=decision,
        sectors=[
            {"vocabulary": "1", "code": "15190", "percentage": 60},
            {"vocabulary": "1", "code": "15136", "percentage": "40"},
        ],
        topics=["TFP.3"],
        source=Intervention.Source.INTERVIEW,
        source_note="Entretien OIM, 12 septembre 2016",
        last_confirmed=D(2016, 9, 12),
    )
    for institution, role in (
        (funder, "funding"),
        (accountable, "accountable"),
        (extending, "extending"),
        (implementer, "implementing"),
        (world.institution, "implementing"),
    ):
        Participation.objects.create(intervention=rich, institution=institution, role=role)
    if national:
        Location.objects.create(intervention=rich, scope="national", percentage=Decimal("70"))
    Location.objects.create(intervention=rich, scope="area", area=regions["NE-1"])
    Location.objects.create(intervention=rich, scope="area", area=regions["NE-5"], percentage=Decimal("25.5"))
    Location.objects.create(intervention=rich, scope="other_country", country_code="ML", percentage=Decimal("30"))
    if border_posts:
        for name in ("Assamaka", "Eroufa"):  # Assamaka lies in Agadez (NE-1); Eroufa's region is not known
            post = AdminArea.objects.get(country=workspace.country, kind="border_post", name=name)
            Location.objects.create(intervention=rich, scope="area", area=post)
    rich.themes.set([theme, world.theme])

    plain = Intervention.objects.create(
        workspace=workspace,
        code="ENT-7",
        title_fr="Appui à la police aux frontières",
        planned_start=D(2017, 2, 1),
        parent=decision,
        status=Intervention.Status.PIPELINE,
        currency="EUR",
    )
    Participation.objects.create(intervention=plain, institution=world.institution, role="implementing")
    return Mapping(decision, rich, plain, regions, funder, implementer, accountable, extending, theme)


def _institution(name_fr, name_en, acronym, kind, *, iati_ref=""):
    institution, _created = Institution.objects.update_or_create(
        name_fr=name_fr,
        defaults={"name_en": name_en, "acronym": acronym, "kind": kind, "country": None, "iati_ref": iati_ref},
    )
    return institution


def add_interventions(world, count, *, start=0):
    """More interventions, each with participants, places and themes, for query-count tests."""
    load_reference_data()
    workspace = world.workspace
    regions = list(AdminArea.objects.filter(country=workspace.country, kind="region").order_by("code"))
    theme = ThemeFactory(workspace=workspace)
    made = []
    for index in range(start, start + count):
        intervention = Intervention.objects.create(
            workspace=workspace,
            iati_identifier=f"XM-TEST-{index}",
            title_fr=f"Projet {index}",
            title_en=f"Project {index}",
            planned_start=D(2017, 1, 1),
            planned_end=D(2018, 1, 1),
            budget=Decimal(1000 * (index + 1)),
        )
        for role in ("funding", "implementing"):
            Participation.objects.create(intervention=intervention, institution=InstitutionFactory(), role=role)
        Location.objects.create(intervention=intervention, scope="area", area=regions[index % len(regions)])
        Location.objects.create(intervention=intervention, scope="other_country", country_code="ML")
        intervention.themes.set([theme, world.theme])
        made.append(intervention)
    if len(made) > 1:
        Intervention.objects.filter(pk=made[-1].pk).update(parent=made[0])
    return made
