from django.urls import path

from partners import exports, views

app_name = "partners"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.csv", exports.regions_csv, name="export_csv"),
    path("export.xlsx", exports.regions_xlsx, name="export_xlsx"),
    path("add/", views.region_edit, name="region_add"),
    path("<int:pk>/", views.region_detail, name="region_detail"),
    path("<int:pk>/print/", views.region_print, name="region_print"),
    path("<int:pk>/factsheet.pdf", exports.region_pdf, name="region_pdf"),
    path("<int:pk>/edit/", views.region_edit, name="region_edit"),
    path("<int:pk>/decisions/add/", views.decision_add, name="decision_add"),
    path("tracks/", views.track_list, name="track_list"),
    path("tracks/add/", views.track_edit, name="track_add"),
    path("tracks/<int:pk>/", views.track_detail, name="track_detail"),
    path("tracks/<int:pk>/edit/", views.track_edit, name="track_edit"),
]
