"""Calling the focal points to report in a monitoring round, and reminding the late ones, by e-mail.

A focal point is a current member or partner of the workspace (report_monitoring, not the secretariat) whose
institution is responsible for at least one of the plan's indicators or leads one of its actions. What each one
has to report, and what is still missing, is counted per institution with two grouped queries, whatever the size
of the plan (`focal_points`). An indicator is missing until a value is submitted or validated in the round (a
draft or a value sent back still counts as missing); an action until it has a report in the round.

Like the meetings' invitations (meetings/notify.py): one message per recipient, in the language of their account;
a failure for one recipient does not stop the others and is reported back with its reason; a `RoundNotice` is
recorded only for a message the mail server accepted, so that a failed recipient is tried again next time.
"""

import datetime
from dataclasses import dataclass
from email.utils import formataddr

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cadre.accounts.models import language_of
from cadre.core.mail import Sending, send_each
from cadre.workspaces.models import Membership
from cadre.workspaces.roles import Role, role_can

from .models import Action, Indicator, Measurement, MonitoringRound, RoundNotice

REMIND_DAYS = 7  # reminders start this many days before the due date (and go on after it)
REMIND_EVERY_DAYS = 7  # at most one reminder per focal point and round in this many days
DONE = (Measurement.Status.SUBMITTED, Measurement.Status.VALIDATED)
# Those who report for their own institution; the secretariat reports for all and is not called.
FOCAL_POINT_ROLES = [role for role in Role if role != Role.SECRETARIAT and role_can(role, "report_monitoring")]


@dataclass
class FocalPoint:
    membership: Membership
    indicators: int = 0  # the plan's indicators their institution is responsible for
    indicators_missing: int = 0
    actions: int = 0  # the plan's actions their institution leads
    actions_missing: int = 0
    last_call: datetime.datetime | None = None
    last_reminder: datetime.datetime | None = None

    @property
    def user(self):
        return self.membership.user

    @property
    def institution(self):
        return self.membership.institution

    @property
    def missing(self) -> int:
        return self.indicators_missing + self.actions_missing

    @property
    def last_notice(self):
        return max((d for d in (self.last_call, self.last_reminder) if d is not None), default=None)


# --- who is called ----------------------------------------------------------------------------------------


def _institution_counts(round_):
    """{institution_id: [indicators, indicators missing, actions, actions missing]}: two grouped queries."""
    counts = {}
    indicator_rows = (
        Indicator.objects.filter(plan_id=round_.plan_id, responsible_institution__isnull=False)
        .values("responsible_institution_id")
        .annotate(
            expected=Count("pk", distinct=True),
            done=Count(
                "pk",
                filter=Q(measurements__round=round_, measurements__status__in=DONE),
                distinct=True,
            ),
        )
        .order_by()
    )
    for row in indicator_rows:
        counts[row["responsible_institution_id"]] = [row["expected"], row["expected"] - row["done"], 0, 0]
    action_rows = (
        Action.objects.filter(plan_id=round_.plan_id, lead_institution__isnull=False)
        .values("lead_institution_id")
        .annotate(
            expected=Count("pk", distinct=True),
            done=Count("pk", filter=Q(reports__round=round_), distinct=True),
        )
        .order_by()
    )
    for row in action_rows:
        entry = counts.setdefault(row["lead_institution_id"], [0, 0, 0, 0])
        entry[2], entry[3] = row["expected"], row["expected"] - row["done"]
    return counts


def focal_points(round_, *, day=None) -> list[FocalPoint]:
    """The round's focal points, by name, with their institution's counts and their last call and reminder.

    Four queries whatever the size of the plan and the number of focal points.
    """
    counts = _institution_counts(round_)
    if not counts:
        return []
    memberships = (
        Membership.objects.current(day)
        .filter(
            workspace_id=round_.plan.workspace_id,
            role__in=FOCAL_POINT_ROLES,
            institution_id__in=list(counts),
            user__is_active=True,
        )
        .select_related("user", "institution")
        .order_by("institution__name_fr", "user__full_name", "pk")
    )
    points = [FocalPoint(membership, *counts[membership.institution_id]) for membership in memberships]
    if not points:
        return points
    notices = {
        row["membership_id"]: row
        for row in RoundNotice.objects.filter(round=round_, membership__in=[p.membership.pk for p in points])
        .values("membership_id")
        .annotate(
            last_call=Max("sent_at", filter=Q(kind=RoundNotice.Kind.CALL)),
            last_reminder=Max("sent_at", filter=Q(kind=RoundNotice.Kind.REMINDER)),
        )
        .order_by()
    }
    for point in points:
        row = notices.get(point.membership.pk)
        if row:
            point.last_call, point.last_reminder = row["last_call"], row["last_reminder"]
    return points


