"""Every change to the mapping goes through a named function here (one transaction, recorded)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.core.services import change_by, save_form

from . import themes
from .models import ThemeSuggestion


def save_intervention(form, participations, locations, *, by, source=None):
    """Save an intervention with its participants and places (formsets), all or nothing.

    A partner or member saving must stay among its participants: otherwise they would lock themselves out.
    """
    workspace = form.workspace
    membership = getattr(workspace, "membership", None)
    with change_by(by):
        intervention = form.save(commit=False)
        if source and not intervention.pk:
            intervention.source = source
        intervention.full_clean()
        intervention.save()
        form.save_m2m()
        participations.instance = intervention
        locations.instance = intervention
        participations.save()
        locations.save()
        if membership is not None and membership.role != "secretariat":
            kept = set(intervention.participations.values_list("institution_id", flat=True))
            if membership.institution_id not in kept:
                raise ValidationError(
                    _("Your institution must remain a participant of the intervention, or you could no longer edit it.")
                )
        for theme in form.cleaned_data.get("themes", []):
            ThemeSuggestion.objects.filter(intervention=intervention, theme=theme).update(
                status=ThemeSuggestion.Status.CONFIRMED
            )
    return intervention


def delete_intervention(intervention, *, by):
    """Delete an intervention (its sub-projects stay, without parent). Refused, changing nothing, while records
    of a higher app still refer to it (e.g. the action plan's indicators imported for it): ProtectedError."""
    with transaction.atomic(), change_by(by):
        intervention.children.update(parent=None)
        intervention.delete()


def confirm_theme(intervention, theme, *, by):
    """Accept a proposed theme (or add one by hand); the workspace learns from it."""
    with change_by(by):
        intervention.themes.add(theme)
        ThemeSuggestion.objects.update_or_create(
            intervention=intervention, theme=theme, defaults={"status": ThemeSuggestion.Status.CONFIRMED}
        )
        themes.learn(intervention.workspace, theme, intervention, confirmed=True)


def reject_theme(intervention, theme, *, by):
    """Refuse a proposed theme (or remove one); later suggestions in this workspace take it into account."""
    with change_by(by):
        intervention.themes.remove(theme)
        ThemeSuggestion.objects.update_or_create(
            intervention=intervention, theme=theme, defaults={"status": ThemeSuggestion.Status.REJECTED}
        )
        themes.learn(intervention.workspace, theme, intervention, confirmed=False)


def confirm_still_running(intervention, *, by):
    with change_by(by):
        intervention.last_confirmed = timezone.localdate()
        intervention.save(update_fields=["last_confirmed", "updated_at"])


def save_interview(form, *, by):
    interview = save_form(form, by=by, workspace=form.workspace)
    if interview.status == interview.Status.DONE and interview.date:
        with change_by(by):
            for intervention in interview.confirmed.all():
                if intervention.last_confirmed is None or intervention.last_confirmed < interview.date:
                    intervention.last_confirmed = interview.date
                    intervention.save(update_fields=["last_confirmed", "updated_at"])
    return interview
