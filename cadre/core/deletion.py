"""What deleting an object would also delete, and what stops it — shown on every confirmation page.

Django's own collector (the one the admin uses) walks the relations: CASCADE gives what goes with the object,
PROTECT and RESTRICT what refuses the deletion. A page can then say it before anyone presses the button, and the
view that deletes still catches ProtectedError/RestrictedError, which the database decides at the moment itself.
"""

from collections import Counter

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.utils.translation import gettext as _


def consequences(obj) -> dict:
    """{"deleted": [(plural name, count), ...], "blocked": [(plural name, count), ...]} — the object itself left out."""
    collector = NestedObjects(using=router.db_for_write(type(obj), instance=obj))
    collector.collect([obj])
    deleted = Counter()
    for model, objects in collector.model_objs.items():
        count = sum(1 for item in objects if not (model is type(obj) and item.pk == obj.pk))
        if count and not model._meta.auto_created:  # many-to-many rows are links, not things
            deleted[str(model._meta.verbose_name_plural)] += count
    blocked = Counter(str(item._meta.verbose_name_plural) for item in collector.protected)
    return {"deleted": sorted(deleted.items()), "blocked": sorted(blocked.items())}


def refusal(error) -> list[str]:
    """The plural names of what refused a deletion, from a ProtectedError or a RestrictedError."""
    found = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
    return sorted({str(item._meta.verbose_name_plural) for item in found})


def refusal_message(name: str, error) -> str:
    """What a confirmation page says when the database refused the deletion of `name`."""
    return _("“%(name)s” cannot be deleted: %(things)s still refer to it. Remove or change them first.") % {
        "name": name,
        "things": ", ".join(refusal(error)),
    }
