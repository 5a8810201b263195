"""The action-plan matrix: one row per action with its place in the results framework, who leads it, when it
runs, what it costs and how it is measured — the table annexed to the strategy and downloaded as XLSX.

`matrix(plan)` runs a fixed number of queries (objectives, actions, supporting institutions, costs, indicators)
whatever the size of the plan. Costs are given in the plan's currency (amounts in another currency converted
through their value in euros) and in euros.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from cadre.directory.models import Institution
from cadre.drafting.exchange.docx_export import add_annex_heading

from .models import Action, Cost, Indicator, Objective

SEPARATOR = "; "
UNIT = Decimal(1)


@dataclass
class MatrixRow:
    action: Action
    axis: Objective | None
    specific: Objective | None
    result: Objective | None
    lead: str
    partners: list[str]
    timeline: str
    cost_total: Decimal | None  # in the plan's currency; None when the action has no cost
    cost_total_eur: Decimal | None
    cost_by_year: dict[int, Decimal] = field(default_factory=dict)  # in the plan's currency
    indicators: list[str] = field(default_factory=list)  # "code definition"

    @property
    def axis_label(self):
        return _label(self.axis)

    @property
    def specific_label(self):
        return _label(self.specific)

    @property
    def result_label(self):
        return _label(self.result)

    @property
    def action_label(self):
        return _label(self.action)

    @property
    def partners_text(self):
        return SEPARATOR.join(self.partners)

    @property
    def indicators_text(self):
        return SEPARATOR.join(self.indicators)


@dataclass
class Matrix:
    plan: object
    rows: list[MatrixRow]
    years: list[int]
    total: Decimal
    total_eur: Decimal
    total_by_year: dict[int, Decimal]


def _label(node) -> str:
    if node is None:
        return ""
    return f"{node.code} {node.title}".strip()


def institution_name(institution) -> str:
    if institution is None:
        return ""
    return institution.acronym or institution.name


def timeline(action) -> str:
    def point(year, quarter):
        if not year:
            return ""
        if quarter:
            return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}
        return str(year)

    start, end = point(action.start_year, action.start_quarter), point(action.end_year, action.end_quarter)
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end


def in_plan_currency(plan, cost) -> Decimal | None:
    """A cost in the plan's currency: as entered when it is in that currency, else converted through euros."""
    if cost.currency == plan.currency:
        return cost.amount
    rate = plan.rate(plan.currency)
    if cost.amount_eur is None or not rate:
        return None
    return (cost.amount_eur * rate).quantize(UNIT if plan.currency == "XOF" else Decimal("0.01"), ROUND_HALF_UP)


def matrix(plan) -> Matrix:
    objectives = {
        objective.pk: objective
        for objective in Objective.objects.filter(plan=plan).only(
            "plan_id", "parent_id", "level", "code", "order", "title_fr", "title_en"
        )
    }
    institution_fields = ("acronym", "name_fr", "name_en")
    actions = (
        Action.objects.filter(plan=plan)
        .select_related("lead_institution")
        .only(
            "plan_id", "result_id", "code", "order", "title_fr", "title_en", "status",
            "start_year", "start_quarter", "end_year", "end_quarter",
            *[f"lead_institution__{name}" for name in institution_fields],
        )
        .prefetch_related(
            Prefetch("supporting_institutions", queryset=Institution.objects.only(*institution_fields)),
            Prefetch(
                "costs",
                queryset=Cost.objects.only("action_id", "year", "amount", "currency", "amount_eur").order_by(
                    "year", "pk"
                ),
            ),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.only(
                    "action_id", "code", "order", "definition_fr", "definition_en"
                ).order_by("order", "code", "pk"),
            ),
        )
    )  # fmt: skip
    ordered = sorted(actions, key=lambda action: _sort_key(action, objectives))
    years = list(plan.years)
    rows = []
    total, total_eur, total_by_year = Decimal(0), Decimal(0), {}
    for action in ordered:
        result = objectives.get(action.result_id)
        specific = objectives.get(result.parent_id) if result else None
        axis = objectives.get(specific.parent_id) if specific else None
        by_year, cost_total, cost_total_eur = {}, None, None
        for cost in action.costs.all():
            amount = in_plan_currency(plan, cost)
            if amount is not None:
                by_year[cost.year] = by_year.get(cost.year, Decimal(0)) + amount
                cost_total = (cost_total or Decimal(0)) + amount
                total_by_year[cost.year] = total_by_year.get(cost.year, Decimal(0)) + amount
                total += amount
            if cost.amount_eur is not None:
                cost_total_eur = (cost_total_eur or Decimal(0)) + cost.amount_eur
                total_eur += cost.amount_eur
            if cost.year not in years:
                years.append(cost.year)
        rows.append(
            MatrixRow(
                action=action,
                axis=axis,
                specific=specific,
                result=result,
                lead=institution_name(action.lead_institution),
                partners=sorted(institution_name(i) for i in action.supporting_institutions.all()),
                timeline=timeline(action),
                cost_total=cost_total,
                cost_total_eur=cost_total_eur,
                cost_by_year=by_year,
                indicators=[f"{i.code} {i.definition}".strip() for i in action.indicators.all()],
            )
        )
    return Matrix(
        plan=plan, rows=rows, years=sorted(years), total=total, total_eur=total_eur, total_by_year=total_by_year
    )


