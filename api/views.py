"""The open-data API, version 1: read-only collections of the strategy, the partner regions and the action plans.

What a request sees is decided in public.selectors: anonymous requests get what the public pages show, requests
with a personal token (or a portal session) get what the token's owner may read in the portal."""

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions, viewsets
from rest_framework.decorators import api_view
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from actionplans.models import ActionPlan, Initiative
from api import serializers
from api.renderers import CSVRenderer, XLSXRenderer
from partners.models import Field, Office, PartnerRegion, PartnerStatus, StrategicTrack
from partners.selectors import filter_regions
from public import selectors
from strategy.models import Area, Purpose, Strategy

# Query parameters that are not filters.
CONTROLS = {"page", "page_size", "format"}


def _codes(model, field="code"):
    """A filter value: comma-separated codes of `model`, each of which must exist."""
    def parse(values: list[str]):
        found = list(model.objects.filter(**{f"{field}__in": values}))
        missing = sorted(set(values) - {str(getattr(obj, field)) for obj in found})
        if missing:
            raise ValueError(", ".join(missing))
        return found
    return parse


def _choices(choices):
    def parse(values: list[str]):
        unknown = sorted(set(values) - set(choices.values))
        if unknown:
            raise ValueError(", ".join(unknown))
        return values
    return parse


def _numbers(values: list[str]):
    try:
        return [int(value) for value in values]
    except ValueError:
        raise ValueError(", ".join(values)) from None


class JsonRefusals:
    """Refusals (400, 401, 404, 405, 429) are JSON whatever format was asked for."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return response


class SchemaView(JsonRefusals, SpectacularAPIView):
    pass


class DocsView(JsonRefusals, SpectacularSwaggerSplitView):
    pass


class ReadOnlyViewSet(JsonRefusals, viewsets.ReadOnlyModelViewSet):
    """A collection: JSON (paginated), CSV or XLSX (the whole filtered collection, `?format=csv`/`xlsx`).

    `filters` maps a query parameter to (description, parser, apply): the parser turns the comma-separated values
    into what `apply(queryset, parsed)` filters by. An unknown parameter or value is refused with 400."""

    renderer_classes = [JSONRenderer, CSVRenderer, XLSXRenderer]
    filters: dict = {}
    select = None  # the public.selectors function that gives the collection for (full)

    @property
    def full(self) -> bool:
        return selectors.reads_everything(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "full": self.full}

    def get_queryset(self):
        queryset = type(self).select(self.full)
        if self.action != "list":
            return queryset
        unknown = sorted(set(self.request.query_params) - set(self.filters) - CONTROLS)
        if unknown:
            raise exceptions.ValidationError({"detail": _("Unknown filter: %(names)s. Filters here: %(known)s.") % {
                "names": ", ".join(unknown), "known": ", ".join(sorted(self.filters)) or _("none")}})
        for name, (_description, parse, apply) in self.filters.items():
            raw = self.request.query_params.get(name)
            if raw is None:
                continue
            values = [value.strip() for value in raw.split(",") if value.strip()]
            try:
                parsed = parse(values)
            except ValueError as error:
                message = _("Unknown value: %(values)s.") % {"values": error}
                raise exceptions.ValidationError({name: [message]}) from None
            queryset = apply(queryset, parsed)
        return queryset

    def paginate_queryset(self, queryset):
        # Spreadsheets hold the whole filtered collection.
        if getattr(self.request.accepted_renderer, "format", "json") in ("csv", "xlsx"):
            return None
        return super().paginate_queryset(queryset)



def _documented(viewset):
    """The viewset's filters as OpenAPI query parameters of its list."""
    parameters = [OpenApiParameter(name, OpenApiTypes.STR, description=description)
                  for name, (description, _parse, _apply) in viewset.filters.items()]
    parameters.append(OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv", "xlsx"],
                                       description="csv or xlsx: the whole filtered collection as a spreadsheet."))
    return extend_schema_view(list=extend_schema(parameters=parameters))(viewset)


@_documented
class AreaViewSet(ReadOnlyViewSet):
    """The areas that keep an international action plan."""

    serializer_class = serializers.AreaSerializer
    lookup_field = "code"
    select = selectors.areas


@_documented
class PurposeViewSet(ReadOnlyViewSet):
    """The four purposes adopted by the regional council."""

    serializer_class = serializers.PurposeSerializer
    lookup_field = "number"
    select = selectors.purposes


