"""Who does what where: the matrix, budgets without double counting, gaps, overlaps, duplicates, themes."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.mapping import analysis, queries, services, themes
from cadre.mapping.models import Cell, Intervention, ThemeHint, ThemeSuggestion

from ..factories import InstitutionFactory, ThemeFactory
from .conftest import make_intervention

D = datetime.date


def _matrix(world):
    return analysis.matrix(world.workspace, queries.interventions_of(world.workspace))


def test_matrix_cell_counts_each_intervention_of_the_theme_in_the_region(world, mapped):
    result = _matrix(world)
    agadez, tillaberi = mapped.regions["NE-1"].pk, mapped.regions["NE-6"].pk
    assert result.cells[(world.theme.pk, agadez)]["count"] == 3
    assert result.cells[(world.theme.pk, tillaberi)]["count"] == 1
    assert "OIM" in result.cells[(world.theme.pk, agadez)]["actors"]


def test_matrix_budget_counts_a_contract_under_its_decision_once(world, mapped):
    result = _matrix(world)
    agadez = mapped.regions["NE-1"].pk
    assert result.cells[(world.theme.pk, agadez)]["budget"] == Decimal("8000000")  # 1M + 7M, not the 2M child
    assert result.total_budget == Decimal("8000000")
    assert result.total_count == 3


def test_budget_total_counts_a_child_whose_parent_is_filtered_out(world, mapped):
    only_child = Intervention.objects.filter(pk=mapped.child.pk)
    assert analysis.budget_total(only_child) == Decimal("2000000")


def test_matrix_lists_themes_and_regions_nobody_covers(world, mapped):
    ThemeFactory(workspace=world.workspace, code="prosecution", name_fr="Poursuites", name_en="Prosecution")
    result = _matrix(world)
    assert [theme.code for theme in result.gaps_themes] == ["prosecution"]
    assert {region.code for region in result.gaps_regions} == {"NE-2", "NE-3", "NE-4", "NE-5", "NE-7", "NE-8"}


def test_matrix_follows_the_filters(world, mapped):
    filtered = queries.interventions_of(world.workspace, queries.Filters(actor=world.institution.pk))
    result = analysis.matrix(world.workspace, filtered)
    assert result.total_count == 1
    assert result.cells[(world.theme.pk, mapped.regions["NE-1"].pk)]["count"] == 1


def test_matrix_query_count_does_not_grow_with_interventions(world, mapped):
    with CaptureQueriesContext(connection) as few:
        _matrix(world)
    for index in range(10):
        make_intervention(
            world.workspace,
            title=f"Projet {index}",
            implementers=[InstitutionFactory()],
            regions=[mapped.regions["NE-5"]],
            themes=[world.theme],
            budget=Decimal(1000),
        )
    with CaptureQueriesContext(connection) as many:
        _matrix(world)
    assert len(many) == len(few)


def test_cells_follow_an_edit_of_places_and_themes(world, mapped):
    mapped.own.locations.all().delete()
    mapped.own.themes.clear()
    analysis.refresh_cells([mapped.own])
    assert list(Cell.objects.filter(intervention=mapped.own).values_list("theme", "region")) == [(None, None)]


def test_overlaps_list_same_theme_same_region_same_time_different_implementers(world, mapped):
    found, complete = analysis.overlaps(world.workspace, queries.interventions_of(world.workspace))
    assert complete
    pairs = {frozenset((o.first.pk, o.second.pk)) for o in found}
    assert frozenset((mapped.own.pk, mapped.other.pk)) in pairs
    assert frozenset((mapped.other.pk, mapped.child.pk)) not in pairs  # same implementer: not an overlap


def test_overlaps_ignore_interventions_that_do_not_overlap_in_time(world, mapped):
    Intervention.objects.filter(pk=mapped.own.pk).update(planned_start=D(2020, 1, 1), planned_end=D(2021, 1, 1))
    found, _complete = analysis.overlaps(world.workspace, queries.interventions_of(world.workspace))
    assert all(mapped.own.pk not in (o.first.pk, o.second.pk) for o in found)


def test_duplicates_flag_similar_titles_and_same_identifiers(world, mapped):
    copy = make_intervention(
        world.workspace, title="Renforcement des postes frontieres", start=D(2016, 3, 1), code="COPY-1"
    )
    same_id = make_intervention(world.workspace, title="Autre chose", iati_identifier="xm-test-2", start=D(2016, 1, 1))
    pairs = {
        (frozenset((a.pk, b.pk)), why)
        for a, b, why, _score in analysis.duplicates(world.workspace, queries.interventions_of(world.workspace))
    }
    assert (frozenset((mapped.own.pk, copy.pk)), "title") in pairs
    assert (frozenset((mapped.other.pk, same_id.pk)), "identifier") in pairs


def test_theme_suggestion_shows_the_words_that_matched(world, mapped):
    border = ThemeFactory(
        workspace=world.workspace, code="borders", name_fr="Gestion des frontières", name_en="Border management"
    )
    intervention = make_intervention(
        world.workspace,
        title="Équipement des postes frontières de Diffa",
        description_fr="Contrôle documentaire et formation des douaniers.",
    )
    themes.suggest_themes(world.workspace, [intervention])
    suggestion = ThemeSuggestion.objects.get(intervention=intervention, theme=border)
    assert "frontie" in " ".join(suggestion.matched)


def test_theme_corrections_improve_later_suggestions(world, mapped):
    theme = ThemeFactory(workspace=world.workspace, code="youth", name_fr="Jeunesse", name_en="Youth")
    first = make_intervention(world.workspace, title="Programme Garkua pour la stabilité")
    services.confirm_theme(first, theme, by=world.users["secretariat"])
    assert ThemeHint.objects.filter(theme=theme, word__startswith="garkua").exists()
    later = make_intervention(world.workspace, title="Garkua, deuxième phase")
    themes.suggest_themes(world.workspace, [later])
    assert ThemeSuggestion.objects.filter(intervention=later, theme=theme).exists()
    services.reject_theme(later, theme, by=world.users["secretariat"])
    assert ThemeSuggestion.objects.get(intervention=later, theme=theme).status == "rejected"
    themes.suggest_themes(world.workspace, [later])  # a decided theme is not proposed again
    assert ThemeSuggestion.objects.get(intervention=later, theme=theme).status == "rejected"


def test_matrix_page_shows_agadez_and_tillaberi_with_their_projects(world, mapped):
    content = world.client("observer").get(reverse("mapping:matrix", args=[world.workspace.slug])).content.decode()
    assert "Agadez" in content and "Tillabéri" in content
    assert f"?theme={world.theme.pk}&amp;area={mapped.regions['NE-1'].pk}" in content


def test_matrix_and_list_figures_follow_a_change_at_once_despite_the_cache(world, mapped):
    client = world.client("observer")
    matrix_url = reverse("mapping:matrix", args=[world.workspace.slug])
    list_url = reverse("mapping:interventions", args=[world.workspace.slug])
    assert client.get(matrix_url).context["matrix"].total_count == 3
    assert client.get(list_url).context["page"].paginator.count == 3
    make_intervention(world.workspace, title="Nouveau projet", regions=[mapped.regions["NE-5"]], themes=[world.theme])
    assert client.get(matrix_url).context["matrix"].total_count == 4
    assert client.get(list_url).context["page"].paginator.count == 4
    services.delete_intervention(Intervention.objects.get(title_fr="Nouveau projet"), by=world.users["secretariat"])
    assert client.get(matrix_url).context["matrix"].total_count == 3
