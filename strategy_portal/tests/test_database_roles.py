"""The portal's database role owns nothing: it cannot rewrite the audit record or history, not even with the
loading flag, TRUNCATE or switching triggers off; and its rights suffice to serve and save edits.

The suite runs as the owner (it creates the database); these tests open connections as the portal's role."""

import psycopg2
import pytest
from django.conf import settings
from django.db import connection, transaction
from django.db.utils import IntegrityError
from django.urls import reverse

from actionplans.models import ActionPlan, Goal, Initiative
from actionplans.tests.factories import make_plan
from audit.models import Event
from audit.services import record
from common.testing import PASSWORD

pytestmark = pytest.mark.skipif(settings.PORTAL_DATABASE["USER"] == settings.OWNER_DATABASE["USER"],
                                reason="the portal connects as the owner here (DATABASE_OWNER_URL unset)")

@pytest.fixture
def portal_sql(db):
    """Runs one statement in a transaction of its own on a connection as the portal's role."""
    portal = settings.PORTAL_DATABASE
    conn = psycopg2.connect(dbname=connection.settings_dict["NAME"], user=portal["USER"],
                            password=portal.get("PASSWORD") or None, host=portal.get("HOST") or None,
                            port=portal.get("PORT") or None)

    def run(*statements):
        try:
            with conn, conn.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
                return cursor.rowcount
        finally:
            conn.rollback()

    yield run
    conn.close()


@pytest.mark.parametrize("statement", ["UPDATE audit_event SET detail = ''", "DELETE FROM audit_event",
                                       "TRUNCATE audit_event"])
def test_the_portal_role_cannot_rewrite_the_audit_record(portal_sql, statement):
    with pytest.raises(psycopg2.errors.InsufficientPrivilege):
        portal_sql(statement)


def test_the_portal_role_adds_to_the_audit_record(portal_sql):
    assert portal_sql("INSERT INTO audit_event (at, username, action, path, object_type, object_id, object_repr, "
                      "detail) VALUES (now(), 'x', 'login', '', '', '', '', '')") == 1


@pytest.mark.parametrize("table", ["actionplans_actionplan", "actionplans_goal", "actionplans_adjustment",
                                   "actionplans_statusupdate"])
def test_the_portal_role_cannot_empty_a_history_table(portal_sql, table):
    with pytest.raises(psycopg2.errors.InsufficientPrivilege):
        portal_sql(f"TRUNCATE {table} CASCADE")


@pytest.mark.parametrize("statement", ["ALTER TABLE actionplans_goal DISABLE TRIGGER actionplans_goal_guard",
                                       "ALTER TABLE actionplans_actionplan DISABLE TRIGGER ALL",
                                       "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_rewrite"])
def test_the_portal_role_cannot_switch_triggers_off(portal_sql, statement):
    with pytest.raises(psycopg2.errors.InsufficientPrivilege, match="must be owner"):
        portal_sql(statement)


@pytest.mark.django_db(transaction=True)
def test_the_loading_flag_is_the_owners_alone(starting_data, portal_sql, health, current_term, previous_term):
    old = make_plan(health, previous_term, status=ActionPlan.Status.SUPERSEDED)
    in_force = make_plan(health, current_term)
    old_goal, goal = old.goals.first(), in_force.goals.first()
    flag = "SET LOCAL actionplans.loading_history = 'on'"

    with pytest.raises(psycopg2.errors.CheckViolation, match="actionplans_plan_is_history"):
        portal_sql(flag, f"UPDATE actionplans_goal SET title = 'Omskrevet' WHERE id = {old_goal.pk}")
    with pytest.raises(psycopg2.errors.CheckViolation, match="actionplans_plan_is_history"):
        portal_sql(flag, f"DELETE FROM actionplans_goal_purposes WHERE goal_id = {old_goal.pk}")
    # The same connection changes a plan in force: its rights suffice, and only history is refused.
    assert portal_sql(f"UPDATE actionplans_goal SET title = 'Justeret' WHERE id = {goal.pk}") == 1
    assert Goal.objects.get(pk=old_goal.pk).title == old_goal.title


def test_the_owner_cannot_rewrite_the_audit_record_by_mistake(administrator, area_editor):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL audit.erasing = 'off'")  # the tests' deliberate erasing, switched off
    with pytest.raises(IntegrityError, match="audit_event_is_record"), transaction.atomic():
        connection.cursor().execute("TRUNCATE audit_event")
    event = record(Event.Action.LOGIN, user=area_editor)
    for statement in [f"UPDATE audit_event SET detail = 'x' WHERE id = {event.pk}",
                      f"UPDATE audit_event SET user_id = {administrator.pk} WHERE id = {event.pk}",
                      f"DELETE FROM audit_event WHERE id = {event.pk}"]:
        with pytest.raises(IntegrityError, match="audit_event_is_record"), transaction.atomic():
            connection.cursor().execute(statement)
    # Deleting a user keeps their events, without the link to the user.
    area_editor.delete()
    assert Event.objects.get(pk=event.pk).user is None
    assert Event.objects.get(pk=event.pk).username == "editor-health"


@pytest.fixture
def connected_as_portal_role(transactional_db):
    """Django's connection as the portal's role, as the portal serves; the owner's again afterwards."""
    saved = dict(connection.settings_dict)
    connection.close()
    portal = settings.PORTAL_DATABASE
    connection.settings_dict.update(USER=portal["USER"], PASSWORD=portal.get("PASSWORD", ""), OPTIONS={})
    yield
    connection.close()
    connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True)
def test_the_portal_role_serves_and_saves_an_edit(starting_data, area_editor, health, current_term,
                                                  connected_as_portal_role, client):
    plan = make_plan(health, current_term)  # a plan in force: the portal's role may add it too
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == settings.PORTAL_DATABASE["USER"]
    initiative = Initiative.objects.filter(goal__plan=plan).first()

    answer = client.post(reverse("accounts:login"), {"username": "editor-health", "password": PASSWORD})
    assert answer.status_code == 302
    url = reverse("actionplans:initiative_edit", args=[initiative.pk])
    assert client.get(url).status_code == 200
    answer = client.post(url, {"title": initiative.title, "description": "", "owner": initiative.owner,
                               "department": "Forskning", "track": "", "partner_regions": [], "kind": "projects",
                               "funding_sources": [], "starts_on": initiative.starts_on.isoformat(),
                               "ends_on": "", "version": initiative.version, "reason": "Projektet er startet"})
    assert answer.status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).department == "Forskning"
    assert "Projektet er startet" in client.get(reverse("actionplans:history", args=[plan.pk])).content.decode()
    assert Event.objects.filter(action=Event.Action.CHANGE, object_id=str(initiative.pk)).exists()
