from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actionplans import selectors, services
from actionplans.forms import (
    AdoptForm,
    CompareForm,
    GoalForm,
    InitiativeForm,
    PlanSummaryForm,
    ReasonForm,
    StartRevisionForm,
)
from actionplans.history import diff, plan_with_content, snapshot
from actionplans.models import ActionPlan, Goal, Initiative
from actionplans.permissions import (
    can_edit_plan,
    can_edit_plans_of,
    get_goal_for_edit,
    get_initiative_for_edit,
    get_plan_for_edit,
)
from strategy.models import Area


def reader(view):
    """A page every role reads: logged in, allowed to read plans, GET only."""
    return login_required(require_safe(permission_required("actionplans.view_actionplan", raise_exception=True)(view)))


def _posted(request):
    """The form data of a POST (even an empty one), None otherwise."""
    return request.POST if request.method == "POST" else None


@reader
def overview(request):
    context = selectors.plans_overview()
    for summary in context["areas"]:
        summary["can_edit"] = can_edit_plans_of(request.user, summary["area"])
    return render(request, "actionplans/overview.html", context)


@reader
def area_detail(request, code):
    context = selectors.area_plans(code)
    context["can_edit"] = can_edit_plans_of(request.user, context["area"])
    return render(request, "actionplans/area_detail.html", context)


@reader
def plan_detail(request, pk):
    context = selectors.plan_detail(pk)
    context["can_edit"] = can_edit_plan(request.user, context["plan"])
    context["may_edit_area"] = can_edit_plans_of(request.user, context["plan"].area)
    return render(request, "actionplans/plan_detail.html", context)


def _refuse_history(request, plan):
    """A plan that may not change: tell why and go back to it (nothing is changed)."""
    messages.error(request, plan.edit_refusal())
    return redirect("actionplans:plan_detail", pk=plan.pk)


