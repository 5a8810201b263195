"""Invitations, attendance, check-in, calendar and attendance sheet (see views/participants.py)."""

from django.urls import path

from .views import participants as views

W = "w/<slug:slug>/meetings/"
M = W + "<int:pk>/"
P = M + "participants/<int:participation_id>/"

urlpatterns = [
    path(W + "attendance/", views.attendance, name="attendance"),
    path(M + "participants/", views.participants, name="participants"),
    path(M + "participants/invite/", views.invite, name="invite"),
    path(P + "status/", views.participant_status, name="participant_status"),
    path(P + "remove/", views.participant_remove, name="participant_remove"),
    path(M + "check-in/", views.checkin, name="checkin"),
    path(M + "check-in/walk-in/", views.walk_in, name="walk_in"),
    path(M + "check-in/<int:participation_id>/", views.checkin_toggle, name="checkin_toggle"),
    path(M + "attendance-sheet.pdf", views.attendance_sheet, name="attendance_sheet"),
    path(M + "invitation.ics", views.ics, name="ics"),
    path(M + "invitations/send/", views.send_invitations, name="send_invitations"),
    path(M + "reminder/send/", views.send_reminder, name="send_reminder"),
]
