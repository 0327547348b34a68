"""Partner regions and tracks are edited through the one edit pipeline, in the portal and in admin alike."""

from django.urls import reverse

from audit.models import Event
from common.testing import form_data, model_url
from partners import services
from partners.models import PartnerRegion, StrategicTrack


def _shanghai() -> PartnerRegion:
    return PartnerRegion.objects.get(code="shanghai")


def _change_meanwhile(region, *, by, **values):
    """Someone else saves the region in the portal."""
    current = PartnerRegion.objects.get(pk=region.pk)
    for name, value in values.items():
        setattr(current, name, value)
    services.save_region(region=current, fields=current.fields.all(), expected_version=current.version, by=by)


def test_a_portal_conflict_keeps_the_other_persons_change(client, international_office, administrator):
    region = _shanghai()
    url = reverse("partners:region_edit", args=[region.pk])
    client.force_login(international_office)
    data = form_data(client.get(url)) | {"fact_sheet_da": "Opdateret faktaark."}
    _change_meanwhile(region, by=administrator, name_en="Shanghai Municipality")

    refused = client.post(url, data)

    assert refused.status_code == 409
    assert str(administrator) in refused.content.decode()  # who saved meanwhile
    merged = form_data(refused)
    assert (merged["name_en"], merged["fact_sheet_da"]) == ("Shanghai Municipality", "Opdateret faktaark.")
    assert client.post(url, merged).status_code == 302
    saved = _shanghai()
    assert (saved.name_en, saved.fact_sheet_da, saved.version) == ("Shanghai Municipality", "Opdateret faktaark.", 3)


def test_the_region_admin_checks_the_version_and_merges(client, international_office, administrator):
    region = _shanghai()
    url = model_url(PartnerRegion, "change", region.pk, lang="en")
    client.force_login(administrator)
    data = form_data(client.get(url)) | {"cooperation_since": "2004"}
    _change_meanwhile(region, by=international_office, name_en="Shanghai Municipality")

    refused = client.post(url, data)

    assert refused.status_code == 200  # admin shows the form again, with the error
    assert "Someone else saved this meanwhile" in refused.content.decode()
    assert (_shanghai().cooperation_since, _shanghai().version) == (2003, 2)
    merged = form_data(refused)
    assert (merged["name_en"], merged["cooperation_since"]) == ("Shanghai Municipality", "2004")
    assert client.post(url, merged).status_code == 302
    saved = _shanghai()
    assert (saved.name_en, saved.cooperation_since, saved.version) == ("Shanghai Municipality", 2004, 3)


def test_an_admin_save_records_one_audit_event_and_keeps_the_status(client, administrator):
    region = _shanghai()
    url = model_url(PartnerRegion, "change", region.pk)
    client.force_login(administrator)
    data = form_data(client.get(url)) | {"cooperation_since": "2004"}
    before = Event.objects.count()

    assert client.post(url, data).status_code == 302

    [event] = Event.objects.all()[: Event.objects.count() - before]
    assert (event.action, event.object_type, event.detail) == (Event.Action.CHANGE, "partners.PartnerRegion",
                                                               "cooperation_since")
    assert (_shanghai().status, _shanghai().version) == (region.status, 2)


def test_the_track_admin_checks_the_version(client, international_office, administrator):
    track = StrategicTrack.objects.get(code="sundhed")
    url = model_url(StrategicTrack, "change", track.pk, lang="en")
    client.force_login(administrator)
    data = form_data(client.get(url)) | {"department": "Koncern HR"}
    meanwhile = StrategicTrack.objects.get(pk=track.pk)
    meanwhile.department = "Sundhedsstaben"
    services.save_track(track=meanwhile, fields=track.fields.all(), partner_regions=track.partner_regions.all(),
                        expected_version=track.version, by=international_office)

    refused = client.post(url, data)

    assert "Someone else saved this meanwhile" in refused.content.decode()
    assert "Someone else changed this to “Sundhedsstaben” meanwhile" in refused.content.decode()
    assert StrategicTrack.objects.get(pk=track.pk).department == "Sundhedsstaben"
