from django import template
from django.utils.safestring import mark_safe

from cadre.core.models import localized
from cadre.core.text import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """User text rendered as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 — nh3 has cleaned it


@register.simple_tag
def tr(obj, field):
    """The active language's version of a bilingual field, e.g. {% tr activity "title" %}."""
    return localized(obj, field)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links that keep filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def can(membership, capability):
    """{% if membership|can:"edit_workplan" %}: asks the membership, never the role."""
    return bool(membership) and membership.can(capability)
