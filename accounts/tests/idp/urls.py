from django.contrib.auth import views as auth_views
from django.urls import include, path
from idp import control

urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("control/users/<str:username>", control.set_user, name="control-user"),
]
