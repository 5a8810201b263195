"""Helpers shared by the assessment views."""

from django.urls import NoReverseMatch, reverse


def context(workspace, **extra):
    return {"workspace": workspace, "membership": workspace.membership, **extra}


def meeting_url(meeting):
    """The meeting's page, when the meetings app provides one."""
    if meeting is None:
        return ""
    try:
        return reverse("meetings:meeting", args=[meeting.workspace.slug, meeting.pk])
    except NoReverseMatch:
        return ""


def personal(workspace) -> bool:
    """Whether this viewer may see each person's own results (the secretariat)."""
    return workspace.membership.can("view_personal_results")
