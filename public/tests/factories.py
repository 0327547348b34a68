from public.models import PlanPublication, Publication


def publish_all(*plans, status: bool = True, strategy: bool = True, partners: bool = True) -> None:
    """Publish the strategy and partner regions and each of `plans` (with its status unless `status` is False)."""
    Publication.objects.update_or_create(singleton=True, defaults={"strategy_public": strategy,
                                                                  "partners_public": partners})
    for plan in plans:
        PlanPublication.objects.update_or_create(plan=plan, defaults={"plan_public": True, "status_public": status})