@_documented
class PartnerRegionViewSet(ReadOnlyViewSet):
    """Partner regions with their status history (the partner dashboard's filters)."""

    serializer_class = serializers.PartnerRegionSerializer
    lookup_field = "code"
    select = selectors.partner_regions
    filters = {
        "status": ("Status, comma-separated: " + ", ".join(PartnerStatus.values), _choices(PartnerStatus),
                   lambda qs, v: filter_regions(qs, {"status": v})),
        "kind": ("Kind of partnership: " + ", ".join(PartnerRegion.Kind.values), _choices(PartnerRegion.Kind),
                 lambda qs, v: filter_regions(qs, {"kind": v})),
        "country": ("Country codes (ISO 3166-1 alpha-2), comma-separated", lambda v: [c.upper() for c in v],
                    lambda qs, v: filter_regions(qs, {"country": v})),
        "office": ("Office codes", _codes(Office), lambda qs, v: filter_regions(qs, {"office": v})),
        "field": ("Field codes", _codes(Field), lambda qs, v: filter_regions(qs, {"field": v})),
        "area": ("Area codes: regions on the areas' tracks or in their active initiatives", _codes(Area),
                 lambda qs, v: filter_regions(qs, {"area": v})),
    }


@_documented
class StrategicTrackViewSet(ReadOnlyViewSet):
    """Strategic tracks: the fields in which partners are sought."""

    serializer_class = serializers.StrategicTrackSerializer
    lookup_field = "code"
    select = selectors.tracks
    filters = {"area": ("Owning area codes", _codes(Area), lambda qs, v: qs.filter(area__in=v))}


@_documented
class PlanViewSet(ReadOnlyViewSet):
    """Action plans with their goals. Without a token: the published plans in force."""

    serializer_class = serializers.PlanSerializer
    select = selectors.plans_with_goals
    filters = {
        "area": ("Area codes", _codes(Area), lambda qs, v: qs.filter(area__in=v)),
        "status": ("Plan status: " + ", ".join(ActionPlan.Status.values), _choices(ActionPlan.Status),
                   lambda qs, v: qs.filter(status__in=v)),
    }


def _initiative_status(queryset, values):
    """An initiative is planned until its first (published) status update."""
    matches = Q(latest_status__in=values)
    if Initiative.Status.PLANNED in values:
        matches |= Q(latest_status__isnull=True)
    return queryset.filter(matches)


@_documented
class InitiativeViewSet(ReadOnlyViewSet):
    """Initiatives with their latest status (the plan pages' and the dashboard's filters)."""

    serializer_class = serializers.InitiativeSerializer
    select = selectors.initiatives
    filters = {
        "plan": ("Plan ids", _numbers, lambda qs, v: qs.filter(goal__plan__in=v)),
        "goal": ("Goal ids", _numbers, lambda qs, v: qs.filter(goal__in=v)),
        "area": ("Area codes", _codes(Area), lambda qs, v: qs.filter(goal__plan__area__in=v)),
        "status": ("Latest reported status: " + ", ".join(Initiative.Status.values), _choices(Initiative.Status),
                   _initiative_status),
        "track": ("Strategic track codes", _codes(StrategicTrack), lambda qs, v: qs.filter(track__in=v)),
        "partner_region": ("Partner region codes", _codes(PartnerRegion),
                           lambda qs, v: qs.filter(partner_regions__in=v).distinct()),
        "purpose": ("Purpose numbers (of the initiative's goal)", _codes(Purpose, "number"),
                    lambda qs, v: qs.filter(goal__purposes__in=v).distinct()),
    }


@_documented
class ReportViewSet(ReadOnlyViewSet):
    """The council's status reports of closed reporting rounds, as frozen when each round closed. With a token
    only: reporting rounds are not published."""

    serializer_class = serializers.ReportSerializer
    select = selectors.closed_rounds

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not self.full:
            raise exceptions.NotAuthenticated(_("Status reports are read with a personal API token."))


@extend_schema(responses=serializers.StrategySerializer, summary="The strategy")
@api_view(["GET"])
def strategy(request):
    """The strategy's title, vision and summary in Danish and English."""
    full = selectors.reads_everything(request.user)
    found = Strategy.objects.first() if selectors.strategy_visible(full) else None
    if found is None:
        raise exceptions.NotFound(_("The strategy is not published."))
    return Response(serializers.StrategySerializer(found).data)