def call_recipients(round_, *, again=False) -> list[FocalPoint]:
    """Focal points not called yet for this round (all of them with `again`)."""
    return [point for point in focal_points(round_) if again or point.last_call is None]


def reminder_due(round_, today) -> bool:
    """Whether the round is open and its due date is at most REMIND_DAYS days away, or passed."""
    return (
        round_.status == MonitoringRound.Status.OPEN
        and round_.due_date is not None
        and (round_.due_date - today).days <= REMIND_DAYS
    )


def reminder_recipients(round_, today) -> tuple[list[FocalPoint], list[FocalPoint]]:
    """(to remind, skipped): the late focal points, less those written to (called or reminded) in the last
    REMIND_EVERY_DAYS days: nobody gets more than one message a week."""
    late = [point for point in focal_points(round_, day=today) if point.missing]
    since = today - datetime.timedelta(days=REMIND_EVERY_DAYS)
    to_remind, skipped = [], []
    for point in late:
        recent = point.last_notice is not None and timezone.localdate(point.last_notice) > since
        (skipped if recent else to_remind).append(point)
    return to_remind, skipped


# --- the messages -----------------------------------------------------------------------------------------


def report_url(round_, base_url: str) -> str:
    plan = round_.plan
    return base_url.rstrip("/") + reverse("planning:round_report", args=[plan.workspace.slug, plan.slug, round_.pk])


def compose(round_, point: FocalPoint, kind: str, *, base_url: str, today=None) -> EmailMessage:
    """The message `kind` ("call" or "reminder") for one focal point, in the language of their account."""
    user = point.user
    today = today or timezone.localdate()
    with translation.override(language_of(user)):
        context = {
            "round": round_,
            "plan": round_.plan,
            "point": point,
            "user": user,
            "institution": point.institution,
            "url": report_url(round_, base_url),
            "overdue": round_.due_date is not None and round_.due_date < today,
        }
        if kind == RoundNotice.Kind.CALL:
            subject = _("Monitoring round open: %(title)s") % {"title": round_.title}
        else:
            subject = _("Reminder: %(title)s") % {"title": round_.title}
        body = render_to_string(f"planning/email/{kind}.txt", context).strip() + "\n"
    return EmailMessage(subject=subject, body=body, to=[formataddr((user.full_name, user.email))])


def _send(round_, points, kind, *, base_url, by, today=None, outcome=None) -> Sending:
    def message_for(point):
        return compose(round_, point, kind, base_url=base_url, today=today) if point.user.email else None

    def record(point):
        RoundNotice.objects.create(
            round=round_, membership=point.membership, kind=kind, sent_at=timezone.now(), sent_by=by
        )

    return send_each(outcome or Sending(), points, message_for, record)


def _check_open(round_):
    if round_.status != MonitoringRound.Status.OPEN:
        raise ValidationError(_("This monitoring round is closed: nobody was written to."))


def send_call(round_, *, by, base_url: str, again: bool = False) -> Sending:
    """E-mail the call to report to every focal point not called yet (to all of them with `again`).

    ValidationError for a closed round; failures per recipient are in the outcome, never raised.
    """
    _check_open(round_)
    return _send(round_, call_recipients(round_, again=again), RoundNotice.Kind.CALL, base_url=base_url, by=by)


def send_reminders(round_, *, by, base_url: str, today=None, whenever: bool = False) -> Sending:
    """Remind the focal points whose institution still has something missing, once every REMIND_EVERY_DAYS days.

    Only while the round is open, and — unless `whenever` (the secretariat's own button) — once its due date is
    REMIND_DAYS days away or passed. Nothing at all for a closed round.
    """
    today = today or timezone.localdate()
    if round_.status != MonitoringRound.Status.OPEN:
        return Sending()
    if not whenever and not reminder_due(round_, today):
        return Sending()
    to_remind, skipped = reminder_recipients(round_, today)
    outcome = Sending(skipped=skipped)
    return _send(round_, to_remind, RoundNotice.Kind.REMINDER, base_url=base_url, by=by, today=today, outcome=outcome)


def rounds_to_remind(today=None):
    """Open rounds of every workspace whose due date is at most REMIND_DAYS days away, or passed."""
    today = today or timezone.localdate()
    return (
        MonitoringRound.objects.filter(
            status=MonitoringRound.Status.OPEN,
            due_date__isnull=False,
            due_date__lte=today + datetime.timedelta(days=REMIND_DAYS),
        )
        .select_related("plan", "plan__workspace")
        .order_by("due_date", "pk")
    )
