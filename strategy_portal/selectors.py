from partners.models import Office, PartnerRegion
from strategy.models import Area, CoordinationPartner, Purpose, Strategy, SupportedPlan, Value


def strategy_overview() -> dict:
    """Everything the strategy page shows: a fixed number of queries."""
    return {
        "strategy": Strategy.objects.first(),
        "purposes": list(Purpose.objects.all()),
        "values": list(Value.objects.all()),
        "areas": list(Area.objects.all()),
        "offices": list(Office.objects.all()),
        "coordination_partners": list(CoordinationPartner.objects.all()),
        "supported_plans": list(SupportedPlan.objects.all()),
        "partner_regions": list(PartnerRegion.objects.select_related("office").prefetch_related("fields")),
    }
