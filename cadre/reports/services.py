"""Every write of the reports app: the evidence chosen for each expected result."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cadre.core.services import change_by

from .models import Evidence

MEASURE_ORDER = {measure: index for index, measure in enumerate(Evidence.Measure.values)}


def set_evidence(result, *, measures, themes=(), by) -> bool:
    """Make `measures` the evidence of `result`; `themes` count for its knowledge gain (none: every theme).

    Writes only what changes (an unchanged choice records nothing) and returns whether anything changed.
    """
    measures = list(dict.fromkeys(measures))
    unknown = [measure for measure in measures if measure not in MEASURE_ORDER]
    if unknown:
        raise ValidationError(_("Unknown measure: %(value)s.") % {"value": ", ".join(unknown)})
    if any(theme.workspace_id != result.workspace_id for theme in themes):
        raise ValidationError(_("This theme is not one of this workspace's themes."))
    if themes and Evidence.Measure.KNOWLEDGE_GAIN not in measures:
        raise ValidationError(_("Themes count only for the knowledge gain: tick that measure or untick the themes."))
    changed = False
    with change_by(by):
        existing = {evidence.measure: evidence for evidence in Evidence.objects.filter(expected_result=result)}
        for measure, evidence in existing.items():
            if measure not in measures:
                evidence.delete()
                changed = True
        for measure in measures:
            evidence = existing.get(measure)
            if evidence is None:
                evidence = Evidence.objects.create(
                    expected_result=result, measure=measure, order=MEASURE_ORDER[measure]
                )
                changed = True
            wanted = {theme.pk for theme in themes} if measure == Evidence.Measure.KNOWLEDGE_GAIN else set()
            if set(evidence.themes.values_list("pk", flat=True)) != wanted:
                evidence.themes.set(wanted)
                changed = True
    return changed
