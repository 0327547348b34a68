"""The public pages show exactly what the International Office published, and the International Office decides it in
the portal."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from actionplans.models import ActionPlan, Initiative, StatusUpdate
from actionplans.tests.factories import make_plan, report_status
from audit.models import Event
from public.models import PlanPublication, Publication
from public.services import publish
from public.tests.factories import publish_all

PAGES = ["public:strategy", "public:partners"]


@pytest.fixture
def plan(health, current_term):
    return make_plan(health, current_term)


@pytest.fixture
def initiative(plan):
    return plan.goals.order_by("position").first().initiatives.order_by("position").first()


def _get(url):
    return Client().get(url)


def test_nothing_is_public_until_it_is_published(plan):
    assert "Intet er offentliggjort endnu" in _get(reverse("public:index")).content.decode() or \
        "Nothing is published yet" in _get(reverse("public:index")).content.decode()
    for url in [reverse("public:strategy"), reverse("public:partners"), reverse("public:region", args=["shanghai"]),
                reverse("public:plan", args=[plan.pk])]:
        assert _get(url).status_code == 404, url


def test_published_pages_in_danish_and_english(plan, initiative):
    publish_all(plan)
    index = _get("/open/").content.decode()
    assert reverse("public:plan", args=[plan.pk]) in index
    english = _get(f"/en/open/plans/{plan.pk}/")
    assert english.status_code == 200
    assert 'lang="en"' in english.content.decode()
    assert initiative.title in english.content.decode()
    assert "Shanghai" in _get("/en/open/partners/shanghai/").content.decode()
    assert "Vision" in _get("/en/open/strategy/").content.decode()


def test_only_plans_in_force(plan, health, current_term, previous_term):
    draft = make_plan(health, current_term, status=ActionPlan.Status.DRAFT)
    old = make_plan(health, previous_term, status=ActionPlan.Status.SUPERSEDED)
    publish_all(plan)
    PlanPublication.objects.create(plan=old, plan_public=True, status_public=True)  # published before it ended
    assert _get(reverse("public:plan", args=[draft.pk])).status_code == 404
    assert _get(reverse("public:plan", args=[old.pk])).status_code == 404
    assert reverse("public:plan", args=[old.pk]) not in _get("/open/").content.decode()


def test_no_staff_names_and_no_internal_narratives(plan, initiative, council_member):
    Initiative.objects.filter(pk=initiative.pk).update(owner="Jens Jensen")
    report_status(initiative, status="at_risk", progress=40, narrative="Partneren er forsinket.", by=council_member)
    publish_all(plan)
    page = _get(reverse("public:plan", args=[plan.pk])).content.decode()
    assert "Partneren er forsinket." in page and "Jens Jensen" not in page and council_member.username not in page
    update = StatusUpdate.objects.filter(initiative=initiative).latest("id")
    StatusUpdate.objects.create(initiative=initiative, as_of=update.as_of, status="off_track", progress=45,
                                narrative="Kun til intern brug.", narrative_internal=True)
    page = _get(reverse("public:plan", args=[plan.pk])).content.decode()
    assert "Kun til intern brug." not in page and "Partneren er forsinket." not in page


def test_the_status_is_shown_only_when_published(plan, initiative):
    report_status(initiative, status="at_risk", progress=40, narrative="Forsinket.")
    publish_all(plan, status=False)
    page = _get(reverse("public:plan", args=[plan.pk])).content.decode()
    assert "Forsinket." not in page and "initiative-status-at_risk" not in page


def test_a_change_shows_on_the_next_request(plan, initiative):
    """The pages are cached until the data changes (common.cache): a change is visible at once."""
    publish_all(plan)
    url = reverse("public:plan", args=[plan.pk])
    assert initiative.title in _get(url).content.decode()
    Initiative.objects.filter(pk=initiative.pk).update(title="Ny titel på indsatsen")
    assert "Ny titel på indsatsen" in _get(url).content.decode()
    Publication.objects.update(partners_public=False)
    assert _get(reverse("public:partners")).status_code == 404
    PlanPublication.objects.filter(plan=plan).update(plan_public=False, status_public=False)
    assert _get(url).status_code == 404


@pytest.mark.parametrize("page", ["0", "-3", "x", "999999", "2"])
def test_any_page_number_answers(plan, page):
    publish_all(plan)
    assert _get(reverse("public:partners") + f"?page={page}").status_code == 200
    assert _get(reverse("public:plan", args=[plan.pk]) + f"?page={page}").status_code == 200


def test_the_anonymous_home_page_links_to_the_public_pages():
    assert reverse("public:index") in _get("/").content.decode()


# --- The International Office decides ---------------------------------------------------------------------

def _form(plan, *, version=1, **choices):
    data = {"version": version}
    data.update({key: "on" for key, value in choices.items() if value})
    return data


def test_the_international_office_publishes(client, international_office, plan):
    client.force_login(international_office)
    assert client.get(reverse("public:publication")).status_code == 200
    response = client.post(reverse("public:publication"), _form(
        plan, strategy_public=True, partners_public=True, **{f"plan_{plan.pk}": True, f"status_{plan.pk}": True}))
    assert response.status_code == 302
    settings = Publication.objects.get()
    assert (settings.strategy_public, settings.partners_public, settings.version) == (True, True, 2)
    assert PlanPublication.objects.filter(plan=plan, plan_public=True, status_public=True).exists()
    events = Event.objects.filter(action=Event.Action.CHANGE, object_type__startswith="public.")
    assert events.count() == 3
    assert set(events.values_list("username", flat=True)) == {international_office.username}
    assert _get(reverse("public:plan", args=[plan.pk])).status_code == 200


def test_a_status_needs_its_plan_public(client, international_office, plan):
    client.force_login(international_office)
    response = client.post(reverse("public:publication"), _form(plan, **{f"status_{plan.pk}": True}))
    assert response.status_code == 400
    assert not PlanPublication.objects.exists()
    assert not Event.objects.filter(object_type__startswith="public.").exists()


def test_a_change_made_meanwhile_is_not_overwritten(client, international_office, plan):
    publish(strategy_public=True, partners_public=False, plans={}, version=1, by=international_office)
    client.force_login(international_office)
    response = client.post(reverse("public:publication"), _form(plan, version=1, partners_public=True))
    assert response.status_code == 400
    assert Publication.objects.get().partners_public is False
    # The form now carries the current version: saving again applies the choice.
    assert response.context["form"].data["version"] == 2
    response = client.post(reverse("public:publication"), _form(plan, version=2, partners_public=True))
    assert response.status_code == 302
    assert Publication.objects.get().partners_public is True


def test_only_a_plan_in_force_can_be_published(international_office, health, current_term):
    draft = make_plan(health, current_term, status=ActionPlan.Status.DRAFT)
    with pytest.raises(ValidationError):
        publish(strategy_public=False, partners_public=False, plans={draft.pk: (True, False)}, version=1,
                by=international_office)
    assert not PlanPublication.objects.exists()


@pytest.mark.parametrize("role", ["area_editor", "council_member", "other_area_editor"])
def test_other_roles_may_not_publish(request, client, role, plan):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("public:publication")).status_code == 403
    response = client.post(reverse("public:publication"), _form(plan, strategy_public=True))
    assert response.status_code == 403
    assert not Publication.objects.exists()


def test_the_database_refuses_a_public_status_of_a_private_plan(plan):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PlanPublication.objects.create(plan=plan, plan_public=False, status_public=True)


def test_editors_mark_a_narrative_internal(client, area_editor, plan, initiative):
    client.force_login(area_editor)
    prefix = f"initiative-{initiative.pk}-"
    response = client.post(reverse("actionplans:status_update", args=[initiative.pk]), {
        f"{prefix}as_of": plan.term.starts_on.isoformat(), f"{prefix}status": "on_track", f"{prefix}progress": 10,
        f"{prefix}narrative": "Budgettet drøftes internt.", f"{prefix}narrative_internal": "on"})
    assert response.status_code == 302
    assert StatusUpdate.objects.get(initiative=initiative).narrative_internal is True
