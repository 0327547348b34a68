"""Admin for partner regions with their status decisions, offices, fields of cooperation and strategic tracks."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from common.admin import (
    SHORT_TEXT,
    CodeMixin,
    HistoryAdmin,
    KeptForeverMixin,
    LabelledTabularInline,
    ReferenceAdmin,
    RetirableReferenceAdmin,
    RetiredFilter,
    ServiceAdminMixin,
    VersionedAdminForm,
)
from partners import services
from partners.forms import DatePrecisionForm
from partners.models import Field, Office, Organisation, PartnerRegion, StatusDecision, StrategicTrack


class CheckboxFieldsMixin:
    """The few fields of cooperation and partner regions read better as checkboxes than as a multiple select,
    and each checkbox is labelled and works without JavaScript (select2's autocomplete is neither)."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("fields", "partner_regions"):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.display(description=_("country"), ordering="country")
def country_name(obj):
    """The country's name. Admin's own display of the field looks it up among every country's choices, for every
    row (0.1 s for a page of 100 regions)."""
    return obj.country.name


@admin.register(Office)
class OfficeAdmin(RetirableReferenceAdmin):
    list_display = ("name_da", "name_en", "city", country_name, "opened_year", "retired_on")
    list_filter = (RetiredFilter, ("country", CountryFilter))
    search_fields = ("name_da", "name_en", "code", "city")
    ordering = ("name_da",)
    fields = ("name_da", "name_en", "code", "city", "country", "opened_year", "description_da", "description_en",
              "retired_on")


@admin.register(Field)
class FieldAdmin(CodeMixin, ReferenceAdmin):
    list_display = ("name_da", "name_en", "code")
    search_fields = ("name_da", "name_en", "code")
    ordering = ("name_da",)
    fields = ("name_da", "name_en", "code")


class StatusDecisionInline(KeptForeverMixin, LabelledTabularInline):
    """The council's dated decisions; the region's status follows the latest one (see PartnerRegionAdmin)."""

    model = StatusDecision
    form = DatePrecisionForm
    fields = ("decided_on", "date_precision", "status", "reference", "note", "recorded_by", "recorded_at")
    readonly_fields = ("recorded_by", "recorded_at")
    ordering = ("-decided_on", "-id")
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by")


@admin.register(PartnerRegion)
class PartnerRegionAdmin(ServiceAdminMixin, KeptForeverMixin, CodeMixin, CheckboxFieldsMixin, HistoryAdmin):
    """Saves through partners.services.save_region, with the portal's version check and one audit event."""

    form = VersionedAdminForm
    list_display = ("display_name", country_name, "kind", "status", "status_since", "office", "cooperation_since")
    list_filter = ("status", "kind", ("country", CountryFilter), "office", "fields", "name_unknown")
    search_fields = ("name_da", "name_en", "name_native", "code")
    list_select_related = ("office",)
    ordering = ("name_da", "name_en", "id")
    fields = (
        "code", "name_da", "name_en", "name_native", "name_unknown", "country", "kind", "status", "status_since",
        "office", "fields", "cooperation_since", "latitude", "longitude", "fact_sheet_da", "fact_sheet_en",
        "expected_version",
    )
    # Derived from the status decisions by partners.services.sync_status.
    readonly_fields = ("status", "status_changed_on", "status_since")
    inlines = [StatusDecisionInline]
    formfield_overrides = SHORT_TEXT

    @admin.display(description=_("name"), ordering="name_da")
    def display_name(self, obj):
        return str(obj)

    @admin.display(description=_("status since"), ordering="status_changed_on")
    def status_since(self, obj):
        return obj.status_since

    def save_model(self, request, obj, form, change):
        services.save_region(region=obj, fields=form.cleaned_data["fields"],
                             expected_version=form.cleaned_data["expected_version"] if change else None,
                             by=request.user)

    def save_related(self, request, form, formsets, change):
        # The service set the fields of cooperation: only the decisions are saved here.
        for formset in formsets:
            for decision in formset.save(commit=False):
                if decision.pk is None:
                    decision.recorded_by = request.user
                decision.save()
        services.sync_status(region=form.instance)


@admin.register(StatusDecision)
class StatusDecisionAdmin(KeptForeverMixin, admin.ModelAdmin):
    form = DatePrecisionForm
    list_display = ("region", "when", "status", "reference", "recorded_by", "recorded_at")
    list_filter = ("status", "region")
    search_fields = ("reference", "note", "region__name_da", "region__name_en", "region__name_native")
    date_hierarchy = "decided_on"

    @admin.display(description=_("decided on"), ordering="decided_on")
    def when(self, obj):
        return obj.when
    list_select_related = ("region", "recorded_by")
    ordering = ("-decided_on", "-id")
    fields = ("region", "decided_on", "date_precision", "status", "reference", "note", "recorded_by", "recorded_at")
    formfield_overrides = SHORT_TEXT

    def get_readonly_fields(self, request, obj=None):
        # Moving a decision to another region would rewrite both regions' history.
        readonly = ("recorded_by", "recorded_at")
        return (*readonly, "region") if obj is not None else readonly

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.sync_status(region=form.instance.region)


@admin.register(StrategicTrack)
class StrategicTrackAdmin(ServiceAdminMixin, KeptForeverMixin, CodeMixin, CheckboxFieldsMixin, HistoryAdmin):
    """Saves through partners.services.save_track, with the portal's version check and one audit event."""

    form = VersionedAdminForm
    list_display = ("name_da", "name_en", "area", "department", "retired_on")
    list_filter = ("area", "fields", RetiredFilter)
    search_fields = ("name_da", "name_en", "code", "department")
    list_select_related = ("area",)
    ordering = ("name_da", "id")
    fields = ("name_da", "name_en", "code", "area", "department", "fields", "partner_regions", "description_da",
              "description_en", "retired_on", "expected_version")
    formfield_overrides = SHORT_TEXT

    def save_model(self, request, obj, form, change):
        services.save_track(track=obj, fields=form.cleaned_data["fields"],
                            partner_regions=form.cleaned_data["partner_regions"],
                            expected_version=form.cleaned_data["expected_version"] if change else None,
                            by=request.user)

    def save_related(self, request, form, formsets, change):
        pass  # the service set the many-to-many fields


@admin.register(Organisation)
class OrganisationAdmin(KeptForeverMixin, admin.ModelAdmin):
    """Organisations that are partners of initiatives without being regions; editors add them from the initiative
    form, administrators correct their names, kinds and countries here."""

    list_display = ("name", "kind", country_name)
    list_filter = ("kind", ("country", CountryFilter))
    search_fields = ("name",)
    ordering = ("name", "id")
    fields = ("name", "kind", "country")
