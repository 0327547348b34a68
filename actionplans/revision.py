"""The four-year revision cycle: when a new council term has started, every area's plan of an
earlier term falls due for revision; after the deadline (setting REVISION_DEADLINE_DAYS) it is overdue."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from actionplans.models import ActionPlan, CouncilTerm


@dataclass(frozen=True)
class RevisionState:
    code: str  # "current", "due", "overdue", "no_term"
    term: CouncilTerm | None = None
    due_since: datetime.date | None = None
    deadline: datetime.date | None = None
    today: datetime.date | None = None

    LABELS = {
        "current": _("up to date"),
        "due": _("due for revision"),
        "overdue": _("revision overdue"),
        "no_term": _("no current council term"),
    }

    @property
    def label(self):
        return self.LABELS[self.code]

    @property
    def is_due(self) -> bool:
        return self.code in ("due", "overdue")

    @property
    def days_due(self) -> int:
        return (self.today - self.due_since).days if self.is_due else 0

    @property
    def days_overdue(self) -> int:
        return (self.today - self.deadline).days if self.code == "overdue" else 0

    @property
    def days_left(self) -> int:
        return (self.deadline - self.today).days if self.code == "due" else 0


def revision_state(*, plans: list[ActionPlan], term: CouncilTerm | None, today: datetime.date) -> RevisionState:
    """The revision state of one area, given all its plans and the current council term."""
    if term is None:
        return RevisionState("no_term", today=today)
    if any(p.term_id == term.pk and p.status == ActionPlan.Status.IN_FORCE for p in plans):
        return RevisionState("current", term=term, today=today)
    deadline = term.starts_on + datetime.timedelta(days=settings.REVISION_DEADLINE_DAYS)
    code = "overdue" if today > deadline else "due"
    return RevisionState(code, term=term, due_since=term.starts_on, deadline=deadline, today=today)
