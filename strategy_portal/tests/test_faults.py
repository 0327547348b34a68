"""PostgreSQL goes away under the running portal, and comes back.

The test starts its own PostgreSQL server in a temporary folder (pgserver's binaries) and its own
gunicorn, so it touches no shared server.
"""

import os

import pytest

from common.testing import LIVE_SETTINGS, PROJECT, Client, prepare_database, private_postgres, running_portal
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


def test_portal_answers_503_while_postgres_is_frozen_and_recovers_without_restart(portal, own_postgres):
    """A server that accepts connections but answers nothing (all its processes stopped) holds no worker for
    long: the page and /healthz answer 503 within seconds, and the portal recovers when the server goes on."""
    client = Client(portal, timeout=45)
    client.log_in("demo-council", DEMO_PASSWORD)
    assert _get(client, "/strategy/")[0] == 200  # the worker now keeps a connection open

    with own_postgres.frozen():
        page = client.get("/strategy/")  # the kept connection's health check waits first, then a new connection
        health = client.get("/healthz")
    assert (page.status, health.status) == (503, 503), (page, health)
    assert page.seconds < 10 and health.seconds < 10, (page.seconds, health.seconds)
    assert "Midlertidigt utilgængelig" in page.body and health.body == "unavailable\n"

    assert _get(client, "/healthz") == (200, "ok\n")
    assert _get(client, "/strategy/")[0] == 200


def test_a_request_waits_for_postgres_only_so_long(settings, own_postgres):
    """The bounds themselves (strategy_portal.database), on psycopg2 connections of the test's own."""
    import time

    import psycopg2
    from psycopg2 import errors, extensions

    from strategy_portal import database

    settings.DATABASE_CONNECT_TIMEOUT, settings.DATABASE_QUERY_TIMEOUT = 1, 1

    def connect():
        return psycopg2.connect(host=own_postgres.host, dbname=own_postgres.database, user="postgres")

    extensions.set_wait_callback(database.wait)
    try:
        database.new_request(None)
        live = connect()
        database.limit_statements(None, live)
        with pytest.raises(errors.QueryCanceled):  # by the server, which goes on serving the connection
            live.cursor().execute("SELECT pg_sleep(5)")
        live.rollback()
        live.cursor().execute("SELECT 1")

        started = time.monotonic()
        with own_postgres.frozen():
            with pytest.raises(psycopg2.OperationalError, match="did not answer within 2 seconds"):
                live.cursor().execute("SELECT 1")
            with pytest.raises(psycopg2.OperationalError, match="earlier in this request"):
                connect()
            database.new_request(None)
            with pytest.raises(psycopg2.OperationalError, match="did not answer within 1 seconds"):
                connect()
        assert live.closed and time.monotonic() - started < 5

        database.new_request(None)
        connect().close()
    finally:
        extensions.set_wait_callback(None)


def test_a_refused_form_is_audited_and_answered_in_the_portals_language(council_member):
    from django.test import Client

    from audit.models import Event

    client = Client(enforce_csrf_checks=True)
    client.force_login(council_member)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    assert "Formularen kunne ikke modtages" in response.content.decode()
    assert '<html lang="da">' in response.content.decode()
    assert Event.objects.filter(action=Event.Action.PERMISSION_DENIED, detail__startswith="CSRF").exists()


def test_a_refusal_is_logged_in_one_line(client, council_member, caplog):
    import logging

    from strategy_portal.log import refusal_in_one_line

    client.force_login(council_member)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.post("/partners/add/", {}).status_code == 403
    [refused] = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    [handler] = [h for h in logging.getLogger().handlers
                 if any(getattr(f, "callback", None) is refusal_in_one_line for f in h.filters)]
    assert handler.filter(refused)
    assert "Traceback" not in handler.format(refused) and "Forbidden" in handler.format(refused)


def test_several_instances_on_one_machine_share_no_control_socket(monkeypatch):
    import runpy

    for bind in ("127.0.0.1:8001", "127.0.0.1:8002"):
        monkeypatch.setenv("BIND", bind)
        config = runpy.run_path(str(PROJECT / "strategy_portal" / "gunicorn.conf.py"))
        assert config["no_control_socket"] is True
    monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", "/run/portal-a/gunicorn.ctl")
    config = runpy.run_path(str(PROJECT / "strategy_portal" / "gunicorn.conf.py"))
    assert (config["no_control_socket"], config["control_socket"]) == (False, "/run/portal-a/gunicorn.ctl")
