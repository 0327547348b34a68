"""Changing what is public: one step, all or nothing, each change in the audit record."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan
from audit.models import Event
from audit.services import record
from public.models import PlanPublication, Publication


def _yes_no(value: bool) -> str:
    return _("on") if value else _("off")


@transaction.atomic
def publish(*, strategy_public: bool, partners_public: bool, plans: dict[int, tuple[bool, bool]], version: int,
            by) -> list[str]:
    """Set what is public: the strategy, the partner regions and, per plan in force (its pk), whether the plan and
    its latest reported status are (`plans`: pk -> (plan public, status public)). Refused (ValidationError, and
    nothing changes) for a plan that is not in force, or when what is public changed since `version` was read.
    Returns what changed, as recorded in the audit record."""
    settings = Publication.objects.select_for_update().first() or Publication()
    if settings.version != version:
        raise ValidationError(_("Someone else changed what is public meanwhile. Check the choices below (they show "
                                "what is public now) and save again."), code="conflict")
    changed = []
    for field, value in (("strategy_public", strategy_public), ("partners_public", partners_public)):
        if getattr(settings, field) != value:
            setattr(settings, field, value)
            changed.append((settings, f"{settings._meta.get_field(field).verbose_name}: {_yes_no(value)}"))
    if settings.pk is None:
        settings.save()
    in_force = ActionPlan.objects.select_related("area", "term").in_bulk(list(plans))
    existing = {p.plan_id: p for p in PlanPublication.objects.select_for_update().filter(plan__in=list(plans))}
    for pk, (plan_public, status_public) in plans.items():
        entry = existing.get(pk) or PlanPublication(plan=in_force.get(pk) or ActionPlan(pk=pk))
        if (entry.plan_public, entry.status_public) == (plan_public, status_public):
            continue
        entry.plan_public, entry.status_public = plan_public, status_public
        entry.full_clean()
        entry.save()
        changed.append((entry, _("public: %(plan)s, its status: %(status)s") % {
            "plan": _yes_no(plan_public), "status": _yes_no(status_public)}))
    if changed:
        settings.version += 1
        settings.full_clean()
        settings.save()
    for obj, detail in changed:
        record(Event.Action.CHANGE, user=by, obj=obj, detail=detail)
    return [detail for _obj, detail in changed]
