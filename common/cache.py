"""Read-mostly results, computed once per process until the data under them changes.

The database numbers its data: every write to a data table gives `portal_data_version` a new number
(strategy_portal/migrations/0001_data_version.py). A result is kept with the number it was computed at, so the
first request after a change computes it afresh, in every process, and nothing has to be told to forget anything.
Results stay in the process's memory as they are (no copy, no pickling): callers must not change them."""

from django.db import connection
from django.utils.translation import get_language

MAX_RESULTS = 64  # names × languages × variants (the dashboard's map per filter): the oldest go first
_results: dict[tuple, tuple[int, object]] = {}


def data_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM portal_data_version")
        return cursor.fetchone()[0]


def cached(name: str, compute, *vary):
    """compute()'s result for the current data and language (and `vary`), kept until the data changes."""
    key, version = (name, get_language(), *(str(part) for part in vary)), data_version()
    kept = _results.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    value = compute()
    _results.pop(key, None)
    _results[key] = (version, value)
    while len(_results) > MAX_RESULTS:
        _results.pop(next(iter(_results)), None)
    return value
