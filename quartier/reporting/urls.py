from django.urls import path

from quartier.reporting import views

app_name = "reporting"

urlpatterns: list = [
    path("", views.dashboard_page, name="dashboard"),
    path("export/<slug:table>/<str:file_format>/", views.table_export, name="table-export"),
]
