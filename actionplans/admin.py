"""Admin for elections, council terms and the areas' action plans with their goals and initiatives.

A plan that is history (its council term has ended, or it was superseded: ActionPlan.edit_refusal)
can be read here, never changed, and nothing is added to it; the database refuses the same.
Nothing is deleted. Recorded adjustments and revision reminders are only read.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionplans.models import ActionPlan, Adjustment, CouncilTerm, Election, Goal, Initiative, RevisionReminder
from strategy.admin import SHORT_TEXT, CurrentChoicesForm, KeptForeverMixin, save_counting_versions


def is_editable(plan: ActionPlan | None) -> bool:
    return plan is None or plan.is_editable()


def editable_plans():
    """Plans that may still be changed: their term has not ended and they are not superseded."""
    return ActionPlan.objects.filter(term__ends_on__gte=timezone.localdate()).exclude(
        status=ActionPlan.Status.SUPERSEDED
    )


class ReadOnlyAdminMixin:
    """Records that are written by the portal's services and only read in admin."""

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
    list_display = ("__str__", "election", "starts_on", "ends_on", "follows_rule")
    list_select_related = ("election",)
    ordering = ("-starts_on",)
    fields = ("election", "starts_on", "ends_on", "note")
    formfield_overrides = SHORT_TEXT

    @admin.display(boolean=True, description=_("follows the term rule"))
    def follows_rule(self, obj):
        return obj.follows_rule()


# --- Forms -----------------------------------------------------------------------------------


class ActionPlanForm(CurrentChoicesForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "term" in self.fields:
            # A plan is never added to, or moved into, an ended term.
            self.fields["term"].queryset = self.fields["term"].queryset.filter(ends_on__gte=timezone.localdate())


class GoalForm(CurrentChoicesForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "plan" in self.fields:
            self.fields["plan"].queryset = editable_plans().select_related("area", "term")


class InitiativeForm(CurrentChoicesForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "goal" in self.fields:
            field = self.fields["goal"]
            field.queryset = (
                Goal.objects.present().filter(plan__in=editable_plans()).select_related("plan__area", "plan__term")
            )
            # A goal's title alone is ambiguous: a revision carries goals forward into the next plan.
            field.label_from_instance = lambda goal: f"{goal.plan} – {goal.title}"


# --- Inlines -----------------------------------------------------------------------------------


class PlanContentInlineMixin(KeptForeverMixin):
    """Nothing is added to or changed in a plan that is history. ``plan_of(parent)`` is the parent's plan."""

    extra = 0
    show_change_link = True

    def plan_of(self, parent):
        raise NotImplementedError

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or is_editable(self.plan_of(obj)))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or is_editable(self.plan_of(obj)))


class GoalInline(PlanContentInlineMixin, admin.TabularInline):
    model = Goal
    form = GoalForm
    fields = ("position", "title", "description", "purposes", "removed_at")
    readonly_fields = ("removed_at",)
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}

    def plan_of(self, parent):
        return parent

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "purposes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("purposes")


class InitiativeInline(PlanContentInlineMixin, admin.StackedInline):
    model = Initiative
    form = InitiativeForm
    fields = (
        ("title", "position"),
        "description",
        ("owner", "department"),
        "track",
        "partner_regions",
        "funding_sources",
        ("starts_on", "ends_on"),
        ("status", "progress"),
        "removed_at",
    )
    readonly_fields = ("removed_at",)
    autocomplete_fields = ("partner_regions",)
    formfield_overrides = SHORT_TEXT

    def plan_of(self, parent):
        return parent.plan

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "funding_sources":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


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


class PlanContentAdmin(KeptForeverMixin, admin.ModelAdmin):
    """Shared by the plan, goal and initiative admins: ``plan_of(obj)`` is the plan the object belongs to."""

    formfield_overrides = SHORT_TEXT

    def plan_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or is_editable(self.plan_of(obj)))

    def save_formset(self, request, form, formset, change):
        if formset.model in (Goal, Initiative):
            save_counting_versions(formset)
        else:
            super().save_formset(request, form, formset, change)


