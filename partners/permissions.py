"""Who may change partner regions, their status decisions and the strategic tracks.

Reading is for every role (the view permission). Changing is for the International Office and the
administrators, with the model's change permission; council members read only.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.roles import Role, roles_of
from partners.models import PartnerRegion, StrategicTrack


def _may(user, permission: str) -> bool:
    if not user.is_authenticated or not user.has_perm(permission):
        return False
    roles = roles_of(user)
    return Role.INTERNATIONAL_OFFICE in roles or Role.ADMINISTRATOR in roles


def can_edit_partners(user) -> bool:
    return _may(user, "partners.change_partnerregion")


def can_edit_tracks(user) -> bool:
    return _may(user, "partners.change_strategictrack")


def require(user, permission: str) -> None:
    """Refuse unless the user may do this (e.g. "partners.add_partnerregion")."""
    if not _may(user, permission):
        raise PermissionDenied("may not change partner regions or strategic tracks")


def get_region_for_edit(request, pk, permission: str = "partners.change_partnerregion") -> PartnerRegion:
    region = get_object_or_404(PartnerRegion, pk=pk)
    require(request.user, permission)
    return region


def get_track_for_edit(request, pk) -> StrategicTrack:
    track = get_object_or_404(StrategicTrack.objects.select_related("area"), pk=pk)
    require(request.user, "partners.change_strategictrack")
    return track
