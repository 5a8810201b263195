"""Indicators of a plan, and the EU Trust Fund results import (included by planning/urls.py)."""

from django.urls import path

from .views import imports as import_views
from .views import indicators as views

W = "w/<slug:slug>/plan/"
P = W + "<slug:plan_slug>/indicators/"

urlpatterns = [
    path(P, views.indicator_list, name="indicators"),
    path(P + "new/", views.indicator_create, name="indicator_create"),
    path(P + "<int:pk>/", views.indicator_detail, name="indicator"),
    path(P + "<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path(P + "<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path(W + "imports/eutf-results/", import_views.results_import, name="results_import"),
    path(W + "imports/eutf-results/<int:pk>/", import_views.results_import_run, name="results_import_run"),
]
