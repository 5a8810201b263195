"""Interventions: the list, one intervention, entering and editing, themes; the interview checklist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.deletion import refusal_message
from cadre.core.navigation import panels_for
from cadre.core.views import parse_int, render_page
from cadre.directory.models import Institution
from cadre.workspaces.queries import get_workspace_for_user

from .. import analysis, queries, services
from ..forms import FilterForm, InterventionForm, InterviewForm, LocationFormSet, ParticipationFormSet
from ..models import Intervention, MappingInterview, Participation, ThemeSuggestion

PAGE_SIZE = 50


def _context(workspace, **extra):
    return {"workspace": workspace, "membership": workspace.membership, **extra}


def filtered(request, workspace):
    """The filter form and the interventions it selects (shared by the list, matrix, charts and exports)."""
    form = FilterForm(request.GET or None, workspace=workspace)
    return form, queries.interventions_of(workspace, form.criteria())


@login_required
def intervention_list(request, slug):
    workspace = get_workspace_for_user(request.user, slug)
    form, interventions = filtered(request, workspace)
    criteria = form.criteria()
    version = queries.data_version(workspace)
    count, total_budget = queries.cached(
        workspace,
        criteria,
        "summary",
        lambda: (interventions.order_by().count(), analysis.budget_total(interventions)),
        version=version,
    )
    paginator = Paginator(interventions.order_by("title_fr", "title_en", "pk"), PAGE_SIZE)
    paginator.count = count  # counted once per version of the data, not on every page
    page = paginator.get_page(request.GET.get("page"))
    membership = workspace.membership
    for intervention in page.object_list:
        intervention.workspace = workspace
        _roles(intervention)
    context = _context(
        workspace,
        filters=form,
        page=page,
        total_budget=total_budget,
        can_add=membership.can("contribute_mapping"),
        can_import=membership.can("import_mapping"),
        query=request.GET.urlencode(),
    )
    return render_page(request, "mapping/intervention_list.html", context, partial="results")


def _roles(intervention, participations=None):
    """Group the participations (prefetched unless given) by role for display."""
    intervention.by_role = {role: [] for role, _label in Participation.Role.choices}
    for participation in participations if participations is not None else intervention.participations.all():
        intervention.by_role[participation.role].append(participation.institution)


@login_required
def intervention_detail(request, slug, pk):
    intervention = queries.get_intervention_for_user(request.user, slug, pk)
    workspace = intervention.workspace
    _roles(intervention, intervention.participations.select_related("institution"))
    suggestions = list(
        ThemeSuggestion.objects.filter(intervention=intervention, status=ThemeSuggestion.Status.PROPOSED)
        .select_related("theme")
        .order_by("-score")
    )
    context = _context(
        workspace,
        intervention=intervention,
        themes=list(intervention.themes.order_by("order", "pk")),
        suggestions=suggestions,
        locations=list(intervention.locations.select_related("area", "area__region")),
        children=list(intervention.children.order_by("title_fr")),
        can_edit=queries.can_edit_intervention(workspace.membership, intervention),
        can_decide_themes=workspace.membership.can("import_mapping"),
        other_themes=list(workspace.themes.exclude(pk__in=[t.pk for t in intervention.themes.all()])),
        interviews=list(intervention.confirmed_in.select_related("institution")),
        # Boxes the apps above mapping add (the action plan: the indicators and actions of this intervention).
        panels=panels_for("mapping.intervention", intervention, workspace.membership),
    )
    return render(request, "mapping/intervention_detail.html", context)


def _edit(request, workspace, intervention=None):
    membership = workspace.membership
    creating = intervention is None
    instance = intervention or Intervention(workspace=workspace)
    form = InterventionForm(request.POST or None, instance=instance, workspace=workspace)
    initial = []
    if creating and membership.role != "secretariat" and membership.institution_id:
        initial = [{"role": Participation.Role.IMPLEMENTING, "institution": membership.institution_id}]
    participations = ParticipationFormSet(request.POST or None, instance=instance, prefix="org", initial=initial)
    locations = LocationFormSet(
        request.POST or None, instance=instance, prefix="place", form_kwargs={"country": workspace.country}
    )
    if request.method == "POST" and form.is_valid() and participations.is_valid() and locations.is_valid():
        try:
            with transaction.atomic():
                saved = services.save_intervention(form, participations, locations, by=request.user)
                analysis.refresh_cells([saved])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The intervention “%(name)s” was saved.") % {"name": saved})
            return redirect(saved.get_absolute_url())
    title = _("New intervention") if creating else _("Edit “%(name)s”") % {"name": intervention}
    cancel = (
        intervention.get_absolute_url() if intervention else reverse("mapping:interventions", args=[workspace.slug])
    )
    context = _context(
        workspace, form=form, participations=participations, locations=locations, title=title, cancel_url=cancel
    )
    return render(request, "mapping/intervention_form.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def intervention_create(request, slug):
    workspace = get_workspace_for_user(request.user, slug, "contribute_mapping")
    return _edit(request, workspace)


@login_required
@require_http_methods(["GET", "POST"])
def intervention_edit(request, slug, pk):
    intervention = queries.get_intervention_for_user(request.user, slug, pk, "edit")
    return _edit(request, intervention.workspace, intervention)


@login_required
@require_http_methods(["GET", "POST"])
def intervention_delete(request, slug, pk):
    intervention = queries.get_intervention_for_user(request.user, slug, pk, "import_mapping")
    workspace = intervention.workspace
    warning, status = "", 200
    if request.method == "POST":
        name = str(intervention)
        try:
            services.delete_intervention(intervention, by=request.user)
        except (ProtectedError, RestrictedError) as error:
            warning = refusal_message(name, error)
            status = 400
        else:
            messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
            return redirect("mapping:interventions", workspace.slug)
    return render(
        request,
        "workspaces/confirm_delete.html",
        _context(workspace, object=intervention, cancel_url=intervention.get_absolute_url(), warning=warning),
        status=status,
    )


@login_required
@require_POST
def intervention_themes(request, slug, pk):
    """Confirm or reject a theme (proposed or not); `confirm_running` records that it is still under way."""
    action = request.POST.get("action")
    if action == "confirm_running":
        intervention = queries.get_intervention_for_user(request.user, slug, pk, "edit")
        services.confirm_still_running(intervention, by=request.user)
        messages.success(request, _("Recorded as confirmed today."))
        return redirect(intervention.get_absolute_url())
    intervention = queries.get_intervention_for_user(request.user, slug, pk, "import_mapping")
    theme = get_object_or_404(intervention.workspace.themes, pk=parse_int(request.POST.get("theme")))
    if action == "confirm":
        services.confirm_theme(intervention, theme, by=request.user)
    elif action == "reject":
        services.reject_theme(intervention, theme, by=request.user)
    else:
        messages.error(request, _("Unknown action."))
        return redirect(intervention.get_absolute_url())
    analysis.refresh_cells([intervention])
    return redirect(intervention.get_absolute_url())


# --- who does what where ---------------------------------------------------------------------------------


@login_required
def matrix(request, slug):
    workspace = get_workspace_for_user(request.user, slug)
    form, interventions = filtered(request, workspace)
    criteria = form.criteria()
    version = queries.data_version(workspace)
    result = queries.cached(
        workspace, criteria, "matrix", lambda: analysis.matrix(workspace, interventions), version=version
    )
    found, complete = queries.cached(
        workspace, criteria, "overlaps", lambda: analysis.overlaps(workspace, interventions), version=version
    )
    context = _context(
        workspace,
        filters=form,
        matrix=result,
        overlaps=found,
        overlaps_complete=complete,
        tiles=_tiles(result),
        query=request.GET.urlencode(),
    )
    return render_page(request, "mapping/matrix.html", context, partial="results")


# A schematic map of Niger: each region a tile placed roughly where it lies (west → east, north → south).
TILE_POSITIONS = {
    "NE-1": (3, 0),  # Agadez
    "NE-2": (5, 2),  # Diffa
    "NE-3": (1, 2),  # Dosso
    "NE-4": (3, 2),  # Maradi
    "NE-5": (2, 1),  # Tahoua
    "NE-6": (0, 1),  # Tillabéri
    "NE-7": (4, 2),  # Zinder
    "NE-8": (1, 3),  # Niamey
}


def _tiles(result):
    """Regions as tiles with a shade by how many interventions cover them (none: a gap)."""
    counts = {pk: total["count"] for pk, total in result.region_totals.items() if pk}
    highest = max(counts.values(), default=0)
    tiles = []
    for region in result.regions:
        x, y = TILE_POSITIONS.get(region.code, (len(tiles) % 6, 4 + len(tiles) // 6))
        count = counts.get(region.pk, 0)
        shade = 0 if not count else 1 + min(3, int(3 * count / max(1, highest)))
        tiles.append({"region": region, "x": x * 110 + 5, "y": y * 70 + 5, "count": count, "shade": shade})
    return tiles


@login_required
def duplicates(request, slug):
    workspace = get_workspace_for_user(request.user, slug)
    form, interventions = filtered(request, workspace)
    pairs = analysis.duplicates(workspace, interventions)
    return render(request, "mapping/duplicates.html", _context(workspace, filters=form, pairs=pairs))


@login_required
def charts(request, slug):
    workspace = get_workspace_for_user(request.user, slug)
    form, interventions = filtered(request, workspace)
    bars = {
        dimension: _bars(analysis.totals_by(interventions, dimension)) for dimension in ("theme", "funder", "region")
    }
    timeline_page = Paginator(
        interventions.select_related(None)
        .prefetch_related(None)
        .order_by("planned_start", "actual_start", "pk")
        .only(
            "pk",
            "workspace_id",
            "title_fr",
            "title_en",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "status",
            "iati_identifier",
            "code",
        ),
        40,
    ).get_page(request.GET.get("page"))
    for intervention in timeline_page.object_list:
        intervention.workspace = workspace
    context = _context(
        workspace, filters=form, bars=bars, timeline=_timeline(timeline_page.object_list), page=timeline_page
    )
    return render(request, "mapping/charts.html", context)


def _bars(rows, limit=15):
    """Horizontal bars: each row's budget as a share of the largest."""
    rows = rows[:limit]
    largest = max((float(budget or 0) for _label, _count, budget in rows), default=0) or 1
    return [
        {"label": label, "count": count, "budget": budget, "width": round(100 * float(budget or 0) / largest, 1)}
        for label, count, budget in rows
    ]


