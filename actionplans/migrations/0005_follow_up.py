"""Follow-up: status updates, milestones, indicators and reporting rounds.

An initiative's status and progress become the latest status update's: the old statuses map onto the new ones
(ongoing: on track, paused: at risk), and each initiative that had a status gets it as its first update. Status
updates and indicator values are only ever added; a closed round takes no more updates and never changes; and
nothing is added to a plan that is history (the triggers of migration 0002 and 0004).
"""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


MAP_STATUSES = r"""
SET LOCAL actionplans.loading_history = 'on';
UPDATE actionplans_initiative SET status = CASE status WHEN 'ongoing' THEN 'on_track' WHEN 'paused' THEN 'at_risk'
    ELSE status END WHERE status IN ('ongoing', 'paused');
SET LOCAL actionplans.loading_history = 'off';
"""

# The state each initiative had, as its first status update: as of today, or its plan's term's end if earlier.
FIRST_UPDATES = r"""
INSERT INTO actionplans_statusupdate (initiative_id, as_of, status, progress, narrative, made_at)
SELECT i.id, LEAST(t.ends_on, (now() AT TIME ZONE 'Europe/Copenhagen')::date), i.status, i.progress,
       'Status overført fra før statusopdateringer.', now()
FROM actionplans_initiative i
JOIN actionplans_goal g ON g.id = i.goal_id
JOIN actionplans_actionplan p ON p.id = g.plan_id
JOIN actionplans_councilterm t ON t.id = p.term_id
WHERE i.status <> 'planned';
"""

GUARDS = r"""
-- Follow-up rows of a plan that is history are refused like its content.
CREATE TRIGGER actionplans_statusupdate_guard BEFORE INSERT ON actionplans_statusupdate
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_content('initiative');
CREATE TRIGGER actionplans_milestone_guard BEFORE INSERT OR UPDATE OR DELETE ON actionplans_milestone
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_content('initiative');
CREATE TRIGGER actionplans_indicator_guard BEFORE INSERT OR UPDATE OR DELETE ON actionplans_indicator
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_content('initiative');

-- A status update, and the values reported with it, are a record: added, never changed.
CREATE FUNCTION actionplans_refuse_report_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF actionplans_loading_history() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION 'actionplans_update_is_history: status updates cannot be changed'
        USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER actionplans_statusupdate_no_rewrite BEFORE UPDATE OR DELETE ON actionplans_statusupdate
    FOR EACH ROW EXECUTE FUNCTION actionplans_refuse_report_rewrite();
CREATE TRIGGER actionplans_indicatorvalue_no_rewrite BEFORE UPDATE OR DELETE ON actionplans_indicatorvalue
    FOR EACH ROW EXECUTE FUNCTION actionplans_refuse_report_rewrite();

-- A closed round takes no more updates, and is never reopened or changed.
CREATE FUNCTION actionplans_guard_round_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.round_id IS NOT NULL AND NOT actionplans_loading_history()
            AND NOT (SELECT is_open FROM actionplans_reportinground WHERE id = NEW.round_id) THEN
        RAISE EXCEPTION 'actionplans_round_is_closed: reporting round % is closed', NEW.round_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER actionplans_statusupdate_round BEFORE INSERT ON actionplans_statusupdate
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_round_update();

CREATE FUNCTION actionplans_guard_round() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT OLD.is_open AND NOT actionplans_loading_history() THEN
        RAISE EXCEPTION 'actionplans_round_is_closed: reporting round % is closed', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER actionplans_reportinground_guard BEFORE UPDATE OR DELETE ON actionplans_reportinground
    FOR EACH ROW EXECUTE FUNCTION actionplans_guard_round();
"""

