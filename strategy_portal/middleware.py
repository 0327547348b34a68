from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.translation import get_language_from_path

# The query parameter a language link sets to store the reader's choice (see LanguageChoiceMiddleware).
LANGUAGE_PARAMETER = "language"


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


class LanguageChoiceMiddleware:
    """Keeps the language a person chose. English pages live under /en/ and Danish ones have no prefix, so the
    portal's plain address says nothing about a choice: the language links carry ?language=<code>, which stores the
    choice in the language cookie and leads to the page's address in that language, and a Danish address opened
    later leads to the same page in the chosen language. An address with /en/ is always served in English, so a
    shared link shows what its sender saw, without changing the reader's choice."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if response := self.follow_choice(request):
                return response
        return self.get_response(request)

    def follow_choice(self, request):
        asked = request.GET.get(LANGUAGE_PARAMETER)
        if asked in self.languages:
            query = request.GET.copy()
            del query[LANGUAGE_PARAMETER]
            url = request.path + (f"?{query.urlencode()}" if query else "")
            response = HttpResponseRedirect(translate_url(url, asked))
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, asked, max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
            return response
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        unprefixed = not get_language_from_path(request.path_info)
        if unprefixed and chosen in self.languages and chosen != settings.LANGUAGE_CODE:
            url = translate_url(request.get_full_path(), chosen)
            if url != request.get_full_path():
                return HttpResponseRedirect(url)
        return None