def _timeline(interventions):
    """Bars positioned in percent of the span of the shown interventions' dates."""
    spans = [(i, i.start, i.end) for i in interventions]
    starts = [s for _i, s, _e in spans if s]
    ends = [e for _i, _s, e in spans if e] + starts
    if not starts:
        return {"rows": [(i, None, None) for i, _s, _e in spans], "years": []}
    first, last = min(starts), max(ends)
    total = max(1, (last - first).days)
    rows = []
    for intervention, start, end in spans:
        if not start:
            rows.append((intervention, None, None))
            continue
        left = 100 * (start - first).days / total
        width = max(0.8, 100 * ((end or last) - start).days / total)
        rows.append((intervention, round(left, 2), round(min(width, 100 - left), 2)))
    years = [
        (year, round(100 * (max(first, first.replace(year=year, month=1, day=1)) - first).days / total, 2))
        for year in range(first.year, last.year + 1)
    ]
    return {"rows": rows, "years": years}


# --- mapping interviews ----------------------------------------------------------------------------------


@login_required
def interview_list(request, slug):
    """The checklist of Activity 1: every institution to meet, whether it was met, what was confirmed."""
    workspace = get_workspace_for_user(request.user, slug)
    interviews = {interview.institution_id: interview for interview in queries.interviews_of(workspace)}
    for interview in interviews.values():
        interview.workspace = workspace
    institution_ids = set(interviews) | set(
        workspace.memberships.exclude(institution=None).values_list("institution_id", flat=True)
    )
    institution_ids |= set(
        Participation.objects.filter(intervention__workspace=workspace, role=Participation.Role.IMPLEMENTING)
        .values_list("institution_id", flat=True)
        .distinct()
    )
    rows = [
        (institution, interviews.get(institution.pk))
        for institution in Institution.objects.filter(pk__in=institution_ids).order_by("name_fr")
    ]
    done = sum(1 for _i, interview in rows if interview and interview.status == MappingInterview.Status.DONE)
    context = _context(workspace, rows=rows, done=done, can_manage=workspace.membership.can("import_mapping"))
    return render(request, "mapping/interview_list.html", context)


