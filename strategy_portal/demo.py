"""Demo users of every role, for trying the portal out. Never for production."""

from django.db import transaction

from accounts.models import User
from accounts.roles import Role, ensure_role_groups
from strategy.models import Area

DEMO_PASSWORD = "demo-portal-2026"

# username, role, area code, first name, last name
DEMO_USERS = [
    ("demo-admin", Role.ADMINISTRATOR, None, "Ada", "Administrator"),
    ("demo-international", Role.INTERNATIONAL_OFFICE, None, "Ib", "Internationalt Kontor"),
    ("demo-council", Role.COUNCIL_MEMBER, None, "Rita", "Regionsrådsmedlem"),
    ("demo-sundhed", Role.AREA_EDITOR, "sundhed", "Sara", "Sundhed"),
    ("demo-psykiatri", Role.AREA_EDITOR, "psykiatri-og-social", "Per", "Psykiatri og Social"),
    ("demo-stabe", Role.AREA_EDITOR, "stabe", "Stine", "Stabe"),
    ("demo-udvikling", Role.AREA_EDITOR, "regional-udvikling", "Rune", "Regional Udvikling"),
]


@transaction.atomic
def load_demo_users() -> list[tuple[str, str]]:
    """Create the demo users that are missing. Returns (username, role label) for each demo user."""
    from accounts.roles import STAFF_ROLES

    groups = ensure_role_groups()
    result = []
    for username, role, area_code, first, last in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first, "last_name": last, "email": f"{username}@example.org",
                "area": Area.objects.get(code=area_code) if area_code else None,
                "is_staff": role in STAFF_ROLES,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(groups[role])
        result.append((username, str(role.label)))
    return result
