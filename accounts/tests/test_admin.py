"""Django admin as a whole: who gets in, every page opens, nothing is deleted, users and the audit record."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from actionplans.history import loading_history
from actionplans.models import (
    ActionPlan,
    Adjustment,
    CouncilTerm,
    Election,
    Goal,
    Initiative,
    ReportingRound,
    RevisionReminder,
    StatusReminder,
)
from actionplans.tests.factories import empty_plan, ended_term, make_goal, make_initiative
from audit.models import Event
from common.testing import admin_url, form_data, model_url
from partners.models import Field, Office, PartnerRegion, StatusDecision, StrategicTrack
from strategy.models import (
    Area,
    CoordinationPartner,
    FundingSource,
    Purpose,
    Strategy,
    SupportedPlan,
    Value,
)

# --- Every page opens ----------------------------------------------------------------------------

# Model -> whether admin offers an add page (one strategy exists; the audit record is only read).
PORTAL_MODELS = [
    (User, True), (Strategy, False), (Area, True), (Purpose, True), (Value, True), (CoordinationPartner, True),
    (SupportedPlan, True), (FundingSource, True), (Office, True), (Field, True), (PartnerRegion, True),
    (StatusDecision, True), (StrategicTrack, True), (Election, True), (CouncilTerm, True), (ActionPlan, True),
    (Goal, True), (Initiative, True), (Adjustment, False), (RevisionReminder, False), (StatusReminder, False),
    (Event, False),
]


@pytest.fixture
def plan_content(starting_data):
    """A plan of an ended term and one of the current term, each with a goal and an initiative."""
    with loading_history():
        old = empty_plan(area_code="sundhed", term=ended_term(), status=ActionPlan.Status.IN_FORCE,
                        adopted_on=datetime.date(2018, 6, 1))
        make_initiative(make_goal(old))
    current = empty_plan(area_code="sundhed", term=CouncilTerm.objects.current())
    make_initiative(make_goal(current))
    Adjustment.objects.create(plan=current, number=1, summary="Goal added",
                              changes={"plan": {}, "goals": [], "initiatives": []})
    RevisionReminder.objects.create(area=current.area, term=current.term, kind=RevisionReminder.Kind.DUE)
    reporting_round = ReportingRound.objects.create(as_of=datetime.date.today(), deadline=datetime.date.today())
    StatusReminder.objects.create(round=reporting_round, area=current.area, kind=StatusReminder.Kind.BEFORE)
    return old, current


def test_every_model_is_registered():
    for model, _can_add in PORTAL_MODELS:
        assert admin.site.is_registered(model), model


def test_every_changelist_opens_for_the_administrator(client, administrator, plan_content):
    client.force_login(administrator)
    for model in admin.site._registry:
        assert client.get(model_url(model, "changelist")).status_code == 200, model


@pytest.mark.parametrize(("model", "can_add"), PORTAL_MODELS)
def test_add_page_opens_for_the_administrator(client, administrator, model, can_add):
    client.force_login(administrator)

    response = client.get(model_url(model, "add"))

    assert response.status_code == (200 if can_add else 403)


@pytest.mark.parametrize(("model", "_can_add"), PORTAL_MODELS)
def test_change_page_opens_for_the_administrator(client, administrator, plan_content, model, _can_add):
    client.force_login(administrator)  # also records a login event
    obj = model.objects.first()

    response = client.get(model_url(model, "change", obj.pk))

    assert response.status_code == 200


def test_admin_pages_carry_nothing_the_csp_refuses(client, administrator, plan_content):
    """No inline script, style attribute or event handler: the site's Content-Security-Policy refuses them."""
    client.force_login(administrator)
    region = PartnerRegion.objects.get(code="shanghai")
    region.fact_sheet_en = "Changed, so the history lists a change."
    region.save()
    urls = [model_url(PartnerRegion, "history", region.pk), admin_url("index")]
    for model in admin.site._registry:
        urls += [model_url(model, "changelist"), model_url(model, "add")]
        if obj := model.objects.first():
            urls.append(model_url(model, "change", obj.pk))

    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        refused = re.findall(r"<script(?![^>]*\ssrc=)[^>]*>|\sstyle=|\son[a-z]+=", response.content.decode())
        assert refused == [], url


