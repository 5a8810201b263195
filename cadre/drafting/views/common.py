"""Helpers shared by the drafting views."""

from django.shortcuts import render
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cadre.core.cache import cached_many
from cadre.core.text import render_markdown_cached

from .. import textops
from ..models import Section


def context_for(document, **extra):
    """The context every drafting page needs: the document, its workspace and the user's membership."""
    workspace = document.workspace
    return {"workspace": workspace, "membership": workspace.membership, "document": document, **extra}


def apply_errors(form, error):
    """Show a service's ValidationError on the form: on its field when there is one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def form_page(request, workspace, form, title, *, cancel_url, multipart=False, status=None, **extra):
    """A page holding one form; re-shown with its errors (status 400) after an invalid POST."""
    if status is None:
        status = 400 if request.method == "POST" else 200
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "multipart": multipart,
        **extra,
    }
    return render(request, "form_page.html", context, status=status)


def attach_html(sections, *, key="pk", text="body"):
    """Give each section (object or release item) its rendered text as `.html` / ["html"], cached by content."""
    items = [(item[key] if isinstance(item, dict) else getattr(item, key), item) for item in sections]
    rendered = render_markdown_cached(
        {k: (item[text] if isinstance(item, dict) else getattr(item, text)) for k, item in items}
    )
    for k, item in items:
        html = mark_safe(rendered[k])  # noqa: S308 — rendered by markdown-it without HTML, cleaned by nh3
        if isinstance(item, dict):
            item["html"] = html
        else:
            item.html = html
    return sections


def attach_workshop_lines(sections):
    """Give each section `.lines_html`: its numbered lines as list items, cached by content.

    Rendered here rather than in the template: a 150-page strategy has some 15,000 lines.
    """

    def numbered(pk, material):
        return "".join(
            f'<li id="s{pk}-l{number}"><span class="line-number" aria-hidden="true">{number}</span>'
            f'<span class="line">{escape(line)}</span></li>'
            for number, line in enumerate(textops.workshop_lines(material[2]), 1)
        )

    lines = cached_many("wl", {s.pk: (textops.WORKSHOP_WIDTH, s.pk, s.body) for s in sections}, numbered)
    for section in sections:
        section.lines_html = mark_safe(lines[section.pk])  # noqa: S308 — every line escaped above
    return sections


def outline_html(outline, *, can_manage):
    """The outline's rows. Built here, not in the template: a strategy has hundreds of sections and the
    template engine would spend most of the page's time on them."""
    move_up, move_down, yours = _("Move up"), _("Move down"), _("you draft it")
    statuses = dict(Section.Status.choices)
    rows = []
    for section in outline:
        institution = section.lead_institution
        parts = [
            format_html(
                '<li class="outline-item level-{}" id="outline-{}"><a href="{}"><span class="number">{}</span> {}</a>'
                ' <span class="status status-{}">{}</span>',
                section.level,
                section.pk,
                section.get_absolute_url(),
                section.number,
                section.title,
                section.status,
                statuses.get(section.status, section.status),
            )
        ]
        if institution is not None:
            parts.append(format_html(' <span class="muted">{}</span>', institution.acronym or institution.name))
        if getattr(section, "editable", False) and not can_manage:
            parts.append(format_html(' <span class="tag">{}</span>', yours))
        if section.open_comments:
            count = section.open_comments
            text = ngettext("%(counter)s open comment", "%(counter)s open comments", count) % {"counter": count}
            parts.append(format_html(' <span class="count">{}</span>', text))
        if section.open_suggestions:
            count = section.open_suggestions
            text = ngettext("%(counter)s open suggestion", "%(counter)s open suggestions", count) % {"counter": count}
            parts.append(format_html(' <span class="count">{}</span>', text))
        if can_manage:
            parts.append(
                format_html(
                    ' <span class="row-actions">'
                    '<button type="submit" name="move" value="{}:up" class="link-button" title="{}">↑'
                    '<span class="visually-hidden"> {}</span></button> '
                    '<button type="submit" name="move" value="{}:down" class="link-button" title="{}">↓'
                    '<span class="visually-hidden"> {}</span></button></span>',
                    section.pk,
                    move_up,
                    _("Move section %(number)s up") % {"number": section.number},
                    section.pk,
                    move_down,
                    _("Move section %(number)s down") % {"number": section.number},
                )
            )
        parts.append(mark_safe("</li>"))
        rows.append("".join(parts))
    return mark_safe("".join(rows))  # noqa: S308 — every value went through format_html
