"""Changes to users that take several rows: a login with the region's account."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from accounts.models import GroupMapping, User
from accounts.roles import STAFF_ROLES, Role, roles_of
from accounts.sso import SsoRefused
from audit.models import Event
from audit.services import record

# The most groups a token may name: more is not a person's groups but a mistake (or an attack on the lookup).
MAX_GROUPS = 1000


def no_access_message() -> str:
    return _("None of your groups in the region's user directory gives access to the portal. If you need the "
             "portal for your work, ask your manager or the IT department to add you to the portal's group.")


def _bad_claims(reason: str) -> SsoRefused:
    return SsoRefused(reason, _("The region's login service sent information about you that the portal cannot "
                                "use. Ask the IT department to check the portal's set-up at the login service."),
                      status=400)


def _text(claims: dict, name: str, limit: int) -> str:
    """A free-text claim (a name, the e-mail address); anything but a string counts as missing. Markup or more
    text than the field holds is refused: such a claim is not a person's name but a fault or an attack."""
    value = claims.get(name)
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if len(value) > limit or strip_tags(value) != value or "<" in value or ">" in value:
        raise _bad_claims(f"unusable {name} claim")
    return value


def _identity(claims: dict) -> tuple[str, str]:
    """The user's subject and user name from the claims; refused unless both are usable."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject.strip() or len(subject) > 255:
        raise _bad_claims("unusable sub claim")
    username = claims.get(settings.OIDC_USERNAME_CLAIM)
    if not isinstance(username, str) or not username.strip():
        raise _bad_claims(f"no {settings.OIDC_USERNAME_CLAIM} claim")
    username = username.strip()
    field = User._meta.get_field("username")
    try:
        if len(username) > field.max_length:
            raise ValidationError("too long")
        for validator in field.validators:
            validator(username)
    except ValidationError as error:
        raise _bad_claims(f"unusable {settings.OIDC_USERNAME_CLAIM} claim") from error
    return subject, username


def _groups(claims: dict) -> list[str]:
    groups = claims.get(settings.OIDC_GROUPS_CLAIM)
    if groups is None:
        if settings.OIDC_GROUPS_CLAIM in (claims.get("_claim_names") or {}):
            raise _bad_claims("too many groups for the token (groups overage)")
        return []
    if not isinstance(groups, list) or len(groups) > MAX_GROUPS or not all(isinstance(g, str) for g in groups):
        raise _bad_claims(f"{settings.OIDC_GROUPS_CLAIM} claim is not a list of names")
    return [group.strip() for group in groups if group.strip()]


def _email(claims: dict) -> str:
    email = _text(claims, "email", User._meta.get_field("email").max_length)
    try:
        EmailValidator()(email)
    except ValidationError:
        return ""  # an address the portal cannot write to is left out, not refused
    return email


def _describe(roles: set[Role], area) -> str:
    names = sorted(role.value for role in roles)
    text = ", ".join(names) or "none"
    return f"{text} ({area.code})" if area is not None and Role.AREA_EDITOR in roles else text


def sign_in_with_region_account(*, claims: dict, issuer: str) -> User:
    """The user for a verified ID token: created at the first login, their roles and area set from the groups.

    Refused (SsoRefused) when the claims are unusable, when no group maps to a role (a known user is then
    deactivated), when the account is deactivated, or when the name belongs to an account that must stay local.
    Nothing is created for a refused login."""
    subject, username = _identity(claims)
    groups = _groups(claims)
    first_name, last_name, email = _text(claims, "given_name", 150), _text(claims, "family_name", 150), _email(claims)
    name = _text(claims, "name", 150)
    if not (first_name or last_name):
        first_name = name
    mappings = list(GroupMapping.objects.annotate(lowered=Lower("group"))
                    .filter(lowered__in={group.lower() for group in groups}).select_related("area"))
    user = User.objects.filter(sso_issuer=issuer, sso_subject=subject).first()

    if not mappings:
        if user is not None and user.is_active:
            deactivate_region_account(user=user, reason="no mapped group at the identity provider")
        raise SsoRefused("no mapped group", no_access_message(), username=username)
    if user is not None and not user.is_active:
        raise SsoRefused("account deactivated",
                         _("Your account in the portal is deactivated. If you need the portal for your work, ask an "
                           "administrator to activate it again."), username=username)

    roles = {Role(mapping.role) for mapping in mappings}
    areas = {mapping.area for mapping in mappings if mapping.role == Role.AREA_EDITOR}
    if len(areas) > 1:
        raise SsoRefused("groups map to more than one area",
                         _("Your groups in the region's user directory make you an area editor of more than one "
                           "area, and the portal allows one. Ask the IT department to correct your groups."),
                         username=username)
    area = areas.pop() if areas else None

    with transaction.atomic():
        if user is None:
            # A local account of the same name is taken over: from now on the region's account is its login.
            user = _unlinked_account(username) or User(username=username)
            user.set_unusable_password()
            user.sso_issuer, user.sso_subject = issuer, subject
        is_new = user.pk is None
        before = set() if is_new else set(roles_of(user))
        before_area = None if is_new else user.area
        user.username = username
        user.first_name, user.last_name, user.email = first_name, last_name, email
        user.area = area
        user.is_staff = bool(roles & STAFF_ROLES)
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as error:
            raise SsoRefused("user name taken by another account",
                             _("The portal has another account with your user name. Ask an administrator to "
                               "resolve it."), username=username) from error
        user.save()
        role_groups = Group.objects.filter(name__in=Role.values)
        user.groups.remove(*[group for group in role_groups if group.name not in {r.value for r in roles}])
        user.groups.add(*[group for group in role_groups if group.name in {r.value for r in roles}])
        user.__dict__.pop("_portal_roles", None)
        if is_new:
            record(Event.Action.CREATE, user=user, obj=user,
                   detail=f"account from the identity provider; roles: {_describe(roles, area)}")
        elif before != roles or (Role.AREA_EDITOR in roles and before_area != area):
            record(Event.Action.ROLES_CHANGED, user=user, obj=user,
                   detail=f"{_describe(before, before_area)} -> {_describe(roles, area)}")
    return user


def _unlinked_account(username: str) -> User | None:
    """An existing local account with the same user name, which the region's account takes over at its first
    login; never a break-glass administrator's or a superuser's, which stay local."""
    user = User.objects.filter(username=username, sso_subject="").first()
    if user is None:
        return None
    if user.is_superuser or user.username in settings.LOCAL_LOGIN_USERS:
        raise SsoRefused("user name belongs to a local administrator account",
                         _("The portal has a local administrator account with your user name, which cannot be "
                           "used with the region's account. Ask an administrator to resolve it."), username=username)
    return user


def deactivate_region_account(*, user: User, reason: str) -> None:
    """Deactivate a user who logs in with the region's account and has lost access there; audited."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(Event.Action.DEACTIVATED, user=user, obj=user, detail=reason)
