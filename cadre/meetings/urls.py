from django.urls import path

from . import views

app_name = "meetings"

W = "w/<slug:slug>/meetings/"

urlpatterns = [
    path(W, views.meeting_list, name="meetings"),
]
