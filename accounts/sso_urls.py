"""Single sign-on's addresses. They have no language prefix: the provider knows the callback by one exact URL."""

from django.urls import path

from accounts import views

app_name = "sso"

urlpatterns = [
    path("login/", views.SsoLoginView.as_view(), name="login"),
    path("callback/", views.sso_callback, name="callback"),
]
