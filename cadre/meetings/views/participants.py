"""Participants of a meeting: invitations, statuses, check-in on the day, attendance sheet, calendar file and
e-mails; and attendance by institution over the whole process.

Everyone in the workspace sees who is invited (names are on the signed sheet in the room anyway); contact
details only with `view_contacts`. Inviting, recording answers and presence, and sending e-mails need
`run_sessions`.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.core.views import parse_int, render_page
from cadre.workspaces.queries import get_workspace_for_user

from .. import attendance as sheet
from .. import calendar, notify, stats
from .. import participants as service
from ..forms_participants import CandidatesForm, InviteForm, StatusForm, WalkInForm
from ..models import Meeting, Participation
from ..queries import get_meeting_for_user
from .common import apply_errors, confirm_delete, context_for, form_page

RUN = "run_sessions"
NAMES_SHOWN = 10  # in a message listing people, the first ten names and "and N more"


def _participation(meeting, participation_id):
    participation = get_object_or_404(
        Participation.objects.select_related("person", "institution"), meeting=meeting, pk=participation_id
    )
    participation.meeting = meeting
    return participation


def _names(people) -> str:
    names = [person.full_name for person in people]
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += " " + _("and %(count)s more") % {"count": len(names) - NAMES_SHOWN}
    return shown


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


# --- the participants page -----------------------------------------------------------------------------


def _participants_context(meeting, **extra):
    workspace = meeting.workspace
    membership = workspace.membership
    participations = list(service.participations_of(meeting))
    counts = dict.fromkeys(Participation.Status.values, 0)
    for participation in participations:
        counts[participation.status] += 1
    not_yet_invited = [
        p
        for p in participations
        if p.invitation_sent_at is None and p.status in notify.INVITATION_STATUSES and p.person.email
    ]
    return context_for(
        workspace,
        meeting=meeting,
        groups=service.grouped_by_institution(participations),
        total=len(participations),
        counts=[(value, label, counts[value]) for value, label in Participation.Status.choices],
        statuses=Participation.Status.choices,
        can_manage=membership.can(RUN),
        show_contacts=membership.can("view_contacts"),
        not_yet_invited=len(not_yet_invited),
        cancelled=meeting.status == Meeting.Status.CANCELLED,
        **extra,
    )


def _participants_page(request, meeting, status=200):
    context = _participants_context(meeting)
    return render_page(
        request, "meetings/participants/participants.html", context, partial="participants", status=status
    )


def _back_to_participants(request, meeting, participation=None):
    if request.htmx:
        return _participants_page(request, meeting)
    url = reverse("meetings:participants", args=[meeting.workspace.slug, meeting.pk])
    return redirect(f"{url}#p-{participation.pk}" if participation else url)


@login_required
@require_GET
def participants(request, slug, pk):
    meeting = get_meeting_for_user(request.user, slug, pk)
    return _participants_page(request, meeting)


@login_required
@require_POST
def participant_status(request, slug, pk, participation_id):
    meeting = get_meeting_for_user(request.user, slug, pk, RUN)
    participation = _participation(meeting, participation_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses offered."))
        return _participants_page(request, meeting, status=400)
    service.set_status(participation, form.cleaned_data["status"], by=request.user)
    if not request.htmx:
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": participation.person.full_name, "status": participation.get_status_display()},
        )
    return _back_to_participants(request, meeting, participation)


@login_required
@require_http_methods(["GET", "POST"])
def participant_remove(request, slug, pk, participation_id):
    meeting = get_meeting_for_user(request.user, slug, pk, RUN)
    participation = _participation(meeting, participation_id)
    cancel_url = reverse("meetings:participants", args=[meeting.workspace.slug, meeting.pk])
    if request.method == "POST":
        try:
            service.remove_participation(participation, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _participants_page(request, meeting, status=400)
        messages.success(request, _("%(name)s is no longer invited.") % {"name": participation.person.full_name})
        return redirect(cancel_url)
    return confirm_delete(
        request,
        meeting.workspace,
        participation.person.full_name,
        cancel_url=cancel_url,
        warning=_("Only the invitation is removed; the person stays in the directory."),
    )


# --- inviting ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, slug, pk):
    """Choose institutions (their people are proposed, ticked) and/or look up a name; invite those ticked."""
    meeting = get_meeting_for_user(request.user, slug, pk, RUN)
    data = request.POST if request.method == "POST" else request.GET
    criteria_form = CandidatesForm(data if ("institutions" in data or "q" in data) else None)
    institutions, query = criteria_form.criteria()
    invite_form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and invite_form.is_valid():
        result = service.invite_people(meeting, invite_form.cleaned_data["people"], by=request.user)
        if result.invited:
            messages.success(
                request,
                ngettext("%(count)s person invited.", "%(count)s people invited.", len(result.invited))
                % {"count": len(result.invited)},
            )
        if result.skipped:
            messages.warning(
                request,
                _("Already invited, not added again: %(names)s.") % {"names": _names(result.skipped)},
            )
        return redirect("meetings:participants", meeting.workspace.slug, meeting.pk)
    people, more = service.candidates(institutions=institutions, query=query)
    invited = service.invited_person_ids(meeting)
    if request.method == "POST":  # shown again after an error: as the user left the ticks
        chosen = {parse_int(value) for value in request.POST.getlist("people")}
    else:  # the people of the chosen institutions are ticked; those found by name are not
        chosen = {person.pk for person in people if person.institution_id in {i.pk for i in institutions}}
    context = context_for(
        meeting.workspace,
        meeting=meeting,
        criteria_form=criteria_form,
        invite_form=invite_form,
        candidates=[
            {"person": person, "invited": person.pk in invited, "ticked": person.pk in chosen} for person in people
        ],
        more=more,
        searched=bool(institutions or query),
        query=query,
        institutions=institutions,
        show_contacts=meeting.workspace.membership.can("view_contacts"),
    )
    status = 400 if request.method == "POST" else 200
    return render_page(request, "meetings/participants/invite.html", context, partial="candidates", status=status)


# --- check-in on the day ----------------------------------------------------------------------------------


def _checkin_context(meeting, query):
    participations = service.participations_of(meeting).order_by("person__full_name", "pk")
    if query:
        participations = participations.filter(person__full_name__icontains=query)
    return context_for(
        meeting.workspace,
        meeting=meeting,
        participations=list(participations),
        counts=service.status_counts(meeting),
        query=query,
    )


def _clean_query(value) -> str:
    return " ".join((value or "").split())[:100]


@login_required
@require_GET
def checkin(request, slug, pk):
    """A page for a phone at the door: find a name, tap "Present"."""
    meeting = get_meeting_for_user(request.user, slug, pk, RUN)
    context = _checkin_context(meeting, _clean_query(request.GET.get("q")))
    return render_page(request, "meetings/participants/checkin.html", context, partial="checkin")


@login_required
@require_POST
def checkin_toggle(request, slug, pk, participation_id):
    meeting = get_meeting_for_user(request.user, slug, pk, RUN)
    participation = _participation(meeting, participation_id)
    query = _clean_query(request.POST.get("q"))
    action = request.POST.get("action")
    if action == "present":
        service.check_in(participation, by=request.user)
    elif action == "undo":
        service.undo_check_in(participation, by=request.user)
    else:
        messages.error(request, _("Unknown action."))
        context = _checkin_context(meeting, query)
        return render_page(request, "meetings/participants/checkin.html", context, partial="checkin", status=400)
    if request.htmx:
        context = _checkin_context(meeting, query)
        return render_page(request, "meetings/participants/checkin.html", context, partial="checkin")
    url = reverse("meetings:checkin", args=[meeting.workspace.slug, meeting.pk])
    if query:
        url += "?" + urlencode({"q": query})
    return redirect(f"{url}#p-{participation.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def walk_in(request, slug, pk):
    meeting = get_meeting_for_user(request.user, slug, pk, RUN)
    form = WalkInForm(request.POST or None)
    checkin_url = reverse("meetings:checkin", args=[meeting.workspace.slug, meeting.pk])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participation = service.walk_in(meeting, **data, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(name)s is recorded as present.") % {"name": participation.person.full_name})
            return redirect(checkin_url)
    return form_page(
        request,
        meeting.workspace,
        form,
        _("Someone not invited came: %(meeting)s") % {"meeting": meeting.title},
        cancel_url=checkin_url,
    )


# --- files: attendance sheet and calendar -------------------------------------------------------------------


def _filename(meeting, prefix, extension):
    name = slugify(f"{prefix} {meeting.local_start:%Y-%m-%d} {meeting.title}")[:80].strip("-") or prefix
    return f"{name}.{extension}"


@login_required
@require_GET
def attendance_sheet(request, slug, pk):
    meeting = get_meeting_for_user(request.user, slug, pk)
    show_contacts = meeting.workspace.membership.can("view_contacts")
    content = sheet.attendance_sheet_pdf(meeting, show_contacts=show_contacts)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, _("attendance"), "pdf")}"'
    return response


@login_required
@require_GET
def ics(request, slug, pk):
    meeting = get_meeting_for_user(request.user, slug, pk)
    base_url = _base_url(request)
    content = calendar.meeting_calendar(
        meeting,
        host=calendar.host_of(base_url),
        url=calendar.meeting_url(meeting, base_url),
        method=calendar.PUBLISH,
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, "meeting", "ics")}"'
    return response


# --- e-mails ------------------------------------------------------------------------------------------------


def _report(request, outcome, *, sent_message):
    if outcome.sent:
        messages.success(request, sent_message % {"count": len(outcome.sent)})
    if outcome.failed:
        details = "; ".join(f"{p.person.full_name} ({reason})" for p, reason in outcome.failed[:NAMES_SHOWN])
        if len(outcome.failed) > NAMES_SHOWN:
            details += " " + _("and %(count)s more") % {"count": len(outcome.failed) - NAMES_SHOWN}
        messages.error(request, _("Could not be sent to: %(details)s.") % {"details": details})
    if outcome.without_email:
        messages.warning(
            request,
            _("No e-mail address for: %(names)s.") % {"names": _names([p.person for p in outcome.without_email])},
        )
    if not outcome.sent and not outcome.failed and not outcome.without_email:
        messages.info(request, _("There was nobody to write to."))


@login_required
@require_POST
def send_invitations(request, slug, pk):
    meeting = get_meeting_for_user(request.user, slug, pk, RUN)
    if meeting.status == Meeting.Status.CANCELLED:
        messages.error(request, _("This meeting is cancelled: no invitation was sent."))
        return _participants_page(request, meeting, status=400)
    outcome = notify.send_invitations(meeting, base_url=_base_url(request), by=request.user)
    _report(
        request,
        outcome,
        sent_message=ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", len(outcome.sent)),
    )
    return redirect("meetings:participants", meeting.workspace.slug, meeting.pk)


@login_required
@require_POST
def send_reminder(request, slug, pk):
    meeting = get_meeting_for_user(request.user, slug, pk, RUN)
    if meeting.status == Meeting.Status.CANCELLED or meeting.ends_at < timezone.now():
        messages.error(request, _("This meeting is cancelled or over: no reminder was sent."))
        return _participants_page(request, meeting, status=400)
    outcome = notify.send_reminders(meeting, base_url=_base_url(request), by=request.user)
    _report(
        request,
        outcome,
        sent_message=ngettext("%(count)s reminder sent.", "%(count)s reminders sent.", len(outcome.sent)),
    )
    return redirect("meetings:participants", meeting.workspace.slug, meeting.pk)


# --- attendance by institution over the whole process ------------------------------------------------------


@login_required
@require_GET
def attendance(request, slug):
    workspace = get_workspace_for_user(request.user, slug)
    sort = request.GET.get("sort", "name")
    if sort not in stats.SORTS:
        sort = "name"
    rows = stats.attendance_by_institution(workspace, sort=sort)
    for row in rows:
        row["percent"] = round(row["rate"] * 100) if row["rate"] is not None else None
    per_meeting = stats.institutions_per_meeting(workspace)
    held = [row for row in per_meeting if row["took_place"]]
    mean_present, counted = stats.mean_institutions_present(
        (row["institutions_present"], row["people_present"]) for row in held
    )
    context = context_for(
        workspace,
        rows=rows,
        per_meeting=per_meeting,
        sort=sort,
        institutions_present=sum(1 for row in rows if row["meetings_attended"] and row["institution"]),
        meetings_held=len(held),
        mean_present=mean_present,
        meetings_counted=counted,
    )
    return render(request, "meetings/participants/attendance.html", context)
