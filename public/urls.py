from django.urls import path

from public import views

app_name = "public"
urlpatterns = [
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    # Stable, shareable addresses of what the International Office published (English under /en/).
    path("open/", views.index, name="index"),
    path("open/strategy/", views.strategy, name="strategy"),
    path("open/partners/", views.partners, name="partners"),
    path("open/partners/<slug:code>/", views.region, name="region"),
    path("open/plans/<int:pk>/", views.plan, name="plan"),
    path("open/settings/", views.publication, name="publication"),
]
