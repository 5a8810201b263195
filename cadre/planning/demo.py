"""The planning demo: an action plan for the demo strategy of the main Niger workspace, written for the demo
(its description says so), with two annual monitoring rounds.

The plan (2017–2021) was prepared after the strategy was validated at the finalisation workshop (activity 8 of
the workspace demo, April 2017) and is adopted. Its monitoring is shown as the committee left it: the 2018 round
reported in February 2019 and closed, every figure validated; the 2019 round reported in February 2020 and still
open, some figures validated, others waiting, one in draft, one sent back — real life, and what the validation
screens are for. No later round is invented. Reports and validations are dated within each round's reporting
window (before its due date, 31 March of the next year), never at the time the demo is loaded.

The plan says it is a demo in the description of its general objective (a plan has no description field).
The results framework (general objective, 5 strategic axes, specific objectives, results, 32 actions and 43
indicators) is in demo_plan.py. Leads and partners are the real institutions of cadre.directory.demo; the
contributing interventions are the real EU Trust Fund projects of the mapping demo, found by IATI identifier;
library codes are the real EUTF common output indicators. Costs, targets and reported values are examples.

`load()` is idempotent and all-or-nothing: the plan is found by workspace and slug; if it exists it is left as it
is. The framework is created one record at a time (so it has its audit trail); the many generated rows (costs,
funding, targets, measurements, action reports) are bulk-inserted.
"""

import datetime
import random
import zoneinfo
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from cadre.core.services import change_by
from cadre.directory.demo import INSTITUTIONS as DIRECTORY_INSTITUTIONS
from cadre.directory.models import Institution
from cadre.drafting.models import Document, Section
from cadre.mapping.models import Intervention
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.models import Membership, Theme, Workspace

