from django import template
from django.db.models import Model
from django.urls import reverse
from django.utils.safestring import mark_safe

from cadre.core.deletion import consequences
from cadre.core.models import localized
from cadre.core.navigation import workspace_tabs as registered
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


@register.simple_tag(takes_context=True)
def workspace_tabs(context, workspace, membership):
    """The tabs other apps add to a workspace's navigation: (label, url, current) for this member."""
    match = context["request"].resolver_match
    current_app = match.app_name if match else ""
    return [
        (tab.label, reverse(tab.url_name, args=[workspace.slug]), tab.app_name == current_app)
        for tab in registered()
        if membership and membership.can(tab.capability)
    ]


@register.simple_tag
def section_markdown(text, key=""):
    """A strategy section's text: Markdown with footnotes, anchors kept unique on a page of many sections."""
    return mark_safe(render_markdown(text, footnotes=True, doc_id=f"s{key}" if key else ""))  # noqa: S308 — nh3


@register.simple_tag
def deletion_consequences(obj):
    """What deleting `obj` also deletes and what refuses it (see cadre/core/deletion.py)."""
    if not isinstance(obj, Model) or obj.pk is None:  # some pages name what they delete with a text
        return {"deleted": [], "blocked": []}
    return consequences(obj)
