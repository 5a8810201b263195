"""The secretariat calls the round's focal points by e-mail and reminds the late ones (see planning/notify.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import notify
from ..models import MonitoringRound
from .monitoring import _round, _round_url

NAMES_SHOWN = 10


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _names(points) -> str:
    names = [point.user.full_name or point.user.email for point in points[:NAMES_SHOWN]]
    text = ", ".join(names)
    if len(points) > NAMES_SHOWN:
        text += " " + _("and %(count)s more") % {"count": len(points) - NAMES_SHOWN}
    return text


def _report(request, outcome, *, sent_message, nobody_message):
    if outcome.sent:
        messages.success(request, sent_message % {"count": len(outcome.sent)})
    if outcome.failed:
        details = "; ".join(
            f"{point.user.full_name or point.user.email} ({reason})" for point, reason in outcome.failed[:NAMES_SHOWN]
        )
        if len(outcome.failed) > NAMES_SHOWN:
            details += " " + _("and %(count)s more") % {"count": len(outcome.failed) - NAMES_SHOWN}
        messages.error(
            request,
            ngettext(
                "%(count)s focal point could not be reached: %(details)s.",
                "%(count)s focal points could not be reached: %(details)s.",
                len(outcome.failed),
            )
            % {"count": len(outcome.failed), "details": details},
        )
    if outcome.without_email:
        messages.warning(
            request,
            ngettext(
                "%(count)s focal point has no e-mail address: %(names)s.",
                "%(count)s focal points have no e-mail address: %(names)s.",
                len(outcome.without_email),
            )
            % {"count": len(outcome.without_email), "names": _names(outcome.without_email)},
        )
    if outcome.skipped:
        messages.info(
            request,
            ngettext(
                "%(count)s focal point was written to less than %(days)s days ago and was left alone.",
                "%(count)s focal points were written to less than %(days)s days ago and were left alone.",
                len(outcome.skipped),
            )
            % {"count": len(outcome.skipped), "days": notify.REMIND_EVERY_DAYS},
        )
    if not (outcome.sent or outcome.failed or outcome.without_email or outcome.skipped):
        messages.info(request, nobody_message)


@login_required
@require_POST
def round_call(request, slug, plan_slug, pk):
    """E-mail the call to report to the focal points not called yet (`again=1`: to all of them)."""
    round_ = _round(request, slug, plan_slug, pk, "validate_monitoring")
    try:
        outcome = notify.send_call(
            round_, by=request.user, base_url=_base_url(request), again=request.POST.get("again") == "1"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_round_url(round_) + "#focal-points")
    _report(
        request,
        outcome,
        sent_message=ngettext("%(count)s focal point called.", "%(count)s focal points called.", len(outcome.sent)),
        nobody_message=_("Every focal point was called already: nobody was written to."),
    )
    return redirect(_round_url(round_) + "#focal-points")


@login_required
@require_POST
def round_remind(request, slug, plan_slug, pk):
    """Remind the focal points whose institution still has something missing, whatever the due date."""
    round_ = _round(request, slug, plan_slug, pk, "validate_monitoring")
    if round_.status != MonitoringRound.Status.OPEN:
        messages.error(request, _("This monitoring round is closed: nobody was written to."))
        return redirect(_round_url(round_) + "#focal-points")
    outcome = notify.send_reminders(round_, by=request.user, base_url=_base_url(request), whenever=True)
    _report(
        request,
        outcome,
        sent_message=ngettext("%(count)s focal point reminded.", "%(count)s focal points reminded.", len(outcome.sent)),
        nobody_message=_("No focal point is late: nobody was written to."),
    )
    return redirect(_round_url(round_) + "#focal-points")
