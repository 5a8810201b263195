"""Boxes the planning app adds to lower apps' pages (registered in PlanningConfig.ready()).

On a mapped intervention's page: the plan actions it contributes to, and the indicators of its own logframe
(imported from its results file) with their latest target and actual.
"""

from django.db.models import Prefetch

from .models import Contribution, Indicator, Measurement, Target


def intervention_plan(intervention, membership):
    if membership is None or not membership.can("view"):
        return None
    contributions = list(
        Contribution.objects.filter(intervention=intervention)
        .select_related("action", "action__plan", "action__lead_institution")
        .order_by("action__plan__start_year", "action__code", "pk")
    )
    indicators = list(
        Indicator.objects.filter(intervention=intervention)
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("-period_end", "-pk")),
            Prefetch(
                "measurements",
                queryset=Measurement.objects.filter(status=Measurement.Status.VALIDATED).order_by("-period_end", "-pk"),
            ),
        )
        .order_by("order", "code", "pk")
    )
    if not contributions and not indicators:
        return None
    rows = []
    for indicator in indicators:
        targets, actuals = list(indicator.targets.all()), list(indicator.measurements.all())
        rows.append(
            {
                "indicator": indicator,
                "target": targets[0] if targets else None,
                "actual": actuals[0] if actuals else None,
            }
        )
    return {"intervention": intervention, "contributions": contributions, "indicators": rows}
