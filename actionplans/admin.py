"""Admin for elections, council terms and the areas' action plans with their goals and initiatives.

Every change to a plan goes through actionplans/services.py, here as in the portal: it refuses a plan
that is history (ended term or superseded), needs a reason for a plan in force, refuses an edit based
on an outdated version, and records an adjustment. So in admin a plan's summary, goals and initiatives
are changed; its area, term, status and adoption are set by the revision cycle (start revision, adopt).
Nothing is deleted; a goal or an initiative is removed in the portal, where the removal is recorded.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from actionplans import services
from actionplans.models import (
    ActionPlan,
    Adjustment,
    CouncilTerm,
    Election,
    Goal,
    Indicator,
    Initiative,
    Milestone,
    ReportingRound,
    RevisionReminder,
    StatusReminder,
    StatusUpdate,
)
from common.admin import (
    SHORT_TEXT,
    KeptForeverMixin,
    LabelledTabularInline,
    ServiceAdminMixin,
    VersionedAdminForm,
)
from common.editing import EDIT_FIELDS

SMALL_TEXT = {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}
# Many-to-many choices shown as checkboxes: each choice is labelled and works without JavaScript, which
# select2's autocomplete does not manage (its search box and combobox have no accessible name). The lists
# are short: a few purposes, partner regions and funding sources.
CHECKBOX_FIELDS = {"purposes", "principles", "partner_regions", "funding_sources", "coordination_partners",
                   "supported_plans", "offices", "organisations"}
INITIATIVE_LINKS = ("partner_regions", "funding_sources", "coordination_partners", "supported_plans", "offices",
                    "organisations")
INITIATIVE_FIELDS = ("title", "description", "kind", ("owner", "department"), "track", *INITIATIVE_LINKS,
                     ("starts_on", "ends_on"), ("status", "progress"), "position")
# The current state comes from the status updates, never from a structure edit.
REPORTED_FIELDS = ("position", "status", "progress")


class CheckboxesMixin:
    """Renders the many-to-many fields named in CHECKBOX_FIELDS as checkboxes."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in CHECKBOX_FIELDS:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ReadOnlyAdminMixin:
    """Records that the portal's services write and admin only reads."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Elections and terms -------------------------------------------------------------------


@admin.register(Election)
class ElectionAdmin(KeptForeverMixin, admin.ModelAdmin):
    list_display = ("held_on", "follows_rule", "council_term")
    list_select_related = ("term",)
    search_fields = ("note",)
    ordering = ("-held_on",)
    fields = ("held_on", "note")
    formfield_overrides = SHORT_TEXT

    @admin.display(boolean=True, description=_("follows the election rule"))
    def follows_rule(self, obj):
        return obj.follows_rule()

    @admin.display(description=CouncilTerm._meta.verbose_name)
    def council_term(self, obj):
        return getattr(obj, "term", None)


@admin.register(CouncilTerm)
class CouncilTermAdmin(KeptForeverMixin, admin.ModelAdmin):
    list_display = ("__str__", "election", "starts_on", "ends_on", "chair_label", "follows_rule")
    list_select_related = ("election",)
    ordering = ("-starts_on",)
    fields = ("election", "starts_on", "ends_on", "chair", "note")
    formfield_overrides = SHORT_TEXT

    def get_readonly_fields(self, request, obj=None):
        # Plans and their history are computed from the dates: fixed once the term started or has plans.
        return ("election", "starts_on", "ends_on") if obj is not None and obj.dates_frozen() else ()

    @admin.display(boolean=True, description=_("follows the term rule"))
    def follows_rule(self, obj):
        return obj.follows_rule()

    @admin.display(description=_("chair of the regional council"), ordering="chair")
    def chair_label(self, obj):
        return obj.chair_label


# --- Forms -----------------------------------------------------------------------------------


class AdjustmentForm(VersionedAdminForm):
    """A change to a plan: the version it is based on and, for a plan in force, the reason."""

    reason = forms.CharField(label=_("Reason for the adjustment"), max_length=500, required=False,
                             help_text=_("Required for a plan in force: it is kept in the plan's history."),
                             widget=forms.TextInput(attrs={"class": "vTextField"}))
    # Inline rows take the reason from the page's main form (their formset checks it).
    asks_reason = True

    def plan_of(self, cleaned_data) -> ActionPlan | None:
        raise NotImplementedError

    def clean(self):
        cleaned_data = super().clean()
        plan = self.plan_of(cleaned_data)
        if self.asks_reason and plan is not None and self.content_changes():
            try:
                plan.check_reason(cleaned_data.get("reason", ""))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class ActionPlanForm(AdjustmentForm):
    def plan_of(self, cleaned_data):
        return self.instance if self.instance.pk else None


class GoalForm(AdjustmentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "plan" in self.fields:
            self.fields["plan"].queryset = ActionPlan.objects.editable().select_related("area", "term")

    def plan_of(self, cleaned_data):
        return cleaned_data.get("plan") or (self.instance.plan if self.instance.plan_id else None)


class InitiativeForm(AdjustmentForm):
    requires_kind = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "goal" in self.fields:
            field = self.fields["goal"]
            field.queryset = Goal.objects.present().filter(plan__in=ActionPlan.objects.editable()).select_related(
                "plan__area", "plan__term")
            # A goal's title alone is ambiguous: a revision carries goals forward into the next plan.
            field.label_from_instance = lambda goal: f"{goal.plan} – {goal.title}"
        if "kind" in self.fields and self.requires_kind:
            # As in the portal: every initiative written or changed says its kind of international work.
            self.fields["kind"].required = True

    def plan_of(self, cleaned_data):
        goal = cleaned_data.get("goal") or (self.instance.goal if self.instance.goal_id else None)
        return goal.plan if goal else None


class GoalInlineForm(GoalForm):
    asks_reason = False


class InitiativeInlineForm(InitiativeForm):
    asks_reason = False
    # Unchanged rows of a goal's initiatives are validated too: one written before kinds were asked for must not
    # stop the goal's save. A new row states its kind (Initiative.clean).
    requires_kind = False


class PlanContentFormSet(forms.BaseInlineFormSet):
    """Goals under a plan or initiatives under a goal: changing a plan in force needs the page's reason."""

    def clean(self):
        super().clean()
        parent = self.instance
        plan = parent if isinstance(parent, ActionPlan) else (parent.plan if parent.plan_id else None)
        # (No plan: a new goal whose own form was refused; that form says why.)
        if plan is not None and any(form.content_changes() for form in self.forms):
            try:
                plan.check_reason(self.data.get("reason", ""))
            except ValidationError as error:
                raise ValidationError(error.messages) from None


