"""A plan as a printable page, a PDF and a spreadsheet (XLSX or CSV), in the user's language."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actionplans import selectors
from actionplans.imports import COLUMNS
from actionplans.views import read_plans
from audit.models import Event
from audit.services import record
from common.exports import (
    csv_response,
    paragraph,
    paragraphs,
    pdf_response,
    pdf_styles,
    short_date,
    table,
    xlsx_response,
)

_d = short_date


def _plan(request, pk, fmt):
    context = selectors.plan_detail(pk)
    record(Event.Action.EXPORT, request=request, obj=context["plan"], detail=fmt)
    return context


def _filename(plan, ext):
    return f"{slugify(plan.area.name_da)}-{plan.term.starts_on.year}-{plan.term.ends_on.year}.{ext}"


def rows(plan, goals):
    """One row per initiative (goals without initiatives get a row of their own)."""
    # The import's columns (actionplans.imports), so that an exported plan imports again as "no change".
    header = [str(column.heading) for column in COLUMNS]
    body = []
    for goal in goals:
        purposes = ", ".join(str(p.number) for p in goal.purposes.all())
        principles = ", ".join(str(p.number) for p in goal.principles.all())
        initiatives = list(goal.initiatives.all()) or [None]
        for i in initiatives:
            body.append([goal.title, purposes] + ([
                i.title, i.owner, i.department, i.track.name if i.track else "",
                ", ".join(str(r) for r in i.partner_regions.all()), _d(i.starts_on), _d(i.ends_on),
                i.get_status_display(), i.progress, names(i.funding_sources.all()), i.description,
                principles, i.kind_label(), organisations(i),
                *(names(getattr(i, link).all()) for link in ("coordination_partners", "supported_plans", "offices")),
            ] if i else [""] * 11 + [principles] + [""] * 5))
    return header, body


def names(rows) -> str:
    return ", ".join(row.name for row in rows)


def organisations(initiative) -> str:
    """Each organisation with its kind (and country): "Aarhus Universitet (university, Denmark)"."""
    return ", ".join(f"{o.name} ({o.get_kind_display()}{', ' + o.country.name if o.country else ''})"
                     for o in initiative.organisations.all())


@read_plans
def print_plan(request, pk):
    context = _plan(request, pk, "print")
    context |= selectors.plan_follow_up(context["plan"], context["goals"])
    return render(request, "actionplans/print.html", context)


@read_plans
def plan_csv(request, pk):
    context = _plan(request, pk, "csv")
    header, body = rows(context["plan"], context["goals"])
    return csv_response(_filename(context["plan"], "csv"), header, body)


@read_plans
def plan_xlsx(request, pk):
    context = _plan(request, pk, "xlsx")
    plan = context["plan"]
    header, body = rows(plan, context["goals"])
    preamble = [[str(plan)], [f"{_('Status')}: {plan.get_status_display()}",
                              f"{_('Adopted on')}: {_d(plan.adopted_on)}"], []]
    return xlsx_response(_filename(plan, "xlsx"), title=_("Action plan"), header=header, body=body,
                         preamble=preamble)


@read_plans
def plan_pdf(request, pk):
    context = _plan(request, pk, "pdf")
    plan = context["plan"]
    return pdf_response(request, pdf_story(plan, context["goals"]), title=str(plan), filename=_filename(plan, "pdf"),
                        instead=reverse("actionplans:print", args=[plan.pk]))


def pdf_story(plan, goals) -> list:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer
    from reportlab.platypus.flowables import KeepTogether

    styles, small, _bold = pdf_styles()
    grid = [("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]

    def p(text, style=small):
        return paragraph(text, style)

    story = [p(str(plan), styles["Title"]),
             p(f"{_('Status')}: {plan.get_status_display()}. {_('Adopted on')}: {_d(plan.adopted_on) or '–'}. "
               f"{_('Council term')}: {plan.term.label}.", styles["BodyText"])]
    if plan.summary:
        story += paragraphs(plan.summary, styles["BodyText"])
    for goal in goals:
        story += [Spacer(1, 4 * mm), p(goal.title, styles["Heading2"])]
        purposes = ", ".join(p_.name for p_ in goal.purposes.all())
        story.append(p(f"{_('Purposes')}: {purposes}", small))
        principles = "; ".join(str(p_) for p_ in goal.principles.all()) or _("none named")
        story.append(p(f"{_('Principles it serves')}: {principles}", small))
        if goal.description:
            story += paragraphs(goal.description, small)
        for i in goal.initiatives.all():
            facts = [
                [_("Kind of international work"), i.kind_label()],
                [_("Owner"), f"{i.owner}{' – ' + i.department if i.department else ''}"],
                [_("Strategic track"), i.track.name if i.track else "–"],
                [_("Partner regions"), ", ".join(str(r) for r in i.partner_regions.all()) or "–"],
                [_("Other partner organisations"), organisations(i) or "–"],
                [_("Coordinated with"), names(i.coordination_partners.all()) or "–"],
                [_("Plans it supports"), names(i.supported_plans.all()) or "–"],
                [_("Offices"), names(i.offices.all()) or "–"],
                [_("Period"), f"{_d(i.starts_on)} – {_d(i.ends_on)}"],
                [_("Status"), f"{i.get_status_display()}, {i.progress} %"],
                [_("Funding sources"), ", ".join(f.name for f in i.funding_sources.all()) or "–"],
            ]
            block = [p(i.title, styles["Heading3"])]
            if i.description:
                block += paragraphs(i.description, small)
            story.append(KeepTogether(block + [table([[p(a), p(b)] for a, b in facts], [40, 130], grid)]))
    return story
