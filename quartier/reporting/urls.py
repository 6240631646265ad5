from django.urls import path

from quartier.reporting import dashboard_views, funder, measure_views, period_report, views

app_name = "reporting"

urlpatterns: list = [
    path("", dashboard_views.dashboard_page, name="dashboard"),
    path(
        "export/<slug:table>/<str:file_format>/",
        dashboard_views.table_export,
        name="table-export",
    ),
    path("targets/", views.targets, name="targets"),
    path("incomplete/", views.incomplete, name="incomplete"),
    path("measures/", measure_views.measure_list, name="measure-list"),
    path("measures/<slug:slug>/", measure_views.measure_definition, name="measure-definition"),
    path("funder-records/", funder.funder_records, name="funder-records"),
    path("period-report/", period_report.period_report, name="period-report"),
]
