"""Mapping journeys: a partner records an intervention of their institution (and cannot touch another's);
the secretariat reads who does what where, its gaps and overlaps, on a phone and a laptop; axe finds nothing
serious."""

import datetime
from decimal import Decimal

import pytest
from django.utils.text import capfirst
from playwright.sync_api import expect

from cadre.directory.models import AdminArea, Institution
from cadre.mapping import analysis
from cadre.mapping.models import Intervention, Location, Participation
from cadre.workspaces.models import Membership, Workspace

from .conftest import DESKTOP, PHONE, format_violations, french, horizontal_overflow, run_axe

MAIN = "niger-irregular-migration"


@pytest.fixture
def interventions(site):
    """Two interventions in Agadez: one by the demo partner's institution, one by another."""
    workspace = Workspace.objects.get(slug=MAIN)
    partner = Membership.objects.get(workspace=workspace, user__email="partner@demo.example.org")
    other = (
        Institution.objects.exclude(pk=partner.institution_id).filter(kind="international_organisation").first()
        or Institution.objects.exclude(pk=partner.institution_id).first()
    )
    agadez = AdminArea.objects.get(code="NE-1")
    theme = workspace.themes.order_by("order").first()
    made = []
    for title, institution in (
        ("Projet du partenaire (test)", partner.institution),
        ("Projet d'un autre (test)", other),
    ):
        intervention = Intervention.objects.create(
            workspace=workspace,
            title_fr=title,
            budget=Decimal(100000),
            budget_eur=Decimal(100000),
            planned_start=datetime.date(2016, 1, 1),
            planned_end=datetime.date(2018, 1, 1),
        )
        Participation.objects.create(intervention=intervention, institution=institution, role="implementing")
        Location.objects.create(intervention=intervention, scope="area", area=agadez)
        intervention.themes.add(theme)
        made.append(intervention)
    analysis.refresh_cells(made)
    return made


@pytest.mark.browser
def test_partner_records_an_intervention_of_their_institution(site, interventions):
    page = site.new_page(PHONE)
    site.sign_in(page, "partner@demo.example.org")
    page.goto(f"{site.url}/w/{MAIN}/mapping/")
    expect(page.get_by_role("heading", level=1)).to_have_text(french("Mapping of interventions"))
    page.get_by_role("link", name=french("New intervention")).click()
    page.get_by_label(french("title (French)")).fill("Sensibilisation des jeunes à Agadez (test)")
    page.get_by_label(capfirst(french("budget")), exact=True).fill("250000")
    page.get_by_role("button", name=french("Save")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sensibilisation des jeunes à Agadez (test)")
    created = Intervention.objects.get(title_fr="Sensibilisation des jeunes à Agadez (test)")
    partner = Membership.objects.get(workspace__slug=MAIN, user__email="partner@demo.example.org")
    assert created.participations.filter(institution=partner.institution, role="implementing").exists()
    # Another institution's intervention shows no edit control to the partner.
    page.goto(f"{site.url}{interventions[1].get_absolute_url()}")
    expect(page.get_by_role("link", name=french("Edit"), exact=True)).to_have_count(0)
    width, window = horizontal_overflow(page)
    assert width <= window


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_secretariat_reads_who_does_what_where(site, interventions, viewport):
    page = site.new_page(PHONE if viewport == "phone" else DESKTOP, bypass_csp=True)
    site.sign_in(page, "secretariat@demo.example.org")
    for address in ("", "matrix/", "charts/", "duplicates/", "interviews/", f"i/{interventions[0].pk}/", "new/"):
        page.goto(f"{site.url}/w/{MAIN}/mapping/{address}")
        violations = run_axe(page)
        assert not violations, format_violations(address or "the list", violations)
    page.goto(f"{site.url}/w/{MAIN}/mapping/matrix/")
    expect(page.locator("table.matrix")).to_contain_text("Agadez")
    expect(page.get_by_role("heading", name=french("Overlaps"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("Projet du partenaire (test)")


@pytest.mark.browser
def test_secretariat_imports_the_eu_trust_fund_file_after_a_preview(site, tmp_path):
    from cadre.mapping import demo as mapping_demo

    page = site.new_page(DESKTOP, bypass_csp=True)
    site.sign_in(page, "secretariat@demo.example.org")
    page.goto(f"{site.url}/w/{MAIN}/mapping/")
    page.get_by_role("link", name=french("Import a file")).click()
    page.get_by_label(french("File")).first.set_input_files(str(mapping_demo.EUTF_FILE))
    page.get_by_role("button", name=french("Read the file")).click()
    # The preview: 82 lines to create, nothing written yet.
    expect(page.locator("main")).to_contain_text("82")
    assert Intervention.objects.filter(workspace__slug=MAIN).count() == 0
    violations = run_axe(page)
    assert not violations, format_violations("the import preview", violations)
    page.get_by_role("button", name=french("Apply")).click()
    expect(page.get_by_role("link", name=french("See the interventions"))).to_be_visible()
    assert Intervention.objects.filter(workspace__slug=MAIN).count() == 82
    page.get_by_role("link", name=french("See the interventions")).click()
    expect(page.locator("main")).to_contain_text("82")
