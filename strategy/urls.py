from django.urls import path

from strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.home, name="home"),
    path("strategy/", views.strategy_detail, name="strategy_detail"),
]
