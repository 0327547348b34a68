"""Throttles of the open-data API (rates in settings.REST_FRAMEWORK): anonymous requests per client address (the
address the audit record and login throttling use), token requests per token. Counts are kept in the "api"
cache (settings.CACHES), i.e. in each process's memory."""

from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken
from audit.services import client_ip


class AddressThrottle(SimpleRateThrottle):
    scope = "address"

    @property
    def cache(self):
        return caches["api"]

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken) or request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request) or "unknown"}


class TokenThrottle(SimpleRateThrottle):
    scope = "token"

    @property
    def cache(self):
        return caches["api"]

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": f"token-{request.auth.pk}"}
        if request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
        return None
