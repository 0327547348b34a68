"""What the work serves: a goal's principles; an initiative's kind of international work, coordination partners,
supported plans, offices and partner organisations that are not regions. A retired row is refused for a new link,
an old link stays readable and is carried forward as it is."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from actionplans import services
from actionplans.history import INITIATIVE_DEFAULTS, diff, loading_history, plan_states
from actionplans.models import Adjustment, Initiative
from actionplans.tests.factories import make_goal, make_initiative
from partners.models import Office, Organisation
from strategy.models import CoordinationPartner, FundingSource, Principle, SupportedPlan

D = datetime.date


def _first(plan) -> Initiative:
    return Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position").first()


def _form(initiative, **changes):
    data = {
        "title": initiative.title, "description": initiative.description, "owner": initiative.owner,
        "department": initiative.department, "track": initiative.track_id or "", "kind": initiative.kind,
        "partner_regions": [r.pk for r in initiative.partner_regions.all()],
        "funding_sources": [f.pk for f in initiative.funding_sources.all()],
        "coordination_partners": [c.pk for c in initiative.coordination_partners.all()],
        "supported_plans": [s.pk for s in initiative.supported_plans.all()],
        "offices": [o.pk for o in initiative.offices.all()],
        "organisations": [o.pk for o in initiative.organisations.all()],
        "starts_on": initiative.starts_on.isoformat(), "ends_on": "",
        "version": initiative.version, "reason": "Koordinering med EU-kontoret",
    }
    return data | changes


def _save(initiative, kind=None, **links):
    fresh = Initiative.objects.get(pk=initiative.pk)
    fresh.kind = kind or fresh.kind
    given = {"partner_regions": fresh.partner_regions.all(), "funding_sources": fresh.funding_sources.all()} | links
    return services.save_initiative(initiative=fresh, expected_version=fresh.version, reason="Justering", by=None,
                                    **given)


def _brussels():
    return CoordinationPartner.objects.get(code="eu-kontor-bruxelles")


def _growth_forum():
    return SupportedPlan.objects.get(code="vaekstforum-erhvervsudviklingsstrategi")


def _health_plan():
    return SupportedPlan.objects.get(code="sundhedsplanen")


# --- The portal's form ---------------------------------------------------------------------------------------------

def test_an_initiative_links_what_it_serves_through_its_form(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _first(current_plan)
    budapest = Office.objects.get(code="budapest")
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]), _form(
        initiative, kind="projects", coordination_partners=[_brussels().pk], supported_plans=[_health_plan().pk],
        offices=[budapest.pk], new_organisation_name="  Aarhus   Universitetshospital ",
        new_organisation_kind="hospital", new_organisation_country="DK"))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.kind == "projects"
    assert list(initiative.coordination_partners.all()) == [_brussels()]
    assert list(initiative.supported_plans.all()) == [_health_plan()]
    assert list(initiative.offices.all()) == [budapest]
    hospital = Organisation.objects.get(name="Aarhus Universitetshospital")
    assert (hospital.kind, hospital.country.code) == ("hospital", "DK")
    assert list(initiative.organisations.all()) == [hospital]
    page = client.get(reverse("actionplans:plan_detail", args=[current_plan.pk])).content.decode()
    for shown in ["Projektsamarbejde og EU-projekter", "Midtjyllands EU-kontor i Bruxelles", "Sundhedsplanen",
                  "Budapest", "Aarhus Universitetshospital (hospital, Danmark)"]:
        assert shown in page


def test_an_organisation_of_the_same_name_is_not_added_twice(client, area_editor, current_plan):
    client.force_login(area_editor)
    existing = Organisation.objects.create(name="Novo Nordisk", kind="company", country="DK")
    initiative = _first(current_plan)
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]), _form(
        initiative, kind="research", new_organisation_name="novo nordisk", new_organisation_kind="company"))
    assert response.status_code == 302
    assert Organisation.objects.filter(name__iexact="novo nordisk").count() == 1
    assert list(initiative.organisations.all()) == [existing]


def test_a_new_organisation_needs_a_name_and_a_kind(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _first(current_plan)
    url = reverse("actionplans:initiative_edit", args=[initiative.pk])
    response = client.post(url, _form(initiative, kind="research", new_organisation_name="Siemens Gamesa"))
    assert response.status_code == 400
    assert "Angiv, hvilken type organisation det er." in response.content.decode()
    response = client.post(url, _form(initiative, kind="research", new_organisation_kind="company"))
    assert response.status_code == 400
    assert "Angiv organisationens navn." in response.content.decode()
    assert not Organisation.objects.exists()
    assert Initiative.objects.get(pk=initiative.pk).version == initiative.version


def test_the_form_asks_for_the_kind_of_work(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _first(current_plan)
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]), _form(initiative, kind=""))
    assert response.status_code == 400
    assert Initiative.objects.get(pk=initiative.pk).version == initiative.version
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]),
                           _form(initiative, kind="not-a-kind"))
    assert response.status_code == 400


def test_an_initiative_without_a_kind_says_not_stated(client, area_editor, current_plan):
    """Initiatives written before the kind was asked for have none."""
    client.force_login(area_editor)
    Initiative.objects.filter(pk=_first(current_plan).pk).update(kind="")
    page = client.get(reverse("actionplans:plan_detail", args=[current_plan.pk])).content.decode()
    assert "Ikke angivet" in page


def test_a_new_initiative_states_its_kind_in_the_model_and_the_database(current_plan):
    goal = current_plan.goals.first()
    with pytest.raises(ValidationError) as refused:
        services.save_initiative(initiative=Initiative(goal=goal, title="Uden type", owner="Ejer",
                                                       starts_on=current_plan.term.starts_on),
                                 partner_regions=[], funding_sources=[], expected_version=None, reason="Ny",
                                 by=None)
    assert "kind" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(goal=goal).update(kind="tourism")


def test_a_goal_names_the_principles_it_serves(client, area_editor, current_plan):
    client.force_login(area_editor)
    goal = current_plan.goals.first()
    principles = list(Principle.objects.filter(number__in=[5, 6]))
    response = client.post(reverse("actionplans:goal_edit", args=[goal.pk]), {
        "title": goal.title, "description": goal.description, "purposes": [p.pk for p in goal.purposes.all()],
        "principles": [p.pk for p in principles], "version": goal.version, "reason": "Principper"})
    assert response.status_code == 302
    assert list(goal.principles.order_by("number")) == principles
    page = client.get(reverse("actionplans:plan_detail", args=[current_plan.pk])).content.decode()
    assert "5. Koordinering med tværgående internationale initiativer" in page
    assert "6. Aktiv brug af EU-midler" in page


# --- Retired rows: refused for new links, old links kept -----------------------------------------------------------

def test_a_retired_plan_is_not_offered_for_new_links(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _first(current_plan)
    page = client.get(reverse("actionplans:initiative_edit", args=[initiative.pk])).content.decode()
    assert "Sundhedsplanen" in page
    assert "Vækstforums erhvervsudviklingsstrategi" not in page  # retired 2019-01-01
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]),
                           _form(initiative, kind="projects", supported_plans=[_growth_forum().pk]))
    assert response.status_code == 400
    assert not initiative.supported_plans.exists()


@pytest.mark.parametrize(("link", "row"), [
    ("supported_plans", _growth_forum),
    ("coordination_partners", _brussels),
    ("offices", lambda: Office.objects.get(code="budapest")),
])
def test_the_service_refuses_a_retired_row_for_a_new_link(current_plan, link, row):
    retired = row()
    type(retired).objects.filter(pk=retired.pk).update(retired_on=D(2020, 1, 1))
    initiative = _first(current_plan)
    with pytest.raises(ValidationError) as refused:
        _save(initiative, **{link: [retired]})
    assert link in refused.value.message_dict
    assert "Kan ikke længere vælges til nyt arbejde" in refused.value.message_dict[link][0]
    assert not getattr(initiative, link).exists()


def test_an_old_link_to_a_retired_row_stays_and_is_carried_forward(client, area_editor, old_plan, current_term):
    initiative = _first(old_plan)
    _save(initiative, coordination_partners=[_brussels()], supported_plans=[_health_plan()])
    SupportedPlan.objects.filter(code="sundhedsplanen").update(retired_on=D(2020, 1, 1))
    CoordinationPartner.objects.filter(code="eu-kontor-bruxelles").update(retired_on=D(2020, 1, 1))
    # Still linked: the form keeps it ticked, and saving it again (unchanged) is allowed.
    client.force_login(area_editor)
    form_page = client.get(reverse("actionplans:initiative_edit", args=[initiative.pk])).content.decode()
    assert "Sundhedsplanen" in form_page
    initiative.refresh_from_db()
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]),
                           _form(initiative, kind="exchange", title="Udveksling af sygeplejersker"))
    assert response.status_code == 302
    assert list(initiative.supported_plans.all()) == [_health_plan()]
    page = client.get(reverse("actionplans:plan_detail", args=[old_plan.pk])).content.decode()
    assert "Sundhedsplanen" in page
    # The revision carries the links as they are.
    goal_ids = [g.pk for g in old_plan.goals.all()]
    draft = services.start_revision(area=old_plan.area, previous=old_plan, goal_ids=goal_ids,
                                    initiative_ids=[initiative.pk], by=area_editor)
    copy = Initiative.objects.get(goal__plan=draft, lineage=initiative.lineage)
    assert list(copy.supported_plans.all()) == [_health_plan()]
    assert list(copy.coordination_partners.all()) == [_brussels()]
    assert copy.kind == "exchange"


def test_the_revision_carries_principles_offices_and_organisations(area_editor, old_plan, current_term):
    goal = old_plan.goals.order_by("position").first()
    goal.principles.set(Principle.objects.filter(number=2))
    initiative = goal.initiatives.order_by("position").first()
    hospital = Organisation.objects.create(name="Aarhus Universitetshospital", kind="hospital")
    _save(initiative, offices=[Office.objects.get(code="shanghai")], organisations=[hospital])
    draft = services.start_revision(area=old_plan.area, previous=old_plan, goal_ids=[goal.pk],
                                    initiative_ids=[initiative.pk], by=area_editor)
    copy = Initiative.objects.get(goal__plan=draft, lineage=initiative.lineage)
    assert [p.number for p in copy.goal.principles.all()] == [2]
    assert [o.code for o in copy.offices.all()] == ["shanghai"]
    assert list(copy.organisations.all()) == [hospital]


def test_the_database_refuses_new_links_in_a_plan_that_is_history(history_plan):
    initiative = _first(history_plan)
    for link, row in [("coordination_partners", _brussels()), ("supported_plans", _health_plan()),
                      ("offices", Office.objects.get(code="budapest"))]:
        with pytest.raises(IntegrityError), transaction.atomic():
            getattr(initiative, link).add(row)
    with pytest.raises(IntegrityError), transaction.atomic():
        initiative.goal.principles.add(Principle.objects.get(number=1))


# --- History, compare, stale edits ------------------------------------------------------------------------------

def test_an_adjustment_keeps_what_changed_in_the_links(current_plan):
    initiative = _first(current_plan)
    before = current_plan.adjustments.count()
    _save(initiative, coordination_partners=[_brussels()], supported_plans=[_health_plan()])
    _save(initiative, kind="knowledge")
    numbers = [before, before + 1, before + 2]
    states = plan_states(current_plan.pk, numbers)
    changed = diff(states[numbers[0]], states[numbers[1]])
    fields = {str(label): (old, new) for change in changed for label, old, new in change.fields}
    assert fields == {"koordineres med": ([], ["Midtjyllands EU-kontor i Bruxelles"]),
                      "planer, indsatsen understøtter": ([], ["Sundhedsplanen"])}
    fields = {str(label): (str(old), str(new)) for change in diff(states[numbers[1]], states[numbers[2]])
              for label, old, new in change.fields}
    assert fields == {"type af internationalt arbejde": ("projektsamarbejde og EU-projekter",
                                                         "indsamling af viden hos samarbejdspartnere")}


def test_adjustments_made_before_the_links_existed_show_no_change(current_plan):
    """An adjustment stored before these fields existed lacks them: replaying reads them as empty, and the next
    adjustment stores no initiative that did not change."""
    initiative = _first(current_plan)
    Initiative.objects.filter(goal__plan=current_plan).update(kind="")
    first = current_plan.adjustments.order_by("number").first()
    old = dict(first.changes)
    old["goals"] = [{k: v for k, v in g.items() if k != "principles"} for g in old["goals"]]
    old["initiatives"] = [{k: v for k, v in i.items() if k not in INITIATIVE_DEFAULTS} for i in old["initiatives"]]
    with loading_history():
        Adjustment.objects.filter(pk=first.pk).update(changes=old)
    state = plan_states(current_plan.pk, [first.number])[first.number]
    kept = next(i for g in state["goals"] for i in g["initiatives"] if i["id"] == initiative.pk)
    assert kept["coordination_partners"] == [] and kept["kind"] == ""
    assert all(g["principles"] == [] for g in state["goals"])
    _save(initiative, funding_sources=[FundingSource.objects.get(code="interreg")])
    last = current_plan.adjustments.order_by("-number").first()
    assert [i["id"] for i in last.changes["initiatives"]] == [initiative.pk]
    assert last.changes["goals"] == []
    states = plan_states(current_plan.pk, [first.number, last.number])
    changed = diff(states[first.number], states[last.number])
    assert [(str(label)) for change in changed for label, _old, _new in change.fields] == ["finansieringskilder"]


def test_the_history_page_and_compare_show_the_links(client, area_editor, current_plan):
    initiative = _first(current_plan)
    before = current_plan.adjustments.order_by("-number").first().number
    _save(initiative, supported_plans=[_health_plan()])
    client.force_login(area_editor)
    page = client.get(reverse("actionplans:compare_versions", args=[current_plan.pk]),
                      {"from_version": before, "to_version": before + 1}).content.decode()
    assert "Planer, indsatsen understøtter" in page
    assert "Sundhedsplanen" in page


def test_a_stale_edit_names_the_links_changed_meanwhile(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _first(current_plan)
    stale = _form(initiative, kind="projects", title="Min titel")
    loaded = client.get(reverse("actionplans:initiative_edit", args=[initiative.pk]))
    assert loaded.status_code == 200
    stale |= {f"initial-{name}": value for name, value in _form(initiative).items()
              if name not in ("version", "reason")}
    _save(initiative, coordination_partners=[_brussels()])
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Koordineres med" in page
    assert "Midtjyllands EU-kontor i Bruxelles" in page


# --- Exports ----------------------------------------------------------------------------------------------------

def test_the_exports_carry_the_links(client, area_editor, current_plan):
    initiative = _first(current_plan)
    hospital = Organisation.objects.create(name="Aarhus Universitetshospital", kind="hospital", country="DK")
    _save(initiative, coordination_partners=[_brussels()], supported_plans=[_health_plan()],
          offices=[Office.objects.get(code="bruxelles")], organisations=[hospital])
    initiative.goal.principles.set(Principle.objects.filter(number__in=[4, 6]))
    client.force_login(area_editor)
    response = client.get(reverse("actionplans:export_csv", args=[current_plan.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, row = rows[0], next(r for r in rows if initiative.title in r)
    record = dict(zip(header, row, strict=True))
    assert record["Principper"] == "4, 6"
    assert record["Koordineres med"] == "Midtjyllands EU-kontor i Bruxelles"
    assert record["Planer, indsatsen understøtter"] == "Sundhedsplanen"
    assert record["Kontorer"] == Office.objects.get(code="bruxelles").name_da
    assert record["Andre samarbejdsorganisationer"] == "Aarhus Universitetshospital (hospital, Danmark)"
    assert record["Type af internationalt arbejde"] == "projektsamarbejde og EU-projekter"
    xlsx = client.get(reverse("actionplans:export_xlsx", args=[current_plan.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell for line in sheet.iter_rows(values_only=True) for cell in line]
    assert "Midtjyllands EU-kontor i Bruxelles" in values and "Sundhedsplanen" in values
    pdf = client.get(reverse("actionplans:export_pdf", args=[current_plan.pk]))
    assert pdf.status_code == 200
    printed = client.get(reverse("actionplans:print", args=[current_plan.pk])).content.decode()
    assert "Midtjyllands EU-kontor i Bruxelles" in printed and "Principper, målet understøtter" in printed


def test_a_plan_made_without_links_still_exports(client, area_editor, current_plan):
    goal = make_goal(current_plan, title="Mål uden tilknytninger")
    make_initiative(goal, title="Indsats uden tilknytninger")
    client.force_login(area_editor)
    assert client.get(reverse("actionplans:export_csv", args=[current_plan.pk])).status_code == 200


# --- Django admin: the same fields and the same refusal ---------------------------------------------------------

def test_admin_offers_the_links_as_checkboxes_and_refuses_a_retired_one(client, administrator, current_plan):
    from common.testing import form_data, model_url

    client.force_login(administrator)
    Organisation.objects.create(name="Grundfos", kind="company", country="DK")
    initiative = _first(current_plan)
    url = model_url(Initiative, "change", initiative.pk)
    html = client.get(url).content.decode()
    for name in ["coordination_partners", "supported_plans", "offices", "organisations"]:
        assert f'<input type="checkbox" name="{name}"' in html, name
    assert 'name="kind"' in html
    goal_html = client.get(model_url(type(initiative.goal), "change", initiative.goal_id)).content.decode()
    assert '<input type="checkbox" name="principles"' in goal_html
    # A retired supported plan is not offered; posted anyway, it is refused and nothing changes.
    assert "Vækstforums erhvervsudviklingsstrategi" not in html
    data = form_data(client.get(url)) | {"supported_plans": [str(_growth_forum().pk)], "reason": "Vækst",
                                         "kind": "projects"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert not initiative.supported_plans.exists()
    data |= {"supported_plans": [str(_health_plan().pk)]}
    assert client.post(url, data).status_code == 302
    assert list(initiative.supported_plans.all()) == [_health_plan()]


def test_admin_lists_principles_and_organisations(client, administrator, starting_data):
    from common.testing import model_url

    Organisation.objects.create(name="Grundfos", kind="company", country="DK")
    client.force_login(administrator)
    principles = client.get(model_url(Principle, "changelist"))
    assert principles.status_code == 200 and "Inddragelse af medarbejdere" in principles.content.decode()
    organisations = client.get(model_url(Organisation, "changelist"))
    assert organisations.status_code == 200 and "Grundfos" in organisations.content.decode()
