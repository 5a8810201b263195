"""The reports demo: the evidence behind each of the 5 expected results of the seed, in the main Niger workspace.

The figures themselves are computed from the meetings, assessments and drafting demos. `load()` is idempotent
and leaves alone a result whose evidence was chosen already (by an earlier load or by the secretariat).
"""

from django.utils.translation import gettext as _

from cadre.core.services import change_by
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.models import Workspace

from .models import Evidence

Measure = Evidence.Measure

# expected result number (cadre.workspaces.demo.MAIN_RESULTS): [(measure, theme codes counted for knowledge gain)]
EVIDENCE = {
    1: [(Measure.SELF_ASSESSMENT, [])],
    2: [(Measure.STRATEGY_PROGRESS, [])],
    3: [(Measure.KNOWLEDGE_GAIN, ["border-management", "vulnerable-migrants"])],
    4: [(Measure.KNOWLEDGE_GAIN, ["detection", "investigation"])],
    5: [(Measure.COORDINATION, [])],
}


def load(*, by=None) -> list[str]:
    """Choose the evidence of each expected result that has none yet; returns a line to print."""
    workspace = Workspace.objects.filter(slug=workspace_demo.MAIN_SLUG).first()
    if workspace is None:
        workspace_demo.load(by=by)
        workspace = Workspace.objects.get(slug=workspace_demo.MAIN_SLUG)
    themes = {theme.code: theme for theme in workspace.themes.all()}
    results = {result.number: result for result in workspace.expected_results.all()}
    with change_by(by):
        for number, measures in EVIDENCE.items():
            result = results.get(number)
            if result is None or Evidence.objects.filter(expected_result=result).exists():
                continue
            for measure, codes in measures:
                evidence = Evidence.objects.create(
                    expected_result=result, measure=measure, order=Measure.values.index(measure)
                )
                if codes:
                    evidence.themes.set([themes[code] for code in codes])
    return [
        _("Reports demo: evidence chosen for %(results)s of %(total)s expected results.")
        % {
            "results": workspace.expected_results.filter(evidence__isnull=False).distinct().count(),
            "total": len(results),
        }
    ]
