from django.urls import path

from . import views

app_name = "reports"

W = "w/<slug:slug>/reports/"

urlpatterns = [
    path(W, views.dashboard, name="dashboard"),
]
