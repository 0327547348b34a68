"""An adjustment keeps what its version changed instead of the whole plan (actionplans.history.changes()).

The data step rewrites each plan's adjustments in number order: forward, every stored snapshot becomes its
change against the snapshot before it; backward, replaying the changes gives the snapshots again. Adjustments are
read-only for everyone else (migration 0002): the step sets the loading flag, which only the owner may use.
"""

from django.db import migrations, models

from actionplans import history


def to_changes(snapshots: list[dict]) -> list[dict]:
    """One plan's snapshots, in number order, as what each adjustment changed."""
    return [history.changes(before, after) for before, after in zip([None, *snapshots], snapshots)]


def to_snapshots(all_changes: list[dict]) -> list[dict]:
    """One plan's changes, in number order, as the whole plan after each."""
    return [history.replay(all_changes[:i + 1]) for i in range(len(all_changes))]


def rewrite(apps, schema_editor, convert):
    Adjustment = apps.get_model("actionplans", "Adjustment")
    schema_editor.execute("SET LOCAL actionplans.loading_history = 'on'")
    for plan_id in Adjustment.objects.order_by("plan_id").values_list("plan_id", flat=True).distinct():
        rows = list(Adjustment.objects.filter(plan_id=plan_id).order_by("number").values_list("pk", "changes"))
        for (pk, _old), new in zip(rows, convert([stored for _pk, stored in rows])):
            Adjustment.objects.filter(pk=pk).update(changes=new)
    schema_editor.execute("SET LOCAL actionplans.loading_history = 'off'")


def forward(apps, schema_editor):
    rewrite(apps, schema_editor, to_changes)


def backward(apps, schema_editor):
    rewrite(apps, schema_editor, to_snapshots)


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0008_text_limits")]

    operations = [
        migrations.RenameField(model_name="adjustment", old_name="snapshot", new_name="changes"),
        migrations.AlterField(
            model_name="adjustment",
            name="changes",
            field=models.JSONField(editable=False, verbose_name="changes to the content"),
        ),
        migrations.RunPython(forward, backward),
    ]