# --- Inlines -----------------------------------------------------------------------------------


class PlanContentInlineMixin(KeptForeverMixin):
    """Nothing is added to or changed in a plan that is history. ``plan_of(parent)`` is the parent's plan.
    Removed goals and initiatives stay out of the form; they are read on their own pages."""

    formset = PlanContentFormSet
    extra = 0
    show_change_link = True

    def plan_of(self, parent):
        raise NotImplementedError

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or self.plan_of(obj).is_editable())

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or self.plan_of(obj).is_editable())

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not self.plan_of(obj).is_editable():
            fields = [f for f in fields if f not in EDIT_FIELDS]  # only read: nothing is adjusted
        return fields

    def get_queryset(self, request):
        return super().get_queryset(request).present()


class GoalInline(PlanContentInlineMixin, CheckboxesMixin, LabelledTabularInline):
    model = Goal
    form = GoalInlineForm
    fields = ("title", "description", "purposes", "principles", "position", "expected_version")
    readonly_fields = ("position",)
    formfield_overrides = {models.TextField: SMALL_TEXT}

    def plan_of(self, parent):
        return parent

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("purposes", "principles")


class InitiativeInline(PlanContentInlineMixin, CheckboxesMixin, admin.StackedInline):
    model = Initiative
    form = InitiativeInlineForm
    fields = (*INITIATIVE_FIELDS, "expected_version")
    readonly_fields = REPORTED_FIELDS
    formfield_overrides = SHORT_TEXT

    def plan_of(self, parent):
        return parent.plan


class AdjustmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Adjustment
    fields = ("number", "made_at", "made_by", "reason", "summary")
    readonly_fields = fields
    ordering = ("-number",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("made_by")


# --- Plans, goals, initiatives ---------------------------------------------------------------


class PlanContentAdmin(ServiceAdminMixin, KeptForeverMixin, CheckboxesMixin, admin.ModelAdmin):
    """Shared by the plan, goal and initiative admins. ``plan_of(obj)`` is the plan the object belongs to;
    ``save_item`` hands a goal or an initiative to its service."""

    formfield_overrides = SHORT_TEXT
    # Fields the revision cycle or the portal's moves set; read only once the object exists.
    fixed_after_adding = ()

    def plan_of(self, obj):
        raise NotImplementedError

    def is_editable(self, obj) -> bool:
        return obj is None or self.plan_of(obj).is_editable()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.is_editable(obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not self.is_editable(obj):
            fields = [f for f in fields if f not in EDIT_FIELDS]  # only read: nothing is adjusted
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, *self.fixed_after_adding) if obj is not None else readonly

    def save_related(self, request, form, formsets, change):
        # The services set the many-to-many fields of what they save: no form.save_m2m() here.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model not in (Goal, Initiative):
            return super().save_formset(request, form, formset, change)
        reason = form.cleaned_data.get("reason", "")
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for item_form in formset.initial_forms:
            if changed := item_form.content_changes():
                save_item(item_form.instance, item_form, reason=reason, user=request.user)
                formset.changed_objects.append((item_form.instance, changed))
        for item_form in formset.extra_forms:
            if item_form.has_changed():
                item = formset.save_new(item_form, commit=False)
                save_item(item, item_form, reason=reason, user=request.user)
                formset.new_objects.append(item)


def save_item(item, form, *, reason: str, user):
    """Save a goal or an initiative (with its new values) through its service, which records the adjustment."""
    expected = form.cleaned_data.get("expected_version") if item.pk else None
    if isinstance(item, Goal):
        services.save_goal(goal=item, purposes=form.cleaned_data["purposes"],
                           principles=form.cleaned_data.get("principles"), expected_version=expected, reason=reason,
                           by=user)
    else:
        services.save_initiative(initiative=item, **{name: form.cleaned_data.get(name) for name in INITIATIVE_LINKS},
                                 expected_version=expected, reason=reason, by=user)


@admin.register(ActionPlan)
class ActionPlanAdmin(PlanContentAdmin):
    form = ActionPlanForm
    list_display = ("__str__", "area", "term", "status", "adopted_on", "goal_count", "version", "updated_at")
    list_filter = ("status", "area", "term")
    search_fields = ("area__name_da", "area__name_en", "summary")
    ordering = ("area__position", "-term__starts_on")
    fixed_after_adding = ("area", "term", "status", "adopted_on", "previous", "created_at", "updated_at")
    inlines = [GoalInline, AdjustmentInline]

    def plan_of(self, obj):
        return obj

    fields = ("area", "term", "status", "adopted_on", "previous", "summary", "reason", "expected_version",
              "created_at", "updated_at")

    def get_fields(self, request, obj=None):
        if obj is None:
            # A new plan is a draft for the current term, started as in the portal (services.start_revision).
            return ["area", "previous", "summary"]
        return super().get_fields(request, obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "previous":
            # A plain select (the plans are few); a plan is named by its area and term.
            kwargs["queryset"] = ActionPlan.objects.select_related("area", "term")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        # The area and term name the plan; the term also says whether it may be changed.
        return super().get_queryset(request).select_related("area", "term").annotate(
            goal_count=Count("goals", filter=Q(goals__removed_at__isnull=True))
        )

    @admin.display(description=Goal._meta.verbose_name_plural, ordering="goal_count")
    def goal_count(self, obj):
        return obj.goal_count

    def save_model(self, request, obj, form, change):
        summary = form.cleaned_data.get("summary", "")
        if not change:
            draft = services.start_revision(area=obj.area, previous=obj.previous, goal_ids=[], initiative_ids=[],
                                            by=request.user)
            obj.pk = draft.pk
            obj.refresh_from_db()
            if summary and summary != obj.summary:
                services.save_plan_summary(plan=obj, summary=summary, expected_version=obj.version, reason="",
                                           by=request.user)
        elif "summary" in form.changed_data:
            services.save_plan_summary(plan=obj, summary=summary, expected_version=form.cleaned_data[
                "expected_version"], reason=form.cleaned_data.get("reason", ""), by=request.user)
        obj.refresh_from_db()


@admin.register(Goal)
class GoalAdmin(PlanContentAdmin):
    form = GoalForm
    list_display = ("title", "plan", "position", "purpose_numbers", "removed_at")
    list_filter = ("plan__area", "plan__term", "plan__status", "purposes", "principles",
                   ("removed_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "description")
    ordering = ("plan__area__position", "-plan__term__starts_on", "position", "id")
    fields = ("plan", "title", "description", "purposes", "principles", "position", "removed_at", "reason",
              "expected_version")
    readonly_fields = ("position", "removed_at")
    fixed_after_adding = ("plan",)
    inlines = [InitiativeInline]

    def plan_of(self, obj):
        return obj.plan

    def is_editable(self, obj):
        return super().is_editable(obj) and (obj is None or obj.removed_at is None)

    def get_queryset(self, request):
        # The plan's area and term name the plan; the term also says whether the goal may be changed.
        # (A select_related here replaces list_select_related in the list.)
        return super().get_queryset(request).select_related("plan__area", "plan__term").prefetch_related("purposes")

    @admin.display(description=Goal._meta.get_field("purposes").verbose_name)
    def purpose_numbers(self, obj):
        return ", ".join(str(purpose.number) for purpose in obj.purposes.all())

    def save_model(self, request, obj, form, change):
        if not change or form.content_changes():
            save_item(obj, form, reason=form.cleaned_data.get("reason", ""), user=request.user)


@admin.register(Initiative)
class InitiativeAdmin(PlanContentAdmin):
    form = InitiativeForm
    list_display = ("title", "goal", "plan", "owner", "status", "starts_on", "ends_on", "progress", "removed_at")
    list_filter = (
        "status", "kind", "goal__plan__area", "goal__plan__term", "track", "funding_sources", "coordination_partners",
        "supported_plans", "offices",
        ("removed_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("title", "description", "owner", "department", "goal__title")
    ordering = ("goal__plan__area__position", "-goal__plan__term__starts_on", "goal__position", "position", "id")
    date_hierarchy = "starts_on"
    fields = ("goal", *INITIATIVE_FIELDS, "removed_at", "reason", "expected_version")
    readonly_fields = (*REPORTED_FIELDS, "removed_at")
    fixed_after_adding = ("goal",)

    def plan_of(self, obj):
        return obj.goal.plan

    def is_editable(self, obj):
        return super().is_editable(obj) and (obj is None or (obj.removed_at is None and obj.goal.removed_at is None))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("goal__plan__area", "goal__plan__term")

    @admin.display(description=ActionPlan._meta.verbose_name, ordering="goal__plan")
    def plan(self, obj):
        return obj.goal.plan

    def save_model(self, request, obj, form, change):
        if not change or form.content_changes():
            save_item(obj, form, reason=form.cleaned_data.get("reason", ""), user=request.user)


# --- Records written by the portal -----------------------------------------------------------------


@admin.register(Adjustment)
class AdjustmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("plan", "number", "made_at", "made_by", "summary", "reason")
    list_filter = ("plan__area", "plan__term")
    search_fields = ("summary", "reason", "made_by__username")
    date_hierarchy = "made_at"
    list_select_related = ("plan__area", "plan__term", "made_by")
    ordering = ("-made_at", "-id")
    fields = ("plan", "number", "made_at", "made_by", "reason", "summary", "changes")

    def get_queryset(self, request):
        # The list shows no changes (a plan's first adjustment holds its whole content): read them only where one
        # adjustment is shown.
        return super().get_queryset(request).defer("changes")


@admin.register(RevisionReminder)
class RevisionReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("area", "term", "kind", "sent_at")
    list_filter = ("kind", "area", "term")
    list_select_related = ("area", "term")
    ordering = ("-sent_at",)
    fields = ("area", "term", "kind", "sent_at", "recipients")


# --- Follow-up ---------------------------------------------------------------------------------------------


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Status updates are reported in the portal and never changed (the database refuses it)."""

    list_display = ("initiative", "as_of", "status", "progress", "round", "made_by", "made_at")
    list_filter = ("status", "round", "initiative__goal__plan__area")
    search_fields = ("initiative__title", "narrative", "made_by__username")
    date_hierarchy = "as_of"
    list_select_related = ("initiative", "round", "made_by")
    ordering = ("-as_of", "-id")
    fields = ("initiative", "as_of", "status", "progress", "narrative", "round", "made_by", "made_at")


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Rounds are opened and closed in the portal (Reporting rounds), where the rules are checked."""

    list_display = ("__str__", "deadline", "is_open", "opened_by", "closed_at")
    list_select_related = ("opened_by",)
    ordering = ("-as_of",)
    fields = ("as_of", "deadline", "is_open", "opened_by", "opened_at", "closed_by", "closed_at")


class FollowUpAdmin(KeptForeverMixin, admin.ModelAdmin):
    """Milestones and indicators of an initiative; a plan that is history refuses changes (model and database)."""

    list_select_related = ("initiative__goal__plan__area", "initiative__goal__plan__term")
    search_fields = ("initiative__title",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "initiative":
            kwargs["queryset"] = Initiative.objects.present().filter(
                goal__plan__in=ActionPlan.objects.editable()).select_related("goal__plan__area", "goal__plan__term")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Milestone)
class MilestoneAdmin(FollowUpAdmin):
    list_display = ("title", "initiative", "due_on", "done_on")
    list_filter = (("done_on", admin.EmptyFieldListFilter),)
    ordering = ("due_on", "id")
    fields = ("initiative", "title", "due_on", "done_on")


@admin.register(Indicator)
class IndicatorAdmin(FollowUpAdmin):
    list_display = ("name", "initiative", "baseline", "target", "target_on")
    ordering = ("initiative", "id")
    fields = ("initiative", "name", "unit", "baseline", "target", "target_on")


@admin.register(StatusReminder)
class StatusReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("area", "round", "kind", "sent_at")
    list_filter = ("kind", "area", "round")
    list_select_related = ("area", "round")
    ordering = ("-sent_at",)
    fields = ("area", "round", "kind", "sent_at", "recipients")
