"""Downloads of a plan: the action-plan matrix as XLSX."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from .. import matrix, queries

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def matrix_xlsx(request, slug, plan_slug):
    plan = queries.get_plan_for_user(request.user, slug, plan_slug)
    response = HttpResponse(matrix.write_xlsx(plan), content_type=XLSX)
    name = slugify(f"{plan.slug} matrix")[:80] or "matrix"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
