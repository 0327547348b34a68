"""The export kit: spreadsheets (CSV, XLSX) whose cells never run as formulas, and PDFs with fonts that
cover the partner regions' letters, whose long texts and tables flow on across pages, and which are given up
when they take longer than settings.PDF_TIME_LIMIT."""

import csv
import io
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

FONTS = Path(__file__).resolve().parent / "fonts"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def short_date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def safe_cells(row: list) -> list:
    """A cell starting with = + - @ would be run as a formula by a spreadsheet program: make it text."""
    return [f"'{c}" if isinstance(c, str) and c[:1] in ("=", "+", "-", "@") else c for c in row]


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header: list, body: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(safe_cells(row) for row in body)
    return attachment(response, filename)


@dataclass
class Sheet:
    """One sheet of a workbook: the `preamble` rows (the first in large type), the bold header, the body."""

    title: str
    header: list
    body: list[list]
    preamble: list[list] = ()
    width: int = 22


def xlsx_response(filename: str, *, title: str, header: list, body: list[list], preamble: list[list] = (),
                  width: int = 22) -> HttpResponse:
    """One sheet: the `preamble` rows (the first in large type), the bold header, the body; text wraps."""
    return xlsx_sheets_response(filename, [Sheet(title=title, header=header, body=body, preamble=preamble,
                                                 width=width)])


def xlsx_sheets_response(filename: str, sheets: list[Sheet]) -> HttpResponse:
    """A workbook of one or more sheets; text wraps, and no cell runs as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    for index, spec in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = spec.title[:31]
        for row in spec.preamble:
            sheet.append(safe_cells(row))
        sheet.append(spec.header)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in spec.body:
            sheet.append(safe_cells(row))
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = spec.width
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if spec.preamble:
            sheet["A1"].font = Font(bold=True, size=14)
        else:
            sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(HttpResponse(buffer.getvalue(), content_type=XLSX), filename)


def pdf_styles():
    """ReportLab's sample styles in DejaVu Sans, which covers Danish, Hungarian, Polish, Russian and the other
    partner regions' letters (not Chinese), plus `small` and `bold` body styles."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", FONTS / "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONTS / "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = "DejaVuSans-Bold" if style.name.startswith(("Heading", "Title")) else "DejaVuSans"
    small = styles["BodyText"].clone("small", fontSize=8.5, leading=11)
    return styles, small, small.clone("bold", fontName="DejaVuSans-Bold")


def printable(font: str = "DejaVuSans"):
    """Whether a text can be printed in the PDF font (no empty boxes)."""
    from reportlab.pdfbase import pdfmetrics

    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    return lambda text: all(ord(c) in glyphs for c in text)


def paragraph(text, style):
    """Plain text (escaped, line breaks kept) as a ReportLab paragraph."""
    from reportlab.platypus import Paragraph

    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def paragraphs(text, style, lines: int = 20) -> list:
    """Free text (a description, a note, a fact sheet) as paragraphs of at most `lines` lines each (line breaks
    kept). A long text then flows on across pages at little cost: one paragraph of many lines is wrapped anew on
    every page it is split over. Goes in a story (`story += ...`) or, as a list, in a table's cell."""
    following = style.clone(f"{style.name}-following", spaceBefore=0)
    parts = str(text).split("\n")
    return [paragraph("\n".join(parts[start:start + lines]), following if start else style)
            for start in range(0, len(parts), lines)]


def table(data: list[list], widths_mm: list[float], style, *, repeat_rows: int = 0):
    """A table of flowables (`data`, the columns `widths_mm` wide) that splits across pages between its rows and
    also within a row taller than a page. A LongTable measures only the rows that fit when it splits, so a long
    table costs time in proportion to its length (a plain Table measures all remaining rows again at every
    page). `style` is a TableStyle or its commands."""
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable

    result = LongTable(data, colWidths=[w * mm for w in widths_mm], repeatRows=repeat_rows, splitByRow=1,
                       splitInRow=1)
    result.setStyle(style)
    return result


class PdfTimeLimit(Exception):
    """Building a PDF took longer than settings.PDF_TIME_LIMIT."""


def pdf_response(request, story: list, *, title: str, filename: str, instead: str) -> HttpResponse:
    """The PDF as a download or, when it cannot be made within the time limit, a page (503) that points to
    `instead`, the page's print view, whose browser prints the same or saves it as a PDF."""
    try:
        pdf = build_pdf(story, title=title)
    except PdfTimeLimit:
        logger.warning("PDF %s not made within %s seconds", filename, settings.PDF_TIME_LIMIT)
        return render(request, "pdf_time_limit.html", {"instead": instead}, status=503)
    return attachment(HttpResponse(pdf, content_type="application/pdf"), filename)


def build_pdf(story: list, *, title: str) -> bytes:
    """An A4 PDF of the flowables in `story`. Raises PdfTimeLimit once settings.PDF_TIME_LIMIT seconds have
    passed (checked after each flowable is laid out), so that no request holds a worker for long."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    deadline = time.monotonic() + settings.PDF_TIME_LIMIT

    def check_time(_flowable):
        if time.monotonic() > deadline:
            raise PdfTimeLimit

    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Region Midtjylland", lang=get_language(),
                                 leftMargin=18 * mm, rightMargin=18 * mm, topMargin=15 * mm, bottomMargin=15 * mm)
    document.afterFlowable = check_time
    document.build(story)
    return buffer.getvalue()
