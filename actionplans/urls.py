from django.urls import path, register_converter

from actionplans import exports, follow_up, reports, views


class KindConverter:
    regex = "goal|initiative"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class DirectionConverter(KindConverter):
    regex = "up|down"


class FollowUpConverter(KindConverter):
    regex = "milestone|indicator"


register_converter(KindConverter, "kind")
register_converter(DirectionConverter, "direction")
register_converter(FollowUpConverter, "follow_up")

app_name = "actionplans"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("area/<slug:code>/", views.area_detail, name="area_detail"),
    path("area/<slug:code>/start-revision/", views.start_revision, name="start_revision"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/adopt/", views.adopt, name="adopt"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/reporting/", follow_up.reporting, name="reporting"),
    path("initiatives/<int:pk>/", follow_up.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/status/", follow_up.status_update, name="status_update"),
    path("initiatives/<int:pk>/<follow_up:kind>/add/", follow_up.follow_up_add, name="follow_up_add"),
    path("rounds/", follow_up.rounds, name="rounds"),
    path("rounds/<int:pk>/", follow_up.round_detail, name="round_detail"),
    path("rounds/<int:pk>/close/", follow_up.round_close, name="round_close"),
    path("<int:pk>/compare/", views.compare_versions, name="compare_versions"),
    path("<int:pk>/compare-previous/", views.compare_previous, name="compare_previous"),
    path("<int:pk>/print/", exports.print_plan, name="print"),
    path("<int:pk>/export.pdf", exports.plan_pdf, name="export_pdf"),
    path("<int:pk>/export.xlsx", exports.plan_xlsx, name="export_xlsx"),
    path("<int:pk>/export.csv", exports.plan_csv, name="export_csv"),
    path("<int:pk>/import/", views.plan_import, name="plan_import"),
    path("<int:pk>/import/<int:import_pk>/", views.import_preview, name="import_preview"),
    path("import-template.xlsx", views.import_template, name="import_template"),
    path("<int:plan_pk>/goals/add/", views.goal_edit, name="goal_add"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:goal_pk>/initiatives/add/", views.initiative_edit, name="initiative_add"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("<kind:kind>/<int:pk>/remove/", views.item_remove, name="item_remove"),
    path("<kind:kind>/<int:pk>/move/<direction:direction>/", views.item_move, name="item_move"),
    path("rounds/<int:pk>/report/", reports.round_report, name="round_report"),
    path("rounds/<int:pk>/report/print/", reports.round_report_print, name="round_report_print"),
    path("rounds/<int:pk>/report.pdf", reports.round_report_pdf, name="round_report_pdf"),
    path("rounds/<int:pk>/report.xlsx", reports.round_report_xlsx, name="round_report_xlsx"),
]
