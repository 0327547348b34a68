"""The portal's Django admin site: its headings, and Danish names for the parts that come from libraries."""

from django.contrib import admin
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

# Names that django-axes (lock-outs) and django-otp (second-factor devices) show in the admin without a Danish
# translation of their own; locale/da holds them. django-otp's names are plain strings, so the site translates
# every name it lists (PortalAdminSite.get_app_list).
LIBRARY_NAMES = [
    gettext_noop("Axes"), gettext_noop("access attempt"), gettext_noop("access attempts"),
    gettext_noop("access failure"), gettext_noop("access failures"), gettext_noop("access log"),
    gettext_noop("access logs"), gettext_noop("Username"), gettext_noop("IP Address"), gettext_noop("User Agent"),
    gettext_noop("Path"), gettext_noop("Attempt Time"), gettext_noop("Failed Logins"), gettext_noop("Logout Time"),
    gettext_noop("Access lock out"), gettext_noop("HTTP Accept"), gettext_noop("GET Data"), gettext_noop("POST Data"),
    gettext_noop("Form Data"), gettext_noop("Meta Data"), gettext_noop("Locked Out"), gettext_noop("Expires At"),
    gettext_noop("Otp_Totp"), gettext_noop("TOTP device"), gettext_noop("TOTP devices"),
]


class PortalAdminSite(admin.AdminSite):
    site_header = _("International Strategy Portal – administration")
    site_title = _("International Strategy Portal")
    index_title = _("Administration")

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            app["name"] = gettext(str(app["name"]))
            for model in app["models"]:
                model["name"] = gettext(str(model["name"]))
        return app_list
