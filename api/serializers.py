"""What the open-data API returns: both languages of every name and text, codes for what is linked. Readers who
are not readers of the portal (`full` in the context is False) get no staff names: an initiative's `owner` is
null, and an internal narrative is empty."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actionplans.models import ActionPlan, Goal, Initiative, ReportingRound
from partners.models import PartnerRegion, StatusDecision, StrategicTrack
from public.selectors import shown_narrative
from strategy.models import Area, Purpose, Strategy


class StrategySerializer(serializers.ModelSerializer):
    class Meta:
        model = Strategy
        fields = ["title_da", "title_en", "adopted_on", "international_name", "vision_da", "vision_en",
                  "summary_da", "summary_en"]


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["code", "name_da", "name_en", "position", "retired_on"]


class PurposeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Purpose
        fields = ["number", "name_da", "name_en", "description_da", "description_en"]


class StatusDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusDecision
        fields = ["decided_on", "status", "reference"]


class PartnerRegionSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")
    office = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    fields_of_cooperation = serializers.SlugRelatedField(source="fields", slug_field="code", many=True,
                                                         read_only=True)
    status_history = StatusDecisionSerializer(source="status_decisions", many=True, read_only=True)

    class Meta:
        model = PartnerRegion
        fields = ["code", "name_da", "name_en", "name_native", "name_unknown", "country", "kind", "status",
                  "status_changed_on", "office", "fields_of_cooperation", "cooperation_since", "latitude", "longitude",
                  "status_history"]


class StrategicTrackSerializer(serializers.ModelSerializer):
    # Null where the sources name no owning area (the starting tracks).
    area = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    partner_regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = StrategicTrack
        fields = ["code", "name_da", "name_en", "area", "department", "description_da", "description_en",
                  "partner_regions", "retired_on"]


class GoalSerializer(serializers.ModelSerializer):
    purposes = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "title", "description", "purposes", "position"]


class PlanSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    term_starts_on = serializers.DateField(source="term.starts_on")
    term_ends_on = serializers.DateField(source="term.ends_on")
    status_public = serializers.BooleanField(
        help_text="Whether the initiatives' latest reported status is shown (always true for token holders).")
    goals = GoalSerializer(source="present_goals", many=True, read_only=True)

    class Meta:
        model = ActionPlan
        fields = ["id", "area", "term_starts_on", "term_ends_on", "status", "adopted_on", "summary",
                  "status_public", "goals"]


class LatestStatusSerializer(serializers.Serializer):
    as_of = serializers.DateField(source="latest_as_of")
    status = serializers.CharField(source="latest_status")
    progress = serializers.IntegerField(source="latest_progress")
    narrative = serializers.SerializerMethodField()

    def get_narrative(self, initiative) -> str:
        return shown_narrative(initiative, self.context["full"])


class InitiativeSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="goal.plan_id")
    area = serializers.CharField(source="goal.plan.area.code")
    goal_title = serializers.CharField(source="goal.title")
    owner = serializers.SerializerMethodField(help_text="The person or unit responsible; null without a token.")
    track = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    partner_regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    latest_status = serializers.SerializerMethodField(
        help_text="The latest status update; null before the first one, or when the plan's status is not public.")

    class Meta:
        model = Initiative
        fields = ["id", "plan", "area", "goal", "goal_title", "title", "description", "owner", "department",
                  "track", "partner_regions", "starts_on", "ends_on", "position", "latest_status"]

    def get_owner(self, initiative) -> str | None:
        return initiative.owner if self.context["full"] else None

    @extend_schema_field(LatestStatusSerializer(allow_null=True))
    def get_latest_status(self, initiative):
        if initiative.latest_status is None:
            return None
        return LatestStatusSerializer(initiative, context=self.context).data


class ReportSerializer(serializers.ModelSerializer):
    report = serializers.JSONField(help_text="The council's status report as it was frozen when the round closed.")

    class Meta:
        model = ReportingRound
        fields = ["id", "as_of", "deadline", "closed_at", "report"]
