"""The council's status report of a reporting round: a page, a print view, a PDF and a spreadsheet (XLSX), in the
user's language. All four show what selectors.round_report gives, so they never disagree."""

from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _

from actionplans import selectors
from actionplans.views import read_plans
from audit.models import Event
from audit.services import record
from common.exports import (
    Sheet,
    paragraph,
    paragraphs,
    pdf_response,
    pdf_styles,
    short_date,
    table,
    xlsx_sheets_response,
)

_d = short_date


def _export(request, pk, fmt) -> dict:
    context = selectors.round_report(pk)
    record(Event.Action.EXPORT, request=request, obj=context["round"], detail=f"report {fmt}")
    return context


def _filename(context, ext) -> str:
    return f"statusrapport-{context['as_of'].isoformat()}.{ext}"


def _number(value) -> str:
    return "–" if value is None else floatformat(value, "-2")


@read_plans
def round_report(request, pk):
    return render(request, "actionplans/round_report.html", selectors.round_report(pk))


@read_plans
def round_report_print(request, pk):
    return render(request, "actionplans/round_report_print.html", _export(request, pk, "print"))


def state_text(context) -> str:
    """The report's status line: the deadline, and whether the round is closed or the report preliminary."""
    deadline = _("Deadline: %(date)s.") % {"date": _d(context["deadline"])}
    if context["preliminary"]:
        state = _("Preliminary report: the round is still open, so the figures may change.")
    else:
        state = _("The round is closed: the report is as it stood on %(date)s.") % {"date": _d(context["made_on"])}
    return " ".join([deadline, state])


# --- Spreadsheet ----------------------------------------------------------------------------------------------


def _figures_cells(figures) -> list:
    return [figures["total"], *figures["by_status"], figures["average_progress"], figures["overdue_milestones"],
            figures["indicators_on"], figures["indicators_off"]]


def figures_header(context, progress: str = "") -> list:
    return [_("Initiatives"), *context["statuses"], progress or _("Average progress"),
            _("Overdue milestones"), _("Indicators on target"), _("Indicators off target")]


def _figures_texts(figures) -> list[str]:
    """The figures as the PDF prints them: the average progress as a percentage."""
    cells = [str(c) for c in _figures_cells(figures)]
    cells[-4] = f"{cells[-4]} %"
    return cells


def sheets(context) -> list[Sheet]:
    """One sheet per section of the report."""
    preamble = [[context["title"]], [state_text(context)], []]
    summary = ([[_("Area"), area["name"], *_figures_cells(area)] for area in context["by_area"]]
               + [[_("Total"), _("All areas"), *_figures_cells(context["total"])]]
               + [[_("Purpose"), f"{p['number']}. {p['name']}", *_figures_cells(p)] for p in context["by_purpose"]])
    concerns = [[c["area"], c["goal"], c["title"], c["owner"], c["status_label"], c["progress"],
                 c["narrative"], _d(c["reported_on"])] for c in context["concerns"]]
    milestones = [[m["area"], m["initiative"], m["title"], _d(m["due_on"])] for m in context["overdue_milestones"]]
    indicators = [[i["area"], i["initiative"], i["name"], i["unit"], i["baseline"], i["target"], _d(i["target_on"]),
                   i["actual"], i["on_target_text"]] for i in context["indicators"]]
    changes = context["changes"]
    if context["previous"] is None:
        change_rows = [[_("There is no earlier closed round to compare with.")]]
    else:
        change_rows = ([[_("New"), c["title"], c["area"], "", ""] for c in changes["new"]]
                       + [[_("Ended"), c["title"], c["area"], "", ""] for c in changes["ended"]]
                       + [[_("Status changed"), c["title"], c["area"], c["before"],
                           c["now"]] for c in changes["status"]])
    since = (_("Changes since the round as of %(date)s") % {"date": _d(context["previous"]["as_of"])}
             if context["previous"] else _("Changes since the previous round"))
    return [
        Sheet(title=_("Summary"), preamble=preamble, body=summary, width=16,
              header=[_("Grouped by"), _("Name"), *figures_header(context, _("Average progress (%)"))]),
        Sheet(title=_("At risk or off track"), preamble=[[_("Initiatives at risk or off track")], []],
              header=[_("Area"), _("Goal"), _("Initiative"), _("Owner"), _("Status"), _("Progress (%)"),
                      _("Narrative"), _("Reported on")], body=concerns),
        Sheet(title=_("Overdue milestones"), preamble=[[_("Overdue milestones")], []],
              header=[_("Area"), _("Initiative"), _("Milestone"), _("Due")], body=milestones),
        Sheet(title=_("Indicators"), preamble=[[_("Indicators")], []],
              header=[_("Area"), _("Initiative"), _("Indicator"), _("Unit"), _("Baseline"), _("Target"),
                      _("Target date"), _("Actual"), _("On target")], body=indicators),
        Sheet(title=_("Changes"), preamble=[[since], []],
              header=[_("Change"), _("Initiative"), _("Area"), _("Before"), _("Now")], body=change_rows),
    ]


@read_plans
def round_report_xlsx(request, pk):
    context = _export(request, pk, "xlsx")
    return xlsx_sheets_response(_filename(context, "xlsx"), sheets(context))


# --- PDF ------------------------------------------------------------------------------------------------------