@login_required
def interview_detail(request, slug, pk):
    interview = queries.get_interview_for_user(request.user, slug, pk)
    confirmed = list(interview.confirmed.all())
    for intervention in confirmed:
        intervention.workspace = interview.workspace
    context = _context(
        interview.workspace,
        interview=interview,
        confirmed=confirmed,
        can_manage=interview.workspace.membership.can("import_mapping"),
    )
    return render(request, "mapping/interview_detail.html", context)


def _interview_form(request, workspace, interview=None):
    instance = interview or MappingInterview(workspace=workspace)
    initial = {"institution": request.GET.get("institution")} if interview is None else None
    form = InterviewForm(request.POST or None, instance=instance, workspace=workspace, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.save_interview(form, by=request.user)
        messages.success(request, _("The mapping interview with %(name)s was saved.") % {"name": saved.institution})
        return redirect(saved.get_absolute_url())
    title = _("Mapping interview") if interview is None else _("Interview with %(name)s") % {"name": interview}
    cancel = interview.get_absolute_url() if interview else reverse("mapping:interviews", args=[workspace.slug])
    context = _context(workspace, form=form, title=title, cancel_url=cancel)
    return render(request, "form_page.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def interview_create(request, slug):
    workspace = get_workspace_for_user(request.user, slug, "import_mapping")
    return _interview_form(request, workspace)


@login_required
@require_http_methods(["GET", "POST"])
def interview_edit(request, slug, pk):
    interview = queries.get_interview_for_user(request.user, slug, pk, "import_mapping")
    return _interview_form(request, interview.workspace, interview)
