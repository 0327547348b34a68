from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from actionplans.models import ActionPlan, Goal, Indicator, Initiative, Milestone, ReportingRound, StatusUpdate
from common.editing import EditForm
from common.exports import short_date
from common.forms import DateInput, offer_current_choices
from partners.models import Organisation


class AdjustmentFields(EditForm):
    """What every change to a plan carries: the version it was based on and, for a plan in force, why."""

    reason = forms.CharField(
        label=_("Reason for the adjustment"), max_length=500, required=False,
        help_text=_("Required for a plan in force: it is kept in the plan's history."),
    )


class PlanSummaryForm(AdjustmentFields, forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


class GoalForm(AdjustmentFields, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description", "purposes", "principles"]
        widgets = {"purposes": forms.CheckboxSelectMultiple, "principles": forms.CheckboxSelectMultiple,
                   "description": forms.Textarea(attrs={"rows": 4})}


INITIATIVE_LINKS = ["coordination_partners", "supported_plans", "offices", "organisations"]


class InitiativeForm(AdjustmentFields, forms.ModelForm):
    # An organisation that is not in the list yet: added to the shared list when the initiative is saved.
    new_organisation_name = forms.CharField(
        label=_("Add another organisation: name"), max_length=200, required=False,
        help_text=_("Only if it is not in the list above. An organisation of the same name is not added twice."))
    new_organisation_kind = forms.ChoiceField(label=_("Its kind"), required=False,
                                              choices=[("", "–"), *Organisation.Kind.choices])
    new_organisation_country = forms.ChoiceField(label=_("Its country"), required=False)

    # The new organisation's fields follow the list of organisations; the reason comes last.
    field_order = ["title", "description", "kind", "owner", "department", "track", "partner_regions",
                   "funding_sources", *INITIATIVE_LINKS, "new_organisation_name", "new_organisation_kind",
                   "new_organisation_country", "starts_on", "ends_on"]

    class Meta:
        model = Initiative
        fields = ["title", "description", "kind", "owner", "department", "track", "partner_regions",
                  "funding_sources", *INITIATIVE_LINKS, "starts_on", "ends_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "kind": forms.RadioSelect,
            "partner_regions": forms.CheckboxSelectMultiple,
            "funding_sources": forms.CheckboxSelectMultiple,
            "coordination_partners": forms.CheckboxSelectMultiple,
            "supported_plans": forms.CheckboxSelectMultiple,
            "offices": forms.CheckboxSelectMultiple,
            "organisations": forms.CheckboxSelectMultiple,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_choices(self)
        # Every initiative says its kind when it is written or changed; older ones show "not stated" until then.
        self.fields["kind"].required = True
        self.fields["kind"].choices = Initiative.Kind.choices
        self.fields["new_organisation_country"].choices = [("", "–"), *countries]  # named in the active language
        for name in NEW_ORGANISATION:
            self.fields[name].show_hidden_initial = False  # not part of the initiative's saved values
        self.new_organisation = None

    def clean(self):
        cleaned_data = super().clean()
        name = " ".join(cleaned_data.get("new_organisation_name", "").split())
        kind = cleaned_data.get("new_organisation_kind")
        if name and not kind:
            self.add_error("new_organisation_kind", _("Say which kind of organisation it is."))
        elif kind and not name:
            self.add_error("new_organisation_name", _("Give the organisation's name."))
        elif name:
            self.new_organisation = Organisation(name=name, kind=kind,
                                                 country=cleaned_data.get("new_organisation_country") or "")
        return cleaned_data

    def links(self) -> dict:
        """The chosen links, as save_initiative takes them."""
        return {name: self.cleaned_data[name] for name in ["partner_regions", "funding_sources", *INITIATIVE_LINKS]}


NEW_ORGANISATION = ("new_organisation_name", "new_organisation_kind", "new_organisation_country")


class ReasonForm(AdjustmentFields):
    """Confirms removing or moving a goal or an initiative."""


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (XLSX or CSV)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))


class ImportConfirmForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the adjustment"), max_length=500,
                             help_text=_("It is kept in the plan's history with the import."))


