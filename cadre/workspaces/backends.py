from django.contrib.auth.backends import BaseBackend

from .models import Membership
from .roles import Role

# The shared directory is kept by the people who run workspaces: any current secretariat member may add and
# correct institutions and places. Expressed as Django permissions so the directory app (below this one in
# the layers) only asks `user.has_perm(...)`.
DIRECTORY_PERMISSIONS = {
    "directory.add_institution",
    "directory.change_institution",
    "directory.add_adminarea",
    "directory.change_adminarea",
}


class WorkspaceRoleBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if perm not in DIRECTORY_PERMISSIONS or not user_obj.is_active or not user_obj.is_authenticated:
            return False
        cache = getattr(user_obj, "_is_secretariat_somewhere", None)
        if cache is None:
            cache = Membership.objects.current().filter(user=user_obj, role=Role.SECRETARIAT).exists()
            user_obj._is_secretariat_somewhere = cache
        return cache
