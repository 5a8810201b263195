from django.urls import path

from . import views

app_name = "assessments"

W = "w/<slug:slug>/assessments/"

urlpatterns = [
    path(W, views.assessment_list, name="assessments"),
]
