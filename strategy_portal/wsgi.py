"""The portal as a WSGI application, for gunicorn (and runserver).

Requests wait for PostgreSQL only so long (strategy_portal.database).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")

application = get_wsgi_application()

from strategy_portal.database import bound_waits  # noqa: E402  (needs the settings)

bound_waits()
