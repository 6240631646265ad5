from django.urls import path

from quartier.people import import_views

# Included by people/urls.py under the "people" namespace (staff/people/).
urlpatterns = [
    path("import/", import_views.import_upload, name="import-upload"),
    path("import/<uuid:code>/columns/", import_views.import_mapping, name="import-mapping"),
    path("import/<uuid:code>/", import_views.import_preview, name="import-preview"),
    path("import/<uuid:code>/write/", import_views.import_write, name="import-write"),
    path("import/<uuid:code>/status/", import_views.import_status, name="import-status"),
]
