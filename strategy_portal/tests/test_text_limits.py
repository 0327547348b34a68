"""Every text the portal keeps has a length limit, held by the form, model validation and the database alike."""

import pytest
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse

from actionplans.models import Initiative
from actionplans.tests.factories import make_plan
from audit.models import Event
from common.testing import form_data, refused_by_database
from partners.models import PartnerRegion, StatusDecision
from strategy.models import Strategy

PROJECT_APPS = ["accounts", "strategy", "partners", "actionplans", "audit", "public"]
TEXT_FIELDS = [(model, field) for app in PROJECT_APPS for model in apps.get_app_config(app).get_models()
               for field in model._meta.concrete_fields if isinstance(field, models.CharField | models.TextField)]


@pytest.fixture
def current_plan(health, current_term):
    return make_plan(health, current_term)


def _limit(model, field) -> int:
    limit = model._meta.get_field(field).max_length
    assert limit, f"{model.__name__}.{field} has no limit"
    return limit


def _history(model) -> bool:
    """A history table (django-simple-history) copies the rows of a table that holds the limits."""
    return hasattr(model, "instance_type")


@pytest.mark.parametrize(("model", "field"), TEXT_FIELDS, ids=[f"{m._meta.label}.{f.name}" for m, f in TEXT_FIELDS])
def test_every_text_field_has_a_limit_that_the_database_holds(model, field):
    assert field.max_length, f"{model.__name__}.{field.name} has no max_length"
    assert MaxLengthValidator(field.max_length) in field.validators
    if isinstance(field, models.TextField) and not _history(model):
        held = [c for c in model._meta.constraints if isinstance(c, models.CheckConstraint)
                and c.condition == LessThanOrEqual(Length(field.name), field.max_length)]
        assert held, f"{model.__name__}.{field.name}: no check constraint holds its max_length in the database"


def test_the_form_refuses_an_over_long_description_in_danish_and_saves_nothing(client, area_editor, current_plan):
    initiative = Initiative.objects.filter(goal__plan=current_plan).first()
    description_max = _limit(Initiative, "description")
    client.force_login(area_editor)
    url = reverse("actionplans:initiative_edit", args=[initiative.pk])
    page = client.get(url)
    assert f'maxlength="{description_max}"' in page.content.decode()
    data = form_data(page) | {"description": "x" * (description_max + 1), "reason": "Længere beskrivelse"}
    response = client.post(url, data)
    assert response.status_code in (200, 400)
    assert f"Denne værdi må højst have {description_max} tegn (den har {description_max + 1})." in \
        response.content.decode()
    assert Initiative.objects.get(pk=initiative.pk).description == initiative.description


def test_the_forms_refuse_an_over_long_fact_sheet_and_decision_note(client, international_office):
    region = PartnerRegion.objects.get(code="shanghai")
    fact_sheet_max, note_max = _limit(PartnerRegion, "fact_sheet_da"), _limit(StatusDecision, "note")
    client.force_login(international_office)
    url = reverse("partners:region_edit", args=[region.pk])
    data = form_data(client.get(url)) | {"fact_sheet_da": "x" * (fact_sheet_max + 1)}
    response = client.post(url, data)
    assert f"Denne værdi må højst have {fact_sheet_max} tegn" in response.content.decode()
    assert PartnerRegion.objects.get(pk=region.pk).fact_sheet_da == region.fact_sheet_da
    decisions = StatusDecision.objects.count()
    response = client.post(reverse("partners:decision_add", args=[region.pk]), {
        "decided_on": "2024-05-02", "status": "paused", "reference": "Regionsrådets møde",
        "note": "x" * (note_max + 1)})
    assert f"Denne værdi må højst have {note_max} tegn" in response.content.decode()
    assert StatusDecision.objects.count() == decisions


@pytest.mark.parametrize(("queryset", "field", "constraint"), [
    (lambda: Initiative.objects.all(), "description", "actionplans_initiative_description_length"),
    (lambda: PartnerRegion.objects.filter(code="shanghai"), "fact_sheet_da", "partners_region_fact_sheet_da_length"),
    (lambda: StatusDecision.objects.all(), "note", "partners_decision_note_length"),
    (lambda: Strategy.objects.all(), "vision_da", "strategy_strategy_vision_da_length"),
    (lambda: Event.objects.all(), "detail", "audit_event_detail_length"),
])
def test_the_database_refuses_over_long_text_that_skips_validation(current_plan, queryset, field, constraint):
    Event.objects.create(action=Event.Action.EXPORT)
    rows = queryset()
    limit = _limit(rows.model, field)
    assert rows.exists()
    rows.filter(pk=rows.first().pk).update(**{field: "x" * limit})  # the limit itself is allowed
    with refused_by_database(constraint, rows.model):
        rows.filter(pk=rows.first().pk).update(**{field: "x" * (limit + 1)})
