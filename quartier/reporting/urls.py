from django.urls import path

from quartier.reporting import funder, period_report

app_name = "reporting"

urlpatterns: list = [
    path("funder-records/", funder.funder_records, name="funder-records"),
    path("period-report/", period_report.period_report, name="period-report"),
]
