"""The strategy's text is the draft's ("Udkast") until the International Office records the adopted wording, with a
note on where it comes from; pages show the adopted wording where it is recorded and say which they show."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from common.testing import form_data, model_url
from strategy.models import Purpose, Strategy


def test_an_adopted_wording_needs_a_note_model_and_database(starting_data):
    purpose = Purpose.objects.get(number=3)
    purpose.adopted_description_da = "At styrke gensidig forståelse gennem samarbejde på tværs af grænser."
    with pytest.raises(ValidationError) as refused:
        purpose.full_clean()
    assert refused.value.message_dict["adopted_wording_note"] == [
        "Skriv i noten, hvor den vedtagne ordlyd kommer fra."]
    with pytest.raises(IntegrityError, match="strategy_purpose_adopted_wording_has_note"), transaction.atomic():
        purpose.save()
    strategy = Strategy.objects.get()
    strategy.wording = Strategy.Wording.ADOPTED
    with pytest.raises(ValidationError):
        strategy.full_clean()
    with pytest.raises(IntegrityError, match="strategy_strategy_adopted_wording_has_note"), transaction.atomic():
        strategy.save()


def test_the_international_office_records_the_adopted_wording_in_admin(client, international_office):
    client.force_login(international_office)
    purpose = Purpose.objects.get(number=3)
    url = model_url(Purpose, "change", purpose.pk)
    data = form_data(client.get(url))
    data["adopted_name_da"] = "Gensidig forståelse"
    data["adopted_description_da"] = "At styrke gensidig forståelse gennem samarbejde på tværs af grænser."

    refused = client.post(url, data)
    assert refused.status_code == 200 and "Skriv i noten" in refused.content.decode()
    purpose.refresh_from_db()
    assert not purpose.has_adopted_wording

    data["adopted_wording_note"] = "Regionsrådets referat af mødet 13-03-2013."
    assert client.post(url, data).status_code == 302
    purpose.refresh_from_db()
    assert purpose.has_adopted_wording
    assert purpose.description_da.startswith("At styrke mellempåvirkende")  # the draft's stays as the source's

    page = " ".join(client.get(reverse("portal:strategy")).content.decode().split())
    assert "<strong>Gensidig forståelse</strong>: At styrke gensidig forståelse" in page
    assert "den vedtagne ordlyd: Regionsrådets referat af mødet 13-03-2013." in page


def test_council_members_cannot_change_the_wording(client, council_member):
    client.force_login(council_member)
    purpose = Purpose.objects.get(number=3)
    assert client.get(model_url(Purpose, "change", purpose.pk)).status_code in (302, 403)
