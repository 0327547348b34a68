"""Who decides what is public: the International Office (and administrators)."""

from django.core.exceptions import PermissionDenied

from accounts.roles import Role, roles_of


def can_publish(user) -> bool:
    if not user.is_authenticated or not user.has_perm("public.change_publication"):
        return False
    return bool(roles_of(user) & {Role.INTERNATIONAL_OFFICE, Role.ADMINISTRATOR})


def require_publisher(user) -> None:
    if not can_publish(user):
        raise PermissionDenied("may not decide what is public")
