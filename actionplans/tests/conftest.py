import pytest

from actionplans.tests.factories import make_plan


@pytest.fixture
def old_plan(health, previous_term):
    """Health's plan of the previous council term, still in force: due for revision."""
    return make_plan(health, previous_term)


@pytest.fixture
def current_plan(health, current_term):
    """Health's plan in force for the current council term."""
    return make_plan(health, current_term)
