from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

from accounts.roles import Role, roles_of
from accounts.sso import SESSION_MFA

# Roles whose accounts can change the strategy's partners or the users: REQUIRE_SECOND_FACTOR protects them.
SECOND_FACTOR_ROLES = {Role.INTERNATIONAL_OFFICE, Role.ADMINISTRATOR}
# Pages an unverified user still reaches: the code page itself and the ways out.
OPEN_VIEWS = {"accounts:second_factor", "accounts:logout", "admin:logout"}


def second_factor_required(user) -> bool:
    """Whether REQUIRE_SECOND_FACTOR applies to the user (read per call, so tests can change the setting).

    Superusers count as administrators: the first one is made with createsuperuser and belongs to no group.
    """
    if not settings.REQUIRE_SECOND_FACTOR or not user.is_authenticated:
        return False
    return user.is_superuser or bool(roles_of(user) & SECOND_FACTOR_ROLES)


def is_verified(request) -> bool:
    """Whether the session has a second factor: a code confirmed here (django_otp.middleware.OTPMiddleware sets
    user.is_verified), or a login with the region's account that the provider reports as multi-factor."""
    if request.session.get(SESSION_MFA):
        return True
    check = getattr(request.user, "is_verified", None)
    return bool(check and check())


class SecondFactorMiddleware:
    """Sends a user who needs a second factor and has not given one in this session to the code page.

    Must come after django_otp's OTPMiddleware (it reads user.is_verified) and after LocaleMiddleware
    (the code page's address is in the request's language).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The setting comes first: with it off (the demo setup), the user is not even loaded here.
        if (
            settings.REQUIRE_SECOND_FACTOR
            and not self._is_open(request)
            and second_factor_required(request.user)
            and not is_verified(request)
        ):
            return redirect_to_login(request.get_full_path(), reverse("accounts:second_factor"))
        return self.get_response(request)

    @staticmethod
    def _is_open(request) -> bool:
        if request.path == "/healthz" or request.path.startswith(settings.STATIC_URL):
            return True
        try:
            return resolve(request.path_info).view_name in OPEN_VIEWS
        except Resolver404:
            return False
