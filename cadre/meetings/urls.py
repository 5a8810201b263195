from django.urls import path

from . import views
from .urls_participants import urlpatterns as participant_patterns

app_name = "meetings"

W = "w/<slug:slug>/meetings/"

urlpatterns = [
    path(W, views.meeting_list, name="meetings"),
    *participant_patterns,
]
