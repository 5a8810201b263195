"""The intervention list as a file: `?format=csv|xlsx|iati` plus the list's filters (see `forms.FilterForm`)."""

from django.urls import path

from .views.exports import export

urlpatterns = [
    path("w/<slug:slug>/mapping/export/", export, name="export"),
]
