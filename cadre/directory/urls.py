from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("institutions/", views.institution_list, name="institutions"),
    path("institutions/new/", views.institution_create, name="institution_create"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution"),
    path("institutions/<int:pk>/edit/", views.institution_edit, name="institution_edit"),
    path("places/", views.places, name="places"),
]
