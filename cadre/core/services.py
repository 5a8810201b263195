"""Shared scaffolding for service functions: one transaction, changes attributed to the acting user."""

from contextlib import contextmanager

from django.db import transaction

from .audit import acting_as


@contextmanager
def change_by(user):
    """Everything inside is one all-or-nothing transaction whose changes are recorded as made by `user`."""
    with transaction.atomic(), acting_as(user):
        yield


def save_form(form, *, by, **assign):
    """Save a validated ModelForm (and its many-to-many fields) as one recorded change."""
    with change_by(by):
        instance = form.save(commit=False)
        for name, value in assign.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
        form.save_m2m()
    return instance
