from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from actionplans import imports, selectors, services
from actionplans.forms import (
    AdoptForm,
    CompareForm,
    GoalForm,
    ImportConfirmForm,
    ImportUploadForm,
    InitiativeForm,
    PlanSummaryForm,
    ReasonForm,
    StartRevisionForm,
)
from actionplans.history import diff, plan_states
from actionplans.models import IMPORT_HOURS, Goal, Initiative, PlanImport
from actionplans.permissions import (
    can_edit_plan,
    can_edit_plans_of,
    can_report_on,
    get_area_for_edit,
    get_goal_for_edit,
    get_initiative_for_edit,
    get_plan_for_edit,
)
from common.editing import EditConflict
from common.exports import xlsx_sheets_response
from common.spreadsheets import SizeLimit, SpreadsheetError, too_large
from common.views import edit_view, posted, reader

read_plans = reader("actionplans.view_actionplan")


@read_plans
def overview(request):
    context = selectors.plans_overview()
    context |= selectors.plans_follow_up(context["areas"])
    for summary in context["areas"]:
        summary["can_edit"] = can_edit_plans_of(request.user, summary["area"])
    return render(request, "actionplans/overview.html", context)


@read_plans
def area_detail(request, code):
    context = selectors.area_plans(code)
    context["can_edit"] = can_edit_plans_of(request.user, context["area"])
    context["may_start_revision"] = context["can_edit"] and context["state"].is_due and not context["draft"]
    return render(request, "actionplans/area_detail.html", context)


@read_plans
def plan_detail(request, pk):
    goal = request.GET.get("goal", "")
    context = selectors.plan_detail(pk, page=request.GET.get("page", 1), goal_id=int(goal) if goal.isdigit() else None)
    context |= selectors.plan_follow_up(context["plan"], context["all_goals"], shown=context["goals"])
    context["can_edit"] = can_edit_plan(request.user, context["plan"])
    context["may_adopt"] = context["can_edit"] and context["plan"].may_adopt()
    context["can_report"] = can_report_on(request.user, context["plan"])
    context["may_import"] = context["can_edit"] and context["plan"].import_refusal() is None
    return render(request, "actionplans/plan_detail.html", context)


def _edit(request, *, plan, form, save, template, context, success, back=None):
    """One edit of a plan through the edit pipeline; a plan that is history is refused first. Afterwards the plan
    shows the page that holds `back(saved)`, a goal or an initiative, when given."""
    if refusal := plan.edit_refusal():
        messages.error(request, refusal)
        return redirect("actionplans:plan_detail", pk=plan.pk)
    return edit_view(request, form=form, save=save, template=template, context={"plan": plan, **context},
                     success=success, done=lambda saved: _on_plan_page(plan, back(saved) if back else None))