from . import demo_plan as data
from .models import (
    Action,
    ActionReport,
    Breakdown,
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

D = datetime.date
SECRETARIAT_EMAIL = "secretariat@demo.example.org"
# Statuses of the second round's measurements, in turn: most validated, some waiting, one sent back.
SECOND_ROUND = ["validated", "submitted", "validated", "draft", "reopened", "submitted"]


def load(*, by=None) -> list[str]:
    """Create the demo action plan unless it is there already; returns a line to print."""
    workspace = Workspace.objects.filter(slug=workspace_demo.MAIN_SLUG).first()
    if workspace is None:
        workspace_demo.load(by=by)
        workspace = Workspace.objects.get(slug=workspace_demo.MAIN_SLUG)
    plan = Plan.objects.filter(workspace=workspace, slug=data.SLUG).first()
    if plan is None:
        with transaction.atomic():
            plan = _Builder(workspace, by).build()
    return [
        _("Planning demo: “%(title)s”, %(actions)s actions, %(indicators)s indicators, %(rounds)s monitoring rounds.")
        % {
            "title": plan.title,
            "actions": plan.actions.count(),
            "indicators": plan.indicators.count(),
            "rounds": plan.rounds.count(),
        }
    ]


def _document(workspace, by):
    from cadre.drafting import demo as drafting_demo

    document = Document.objects.filter(workspace=workspace, slug=drafting_demo.DOCUMENT_SLUG).first()
    if document is None:
        drafting_demo.load(by=by)
        document = Document.objects.get(workspace=workspace, slug=drafting_demo.DOCUMENT_SLUG)
    return document


def _interventions(workspace, by):
    wanted = {iati for action in _actions() for iati, _share in action.contributions}
    found = {}
    for intervention in Intervention.objects.filter(workspace=workspace, iati_identifier__in=wanted).order_by("pk"):
        found.setdefault(intervention.iati_identifier, intervention)
    if not found:
        from cadre.mapping import demo as mapping_demo

        mapping_demo.load(by=by)
        return _interventions(workspace, by)
    return found


def _actions():
    return [
        action
        for axis in data.AXES
        for specific in axis["specifics"]
        for result in specific["results"]
        for action in result["actions"]
    ]


def _years(start, end):
    return list(range(start[0], end[0] + 1))


class _Builder:
    def __init__(self, workspace, by):
        self.workspace = workspace
        self.by = by
        names = {key: name_fr for key, _acronym, name_fr, *_rest in DIRECTORY_INSTITUTIONS}
        by_name = {i.name_fr: i for i in Institution.objects.filter(name_fr__in=names.values())}
        self.institutions = {key: by_name[name] for key, name in names.items() if name in by_name}
        self.themes = {theme.code: theme for theme in Theme.objects.filter(workspace=workspace)}
        self.document = _document(workspace, by)
        self.interventions = _interventions(workspace, by)
        from cadre.drafting.demo import ANNEX_SECTIONS, SECTIONS

        titles = {key: title for key, _parent, title, *_rest in [*SECTIONS, *ANNEX_SECTIONS]}
        sections = Section.objects.filter(document=self.document, title__in=titles.values())
        by_title = {section.title: section for section in sections}
        self.sections = {key: by_title[title] for key, title in titles.items() if title in by_title}
        self.users = self._reporters()
        self.indicators = []  # (Indicator, Ind)
        self.actions = []  # (Action, Act)
        self.rng = random.Random(2017)

    def _reporters(self):
        """The user who reports for each institution: a member of it in the workspace, else the secretariat."""
        users = {}
        for membership in Membership.objects.filter(workspace=self.workspace, institution__isnull=False).order_by(
            "role", "pk"
        ):
            users.setdefault(membership.institution_id, membership.user)
        self.secretariat = get_user_model().objects.filter(email=SECRETARIAT_EMAIL).first()
        return users

    def build(self):
        with change_by(self.by):
            self.plan = Plan.objects.create(
                workspace=self.workspace,
                document=self.document,
                slug=data.SLUG,
                title_fr=data.TITLE_FR,
                title_en=data.TITLE_EN,
                start_year=data.START_YEAR,
                end_year=data.END_YEAR,
                convention=Plan.Convention.EU,
                currency="XOF",
                status=Plan.Status.ADOPTED,
            )
            general = self._objective(Objective.Level.GENERAL, None, data.GENERAL, 0)
            general.description_fr = data.DESCRIPTION  # a plan has no description of its own: its summit says it
            general.save(update_fields=["description_fr", "updated_at"])
            for order, axis in enumerate(data.AXES, 1):
                axis_node = self._objective(Objective.Level.AXIS, general, axis, order, self.themes.get(axis["theme"]))
                axis_node.sections.set([self.sections[key] for key in axis["sections"] if key in self.sections])
                for s_order, specific in enumerate(axis["specifics"], 1):
                    theme = self.themes.get(specific.get("theme") or axis["theme"])
                    specific_node = self._objective(Objective.Level.SPECIFIC, axis_node, specific, s_order, theme)
                    for r_order, result in enumerate(specific["results"], 1):
                        result_node = self._objective(Objective.Level.RESULT, specific_node, result, r_order, theme)
                        for a_order, action in enumerate(result["actions"], 1):
                            self._action(result_node, action, a_order)
            self._money()
            self._targets()
            self._rounds()
        return self.plan

    # --- framework ----------------------------------------------------------------------------------------

    def _objective(self, level, parent, node, order, theme=None):
        objective = Objective.objects.create(
            plan=self.plan,
            parent=parent,
            level=level,
            code=node["code"],
            order=order,
            title_fr=node["title"],
            theme=theme,
        )
        self._indicators(node["indicators"], objective=objective)
        return objective

    def _action(self, result, spec, order):
        action = Action.objects.create(
            plan=self.plan,
            result=result,
            code=spec.code,
            order=order,
            title_fr=spec.title,
            lead_institution=self.institutions[spec.lead],
            start_year=spec.start[0],
            start_quarter=spec.start[1],
            end_year=spec.end[0],
            end_quarter=spec.end[1],
            assumptions=spec.assumptions,
            risks=spec.risks,
        )
        action.supporting_institutions.set([self.institutions[key] for key in spec.partners])
        for iati, share in spec.contributions:
            intervention = self.interventions.get(iati)
            if intervention is not None:
                Contribution.objects.create(action=action, intervention=intervention, share_percent=Decimal(share))
        self._indicators(spec.indicators, action=action)
        self.actions.append((action, spec))

    def _indicators(self, specs, **owner):
        for order, spec in enumerate(specs, 1):
            indicator = Indicator.objects.create(
                workspace=self.workspace,
                plan=self.plan,
                code=spec.code,
                order=order,
                definition_fr=spec.definition,
                unit=spec.unit,
                kind=spec.kind,
                baseline_value=_decimal(spec.baseline),
                baseline_year=2016 if spec.baseline is not None else None,
                baseline_source="Rapports 2016 des institutions (démo)" if spec.baseline is not None else "",
                disaggregation=list(spec.disaggregation),
                means_of_verification=spec.verification or "Rapports semestriels de l'institution responsable",
                frequency=Indicator.Frequency.ANNUAL,
                responsible_institution=self.institutions.get(spec.owner),
                library_code=f"EUTF {spec.library}" if spec.library else "",
                **owner,
            )
            self.indicators.append((indicator, spec))

    # --- generated rows -------------------------------------------------------------------------------------

    def _money(self):
        costs, sources = [], []
        for action, spec in self.actions:
            years = _years(spec.start, spec.end)
            step = Decimal(1) if spec.currency == "XOF" else Decimal("0.01")
            per_year = (Decimal(spec.cost) / len(years)).quantize(step, ROUND_HALF_UP)
            for index, year in enumerate(years):
                # the last year takes the rounding, so the years add up to the cost exactly
                amount = per_year if index < len(years) - 1 else Decimal(spec.cost) - per_year * (len(years) - 1)
                costs.append(self._with_eur(Cost(action=action, year=year, amount=amount, currency=spec.currency)))
            for kind, funder, share, committed in spec.funding:
                amount = (Decimal(spec.cost) * Decimal(str(share))).quantize(step, ROUND_HALF_UP)
                source = FundingSource(
                    action=action,
                    kind=kind,
                    institution=self.institutions.get(funder) if funder else None,
                    amount=amount,
                    currency=spec.currency,
                    committed=committed,
                    note="" if committed else "Financement attendu, non encore signé (démo)",
                )
                sources.append(self._with_eur(source))
        Cost.objects.bulk_create(costs)
        FundingSource.objects.bulk_create(sources)

    def _with_eur(self, money):
        money.amount_eur = self.plan.to_eur(money.amount, money.currency)
        return money

    def _targets(self):
        targets = []
        for indicator, spec in self.indicators:
            if spec.target is None:
                continue
            baseline = spec.baseline or 0
            span = data.END_YEAR - data.START_YEAR + 1
            for index, year in enumerate(range(data.START_YEAR, data.END_YEAR + 1), 1):
                if spec.kind == "yes_no":
                    value = Decimal(1) if year >= 2019 else Decimal(0)
                else:
                    value = _decimal(round(baseline + (spec.target - baseline) * index / span))
                targets.append(
                    Target(indicator=indicator, period_start=D(year, 1, 1), period_end=D(year, 12, 31), value=value)
                )
        Target.objects.bulk_create(targets)

    def _rounds(self):
        measurements, reports = [], []
        for number, (title_fr, title_en, year, status) in enumerate(data.ROUNDS):
            reported_at, validated_at = _reporting_dates(year)
            round_ = MonitoringRound.objects.create(
                plan=self.plan,
                title_fr=title_fr,
                title_en=title_en,
                period_start=D(year, 1, 1),
                period_end=D(year, 12, 31),
                due_date=D(year + 1, 3, 31),
                status=status,
            )
            for position, (indicator, spec) in enumerate(self.indicators):
                if spec.target is None and spec.baseline is None:
                    continue
                state = "validated" if number == 0 else SECOND_ROUND[position % len(SECOND_ROUND)]
                reporter = self.users.get(indicator.responsible_institution_id, self.secretariat)
                measurements.append(
                    Measurement(
                        indicator=indicator,
                        round=round_,
                        period_start=round_.period_start,
                        period_end=round_.period_end,
                        value=self._actual(spec, year),
                        evidence=f"Rapport annuel {year} de {indicator.responsible_institution} (démo)",
                        status=state,
                        reported_by=reporter if state != "draft" else None,
                        reported_at=reported_at if state != "draft" else None,
                        validated_by=self.secretariat if state == "validated" else None,
                        validated_at=validated_at if state == "validated" else None,
                        comment="Chiffre à vérifier avec la liste nominative (démo)." if state == "reopened" else "",
                    )
                )
            for position, (action, spec) in enumerate(self.actions):
                if spec.start[0] > year:
                    continue
                reports.append(
                    ActionReport(
                        round=round_,
                        action=action,
                        status=self._status(spec, year, position),
                        progress=f"Avancement {year} rapporté par {action.lead_institution} (démo).",
                        validated=number == 0 or position % 3 != 1,
                        reported_by=self.users.get(action.lead_institution_id, self.secretariat),
                    )
                )
        Measurement.objects.bulk_create(measurements)
        Breakdown.objects.bulk_create(self._breakdowns(measurements))
        ActionReport.objects.bulk_create(reports)
        latest = {}
        for report in reports:  # the second round's report comes last
            latest[report.action_id] = report.status
        for action, _spec in self.actions:
            status = latest.get(action.pk, Action.Status.NOT_STARTED)
            if action.status != status:
                action.status = status
                action.save(update_fields=["status", "updated_at"])

    def _breakdowns(self, measurements):
        """Reported numbers of people split by sex and age where the indicator asks for it, with a small unknown
        rest — generated like the totals, for the demo."""
        parts = []
        for measurement in measurements:
            indicator = measurement.indicator
            if indicator.kind != Indicator.Kind.NUMBER or not measurement.value or measurement.status == "draft":
                continue
            total = int(measurement.value)
            known = total - int(total * self.rng.uniform(0, 0.05))
            splits = {"sex": ("female", "male", 0.25, 0.5), "age": ("minor", "adult", 0.1, 0.35)}
            for dimension, (first, second, low, high) in splits.items():
                if dimension in indicator.disaggregation:
                    share = int(known * self.rng.uniform(low, high))
                    for category, value in ((first, share), (second, known - share)):
                        parts.append(
                            Breakdown(measurement=measurement, dimension=dimension, category=category, value=value)
                        )
        return parts

    def _actual(self, spec, year):
        if spec.kind == "yes_no":
            return Decimal(1) if year >= 2019 and spec.target else Decimal(0)
        baseline = spec.baseline or 0
        if spec.target is None:
            return _decimal(round(baseline * (1 + self.rng.uniform(-0.1, 0.3))))
        expected = (spec.target - baseline) * (year - data.START_YEAR + 1) / (data.END_YEAR - data.START_YEAR + 1)
        pace = random.Random(spec.code).uniform(0.55, 1.15)  # each indicator keeps its pace: no year goes back
        value = baseline + expected * pace
        if spec.kind == "percentage":
            value = min(value, 100)
        return _decimal(round(value))

    @staticmethod
    def _status(spec, year, position):
        if spec.end[0] <= year:
            return Action.Status.COMPLETED if position % 4 else Action.Status.DELAYED
        return Action.Status.DELAYED if position % 5 == 2 else Action.Status.ONGOING


def _reporting_dates(year):
    """When a year's figures were reported and validated: in the round's reporting window, before its due date
    (31 March of the next year) — not when the demo was loaded."""
    niamey = zoneinfo.ZoneInfo("Africa/Niamey")
    reported = datetime.datetime(year + 1, 2, 14, 10, 0, tzinfo=niamey)
    validated = datetime.datetime(year + 1, 3, 14, 11, 0, tzinfo=niamey)
    return reported, validated


def _decimal(value):
    return None if value is None else Decimal(str(value))
