"""A plan in force stays in force, and adjustable, until its successor is adopted: only a superseded plan, and
a draft whose council term ended before it was adopted, are history (and refused by the database).

What history is computed from is fixed too: a council term's dates once the term has started or has plans, and
a plan's adoption date once it is adopted.
"""

from django.db import migrations

IS_HISTORY = r"""
CREATE OR REPLACE FUNCTION actionplans_plan_is_history(plan bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT p.status = 'superseded'
        OR (p.status = 'draft' AND t.ends_on < (now() AT TIME ZONE 'Europe/Copenhagen')::date)
    FROM actionplans_actionplan p JOIN actionplans_councilterm t ON t.id = p.term_id
    WHERE p.id = plan
$$;
"""

OLD_IS_HISTORY = r"""
CREATE OR REPLACE FUNCTION actionplans_plan_is_history(plan bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT t.ends_on < (now() AT TIME ZONE 'Europe/Copenhagen')::date OR p.status = 'superseded'
    FROM actionplans_actionplan p JOIN actionplans_councilterm t ON t.id = p.term_id
    WHERE p.id = plan
$$;
"""

FROZEN = r"""
CREATE FUNCTION actionplans_guard_adoption_date() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT actionplans_loading_history() AND OLD.status <> 'draft'
            AND NEW.adopted_on IS DISTINCT FROM OLD.adopted_on THEN
        RAISE EXCEPTION 'actionplans_adoption_date_frozen: the adoption date of action plan % cannot be changed',
            OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER actionplans_actionplan_adoption_date BEFORE UPDATE ON actionplans_actionplan
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_adoption_date();

CREATE FUNCTION actionplans_guard_term_dates() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT actionplans_loading_history()
            AND (NEW.starts_on, NEW.ends_on) IS DISTINCT FROM (OLD.starts_on, OLD.ends_on)
            AND (OLD.starts_on <= (now() AT TIME ZONE 'Europe/Copenhagen')::date
                 OR EXISTS (SELECT 1 FROM actionplans_actionplan WHERE term_id = OLD.id)) THEN
        RAISE EXCEPTION 'actionplans_term_dates_frozen: the dates of council term % cannot be changed', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER actionplans_councilterm_dates BEFORE UPDATE ON actionplans_councilterm
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_term_dates();
"""

UNFROZEN = r"""
DROP TRIGGER actionplans_councilterm_dates ON actionplans_councilterm;
DROP FUNCTION actionplans_guard_term_dates();
DROP TRIGGER actionplans_actionplan_adoption_date ON actionplans_actionplan;
DROP FUNCTION actionplans_guard_adoption_date();
"""


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0003_order_by_own_columns")]

    operations = [migrations.RunSQL(IS_HISTORY, OLD_IS_HISTORY), migrations.RunSQL(FROZEN, UNFROZEN)]
