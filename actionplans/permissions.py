"""Who may change which action plan. Reading is for every role (the view permission)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.roles import Role, roles_of
from actionplans.models import ActionPlan, Goal, Initiative
from strategy.models import Area


def can_edit_plans_of(user, area) -> bool:
    """The International Office and administrators change every area's plans; an area editor their own."""
    if not user.is_authenticated or not user.has_perm("actionplans.change_actionplan"):
        return False
    roles = roles_of(user)
    if Role.INTERNATIONAL_OFFICE in roles or Role.ADMINISTRATOR in roles:
        return True
    return Role.AREA_EDITOR in roles and user.area_id == area.pk


def can_edit_plan(user, plan: ActionPlan) -> bool:
    return can_edit_plans_of(user, plan.area) and plan.is_editable()


def get_area_for_edit(request, code) -> Area:
    area = get_object_or_404(Area, code=code)
    if not can_edit_plans_of(request.user, area):
        raise PermissionDenied("may not change this area's plans")
    return area


def get_plan_for_edit(request, pk) -> ActionPlan:
    plan = get_object_or_404(ActionPlan.objects.select_related("area", "term"), pk=pk)
    if not can_edit_plans_of(request.user, plan.area):
        raise PermissionDenied("may not change this area's plans")
    return plan


def get_goal_for_edit(request, pk) -> Goal:
    goal = get_object_or_404(Goal.objects.present().select_related("plan__area", "plan__term"), pk=pk)
    if not can_edit_plans_of(request.user, goal.plan.area):
        raise PermissionDenied("may not change this area's plans")
    return goal


def get_initiative_for_edit(request, pk) -> Initiative:
    queryset = Initiative.objects.present().select_related("goal__plan__area", "goal__plan__term")
    initiative = get_object_or_404(queryset, pk=pk)
    if not can_edit_plans_of(request.user, initiative.goal.plan.area):
        raise PermissionDenied("may not change this area's plans")
    return initiative


def can_report_on(user, plan: ActionPlan) -> bool:
    """Status is reported by those who change the area's plans, on a plan that is not history."""
    return can_edit_plans_of(user, plan.area) and plan.is_editable()


def can_manage_rounds(user) -> bool:
    """The International Office (and administrators) open and close reporting rounds."""
    if not user.is_authenticated or not user.has_perm("actionplans.change_reportinground"):
        return False
    return bool(roles_of(user) & {Role.INTERNATIONAL_OFFICE, Role.ADMINISTRATOR})


def require_round_manager(user) -> None:
    if not can_manage_rounds(user):
        raise PermissionDenied("may not open or close reporting rounds")
