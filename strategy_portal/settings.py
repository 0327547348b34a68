"""All configuration of the portal. Values come from the environment (see README.md)."""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(DEBUG=(bool, False))

DEBUG = env("DEBUG")
# The default key only suits development: `check --deploy` flags it (security.W009),
# and the production command in README.md runs that check before it serves.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts",
    "strategy",
    "partners",
    "actionplans",
    "audit",
    "public",
    "api",
    "strategy_portal",
    "strategy_portal.apps.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "strategy_portal.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "strategy_portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "strategy_portal.middleware.LanguageChoiceMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "audit.services.AuditRequestMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "strategy_portal.urls"
WSGI_APPLICATION = "strategy_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------
# PostgreSQL only. Without DATABASE_URL, an embedded PostgreSQL server is started
# with its data in .pgdata/ in the project folder (see strategy_portal/embedded_postgres.py).
# Two roles (README.md, "Database roles"): the portal connects as DATABASE_URL's role, which owns nothing;
# migrations, loading and restoring connect as the owner (DATABASE_OWNER_URL; DATABASE_URL's role when unset).
# DATABASE_ROLE=owner picks the owner's connection: manage.py sets it for those commands, pytest.ini for the tests.
if env("DATABASE_URL", default=""):
    PORTAL_DATABASE = env.db("DATABASE_URL")
    OWNER_DATABASE = env.db("DATABASE_OWNER_URL", default=env("DATABASE_URL"))
else:
    from strategy_portal.embedded_postgres import database_settings

    PORTAL_DATABASE, OWNER_DATABASE = database_settings(BASE_DIR / ".pgdata")
DATABASE_ROLE = env("DATABASE_ROLE", default="portal")
if DATABASE_ROLE not in ("portal", "owner"):
    raise ValueError(f"DATABASE_ROLE is 'portal' or 'owner', not {DATABASE_ROLE!r}")
DATABASES = {"default": dict(OWNER_DATABASE if DATABASE_ROLE == "owner" else PORTAL_DATABASE)}
# A new connection costs milliseconds per request: keep it, but check it before use
# so that the portal recovers by itself when PostgreSQL comes back after an outage.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Seconds a web request waits for the database: to connect, and for one query (strategy_portal.database).
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
DATABASE_QUERY_TIMEOUT = env.int("DATABASE_QUERY_TIMEOUT", default=5)
DATABASES["default"].setdefault("OPTIONS", {}).update(
    connect_timeout=DATABASE_CONNECT_TIMEOUT,
    # TCP keepalives notice a server that vanished (its machine down, the network cut) under an idle connection,
    # after idle + interval x count seconds. Connections over a Unix socket (the embedded server) need none.
    keepalives=1,
    keepalives_idle=env.int("DATABASE_KEEPALIVES_IDLE", default=30),
    keepalives_interval=env.int("DATABASE_KEEPALIVES_INTERVAL", default=10),
    keepalives_count=env.int("DATABASE_KEEPALIVES_COUNT", default=3),
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Login ------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Passwords: everyone's while LOCAL_LOGIN is on, only the break-glass administrators' when it is off.
    "accounts.backends.LocalPasswordBackend",
    # The region's account (OpenID Connect): only used by the single sign-on callback and for its sessions.
    "accounts.backends.RegionAccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Lock out after repeated failures for the same user from the same address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# How many proxies in front of the portal add to X-Forwarded-For. Login throttling and the audit record resolve
# the client's address the same way (audit.services.client_ip).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "audit.services.client_ip"
CSRF_FAILURE_VIEW = "strategy_portal.views.csrf_failure"

# When on, administrators and the International Office must confirm a TOTP code.
REQUIRE_SECOND_FACTOR = env.bool("REQUIRE_SECOND_FACTOR", default=False)
OTP_TOTP_ISSUER = "Region Midtjylland – International Strategy Portal"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Single sign-on with the region's identity provider (OpenID Connect) ------------------
# Off until a client id and the provider (discovery URL or issuer) are set; then the login page offers the region's
# account first. mozilla-django-oidc runs the authorization code flow with PKCE, state and nonce;
# accounts.backends.RegionAccountBackend checks the ID token (signature, issuer, audience, expiry) and
# accounts.services.sign_in_with_region_account gives the user the roles their groups map to.
OIDC_DISCOVERY_URL = env("OIDC_DISCOVERY_URL", default="")
OIDC_ISSUER = env("OIDC_ISSUER", default="")
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", default="")
OIDC_RP_SCOPES = env("OIDC_SCOPES", default="openid profile email")
OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGO", default="RS256")
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
OIDC_USERNAME_CLAIM = env("OIDC_USERNAME_CLAIM", default="preferred_username")
# The provider reports a login with more than a password in `amr` (RFC 8176) or `acr`: the portal then asks no
# TOTP code of its own.
OIDC_MFA_AMR_VALUES = env.list("OIDC_MFA_AMR_VALUES", default=["mfa"])
OIDC_MFA_ACR_VALUES = env.list("OIDC_MFA_ACR_VALUES",
                               default=["http://schemas.microsoft.com/claims/multipleauthn"])
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=5.0)
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_STORE_ID_TOKEN = True  # sent back to the provider as id_token_hint when the user logs out
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
OIDC_OP_LOGOUT_URL_METHOD = "accounts.sso.provider_logout_url"
# Local user names and passwords: on for everyone by default. Off, only the break-glass administrators named in
# LOCAL_LOGIN_USERS log in with a password; everyone else uses the region's account.
LOCAL_LOGIN = env.bool("LOCAL_LOGIN", default=True)
LOCAL_LOGIN_USERS = env.list("LOCAL_LOGIN_USERS", default=[])

