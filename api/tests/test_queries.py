"""The API's list endpoints and the public pages run the same number of SQL queries at 10 and 1,000 partner
regions and 10 and 10,000 initiatives."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionPlan
from api.tests.factories import bearer, token_for
from partners.tests.factories import grow
from public.tests.factories import publish_all

# Anonymous: the publication settings (where the collection is published as a whole), the count, the page, and each
# prefetch. With a token: the token with its owner, the owner's permissions (user's and groups'), then the same
# reads without the settings (the token's last use is noted at most once a minute: not in these requests).
API_LISTS = {
    # publication, count, areas | token, user perms, group perms, count, areas
    "/api/v1/areas/": (3, 5),
    "/api/v1/purposes/": (3, 5),
    # publication, count, regions + office, fields, status decisions
    "/api/v1/partner-regions/": (5, 7),
    # publication, count, tracks + area, partner regions
    "/api/v1/tracks/": (4, 6),
    # count, plans + area + term (+ publication), goals, purposes
    "/api/v1/plans/": (4, 7),
    # count, initiatives + goal, plan, area, term, track and latest status, partner regions
    "/api/v1/initiatives/": (3, 6),
    # (a token only) count, reports
    "/api/v1/reports/?page_size=5": (None, 5),
}
# The public pages, anonymous, once computed and kept (common.cache): the data version only; and computed.
PUBLIC_PAGES = {
    # data version | data version, publication, plans
    "/open/": (1, 3),
    # data version, publication, strategy, purposes, values, areas, offices, tracks, track regions
    "/open/strategy/": (1, 9),
    # data version, publication, count, regions, fields, status decisions
    "/open/partners/?page=2": (1, 6),
    # data version, publication, region, fields, status decisions
    "/open/partners/shanghai/": (1, 5),
    # data version, plan + area + term, goals, purposes, count, initiatives, partner regions
    "/open/plans/{plan}/?page=3": (1, 7),
}


def _count(url, **headers) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("regions", "initiatives"), [(10, 10), (1000, 10_000)])
def test_api_lists_take_the_same_queries_at_any_size(starting_data, council_member, regions, initiatives):
    grow(regions=regions, initiatives=initiatives)
    publish_all(*ActionPlan.objects.in_force())
    _token, key = token_for(council_member)
    Client().get("/api/v1/areas/", **bearer(key))  # the token's first use is noted
    counts = {url: (None if "reports" in url else _count(url), _count(url, **bearer(key))) for url in API_LISTS}
    assert counts == API_LISTS


@pytest.mark.parametrize(("regions", "initiatives"), [(10, 10), (1000, 10_000)])
def test_public_pages_take_the_same_queries_at_any_size(starting_data, regions, initiatives):
    grow(regions=regions, initiatives=initiatives)
    plan = ActionPlan.objects.in_force().get(area__code="sundhed")
    publish_all(plan)
    computed, kept = {}, {}
    for url in PUBLIC_PAGES:
        url_with_plan = url.format(plan=plan.pk)
        computed[url] = _count(url_with_plan)
        kept[url] = _count(url_with_plan)
    assert {url: (kept[url], computed[url]) for url in PUBLIC_PAGES} == PUBLIC_PAGES
