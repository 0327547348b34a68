from django.apps import AppConfig
from django.db.models.signals import post_migrate


def track_data_changes(using, **kwargs):
    """Put the data version's trigger on every data table, those of the latest migrations included."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute("SELECT portal_track_data_changes()")


class StrategyPortalConfig(AppConfig):
    name = "strategy_portal"

    def ready(self):
        post_migrate.connect(track_data_changes, sender=self)
