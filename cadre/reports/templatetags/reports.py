"""Number formats of the results dashboard (in the reader's language, "—" for a figure that does not exist)."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

register = template.Library()

MISSING = "—"


@register.filter
def percent(value, digits=0):
    """45.2 → "45 %" (French) / "45%" (English); None → "—"."""
    if value is None or value == "":
        return MISSING
    return _("%(value)s%%") % {"value": floatformat(value, digits)}


@register.filter
def mean(value, digits=1):
    """A mean on the 1–5 agreement scale: 3.456 → "3,5" (French); None → "—"."""
    if value is None or value == "":
        return MISSING
    return floatformat(value, digits)


@register.filter
def gain(comparison):
    """The normalised gain of a Comparison as a signed percentage: "+38 %"; "—" when undefined."""
    value = getattr(comparison, "gain_percent", None)
    if value is None:
        return MISSING
    sign = "+" if value > 0 else ""
    return sign + percent(value)
