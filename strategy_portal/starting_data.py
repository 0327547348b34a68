"""Loading all of the strategy's starting data: each app loads its own part, in dependency order."""

from django.db import transaction

from accounts.roles import ensure_role_groups
from actionplans import starting_data as actionplans_data
from partners import starting_data as partners_data
from public import starting_data as public_data
from strategy import starting_data as strategy_data


@transaction.atomic
def load_starting_data() -> dict[str, int]:
    """Create whatever of the starting data is missing. Returns how many rows were created per kind."""
    ensure_role_groups()
    return {**strategy_data.load(), **partners_data.load(), **actionplans_data.load(), **public_data.load()}
