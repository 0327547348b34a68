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


@register(deploy=True)
def sender_address_configured(app_configs, **kwargs):
    """The reminders and error mails go out from the address the environment gives; the portal has none of its own."""
    missing = [name for name in ("DEFAULT_FROM_EMAIL", "SERVER_EMAIL") if not getattr(settings, name, "")]
    if not missing:
        return []
    return [Warning(
        f"No sender address is set for the portal's e-mails ({', '.join(missing)}).",
        hint="Set DEFAULT_FROM_EMAIL (and SERVER_EMAIL, which defaults to it) to the organisation's address, e.g. "
             "DEFAULT_FROM_EMAIL=\"Internationalt Kontor <...@...>\" (README.md, 'Configuration').",
        id="strategy_portal.W002",
    )]
