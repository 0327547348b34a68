import datetime

import factory

from partners.models import Field, Office, PartnerRegion, StatusDecision, StrategicTrack
from strategy.tests.factories import AreaFactory


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"office-{n}")
    name_da = factory.Sequence(lambda n: f"Kontor {n}")
    name_en = factory.Sequence(lambda n: f"Office {n}")
    city = "Budapest"
    country = "HU"


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"field-{n}")
    name_da = factory.Sequence(lambda n: f"Fagområde {n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")


class PartnerRegionFactory(factory.django.DjangoModelFactory):
    """A named strategic partner region without a decision yet (status: under consideration)."""

    class Meta:
        model = PartnerRegion
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"region-{n}")
    name_da = factory.Sequence(lambda n: f"Region {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")
    country = "HU"
    kind = PartnerRegion.Kind.STRATEGIC
    latitude = None
    longitude = None

    class Params:
        unnamed = factory.Trait(name_da="", name_en="", name_native="", name_unknown=True)

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields.set(extracted)


class StatusDecisionFactory(factory.django.DjangoModelFactory):
    """A bare decision row. To change a region's status, call partners.services.record_status_decision."""

    class Meta:
        model = StatusDecision

    region = factory.SubFactory(PartnerRegionFactory)
    decided_on = factory.Sequence(lambda n: datetime.date(2013, 3, 19) + datetime.timedelta(days=n))
    status = PartnerRegion.Status.ACTIVE
    reference = "Regionsrådets møde"


class StrategicTrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicTrack
        django_get_or_create = ("code",)

    area = factory.SubFactory(AreaFactory)
    code = factory.Sequence(lambda n: f"track-{n}")
    name_da = factory.Sequence(lambda n: f"Spor {n}")
    name_en = factory.Sequence(lambda n: f"Track {n}")
