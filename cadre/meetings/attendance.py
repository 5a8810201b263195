"""The printable attendance sheet of a meeting: a PDF with one line per invitee and an empty signature column.

The meeting's key facts head every page; invitees are listed by institution then name (those who declined
too: the sheet records who was expected, and a late change of mind is signed on the day), followed by blank
lines for walk-ins. E-mail and telephone are printed only for those allowed to see contacts. Printed by
WeasyPrint with the same network-less fetcher as the strategy's PDF export.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from cadre.drafting.exchange.pdf_export import LocalOnlyFetcher

from .participants import participations_of

TEMPLATE = "meetings/participants/attendance_sheet_pdf.html"
BLANK_LINES = 5


def sorted_for_sheet(participations) -> list:
    """By institution (its name in the active language; no institution last), then by person's name."""
    return sorted(
        participations,
        key=lambda p: (
            p.institution is None,
            (p.institution.name if p.institution else "").casefold(),
            p.person.full_name.casefold(),
            p.pk,
        ),
    )


def sheet_html(meeting, *, show_contacts: bool, participations=None, facilitators=None) -> str:
    if participations is None:
        participations = participations_of(meeting)
    if facilitators is None:
        facilitators = meeting.facilitators.select_related("person").order_by("person__full_name")
    rows = sorted_for_sheet(participations)
    return render_to_string(
        TEMPLATE,
        {
            "meeting": meeting,
            "workspace": meeting.workspace,
            "rows": rows,
            "blank_lines": range(len(rows) + 1, len(rows) + 1 + BLANK_LINES),
            "facilitators": [expert.person.full_name for expert in facilitators],
            "show_contacts": show_contacts,
            "printed_at": timezone.now(),
        },
    )


def render_sheet(meeting, *, show_contacts: bool, participations=None, facilitators=None):
    """WeasyPrint's laid-out sheet (its `pages`, its `write_pdf()`)."""
    html = sheet_html(meeting, show_contacts=show_contacts, participations=participations, facilitators=facilitators)
    return HTML(string=html, base_url=None, url_fetcher=LocalOnlyFetcher()).render()


def attendance_sheet_pdf(meeting, *, show_contacts: bool, participations=None, facilitators=None) -> bytes:
    """The sheet as PDF bytes, A4 landscape."""
    return render_sheet(
        meeting, show_contacts=show_contacts, participations=participations, facilitators=facilitators
    ).write_pdf()
