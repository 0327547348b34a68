from django.conf import settings


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header: the portal uses no camera, microphone, location, ..."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class HealthCheckMiddleware:
    """Answers /healthz before sessions, authentication and host checks, so that a load balancer
    sees the database's state, not a session store error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            from strategy_portal.views import healthz

            return healthz(request)
        return self.get_response(request)
