import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from actionplans.models import ReportingRound
from actionplans.tests.factories import empty_plan, make_plan, reporting_round
from api.tests.factories import token_for
from partners.models import PartnerRegion, StrategicTrack
from public.tests.factories import publish_all


@pytest.fixture
def access_url_args(health, current_term):
    """Real objects for every URL's arguments (also used by the accessibility crawl)."""
    plan = make_plan(health, current_term)
    goal = plan.goals.order_by("position").last()
    initiative = goal.initiatives.order_by("position").last()
    region = PartnerRegion.objects.get(code="shanghai")
    track = StrategicTrack.objects.get(code="sundhed")
    closed = reporting_round(timezone.localdate() - datetime.timedelta(days=30),
                             [(initiative, "at_risk", 20, "Partneren har udskudt mødet.")])
    today = timezone.localdate()
    open_round = ReportingRound.objects.create(as_of=today, deadline=today + datetime.timedelta(days=14))
    draft = empty_plan(area_code="sundhed", term=current_term)
    publish_all(plan)
    token, _key = token_for(UserFactory(username="token-owner"))
    return {
        "actionplans:plan_import": [draft.pk], "actionplans:import_preview": [draft.pk, 1],
        "public:region": ["shanghai"], "public:plan": [plan.pk], "tokens:revoke": [token.pk],
        "api:area-detail": ["sundhed"], "api:purpose-detail": [1], "api:partner-region-detail": ["shanghai"],
        "api:track-detail": ["sundhed"], "api:plan-detail": [plan.pk], "api:initiative-detail": [initiative.pk],
        "api:report-detail": [closed.pk],
        "actionplans:reporting": [plan.pk], "actionplans:initiative_detail": [initiative.pk],
        "actionplans:status_update": [initiative.pk], "actionplans:follow_up_add": [initiative.pk, "milestone"],
        "actionplans:round_detail": [open_round.pk], "actionplans:round_close": [open_round.pk],
        "actionplans:area_detail": ["sundhed"], "actionplans:start_revision": ["sundhed"],
        "actionplans:plan_detail": [plan.pk], "actionplans:history": [plan.pk],
        "actionplans:compare_versions": [plan.pk], "actionplans:compare_previous": [plan.pk],
        "actionplans:print": [plan.pk], "actionplans:export_pdf": [plan.pk], "actionplans:export_xlsx": [plan.pk],
        "actionplans:export_csv": [plan.pk], "actionplans:plan_edit": [plan.pk], "actionplans:adopt": [plan.pk],
        "actionplans:goal_add": [plan.pk], "actionplans:goal_edit": [goal.pk],
        "actionplans:initiative_add": [goal.pk], "actionplans:initiative_edit": [initiative.pk],
        "actionplans:item_remove": ["initiative", initiative.pk], "actionplans:item_move": ["goal", goal.pk, "up"],
        "partners:region_detail": [region.pk], "partners:region_print": [region.pk],
        "partners:region_pdf": [region.pk], "partners:region_edit": [region.pk],
        "actionplans:round_report": [closed.pk], "actionplans:round_report_print": [closed.pk],
        "actionplans:round_report_pdf": [closed.pk], "actionplans:round_report_xlsx": [closed.pk],
        "partners:decision_add": [region.pk], "partners:track_detail": [track.pk], "partners:track_edit": [track.pk],
    }
