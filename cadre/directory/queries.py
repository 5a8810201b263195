from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cadre.core.models import AuditEvent

from .models import Country, Institution


def search_institutions(*, text="", kind="", country="", status=""):
    """Institutions matching the directory's search box and filters (a fixed number of queries)."""
    institutions = Institution.objects.select_related("country", "parent")
    if text:
        institutions = institutions.filter(
            Q(name_fr__icontains=text) | Q(name_en__icontains=text) | Q(acronym__icontains=text)
        )
    if kind:
        institutions = institutions.filter(kind=kind)
    if country == "international":
        institutions = institutions.filter(country__isnull=True)
    elif country:
        institutions = institutions.filter(country__code=country)
    today = timezone.localdate()
    if status == "active":
        institutions = institutions.active_on(today)
    elif status == "ended":
        institutions = institutions.filter(active_to__lt=today)
    return institutions.order_by("name_fr")


def countries_with_institutions():
    return Country.objects.filter(institutions__isnull=False).distinct().order_by("name_fr")


def get_institution(pk):
    return get_object_or_404(Institution.objects.select_related("country", "parent"), pk=pk)


def history_of_institution(institution):
    from django.contrib.contenttypes.models import ContentType

    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Institution), object_id=str(institution.pk)
    ).select_related("actor", "content_type")


def places_by_region(country_code: str | None = None):
    """Regions with their named places (border posts, flow-monitoring points…), and places with no known region.

    Two queries whatever the number of places.
    """
    from django.db.models import Prefetch

    from .models import AdminArea

    areas = AdminArea.objects.select_related("country")
    if country_code:
        areas = areas.filter(country__code=country_code)
    regions = list(
        areas.filter(kind=AdminArea.Kind.REGION)
        .prefetch_related(
            Prefetch("places", queryset=AdminArea.objects.select_related("borders").order_by("kind", "name"))
        )
        .order_by("country__name_fr", "code")
    )
    for region in regions:
        places = list(region.places.all())
        region.border_posts = [place for place in places if place.kind == AdminArea.Kind.BORDER_POST]
        region.monitoring_points = [place for place in places if place.kind == AdminArea.Kind.FLOW_MONITORING_POINT]
    unplaced = list(
        areas.exclude(kind=AdminArea.Kind.REGION).filter(region__isnull=True).select_related("borders").order_by("name")
    )
    return regions, unplaced
