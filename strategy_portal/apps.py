from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


def track_data_changes(using, **kwargs):
    """Put the data version's trigger on every data table, those of the latest migrations included."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute("SELECT portal_track_data_changes()")


class StrategyPortalConfig(AppConfig):
    name = "strategy_portal"

    def ready(self):
        from strategy_portal import checks  # noqa: F401
        from strategy_portal.database_roles import grant_after_migrate

        # Once per migrate, after all migrations ran (models.py makes Django send this app's post_migrate).
        post_migrate.connect(track_data_changes, sender=self)
        post_migrate.connect(grant_after_migrate, sender=self)


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False  # this module's default is StrategyPortalConfig
    default_site = "strategy_portal.admin.PortalAdminSite"
