"""A box on the meeting page listing the meeting's tests (registered in AssessmentsConfig.ready()).

The meetings app sits below assessments, so it does not import this: it renders the panels registered for
"meetings.meeting" (`cadre.core.navigation.panels_for`).
"""

from django.db.models import Count, Q
from django.urls import reverse

from .models import Assessment


def meeting_tests(meeting, membership):
    """The meeting's tests with how many answered, and the viewer's own link if they are invited."""
    if membership is None or not membership.can("view"):
        return None
    tests = list(
        Assessment.objects.filter(meeting=meeting)
        .annotate(
            pre_people=Count("attempts", filter=Q(attempts__phase=Assessment.Phase.PRE)),
            post_people=Count("attempts", filter=Q(attempts__phase=Assessment.Phase.POST)),
        )
        .order_by("pk")
    )
    if not tests and not membership.can("run_sessions"):
        return None
    own = meeting.participations.filter(person__user_id=membership.user_id).values_list("token", flat=True).first()
    return {
        "meeting": meeting,
        "tests": tests,
        "own_token": own if tests else None,
        "can_run": membership.can("run_sessions"),
        "can_see_links": membership.can("view_personal_results"),
        "slug": meeting.workspace.slug,
    }


def email_link(participation, base_url):
    """The person's own link to the meeting's tests, for the invitation and the reminder (when there are tests)."""
    if not Assessment.objects.filter(meeting_id=participation.meeting_id).exists():
        return None
    return {"url": base_url.rstrip("/") + reverse("assessments:take_list", args=[participation.token])}
