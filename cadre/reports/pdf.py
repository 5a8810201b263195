"""The results dashboard as a PDF for the programme's reporting, printed by WeasyPrint.

The PDF leaves the platform: figures over fewer than MIN_GROUP people are withheld whoever prints it. Like the
strategy's PDF, the printer fetches nothing (charts are inline SVG, styles inline).
"""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from cadre.drafting.exchange.pdf_export import LocalOnlyFetcher

from . import cards

TEMPLATE = "reports/export/dashboard.html"


def dashboard_html(workspace, period) -> str:
    """The HTML that the PDF prints: the dashboard's cards, small groups withheld, on a cover page."""
    context = cards.dashboard_context(workspace, period, small_groups=False)
    context["generated"] = timezone.localdate()
    return render_to_string(TEMPLATE, context)


def render_pdf(workspace, period, *, fetcher=None):
    """WeasyPrint's laid-out document (its `pages`, its `write_pdf()`)."""
    fetcher = fetcher or LocalOnlyFetcher()
    return HTML(string=dashboard_html(workspace, period), base_url=None, url_fetcher=fetcher).render()


def export_pdf(workspace, period) -> bytes:
    return render_pdf(workspace, period).write_pdf()
