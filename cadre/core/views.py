"""Shared view helpers: htmx partials, errors."""

from django.shortcuts import render


def render_page(request, template_name, context, partial=None, status=200):
    """Render a full page, or only its named partial for an htmx request that targets it.

    A partial is a `{% partialdef name inline %}` block of the same template, so the swap and a full reload
    always show the same markup.
    """
    if partial and getattr(request, "htmx", False) and not request.htmx.boosted:
        template_name = f"{template_name}#{partial}"
    return render(request, template_name, context, status=status)


def parse_int(value, default=0):
    """A number from a query string or form field; `default` for anything that is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
