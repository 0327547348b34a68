"""Pages of the follow-up: reporting status on a plan's initiatives, an initiative's timeline with its
milestones and indicators, and the International Office's reporting rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from actionplans import selectors, services
from actionplans.forms import CloseRoundForm, IndicatorForm, MilestoneForm, RoundForm, StatusUpdateForm
from actionplans.models import Indicator, Milestone, ReportingRound
from actionplans.permissions import (
    can_manage_rounds,
    can_report_on,
    get_initiative_for_edit,
    get_plan_for_edit,
    require_round_manager,
)
from common.editing import EditConflict
from common.views import posted, reader

read_plans = reader("actionplans.view_actionplan")


def _status_form(initiative, round_, data=None):
    as_of = round_.as_of if round_ else timezone.localdate()
    return StatusUpdateForm(data, initiative=initiative, latest=initiative.latest, as_of=as_of,
                            round_id=round_.pk if round_ else None)


@login_required
@require_http_methods(["GET", "HEAD"])
def reporting(request, pk):
    """One page per plan (a page of its goals for a large plan): every initiative with its latest update, each
    updated without leaving the page."""
    plan = get_plan_for_edit(request, pk)
    context = selectors.reporting_page(plan.pk, page=request.GET.get("page", 1))
    context["can_report"] = can_report_on(request.user, plan)
    for initiative in context["initiatives"]:
        initiative.form = (_status_form(initiative, context["round"])
                           if context["can_report"] and initiative.takes_status_updates() else None)
    return render(request, "actionplans/reporting.html", context)


@login_required
@require_POST
def status_update(request, pk):
    """Record one initiative's status update; back to the page it came from (the reporting page's page of goals
    holding the initiative), or that page with the errors."""
    get_initiative_for_edit(request, pk)
    on_timeline = request.POST.get("from") == "initiative"
    context = selectors.initiative_follow_up(pk)  # one initiative: the whole page is read only to show errors
    row = context["initiative"]
    form = _status_form(row, context["round"], request.POST)
    status = 400
    if form.is_valid():
        try:
            services.record_status_update(
                initiative=row, as_of=form.cleaned_data["as_of"], status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"], narrative=form.cleaned_data["narrative"],
                narrative_internal=form.cleaned_data["narrative_internal"],
                seen_update=form.cleaned_data["seen_update"], values=form.indicator_values(),
                milestones_done=form.cleaned_data.get("milestones_done", []),
                for_round=form.cleaned_data["for_round"], by=request.user)
        except EditConflict as conflict:
            status = 409
            form.data = form.data.copy()
            form.data[form.add_prefix("seen_update")] = conflict.current.pk
            form.add_error(None, _("%(who)s reported on this initiative meanwhile (%(status)s, %(progress)s %%). "
                                   "Your update is not saved yet: it is still in the form; save it again to add it "
                                   "after theirs.") % {"who": conflict.saved_by or _("Someone"),
                                                       "status": conflict.current.get_status_display(),
                                                       "progress": conflict.current.progress})
        except ValidationError as error:
            if error.code == "round_closed":  # saving again records it outside the round (or in the next one)
                form.data = form.data.copy()
                form.data[form.add_prefix("for_round")] = context["round"].pk if context["round"] else ""
            form.add_error(None, error)
        else:
            messages.success(request, _("The status of “%(title)s” was reported.") % {"title": row.title})
            if on_timeline:
                return redirect("actionplans:initiative_detail", pk=pk)
            page = request.POST.get("page", "")
            return redirect(reverse("actionplans:reporting", args=[row.goal.plan_id])
                            + (f"?page={page}" if page.isdigit() else "") + f"#initiative-{pk}")
    row.form = form
    if on_timeline:
        return _render_initiative(request, context, status=status)
    page = selectors.reporting_page(row.goal.plan_id, goal_id=row.goal_id)
    page["can_report"] = True
    for other in page["initiatives"]:
        other.form = form if other.pk == row.pk else (
            _status_form(other, page["round"]) if other.takes_status_updates() else None)
    return render(request, "actionplans/reporting.html", page, status=status)


@read_plans
def initiative_detail(request, pk):
    return _render_initiative(request, selectors.initiative_follow_up(pk))


def _render_initiative(request, context, status=200, milestone_form=None, indicator_form=None):
    initiative = context["initiative"]
    context["can_report"] = can_report_on(request.user, context["plan"])
    if context["can_report"]:
        if not hasattr(initiative, "form"):
            initiative.form = _status_form(initiative, context["round"]) if initiative.takes_status_updates() else None
        context["milestone_form"] = milestone_form or MilestoneForm(prefix="milestone")
        context["indicator_form"] = indicator_form or IndicatorForm(prefix="indicator")
    return render(request, "actionplans/initiative_detail.html", context, status=status)


@login_required
@require_POST
def follow_up_add(request, pk, kind):
    """Add a milestone or an indicator to an initiative."""
    initiative = get_initiative_for_edit(request, pk)
    form_class, model, add = ((MilestoneForm, Milestone, services.add_milestone) if kind == "milestone"
                              else (IndicatorForm, Indicator, services.add_indicator))
    form = form_class(request.POST, prefix=kind, instance=model(initiative=initiative))
    if form.is_valid():
        try:
            add(**{kind: form.instance, "by": request.user})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("actionplans:initiative_detail", pk=pk)
    forms = {f"{kind}_form": form}
    return _render_initiative(request, selectors.initiative_follow_up(pk), status=400, **forms)


# --- Reporting rounds ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def rounds(request):
    """The reporting rounds; the International Office opens the next one here."""
    if not request.user.has_perm("actionplans.view_reportinground"):
        raise PermissionDenied("may not read reporting rounds")
    may_manage = can_manage_rounds(request.user)
    if request.method == "POST":
        require_round_manager(request.user)
    form = RoundForm(posted(request)) if may_manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            opened = services.open_round(as_of=form.cleaned_data["as_of"], deadline=form.cleaned_data["deadline"],
                                         by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The reporting round is open: every open initiative is due for an update."))
            return redirect(opened)
    return render(request, "actionplans/rounds.html", {**selectors.rounds_page(), "form": form,
                                                       "can_manage": may_manage},
                  status=400 if request.method == "POST" else 200)


@read_plans
def round_detail(request, pk):
    return _render_round(request, pk)


def _render_round(request, pk, close_form=None, status=200):
    context = selectors.round_page(pk)
    context["can_manage"] = can_manage_rounds(request.user)
    if context["can_manage"] and context["round"].is_open:
        context["close_form"] = close_form or CloseRoundForm()
    return render(request, "actionplans/round_detail.html", context, status=status)


@login_required
@require_POST
def round_close(request, pk):
    require_round_manager(request.user)
    reporting_round = get_object_or_404(ReportingRound, pk=pk)
    form = CloseRoundForm(request.POST)
    if not form.is_valid():
        return _render_round(request, pk, close_form=form, status=400)
    try:
        services.close_round(reporting_round=reporting_round, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The reporting round is closed: its report is frozen."))
    return redirect(reporting_round)