def _on_plan_page(plan, item) -> str:
    """The plan's address, at the page of its goals that holds `item` (a goal or an initiative), scrolled to it."""
    if item is None:
        return plan.get_absolute_url()
    goal_id = item.pk if isinstance(item, Goal) else item.goal_id
    return f"{plan.get_absolute_url()}?goal={goal_id}#{'goal' if isinstance(item, Goal) else 'initiative'}-{item.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = get_plan_for_edit(request, pk)
    form = PlanSummaryForm(posted(request), instance=plan)
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
    form = GoalForm(posted(request), instance=goal)
    return _edit(request, plan=plan, form=form, template="actionplans/goal_form.html", context={"goal": goal},
                 success=_("The goal was saved."), back=lambda saved: saved,
                 save=lambda f: services.save_goal(
                     goal=f.instance, purposes=f.cleaned_data["purposes"], principles=f.cleaned_data["principles"],
                     expected_version=f.cleaned_data["version"], reason=f.cleaned_data["reason"], by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, goal_pk=None, pk=None):
    if pk:
        initiative = get_initiative_for_edit(request, pk)
        goal = initiative.goal
    else:
        goal = get_goal_for_edit(request, goal_pk)
        initiative = Initiative(goal=goal)
    form = InitiativeForm(posted(request), instance=initiative)
    return _edit(request, plan=goal.plan, form=form, template="actionplans/initiative_form.html",
                 context={"goal": goal, "initiative": initiative}, success=_("The initiative was saved."),
                 back=lambda saved: saved,
                 save=lambda f: services.save_initiative(
                     initiative=f.instance, **f.links(), new_organisation=f.new_organisation,
                     expected_version=f.cleaned_data["version"], reason=f.cleaned_data["reason"], by=request.user))


def _item_for_edit(request, kind, pk):
    item = get_goal_for_edit(request, pk) if kind == "goal" else get_initiative_for_edit(request, pk)
    return item, (item.plan if kind == "goal" else item.goal.plan)


@login_required
@require_http_methods(["GET", "POST"])
def item_remove(request, kind, pk):
    item, plan = _item_for_edit(request, kind, pk)
    form = ReasonForm(posted(request), initial={"version": item.version})
    return _edit(request, plan=plan, form=form, template="actionplans/item_confirm.html",
                 context={"item": item, "kind": kind, "action": "remove"},
                 success=_("Removed. It stays readable in the plan's history."),
                 back=lambda saved: None if kind == "goal" else item.goal,
                 save=lambda f: services.remove_item(item=item, expected_version=f.cleaned_data["version"],
                                                     reason=f.cleaned_data["reason"], by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def item_move(request, kind, pk, direction):
    item, plan = _item_for_edit(request, kind, pk)
    form = ReasonForm(posted(request))
    return _edit(request, plan=plan, form=form, template="actionplans/item_confirm.html",
                 context={"item": item, "kind": kind, "action": direction}, success=_("The order was changed."),
                 back=lambda saved: item,
                 save=lambda f: services.move_item(item=item, up=direction == "up", reason=f.cleaned_data["reason"],
                                                   by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def start_revision(request, code):
    area = get_area_for_edit(request, code)
    context = selectors.revision_start(code)
    form = StartRevisionForm(posted(request), goals=context["goals"])
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.start_revision(area=area, previous=context["previous"],
                                            goal_ids=form.cleaned_data["goals"],
                                            initiative_ids=form.cleaned_data["initiatives"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("actionplans:area_detail", code=code)
        messages.success(request, _("The draft for the new council term was created."))
        return redirect("actionplans:plan_detail", pk=draft.pk)
    return render(request, "actionplans/start_revision.html", {"form": form, **context})


@login_required
@require_http_methods(["GET", "POST"])
def adopt(request, pk):
    plan = get_plan_for_edit(request, pk)
    if not plan.may_adopt():
        messages.error(request, _("Only a draft can be adopted."))
        return redirect("actionplans:plan_detail", pk=plan.pk)
    form = AdoptForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.adopt_plan(plan=plan, adopted_on=form.cleaned_data["adopted_on"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan is adopted and in force."))
            return redirect("actionplans:plan_detail", pk=plan.pk)
    # Read after a POST too: what stops the adoption is then shown once, in place of the form.
    return render(request, "actionplans/adopt.html", {"form": form, **selectors.plan_adoption(plan)},
                  status=400 if request.method == "POST" else 200)


@read_plans
def history(request, pk):
    return render(request, "actionplans/history.html", selectors.plan_history(pk))


@read_plans
def compare_versions(request, pk):
    """The difference between two versions of a plan (?from=N&to=M)."""
    plan = selectors.plan_header(pk)
    form = CompareForm(request.GET, plan=plan)
    if not form.is_valid():
        return render(request, "actionplans/compare.html", {"plan": plan, "form": form}, status=400)
    old, new = form.cleaned_data["from_version"], form.cleaned_data["to_version"]
    states = plan_states(plan.pk, [old, new])
    changes = diff(states[old], states[new])
    return render(request, "actionplans/compare.html",
                  {"plan": plan, "form": form, "old": old, "new": new, "changes": changes})


@read_plans
def compare_previous(request, pk):
    """This plan against the area's plan of the previous council term."""
    return render(request, "actionplans/compare_previous.html", selectors.previous_comparison(pk))


# --- Import from a spreadsheet ---------------------------------------------------------------------------------------

IMPORT_LIMITS = {"rows": imports.MAX_ROWS, "megabytes": imports.MAX_BYTES // 1024 // 1024, "hours": IMPORT_HOURS}


def _get_plan_for_import(request, pk):
    """The plan, when this user may fill it from a spreadsheet; else None, with the reason as a message."""
    plan = get_plan_for_edit(request, pk)
    if refusal := plan.import_refusal():
        messages.error(request, refusal)
        return None
    return plan


@csrf_exempt  # checked by csrf_protect below, once the upload's size limit is in place
@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request, pk):
    """Upload a spreadsheet for a draft; it is read and kept for the preview, never imported here."""
    request.upload_handlers.insert(0, SizeLimit(request, imports.MAX_BYTES))
    return _plan_import(request, pk)


@csrf_protect
def _plan_import(request, pk):
    plan = _get_plan_for_import(request, pk)
    if plan is None:
        return redirect("actionplans:plan_detail", pk=pk)
    form = ImportUploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if getattr(request, "upload_too_large", False):
        form.add_error("file", too_large(int(request.META.get("CONTENT_LENGTH") or 0), imports.MAX_BYTES))
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = imports.read_upload(upload)
        except SpreadsheetError as error:
            form.add_error("file", str(error))
        else:
            kept = services.keep_import(plan=plan, filename=upload.name, table=table, by=request.user)
            return redirect("actionplans:import_preview", pk=plan.pk, import_pk=kept.pk)
    return render(request, "actionplans/import_upload.html", {"plan": plan, "form": form, "limits": IMPORT_LIMITS},
                  status=400 if request.method == "POST" else 200)


UPLOAD_AGAIN = gettext_lazy("The plan was changed after the preview, so nothing was imported. Upload the file again "
                            "to see what it would change now.")


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request, pk, import_pk):
    """Every row's result; confirming with a reason imports the file as one adjustment."""
    plan = _get_plan_for_import(request, pk)
    if plan is None:
        return redirect("actionplans:plan_detail", pk=pk)
    upload = PlanImport.objects.pending().filter(pk=import_pk, plan=plan, made_by=request.user).first()
    if upload is None:
        messages.error(request, _("This upload has expired or was imported already: upload the file again."))
        return redirect("actionplans:plan_import", pk=plan.pk)
    form = ImportConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            done = services.import_plan(plan_import=upload, reason=form.cleaned_data["reason"], by=request.user)
        except EditConflict:
            messages.error(request, UPLOAD_AGAIN)
            return redirect("actionplans:plan_import", pk=plan.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The file was imported.") if done.has_changes else
                             _("The plan already holds what the file holds: nothing was changed."))
            return redirect("actionplans:plan_detail", pk=plan.pk)
    preview = imports.analyse(plan, upload.table)
    context = {"plan": plan, "upload": upload, "preview": preview, "form": form,
               "stale": plan.version != upload.plan_version, "upload_again": UPLOAD_AGAIN}
    return render(request, "actionplans/import_preview.html", context,
                  status=400 if request.method == "POST" else 200)


@read_plans
def import_template(request):
    return xlsx_sheets_response(_("action-plan-template.xlsx"), imports.template_sheets())
