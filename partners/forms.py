from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from common.editing import EditForm
from common.forms import DateInput, offer_current_choices
from partners.models import (
    DatePrecision,
    Field,
    Office,
    PartnerRegion,
    PartnershipKind,
    PartnerStatus,
    StatusDecision,
    StrategicTrack,
)
from strategy.models import Area


class PartnerRegionForm(EditForm, forms.ModelForm):
    """A partner region's facts. Its status changes only through a dated decision (StatusDecisionForm)."""

    class Meta:
        model = PartnerRegion
        fields = ["name_da", "name_en", "name_native", "name_unknown", "code", "country", "kind", "office", "fields",
                  "cooperation_since", "latitude", "longitude", "fact_sheet_da", "fact_sheet_en"]
        widgets = {"fields": forms.CheckboxSelectMultiple, "fact_sheet_da": forms.Textarea(attrs={"rows": 5}),
                   "fact_sheet_en": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_choices(self)


class DatePrecisionForm(forms.ModelForm):
    """A decision's date is an exact day unless the form says otherwise (the sources may give only a year, or
    only that it lies before a date)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_precision"].required = False

    def clean_date_precision(self):
        return self.cleaned_data.get("date_precision") or DatePrecision.DAY


class StatusDecisionForm(DatePrecisionForm):
    class Meta:
        model = StatusDecision
        fields = ["decided_on", "date_precision", "status", "reference", "note"]
        widgets = {"decided_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate


class StrategicTrackForm(EditForm, forms.ModelForm):
    class Meta:
        model = StrategicTrack
        fields = ["name_da", "name_en", "code", "area", "department", "fields", "partner_regions", "description_da",
                  "description_en", "retired_on"]
        widgets = {"fields": forms.CheckboxSelectMultiple, "partner_regions": forms.CheckboxSelectMultiple,
                   "description_da": forms.Textarea(attrs={"rows": 4}),
                   "description_en": forms.Textarea(attrs={"rows": 4}), "retired_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_choices(self)


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, read from the URL so that a filtered view can be shared. All optional."""

    status = forms.MultipleChoiceField(label=_("Status"), choices=PartnerStatus.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    kind = forms.MultipleChoiceField(label=_("Kind of partnership"), choices=PartnershipKind.choices,
                                     required=False, widget=forms.CheckboxSelectMultiple)
    country = forms.MultipleChoiceField(label=_("Country"), required=False, widget=forms.CheckboxSelectMultiple)
    office = forms.ModelMultipleChoiceField(label=_("Platform office"), queryset=Office.objects.all(),
                                            required=False, widget=forms.CheckboxSelectMultiple)
    field = forms.ModelMultipleChoiceField(label=_("Field of cooperation"), queryset=Field.objects.all(),
                                           required=False, widget=forms.CheckboxSelectMultiple)
    area = forms.ModelMultipleChoiceField(label=_("Area involved"), queryset=Area.objects.all(), required=False,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the countries that have partner regions (one query).
        codes = PartnerRegion.objects.order_by().values_list("country", flat=True).distinct()
        self.fields["country"].choices = sorted(((c, countries.name(c)) for c in codes), key=lambda c: c[1])

    def active_filters(self) -> list[tuple[str, str]]:
        """(label, chosen values) of each filter in use, for the page and the exports."""
        data = getattr(self, "cleaned_data", {})
        labels = {"status": dict(PartnerStatus.choices), "kind": dict(PartnershipKind.choices),
                  "country": dict(self.fields["country"].choices)}
        used = []
        for name, field in self.fields.items():
            values = data.get(name)
            if values:
                names = [str(labels[name][v]) if name in labels else str(v) for v in values]
                used.append((str(field.label), ", ".join(names)))
        return used
