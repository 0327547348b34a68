"""Every URL of the portal, as every role, by GET and by POST, against one permission table.

Each POST carries an empty form: where a role may write, the answer is a refusal of the input
(400) or a redirect with a message; nothing may be written either way. A URL missing from the
table fails the test, so a new page cannot skip this check.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actionplans.models import ActionPlan, Adjustment, Goal, Initiative
from partners.models import PartnerRegion, StatusDecision, StrategicTrack

ROLES = ["anonymous", "other_area_editor", "area_editor", "international_office", "council_member", "administrator"]


def _row(anonymous, other, editor, office, council, admin):
    return dict(zip(ROLES, [anonymous, other, editor, office, council, admin], strict=True))


LOGIN = 302  # to the login page
PUBLIC_GET = _row(200, 200, 200, 200, 200, 200)
NO_POST = _row(405, 405, 405, 405, 405, 405)
READ_GET = _row(LOGIN, 200, 200, 200, 200, 200)
READ_POST = _row(LOGIN, 405, 405, 405, 405, 405)
PLAN_EDIT_GET = _row(LOGIN, 403, 200, 200, 403, 200)
PLAN_EDIT_POST = _row(LOGIN, 403, 400, 400, 403, 400)
PARTNER_EDIT_GET = _row(LOGIN, 403, 403, 200, 403, 200)
PARTNER_EDIT_POST = _row(LOGIN, 403, 403, 400, 403, 400)
ROUND_POST = PARTNER_EDIT_POST  # the International Office opens and closes reporting rounds
API_COLLECTIONS = ["area", "purpose", "partner-region", "track", "plan", "initiative"]

# URL name -> (GET answers, POST answers) by role.
TABLE = {
    "portal:home": (PUBLIC_GET, NO_POST),
    "public:accessibility": (PUBLIC_GET, NO_POST),
    "was": (_row(302, 302, 302, 302, 302, 302), NO_POST),  # to the accessibility statement, not to log in
    "portal:strategy": (READ_GET, READ_POST),
    "accounts:login": (_row(200, 302, 302, 302, 302, 302), _row(200, 302, 302, 302, 302, 302)),
    "accounts:logout": (NO_POST, _row(302, 302, 302, 302, 302, 302)),
    "accounts:second_factor": (READ_GET, _row(LOGIN, 400, 400, 400, 400, 400)),
    # Single sign-on is not set up here (accounts/tests/test_sso.py sets it up): its pages do not exist.
    "sso:login": (_row(404, 404, 404, 404, 404, 404), NO_POST),
    "sso:callback": (_row(404, 404, 404, 404, 404, 404), NO_POST),
    "actionplans:overview": (READ_GET, READ_POST),
    "actionplans:area_detail": (READ_GET, READ_POST),
    "actionplans:plan_detail": (READ_GET, READ_POST),
    "actionplans:history": (READ_GET, READ_POST),
    "actionplans:compare_versions": (_row(LOGIN, 400, 400, 400, 400, 400), READ_POST),
    "actionplans:compare_previous": (READ_GET, READ_POST),
    "actionplans:print": (READ_GET, READ_POST),
    "actionplans:export_pdf": (READ_GET, READ_POST),
    "actionplans:export_xlsx": (READ_GET, READ_POST),
    "actionplans:export_csv": (READ_GET, READ_POST),
    "actionplans:plan_edit": (PLAN_EDIT_GET, PLAN_EDIT_POST),
    "actionplans:goal_add": (PLAN_EDIT_GET, PLAN_EDIT_POST),
    "actionplans:goal_edit": (PLAN_EDIT_GET, PLAN_EDIT_POST),
    "actionplans:initiative_add": (PLAN_EDIT_GET, PLAN_EDIT_POST),
    "actionplans:initiative_edit": (PLAN_EDIT_GET, PLAN_EDIT_POST),
    "actionplans:item_remove": (PLAN_EDIT_GET, PLAN_EDIT_POST),
    "actionplans:item_move": (PLAN_EDIT_GET, PLAN_EDIT_POST),
    # The area's plan of the current term is in force: starting a revision is refused with a message.
    "actionplans:start_revision": (PLAN_EDIT_GET, _row(LOGIN, 403, 302, 302, 403, 302)),
    # The plan is in force, not a draft: adopting is refused with a message.
    "actionplans:adopt": (_row(LOGIN, 403, 302, 302, 403, 302), _row(LOGIN, 403, 302, 302, 403, 302)),
    # A draft of the editor's area; an empty upload is refused (400), an unknown upload sends back to the upload.
    "actionplans:plan_import": (PLAN_EDIT_GET, PLAN_EDIT_POST),
    "actionplans:import_preview": (_row(LOGIN, 403, 302, 302, 403, 302), _row(LOGIN, 403, 302, 302, 403, 302)),
    "actionplans:import_template": (READ_GET, READ_POST),
    "actionplans:reporting": (PLAN_EDIT_GET, _row(LOGIN, 405, 405, 405, 405, 405)),
    "actionplans:initiative_detail": (READ_GET, READ_POST),
    "actionplans:status_update": (_row(LOGIN, 405, 405, 405, 405, 405), PLAN_EDIT_POST),
    "actionplans:follow_up_add": (_row(LOGIN, 405, 405, 405, 405, 405), PLAN_EDIT_POST),
    "actionplans:rounds": (READ_GET, ROUND_POST),
    "actionplans:round_detail": (READ_GET, READ_POST),
    "actionplans:round_close": (_row(LOGIN, 405, 405, 405, 405, 405), ROUND_POST),
    "actionplans:round_report": (READ_GET, READ_POST),
    "actionplans:round_report_print": (READ_GET, READ_POST),
    "actionplans:round_report_pdf": (READ_GET, READ_POST),
    "actionplans:round_report_xlsx": (READ_GET, READ_POST),
    "partners:dashboard": (READ_GET, READ_POST),
    "partners:export_csv": (READ_GET, READ_POST),
    "partners:export_xlsx": (READ_GET, READ_POST),
    "partners:region_detail": (READ_GET, READ_POST),
    "partners:region_print": (READ_GET, READ_POST),
    "partners:region_pdf": (READ_GET, READ_POST),
    "partners:track_list": (READ_GET, READ_POST),
    "partners:track_detail": (READ_GET, READ_POST),
    "partners:region_add": (PARTNER_EDIT_GET, PARTNER_EDIT_POST),
    "partners:region_edit": (PARTNER_EDIT_GET, PARTNER_EDIT_POST),
    "partners:decision_add": (PARTNER_EDIT_GET, PARTNER_EDIT_POST),
    "partners:track_add": (PARTNER_EDIT_GET, PARTNER_EDIT_POST),
    "partners:track_edit": (PARTNER_EDIT_GET, PARTNER_EDIT_POST),
    # What the International Office published (access_url_args publishes the strategy, the partner regions and
    # the plan); public.tests.test_public_pages shows the 404 of what is not published.
    "public:index": (PUBLIC_GET, NO_POST),
    "public:strategy": (PUBLIC_GET, NO_POST),
    "public:partners": (PUBLIC_GET, NO_POST),
    "public:region": (PUBLIC_GET, NO_POST),
    "public:plan": (PUBLIC_GET, NO_POST),
    "public:publication": (PARTNER_EDIT_GET, PARTNER_EDIT_POST),  # the International Office decides
    # Each person's own API tokens; the token to revoke is someone else's: not found.
    "tokens:list": (_row(LOGIN, 200, 200, 200, 200, 200), _row(LOGIN, 400, 400, 400, 400, 400)),
    "tokens:revoke": (_row(LOGIN, 405, 405, 405, 405, 405), _row(LOGIN, 404, 404, 404, 404, 404)),
    # The open-data API, read-only, with a portal session here; api.tests.test_api_access has the tokens' table.
    "api:api-root": (PUBLIC_GET, NO_POST),
    "api:schema": (PUBLIC_GET, NO_POST),
    "api:docs": (PUBLIC_GET, NO_POST),
    "api:strategy": (PUBLIC_GET, NO_POST),
    **{f"api:{name}-{kind}": (PUBLIC_GET, NO_POST) for name in API_COLLECTIONS for kind in ("list", "detail")},
    # Reporting rounds are not published: their reports need a token (or a session).
    "api:report-list": (_row(401, 200, 200, 200, 200, 200), _row(401, 405, 405, 405, 405, 405)),
    "api:report-detail": (_row(401, 200, 200, 200, 200, 200), _row(401, 405, 405, 405, 405, 405)),
}


def _named_patterns(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django admin: covered by each app's test_admin.py
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def _writes():
    """What a refused or invalid POST must leave as it was."""
    return {
        model.__name__: sorted(model.objects.values_list("pk", "version")) if hasattr(model, "version")
        else model.objects.count()
        for model in [ActionPlan, Goal, Initiative, Adjustment, PartnerRegion, StatusDecision, StrategicTrack]
    }


def test_the_table_covers_every_url():
    assert set(_named_patterns()) == set(TABLE)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_as_every_role(request, role, access_url_args):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    for name, (get_answers, post_answers) in TABLE.items():
        url = reverse(name, args=access_url_args.get(name, []))
        for method, expected in (("get", get_answers[role]), ("post", post_answers[role])):
            client = Client()
            if user:
                client.force_login(user)
            before = _writes()
            response = getattr(client, method)(url)
            assert response.status_code == expected, f"{method.upper()} {url} as {role}"
            if expected == LOGIN and role == "anonymous" and not name.startswith("accounts:") and name != "was" \
                    and not name.startswith("api:"):
                assert reverse("accounts:login") in response.url
            if method == "post":
                assert _writes() == before, f"POST {url} as {role} wrote something"
