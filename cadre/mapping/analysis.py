"""Who does what where: the matrix of themes × regions, its gaps and overlaps, likely duplicates, totals.

The matrix is a GROUP BY over `Cell` rows (one per intervention × theme × region), kept in step by
`refresh_cells` after every save and import. Budgets: an intervention covering several cells counts in each
cell, but only once in a total; a child (a contract under a decision) is left out of totals when its parent
is counted, so nothing is counted twice.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from cadre.directory.models import AdminArea, Institution
from cadre.workspaces.models import Theme

from .models import Cell, Intervention, Location, Participation

OVERLAP_LIMIT = 5000  # overlaps are listed for at most this many interventions (filter to narrow)
FAR_FUTURE = date(9999, 12, 31)
FAR_PAST = date(1, 1, 1)


def refresh_cells(interventions):
    """Rebuild the matrix rows of these interventions (ids or objects)."""
    ids = [getattr(item, "pk", item) for item in interventions]
    if not ids:
        return
    for start in range(0, len(ids), 2000):
        _refresh_chunk(ids[start : start + 2000])


def _refresh_chunk(ids):
    Cell.objects.filter(intervention_id__in=ids).delete()
    themes = defaultdict(set)
    for intervention_id, theme_id in Intervention.themes.through.objects.filter(intervention_id__in=ids).values_list(
        "intervention_id", "theme_id"
    ):
        themes[intervention_id].add(theme_id)
    regions, national = defaultdict(set), set()
    for intervention_id, scope, area_id, kind, region_id in Location.objects.filter(
        intervention_id__in=ids
    ).values_list("intervention_id", "scope", "area_id", "area__kind", "area__region_id"):
        if scope == Location.Scope.NATIONAL:
            national.add(intervention_id)
        elif scope == Location.Scope.AREA and area_id:
            regions[intervention_id].add(area_id if kind == AdminArea.Kind.REGION else region_id)
    cells = []
    for intervention_id, workspace_id in Intervention.objects.filter(pk__in=ids).values_list("pk", "workspace_id"):
        covered = {region for region in regions[intervention_id] if region} or {None}
        for theme_id in themes[intervention_id] or {None}:
            for region_id in covered:
                cells.append(
                    Cell(
                        intervention_id=intervention_id,
                        workspace_id=workspace_id,
                        theme_id=theme_id,
                        region_id=region_id,
                        national=region_id is None and intervention_id in national,
                    )
                )
    Cell.objects.bulk_create(cells, batch_size=1000)


@dataclass
class Matrix:
    themes: list
    regions: list
    cells: dict  # (theme_id | None, region_id | None) → {"count", "budget", "actors": [names]}
    theme_totals: dict = field(default_factory=dict)
    region_totals: dict = field(default_factory=dict)
    total_count: int = 0
    total_budget: Decimal = Decimal(0)
    gaps_themes: list = field(default_factory=list)
    gaps_regions: list = field(default_factory=list)
    empty_cells: int = 0

    def rows(self):
        """[(theme or None, [cell or None per region + national column])] for the template."""
        columns = [region.pk for region in self.regions] + [None]
        themes = list(self.themes)
        if any(key[0] is None for key in self.cells):
            themes.append(None)
        return [
            (
                theme,
                [self.cells.get((theme.pk if theme else None, column)) for column in columns],
                self.theme_totals.get(theme.pk if theme else None),
            )
            for theme in themes
        ]


def matrix(workspace, interventions) -> Matrix:
    """The themes × regions matrix of a (filtered) intervention queryset."""
    ids = interventions.values("pk")
    themes = list(workspace.themes.order_by("order", "pk"))
    regions = list(AdminArea.objects.filter(country=workspace.country, kind=AdminArea.Kind.REGION).order_by("name"))
    cells_qs = Cell.objects.filter(workspace=workspace, intervention__in=ids)
    counted = Q(intervention__parent__isnull=True) | ~Q(intervention__parent__in=ids)
    cells = {}
    for row in cells_qs.values("theme_id", "region_id").annotate(
        count=Count("intervention_id"), budget=Sum("intervention__budget_eur", filter=counted)
    ):
        cells[(row["theme_id"], row["region_id"])] = {
            "count": row["count"],
            "budget": row["budget"] or 0,
            "actors": [],
            "region_id": row["region_id"],
        }
    actors = defaultdict(list)
    # The three main implementers of each cell, ranked in the database: only those rows come back.
    ranked = (
        Cell.objects.filter(workspace=workspace, intervention__in=ids)
        .filter(intervention__participations__role=Participation.Role.IMPLEMENTING)
        .values("theme_id", "region_id", "intervention__participations__institution_id")
        .annotate(n=Count("intervention_id"))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("theme_id"), F("region_id")],
                order_by=[F("n").desc(), F("intervention__participations__institution_id").asc()],
            )
        )
        .filter(rank__lte=3)
        .order_by("theme_id", "region_id", "rank")
    )
    rows = list(ranked)
    names = {
        pk: institution.acronym or institution.name
        for pk, institution in Institution.objects.only("pk", "acronym", "name_fr", "name_en")
        .in_bulk({row["intervention__participations__institution_id"] for row in rows})
        .items()
    }
    for row in rows:
        actors[(row["theme_id"], row["region_id"])].append(
            names.get(row["intervention__participations__institution_id"], "?")
        )
    for key, names in actors.items():
        if key in cells:
            cells[key]["actors"] = names
    result = Matrix(themes=themes, regions=regions, cells=cells)
    for theme_id, count, budget in _by_theme(interventions):
        result.theme_totals[theme_id] = {"count": count, "budget": budget}
    for row in cells_qs.values("region_id").annotate(count=Count("intervention_id", distinct=True)):
        result.region_totals[row["region_id"]] = {"count": row["count"]}
    totals = interventions.order_by().aggregate(
        count=Count("pk"), budget=Sum("budget_eur", filter=Q(parent__isnull=True) | ~Q(parent__in=ids))
    )
    result.total_count, result.total_budget = totals["count"], totals["budget"] or Decimal(0)
    covered_themes = {key[0] for key in cells}
    covered_regions = {key[1] for key in cells}
    result.gaps_themes = [theme for theme in themes if theme.pk not in covered_themes]
    result.gaps_regions = [region for region in regions if region.pk not in covered_regions]
    result.empty_cells = sum(1 for t in themes for r in regions if (t.pk, r.pk) not in cells)
    return result


def budget_total(interventions) -> Decimal:
    """The EUR total of a list, counting a child only when its parent is not in the list."""
    ids = interventions.values("pk")
    total = interventions.order_by().aggregate(
        budget=Sum("budget_eur", filter=Q(parent__isnull=True) | ~Q(parent__in=ids))
    )["budget"]
    return total or Decimal(0)


@dataclass
class Overlap:
    theme: object
    region: object
    first: object
    second: object
    actors_first: list
    actors_second: list


def overlaps(workspace, interventions, *, limit=100):
    """Pairs of interventions on the same theme in the same region, at the same time, by different actors.

    Returns (overlaps, complete): `complete` is False when the list is too long to examine (filter it).
    """
    ids = list(interventions.values_list("pk", flat=True)[: OVERLAP_LIMIT + 1])
    if len(ids) > OVERLAP_LIMIT:
        return [], False
    periods = {
        pk: (start or FAR_PAST, end or FAR_FUTURE)
        for pk, start, end in Intervention.objects.filter(pk__in=ids).values_list(
            "pk", _first("actual_start", "planned_start"), _first("actual_end", "planned_end")
        )
    }
    actors = defaultdict(set)
    for intervention_id, institution_id in Participation.objects.filter(
        intervention_id__in=ids, role=Participation.Role.IMPLEMENTING
    ).values_list("intervention_id", "institution_id"):
        actors[intervention_id].add(institution_id)
    by_cell = defaultdict(list)
    for intervention_id, theme_id, region_id in Cell.objects.filter(
        intervention_id__in=ids, theme__isnull=False, region__isnull=False
    ).values_list("intervention_id", "theme_id", "region_id"):
        by_cell[(theme_id, region_id)].append(intervention_id)
    found = []
    for (theme_id, region_id), members in by_cell.items():
        members.sort(key=lambda pk: periods[pk][0])
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                if periods[second][0] > periods[first][1]:
                    break  # sorted by start: no later one overlaps `first`
                if actors[first] and actors[second] and not actors[first] & actors[second]:
                    found.append((theme_id, region_id, first, second))
                    if len(found) >= limit:
                        return _materialise(workspace, found, actors), True
    return _materialise(workspace, found, actors), True


def _first(*names):
    return Coalesce(*names)


def _materialise(workspace, found, actors):
    ids = {pk for _t, _r, a, b in found for pk in (a, b)}
    interventions = Intervention.objects.filter(pk__in=ids).in_bulk()
    themes = {theme.pk: theme for theme in workspace.themes.all()}
    regions = AdminArea.objects.in_bulk({r for _t, r, _a, _b in found})
    names = {
        pk: i.acronym or i.name
        for pk, i in Institution.objects.in_bulk({pk for group in actors.values() for pk in group}).items()
    }
    for intervention in interventions.values():
        intervention.workspace = workspace
    return [
        Overlap(
            themes.get(t),
            regions.get(r),
            interventions[a],
            interventions[b],
            sorted(names[pk] for pk in actors[a]),
            sorted(names[pk] for pk in actors[b]),
        )
        for t, r, a, b in found
    ]


def duplicates(workspace, interventions, *, limit=100, threshold=88, block_limit=2000):
    """Likely duplicates: the same identifier twice, or similar titles starting in the same or next year."""
    rows = list(
        interventions.order_by().values_list(
            "pk", "iati_identifier", "code", "title_fr", "title_en", "planned_start", "actual_start"
        )
    )
    pairs, seen = [], set()

    def add(first, second, why, similarity):
        key = (min(first, second), max(first, second))
        if first != second and key not in seen:
            seen.add(key)
            pairs.append((key[0], key[1], why, similarity))

    by_identifier = defaultdict(list)
    for pk, iati, code, *_rest in rows:
        for identifier in {iati, code} - {""}:
            by_identifier[identifier.casefold()].append(pk)
    for members in by_identifier.values():
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                add(first, second, "identifier", 100)
    blocks = defaultdict(list)
    for pk, _iati, _code, title_fr, title_en, planned, actual in rows:
        start = actual or planned
        title = (title_fr or title_en or "").casefold()
        if title:
            blocks[start.year if start else None].append((pk, title))
    for year in sorted(blocks, key=lambda y: (y is None, y or 0)):
        members = blocks[year][:block_limit]
        others = members + (blocks.get(year + 1, [])[:block_limit] if year is not None else [])
        if len(pairs) >= limit:
            break
        other_titles = [title for _pk, title in others]
        for first, title in members:
            for _choice, similarity, index in process.extract(
                title, other_titles, scorer=fuzz.token_sort_ratio, score_cutoff=threshold, limit=None
            ):
                add(first, others[index][0], "title", int(similarity))
    pairs.sort(key=lambda pair: (pair[2] != "identifier", -pair[3]))
    pairs = pairs[:limit]
    by_pk = Intervention.objects.filter(pk__in={pk for a, b, *_ in pairs for pk in (a, b)}).in_bulk()
    for intervention in by_pk.values():
        intervention.workspace = workspace
    return [(by_pk[a], by_pk[b], why, similarity) for a, b, why, similarity in pairs]


def totals_by(interventions, dimension):
    """[(label, count, budget)] by theme, funder or region, largest budget first."""
    ids = interventions.values("pk")
    counted = Q(intervention__parent__isnull=True) | ~Q(intervention__parent__in=ids)
    if dimension == "funder":
        rows = (
            Participation.objects.filter(intervention__in=ids, role=Participation.Role.FUNDING)
            .values("institution__acronym", "institution__name_fr")
            .annotate(
                count=Count("intervention", distinct=True), budget=Sum("intervention__budget_eur", filter=counted)
            )
        )
        data = [(r["institution__acronym"] or r["institution__name_fr"], r["count"], r["budget"] or 0) for r in rows]
    elif dimension == "theme":
        rows = list(_by_theme(interventions))
        labels = _labels("theme", [theme_id for theme_id, _count, _budget in rows])
        data = [(labels.get(theme_id), count, budget) for theme_id, count, budget in rows]
    else:
        rows = list(_by_region(interventions))
        labels = _labels("region", [region_id for region_id, _count, _budget in rows])
        data = [(labels.get(region_id), count, budget) for region_id, count, budget in rows]
    return sorted(data, key=lambda item: (-(item[2] or 0), -item[1]))


def _by_theme(interventions):
    """(theme id or None, count, budget) with each intervention counted once per theme (never per region)."""
    ids = interventions.values("pk")
    counted = Q(intervention__parent__isnull=True) | ~Q(intervention__parent__in=ids)
    for row in (
        Intervention.themes.through.objects.filter(intervention__in=ids)
        .values("theme_id")
        .annotate(count=Count("intervention_id"), budget=Sum("intervention__budget_eur", filter=counted))
    ):
        yield row["theme_id"], row["count"], row["budget"] or 0
    untagged = interventions.filter(themes__isnull=True).order_by()
    total = untagged.aggregate(
        count=Count("pk"), budget=Sum("budget_eur", filter=Q(parent__isnull=True) | ~Q(parent__in=ids))
    )
    if total["count"]:
        yield None, total["count"], total["budget"] or 0


def _by_region(interventions):
    """(region id or None, count, budget) with each intervention counted once per region (never per theme)."""
    ids = interventions.values("pk")
    counted = Q(parent__isnull=True) | ~Q(parent__in=ids)
    region_ids = set(Cell.objects.filter(intervention__in=ids).values_list("region_id", flat=True).distinct())
    for region_id in region_ids:
        there = Cell.objects.filter(region_id=region_id) if region_id else Cell.objects.filter(region__isnull=True)
        total = (
            Intervention.objects.filter(pk__in=ids)
            .filter(pk__in=there.values("intervention_id"))
            .aggregate(count=Count("pk"), budget=Sum("budget_eur", filter=counted))
        )
        yield region_id, total["count"], total["budget"] or 0


def _labels(key, pks):
    model = Theme if key == "theme" else AdminArea
    labels = {pk: obj.name for pk, obj in model.objects.in_bulk([pk for pk in pks if pk]).items()}
    labels[None] = _("no theme yet") if key == "theme" else _("whole country or abroad")
    return labels
