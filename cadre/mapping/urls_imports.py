"""Imports of interventions: upload, preview report, progress (htmx), apply, cancel."""

from django.urls import path

from .views import imports as views

W = "w/<slug:slug>/mapping/imports/"

urlpatterns = [
    path(W, views.import_start, name="import_start"),
    path(W + "<int:pk>/", views.import_run, name="import_run"),
    path(W + "<int:pk>/progress/", views.import_progress, name="import_progress"),
    path(W + "<int:pk>/apply/", views.import_apply, name="import_apply"),
    path(W + "<int:pk>/cancel/", views.import_cancel, name="import_cancel"),
]
