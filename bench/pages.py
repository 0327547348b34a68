"""`pages`: requests per second, latency percentiles and SQL queries of the portal's main pages.

Timing: over HTTP against gunicorn, `concurrency` threads each with its own logged-in session
(demo-international, who sees every page with its edit links), `requests` requests per page.
Queries: in this process, with Django's test Client and CaptureQueriesContext against the same
private database (DEBUG stays off; the context turns on query recording for one request only).
"""

import itertools
import threading
import time

from bench.client import Session, percentile

USER = "demo-international"


def _pages() -> list[tuple[str, str]]:
    """(label, path) of the pages to measure. The partner pages only when the partners app is routed."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from actionplans.models import ActionPlan, CouncilTerm, Initiative, ReportingRound
    from partners.models import PartnerRegion

    plan = (ActionPlan.objects.in_force().filter(term=CouncilTerm.objects.current())
            .annotate(n=Count("goals__initiatives")).order_by("-n", "pk").first())
    initiative = Initiative.objects.filter(goal__plan=plan).order_by("pk").first()
    pages = [
        ("home", "/"),
        ("strategy", "/strategy/"),
        ("plans overview", reverse("actionplans:overview")),
        ("area's plans", reverse("actionplans:area_detail", args=[plan.area.code])),
        (f"plan ({plan.n} initiatives)", reverse("actionplans:plan_detail", args=[plan.pk])),
        ("plan history", reverse("actionplans:history", args=[plan.pk])),
        ("initiative edit form", reverse("actionplans:initiative_edit", args=[initiative.pk])),
        (f"plan's reporting page ({plan.n} initiatives)", reverse("actionplans:reporting", args=[plan.pk])),
        ("initiative's timeline", reverse("actionplans:initiative_detail", args=[initiative.pk])),
    ]
    # What everyone reads: the published plan (bench/data.py publishes everything) and the open-data API's lists.
    pages += [(f"public plan page ({plan.n} initiatives, 50 a page)", reverse("public:plan", args=[plan.pk])),
              ("public partner regions", reverse("public:partners")),
              ("API initiatives (50 a page)", "/api/v1/initiatives/"),
              ("API partner regions (50 a page)", "/api/v1/partner-regions/")]
    closed = ReportingRound.objects.filter(is_open=False).order_by("-as_of").first()
    if closed is not None:
        n = len(closed.report["initiatives"])
        pages += [(f"round report, closed ({n} initiatives)", reverse("actionplans:round_report", args=[closed.pk])),
                  ("round report PDF, closed", reverse("actionplans:round_report_pdf", args=[closed.pk]))]
    current = ReportingRound.objects.filter(is_open=True).first()
    if current is not None:
        pages += [("round report, open (computed)", reverse("actionplans:round_report", args=[current.pk])),
                  ("round report PDF, open", reverse("actionplans:round_report_pdf", args=[current.pk]))]
    try:
        pages.append(("partners", reverse("partners:dashboard")))
    except NoReverseMatch:
        print("No partner pages yet (partners:dashboard is not routed): skipped.")
        return pages
    region = PartnerRegion.objects.annotate(n=Count("initiatives")).order_by("-n", "pk").first()
    pages += [(f"partner region ({region.n} initiatives)", reverse("partners:region_detail", args=[region.pk])),
              ("strategic tracks", reverse("partners:track_list"))]
    return pages


def _time(sessions, path, requests, seconds):
    """Responses of `requests` GETs spread over the sessions' threads, and the wall time they took."""
    counter, responses = itertools.count(), []
    deadline = time.monotonic() + seconds

    def user(session):
        while next(counter) < requests and time.monotonic() < deadline:
            responses.append(session.get(path))

    threads = [threading.Thread(target=user, args=(s,)) for s in sessions]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses, time.perf_counter() - started


def _queries(path) -> int | str:
    """SQL queries of one GET of the page (after a first GET that fills the per-process caches)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username=USER))
    try:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
    except Exception as error:  # shown in the table; the timing run shows the status
        return type(error).__name__
    return len(queries) if response.status_code == 200 else f"{len(queries)} ({response.status_code})"


def run(base: str, *, size: str, requests: int, concurrency: int, seconds: float) -> int:
    sessions = [Session(base) for _ in range(concurrency)]
    for session in sessions:
        session.log_in(USER)
    print(f"\n{requests} requests per page, {concurrency} sessions in parallel, size '{size}'\n")
    print("| page | status | requests | req/s | p50 ms | p95 ms | p99 ms | SQL queries |")
    print("|---|---|---|---|---|---|---|---|")
    failed = 0
    for label, path in _pages():
        sessions[0].get(path)  # warm up the worker's caches
        responses, wall = _time(sessions, path, requests, seconds)
        statuses = sorted({r.status for r in responses})
        failed += sum(r.status != 200 for r in responses)
        ms = sorted(r.seconds * 1000 for r in responses)
        print(f"| {label} `{path}` | {','.join(map(str, statuses))} | {len(responses)} | {len(responses) / wall:.1f} "
              f"| {percentile(ms, 50):.0f} | {percentile(ms, 95):.0f} | {percentile(ms, 99):.0f} "
              f"| {_queries(path)} |", flush=True)
    if failed:
        print(f"\nFAIL: {failed} responses were not 200")
    return 1 if failed else 0