def _sort_key(action, objectives):
    """Framework order: axis, specific objective, result (each by order, code), then the action."""
    path = []
    node = objectives.get(action.result_id)
    while node is not None:
        path.append((node.order, _natural(node.code), node.pk))
        node = objectives.get(node.parent_id)
    return [*reversed(path), (action.order, _natural(action.code), action.pk)]


def _natural(code: str):
    """ "1.10" after "1.9": numbers compare as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in (code or "").split(".")]


# --- XLSX ----------------------------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0"
MONEY_FORMAT_EUR = "#,##0.00"


def headers(plan, years) -> list[tuple[str, int]]:
    """(header, width) of each column: the framework, the action, then the costs and the years block."""
    from .models import LEVEL_NAMES

    convention = plan.convention if plan.convention in ("eu", "oecd_dac") else "eu"

    def level(name):
        custom = (plan.custom_level_names or {}).get(name) if plan.convention == "custom" else None
        if isinstance(custom, dict):
            from django.utils.translation import get_language

            text = custom.get((get_language() or "fr")[:2]) or custom.get("fr") or custom.get("en")
            if text:
                return str(text)
        return str(LEVEL_NAMES[name][convention][0]).capitalize()

    currency = plan.get_currency_display()
    return [
        (level("axis"), 34),
        (level("specific"), 34),
        (level("result"), 34),
        (_("Code"), 10),
        (level("action"), 44),
        (_("Lead institution"), 20),
        (_("Supporting institutions"), 28),
        (_("Timeline"), 18),
        (_("Total cost (%(currency)s)") % {"currency": currency}, 16),
        (_("Total cost (EUR)"), 16),
        *[(_("%(year)s (%(currency)s)") % {"year": year, "currency": currency}, 14) for year in years],
        (_("Indicators"), 50),
    ]


def _text(value) -> str:
    from cadre.mapping.exports.text import clean

    return clean(value)


def write_xlsx(plan) -> bytes:
    """The plan's matrix as an XLSX workbook: a frozen header, wrapped text, a block of cost columns per year and
    a total row."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    data = matrix(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Action plan")[:31]
    columns = headers(plan, data.years)
    wrap = Alignment(wrap_text=True, vertical="top")
    money = MONEY_FORMAT if plan.currency == "XOF" else MONEY_FORMAT_EUR
    sheet.append([_text(header) for header, _width in columns])
    for index, (_header, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.alignment = wrap
    sheet.freeze_panes = "A2"
    for row in data.rows:
        texts = [
            row.axis_label,
            row.specific_label,
            row.result_label,
            row.action.code,
            row.action.title,
            row.lead,
            row.partners_text,
            row.timeline,
        ]
        values = [
            *texts,
            row.cost_total,
            row.cost_total_eur,
            *[row.cost_by_year.get(year) for year in data.years],
            row.indicators_text,
        ]
        sheet.append([_cell_value(value) for value in values])
        _style_row(sheet, sheet.max_row, len(texts), len(data.years), money, wrap)
    total = [
        _("Total"),
        *[""] * 7,
        data.total,
        data.total_eur,
        *[data.total_by_year.get(year) for year in data.years],
        "",
    ]
    sheet.append([_cell_value(value) for value in total])
    _style_row(sheet, sheet.max_row, 8, len(data.years), money, wrap)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _cell_value(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    return _text(value)


def _style_row(sheet, row_number, texts, years, money, wrap):
    from openpyxl.styles import Alignment

    row = sheet[row_number]
    for cell in row[:texts]:
        cell.alignment = wrap
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
    for offset, cell in enumerate(row[texts : texts + 2 + years]):
        cell.number_format = MONEY_FORMAT_EUR if offset == 1 else money
        cell.alignment = Alignment(vertical="top")
    row[-1].alignment = wrap


# --- Annex of the strategy's export ------------------------------------------------------------------------

ANNEX_PLACE = "drafting.export"
ANNEX_TEMPLATE = "planning/exports/annex.html"


def annex_columns(plan) -> list[str]:
    from .models import LEVEL_NAMES

    convention = plan.convention if plan.convention in ("eu", "oecd_dac") else "eu"
    return [
        str(LEVEL_NAMES["axis"][convention][0]).capitalize(),
        str(LEVEL_NAMES["specific"][convention][0]).capitalize(),
        str(LEVEL_NAMES["action"][convention][0]).capitalize(),
        _("Lead"),
        _("Partners"),
        _("Timeline"),
        _("Cost (%(currency)s)") % {"currency": plan.get_currency_display()},
        _("Indicators"),
    ]


def annex_rows(data: Matrix) -> list[list[str]]:
    return [
        [
            row.axis_label,
            f"{row.specific_label}\n{row.result_label}".strip(),
            row.action_label,
            row.lead,
            row.partners_text,
            row.timeline,
            format_amount(row.cost_total),
            row.indicators_text,
        ]
        for row in data.rows
    ]


def format_amount(value) -> str:
    if value is None:
        return ""
    whole = value.quantize(UNIT, ROUND_HALF_UP)
    return f"{whole:,}".replace(",", "\u202f")


def annex(document, membership):
    """The action-plan matrices of the plans implementing `document`, for its DOCX and PDF export; None if none.

    Registered as a panel of the "drafting.export" place: drafting asks for its annexes without knowing planning.
    """
    from .models import Plan

    plans = list(Plan.objects.filter(document=document).order_by("start_year", "pk"))
    if not plans:
        return None
    tables = []
    for plan in plans:
        data = matrix(plan)
        tables.append(
            {
                "plan": plan,
                "title": _("Annex: action-plan matrix — %(plan)s") % {"plan": plan.title},
                "columns": annex_columns(plan),
                "rows": annex_rows(data),
                "total": format_amount(data.total),
                "currency": plan.get_currency_display(),
            }
        )
    return {
        "tables": tables,
        "append_docx": lambda doc: append_docx(doc, tables),
        "markdown": lambda: annex_markdown(tables),
    }


def annex_markdown(tables) -> str:
    """The matrices as Markdown pipe tables, each under a level-1 heading marked as an annex."""
    parts = []
    for table_data in tables:
        lines = [ANNEX_MARK, f"# {table_data['title']}", "", _markdown_row(table_data["columns"])]
        lines.append("|" + "|".join(" --- " for _column in table_data["columns"]) + "|")
        lines += [_markdown_row(values) for values in table_data["rows"]]
        total = _("Total: %(total)s %(currency)s") % {"total": table_data["total"], "currency": table_data["currency"]}
        lines += ["", f"**{total}**"]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


ANNEX_MARK = "<!-- cadre:annex -->"  # says to a reader of the file, and to any future importer, what follows


def _markdown_row(values) -> str:
    # A pipe would end the cell; a line break inside a cell is <br>, as GitHub, Pandoc and most tools read it.
    cells = [
        "<br>".join(line.strip() for line in str(value).replace("|", "\\|").splitlines() if line.strip())
        for value in values
    ]
    return "| " + " | ".join(cell or " " for cell in cells) + " |"


def append_docx(doc, tables):
    """The matrices at the end of a python-docx Document, each on landscape pages with a repeated header row."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    for table_data in tables:
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        if section.orientation != WD_ORIENT.LANDSCAPE:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        add_annex_heading(doc, _text(table_data["title"]))
        columns = table_data["columns"]
        table = doc.add_table(rows=1, cols=len(columns))
        table.style = doc.styles["Table Grid"]
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, text in zip(header.cells, columns, strict=True):
            run = cell.paragraphs[0].add_run(_text(text))
            run.bold = True
            run.font.size = Pt(8)
        for values in table_data["rows"]:
            for cell, text in zip(table.add_row().cells, values, strict=True):
                run = cell.paragraphs[0].add_run(_text(text))
                run.font.size = Pt(8)
        paragraph = doc.add_paragraph()
        paragraph.add_run(
            _text(
                _("Total: %(total)s %(currency)s") % {"total": table_data["total"], "currency": table_data["currency"]}
            )
        ).bold = True


def register_annex():
    """Called from PlanningConfig.ready(): the matrix as an annex of the strategy's exports."""
    from cadre.core.navigation import Panel, register_panel

    register_panel(Panel(place=ANNEX_PLACE, template=ANNEX_TEMPLATE, build=annex, order=50))
