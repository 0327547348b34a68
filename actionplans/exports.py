"""A plan as a printable page, a PDF and a spreadsheet (XLSX or CSV), in the user's language."""

import csv
import io
from pathlib import Path
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actionplans import selectors
from actionplans.views import reader
from audit.models import Event
from audit.services import record

FONTS = Path(__file__).resolve().parent / "fonts"


def _plan(request, pk, fmt):
    context = selectors.plan_detail(pk)
    record(Event.Action.EXPORT, request=request, obj=context["plan"], detail=fmt)
    return context


def _filename(plan, ext):
    return f"{slugify(plan.area.name_da)}-{plan.term.starts_on.year}-{plan.term.ends_on.year}.{ext}"


def _d(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def rows(plan, goals):
    """One row per initiative (goals without initiatives get a row of their own)."""
    header = [_("Goal"), _("Purposes"), _("Initiative"), _("Owner"), _("Department"), _("Strategic track"),
              _("Partner regions"), _("Starts on"), _("Ends on"), _("Status"), _("Progress (%)"),
              _("Funding sources"), _("Description")]
    body = []
    for goal in goals:
        purposes = ", ".join(str(p.number) for p in goal.purposes.all())
        initiatives = list(goal.initiatives.all()) or [None]
        for i in initiatives:
            body.append([goal.title, purposes] + ([
                i.title, i.owner, i.department, i.track.name if i.track else "",
                ", ".join(str(r) for r in i.partner_regions.all()), _d(i.starts_on), _d(i.ends_on),
                i.get_status_display(), i.progress, ", ".join(f.name for f in i.funding_sources.all()), i.description,
            ] if i else [""] * 11))
    return header, body


@reader
def print_plan(request, pk):
    context = _plan(request, pk, "print")
    return render(request, "actionplans/print.html", context)


@reader
def plan_csv(request, pk):
    context = _plan(request, pk, "csv")
    header, body = rows(context["plan"], context["goals"])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context["plan"], "csv")}"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(_safe_cells(row) for row in body)
    return response


def _safe_cells(row):
    # A cell starting with = + - @ would be run as a formula by a spreadsheet program.
    return [f"'{c}" if isinstance(c, str) and c[:1] in ("=", "+", "-", "@") else c for c in row]


@reader
def plan_xlsx(request, pk):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    context = _plan(request, pk, "xlsx")
    plan = context["plan"]
    header, body = rows(plan, context["goals"])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Action plan")[:31]
    sheet.append([str(plan)])
    sheet.append([f"{_('Status')}: {plan.get_status_display()}", f"{_('Adopted on')}: {_d(plan.adopted_on)}"])
    sheet.append([])
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in body:
        sheet.append(_safe_cells(row))
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 22
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "xlsx")}"'
    return response


@reader
def plan_pdf(request, pk):
    context = _plan(request, pk, "pdf")
    response = HttpResponse(render_pdf(context["plan"], context["goals"]), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context["plan"], "pdf")}"'
    return response


def render_pdf(plan, goals) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from reportlab.platypus.flowables import KeepTogether

    # DejaVu Sans covers Danish, Hungarian, Polish and the other partner regions' letters.
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", FONTS / "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONTS / "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = "DejaVuSans-Bold" if style.name.startswith(("Heading", "Title")) else "DejaVuSans"
    small = styles["BodyText"].clone("small", fontSize=8.5, leading=11)

    def p(text, style=small):
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    story = [p(str(plan), styles["Title"]),
             p(f"{_('Status')}: {plan.get_status_display()}. {_('Adopted on')}: {_d(plan.adopted_on) or '–'}. "
               f"{_('Council term')}: {plan.term.label}.", styles["BodyText"])]
    if plan.summary:
        story.append(p(plan.summary, styles["BodyText"]))
    for goal in goals:
        story += [Spacer(1, 4 * mm), p(goal.title, styles["Heading2"])]
        purposes = ", ".join(p_.name for p_ in goal.purposes.all())
        story.append(p(f"{_('Purposes')}: {purposes}", small))
        if goal.description:
            story.append(p(goal.description, small))
        for i in goal.initiatives.all():
            facts = [
                [_("Owner"), f"{i.owner}{' – ' + i.department if i.department else ''}"],
                [_("Strategic track"), i.track.name if i.track else "–"],
                [_("Partner regions"), ", ".join(str(r) for r in i.partner_regions.all()) or "–"],
                [_("Period"), f"{_d(i.starts_on)} – {_d(i.ends_on)}"],
                [_("Status"), f"{i.get_status_display()}, {i.progress} %"],
                [_("Funding sources"), ", ".join(f.name for f in i.funding_sources.all()) or "–"],
            ]
            table = Table([[p(a), p(b)] for a, b in facts], colWidths=[40 * mm, 130 * mm])
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            block = [p(i.title, styles["Heading3"])]
            if i.description:
                block.append(p(i.description))
            story.append(KeepTogether(block + [table]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=str(plan), author="Region Midtjylland",
                      leftMargin=18 * mm, rightMargin=18 * mm).build(story)
    return buffer.getvalue()
