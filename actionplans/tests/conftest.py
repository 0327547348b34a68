import datetime

import pytest

from actionplans.history import loading_history, plan_with_content, snapshot
from actionplans.models import ActionPlan, Adjustment, Goal, Initiative
from partners.models import PartnerRegion
from strategy.models import Purpose


def make_plan(area, term, *, status=ActionPlan.Status.IN_FORCE, goals=2, initiatives=2):
    """A plan with content, loaded the way historic plans are (the database otherwise refuses ended terms)."""
    adopted_on = None if status == ActionPlan.Status.DRAFT else term.starts_on + datetime.timedelta(days=30)
    with loading_history():
        plan = ActionPlan.objects.create(area=area, term=term, status=status, adopted_on=adopted_on, version=1)
        shanghai = PartnerRegion.objects.get(code="shanghai")
        for g in range(goals):
            goal = Goal.objects.create(plan=plan, title=f"Mål {g + 1}", position=g)
            goal.purposes.set(Purpose.objects.filter(number__in=[1, 2]))
            for i in range(initiatives):
                initiative = Initiative.objects.create(goal=goal, title=f"Indsats {g + 1}.{i + 1}", owner="Ejer",
                                                       position=i, starts_on=term.starts_on, progress=10)
                initiative.partner_regions.set([shanghai])
        Adjustment.objects.create(plan=plan, number=1, summary="Vedtaget",
                                  snapshot=snapshot(plan_with_content(plan.pk)))
    return plan


@pytest.fixture
def old_plan(health, previous_term):
    """Health's plan of the previous council term, still in force: due for revision."""
    return make_plan(health, previous_term)


@pytest.fixture
def current_plan(health, current_term):
    """Health's plan in force for the current council term."""
    return make_plan(health, current_term)
