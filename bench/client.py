"""A browser-like session on loopback (common.testing's client, logged in as a demo user), percentiles."""

import math

from common.testing import Client, Response, form_fields
from strategy_portal.demo import DEMO_PASSWORD

__all__ = ["Response", "Session", "form_fields", "percentile"]


class Session(Client):
    """One demo user's cookies. Redirects are not followed: a 302 after a save is the answer we measure."""

    def __init__(self, base: str, timeout: float = 60):
        super().__init__(base, timeout)

    def log_in(self, username: str, password: str = DEMO_PASSWORD) -> None:
        super().log_in(username, password)


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]
