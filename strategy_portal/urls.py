from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from public import views as public_views
from strategy_portal import views

site_pages = [
    path("", views.home, name="home"),
    path("strategy/", views.strategy_detail, name="strategy"),
]

# /healthz is answered by strategy_portal.middleware.HealthCheckMiddleware.
# Danish pages have no prefix, English ones live under /en/.
urlpatterns = i18n_patterns(
    path("", include((site_pages, "portal"))),
    path("plans/", include("actionplans.urls")),
    path("partners/", include("partners.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("public.urls")),
    path("tokens/", include("api.token_urls")),
    prefix_default_language=False,
)
# The open-data API: one address for every language (answers in the request's Accept-Language).
urlpatterns.append(path("api/v1/", include("api.urls")))
# The short address of the accessibility statement that the Agency for Digital Government asks for.
urlpatterns.append(path("was", public_views.was, name="was"))
# Single sign-on's login and callback (accounts/sso_urls.py), outside the language prefixes: the identity provider
# knows the callback by one exact address.
urlpatterns.append(path("oidc/", include("accounts.sso_urls")))

handler403 = "strategy_portal.views.permission_denied"
handler404 = "strategy_portal.views.page_not_found"
handler500 = "strategy_portal.views.server_error"
