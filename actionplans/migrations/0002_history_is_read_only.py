"""The database refuses changes to a plan that is history (its council term has ended, or it was
superseded), to its goals and initiatives and their links, and to recorded adjustments.

The one change allowed on a history plan is to supersede the plan in force (adopting its successor).
Loading historic plans (starting data, tests) sets `actionplans.loading_history` for its transaction.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION actionplans_plan_is_history(plan bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT t.ends_on < (now() AT TIME ZONE 'Europe/Copenhagen')::date OR p.status = 'superseded'
    FROM actionplans_actionplan p JOIN actionplans_councilterm t ON t.id = p.term_id
    WHERE p.id = plan
$$;

CREATE FUNCTION actionplans_loading_history() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('actionplans.loading_history', true), '') = 'on'
$$;

CREATE FUNCTION actionplans_guard_plan() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF actionplans_loading_history() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF (SELECT ends_on FROM actionplans_councilterm WHERE id = NEW.term_id)
                < (now() AT TIME ZONE 'Europe/Copenhagen')::date THEN
            RAISE EXCEPTION 'actionplans_plan_is_history: council term % has ended', NEW.term_id
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    IF actionplans_plan_is_history(OLD.id) THEN
        IF TG_OP = 'UPDATE' AND OLD.status = 'in_force' AND NEW.status = 'superseded'
                AND NEW.area_id = OLD.area_id AND NEW.term_id = OLD.term_id
                AND NEW.adopted_on IS NOT DISTINCT FROM OLD.adopted_on AND NEW.summary = OLD.summary
                AND NEW.previous_id IS NOT DISTINCT FROM OLD.previous_id AND NEW.version = OLD.version THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'actionplans_plan_is_history: action plan % cannot be changed', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER actionplans_actionplan_guard BEFORE INSERT OR UPDATE OR DELETE ON actionplans_actionplan
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_plan();

-- For rows that belong to a plan: TG_ARGV[0] says how to find it (plan, goal or initiative column).
CREATE FUNCTION actionplans_guard_content() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    row_json jsonb;
    plan bigint;
BEGIN
    IF actionplans_loading_history() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    FOREACH row_json IN ARRAY ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
        CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END
    ] LOOP
        CONTINUE WHEN row_json IS NULL;
        plan := CASE TG_ARGV[0]
            WHEN 'plan' THEN (row_json ->> 'plan_id')::bigint
            WHEN 'goal' THEN (SELECT g.plan_id FROM actionplans_goal g WHERE g.id = (row_json ->> 'goal_id')::bigint)
            WHEN 'initiative' THEN (
                SELECT g.plan_id FROM actionplans_initiative i JOIN actionplans_goal g ON g.id = i.goal_id
                WHERE i.id = (row_json ->> 'initiative_id')::bigint)
        END;
        IF actionplans_plan_is_history(plan) THEN
            RAISE EXCEPTION 'actionplans_plan_is_history: action plan % cannot be changed', plan
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER actionplans_goal_guard BEFORE INSERT OR UPDATE OR DELETE ON actionplans_goal
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_content('plan');
CREATE TRIGGER actionplans_goal_purposes_guard BEFORE INSERT OR UPDATE OR DELETE ON actionplans_goal_purposes
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_content('goal');
CREATE TRIGGER actionplans_initiative_guard BEFORE INSERT OR UPDATE OR DELETE ON actionplans_initiative
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_content('goal');
CREATE TRIGGER actionplans_initiative_regions_guard
    BEFORE INSERT OR UPDATE OR DELETE ON actionplans_initiative_partner_regions
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_content('initiative');
CREATE TRIGGER actionplans_initiative_funding_guard
    BEFORE INSERT OR UPDATE OR DELETE ON actionplans_initiative_funding_sources
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_content('initiative');
CREATE TRIGGER actionplans_adjustment_guard BEFORE INSERT ON actionplans_adjustment
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_content('plan');

-- Recorded adjustments are never rewritten.
CREATE FUNCTION actionplans_refuse_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF actionplans_loading_history() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION 'actionplans_adjustment_is_history: adjustments cannot be changed'
        USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER actionplans_adjustment_no_rewrite BEFORE UPDATE OR DELETE ON actionplans_adjustment
    FOR EACH ROW EXECUTE FUNCTION actionplans_refuse_rewrite();
"""

BACKWARD = r"""
DROP TRIGGER actionplans_adjustment_no_rewrite ON actionplans_adjustment;
DROP FUNCTION actionplans_refuse_rewrite();
DROP TRIGGER actionplans_adjustment_guard ON actionplans_adjustment;
DROP TRIGGER actionplans_initiative_funding_guard ON actionplans_initiative_funding_sources;
DROP TRIGGER actionplans_initiative_regions_guard ON actionplans_initiative_partner_regions;
DROP TRIGGER actionplans_initiative_guard ON actionplans_initiative;
DROP TRIGGER actionplans_goal_purposes_guard ON actionplans_goal_purposes;
DROP TRIGGER actionplans_goal_guard ON actionplans_goal;
DROP FUNCTION actionplans_guard_content();
DROP TRIGGER actionplans_actionplan_guard ON actionplans_actionplan;
DROP FUNCTION actionplans_guard_plan();
DROP FUNCTION actionplans_loading_history();
DROP FUNCTION actionplans_plan_is_history(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