class StartRevisionForm(forms.Form):
    goals = forms.MultipleChoiceField(label=_("Goals to carry forward"), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    initiatives = forms.MultipleChoiceField(
        label=_("Initiatives to carry forward"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Completed and cancelled initiatives are not ticked: tick them to carry them forward anyway."),
    )

    def __init__(self, *args, goals=(), **kwargs):
        """`goals`: the present goals of the plan revised, each with its `present_initiatives` (marked
        `needs_new_dates` when they end before the new term starts). Finished initiatives are offered unticked."""
        super().__init__(*args, **kwargs)
        self.fields["goals"].choices = [(g.pk, g.title) for g in goals]
        self.fields["initiatives"].choices = [(i.pk, self._initiative_label(g, i)) for g in goals
                                              for i in g.present_initiatives]
        self.fields["goals"].initial = [g.pk for g in goals]
        self.fields["initiatives"].initial = [i.pk for g in goals for i in g.present_initiatives
                                              if not i.is_finished()]

    @staticmethod
    def _initiative_label(goal, initiative):
        label = f"{goal.title} – {initiative.title}"
        if initiative.is_finished():
            label = format_html("{} ({})", label, initiative.get_status_display())
        if initiative.needs_new_dates:
            label = format_html('{} <span class="badge text-bg-warning">{}</span>', label,
                                _("Ends before the new term – give new dates in the draft"))
        return label


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput(), initial=timezone.localdate)


class CompareForm(forms.Form):
    from_version = forms.TypedChoiceField(label=_("From version"), coerce=int)
    to_version = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, data, *, plan):
        super().__init__(data)
        self.plan = plan
        versions = plan.adjustments.defer("changes").order_by("number")
        choices = [(a.number, f"{a.number}: {a.made_at:%Y-%m-%d %H:%M} – {a.summary}") for a in versions]
        self.fields["from_version"].choices = self.fields["to_version"].choices = choices


class StatusUpdateForm(forms.ModelForm):
    """A status update of one initiative, with its indicators' actual values and the milestones done.

    `seen_update` is the id of the latest update the editor saw: an update reported meanwhile is not overwritten
    silently (services.record_status_update refuses the save)."""

    seen_update = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The round that was open when the form was shown: an update for a round that closed meanwhile is refused.
    for_round = forms.IntegerField(widget=forms.HiddenInput, required=False)
    milestones_done = forms.ModelMultipleChoiceField(label=_("Milestones reached"), queryset=Milestone.objects.none(),
                                                     required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = StatusUpdate
        fields = ["as_of", "status", "progress", "narrative", "narrative_internal"]
        widgets = {"as_of": DateInput(), "narrative": forms.Textarea(attrs={"rows": 3}),
                   "progress": forms.NumberInput(attrs={"min": 0, "max": 100})}

    def __init__(self, *args, initiative: Initiative, latest: StatusUpdate | None, as_of, round_id=None, **kwargs):
        """`initiative` comes with `open_milestones` and `indicator_list` (selectors.reporting_page)."""
        super().__init__(*args, prefix=f"initiative-{initiative.pk}", **kwargs)
        self.instance.initiative = initiative
        self.fields["seen_update"].initial = latest.pk if latest else None
        self.fields["for_round"].initial = round_id
        self.fields["as_of"].initial = as_of
        self.fields["status"].initial = latest.status if latest else StatusUpdate.Status.ON_TRACK
        self.fields["progress"].initial = latest.progress if latest else 0
        self.fields["milestones_done"].queryset = Milestone.objects.filter(pk__in=[
            m.pk for m in initiative.open_milestones])
        self.fields["milestones_done"].choices = [(m.pk, f"{m.title} ({short_date(m.due_on)})")
                                                  for m in initiative.open_milestones]
        if not initiative.open_milestones:
            del self.fields["milestones_done"]
        self.indicators = initiative.indicator_list
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=_("%(indicator)s: actual value") % {"indicator": indicator}, required=False,
                max_digits=12, decimal_places=2,
                help_text=_("Target %(target)s by %(date)s") % {"target": indicator.target,
                                                               "date": short_date(indicator.target_on)})

    def indicator_values(self) -> dict:
        return {indicator: self.cleaned_data.get(f"indicator_{indicator.pk}") for indicator in self.indicators}


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on"]
        widgets = {"due_on": DateInput()}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "target_on"]
        widgets = {"target_on": DateInput()}


class CloseRoundForm(forms.Form):
    confirm = forms.BooleanField(label=_("I understand that closing freezes the round's figures for good."))


class RoundForm(forms.ModelForm):
    class Meta:
        model = ReportingRound
        fields = ["as_of", "deadline"]
        widgets = {"as_of": DateInput(), "deadline": DateInput()}