@read_plans
def round_report_pdf(request, pk):
    context = _export(request, pk, "pdf")
    return pdf_response(request, pdf_story(context), title=context["title"], filename=_filename(context, "pdf"),
                        instead=reverse("actionplans:round_report_print", args=[pk]))


def pdf_story(context) -> list:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, TableStyle

    styles, small, bold = pdf_styles()
    tiny = small.clone("tiny", fontSize=7, leading=9)
    tiny_bold = tiny.clone("tiny_bold", fontName="DejaVuSans-Bold")
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)])

    def p(text, style_=small):
        return paragraph(text, style_)

    def tables(header, rows, widths, cell=small, head=bold) -> list:
        """The rows as one table whose header repeats on each page it is split over; none without rows."""
        if not rows:
            return []
        data = [[p(h, head) for h in header]] + [[p(c, cell) for c in row] for row in rows]
        return [table(data, widths, style, repeat_rows=1)]

    heading = styles["Heading2"].clone("section", keepWithNext=1)
    subheading = styles["Heading3"].clone("subsection", keepWithNext=1)

    def section(title) -> list:
        return [Spacer(1, 5 * mm), p(title, heading)]

    def summary(label, columns, totals=None) -> list:
        """Figures with the groups as columns (five at most side by side) and the measures as rows: the
        groups' names fit the width of A4 that way."""
        measures = figures_header(context)
        out = []
        groups = columns + ([(_("All areas"), totals)] if totals else [])
        for start in range(0, len(groups), 5):
            chunk = groups[start:start + 5]
            header = [label] + [name for name, _figures in chunk]
            rows = [[measure] + [_figures_texts(figures)[index] for _name, figures in chunk]
                    for index, measure in enumerate(measures)]
            out += tables(header, rows, [44] + [130 / len(chunk)] * len(chunk), cell=tiny, head=tiny_bold)
        return out

    story = [p(_("Central Denmark Region – the regional council's status report on the international action plans"),
               small),
             p(context["title"], styles["Title"]), p(state_text(context), styles["BodyText"])]

    story += section(_("Summary by area"))
    if context["by_area"]:
        story += summary(_("Area"), [(a["name"], a) for a in context["by_area"]], totals=context["total"])
    else:
        story.append(p(_("No initiatives were due in this round.")))
    story += section(_("Summary by purpose"))
    if context["by_purpose"]:
        story.append(p(_("An initiative counts under each purpose of its goal.")))
        story += summary(_("Purpose"), [(f"{p_['number']}. {p_['name']}", p_) for p_ in context["by_purpose"]])
    else:
        story.append(p(_("No initiatives were due in this round.")))

    story += section(_("Initiatives at risk or off track"))
    # Plain paragraphs, not table rows: a long narrative flows on to the next page.
    title_style = bold.clone("concern", spaceBefore=5, spaceAfter=0, keepWithNext=1)
    facts_style = small.clone("facts", spaceBefore=0, spaceAfter=0, textColor=colors.HexColor("#495057"),
                              keepWithNext=1)
    narrative_style = small.clone("narrative", spaceBefore=1, spaceAfter=0)
    for concern in context["concerns"]:
        story += [p(concern["title"], title_style),
                  p(" · ".join([concern["area"], _("Goal: %(goal)s") % {"goal": concern["goal"]},
                                _("Owner: %(owner)s") % {"owner": concern["owner"]},
                                f"{concern['status_label']}, {concern['progress']} %"]), facts_style),
                  *paragraphs(concern["narrative"] or _("No narrative given."), narrative_style)]
    if not context["concerns"]:
        story.append(p(_("No initiative is at risk or off track.")))

    story += section(_("Overdue milestones"))
    story += tables([_("Area"), _("Initiative"), _("Milestone"), _("Due")],
                    [[m["area"], m["initiative"], m["title"], _d(m["due_on"])] for m in context["overdue_milestones"]],
                    [30, 60, 60, 24]) or [p(_("No milestone is overdue."))]

    story += section(_("Indicators"))
    story += tables([_("Initiative"), _("Indicator"), _("Baseline"), _("Target"), _("Target date"), _("Actual"),
                     _("On target")],
                    [[f"{i['initiative']}\n{i['area']}", f"{i['name']} ({i['unit']})" if i["unit"] else i["name"],
                      _number(i["baseline"]),
                      _number(i["target"]), _d(i["target_on"]), _number(i["actual"]), i["on_target_text"]]
                     for i in context["indicators"]],
                    [35, 33, 23, 18, 20, 18, 27], cell=tiny, head=tiny_bold) or [p(_("No indicators."))]

    changes = context["changes"]
    story += section(_("Changes since the previous round"))
    if context["previous"] is None:
        story.append(p(_("There is no earlier closed round to compare with.")))
    else:
        story.append(p(_("Compared with the round as of %(date)s.") % {"date": _d(context["previous"]["as_of"])}))
        for title, items in ((_("New initiatives"), changes["new"]), (_("Ended initiatives"), changes["ended"])):
            story += [p(title, subheading)]
            story += tables([_("Initiative"), _("Area")], [[c["title"], c["area"]] for c in items],
                            [120, 54]) or [p(_("None."))]
        story += [p(_("Status changes"), subheading)]
        story += tables([_("Initiative"), _("Area"), _("Before"), _("Now")],
                        [[c["title"], c["area"], c["before"], c["now"]]
                         for c in changes["status"]], [74, 40, 30, 30]) or [p(_("None."))]
    return story
