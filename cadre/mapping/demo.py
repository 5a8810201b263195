"""The mapping demo: the real EU Trust Fund projects in Niger, imported by the same code as any upload, plus
mapping interviews of Activity 1.

The EUTF file (../shared/data/eutf/eutf_projects_niger.csv, copied into demo_data/ because the shared folder
is not part of a deployment) is public data: nothing in it is invented. The interviews are demo records and
say so in their notes; they confirm real projects of the institutions met. Running it again changes nothing.
"""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from cadre.core.services import change_by
from cadre.directory.models import Institution
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.models import Workspace

from . import analysis, services, themes
from .imports import import_file
from .models import Intervention, MappingInterview, ThemeSuggestion

EUTF_FILE = Path(__file__).resolve().parent / "demo_data" / "eutf_projects_niger.csv"
CLEAR_SCORE = 4  # a proposed theme this well supported is confirmed by the demo secretariat; the rest stay proposed
SOURCE_NOTE = "EUTF for Africa, public IATI data (Akvo RSR, Dec 2021) — eutf_projects_niger.csv"

# institution (by French name or acronym), date, people met, what was learnt — demo notes, labelled as such
INTERVIEWS = [
    (
        "Organisation internationale pour les migrations",
        datetime.date(2016, 6, 14),
        "Chef de mission et chargé de programme (démo)",
        "Notes de démonstration. L'OIM présente ses centres de transit et son mécanisme d'assistance aux "
        "migrants ; elle confirme ses projets financés par le Fonds fiduciaire et souhaite que la stratégie "
        "prévoie un mécanisme national d'orientation des migrants vulnérables.",
    ),
    (
        "GIZ",
        datetime.date(2016, 6, 15),
        "Responsable du programme migration (démo)",
        "Notes de démonstration. Appui aux communes d'Agadez touchées par les flux migratoires ; demande une "
        "meilleure coordination avec les autres partenaires intervenant dans la région.",
    ),
]


# Entered by hand after a demo interview: fictitious, and titled so that nobody takes them for real projects.
HAND_ENTERED = [
    {
        "code": "DEMO-ANLTP-1",
        "title_fr": "Exemple de démonstration : sensibilisation aux risques du trafic illicite de migrants à Agadez",
        "title_en": "Demo example: awareness of the risks of migrant smuggling in Agadez",
        "institution": "ANLTP/TIM",
        "region": "NE-1",
        "theme": "detection",
        "start": datetime.date(2016, 9, 1),
        "end": datetime.date(2017, 8, 31),
    },
    {
        "code": "DEMO-ANLTP-2",
        "title_fr": "Exemple de démonstration : formation des acteurs judiciaires à la loi 2015-36",
        "title_en": "Demo example: training of judicial actors on Law 2015-36",
        "institution": "ANLTP/TIM",
        "region": "NE-8",
        "theme": "investigation",
        "start": datetime.date(2017, 1, 1),
        "end": datetime.date(2017, 12, 31),
    },
]


def load(*, by=None):
    """Import the EUTF projects into the main Niger workspace and record the interviews; returns a line."""
    workspace = Workspace.objects.filter(slug=workspace_demo.MAIN_SLUG).first()
    if workspace is None:
        workspace_demo.load(by=by)
        workspace = Workspace.objects.get(slug=workspace_demo.MAIN_SLUG)
    with transaction.atomic():
        _reading, the_plan, _applied = import_file(workspace, EUTF_FILE, "eutf", by=by, source_note=SOURCE_NOTE)
        changed = [line for line in the_plan.lines if line.action in ("create", "update")]
        if changed:
            themes.suggest_themes(workspace)
            _confirm_clear_suggestions(workspace, by)
            analysis.refresh_cells(Intervention.objects.filter(workspace=workspace))
        _interviews(workspace, by)
        _hand_entered(workspace, by)
    summary = the_plan.summary()
    return [
        _("Mapping demo: %(count)s EU Trust Fund interventions (%(created)s new), %(interviews)s interviews.")
        % {
            "count": Intervention.objects.filter(workspace=workspace).count(),
            "created": summary["create"],
            "interviews": MappingInterview.objects.filter(workspace=workspace).count(),
        }
    ]


def _confirm_clear_suggestions(workspace, by):
    """As the secretariat would after the import: confirm each intervention's clearest proposed theme."""
    secretariat = by or workspace.memberships.filter(role="secretariat").order_by("pk").first().user
    best = {}
    for suggestion in ThemeSuggestion.objects.filter(
        intervention__workspace=workspace, status=ThemeSuggestion.Status.PROPOSED, score__gte=CLEAR_SCORE
    ).select_related("intervention", "theme"):
        if suggestion.intervention_id not in best or suggestion.score > best[suggestion.intervention_id].score:
            best[suggestion.intervention_id] = suggestion
    for suggestion in best.values():
        services.confirm_theme(suggestion.intervention, suggestion.theme, by=secretariat)


def _hand_entered(workspace, by):
    from cadre.directory.models import AdminArea

    from .models import Location, Participation

    with change_by(by):
        for item in HAND_ENTERED:
            if Intervention.objects.filter(workspace=workspace, code=item["code"]).exists():
                continue
            institution = Institution.objects.filter(acronym=item["institution"]).first()
            intervention = Intervention.objects.create(
                workspace=workspace,
                code=item["code"],
                title_fr=item["title_fr"],
                title_en=item["title_en"],
                status=Intervention.Status.COMPLETED,
                planned_start=item["start"],
                planned_end=item["end"],
                source=Intervention.Source.INTERVIEW,
                source_note="Entretien de démonstration",
                last_confirmed=item["start"],
            )
            if institution is not None:
                Participation.objects.create(intervention=intervention, institution=institution, role="implementing")
            area = AdminArea.objects.filter(code=item["region"]).first()
            if area is not None:
                Location.objects.create(intervention=intervention, scope=Location.Scope.AREA, area=area)
            theme = workspace.themes.filter(code=item["theme"]).first()
            if theme is not None:
                intervention.themes.add(theme)
            analysis.refresh_cells([intervention])


def _interviews(workspace, by):
    with change_by(by):
        for name, day, met, notes in INTERVIEWS:
            institution = (
                Institution.objects.filter(name_fr__iexact=name).first()
                or Institution.objects.filter(acronym__iexact=name).first()
                or Institution.objects.filter(name_fr__icontains=name).first()
            )
            if (
                institution is None
                or MappingInterview.objects.filter(workspace=workspace, institution=institution).exists()
            ):
                continue
            interview = MappingInterview.objects.create(
                workspace=workspace,
                institution=institution,
                date=day,
                status=MappingInterview.Status.DONE,
                interviewers="Secrétariat du comité (démo)",
                met=met,
                notes=notes,
            )
            confirmed = Intervention.objects.filter(workspace=workspace, participations__institution=institution)
            interview.confirmed.set(confirmed.distinct()[:10])
            for intervention in interview.confirmed.filter(last_confirmed__isnull=True):
                intervention.last_confirmed = day
                intervention.save(update_fields=["last_confirmed", "updated_at"])
