from accounts.roles import Role, roles_of


def roles(request):
    """The current user's roles, for the navigation and the home page."""
    user_roles = roles_of(getattr(request, "user", None)) if hasattr(request, "user") else set()
    return {
        "user_roles": user_roles,
        "is_area_editor": Role.AREA_EDITOR in user_roles,
        "is_international_office": Role.INTERNATIONAL_OFFICE in user_roles,
        "is_council_member": Role.COUNCIL_MEMBER in user_roles,
        "is_administrator": Role.ADMINISTRATOR in user_roles,
    }
