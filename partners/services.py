"""Changes to partner regions and strategic tracks that touch several rows."""

import datetime

from django.db import transaction

from audit.models import Event
from audit.services import record
from partners.models import PartnerRegion, StatusDecision, StrategicTrack


class EditConflict(Exception):
    """Someone else saved the same partner region or track since this edit began."""

    def __init__(self, *, current_version: int):
        super().__init__("edit conflict")
        self.current_version = current_version


@transaction.atomic
def record_status_decision(
    *, region: PartnerRegion, status: str, decided_on: datetime.date, reference: str, note: str = "", by=None
) -> StatusDecision:
    """Record a dated decision on a region's status; the region's current status follows the latest decision."""
    decision = StatusDecision(region=region, status=status, decided_on=decided_on, reference=reference, note=note,
                              recorded_by=by)
    decision.full_clean()
    decision.save()
    sync_status(region=region)
    record(Event.Action.CREATE, user=by, obj=decision,
           detail=f"{region}: {decision.get_status_display()} ({reference})")
    return decision


def sync_status(*, region: PartnerRegion) -> None:
    """Set the region's status and its date from its latest decision (by decision date)."""
    latest = region.status_decisions.order_by("-decided_on", "-id").first()
    status = latest.status if latest else PartnerRegion.Status.UNDER_CONSIDERATION
    changed_on = latest.decided_on if latest else None
    if (region.status, region.status_changed_on) != (status, changed_on):
        PartnerRegion.objects.filter(pk=region.pk).update(status=status, status_changed_on=changed_on)
        region.status, region.status_changed_on = status, changed_on


def _changed(before, after, names, relations: dict) -> str:
    """The names of the fields an edit changed, for the audit record."""
    changed = [n for n in names if getattr(before, n) != getattr(after, n)]
    changed += [n for n, chosen in relations.items()
                if {o.pk for o in getattr(before, n).all()} != {o.pk for o in chosen}]
    return ", ".join(changed)


def _lock(model, pk: int, expected_version: int | None):
    current = model.objects.select_for_update().get(pk=pk)
    if current.version != expected_version:
        raise EditConflict(current_version=current.version)
    return current


@transaction.atomic
def update_region(*, region: PartnerRegion, fields, expected_version: int | None, by) -> PartnerRegion:
    """Save a partner region's edited values (`region` carries them), unless it changed since `expected_version`."""
    current = _lock(PartnerRegion, region.pk, expected_version)
    # The status follows the dated decisions (record_status_decision), never an edit form.
    region.status, region.status_changed_on = current.status, current.status_changed_on
    region.version = current.version + 1
    region.full_clean()
    detail = _changed(current, region, [f.name for f in PartnerRegion._meta.concrete_fields if f.editable],
                      {"fields": fields})
    region.save()
    region.fields.set(fields)
    record(Event.Action.CHANGE, user=by, obj=region, detail=detail)
    return region


@transaction.atomic
def create_region(*, region: PartnerRegion, fields, by) -> PartnerRegion:
    """Add a partner region. Its status is under consideration until a decision is recorded."""
    region.full_clean()
    region.save()
    region.fields.set(fields)
    record(Event.Action.CREATE, user=by, obj=region, detail=region.get_kind_display())
    return region


@transaction.atomic
def update_track(*, track: StrategicTrack, fields, partner_regions, expected_version: int | None,
                 by) -> StrategicTrack:
    """Save a strategic track's edited values (`track` carries them), unless it changed since `expected_version`."""
    current = _lock(StrategicTrack, track.pk, expected_version)
    track.version = current.version + 1
    track.full_clean()
    detail = _changed(current, track, [f.name for f in StrategicTrack._meta.concrete_fields if f.editable],
                      {"fields": fields, "partner_regions": partner_regions})
    track.save()
    track.fields.set(fields)
    track.partner_regions.set(partner_regions)
    record(Event.Action.CHANGE, user=by, obj=track, detail=detail)
    return track


@transaction.atomic
def create_track(*, track: StrategicTrack, fields, partner_regions, by) -> StrategicTrack:
    track.full_clean()
    track.save()
    track.fields.set(fields)
    track.partner_regions.set(partner_regions)
    record(Event.Action.CREATE, user=by, obj=track, detail=str(track.area))
    return track
