from django.urls import path

from . import views

app_name = "planning"

W = "w/<slug:slug>/plan/"

urlpatterns = [
    path(W, views.plan_list, name="plans"),
]
