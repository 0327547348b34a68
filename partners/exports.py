"""The dashboard's list as a spreadsheet (CSV or XLSX) and a partner region's fact sheet as a PDF, in the
user's language."""

import csv
import io
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actionplans.exports import FONTS
from audit.models import Event
from audit.services import record
from partners import selectors, views

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _d(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _safe(row):
    # A cell starting with = + - @ would be run as a formula by a spreadsheet program.
    return [f"'{c}" if isinstance(c, str) and c[:1] in ("=", "+", "-", "@") else c for c in row]


def rows(regions):
    header = [_("Partner region"), _("Native name"), _("Country"), _("Kind of partnership"), _("Status"),
              _("Status changed on"), _("Platform office"), _("Fields of cooperation"), _("Strategic tracks"),
              _("Areas involved"), _("Active initiatives"), _("Cooperation since")]
    body = [[str(r), r.name_native, r.country.name, r.get_kind_display(), r.get_status_display(),
             _d(r.status_changed_on), r.office.name if r.office else "", ", ".join(f.name for f in r.fields.all()),
             ", ".join(t.name for t in r.involved_tracks), ", ".join(a.name for a in r.involved_areas),
             r.active_initiatives, r.cooperation_since or ""] for r in regions]
    return header, body


def _export(request, ext):
    """The filtered list, or None when the filters are invalid."""
    form, regions = views.filtered_regions(request)
    if form.errors:
        return None, None
    record(Event.Action.EXPORT, request=request, object_type="partners.PartnerRegion",
           detail=f"{ext} {request.GET.urlencode()}"[:500])
    return rows(regions)


def _attachment(response, ext):
    response["Content-Disposition"] = f'attachment; filename="{slugify(_("partner regions"))}.{ext}"'
    return response


@views.reader
def regions_csv(request):
    header, body = _export(request, "csv")
    if header is None:
        return views.dashboard(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(_safe(row) for row in body)
    return _attachment(response, "csv")


@views.reader
def regions_xlsx(request):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    header, body = _export(request, "xlsx")
    if header is None:
        return views.dashboard(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Partner regions")[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in body:
        sheet.append(_safe(row))
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 24
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX), "xlsx")


@views.reader
def region_pdf(request, pk):
    context = selectors.region_detail(pk)
    record(Event.Action.EXPORT, request=request, obj=context["region"], detail="pdf")
    response = HttpResponse(render_fact_sheet(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(context["region"].code)}.pdf"'
    return response


def render_fact_sheet(context) -> bytes:
    """An A4 fact sheet to hand out at a council meeting."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    # DejaVu Sans covers Danish, Hungarian, Polish, Russian and the other partner regions' letters.
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", FONTS / "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONTS / "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = "DejaVuSans-Bold" if style.name.startswith(("Heading", "Title")) else "DejaVuSans"
    small = styles["BodyText"].clone("small", fontSize=8.5, leading=11)
    bold = small.clone("bold", fontName="DejaVuSans-Bold")

    def p(text, style=small):
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    def table(data, widths, header=True):
        result = Table([[p(c, bold if header and i == 0 else small) for c in row] for i, row in enumerate(data)],
                       colWidths=[w * mm for w in widths], repeatRows=1 if header else 0)
        result.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                                    ("VALIGN", (0, 0), (-1, -1), "TOP")]
                                   + ([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef"))] if header else [])))
        return result

    region, office = context["region"], context["region"].office
    facts = [
        [_("Country"), region.country.name],
        [_("Kind of partnership"), region.get_kind_display()],
        [_("Status"), f"{region.get_status_display()}"
                      + (" (" + _("since %(date)s") % {"date": _d(region.status_changed_on)} + ")"
                         if region.status_changed_on else "")],
        [_("Cooperation since"), region.cooperation_since or "–"],
        [_("Fields of cooperation"), ", ".join(f.name for f in region.fields.all()) or "–"],
        [_("Strategic tracks"), ", ".join(t.name for t in context["tracks"]) or "–"],
        [_("Areas involved"), ", ".join(a.name for a in context["areas"]) or "–"],
        [_("Contact office"), f"{office.name}, {office.city}" if office else "–"],
    ]
    glyphs = pdfmetrics.getFont("DejaVuSans").face.charToGlyph
    story = [p(str(region), styles["Title"])]
    # DejaVu Sans has no Chinese letters: leave out a native name it would print as empty boxes.
    if region.name_native and region.name_native != str(region) and all(ord(c) in glyphs for c in region.name_native):
        story.append(p(region.name_native, styles["BodyText"]))
    story += [table(facts, [45, 129], header=False), Spacer(1, 4 * mm)]
    if region.fact_sheet:
        story += [p(_("Description"), styles["Heading2"]), p(region.fact_sheet, styles["BodyText"])]
    story.append(p(_("Status history"), styles["Heading2"]))
    story.append(table([[_("Date"), _("Decision"), _("Reference")]]
                       + [[_d(d.decided_on), d.get_status_display(), d.reference + (f"\n{d.note}" if d.note else "")]
                          for d in context["decisions"]], [25, 40, 109])
                 if context["decisions"] else p(_("No decisions recorded.")))
    story.append(p(_("Active initiatives"), styles["Heading2"]))
    story.append(table([[_("Initiative"), _("Area"), _("Strategic track"), _("Status"), _("Owner")]]
                       + [[i.title, i.goal.plan.area.name, i.track.name if i.track else "–", i.get_status_display(),
                           i.owner] for i in context["initiatives"]], [60, 32, 32, 20, 30])
                 if context["initiatives"] else p(_("No active initiatives.")))
    if office:
        story += [p(_("Contact office"), styles["Heading2"]), p(f"{office.name}, {office.city}, {office.country.name}",
                                                                styles["BodyText"])]
        if office.description:
            story.append(p(office.description))
    story += [Spacer(1, 6 * mm), p(_("Central Denmark Region – partner region fact sheet, %(date)s")
                                   % {"date": _d(timezone.localdate())})]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=str(region), author="Region Midtjylland", leftMargin=18 * mm,
                      rightMargin=18 * mm, topMargin=15 * mm, bottomMargin=15 * mm).build(story)
    return buffer.getvalue()
