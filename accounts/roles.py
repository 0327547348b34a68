"""The portal's roles: Django groups with model permissions.

Object rules (an area editor changes only their own area's plans) live in each app's
permissions.py; the model permissions here say what a role may do at all.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _

PORTAL_APPS = ["strategy", "partners", "actionplans"]


class Role(models.TextChoices):
    AREA_EDITOR = "Area editors", _("Area editor")
    INTERNATIONAL_OFFICE = "International Office", _("International Office")
    COUNCIL_MEMBER = "Council members", _("Council member")
    ADMINISTRATOR = "Administrators", _("Administrator")


PLAN_CONTENT = ["actionplan", "goal", "initiative"]
# Following the plans up: reporting status, milestones and indicators.
FOLLOW_UP = [("actionplans", f"add_{m}") for m in ("statusupdate", "indicatorvalue", "milestone", "indicator")] + [
    ("actionplans", "change_milestone")]
# Whoever writes initiatives may add a partner organisation that is not in the list yet.
ORGANISATIONS = [("partners", "add_organisation")]
PARTNER_CONTENT = ["partnerregion", "statusdecision", "strategictrack"]
PUBLICATION = ["publication", "planpublication"]

# Role -> (app_label, codename) pairs beyond "view everything in the portal apps".
# Nothing in plans, partners or history is deleted through the portal: no delete rights.
_CHANGE_RIGHTS = {
    Role.AREA_EDITOR: [("actionplans", f"{verb}_{m}") for m in PLAN_CONTENT for verb in ("add", "change")]
    + FOLLOW_UP + ORGANISATIONS,
    Role.INTERNATIONAL_OFFICE: [("actionplans", f"{verb}_{m}") for m in PLAN_CONTENT for verb in ("add", "change")]
    + FOLLOW_UP + ORGANISATIONS + [("actionplans", "add_reportinground"), ("actionplans", "change_reportinground")]
    + [("partners", f"{verb}_{m}") for m in PARTNER_CONTENT for verb in ("add", "change")]
    # Recording the adopted wording of the strategy and its purposes (the sources hold the draft's).
    + [("strategy", "change_strategy"), ("strategy", "change_purpose")]
    # Deciding what is public (public.permissions).
    + [("public", f"{verb}_{m}") for m in PUBLICATION for verb in ("add", "change", "view")],
    Role.COUNCIL_MEMBER: [],
}
# Roles that work in Django admin.
STAFF_ROLES = {Role.INTERNATIONAL_OFFICE, Role.ADMINISTRATOR}
# Models whose rows are kept for ever: even administrators may not delete them.
UNDELETABLE = (
    {("actionplans", m) for m in ["actionplan", "goal", "initiative", "councilterm", "election", "statusupdate",
                                  "indicatorvalue", "reportinground"]}
    | {("partners", m) for m in ["partnerregion", "statusdecision", "strategictrack", "office", "organisation"]}
    | {("strategy", m) for m in ["area", "purpose", "principle", "value", "coordinationpartner", "supportedplan",
                                 "fundingsource", "strategy"]}
    | {("audit", "event"), ("public", "accessibilitystatement"), ("public", "publication"),
       ("public", "planpublication"), ("api", "apitoken")}
)


def _permissions_for(role: Role):
    portal = Permission.objects.filter(content_type__app_label__in=PORTAL_APPS + ["public"])
    if role == Role.ADMINISTRATOR:
        perms = Permission.objects.filter(
            content_type__app_label__in=PORTAL_APPS + ["accounts", "auth", "audit", "axes", "otp_totp", "public", "api"]
        )
        return [p for p in perms if (p.content_type.app_label, p.content_type.model) not in UNDELETABLE
                or not p.codename.startswith("delete_")]
    rights = set(_CHANGE_RIGHTS[role])
    return [p for p in portal.select_related("content_type")
            if (p.codename.startswith("view_") and p.content_type.app_label in PORTAL_APPS)
            or (p.content_type.app_label, p.codename) in rights]


def ensure_role_groups() -> dict[Role, Group]:
    """Create or update the role groups so they hold exactly the role's permissions. Idempotent."""
    groups = {}
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set(_permissions_for(role))
        groups[role] = group
    return groups


def roles_of(user) -> set[Role]:
    """The user's roles, from their groups (cached on the user for the request)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_portal_roles"):
        names = {g.name for g in user.groups.all()}
        user._portal_roles = {role for role in Role if role.value in names}
    return user._portal_roles


def has_role(user, role: Role) -> bool:
    return role in roles_of(user)
