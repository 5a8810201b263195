"""Downloads of a plan (included by cadre/planning/urls.py)."""

from django.urls import path

from .views import exports

P = "w/<slug:slug>/plan/<slug:plan_slug>/"

urlpatterns = [
    path(P + "matrix.xlsx", exports.matrix_xlsx, name="matrix_xlsx"),
]
