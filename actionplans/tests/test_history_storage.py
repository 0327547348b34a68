"""An adjustment keeps what its version changed; replaying a plan's adjustments gives every version's whole plan."""

import datetime
import importlib
import json

from django.apps import apps
from django.db import connection
from django.utils import timezone

from actionplans import services
from actionplans.history import plan_states, plan_with_content, snapshot
from actionplans.models import Adjustment, Goal, Initiative
from actionplans.tests.factories import make_plan
from strategy.models import Area, Purpose

migration = importlib.import_module("actionplans.migrations.0009_adjustments_keep_changes")


def _edit_initiative(pk, *, by, reason="", **values):
    initiative = Initiative.objects.get(pk=pk)
    for name, value in values.items():
        setattr(initiative, name, value)
    services.save_initiative(initiative=initiative, partner_regions=initiative.partner_regions.all(),
                             funding_sources=initiative.funding_sources.all(), expected_version=initiative.version,
                             reason=reason, by=by)


def _live(plan):
    return snapshot(plan_with_content(plan.pk))


def _stored(plan):
    return list(plan.adjustments.order_by("number").values_list("changes", flat=True))


def test_an_edit_keeps_only_what_it_changed(current_plan, area_editor):
    plan = make_plan(Area.objects.get(code="stabe"), current_plan.term, goals=4,
                     initiatives=25)
    initiative = Initiative.objects.filter(goal__plan=plan).order_by("id")[10]
    _edit_initiative(initiative.pk, by=area_editor, reason="Ny afdeling", department="Forskning")
    second_goal = plan.goals.order_by("position")[1]
    services.move_item(item=second_goal, up=True, reason="Vigtigst først", by=area_editor)

    first, edit, move = _stored(plan)
    assert (len(first["goals"]), len(first["initiatives"])) == (4, 100)
    assert [i["id"] for i in edit["initiatives"]] == [initiative.pk] and edit["goals"] == []
    assert edit["initiatives"][0]["department"] == "Forskning"
    assert len(move["goals"]) == 2 and move["initiatives"] == []
    assert len(json.dumps(edit)) * 50 < len(json.dumps(first))


def test_every_version_replays_to_the_plan_as_it_stood(old_plan, area_editor):
    live = []
    draft = services.start_revision(area=old_plan.area, previous=old_plan, by=area_editor,
                                    goal_ids=[g.pk for g in old_plan.goals.all()],
                                    initiative_ids=[Initiative.objects.filter(goal__plan=old_plan).first().pk])
    live.append(_live(draft))
    goal = Goal(plan=draft, title="Nyt mål")
    services.save_goal(goal=goal, purposes=Purpose.objects.filter(number=3), expected_version=None, reason="",
                       by=area_editor)
    live.append(_live(draft))
    for title in ("Ny indsats", "Anden indsats"):
        services.save_initiative(initiative=Initiative(goal=goal, title=title, owner="Ejer", kind="research",
                                                       starts_on=draft.term.starts_on),
                                 partner_regions=[], funding_sources=[], expected_version=None, reason="",
                                 by=area_editor)
        live.append(_live(draft))
    first, second = goal.initiatives.order_by("position")
    _edit_initiative(first.pk, by=area_editor, title="Omdøbt indsats", ends_on=draft.term.ends_on)
    live.append(_live(draft))
    services.move_item(item=goal, up=True, reason="", by=area_editor)
    live.append(_live(draft))
    services.remove_item(item=Initiative.objects.get(pk=first.pk), expected_version=2, reason="", by=area_editor)
    live.append(_live(draft))
    services.move_item(item=goal.plan.goals.order_by("position").first(), up=False, reason="", by=area_editor)
    live.append(_live(draft))
    # Reported without an adjustment: the next adjustment keeps it.
    services.record_status_update(initiative=second, as_of=timezone.localdate(), status="at_risk", progress=40,
                                  narrative="Forsinket", seen_update=None, by=area_editor)
    draft.refresh_from_db()
    services.save_plan_summary(plan=draft, summary="Ny sammenfatning", expected_version=draft.version, reason="",
                               by=area_editor)
    live.append(_live(draft))
    services.adopt_plan(plan=draft, adopted_on=timezone.localdate() - datetime.timedelta(days=1), by=area_editor)
    live.append(_live(draft))
    _edit_initiative(second.pk, by=area_editor, reason="Rådsmøde", owner="Ny ejer")
    live.append(_live(draft))

    assert draft.adjustments.count() == len(live)
    states = plan_states(draft.pk, range(1, len(live) + 1))
    assert [states[number] for number in range(1, len(live) + 1)] == live
    assert [g["title"] for g in live[-1]["goals"]] == ["Nyt mål", "Mål 1", "Mål 2"]  # the order is replayed too
    assert any(i["removed"] for g in live[-1]["goals"] for i in g["initiatives"])


def test_the_migration_turns_snapshots_into_changes_and_back(current_plan, old_plan, area_editor):
    live = {old_plan.pk: [_live(old_plan)], current_plan.pk: [_live(current_plan)]}
    initiative = Initiative.objects.filter(goal__plan=current_plan).first()
    for department in ("Forskning", "Drift"):
        _edit_initiative(initiative.pk, by=area_editor, reason="Ny afdeling", department=department)
        live[current_plan.pk].append(_live(current_plan))
    services.remove_item(item=current_plan.goals.last(), expected_version=1, reason="Opgivet", by=area_editor)
    live[current_plan.pk].append(_live(current_plan))
    stored = {plan.pk: _stored(plan) for plan in (old_plan, current_plan)}

    assert {pk: migration.to_snapshots(changes) for pk, changes in stored.items()} == live
    assert {pk: migration.to_changes(snapshots) for pk, snapshots in live.items()} == stored

    # In the database: adjustments are read-only, and the migration may rewrite them all the same (as the owner).
    migration.backward(apps, connection.schema_editor())
    assert {plan.pk: _stored(plan) for plan in (old_plan, current_plan)} == live
    migration.forward(apps, connection.schema_editor())
    assert {plan.pk: _stored(plan) for plan in (old_plan, current_plan)} == stored
    assert Adjustment.objects.count() == 5
