"""Invitations, attendance, check-in, calendar and attendance sheet (see views/participants.py)."""

urlpatterns: list = []
