"""Site-wide pages: the front page, the strategy page, the health check and the error pages."""

import logging
import sys

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from audit.models import Event
from audit.services import record
from strategy_portal.selectors import home_summary, strategy_overview

logger = logging.getLogger(__name__)
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@require_safe
def home(request):
    """The front door: what needs the user now, by role, and where to go."""
    return render(request, "portal/home.html", home_summary(request.user))


@login_required
@require_safe
def strategy_detail(request):
    """The strategy itself: vision, purposes, values, platforms, partners. Read by every role."""
    return render(request, "portal/strategy_detail.html", strategy_overview(request.GET.get("page")))


@never_cache
def healthz(request):
    """200 when the database answers, 503 when not. Says nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@requires_csrf_token
def permission_denied(request, exception=None):
    record(Event.Action.PERMISSION_DENIED, request=request, detail=str(exception or "")[:500])
    return render(request, "403.html", {"reason": exception}, status=403)


@requires_csrf_token
def csrf_failure(request, reason=""):
    """A refused form (expired, or sent from another site): audited, in the portal's layout and language."""
    record(Event.Action.PERMISSION_DENIED, request=request, detail=f"CSRF: {reason}"[:500])
    message = _("The form could not be accepted: it has expired or was not sent from this portal. Go back, "
                "reload the page and try again.")
    return render(request, "403.html", {"message": message}, status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """500, or 503 when the database cannot be reached. Rendered without the request's context
    processors: they would ask the database for the user, and the error may be the database."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        logger.error("database unavailable: %s", sys.exc_info()[1])
        return HttpResponse(loader.render_to_string("503.html"), status=503, headers={"Retry-After": "30"})
    return HttpResponseServerError(loader.render_to_string("500.html"))
