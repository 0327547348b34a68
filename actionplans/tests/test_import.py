"""Filling a draft from a spreadsheet: the files in import_files/ (good and broken), the preview, the
confirmation as one adjustment, and who may do it."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actionplans import services
from actionplans.imports import MAX_ROWS
from actionplans.models import ActionPlan, Adjustment, Goal, Initiative, PlanImport
from actionplans.tests.factories import empty_plan, make_plan
from audit.models import Event

FILES = Path(__file__).parent / "import_files"
HEADING = "Mål;Formål;Indsats;Ansvarlig;Starter den;Slutter den\n"


@pytest.fixture
def draft(current_term):
    return empty_plan(area_code="sundhed", term=current_term)


@pytest.fixture
def editor_client(client, area_editor):
    client.force_login(area_editor)
    return client


def _file(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FILES / name).read_bytes() if content is None else content)


def upload(client, plan, name, content=None):
    return client.post(f"/plans/{plan.pk}/import/", {"file": _file(name, content)})


def preview_of(client, plan, name, content=None):
    response = upload(client, plan, name, content)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"], client.get(response["Location"])


def confirm(client, url, reason="Planen fra regnearket"):
    return client.post(url, {"reason": reason})


def test_smoke(editor_client, draft):
    url, page = preview_of(editor_client, draft, "good_danish.csv")
    print(page.content.decode())
    response = confirm(editor_client, url)
    assert response.status_code == 302
    print([ (g.title, [(i.title, i.starts_on, i.ends_on, i.track, list(i.partner_regions.all()), list(i.funding_sources.all()), i.description) for i in g.initiatives.all()]) for g in draft.goals.all()])
