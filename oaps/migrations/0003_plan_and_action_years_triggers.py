"""Database guards for the cross-table rules of plans and actions (PostgreSQL only).

A CHECK constraint cannot look at another table, so constraint triggers keep a plan's years
inside its cycle and an action's dates inside its plan's years, whatever writes the rows.
SQLite (used by `make run`) relies on the models' clean() only.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION empact_check_plan_years() RETURNS trigger AS $$
DECLARE
    cycle_first integer;
BEGIN
    SELECT c.first_year INTO cycle_first
      FROM priorities_priority p JOIN cycles_cycle c ON c.id = p.cycle_id
     WHERE p.id = NEW.priority_id;
    IF NEW.first_year < cycle_first OR NEW.last_year > cycle_first + 3 THEN
        RAISE EXCEPTION 'plan_years_inside_cycle: the plan''s years (%-%) must lie inside its cycle (%-%)',
            NEW.first_year, NEW.last_year, cycle_first, cycle_first + 3
            USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (
        SELECT 1 FROM oaps_operationalaction a
         WHERE a.plan_id = NEW.id
           AND (a.start_date < make_date(NEW.first_year, 1, 1)
                OR a.end_date > make_date(NEW.last_year, 12, 31))
    ) THEN
        RAISE EXCEPTION 'action_dates_inside_plan_years: actions of this plan would fall outside its years'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION empact_check_action_dates() RETURNS trigger AS $$
DECLARE
    plan_first integer;
    plan_last integer;
BEGIN
    SELECT first_year, last_year INTO plan_first, plan_last
      FROM oaps_operationalactionplan WHERE id = NEW.plan_id;
    IF NEW.start_date < make_date(plan_first, 1, 1) OR NEW.end_date > make_date(plan_last, 12, 31) THEN
        RAISE EXCEPTION 'action_dates_inside_plan_years: the action''s dates must lie inside its plan''s years (%-%)',
            plan_first, plan_last
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER plan_years_inside_cycle
    AFTER INSERT OR UPDATE OF first_year, last_year, priority_id ON oaps_operationalactionplan
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION empact_check_plan_years();

CREATE CONSTRAINT TRIGGER action_dates_inside_plan_years
    AFTER INSERT OR UPDATE OF start_date, end_date, plan_id ON oaps_operationalaction
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION empact_check_action_dates();
"""

DROP = """
DROP TRIGGER IF EXISTS action_dates_inside_plan_years ON oaps_operationalaction;
DROP TRIGGER IF EXISTS plan_years_inside_cycle ON oaps_operationalactionplan;
DROP FUNCTION IF EXISTS empact_check_action_dates();
DROP FUNCTION IF EXISTS empact_check_plan_years();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("oaps", "0002_model_orderings_by_column"),
        ("priorities", "0002_model_orderings_by_column"),
        ("cycles", "0002_model_orderings_by_column"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]
