"""The action plan at scale, for benchmarks/run.py: a probe plan in the probe workspace that grows from one of
everything to 500 actions, 1,500 indicators and 10 years of monitoring (a target and a measurement per
indicator and year: 15,000 of each), with costs per action and year, funding sources, and 300 mapped
interventions contributing to the actions.

build_small() makes the one-of-everything plan; grow(rng) adds the rest with bulk inserts (generated rows need no
audit trail); pages() names what run.py measures: the results-framework tree, the indicator performance tracking
table (IPTT) and the funding-gap view. Budget: 200 ms at the 95th percentile, cached (as they are read) and
uncached (just after a change: run.py clears the cache before each request).
"""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from cadre.directory.models import Institution
from cadre.mapping.models import Intervention
from cadre.planning.models import (
    Action,
    ActionReport,
    Contribution,
    Cost,
    FundingSource,
    Indicator,
    Measurement,
    MonitoringRound,
    Objective,
    Plan,
    Target,
)
from cadre.workspaces.models import Theme, Workspace

BUDGET_MS = 200.0
SLUG = "bench-plan"
START, YEARS = 2017, 10
AXES, SPECIFICS, RESULTS, ACTIONS = 5, 4, 5, 5  # 5 × 4 × 5 × 5 = 500 actions
INDICATORS_PER_ACTION = 3  # 1,500 indicators
INTERVENTIONS = 300
CONTRIBUTIONS_PER_ACTION = 2
XOF = Decimal("655.957")
D = datetime.date


def _plan(workspace_slug):
    return Plan.objects.get(workspace__slug=workspace_slug, slug=SLUG)


def build_small(workspace_slug, secretariat_email=None):
    """One plan: general objective → axis → specific objective → result → one action with one cost, one funding
    source, one contributing intervention, one indicator with a target and a measurement, one round."""
    workspace = Workspace.objects.get(slug=workspace_slug)
    institution = Institution.objects.get(name_en="Ministry of Interior")
    theme = Theme.objects.filter(workspace=workspace).order_by("order", "pk").first()
    plan = Plan.objects.create(
        workspace=workspace,
        slug=SLUG,
        title_fr="Plan d'action (mesure)",
        title_en="Action plan (benchmark)",
        start_year=START,
        end_year=START + YEARS - 1,
        currency="XOF",
    )
    general = Objective.objects.create(plan=plan, level="general", code="OG", title_fr="Objectif général")
    axis = Objective.objects.create(
        plan=plan, parent=general, level="axis", code="1", order=1, title_fr="Axe 1", theme=theme
    )
    specific = Objective.objects.create(
        plan=plan, parent=axis, level="specific", code="1.1", order=1, title_fr="OS 1.1"
    )
    result = Objective.objects.create(
        plan=plan, parent=specific, level="result", code="1.1.1", order=1, title_fr="R 1.1.1"
    )
    action = Action.objects.create(
        plan=plan,
        result=result,
        code="1.1.1.1",
        order=1,
        title_fr="Action 1.1.1.1",
        lead_institution=institution,
        start_year=START,
        end_year=START + 2,
    )
    action.supporting_institutions.add(institution)
    Cost.objects.create(action=action, year=START, amount=Decimal(10_000_000), currency="XOF")
    FundingSource.objects.create(action=action, kind="state", amount=Decimal(5_000_000), currency="XOF", committed=True)
    intervention = Intervention.objects.create(
        workspace=workspace,
        title_fr="Projet de mesure 0",
        budget=Decimal(1_000_000),
        currency="EUR",
        budget_eur=Decimal(1_000_000),
        planned_start=D(START, 1, 1),
        planned_end=D(START + 3, 12, 31),
    )
    Contribution.objects.create(action=action, intervention=intervention, share_percent=Decimal(50))
    indicator = Indicator.objects.create(
        workspace=workspace,
        plan=plan,
        action=action,
        code="I.0",
        definition_fr="Nombre d'agents formés (mesure)",
        unit="agents",
        baseline_value=Decimal(0),
        baseline_year=START - 1,
        responsible_institution=institution,
    )
    Target.objects.create(indicator=indicator, period_start=D(START, 1, 1), period_end=D(START, 12, 31), value=10)
    round_ = MonitoringRound.objects.create(
        plan=plan, title_fr=f"Rapport annuel {START}", period_start=D(START, 1, 1), period_end=D(START, 12, 31)
    )
    Measurement.objects.create(
        indicator=indicator,
        round=round_,
        period_start=D(START, 1, 1),
        period_end=D(START, 12, 31),
        value=8,
        status=Measurement.Status.VALIDATED,
    )
    ActionReport.objects.create(round=round_, action=action, status=Action.Status.ONGOING, validated=True)
    return plan


