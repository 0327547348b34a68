"""`load`: simulated users of every role for a fixed time, then a check that no accepted edit was lost.

Area editors (three sessions per area) adjust initiatives of their area's current-term draft: half
of their edits go to the draft's first initiative, so several of them often edit the same one at
the same time. An edit is GET form, a pause while the user types, POST with the form's version and a
unique reason: 302 is accepted, 409 a refused stale edit. The International Office browses plans
and edits partner regions (when the partner pages exist); council members browse plans and partner
pages and download exports. Each thread has its own random generator from the seed.
"""

import random
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from bench.client import Response, Session, form_fields, percentile

EDITORS_PER_AREA = 3
OFFICE_SESSIONS = COUNCIL_SESSIONS = 2
AREA_EDITORS = {"sundhed": "demo-sundhed", "psykiatri-og-social": "demo-psykiatri", "stabe": "demo-stabe",
                "regional-udvikling": "demo-udvikling"}


@dataclass
class Edit:
    kind: str  # "initiative" or "partner region"
    pk: int
    base_version: int
    value: str  # the first field the edit changed: department, or the partner region's Danish fact sheet
    reason: str
    status: int


@dataclass
class Targets:
    drafts: dict  # area code -> (draft pk, [initiative pks], the first one being "hot")
    plans: list  # pks of the current term's plans, in force and drafts
    regions: list  # pks of partner regions that the International Office edits
    partner_pages: list  # paths of partner pages, empty when the app is not routed
    edit_regions: bool


def _targets() -> Targets:
    from django.urls import NoReverseMatch, reverse

    from actionplans.models import ActionPlan, CouncilTerm, Initiative
    from partners.models import PartnerRegion, StrategicTrack

    term = CouncilTerm.objects.current()
    drafts = {}
    for plan in ActionPlan.objects.drafts().filter(term=term).select_related("area"):
        initiatives = Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position")
        drafts[plan.area.code] = (plan.pk, list(initiatives.values_list("pk", flat=True)))
    plans = list(ActionPlan.objects.filter(term=term).values_list("pk", flat=True))
    regions = list(PartnerRegion.objects.order_by("pk").values_list("pk", flat=True)[:5])
    try:
        track = StrategicTrack.objects.order_by("pk").first()
        partner_pages = [reverse("partners:dashboard"), reverse("partners:track_list"),
                         reverse("partners:track_detail", args=[track.pk])]
        partner_pages += [reverse("partners:region_detail", args=[pk]) for pk in regions]
    except NoReverseMatch:
        return Targets(drafts, plans, regions, [], False)
    try:
        reverse("partners:region_edit", args=[regions[0]])
        edit_regions = True
    except NoReverseMatch:
        edit_regions = False
    return Targets(drafts, plans, regions, partner_pages, edit_regions)


class Run:
    """What the simulated users did: every response by page kind, and every save."""

    def __init__(self, targets: Targets, deadline: float):
        self.targets, self.deadline = targets, deadline
        self.responses: dict[str, list[Response]] = defaultdict(list)
        self.edits: list[Edit] = []
        self.crashes: list[str] = []

    def get(self, session, kind, path) -> Response:
        response = session.get(path)
        self.responses[kind].append(response)
        return response

    def save(self, session, rng, kind: str, pk: int, path: str, changes: dict) -> None:
        """GET the edit form, type for a moment, POST it back with the version the form carried."""
        form = self.get(session, f"{kind} edit form", path)
        if form.status != 200:
            return
        fields = form_fields(form.body, **changes)
        time.sleep(rng.uniform(0.2, 1.0))
        answer = session.post(path, fields)
        self.responses[f"{kind} save"].append(answer)
        self.edits.append(Edit(kind, pk, int(dict(fields).get("version") or 0), next(iter(changes.values())),
                               changes.get("reason", ""), answer.status))

    def browse_plans(self, session, rng) -> None:
        pk = rng.choice(self.targets.plans)
        page = rng.choice(["/plans/", f"/plans/area/{rng.choice(list(AREA_EDITORS))}/", f"/plans/{pk}/",
                           f"/plans/{pk}/", f"/plans/{pk}/history/"])
        self.get(session, _kind(page), page)

    def area_editor(self, session, rng, name, area) -> None:
        draft, initiatives = self.targets.drafts[area]
        if rng.random() < 0.25:
            self.get(session, "plan", f"/plans/{draft}/")
            return
        pk = initiatives[0] if rng.random() < 0.5 else rng.choice(initiatives)
        self.save(session, rng, "initiative", pk, f"/plans/initiatives/{pk}/edit/",
                  {"department": f"dept {rng.randint(0, 10**6)}", "reason": f"load {name}"})

    def international_office(self, session, rng, name, _area) -> None:
        if self.targets.edit_regions and rng.random() < 0.25:
            pk = rng.choice(self.targets.regions)
            self.save(session, rng, "partner region", pk, f"/partners/{pk}/edit/",
                      {"fact_sheet_da": f"Opdateret af belastningstest ({name})."})
        else:
            self.browse_plans(session, rng)

    def council_member(self, session, rng, name, _area) -> None:
        choice = rng.random()
        if choice < 0.2:
            pk, ext = rng.choice(self.targets.plans), rng.choice(["xlsx", "pdf"])
            self.get(session, f"export {ext}", f"/plans/{pk}/export.{ext}")
        elif choice < 0.5 and self.targets.partner_pages:
            page = rng.choice(self.targets.partner_pages)
            self.get(session, _kind(page), page)
        else:
            self.browse_plans(session, rng)

    def user(self, index, seed, base, username, role, area) -> None:
        rng, session = random.Random(seed * 1000 + index), Session(base)
        try:
            session.log_in(username)
            for n in range(100_000):  # ends at the deadline long before
                if time.monotonic() >= self.deadline:
                    return
                getattr(self, role)(session, rng, f"{index}-{n}", area)
                time.sleep(rng.uniform(0.05, 0.3))
        except Exception as error:
            self.crashes.append(f"{username} ({index}): {error!r}")
            raise


