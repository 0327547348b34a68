"""Every endpoint of the open-data API, anonymous, with each role's personal token and with a revoked token, against
one table; and what each of them sees."""

import datetime

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from actionplans.models import ActionPlan
from actionplans.tests.factories import make_plan, report_status, reporting_round
from api.services import revoke_token
from api.tests.factories import bearer, token_for
from public.tests.factories import publish_all

READERS = ["anonymous", "other_area_editor", "area_editor", "international_office", "council_member",
           "administrator", "revoked"]


def _row(anonymous, token, revoked):
    return {reader: anonymous if reader == "anonymous" else revoked if reader == "revoked" else token
            for reader in READERS}


OPEN = _row(200, 200, 401)
TOKEN_ONLY = _row(401, 200, 401)
NO_WRITE = _row(405, 405, 401)

# URL name -> (GET answers, POST answers) by reader.
TABLE = {
    "api:api-root": (OPEN, NO_WRITE),
    "api:schema": (OPEN, NO_WRITE),
    "api:docs": (OPEN, NO_WRITE),
    "api:strategy": (OPEN, NO_WRITE),
    **{f"api:{name}-{kind}": (OPEN, NO_WRITE) for name in ["area", "purpose", "partner-region", "track", "plan",
                                                            "initiative"] for kind in ("list", "detail")},
    "api:report-list": (TOKEN_ONLY, _row(401, 405, 401)),
    "api:report-detail": (TOKEN_ONLY, _row(401, 405, 401)),
}


@pytest.fixture
def published(health, current_term, previous_term):
    """A published plan in force with a reported status, a draft and a superseded plan (never public), and a
    closed reporting round."""
    plan = make_plan(health, current_term)
    draft = make_plan(health, current_term, status=ActionPlan.Status.DRAFT)
    old = make_plan(health, previous_term, status=ActionPlan.Status.SUPERSEDED)
    initiative = plan.goals.order_by("position").first().initiatives.order_by("position").first()
    closed = reporting_round(timezone.localdate() - datetime.timedelta(days=10),
                             [(initiative, "at_risk", 30, "Partneren har aflyst mødet.")])
    report_status(initiative, status="off_track", progress=35, narrative="Kun til intern brug.")
    publish_all(plan)
    return {"plan": plan, "draft": draft, "old": old, "initiative": initiative, "round": closed}


def _args(published):
    return {"api:area-detail": ["sundhed"], "api:purpose-detail": [1], "api:partner-region-detail": ["shanghai"],
            "api:track-detail": ["sundhed"], "api:plan-detail": [published["plan"].pk],
            "api:initiative-detail": [published["initiative"].pk], "api:report-detail": [published["round"].pk]}


def _headers(request, reader):
    if reader == "anonymous":
        return {}
    if reader == "revoked":
        token, key = token_for(request.getfixturevalue("council_member"))
        revoke_token(token=token, by=token.user)
        return bearer(key)
    return bearer(token_for(request.getfixturevalue(reader))[1])


def test_the_table_covers_every_api_url():
    resolver = get_resolver()
    api = next(p for p in resolver.url_patterns if isinstance(p, URLResolver) and p.namespace == "api")

    def names(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from names(pattern.url_patterns)
            elif pattern.name:
                yield f"api:{pattern.name}"

    assert set(names(api.url_patterns)) == set(TABLE)


@pytest.mark.parametrize("reader", READERS)
def test_every_endpoint_as_every_reader(request, reader, published, roles):
    headers = _headers(request, reader)
    args = _args(published)
    for name, (get_answers, post_answers) in TABLE.items():
        url = reverse(name, args=args.get(name, []))
        for method, expected in (("get", get_answers[reader]), ("post", post_answers[reader])):
            response = getattr(Client(), method)(url, **headers)
            assert response.status_code == expected, f"{method.upper()} {url} as {reader}"
            if expected >= 400:
                assert response["Content-Type"] == "application/json", url
                assert "detail" in response.json()


@pytest.mark.parametrize("reader", READERS[1:-1])
def test_a_token_sees_what_its_owner_may_read(request, reader, published, roles):
    headers = _headers(request, reader)
    plans = {p["id"] for p in Client().get("/api/v1/plans/", **headers).json()["results"]}
    assert {published["plan"].pk, published["draft"].pk, published["old"].pk} <= plans
    initiative = Client().get(f"/api/v1/initiatives/{published['initiative'].pk}/", **headers).json()
    assert initiative["owner"] == "Ejer"
    assert initiative["latest_status"]["narrative"] == "Kun til intern brug."
