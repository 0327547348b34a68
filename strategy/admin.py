"""Admin for the strategy and its reference data."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin import CodeMixin, KeptForeverMixin, ReferenceAdmin, RetirableReferenceAdmin, RetiredFilter
from strategy.models import (
    Area,
    CoordinationPartner,
    FundingSource,
    Principle,
    Purpose,
    Strategy,
    SupportedPlan,
    Value,
)

# --- The strategy and its reference data ---------------------------------------------------


@admin.register(Strategy)
class StrategyAdmin(KeptForeverMixin, admin.ModelAdmin):
    list_display = ("title_da", "title_en", "international_name", "adopted_on", "wording")
    fields = ("title_da", "title_en", "international_name", "adopted_on", "adopted_on_note_da", "adopted_on_note_en",
              "source_dated", "wording", "wording_note", "international_office_head", "vision_da", "vision_en",
              "summary_da", "summary_en")

    def has_add_permission(self, request):
        # There is one strategy: it is changed, never added twice.
        return super().has_add_permission(request) and not Strategy.objects.exists()


@admin.register(Area)
class AreaAdmin(RetirableReferenceAdmin):
    list_display = ("name_da", "name_en", "code", "position", "retired_on")
    ordering = ("position", "code")
    fields = ("name_da", "name_en", "code", "position", "retired_on")


@admin.register(Purpose)
class PurposeAdmin(ReferenceAdmin):
    """The names and descriptions are the draft strategy's wording; the International Office records the adopted
    wording, with a note on where it comes from, in the adopted fields. Pages show the adopted wording where it is
    recorded and say which they show."""

    list_display = ("number", "name_da", "name_en", "has_adopted_wording")
    list_display_links = ("number", "name_da")
    ordering = ("number",)
    fields = ("number", "name_da", "name_en", "description_da", "description_en", "adopted_name_da",
              "adopted_description_da", "adopted_wording_note")

    @admin.display(boolean=True, description=_("adopted wording recorded"))
    def has_adopted_wording(self, obj):
        return obj.has_adopted_wording


@admin.register(Principle)
class PrincipleAdmin(ReferenceAdmin):
    list_display = ("number", "name_da", "name_en")
    list_display_links = ("number", "name_da")
    ordering = ("number",)
    search_fields = ("name_da", "name_en", "text_da", "text_en")
    fields = ("number", "name_da", "name_en", "text_da", "text_en")


@admin.register(Value)
class ValueAdmin(CodeMixin, ReferenceAdmin):
    list_display = ("name_da", "name_en", "code", "position")
    ordering = ("position", "code")
    search_fields = ("name_da", "name_en", "code")
    fields = ("name_da", "name_en", "code", "position", "description_da", "description_en")


@admin.register(CoordinationPartner)
class CoordinationPartnerAdmin(RetirableReferenceAdmin):
    ordering = ("name_da",)
    fields = ("name_da", "name_en", "code", "description_da", "description_en", "retired_on")


@admin.register(SupportedPlan)
class SupportedPlanAdmin(RetirableReferenceAdmin):
    list_display = ("name_da", "name_en", "code", "area", "retired_on")
    list_filter = ("area", RetiredFilter)
    list_select_related = ("area",)
    ordering = ("name_da",)
    fields = ("name_da", "name_en", "code", "area", "retired_on")


@admin.register(FundingSource)
class FundingSourceAdmin(RetirableReferenceAdmin):
    ordering = ("name_da",)
    fields = ("name_da", "name_en", "code", "retired_on")
