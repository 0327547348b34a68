"""One edit pipeline for plans, in the portal and in admin: no edit undoes another, one audit event per change."""

from django.urls import reverse

from actionplans import services
from actionplans.history import loading_history
from actionplans.models import Goal, Initiative
from audit.models import Event
from common.testing import form_data, model_url


def _first_initiative(plan) -> Initiative:
    return Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position").first()


def _change_meanwhile(initiative, *, by, **values):
    """Someone else saves the initiative, as the portal would."""
    current = Initiative.objects.get(pk=initiative.pk)
    for name, value in values.items():
        setattr(current, name, value)
    services.save_initiative(initiative=current, partner_regions=current.partner_regions.all(),
                             funding_sources=current.funding_sources.all(), expected_version=current.version,
                             reason="I mellemtiden", by=by)


def test_after_a_conflict_only_the_fields_the_editor_changed_are_theirs(client, area_editor, international_office,
                                                                        current_plan):
    initiative = _first_initiative(current_plan)
    url = reverse("actionplans:initiative_edit", args=[initiative.pk])
    client.force_login(area_editor)
    data = form_data(client.get(url)) | {"department": "Forskning", "reason": "Status"}
    _change_meanwhile(initiative, by=international_office, owner="Internationalt Kontor")

    refused = client.post(url, data)

    assert refused.status_code == 409
    assert Initiative.objects.get(pk=initiative.pk).department == ""  # nothing of the refused save
    merged = form_data(refused)
    assert (merged["owner"], merged["department"]) == ("Internationalt Kontor", "Forskning")
    assert merged["version"] == "2"
    assert client.post(url, merged).status_code == 302
    saved = Initiative.objects.get(pk=initiative.pk)
    assert (saved.owner, saved.department, saved.version) == ("Internationalt Kontor", "Forskning", 3)


def test_a_field_both_changed_is_shown_side_by_side_and_the_editor_chooses(client, area_editor,
                                                                          international_office, current_plan):
    initiative = _first_initiative(current_plan)
    url = reverse("actionplans:initiative_edit", args=[initiative.pk])
    client.force_login(area_editor)
    data = form_data(client.get(url)) | {"owner": "Hospitalsenhed Vest", "reason": "Ny ejer"}
    _change_meanwhile(initiative, by=international_office, owner="Internationalt Kontor")

    refused = client.post("/en" + url, data)

    assert refused.status_code == 409
    errors = refused.context["form"].errors["owner"]
    assert errors == ["Someone else changed this to “Internationalt Kontor” meanwhile; the field holds yours "
                      "(“Hospitalsenhed Vest”). Keep it or change it, then save."]
    page = refused.content.decode()
    assert "<td>Internationalt Kontor</td><td>Hospitalsenhed Vest</td>" in page
    # The editor keeps the other person's value this time.
    assert client.post(url, form_data(refused) | {"owner": "Internationalt Kontor"}).status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).owner == "Internationalt Kontor"


def test_removing_what_changed_meanwhile_is_refused(client, area_editor, international_office, current_plan):
    initiative = _first_initiative(current_plan)
    url = reverse("actionplans:item_remove", args=["initiative", initiative.pk])
    client.force_login(area_editor)
    data = form_data(client.get(url)) | {"reason": "Opgivet"}
    _change_meanwhile(initiative, by=international_office, title="Ny titel")

    assert client.post(url, data).status_code == 409
    assert Initiative.objects.get(pk=initiative.pk).removed_at is None


def test_an_admin_edit_of_plan_content_records_one_audit_event(client, administrator, current_plan):
    client.force_login(administrator)
    goal = current_plan.goals.order_by("position").first()
    url = model_url(Goal, "change", goal.pk)
    data = form_data(client.get(url)) | {"title": "Nyt mål", "reason": "Præcisering"}
    before = Event.objects.count()

    assert client.post(url, data).status_code == 302

    [event] = Event.objects.all()[: Event.objects.count() - before]
    assert (event.action, event.object_type, event.user) == (Event.Action.CHANGE, "actionplans.Goal", administrator)
    assert "Præcisering" in event.detail
    assert current_plan.adjustments.count() == 2


def test_an_admin_edit_of_a_goal_on_the_plan_page_records_one_audit_event(client, administrator, current_plan):
    client.force_login(administrator)
    url = model_url(type(current_plan), "change", current_plan.pk)
    data = form_data(client.get(url)) | {"goals-0-title": "Nyt mål", "reason": "Præcisering"}
    before = Event.objects.count()

    assert client.post(url, data).status_code == 302

    assert Event.objects.count() == before + 1
    assert Goal.objects.get(pk=data["goals-0-id"]).title == "Nyt mål"


def test_starting_a_revision_offers_no_removed_initiative(client, area_editor, old_plan):
    removed = _first_initiative(old_plan)
    kept = Initiative.objects.filter(goal=removed.goal).exclude(pk=removed.pk).get()
    with loading_history():  # the old plan is history: the database refuses changes otherwise
        Initiative.objects.filter(pk=removed.pk).update(removed_at="2025-06-01T12:00:00Z")
    client.force_login(area_editor)

    form = client.get(reverse("actionplans:start_revision", args=["sundhed"])).context["form"]

    offered = [int(pk) for pk, _label in form.fields["initiatives"].choices]
    assert kept.pk in offered and removed.pk not in offered
    assert removed.pk not in form.fields["initiatives"].initial
