"""The planning demo (cadre.planning.demo.load after the workspace, mapping and drafting demos): an action plan
for the demo strategy with 5 axes, 32 actions, 43 indicators, costs in FCFA and EUR, contributions of the real
EU Trust Fund projects and two monitoring rounds; loading it again changes nothing."""

import lxml.html
import pytest
from django.db import transaction
from django.test import override_settings

from cadre.drafting import demo as drafting_demo
from cadre.drafting.exchange import document_html
from cadre.mapping import demo as mapping_demo
from cadre.planning import demo, demo_plan, matrix
from cadre.planning.models import (
    Action,
    ActionReport,
    Contribution,
    Cost,
    FundingSource,
    Indicator,
    Measurement,
    Objective,
    Plan,
    Target,
)
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.management.commands.load_demo import demo_loaders

from ..core.helpers import db_snapshot

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def _demo_in_module(django_db_setup, django_db_blocker):
    """The demos this one builds on, and this one, loaded once for the module and rolled back at its end."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            workspace_demo.load()
            mapping_demo.load()
            drafting_demo.load()
            lines = demo.load()
        except BaseException:
            atomic.__exit__(None, None, None)
            raise
    yield lines
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def plan(_demo_in_module, db) -> Plan:
    return Plan.objects.get(workspace__slug=workspace_demo.MAIN_SLUG, slug=demo_plan.SLUG)


def test_the_plan_implements_the_demo_strategy_and_says_it_is_written_for_the_demo(plan, _demo_in_module):
    assert plan.title_fr == "Plan d'action 2017–2021 de la Stratégie nationale de lutte contre la migration irrégulière"
    assert plan.document.slug == drafting_demo.DOCUMENT_SLUG
    general = plan.objectives.get(level=Objective.Level.GENERAL)
    assert "écrit pour la démo de Cadre : il n'est pas le plan adopté par le Niger" in general.description_fr
    assert (plan.start_year, plan.end_year, plan.convention, plan.currency) == (2017, 2021, "eu", "XOF")
    [line] = _demo_in_module
    assert "32" in line and "43" in line


def test_five_axes_one_per_theme_with_detection_and_investigation_merged(plan):
    axes = list(plan.objectives.filter(level=Objective.Level.AXIS).select_related("theme").order_by("order"))
    assert len(axes) == 5
    assert [axis.theme.code for axis in axes] == [
        "coordination",
        "border-management",
        "vulnerable-migrants",
        "detection",
        "return",
    ]
    assert plan.objectives.filter(level=Objective.Level.SPECIFIC, theme__code="investigation").exists()
    assert all(axis.sections.exists() for axis in axes)  # tied to the strategy's sections
    assert plan.objectives.filter(level=Objective.Level.GENERAL).count() == 1
    assert plan.objectives.filter(level=Objective.Level.SPECIFIC).count() == 10


def test_at_least_thirty_actions_led_by_real_institutions_with_partners(plan):
    actions = Action.objects.filter(plan=plan)
    assert actions.count() >= 30
    assert not actions.filter(lead_institution__isnull=True).exists()
    leads = set(actions.values_list("lead_institution__name_fr", flat=True))
    assert {
        "Direction de la surveillance du territoire",
        "Ministère de la Justice",
        "Garde nationale du Niger",
    } <= leads
    assert all(action.supporting_institutions.exists() for action in actions)
    assert set(actions.values_list("status", flat=True)) >= {"ongoing", "completed", "delayed"}


def test_at_least_forty_indicators_some_from_the_eutf_library(plan):
    indicators = Indicator.objects.filter(plan=plan)
    assert indicators.count() >= 40
    assert indicators.filter(library_code="EUTF 3.7").exists()
    assert indicators.exclude(library_code="").count() >= 10
    assert indicators.filter(action__isnull=False).count() >= 10
    assert not indicators.filter(responsible_institution__isnull=True).exists()
    assert Target.objects.filter(indicator__plan=plan).count() >= 5 * 40


def test_costs_in_fcfa_and_euros_and_funding_from_the_state_and_partners(plan):
    costs = Cost.objects.filter(action__plan=plan)
    assert costs.filter(currency="XOF").count() > costs.filter(currency="EUR").count() > 0
    assert not costs.filter(amount_eur__isnull=True).exists()
    data = matrix.matrix(plan)
    assert all(row.cost_total for row in data.rows)
    assert data.total_eur == sum(cost.amount_eur for cost in costs)
    sources = FundingSource.objects.filter(action__plan=plan)
    assert sources.filter(kind="state").exists()
    assert set(sources.filter(kind="partner").values_list("institution__acronym", flat=True)) >= {"OIM", "GIZ"}
    assert sources.filter(committed=False).exists()


def test_contributions_come_from_the_real_eu_trust_fund_projects(plan):
    contributions = Contribution.objects.filter(action__plan=plan).select_related("intervention")
    assert contributions.count() >= 15
    identifiers = {c.intervention.iati_identifier for c in contributions}
    assert {"T05-EUTF-SAH-NE-05-01", "T05-EUTF-SAH-NE-16", "T05-EUTF-SAH-NE-01"} <= identifiers
    assert all(c.intervention.workspace_id == plan.workspace_id for c in contributions)
    eci = contributions.get(intervention__iati_identifier="T05-EUTF-SAH-NE-05-01")
    assert eci.action.code == "4.2.1.1"


def test_two_monitoring_rounds_the_first_validated_the_second_mixed(plan):
    first, second = plan.rounds.order_by("period_end")
    assert (first.title_fr, second.title_fr) == ("Rapport annuel 2018", "Rapport annuel 2019")
    assert first.measurements.count() >= 40
    assert set(first.measurements.values_list("status", flat=True)) == {Measurement.Status.VALIDATED}
    assert not first.measurements.filter(validated_by__isnull=True).exists()
    assert set(second.measurements.values_list("status", flat=True)) == {
        "validated",
        "submitted",
        "draft",
        "reopened",
    }
    assert ActionReport.objects.filter(round=first).count() >= 20
    assert ActionReport.objects.filter(round=second, validated=False).exists()
    anltp = second.measurements.filter(indicator__responsible_institution__acronym="ANLTP/TIM").exclude(status="draft")
    assert anltp.exists() and {m.reported_by.email for m in anltp} == {"member@demo.example.org"}


def test_figures_are_reported_and_validated_in_their_rounds_reporting_window_not_at_load_time(plan):
    for round_ in plan.rounds.all():
        for measurement in round_.measurements.exclude(status="draft"):
            assert round_.period_end < measurement.reported_at.date() <= round_.due_date, measurement
            if measurement.validated_at:
                assert measurement.reported_at < measurement.validated_at
                assert measurement.validated_at.date() <= round_.due_date, measurement


def test_reported_numbers_are_broken_down_by_sex_and_age_within_their_totals(plan):
    from collections import defaultdict

    from cadre.planning import disaggregation
    from cadre.planning.models import Breakdown

    catalogue = disaggregation.Catalogue(plan.workspace)
    parts = defaultdict(lambda: defaultdict(dict))
    for part in Breakdown.objects.filter(measurement__round__plan=plan).select_related("measurement__indicator"):
        parts[part.measurement][part.dimension][part.category] = part.value
    assert len(parts) >= 10
    assert {dimension for split in parts.values() for dimension in split} == {"sex", "age"}
    for measurement, split in parts.items():
        assert set(split) <= set(measurement.indicator.disaggregation)
        disaggregation.check(measurement.indicator, measurement.value, split, catalogue)  # the form's own rules


def test_loading_again_changes_nothing(plan):
    before = db_snapshot(ignore=("updated_at",))
    assert demo.load()
    assert db_snapshot(ignore=("updated_at",)) == before


def test_load_demo_runs_planning_after_mapping_and_drafting_and_before_reports():
    modules = [loader.__module__ for loader in demo_loaders()]
    position = modules.index("cadre.planning.demo")
    assert modules.index("cadre.mapping.demo") < position < modules.index("cadre.reports.demo")
    assert modules.index("cadre.drafting.demo") < position
    assert modules.index("cadre.assessments.demo") < position


def test_a_failure_half_way_leaves_nothing(plan, monkeypatch):
    before = db_snapshot()
    Measurement.objects.filter(indicator__plan=plan).delete()  # kept by their rounds otherwise
    plan.delete()  # as if the demo had never been loaded (inside this test's savepoint)
    emptied = db_snapshot()

    def broken(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo._Builder, "_rounds", broken)
    with pytest.raises(RuntimeError):
        demo.load()
    assert db_snapshot() == emptied != before


def test_the_demo_strategy_exports_with_the_plan_as_annex(plan):
    matrix.register_annex()
    tree = lxml.html.document_fromstring(document_html(plan.document))
    (annex,) = tree.xpath("//section[@class='annex']")
    rows = annex.xpath(".//tbody/tr")
    assert len(rows) == plan.actions.count()
    assert "Créer et rendre opérationnelle l'Équipe conjointe d'investigation (ECI)" in annex.text_content()
