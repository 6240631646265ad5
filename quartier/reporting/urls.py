from django.urls import path

from quartier.reporting import funder

app_name = "reporting"

urlpatterns: list = [
    path("funder-records/", funder.funder_records, name="funder-records"),
]
