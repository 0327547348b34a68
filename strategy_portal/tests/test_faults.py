"""PostgreSQL goes away under the running portal, and comes back.

The test starts its own PostgreSQL server in a temporary folder (pgserver's binaries) and its own
gunicorn, so it touches no shared server.
"""

import os

import pytest

from common.testing import LIVE_SETTINGS, Client, prepare_database, private_postgres, running_portal
from strategy_portal.demo import DEMO_PASSWORD


@pytest.fixture
def own_postgres():
    with private_postgres() as postgres:
        yield postgres


@pytest.fixture
def portal(own_postgres, tmp_path):
    env = {**os.environ, **LIVE_SETTINGS, "DATABASE_URL": own_postgres.url}
    prepare_database(env)
    with running_portal(env, tmp_path / "gunicorn.log", "--workers", "1") as base:
        yield base


def _get(client, path):
    response = client.get(path)
    return response.status, response.body


def test_portal_answers_503_while_postgres_is_down_and_recovers_without_restart(portal, own_postgres):
    client = Client(portal)
    client.log_in("demo-council", DEMO_PASSWORD)
    assert _get(client, "/strategy/")[0] == 200

    own_postgres.stop()
    status, page = _get(client, "/strategy/")
    assert status == 503
    assert "Midlertidigt utilgængelig" in page and "navbar" in page  # the portal's layout, no stack trace
    assert "Traceback" not in page and "OperationalError" not in page
    assert _get(client, "/healthz") == (503, "unavailable\n")

    own_postgres.start()
    assert _get(client, "/healthz") == (200, "ok\n")
    status, page = _get(client, "/strategy/")
    assert status == 200
    assert "international vækstregion" in page
