from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cadre.core.audit import describe_changes
from cadre.core.views import render_page

from . import queries, services
from .forms import InstitutionFilterForm, InstitutionForm


@login_required
def institution_list(request):
    countries = list(queries.countries_with_institutions())
    filters = InstitutionFilterForm(request.GET or None, countries=countries)
    criteria = {}
    if filters.is_bound:
        filters.is_valid()  # an unknown value in one filter must not throw away the others
        criteria = filters.cleaned_data
    institutions = queries.search_institutions(
        text=(criteria.get("q") or "").strip(),
        kind=criteria.get("kind", ""),
        country=criteria.get("country", ""),
        status=criteria.get("status", ""),
    )
    page = Paginator(institutions, 50).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "can_edit": request.user.has_perm("directory.add_institution"),
    }
    return render_page(request, "directory/institution_list.html", context, partial="results")


@login_required
def institution_detail(request, pk):
    institution = queries.get_institution(pk)
    can_edit = request.user.has_perm("directory.change_institution")
    events = []
    if can_edit:
        events = list(queries.history_of_institution(institution)[:30])
        for event in events:
            event.rows = describe_changes(event)
    context = {
        "institution": institution,
        "units": list(institution.units.select_related("country").order_by("name_fr")),
        "can_edit": can_edit,
        "events": events,
    }
    return render(request, "directory/institution_detail.html", context)


def _form_page(request, form, title, cancel_url):
    return render(
        request,
        "directory/institution_form.html",
        {"form": form, "title": title, "cancel_url": cancel_url},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def institution_create(request):
    if not request.user.has_perm("directory.add_institution"):
        raise PermissionDenied
    form = InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        institution = services.save_institution(form, by=request.user)
        messages.success(request, _("“%(name)s” was added to the directory.") % {"name": institution})
        return redirect("directory:institution", institution.pk)
    return _form_page(request, form, _("New institution"), reverse("directory:institutions"))


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request, pk):
    institution = queries.get_institution(pk)
    if not request.user.has_perm("directory.change_institution"):
        raise PermissionDenied
    form = InstitutionForm(request.POST or None, instance=institution)
    if request.method == "POST" and form.is_valid():
        services.save_institution(form, by=request.user)
        messages.success(request, _("“%(name)s” was saved.") % {"name": institution})
        return redirect("directory:institution", institution.pk)
    return _form_page(request, form, str(institution), institution.get_absolute_url())


@login_required
def places(request):
    regions, unplaced = queries.places_by_region()
    return render(request, "directory/places.html", {"regions": regions, "unplaced": unplaced})
