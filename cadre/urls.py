from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Cadre administration")
admin.site.site_title = _("Cadre")

urlpatterns = [
    path("", include("cadre.workspaces.urls")),
    path("", include("cadre.drafting.urls")),
    path("", include("cadre.mapping.urls")),
    path("", include("cadre.meetings.urls")),
    path("", include("cadre.assessments.urls")),
    path("", include("cadre.planning.urls")),
    path("", include("cadre.reports.urls")),
    path("accounts/", include("cadre.accounts.urls")),
    path("directory/", include("cadre.directory.urls")),
    path("admin/", admin.site.urls),
]
