"""The dashboard's list as a spreadsheet (CSV or XLSX) and a partner region's fact sheet as a PDF, in the
user's language."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from audit.models import Event
from audit.services import record
from common.exports import (
    csv_response,
    paragraph,
    paragraphs,
    pdf_response,
    pdf_styles,
    printable,
    short_date,
    table,
    xlsx_response,
)
from partners import selectors, views
from strategy.models import NOT_STATED

_d = short_date


def rows(regions):
    header = [_("Partner region"), _("Native name"), _("Country"), _("Kind of partnership"), _("Status"),
              _("Status changed on"), _("Platform office"), _("Fields of cooperation"), _("Strategic tracks"),
              _("Areas involved"), _("Active initiatives"), _("Cooperation since")]
    body = [[str(r), r.name_native, r.country.name, str(r.kind_label), r.get_status_display(),
             r.status_since, r.office.name if r.office else "", ", ".join(f.name for f in r.fields.all()),
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


def _filename(ext):
    return f"{slugify(_('partner regions'))}.{ext}"


@views.read_partners
def regions_csv(request):
    header, body = _export(request, "csv")
    if header is None:
        return views.dashboard(request)
    return csv_response(_filename("csv"), header, body)


@views.read_partners
def regions_xlsx(request):
    header, body = _export(request, "xlsx")
    if header is None:
        return views.dashboard(request)
    return xlsx_response(_filename("xlsx"), title=_("Partner regions"), header=header, body=body, width=24)


@views.read_partners
def region_pdf(request, pk):
    context = selectors.region_detail(pk)
    record(Event.Action.EXPORT, request=request, obj=context["region"], detail="pdf")
    region = context["region"]
    return pdf_response(request, fact_sheet_story(context), title=str(region), filename=f"{slugify(region.code)}.pdf",
                        instead=reverse("partners:region_print", args=[region.pk]))


def figures_rows(figures, previous) -> list[list]:
    """A roll-up (rollup.Figures) as the rows of a table: the figure, now and, after a closed round, then."""
    then = figures.previous
    header = [_("Figure"), _("Now")]
    if previous:
        header.append(_("Then (status as of %(date)s)") % {"date": _d(previous.as_of)})

    def row(label, now, before):
        return [label, now] + ([before if then else "–"] if previous else [])

    return [header, row(_("Initiatives"), figures.total, then and then.total)] + [
        row(capfirst(label), count, then_count) for label, count, then_count in figures.status_changes] + [
        row(_("Average progress (%)"), f"{figures.average_progress} %", then and f"{then.average_progress} %"),
        row(_("Overdue milestones"), figures.overdue_milestones, then and then.overdue_milestones),
        row(_("Indicators on target"), figures.indicators_on, then and then.indicators_on),
        row(_("Indicators off target"), figures.indicators_off, then and then.indicators_off),
    ]


def fact_sheet_story(context) -> list:
    """An A4 fact sheet to hand out at a council meeting."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles, small, bold = pdf_styles()

    def p(text, style=small):
        return paragraph(text, style)

    def grid(data, widths, header=True):
        """A table of texts, or of flowables where a cell is a list of them."""
        cells = [[c if isinstance(c, list) else p(c, bold if header and i == 0 else small) for c in row]
                 for i, row in enumerate(data)]
        return table(cells, widths, [("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
                     + ([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef"))] if header else []),
                     repeat_rows=1 if header else 0)

    region, office = context["region"], context["region"].office
    facts = [
        [_("Country"), region.country.name],
        [_("Kind of partnership"), capfirst(region.kind_label)],
        [_("Status"), f"{region.get_status_display()}"
                      + (" (" + _("since %(date)s") % {"date": region.status_since} + ")"
                         if region.status_changed_on else "")],
        [_("Cooperation since"), region.cooperation_since or "–"],
        [_("Fields of cooperation"), ", ".join(f.name for f in region.fields.all()) or capfirst(NOT_STATED)],
        [_("Strategic tracks"), ", ".join(t.name for t in context["tracks"]) or "–"],
        [_("Areas involved"), ", ".join(a.name for a in context["areas"]) or "–"],
        [_("Contact office"), f"{office.name}, {office.city}" if office else "–"],
    ]
    story = [p(str(region), styles["Title"])]
    # DejaVu Sans has no Chinese letters: leave out a native name it would print as empty boxes.
    if region.name_native and region.name_native != str(region) and printable()(region.name_native):
        story.append(p(region.name_native, styles["BodyText"]))
    story += [grid(facts, [45, 129], header=False), Spacer(1, 4 * mm)]
    if region.fact_sheet:
        story += [p(_("Description"), styles["Heading2"]), *paragraphs(region.fact_sheet, styles["BodyText"])]
    story.append(p(_("Status history"), styles["Heading2"]))
    story.append(grid([[_("Date"), _("Decision"), _("Reference")]]
                      + [[d.when, d.get_status_display(),
                          [p(d.reference), *(paragraphs(d.note, small) if d.note else [])]]
                         for d in context["decisions"]], [25, 40, 109])
                 if context["decisions"] else p(_("No decisions recorded.")))
    story += [p(_("Follow-up"), styles["Heading2"]),
              p(_("The initiatives in the plans in force that work with %(name)s, by status") % {"name": region}),
              grid(figures_rows(context["figures"], context["previous"]),
                   [70, 25, 25] if context["previous"] else [70, 25])]
    story.append(p(_("Active initiatives"), styles["Heading2"]))
    story.append(grid([[_("Initiative"), _("Area"), _("Strategic track"), _("Status"), _("Progress (%)"), _("Owner")]]
                      + [[i.title, i.goal.plan.area.name, i.track.name if i.track else "–", i.get_status_display(),
                          f"{i.progress} %", i.owner] for i in context["initiatives"]], [52, 30, 30, 20, 16, 26])
                 if context["initiatives"] else p(_("No active initiatives.")))
    if office:
        story += [p(_("Contact office"), styles["Heading2"]), p(f"{office.name}, {office.city}, {office.country.name}",
                                                                styles["BodyText"])]
        if office.description:
            story += paragraphs(office.description, small)
    story += [Spacer(1, 6 * mm), p(_("Central Denmark Region – partner region fact sheet, %(date)s")
                                   % {"date": _d(timezone.localdate())})]
    return story
