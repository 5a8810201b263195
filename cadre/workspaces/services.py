"""Every change to a workspace and what it holds goes through a named function here."""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from cadre.core.services import change_by, save_form

from .models import Membership
from .roles import Role


def save_workspace(form, *, by):
    return save_form(form, by=by)


def create_workspace(form, *, by, institution=None):
    """Create a workspace and make its creator its first secretariat member, in one transaction."""
    with change_by(by):
        workspace = save_form(form, by=by)
        Membership.objects.create(
            user=by,
            workspace=workspace,
            role=Role.SECRETARIAT,
            institution=institution,
            valid_from=timezone.localdate(),
        )
    return workspace


def save_activity(form, workspace, *, by):
    return save_form(form, by=by, workspace=workspace)


def save_result(form, workspace, *, by):
    return save_form(form, by=by, workspace=workspace)


def save_theme(form, workspace, *, by):
    return save_form(form, by=by, workspace=workspace)


def save_expert(form, workspace, *, by):
    return save_form(form, by=by, workspace=workspace)


def delete_activity(activity, *, by):
    with change_by(by):
        activity.delete()


def delete_result(result, *, by):
    with change_by(by):
        result.delete()


def delete_theme(theme, *, by):
    with change_by(by):
        theme.delete()


def delete_expert(expert, *, by):
    with change_by(by):
        expert.delete()


def add_member(workspace, *, email, full_name, role, institution, language, by, request=None):
    """Give someone a role in the workspace; creates their account if they have none and e-mails them.

    Returns (membership, created_account).
    """
    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    with change_by(by):
        user = User.objects.filter(email__iexact=email).first()
        created_account = user is None
        if created_account:
            user = User.objects.create_user(email=email, password=None, full_name=full_name, language=language)
        membership = Membership.objects.filter(user=user, workspace=workspace).first()
        if membership is not None and membership.is_current():
            raise ValidationError(_("%(name)s is already a member of this workspace.") % {"name": user})
        if membership is None:
            membership = Membership(user=user, workspace=workspace)
        membership.role = role
        membership.institution = institution
        membership.valid_from = timezone.localdate()
        membership.valid_to = None
        membership.full_clean()
        membership.save()
    _send_welcome(membership, created_account, request)
    return membership, created_account


def _send_welcome(membership, created_account, request):
    user = membership.user
    base = request.build_absolute_uri("/").rstrip("/") if request is not None else ""
    context = {
        "membership": membership,
        "workspace_url": base + membership.workspace.get_absolute_url(),
        "set_password_url": "",
    }
    if created_account:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        context["set_password_url"] = base + reverse("accounts:set_password", args=[uid, token])
    with translation.override(user.language):
        subject = _("You have been added to the workspace “%(title)s”") % {"title": membership.workspace.title}
        body = render_to_string("workspaces/email/welcome.txt", context)
    send_mail(subject, body, None, [user.email], fail_silently=True)


def change_member(form, *, by):
    """Save a membership's role, institution and dates; the workspace never loses its last secretariat member."""
    membership = form.instance  # already carries the new values: compare with what is stored
    with transaction.atomic():
        was_secretariat = Membership.objects.current().filter(pk=membership.pk, role=Role.SECRETARIAT).exists()
        if was_secretariat and not (membership.role == Role.SECRETARIAT and membership.is_current()):
            _keep_one_secretariat(membership)
        return save_form(form, by=by)


def end_membership(membership, *, by):
    """Withdraw someone's access now; their contributions stay.

    A current membership ends yesterday, so access stops at once. A membership that starts today or later is
    cancelled (deleted: the history keeps it). One that has already ended is left as it is, with its real
    dates, and the caller is told why. Returns "ended" or "cancelled".
    """
    today = timezone.localdate()
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.valid_to is not None and membership.valid_to < today:
            raise ValidationError(
                _("%(name)s already left this workspace on %(date)s.")
                % {"name": membership.user, "date": formats.date_format(membership.valid_to)}
            )
        if membership.role == Role.SECRETARIAT:
            _keep_one_secretariat(membership)
        with change_by(by):
            if membership.valid_from >= today:  # no whole day of access to record: the history keeps the row
                membership.delete()
                return "cancelled"
            membership.valid_to = today - timezone.timedelta(days=1)
            membership.save()
    return "ended"


def _keep_one_secretariat(membership):
    """Refuse unless another current secretariat member remains; call inside a transaction (rows are locked)."""
    others = (
        Membership.objects.current()
        .select_for_update()
        .filter(workspace=membership.workspace, role=Role.SECRETARIAT)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(_("A workspace needs at least one secretariat member: appoint another one first."))