# --- Sessions and cookies ---------------------------------------------------------
# Sessions live in the database, so several portal instances can share logins.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the age above is then an idle timeout
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The language a person chose holds when they open the portal again (middleware.LanguageChoiceMiddleware).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

# --- Security headers -------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if OIDC_DISCOVERY_URL or OIDC_ISSUER:
    # Logging out sends the logout form on to the provider's end-session endpoint (RP-initiated logout).
    from urllib.parse import urlsplit

    _provider = urlsplit(OIDC_DISCOVERY_URL or OIDC_ISSUER)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_provider.scheme}://{_provider.netloc}")
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

# --- Action plans ------------------------------------------------------------------
# Days after a new council term starts within which each area's revised plan should be adopted.
REVISION_DEADLINE_DAYS = env.int("REVISION_DEADLINE_DAYS", default=365)
# Days before a reporting round's deadline on which area editors are reminded of their missing status updates.
STATUS_REMINDER_DAYS = env.int("STATUS_REMINDER_DAYS", default=7)
# Where reminder e-mails link to.
PORTAL_URL = env("PORTAL_URL", default="http://127.0.0.1:8000")

# --- Exports ----------------------------------------------------------------------
# Seconds a PDF may take to build before it is given up (the user is pointed to the print view instead).
PDF_TIME_LIMIT = env.float("PDF_TIME_LIMIT", default=10.0)

# --- Open-data API (api/) -----------------------------------------------------------
# Counters of the API's throttles, in each process's memory: with several processes (gunicorn workers, instances),
# each counts on its own, so a client may make up to that many times the rate.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "api": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "api-throttle"},
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # the documentation's "Try it out", logged in
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],  # what each reader sees: public.selectors
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AddressThrottle", "api.throttling.TokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "address": env("API_THROTTLE_ADDRESS", default="120/minute"),  # anonymous requests per client address
        "token": env("API_THROTTLE_TOKEN", default="600/minute"),  # requests per token (or logged-in user)
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Central Denmark Region – International Strategy Portal: open-data API",
    "DESCRIPTION": (
        "Read-only open data of the regional council's strategy for internationalisation: the strategy, areas, "
        "purposes, partner regions with their status history, strategic tracks, action plans with goals, "
        "initiatives with their latest status and the status reports of closed reporting rounds.\n\n"
        "Without a token: what the public pages show. With a personal API token (created in the portal under "
        "API tokens), sent as `Authorization: Bearer <token>`: what the token's owner may read in the portal. "
        "Lists are paginated (`page`, `page_size` from 1 to 500; more is refused with 400); `format=csv` or "
        "`format=xlsx` gives the whole filtered list as a spreadsheet. An unknown filter is refused with 400, "
        "a bad or revoked token with 401, too many requests with 429."),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No badge from validator.swagger.io: the documentation loads nothing from elsewhere.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"PartnerStatusEnum": "partners.models.PartnerStatus",
                            "PlanStatusEnum": "actionplans.models.PlanStatus"},
}

# --- Internationalisation ---------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English pages write dates day-month-year (strategy_portal/formats/en).
FORMAT_MODULE_PATH = ["strategy_portal.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files need `collectstatic`; development and tests serve the sources.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=DEBUG)
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail -----------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# The sender of the portal's e-mails is the organisation's own address: configuration, never a guess. Unset, the
# portal sends nothing that needs it in development (the console backend) and `check --deploy` warns.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# --- Logging: one line per event on stdout ------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {
        # A refused request is logged in one line: it is an answer, not an error.
        "refusals_in_one_line": {"()": "django.utils.log.CallbackFilter",
                                 "callback": "ext://strategy_portal.log.refusal_in_one_line"},
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "line",
                   "filters": ["refusals_in_one_line"]},
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "pgserver": {"level": "WARNING"},
        "axes": {"level": env("AXES_LOG_LEVEL", default="WARNING")},
    },
}