UNGUARDS = r"""
DROP TRIGGER actionplans_reportinground_guard ON actionplans_reportinground;
DROP FUNCTION actionplans_guard_round();
DROP TRIGGER actionplans_statusupdate_round ON actionplans_statusupdate;
DROP FUNCTION actionplans_guard_round_update();
DROP TRIGGER actionplans_indicatorvalue_no_rewrite ON actionplans_indicatorvalue;
DROP TRIGGER actionplans_statusupdate_no_rewrite ON actionplans_statusupdate;
DROP FUNCTION actionplans_refuse_report_rewrite();
DROP TRIGGER actionplans_indicator_guard ON actionplans_indicator;
DROP TRIGGER actionplans_milestone_guard ON actionplans_milestone;
DROP TRIGGER actionplans_statusupdate_guard ON actionplans_statusupdate;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('actionplans', '0004_plan_in_force_stays_adjustable'),
        ('partners', '0003_order_by_own_columns'),
        ('strategy', '0002_purpose_number_message'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Indicator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='indicator')),
                ('unit', models.CharField(blank=True, max_length=50, verbose_name='unit')),
                ('baseline', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='baseline')),
                ('target', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='target')),
                ('target_on', models.DateField(verbose_name='target date')),
            ],
            options={
                'verbose_name': 'indicator',
                'verbose_name_plural': 'indicators',
                'ordering': ['initiative_id', 'id'],
            },
        ),
        migrations.CreateModel(
            name='IndicatorValue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='actual value')),
            ],
            options={
                'verbose_name': 'indicator value',
                'verbose_name_plural': 'indicator values',
            },
        ),
        migrations.CreateModel(
            name='Milestone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='milestone')),
                ('due_on', models.DateField(verbose_name='due')),
                ('done_on', models.DateField(blank=True, null=True, verbose_name='done')),
            ],
            options={
                'verbose_name': 'milestone',
                'verbose_name_plural': 'milestones',
                'ordering': ['initiative_id', 'due_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ReportingRound',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('as_of', models.DateField(unique=True, verbose_name='status as of')),
                ('deadline', models.DateField(verbose_name='deadline')),
                ('is_open', models.BooleanField(default=True, editable=False, verbose_name='open')),
                ('opened_at', models.DateTimeField(auto_now_add=True, verbose_name='opened at')),
                ('closed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='closed at')),
                ('report', models.JSONField(blank=True, editable=False, null=True, verbose_name='report')),
            ],
            options={
                'verbose_name': 'reporting round',
                'verbose_name_plural': 'reporting rounds',
                'ordering': ['-as_of'],
            },
        ),
        migrations.CreateModel(
            name='StatusUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('as_of', models.DateField(verbose_name='status as of')),
                ('status', models.CharField(choices=[('on_track', 'on track'), ('at_risk', 'at risk'), ('off_track', 'off track'), ('completed', 'completed'), ('cancelled', 'cancelled')], max_length=20, verbose_name='status')),
                ('progress', models.PositiveSmallIntegerField(validators=[django.core.validators.MaxValueValidator(100)], verbose_name='progress (%)')),
                ('narrative', models.TextField(blank=True, help_text='What happened, what is next, what needs attention.', max_length=2000, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='narrative')),
                ('made_at', models.DateTimeField(auto_now_add=True, verbose_name='reported at')),
            ],
            options={
                'verbose_name': 'status update',
                'verbose_name_plural': 'status updates',
                'ordering': ['initiative_id', '-as_of', '-id'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='initiative',
            name='actionplans_initiative_status_valid',
        ),
        migrations.AlterField(
            model_name='initiative',
            name='progress',
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='progress (%)'),
        ),
        migrations.AlterField(
            model_name='initiative',
            name='status',
            field=models.CharField(choices=[('planned', 'planned'), ('on_track', 'on track'), ('at_risk', 'at risk'), ('off_track', 'off track'), ('completed', 'completed'), ('cancelled', 'cancelled')], default='planned', editable=False, max_length=20, verbose_name='status'),
        ),
        migrations.RunSQL(MAP_STATUSES, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name='initiative',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['planned', 'on_track', 'at_risk', 'off_track', 'completed', 'cancelled'])), name='actionplans_initiative_status_valid'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='initiative',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='indicators', to='actionplans.initiative', verbose_name='initiative'),
        ),
        migrations.AddField(
            model_name='indicatorvalue',
            name='indicator',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='values', to='actionplans.indicator', verbose_name='indicator'),
        ),
        migrations.AddField(
            model_name='milestone',
            name='initiative',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='milestones', to='actionplans.initiative', verbose_name='initiative'),
        ),
        migrations.AddField(
            model_name='reportinground',
            name='closed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='closed by'),
        ),
        migrations.AddField(
            model_name='reportinground',
            name='opened_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='opened by'),
        ),
        migrations.AddField(
            model_name='statusupdate',
            name='initiative',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='status_updates', to='actionplans.initiative', verbose_name='initiative'),
        ),
        migrations.AddField(
            model_name='statusupdate',
            name='made_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reported by'),
        ),
        migrations.AddField(
            model_name='statusupdate',
            name='round',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='updates', to='actionplans.reportinground', verbose_name='reporting round'),
        ),
        migrations.AddField(
            model_name='indicatorvalue',
            name='update',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='values', to='actionplans.statusupdate', verbose_name='status update'),
        ),
        migrations.AddConstraint(
            model_name='indicator',
            constraint=models.CheckConstraint(condition=models.Q(('target', models.F('baseline')), _negated=True), name='actionplans_indicator_moves', violation_error_message='The target must differ from the baseline.'),
        ),
        migrations.AddIndex(
            model_name='milestone',
            index=models.Index(fields=['initiative', 'due_on'], name='actionplans_milestone_due'),
        ),
        migrations.AddConstraint(
            model_name='reportinground',
            constraint=models.CheckConstraint(condition=models.Q(('deadline__gte', models.F('as_of'))), name='actionplans_round_deadline_after', violation_error_message='The deadline cannot be before the as-of date.'),
        ),
        migrations.AddConstraint(
            model_name='reportinground',
            constraint=models.UniqueConstraint(condition=models.Q(('is_open', True)), fields=('is_open',), name='actionplans_round_one_open', violation_error_message='Another reporting round is open: close it first.'),
        ),
        migrations.AddConstraint(
            model_name='reportinground',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('closed_at__isnull', True), ('is_open', True), ('report__isnull', True)), models.Q(('closed_at__isnull', False), ('is_open', False), ('report__isnull', False)), _connector='OR'), name='actionplans_round_closed_with_report'),
        ),
        migrations.AddIndex(
            model_name='statusupdate',
            index=models.Index(fields=['initiative', '-as_of', '-id'], name='actionplans_update_latest'),
        ),
        migrations.AddIndex(
            model_name='statusupdate',
            index=models.Index(fields=['round', 'initiative'], name='actionplans_update_round'),
        ),
        migrations.AddConstraint(
            model_name='statusupdate',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['on_track', 'at_risk', 'off_track', 'completed', 'cancelled'])), name='actionplans_update_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='statusupdate',
            constraint=models.CheckConstraint(condition=models.Q(('progress__gte', 0), ('progress__lte', 100)), name='actionplans_update_progress_percent', violation_error_message='Progress is a percentage from 0 to 100.'),
        ),
        migrations.AddConstraint(
            model_name='statusupdate',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('narrative'), 2000), name='actionplans_update_narrative_length', violation_error_message='The narrative is too long.'),
        ),
        migrations.AddConstraint(
            model_name='indicatorvalue',
            constraint=models.UniqueConstraint(fields=('update', 'indicator'), name='actionplans_value_once'),
        ),
        migrations.RunSQL(FIRST_UPDATES, migrations.RunSQL.noop),
        migrations.RunSQL(GUARDS, UNGUARDS),
    ]
