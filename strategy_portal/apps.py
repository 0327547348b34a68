from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StrategyPortalConfig(AppConfig):
    name = "strategy_portal"

    def ready(self):
        from strategy_portal import checks  # noqa: F401
        from strategy_portal.database_roles import grant_after_migrate

        # Once per migrate: post_migrate is sent per app after all migrations ran; the audit app's will do.
        post_migrate.connect(grant_after_migrate, sender=self.apps.get_app_config("audit"))
