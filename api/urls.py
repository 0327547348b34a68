from django.urls import include, path
from rest_framework.routers import DefaultRouter

from api import views

router = DefaultRouter()
router.register("areas", views.AreaViewSet, basename="area")
router.register("purposes", views.PurposeViewSet, basename="purpose")
router.register("partner-regions", views.PartnerRegionViewSet, basename="partner-region")
router.register("tracks", views.StrategicTrackViewSet, basename="track")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("reports", views.ReportViewSet, basename="report")

app_name = "api"
urlpatterns = [
    path("strategy/", views.strategy, name="strategy"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    # Swagger UI from drf-spectacular-sidecar's files, its set-up script a file too (the CSP allows no inline script).
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
