"""Data-subject rights, included by ``people/urls.py`` under ``staff/people/`` (``people:…``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from quartier.people import person_links, rights_views

urlpatterns = [
    path("<uuid:code>/consent-sheet.pdf", rights_views.consent_sheet, name="consent-sheet"),
    path("<uuid:code>/export.json", rights_views.export_json, name="export-json"),
    path("<uuid:code>/export.pdf", rights_views.export_pdf, name="export-pdf"),
    path("<uuid:code>/erase/", rights_views.erase, name="erase"),
]

# The person page links here. Registered where the URLs are defined, which the
# URLconf loads before any page is rendered.
for url_name, label, order in (
    ("people:consent-sheet", _("Print the information and consent sheet"), 60),
    ("people:export-json", _("Export the data (JSON)"), 70),
    ("people:export-pdf", _("Export the data (PDF)"), 71),
    ("people:erase", _("Erasure request"), 90),
):
    person_links.register(person_links.PersonLink(url_name, label, rights_views.RIGHTS, order))
