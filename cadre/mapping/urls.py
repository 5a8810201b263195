from django.urls import path

from . import views
from .urls_exports import urlpatterns as export_patterns
from .urls_imports import urlpatterns as import_patterns

app_name = "mapping"

W = "w/<slug:slug>/mapping/"

urlpatterns = [
    path(W, views.intervention_list, name="interventions"),
    path(W + "new/", views.intervention_create, name="intervention_create"),
    path(W + "i/<int:pk>/", views.intervention_detail, name="intervention"),
    path(W + "i/<int:pk>/edit/", views.intervention_edit, name="intervention_edit"),
    path(W + "i/<int:pk>/delete/", views.intervention_delete, name="intervention_delete"),
    path(W + "i/<int:pk>/themes/", views.intervention_themes, name="intervention_themes"),
    path(W + "matrix/", views.matrix, name="matrix"),
    path(W + "duplicates/", views.duplicates, name="duplicates"),
    path(W + "charts/", views.charts, name="charts"),
    path(W + "interviews/", views.interview_list, name="interviews"),
    path(W + "interviews/new/", views.interview_create, name="interview_create"),
    path(W + "interviews/<int:pk>/", views.interview_detail, name="interview"),
    path(W + "interviews/<int:pk>/edit/", views.interview_edit, name="interview_edit"),
    *import_patterns,
    *export_patterns,
]