def _edit(request, *, plan, form, save, template, context, success):
    """Bind, validate and save one edit of a plan; keep the user's input when the save is refused."""
    if plan.edit_refusal():
        return _refuse_history(request, plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except services.EditConflict as error:
            conflict = error
            # Keep the user's input, now based on the saved version: saving again is a deliberate overwrite.
            form.data = form.data.copy()
            form.data["version"] = error.current_version
            form.add_error(None, _("Someone else saved this meanwhile. Your changes are not saved yet: they are "
                                   "still in the form. Check what changed below, then save again to keep your "
                                   "version, or cancel to keep theirs."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect("actionplans:plan_detail", pk=plan.pk)
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(request, template, {"plan": plan, "form": form, "conflict": conflict, **context}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = get_plan_for_edit(request, pk)
    form = PlanSummaryForm(_posted(request), instance=plan, initial={"version": plan.version})
    return _edit(request, plan=plan, form=form, template="actionplans/plan_form.html", context={},
                 success=_("The plan was saved."),
                 save=lambda f: services.save_plan_summary(
                     plan=plan, summary=f.cleaned_data["summary"], expected_version=f.cleaned_data["version"],
                     reason=f.cleaned_data["reason"], by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, plan_pk=None, pk=None):
    if pk:
        goal = get_goal_for_edit(request, pk)
        plan = goal.plan
    else:
        plan = get_plan_for_edit(request, plan_pk)
        goal = Goal(plan=plan)
    form = GoalForm(_posted(request), instance=goal, initial={"version": goal.version})
    return _edit(request, plan=plan, form=form, template="actionplans/goal_form.html", context={"goal": goal},
                 success=_("The goal was saved."),
                 save=lambda f: services.save_goal(
                     goal=f.instance, purposes=f.cleaned_data["purposes"], expected_version=f.cleaned_data["version"],
                     reason=f.cleaned_data["reason"], by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, goal_pk=None, pk=None):
    if pk:
        initiative = get_initiative_for_edit(request, pk)
        goal = initiative.goal
    else:
        goal = get_goal_for_edit(request, goal_pk)
        initiative = Initiative(goal=goal)
    form = InitiativeForm(_posted(request), instance=initiative, initial={"version": initiative.version})
    return _edit(request, plan=goal.plan, form=form, template="actionplans/initiative_form.html",
                 context={"goal": goal, "initiative": initiative}, success=_("The initiative was saved."),
                 save=lambda f: services.save_initiative(
                     initiative=f.instance, partner_regions=f.cleaned_data["partner_regions"],
                     funding_sources=f.cleaned_data["funding_sources"], expected_version=f.cleaned_data["version"],
                     reason=f.cleaned_data["reason"], by=request.user))


def _item_for_edit(request, kind, pk):
    item = get_goal_for_edit(request, pk) if kind == "goal" else get_initiative_for_edit(request, pk)
    return item, (item.plan if kind == "goal" else item.goal.plan)


@login_required
@require_http_methods(["GET", "POST"])
def item_remove(request, kind, pk):
    item, plan = _item_for_edit(request, kind, pk)
    form = ReasonForm(_posted(request), initial={"version": item.version})
    return _edit(request, plan=plan, form=form, template="actionplans/item_confirm.html",
                 context={"item": item, "kind": kind, "action": "remove"},
                 success=_("Removed. It stays readable in the plan's history."),
                 save=lambda f: services.remove_item(item=item, expected_version=f.cleaned_data["version"],
                                                     reason=f.cleaned_data["reason"], by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def item_move(request, kind, pk, direction):
    item, plan = _item_for_edit(request, kind, pk)
    form = ReasonForm(_posted(request))
    return _edit(request, plan=plan, form=form, template="actionplans/item_confirm.html",
                 context={"item": item, "kind": kind, "action": direction}, success=_("The order was changed."),
                 save=lambda f: services.move_item(item=item, up=direction == "up", reason=f.cleaned_data["reason"],
                                                   by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def start_revision(request, code):
    area = get_object_or_404(Area, code=code)
    if not can_edit_plans_of(request.user, area):
        raise PermissionDenied("may not change this area's plans")
    context = selectors.area_plans(code)
    previous = context["in_force"] or next(iter(context["past"]), None)
    goals = [g for g in plan_with_content(previous.pk).goals.all() if g.removed_at is None] if previous else []
    for goal in goals:
        goal.present_initiatives = [i for i in goal.initiatives.all() if i.removed_at is None]
    form = StartRevisionForm(_posted(request), goals=goals)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.start_revision(area=area, previous=previous, goal_ids=form.cleaned_data["goals"],
                                            initiative_ids=form.cleaned_data["initiatives"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("actionplans:area_detail", code=code)
        messages.success(request, _("The draft for the new council term was created."))
        return redirect("actionplans:plan_detail", pk=draft.pk)
    return render(request, "actionplans/start_revision.html",
                  {"form": form, "previous": previous, "goals": goals, **context})


@login_required
@require_http_methods(["GET", "POST"])
def adopt(request, pk):
    plan = get_plan_for_edit(request, pk)
    if plan.status != ActionPlan.Status.DRAFT:
        messages.error(request, _("Only a draft can be adopted."))
        return redirect("actionplans:plan_detail", pk=plan.pk)
    form = AdoptForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.adopt_plan(plan=plan, adopted_on=form.cleaned_data["adopted_on"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan is adopted and in force."))
            return redirect("actionplans:plan_detail", pk=plan.pk)
    return render(request, "actionplans/adopt.html", {"plan": plan, "form": form},
                  status=400 if request.method == "POST" else 200)



@reader
def history(request, pk):
    plan = get_object_or_404(ActionPlan.objects.select_related("area", "term"), pk=pk)
    adjustments = list(plan.adjustments.select_related("made_by").defer("snapshot").order_by("-number"))
    return render(request, "actionplans/history.html", {"plan": plan, "adjustments": adjustments})


@reader
def compare_versions(request, pk):
    """The difference between two versions of a plan (?from=N&to=M)."""
    plan = get_object_or_404(ActionPlan.objects.select_related("area", "term"), pk=pk)
    form = CompareForm(request.GET, plan=plan)
    if not form.is_valid():
        return render(request, "actionplans/compare.html", {"plan": plan, "form": form}, status=400)
    old, new = form.cleaned_data["from_version"], form.cleaned_data["to_version"]
    changes = diff(old.snapshot, new.snapshot)
    return render(request, "actionplans/compare.html",
                  {"plan": plan, "form": form, "old": old, "new": new, "changes": changes})


@reader
def compare_previous(request, pk):
    """This plan against the area's plan of the previous council term."""
    plan = get_object_or_404(ActionPlan.objects.select_related("area", "term"), pk=pk)
    previous = plan.previous or (ActionPlan.objects.filter(area=plan.area, term__starts_on__lt=plan.term.starts_on)
                                 .exclude(status=ActionPlan.Status.DRAFT).select_related("term")
                                 .order_by("-term__starts_on").first())
    changes = diff(snapshot(plan_with_content(previous.pk)), snapshot(plan_with_content(plan.pk)),
                   compare_plan=False) if previous else []
    return render(request, "actionplans/compare_previous.html",
                  {"plan": plan, "previous": previous, "changes": changes})
