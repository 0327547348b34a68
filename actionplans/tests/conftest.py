import pytest

from actionplans.models import ActionPlan
from actionplans.tests.factories import make_plan
from strategy.models import Area


@pytest.fixture
def old_plan(health, previous_term):
    """Health's plan of the previous council term, still in force (and adjustable): due for revision."""
    return make_plan(health, previous_term)


@pytest.fixture
def current_plan(health, current_term):
    """Health's plan in force for the current council term."""
    return make_plan(health, current_term)


@pytest.fixture
def superseded_plan(starting_data, previous_term):
    """Stabe's plan of the previous council term, superseded: history."""
    return make_plan(Area.objects.get(code="stabe"), previous_term, status=ActionPlan.Status.SUPERSEDED)


@pytest.fixture
def expired_draft(starting_data, previous_term):
    """Psychiatry and Social's draft of the previous council term, never adopted: history."""
    return make_plan(Area.objects.get(code="psykiatri-og-social"), previous_term, status=ActionPlan.Status.DRAFT)


@pytest.fixture(params=["superseded_plan", "expired_draft"])
def history_plan(request):
    """Each kind of plan that is history."""
    return request.getfixturevalue(request.param)