def _form_pages(plan_content) -> list[str]:
    """Every add page and a change page of each model, with the current plan's goal and initiative (editable)."""
    _old, current = plan_content
    goal = current.goals.get()
    urls = [model_url(ActionPlan, "change", current.pk), model_url(Goal, "change", goal.pk),
            model_url(Initiative, "change", goal.initiatives.get().pk)]
    for model in admin.site._registry:
        urls.append(model_url(model, "add"))
        if obj := model.objects.first():
            urls.append(model_url(model, "change", obj.pk))
    return urls


class _FormControls(HTMLParser):
    """The ids that labels point to, and the form controls of a page with their attributes."""

    def __init__(self):
        super().__init__()
        self.label_for, self.controls = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        elif tag in ("input", "select", "textarea"):
            self.controls.append((tag, attrs))


def test_admin_forms_label_every_control(client, administrator, plan_content):
    """WCAG 2.1 AA: every control has a name (a label, or its column's name in a tabular inline); no select2
    autocomplete (its search box and combobox have no accessible name) and no two-box filter (it puts an aria-label
    on a text-less element). HTML: no label names a hidden input, and no hidden input carries aria-* attributes."""
    client.force_login(administrator)

    for url in _form_pages(plan_content):
        response = client.get(url)
        if response.status_code != 200:
            continue
        html = response.content.decode()
        assert "admin-autocomplete" not in html, url
        assert "selectfilter" not in html, url
        page = _FormControls()
        page.feed(html)
        for tag, attrs in page.controls:
            kind = attrs.get("type", "text") if tag == "input" else tag
            if kind == "hidden":
                assert attrs.get("id") not in page.label_for, (url, attrs)
                assert not any(name.startswith("aria-") for name in attrs), (url, attrs)
            elif kind not in ("submit", "button", "reset"):
                named = attrs.get("id") in page.label_for or "aria-label" in attrs or "aria-labelledby" in attrs
                assert named, (url, attrs)


def test_groups_and_permissions_are_checkboxes(client, administrator, council_member, roles):
    client.force_login(administrator)
    group = Group.objects.create(name="Project group Shanghai 2027")

    user_page = client.get(model_url(User, "change", council_member.pk)).content.decode()
    group_page = client.get(model_url(Group, "change", group.pk)).content.decode()

    assert '<input type="checkbox" name="groups"' in user_page
    assert '<input type="checkbox" name="user_permissions"' in user_page
    assert '<input type="checkbox" name="permissions"' in group_page


def test_the_password_summary_is_valid_html(client, administrator, council_member):
    """Django passes its read-only password field's ``disabled`` on to the summary's <div>; HTML refuses it there."""
    client.force_login(administrator)

    html = client.get(model_url(User, "change", council_member.pk)).content.decode()

    assert re.search(r'<div[^>]*\sid="id_password"', html)
    assert not re.search(r'<div[^>]*\sdisabled', html)


def test_admin_pages_load_the_portal_admin_styles(client, administrator):
    """Links in breadcrumbs and running text are underlined there (WCAG 1.4.1); the header stays Django's."""
    client.force_login(administrator)

    html = client.get(model_url(Area, "changelist")).content.decode()

    assert re.search(r'<link rel="stylesheet" href="/static/css/admin\.css">', html)
    assert f'<div id="site-name"><a href="{admin_url("index")}">{admin.site.site_header}</a></div>' in html


def test_english_admin_opens(client, administrator):
    client.force_login(administrator)

    response = client.get(admin_url("index", lang="en"))

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"


