"""The audit trail: every create, update and delete of an `Audited` model is recorded as an AuditEvent.

Recording hangs on model signals rather than on each service, so that no write path (a service, the admin,
a management command) can forget it. Who acted comes from a context variable set by the request middleware
and by `acting_as(user)` in services and commands.
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

_actor: contextvars.ContextVar = contextvars.ContextVar("cadre_audit_actor", default=None)

# Fields that change on every save and say nothing a reader needs.
IGNORED_FIELDS = {"created_at", "updated_at", "password", "last_login"}


class Audited(models.Model):
    """Mixin for domain models whose every change must be recorded."""

    class Meta:
        abstract = True

    def get_audit_workspace_id(self) -> int | None:
        return getattr(self, "workspace_id", None)


@contextmanager
def acting_as(user):
    """Attribute every change made inside the block to `user`."""
    token = _actor.set(user if getattr(user, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    return _actor.get()


def _plain(value):
    """A JSON-safe form of a field value, readable later even if what it points to is gone."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def _tracked_fields(instance):
    # A model may leave out fields whose history is kept elsewhere (a section's text lives in its revisions).
    ignored = IGNORED_FIELDS | set(getattr(instance, "audit_exclude", ()))
    return [field for field in instance._meta.concrete_fields if field.name not in ignored and not field.primary_key]


def _related(instance, field):
    """The related object by name; its id if it is gone already (deleted in the same operation)."""
    related_id = getattr(instance, field.attname)
    if not related_id:
        return None
    try:
        return _plain(getattr(instance, field.name))
    except ObjectDoesNotExist:
        return f"#{related_id}"


def _snapshot(instance) -> dict:
    values = {}
    for field in _tracked_fields(instance):
        if field.is_relation:
            values[field.name] = _related(instance, field)
        else:
            values[field.name] = _plain(field.value_from_object(instance))
    return values


def _record(instance, action, changes):
    from .models import AuditEvent

    AuditEvent.objects.create(
        actor=_actor.get(),
        workspace_id=instance.get_audit_workspace_id(),
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes,
    )


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, Audited):
        return
    instance._audit_before = None
    if instance.pk is not None and not instance._state.adding:
        previous = type(instance)._base_manager.filter(pk=instance.pk).first()
        if previous is not None:
            instance._audit_before = _snapshot(previous)


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not isinstance(instance, Audited):
        return
    after = _snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        changes = {name: [None, value] for name, value in after.items() if value not in (None, "", [], {})}
        _record(instance, "create", changes)
        return
    changes = {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}
    if changes:
        _record(instance, "update", changes)


def _before_delete(sender, instance, **kwargs):
    # Many-to-many links are removed before post_delete fires: read them while they exist.
    if isinstance(instance, Audited) and instance.pk is not None:
        instance._audit_m2m_at_delete = {
            field.name: sorted(str(obj) for obj in getattr(instance, field.name).all())
            for field in instance._meta.many_to_many
        }


def _after_delete(sender, instance, **kwargs):
    if not isinstance(instance, Audited):
        return
    before = _snapshot(instance)
    before.update(getattr(instance, "_audit_m2m_at_delete", {}))
    _record(instance, "delete", {name: [value, None] for name, value in before.items() if value not in (None, "", [])})


def _m2m_names(instance, sender):
    for field in instance._meta.many_to_many:
        if field.remote_field.through is sender:
            return field.name
    return None


def _m2m_changed(sender, instance, action, reverse, **kwargs):
    if reverse or not isinstance(instance, Audited):
        return
    name = _m2m_names(instance, sender)
    if name is None:
        return
    if action.startswith("pre_"):
        instance.__dict__.setdefault("_audit_m2m_before", {})[name] = sorted(
            str(obj) for obj in getattr(instance, name).all()
        )
    elif action.startswith("post_"):
        before = instance.__dict__.get("_audit_m2m_before", {}).pop(name, [])
        after = sorted(str(obj) for obj in getattr(instance, name).all())
        if before != after:
            _record(instance, "update", {name: [before, after]})


def connect_signals():
    pre_save.connect(_before_save, dispatch_uid="cadre_audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="cadre_audit_post_save")
    pre_delete.connect(_before_delete, dispatch_uid="cadre_audit_pre_delete")
    post_delete.connect(_after_delete, dispatch_uid="cadre_audit_post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="cadre_audit_m2m")


def describe_changes(event) -> list[dict]:
    """The changes of an event as rows (label, old, new): field names, choices and dates in the reader's language.

    A model may name choices for fields that have none of their own (e.g. a JSON list of codes) in an
    `audit_choices` mapping of field name → choices.
    """
    model = event.content_type.model_class()
    extra_choices = getattr(model, "audit_choices", {}) if model is not None else {}
    rows = []
    for name, (old, new) in sorted(event.changes.items()):
        label, choices, field = name, {}, None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:  # a field since removed: show its raw name
                field = None
            if field is not None:
                label = str(getattr(field, "verbose_name", name))
                choices = {str(key): str(value) for key, value in (getattr(field, "flatchoices", None) or [])}
        choices.update({str(key): str(value) for key, value in extra_choices.get(name, [])})
        rows.append({"field": label, "old": _display(old, choices, field), "new": _display(new, choices, field)})
    return rows


def _display(value, choices, field=None):
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return ", ".join(choices.get(str(item), str(item)) for item in value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            return date_format(datetime.datetime.fromisoformat(value), "DATETIME_FORMAT")
        except ValueError:
            return value
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return choices.get(str(value), str(value))
