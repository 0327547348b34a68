"""Changes to partner regions, their status decisions and strategic tracks. Edits go through the edit
pipeline (audit.editing): version check, validation, relations and one audit event."""

import datetime

from django.db import transaction

from audit.editing import save_edit
from audit.models import Event
from audit.services import record
from partners.models import DatePrecision, PartnerRegion, StatusDecision, StrategicTrack


@transaction.atomic
def record_status_decision(
    *, region: PartnerRegion, status: str, decided_on: datetime.date, reference: str, note: str = "",
    date_precision: str = DatePrecision.DAY, by=None,
) -> StatusDecision:
    """Record a dated decision on a region's status; the region's current status follows the latest decision."""
    decision = StatusDecision(region=region, status=status, decided_on=decided_on, date_precision=date_precision,
                              reference=reference, note=note, recorded_by=by)
    decision.full_clean()
    decision.save()
    sync_status(region=region)
    record(Event.Action.CREATE, user=by, obj=decision,
           detail=f"{region}: {decision.get_status_display()} ({reference})")
    return decision


def sync_status(*, region: PartnerRegion) -> None:
    """Set the region's status from its latest decision (by decision date), and since when it has had it: the
    first of the latest decisions that all gave that status, so that a cooperation the council kept is active
    since it began, not since it was kept. The date keeps its precision (a year, "before" a date)."""
    decisions = list(region.status_decisions.chronological().values_list("status", "decided_on", "date_precision"))
    status, changed_on, precision = PartnerRegion.Status.UNDER_CONSIDERATION, None, DatePrecision.DAY
    if decisions:
        status = decisions[-1][0]
        for decided_status, decided_on, decided_precision in reversed(decisions):
            if decided_status != status:
                break
            changed_on, precision = decided_on, decided_precision
    if (region.status, region.status_changed_on, region.status_changed_precision) != (status, changed_on, precision):
        PartnerRegion.objects.filter(pk=region.pk).update(status=status, status_changed_on=changed_on,
                                                          status_changed_precision=precision)
        region.status, region.status_changed_on, region.status_changed_precision = status, changed_on, precision


@transaction.atomic
def save_region(*, region: PartnerRegion, fields, expected_version: int | None, by) -> PartnerRegion:
    """Add a partner region, or save its edited values (`region` carries them) unless it changed since
    `expected_version`. Its status follows the dated decisions (record_status_decision), never an edit form:
    a new region is under consideration until a decision is recorded."""
    save_edit(region, expected_version=expected_version, by=by, relations={"fields": fields},
              keep=("status", "status_changed_on"))
    return region


@transaction.atomic
def save_track(*, track: StrategicTrack, fields, partner_regions, expected_version: int | None,
               by) -> StrategicTrack:
    """Add a strategic track, or save its edited values (`track` carries them) unless it changed since
    `expected_version`."""
    save_edit(track, expected_version=expected_version, by=by,
              relations={"fields": fields, "partner_regions": partner_regions})
    return track