# --- Who gets in -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["council_member", "area_editor"])
def test_users_without_staff_status_are_sent_to_the_admin_login(client, request, who):
    client.force_login(request.getfixturevalue(who))

    for url in (admin_url("index"), model_url(ActionPlan, "changelist"), model_url(PartnerRegion, "changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith(admin_url("login"))


def test_international_office_may_not_see_users(client, international_office):
    client.force_login(international_office)

    assert client.get(model_url(User, "changelist")).status_code == 403
    assert client.get(model_url(User, "change", international_office.pk)).status_code == 403
    assert client.get(model_url(User, "add")).status_code == 403


def test_international_office_may_not_see_the_audit_record(client, international_office):
    client.force_login(international_office)

    assert client.get(model_url(Event, "changelist")).status_code == 403
    app_list = client.get(admin_url("index")).context["app_list"]
    assert "audit" not in {app["app_label"] for app in app_list}


def test_international_office_reads_but_does_not_change_reference_data(client, international_office):
    client.force_login(international_office)
    area = Area.objects.get(code="sundhed")

    assert client.get(model_url(Area, "change", area.pk)).status_code == 200
    response = client.post(model_url(Area, "change", area.pk), {"name_da": "Ændret", "name_en": "Changed"})

    assert response.status_code == 403
    area.refresh_from_db()
    assert area.name_da == "Sundhed"


# --- Nothing is deleted ------------------------------------------------------------------------------

UNDELETABLE = [model for model, _can_add in PORTAL_MODELS if model is not User]


@pytest.mark.parametrize("model", UNDELETABLE)
def test_nothing_is_deleted_through_admin(client, administrator, plan_content, model):
    client.force_login(administrator)
    obj = model.objects.first()

    assert client.get(model_url(model, "delete", obj.pk)).status_code == 403
    assert client.post(model_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    changelist = client.get(model_url(model, "changelist"))
    client.post(model_url(model, "changelist"), {"action": "delete_selected", "_selected_action": [obj.pk],
                                                "post": "yes"})

    assert model.objects.filter(pk=obj.pk).exists()
    action_form = changelist.context["action_form"]
    actions = [name for name, _label in action_form.fields["action"].choices] if action_form else []
    assert "delete_selected" not in actions


def test_a_code_is_prepopulated_when_added_and_fixed_afterwards(client, administrator):
    client.force_login(administrator)
    area = Area.objects.get(code="sundhed")

    add_page = client.get(model_url(Area, "add"))
    change_page = client.get(model_url(Area, "change", area.pk))

    assert [field["field"].name for field in add_page.context["adminform"].prepopulated_fields] == ["code"]
    assert "code" in change_page.context["adminform"].readonly_fields
    assert change_page.context["adminform"].prepopulated_fields == []


def test_retiring_stops_offering_an_area_but_keeps_it_where_linked(client, administrator, area_editor):
    client.force_login(administrator)
    stabe = Area.objects.get(code="stabe")
    stabe.retired_on = datetime.date(2020, 1, 1)
    stabe.save()

    add_choices = client.get(model_url(User, "add")).context["adminform"].form.fields["area"].queryset
    area_editor.area = stabe
    area_editor.save()
    change_choices = client.get(model_url(User, "change", area_editor.pk)).context["adminform"].form.fields[
        "area"].queryset

    assert stabe not in add_choices
    assert stabe in change_choices


# --- Users -------------------------------------------------------------------------------------------------

PASSWORD = "Regionshuset-Viborg-2026"


def _new_user_data(roles, **extra):
    return {"username": "new-editor", "usable_password": "true", "password1": PASSWORD, "password2": PASSWORD,
            "first_name": "Karen", "last_name": "Holm", "email": "karen@example.org",
            "groups": [roles[Role.AREA_EDITOR].pk]} | extra


def test_an_area_editor_cannot_be_added_without_an_area(client, administrator, roles):
    client.force_login(administrator)

    response = client.post(model_url(User, "add", lang="en"), _new_user_data(roles))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["area"] == ["An area editor needs an area: choose the area whose action plans they keep."]
    assert not User.objects.filter(username="new-editor").exists()


def test_an_area_editor_is_added_with_an_area(client, administrator, roles, health):
    client.force_login(administrator)

    response = client.post(model_url(User, "add"), _new_user_data(roles, area=health.pk))

    assert response.status_code == 302
    user = User.objects.get(username="new-editor")
    assert user.area == health
    assert list(user.groups.all()) == [roles[Role.AREA_EDITOR]]
    assert user.check_password(PASSWORD)


def test_a_user_without_the_area_editor_role_needs_no_area(client, administrator, roles):
    client.force_login(administrator)

    response = client.post(model_url(User, "add"), _new_user_data(roles, groups=[roles[Role.COUNCIL_MEMBER].pk]))

    assert response.status_code == 302
    assert User.objects.get(username="new-editor").area is None


def test_an_area_editor_keeps_their_area(client, administrator, area_editor, health):
    client.force_login(administrator)
    url = model_url(User, "change", area_editor.pk, lang="en")
    data = form_data(client.get(url))
    assert data["area"] == str(health.pk)
    del data["area"]

    response = client.post(url, data)

    assert response.status_code == 200
    assert "An area editor needs an area" in response.content.decode()
    area_editor.refresh_from_db()
    assert area_editor.area == health


def test_a_user_is_made_area_editor_in_the_change_form(client, administrator, council_member, roles, health):
    client.force_login(administrator)
    url = model_url(User, "change", council_member.pk)
    data = form_data(client.get(url))
    data["groups"] = [str(roles[Role.AREA_EDITOR].pk)]

    assert "area" in client.post(url, data).context["adminform"].form.errors
    data["area"] = str(health.pk)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    council_member.refresh_from_db()
    assert council_member.area == health
    assert list(council_member.groups.all()) == [Group.objects.get(name=Role.AREA_EDITOR.value)]


def test_user_list_shows_area_and_roles(client, administrator, area_editor):
    client.force_login(administrator)

    response = client.get(model_url(User, "changelist"), {"area__id__exact": area_editor.area_id})

    assert list(response.context["cl"].result_list) == [area_editor]
    assert "Sundhed" in response.content.decode()


def test_user_list_costs_the_same_queries_for_more_users(client, administrator, roles, health):
    client.force_login(administrator)
    url = model_url(User, "changelist")
    client.get(url)  # warm up: session, content types

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count_queries()
    for n in range(5):
        user = UserFactory(username=f"extra-{n}", area=health)
        user.groups.add(roles[Role.AREA_EDITOR])

    assert count_queries() == before


def test_role_groups_are_read_not_changed(client, administrator, roles):
    client.force_login(administrator)
    editors = roles[Role.AREA_EDITOR]
    permissions = set(editors.permissions.all())

    assert client.get(model_url(Group, "change", editors.pk)).context["has_change_permission"] is False
    assert client.post(model_url(Group, "change", editors.pk), {"name": "Editors", "permissions": []}
                       ).status_code == 403
    assert client.post(model_url(Group, "delete", editors.pk), {"post": "yes"}).status_code == 403

    editors.refresh_from_db()
    assert (editors.name, set(editors.permissions.all())) == (Role.AREA_EDITOR.value, permissions)


def test_other_groups_are_managed_in_admin(client, administrator, roles):
    client.force_login(administrator)
    group = Group.objects.create(name="Project group Shanghai 2027")

    assert client.post(model_url(Group, "change", group.pk), {"name": "Project group Shanghai"}).status_code == 302
    assert client.post(model_url(Group, "delete", group.pk), {"post": "yes"}).status_code == 302
    assert not Group.objects.filter(pk=group.pk).exists()


# --- The audit record ----------------------------------------------------------------------------------------


def test_audit_record_is_read_only(client, administrator):
    client.force_login(administrator)  # records a login event
    event = Event.objects.get(action=Event.Action.LOGIN, user=administrator)
    url = model_url(Event, "change", event.pk)

    response = client.get(url)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False

    assert client.post(url, {"username": "someone-else"}).status_code == 403
    event.refresh_from_db()
    assert event.username == administrator.username


def test_audit_record_is_searched_by_address_and_filtered_by_action(client, administrator):
    Event.objects.create(action=Event.Action.LOGIN_FAILED, username="mallory", ip_address="203.0.113.7")
    Event.objects.create(action=Event.Action.LOGIN_FAILED, username="bob", ip_address="198.51.100.1")
    client.force_login(administrator)
    url = model_url(Event, "changelist")

    by_address = client.get(url, {"q": "203.0.113"}).context["cl"].result_list
    failed = client.get(url, {"action__exact": "login_failed"}).context["cl"].result_list

    assert [e.username for e in by_address] == ["mallory"]
    assert {e.username for e in failed} == {"mallory", "bob"}


def test_admin_changes_go_to_the_audit_record(client, administrator):
    client.force_login(administrator)
    value = Value.objects.get(code="dialog")
    url = model_url(Value, "change", value.pk)
    data = form_data(client.get(url))
    data["name_en"] = "Dialogue with partners"

    assert client.post(url, data).status_code == 302

    event = Event.objects.get(action=Event.Action.CHANGE, object_type="strategy.Value")
    assert event.user == administrator
    assert event.object_id == str(value.pk)
