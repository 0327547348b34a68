"""Deployment checks of the project's own (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def portal_role_owns_nothing(app_configs, **kwargs):
    if settings.PORTAL_DATABASE.get("USER") != settings.OWNER_DATABASE.get("USER"):
        return []
    return [Warning(
        "The portal connects to the database as the owner of its tables, which can switch off the triggers "
        "that keep history unchanged.",
        hint="Set DATABASE_OWNER_URL to the owner's connection and DATABASE_URL to a role that owns nothing "
             "(README.md, 'Database roles').",
        id="strategy_portal.W001",
    )]
