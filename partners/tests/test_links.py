"""The dashboard counts the active initiatives per office, coordination partner, supported plan and kind of work."""

import datetime
import re

from actionplans import services
from actionplans.models import CouncilTerm, Initiative
from actionplans.tests.factories import make_plan
from partners.models import Office
from strategy.models import Area, CoordinationPartner, SupportedPlan

D = datetime.date


def _table(page: str, chart_id: str) -> dict[str, str]:
    """The chart's numbers as its table gives them: label -> count."""
    section = page[page.index(f'id="{chart_id}-heading"'):]
    section = section[:section.index('class="chart mb-4"')] if 'class="chart mb-4"' in section else section
    section = section[:section.index("</table>")] if "</table>" in section else ""
    return dict(re.findall(r'<th scope="row">([^<]+)</th><td class="text-end">(\d+)</td>', section))


def _link(initiative, **links):
    fresh = Initiative.objects.get(pk=initiative.pk)
    services.save_initiative(initiative=fresh, partner_regions=fresh.partner_regions.all(),
                             funding_sources=fresh.funding_sources.all(), expected_version=fresh.version,
                             reason="Tilknytning", by=None, **links)


def test_the_dashboard_counts_the_initiatives_per_link_at_the_next_request(client, council_member):
    plan = make_plan(Area.objects.get(code="sundhed"), CouncilTerm.objects.current())
    first, second = Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position")[:2]
    client.force_login(council_member)
    page = client.get("/en/partners/").content.decode()
    assert "Active initiatives by coordination partner" in page
    assert _table(page, "by-coordination-partner") == {}  # nothing linked yet: "No active initiatives."
    # The Growth Forum's strategy is retired and nothing links it: not on the dashboard.
    assert "Growth Forum" not in page

    brussels = CoordinationPartner.objects.get(code="eu-kontor-bruxelles")
    health_plan = SupportedPlan.objects.get(code="sundhedsplanen")
    shanghai = Office.objects.get(code="shanghai")
    _link(first, coordination_partners=[brussels], supported_plans=[health_plan], offices=[shanghai])
    _link(second, coordination_partners=[brussels])
    Initiative.objects.filter(pk=first.pk).update(kind="research")
    Initiative.objects.filter(goal__plan=plan).exclude(pk=first.pk).update(kind="")  # written before kinds

    page = client.get("/en/partners/").content.decode()  # the cached summary is computed afresh
    assert _table(page, "by-coordination-partner")["Central Denmark EU Office in Brussels"] == "2"
    assert _table(page, "by-supported-plan")["The health plan"] == "1"
    assert _table(page, "by-office")["Shanghai office"] == "1"
    kinds = _table(page, "by-kind")
    assert kinds["research cooperation across borders"] == "1"
    assert kinds["not stated"] == str(Initiative.objects.filter(goal__plan=plan).count() - 1)


def test_a_retired_row_stays_on_the_dashboard_while_initiatives_link_it(client, council_member):
    plan = make_plan(Area.objects.get(code="sundhed"), CouncilTerm.objects.current())
    initiative = Initiative.objects.filter(goal__plan=plan).first()
    health_plan = SupportedPlan.objects.get(code="sundhedsplanen")
    _link(initiative, supported_plans=[health_plan])
    SupportedPlan.objects.filter(pk=health_plan.pk).update(retired_on=D(2020, 1, 1))
    client.force_login(council_member)
    page = client.get("/en/partners/").content.decode()
    assert _table(page, "by-supported-plan") == {"The health plan": "1", "The psychiatry plan": "0",
                                                 "The regional development plan": "0"}


def test_the_strategy_page_counts_the_initiatives_of_the_plans_in_force(client, council_member):
    plan = make_plan(Area.objects.get(code="sundhed"), CouncilTerm.objects.current())
    draft = make_plan(Area.objects.get(code="stabe"), CouncilTerm.objects.current(), status="draft")
    brussels = CoordinationPartner.objects.get(code="eu-kontor-bruxelles")
    for initiative in Initiative.objects.filter(goal__plan__in=[plan, draft]):
        _link(initiative, coordination_partners=[brussels])
    client.force_login(council_member)
    page = client.get("/en/strategy/").content.decode()
    in_force = Initiative.objects.filter(goal__plan=plan).count()
    assert re.search(rf"Central Denmark EU Office in Brussels[^<]*<span[^>]*>{in_force} initiatives</span>", page)
    assert "The Growth Forum&#x27;s business development strategy" in page
    assert "0 initiatives" in page
