"""Data-subject rights, included by ``people/urls.py`` under ``staff/people/`` (``people:…``)."""

from django.urls import path

from quartier.people import rights_views

urlpatterns = [
    path("<uuid:code>/consent-sheet.pdf", rights_views.consent_sheet, name="consent-sheet"),
    path("<uuid:code>/export.json", rights_views.export_json, name="export-json"),
    path("<uuid:code>/export.pdf", rights_views.export_pdf, name="export-pdf"),
    path("<uuid:code>/erase/", rights_views.erase, name="erase"),
]