def grow(rng, workspace_slug):
    """To 500 actions, 1,500 indicators, 10 years of targets and measurements, 300 contributing interventions."""
    plan = _plan(workspace_slug)
    workspace = plan.workspace
    institutions = list(Institution.objects.order_by("pk")[:60])
    themes = list(Theme.objects.filter(workspace=workspace)) or [None]
    general = plan.objectives.get(level="general")
    first_result = plan.objectives.get(level="result")
    first_action = plan.actions.get()

    # The tree: the small plan's branch is the first of each level.
    axes = [plan.objectives.get(level="axis")] + Objective.objects.bulk_create(
        [
            Objective(plan=plan, parent=general, level="axis", code=str(n), order=n, title_fr=f"Axe {n}",
                      theme=themes[n % len(themes)])
            for n in range(2, AXES + 1)
        ]
    )  # fmt: skip
    specifics = [plan.objectives.get(level="specific")]
    new = []
    for a, axis in enumerate(axes, 1):
        for s in range(1, SPECIFICS + 1):
            if (a, s) != (1, 1):
                new.append(Objective(plan=plan, parent=axis, level="specific", code=f"{a}.{s}", order=s,
                                     title_fr=f"Objectif spécifique {a}.{s}"))  # fmt: skip
    specifics += Objective.objects.bulk_create(new)
    results, new = [first_result], []
    for specific in specifics:
        for r in range(1, RESULTS + 1):
            if specific.pk != first_result.parent_id or r != 1:
                new.append(Objective(plan=plan, parent=specific, level="result", code=f"{specific.code}.{r}", order=r,
                                     title_fr=f"Résultat attendu {specific.code}.{r}"))  # fmt: skip
    results += Objective.objects.bulk_create(new)
    actions, new = [first_action], []
    statuses = list(Action.Status.values)
    for result in results:
        for n in range(1, ACTIONS + 1):
            if result.pk == first_result.pk and n == 1:
                continue
            start = START + rng.randrange(YEARS - 2)
            new.append(
                Action(
                    plan=plan,
                    result=result,
                    code=f"{result.code}.{n}",
                    order=n,
                    title_fr=f"Action de mesure {result.code}.{n} : renforcer les capacités des services concernés",
                    lead_institution=rng.choice(institutions),
                    start_year=start,
                    start_quarter=rng.randint(1, 4),
                    end_year=min(start + rng.randint(1, 4), START + YEARS - 1),
                    end_quarter=4,
                    status=rng.choice(statuses),
                )
            )
    actions += Action.objects.bulk_create(new, batch_size=500)
    Action.supporting_institutions.through.objects.bulk_create(
        [
            Action.supporting_institutions.through(action_id=action.pk, institution_id=institution.pk)
            for action in actions[1:]
            for institution in rng.sample(institutions, 2)
        ],
        batch_size=1000,
    )

    # Money: a cost per action and year of its span (a few in euros), one funding source per action.
    costs, sources = [], []
    for action in actions[1:]:
        currency = "EUR" if rng.random() < 0.1 else "XOF"
        for year in range(action.start_year, action.end_year + 1):
            amount = Decimal(rng.randrange(5, 500) * (1000 if currency == "EUR" else 1_000_000))
            costs.append(
                Cost(action=action, year=year, amount=amount, currency=currency, amount_eur=_eur(amount, currency))
            )
        amount = Decimal(rng.randrange(1, 100) * 1_000_000)
        sources.append(
            FundingSource(action=action, kind=rng.choice(["state", "partner"]), institution=rng.choice(institutions),
                          amount=amount, currency="XOF", amount_eur=_eur(amount, "XOF"), committed=rng.random() < 0.6)
        )  # fmt: skip
    Cost.objects.bulk_create(costs, batch_size=2000)
    FundingSource.objects.bulk_create(sources, batch_size=1000)

    # Mapped interventions contributing to the actions.
    interventions = [Intervention.objects.get(workspace=workspace, title_fr="Projet de mesure 0")]
    new = []
    for n in range(1, INTERVENTIONS):
        start = START + rng.randrange(YEARS - 1)
        budget = Decimal(rng.randrange(1, 200) * 100_000)
        new.append(
            Intervention(workspace=workspace, title_fr=f"Projet de mesure {n}", budget=budget, currency="EUR",
                         budget_eur=budget, planned_start=D(start, 1, 1),
                         planned_end=D(min(start + rng.randint(1, 5), START + YEARS - 1), 12, 31))
        )  # fmt: skip
    interventions += Intervention.objects.bulk_create(new, batch_size=1000)
    Contribution.objects.bulk_create(
        [
            Contribution(action=action, intervention=intervention, share_percent=Decimal(rng.choice([10, 25, 50, 100])))
            for action in actions[1:]
            for intervention in rng.sample(interventions, CONTRIBUTIONS_PER_ACTION)
        ],
        batch_size=1000,
    )

    # Indicators: three per action (the small plan's action has its one, plus two).
    indicators = [Indicator.objects.get(plan=plan)]
    new = []
    for action in actions:
        for n in range(1, INDICATORS_PER_ACTION + 1):
            if action.pk == first_action.pk and n == 1:
                continue
            new.append(
                Indicator(workspace=workspace, plan=plan, action=action, code=f"I.{action.code}.{n}", order=n,
                          definition_fr=f"Nombre de bénéficiaires de l'action {action.code} (indicateur {n})",
                          unit="personnes", baseline_value=Decimal(rng.randrange(0, 100)), baseline_year=START - 1,
                          responsible_institution_id=action.lead_institution_id,
                          frequency=Indicator.Frequency.ANNUAL)
            )  # fmt: skip
    indicators += Indicator.objects.bulk_create(new, batch_size=1000)

    # Ten years: a round per year, a target and a measurement per indicator and year, an action report per action.
    first_round = plan.rounds.get()
    rounds = [first_round] + MonitoringRound.objects.bulk_create(
        [
            MonitoringRound(plan=plan, title_fr=f"Rapport annuel {year}", period_start=D(year, 1, 1),
                            period_end=D(year, 12, 31), status="closed" if year < START + YEARS - 1 else "open")
            for year in range(START + 1, START + YEARS)
        ]
    )  # fmt: skip
    now = timezone.now()
    measurement_statuses = ["validated"] * 6 + ["submitted", "draft", "reopened"]
    targets, measurements = [], []
    for indicator in indicators:
        for year_index, round_ in enumerate(rounds):
            year = START + year_index
            period = {"period_start": D(year, 1, 1), "period_end": D(year, 12, 31)}
            if not (indicator.pk == indicators[0].pk and year_index == 0):  # build_small's target and measurement
                targets.append(Target(indicator=indicator, value=Decimal(10 * (year_index + 1)), **period))
                status = rng.choice(measurement_statuses)
                measurements.append(
                    Measurement(indicator=indicator, round=round_, status=status, reported_at=now,
                                value=Decimal(rng.randrange(0, 12 * (year_index + 1))),
                                validated_at=now if status == "validated" else None, **period)
                )  # fmt: skip
    Target.objects.bulk_create(targets, batch_size=2000)
    Measurement.objects.bulk_create(measurements, batch_size=2000)
    ActionReport.objects.bulk_create(
        [
            ActionReport(round=round_, action=action, status=rng.choice(statuses), validated=rng.random() < 0.7)
            for action in actions[1:]
            for round_ in rounds
        ]
        + [ActionReport(round=round_, action=first_action, status="ongoing") for round_ in rounds[1:]],
        batch_size=2000,
    )
    return (
        f"{plan.actions.count()} actions, {plan.indicators.count()} indicators, "
        f"{Target.objects.filter(indicator__plan=plan).count()} targets, "
        f"{Measurement.objects.filter(indicator__plan=plan).count()} measurements, "
        f"{Contribution.objects.filter(action__plan=plan).count()} contributions"
    )


def _eur(amount, currency):
    return amount if currency == "EUR" else (amount / XOF).quantize(Decimal("0.01"))


def pages(workspace_slug):
    """(name, URL) of the planning pages measured, on the probe plan."""
    args = [workspace_slug, SLUG]
    return [
        ("plan tree", reverse("planning:plan", args=args)),
        ("IPTT", reverse("planning:iptt", args=args)),
        ("funding gap", reverse("planning:funding", args=args)),
    ]
