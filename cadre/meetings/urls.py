from django.urls import path

from . import views
from .urls_participants import urlpatterns as participant_patterns

app_name = "meetings"

W = "w/<slug:slug>/meetings/"
M = W + "<int:pk>/"

urlpatterns = [
    path(W, views.meeting_list, name="meetings"),
    path(W + "new/", views.meeting_create, name="meeting_create"),
    path(M, views.meeting_detail, name="meeting"),
    path(M + "edit/", views.meeting_edit, name="meeting_edit"),
    path(M + "delete/", views.meeting_delete, name="meeting_delete"),
    path(M + "status/", views.meeting_status, name="meeting_status"),
    path(M + "agenda/new/", views.agenda_item_create, name="agenda_item_create"),
    path(M + "agenda/<int:item_pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path(M + "agenda/<int:item_pk>/delete/", views.agenda_item_delete, name="agenda_item_delete"),
    path(M + "agenda/<int:item_pk>/move/", views.agenda_item_move, name="agenda_item_move"),
    path(M + "materials/new/", views.material_create, name="material_create"),
    path(M + "materials/<int:material_pk>/", views.material_download, name="material"),
    path(M + "materials/<int:material_pk>/delete/", views.material_delete, name="material_delete"),
    path(M + "minutes/", views.minutes_edit, name="minutes_edit"),
    path(M + "decisions/new/", views.decision_create, name="decision_create"),
    path(M + "decisions/<int:decision_pk>/edit/", views.decision_edit, name="decision_edit"),
    path(M + "decisions/<int:decision_pk>/delete/", views.decision_delete, name="decision_delete"),
    path(M + "action-points/new/", views.action_point_create, name="action_point_create"),
    path(M + "action-points/<int:ap_pk>/close/", views.action_point_close, name="action_point_close"),
    path(W + "action-points/", views.action_point_list, name="action_points"),
    path(W + "action-points/<int:ap_pk>/edit/", views.action_point_edit, name="action_point_edit"),
    path(W + "action-points/<int:ap_pk>/delete/", views.action_point_delete, name="action_point_delete"),
    *participant_patterns,
]
