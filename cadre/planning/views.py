"""Views of the planning app (placeholder: replaced by the views package)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from cadre.workspaces.queries import get_workspace_for_user


@login_required
def plan_list(request, slug):
    get_workspace_for_user(request.user, slug)
    return HttpResponse("")
