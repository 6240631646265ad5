"""Downloads, included under ``staff/downloads/`` (``downloads:…``)."""

from django.urls import path

from quartier.downloads import views

app_name = "downloads"

urlpatterns = [
    path("<uuid:code>/", views.status, name="status"),
    path("<uuid:code>/file", views.file, name="file"),
]
