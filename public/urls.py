from django.urls import path

from public import views

app_name = "public"
urlpatterns = [
    path("accessibility/", views.accessibility_statement, name="accessibility"),
]
