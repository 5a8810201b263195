"""Views of the meetings app."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from cadre.workspaces.queries import get_workspace_for_user


@login_required
def meeting_list(request, slug):
    # Placeholder replaced by the app's real list view.
    get_workspace_for_user(request.user, slug)
    return HttpResponse("")