def _kind(path: str) -> str:
    """The page kind of a path, for the table."""
    parts = path.strip("/").split("/")
    if parts[0] == "partners":
        if len(parts) == 1:
            return "partners"
        return "partner region" if parts[1].isdigit() else ("tracks" if len(parts) == 2 else "track")
    if len(parts) == 1:
        return "plans overview"
    return "area's plans" if parts[1] == "area" else ("plan history" if parts[-1] == "history" else "plan")


def _verify(edits: list[Edit], initial_versions: dict) -> list[str]:
    """Every accepted initiative edit has exactly one adjustment holding its value, no refused one has any,
    and no two accepted edits of one initiative were based on the same version."""
    from actionplans.models import Adjustment, Initiative

    edits = [e for e in edits if e.kind == "initiative"]
    accepted = [e for e in edits if e.status == 302]
    adjustments = defaultdict(list)
    for reason, changes in Adjustment.objects.filter(reason__startswith="load ").values_list("reason", "changes"):
        adjustments[reason].append(changes)
    problems = []
    for edit in edits:
        found = adjustments.get(edit.reason, [])
        if edit.status == 409 and found:
            problems.append(f"refused edit {edit.reason} was recorded")
        if edit.status != 302:
            continue
        # An accepted edit raises the initiative's version, so its adjustment keeps the initiative among its changes.
        item = next((i for i in found[0]["initiatives"] if i["id"] == edit.pk), None) if len(found) == 1 else None
        if item is None or (item["version"], str(item["department"])) != (edit.base_version + 1, edit.value):
            problems.append(f"accepted edit {edit.reason}: {len(found)} adjustments, item {item}")
    twice = [key for key, n in Counter((e.pk, e.base_version) for e in accepted).items() if n > 1]
    problems += [f"initiative {pk}: two accepted edits based on version {v}" for pk, v in twice]
    per_initiative = Counter(e.pk for e in accepted)
    for pk, version in Initiative.objects.filter(pk__in=initial_versions).values_list("pk", "version"):
        if version - initial_versions[pk] != per_initiative[pk]:
            problems.append(f"initiative {pk}: version {initial_versions[pk]} -> {version}, "
                            f"{per_initiative[pk]} accepted edits")
    return problems


def run(base: str, *, seconds: float, seed: int) -> int:
    from actionplans.models import Initiative

    targets = _targets()
    drafted = [pk for _draft, pks in targets.drafts.values() for pk in pks]
    initial_versions = dict(Initiative.objects.filter(pk__in=drafted).values_list("pk", "version"))
    users = [(name, "area_editor", area) for area, name in AREA_EDITORS.items() for _ in range(EDITORS_PER_AREA)]
    users += [("demo-international", "international_office", None)] * OFFICE_SESSIONS
    users += [("demo-council", "council_member", None)] * COUNCIL_SESSIONS
    yes = {True: "yes", False: "no"}
    print(f"\n{len(users)} simulated users for {seconds:.0f} s (seed {seed}); partner pages: "
          f"{yes[bool(targets.partner_pages)]}, partner region edits: {yes[targets.edit_regions]}")
    state = Run(targets, time.monotonic() + seconds)
    threads = [threading.Thread(target=state.user, args=(i, seed, base, *user)) for i, user in enumerate(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started

    print("\n| page kind | requests | req/s | p50 ms | p95 ms | p99 ms | answers |\n|---|---|---|---|---|---|---|")
    every = [r for responses in state.responses.values() for r in responses]
    for kind, responses in [*sorted(state.responses.items()), ("all", every)]:
        ms = sorted(r.seconds * 1000 for r in responses)
        answers = ", ".join(f"{status}×{n}" for status, n in sorted(Counter(r.status for r in responses).items()))
        print(f"| {kind} | {len(responses)} | {len(responses) / wall:.1f} | {percentile(ms, 50):.0f} "
              f"| {percentile(ms, 95):.0f} | {percentile(ms, 99):.0f} | {answers} |")
    server_errors = sum(r.status >= 500 for r in every)
    no_answer = sum(r.status == 0 for r in every)
    for kind in ("initiative", "partner region"):
        statuses = Counter(e.status for e in state.edits if e.kind == kind)
        if statuses:
            print(f"\n{kind} saves: {statuses[302]} accepted (302), {statuses[409]} refused as stale (409), "
                  f"{sum(statuses.values()) - statuses[302] - statuses[409]} other")
    problems = _verify(state.edits, initial_versions)
    print(f"Responses >= 500: {server_errors} {'OK' if not server_errors else 'FAIL'}")
    print(f"No answer (reset, timeout): {no_answer} {'OK' if not no_answer else 'FAIL'}")
    print(f"Lost updates: {'OK, every accepted edit has its adjustment' if not problems else 'FAIL'}")
    for problem in problems[:20]:
        print(f"  {problem}")
    print(f"Simulated users that crashed: {len(state.crashes)} {'OK' if not state.crashes else 'FAIL'}")
    return 1 if server_errors or no_answer or problems or state.crashes else 0
