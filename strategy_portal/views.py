"""Site-wide views: health check and error pages."""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from audit.models import Event
from audit.services import record


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
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # No database access here: the error may be the database itself.
    return render(request, "500.html", status=500)
