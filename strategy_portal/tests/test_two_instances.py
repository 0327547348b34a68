"""Two portal instances behind one load balancer: they share logins and refuse each other's stale edits.

Like test_faults.py, the test starts its own PostgreSQL server in a temporary folder (pgserver's
binaries) and two gunicorn processes on loopback, so it touches no shared server.
"""

import os
import re
from contextlib import ExitStack

import pytest

from common.testing import LIVE_SETTINGS, Client, form_fields, prepare_database, private_postgres, running_portal
from strategy_portal.demo import DEMO_PASSWORD


@pytest.fixture
def own_postgres():
    with private_postgres() as postgres:
        yield postgres


@pytest.fixture
def two_instances(own_postgres, tmp_path):
    env = {**os.environ, **LIVE_SETTINGS, "DATABASE_URL": own_postgres.url,
           # instances behind one load balancer share their configuration, the key included
           "SECRET_KEY": "two-instances-test-key-3f9c2a7e5d1b8046a9e2c7f1d3b5e8a0"}
    prepare_database(env)
    with ExitStack() as stack:
        yield [stack.enter_context(running_portal(env, tmp_path / f"gunicorn-{name}.log", "--workers", "1"))
               for name in ("a", "b")]


def _initiative_in_db(own_postgres, pk):
    import psycopg2

    with psycopg2.connect(dbname="portal", user="postgres", host=own_postgres.host) as connection:
        with connection.cursor() as cursor:
            cursor.execute("SELECT department, version FROM actionplans_initiative WHERE id = %s", [pk])
            department, version = cursor.fetchone()
            cursor.execute("SELECT reason FROM actionplans_adjustment WHERE plan_id = (SELECT g.plan_id "
                           "FROM actionplans_initiative i JOIN actionplans_goal g ON g.id = i.goal_id WHERE i.id = %s)",
                           [pk])
            reasons = [row[0] for row in cursor.fetchall()]
    connection.close()
    return department, version, reasons


def test_two_instances_share_logins_and_refuse_each_others_stale_edits(two_instances, own_postgres):
    a, b = two_instances
    on_a = Client(a)
    on_b = Client(b, cookies=on_a.cookies)  # one browser, behind the load balancer now on A, now on B

    # Logged in on A, the same session cookie is a login on B (sessions live in the database).
    assert on_b.get("/plans/").status == 302  # not logged in yet: to the login page
    on_a.log_in("demo-sundhed", DEMO_PASSWORD)
    response = on_b.get("/plans/")
    assert (response.status, response.location) == (200, "")
    assert "Sundhed" in response.body

    # The example plans are history: start the revision on A, carrying everything forward.
    response = on_a.get("/plans/area/sundhed/start-revision/")
    assert response.status == 200
    fields = form_fields(response.body)
    assert any(name == "initiatives" for name, _value in fields)
    response = on_a.post("/plans/area/sundhed/start-revision/", fields)
    assert response.status == 302
    draft = re.search(r"/plans/(\d+)/$", response.location).group(1)
    response = on_b.get(f"/plans/{draft}/")
    assert response.status == 200
    initiative = re.search(r'href="/plans/initiatives/(\d+)/edit/"', response.body).group(1)
    edit = f"/plans/initiatives/{initiative}/edit/"

    # Both instances show the same version of the initiative in the edit form.
    form_a, form_b = on_a.get(edit), on_b.get(edit)
    assert form_a.status == form_b.status == 200
    version = dict(form_fields(form_a.body))["version"]
    assert dict(form_fields(form_b.body))["version"] == version

    response = on_a.post_form(edit, form_a.body, department="Saved on A", reason="Saved on A")
    assert response.status == 302
    assert re.fullmatch(rf"/plans/{draft}/\?goal=\d+#initiative-{initiative}", response.location)

    # B's form still carries the old version: refused, with the user's input kept, and A's value stays.
    response = on_b.post_form(edit, form_b.body, department="Saved on B", reason="Saved on B")
    assert response.status == 409
    assert dict(form_fields(response.body))["department"] == "Saved on B"
    assert dict(form_fields(response.body))["version"] == str(int(version) + 1)
    department, db_version, reasons = _initiative_in_db(own_postgres, initiative)
    assert (department, db_version) == ("Saved on A", int(version) + 1)
    assert "Saved on A" in reasons and "Saved on B" not in reasons