@admin.register(ActionPlan)
class ActionPlanAdmin(PlanContentAdmin):
    form = ActionPlanForm
    list_display = ("__str__", "area", "term", "status", "adopted_on", "goal_count", "version", "updated_at")
    list_filter = ("status", "area", "term")
    search_fields = ("area__name_da", "area__name_en", "summary")
    ordering = ("area__position", "-term__starts_on")
    autocomplete_fields = ("previous",)
    fields = ("area", "term", "status", "adopted_on", "previous", "summary", "version", "created_at", "updated_at")
    readonly_fields = ("version", "created_at", "updated_at")
    inlines = [GoalInline, AdjustmentInline]

    def plan_of(self, obj):
        return obj

    def get_queryset(self, request):
        # The area and term name the plan; the term also says whether it may be changed.
        return super().get_queryset(request).select_related("area", "term").annotate(
            goal_count=Count("goals", filter=Q(goals__removed_at__isnull=True))
        )

    @admin.display(description=Goal._meta.verbose_name_plural, ordering="goal_count")
    def goal_count(self, obj):
        return obj.goal_count


@admin.register(Goal)
class GoalAdmin(PlanContentAdmin):
    form = GoalForm
    list_display = ("title", "plan", "position", "purpose_numbers", "removed_at")
    list_filter = ("plan__area", "plan__term", "plan__status", "purposes", ("removed_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "description")
    ordering = ("plan__area__position", "-plan__term__starts_on", "position", "id")
    fields = ("plan", "title", "description", "purposes", "position", "removed_at")
    readonly_fields = ("removed_at",)
    inlines = [InitiativeInline]

    def plan_of(self, obj):
        return obj.plan

    def get_queryset(self, request):
        # The plan's area and term name the plan; the term also says whether the goal may be changed.
        # (A select_related here replaces list_select_related in the list.)
        return super().get_queryset(request).select_related("plan__area", "plan__term").prefetch_related("purposes")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "purposes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Editors compare versions to refuse an edit based on an older one.
        if change and form.has_changed():
            obj.version += 1
        super().save_model(request, obj, form, change)

    @admin.display(description=Goal._meta.get_field("purposes").verbose_name)
    def purpose_numbers(self, obj):
        return ", ".join(str(purpose.number) for purpose in obj.purposes.all())


@admin.register(Initiative)
class InitiativeAdmin(PlanContentAdmin):
    form = InitiativeForm
    list_display = ("title", "goal", "plan", "owner", "status", "starts_on", "ends_on", "progress", "removed_at")
    list_filter = (
        "status", "goal__plan__area", "goal__plan__term", "track", "funding_sources",
        ("removed_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("title", "description", "owner", "department", "goal__title")
    ordering = ("goal__plan__area__position", "-goal__plan__term__starts_on", "goal__position", "position", "id")
    date_hierarchy = "starts_on"
    autocomplete_fields = ("partner_regions",)
    fields = (
        "goal",
        ("title", "position"),
        "description",
        ("owner", "department"),
        "track",
        "partner_regions",
        "funding_sources",
        ("starts_on", "ends_on"),
        ("status", "progress"),
        "removed_at",
    )
    readonly_fields = ("removed_at",)

    def plan_of(self, obj):
        return obj.goal.plan

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("goal__plan__area", "goal__plan__term")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "funding_sources":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            obj.version += 1
        super().save_model(request, obj, form, change)

    @admin.display(description=ActionPlan._meta.verbose_name, ordering="goal__plan")
    def plan(self, obj):
        return obj.goal.plan


# --- Records written by the portal -----------------------------------------------------------------


@admin.register(Adjustment)
class AdjustmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("plan", "number", "made_at", "made_by", "summary", "reason")
    list_filter = ("plan__area", "plan__term")
    search_fields = ("summary", "reason", "made_by__username")
    date_hierarchy = "made_at"
    list_select_related = ("plan__area", "plan__term", "made_by")
    ordering = ("-made_at", "-id")
    fields = ("plan", "number", "made_at", "made_by", "reason", "summary", "snapshot")


@admin.register(RevisionReminder)
class RevisionReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("area", "term", "kind", "sent_at")
    list_filter = ("kind", "area", "term")
    list_select_related = ("area", "term")
    ordering = ("-sent_at",)
    fields = ("area", "term", "kind", "sent_at", "recipients")
