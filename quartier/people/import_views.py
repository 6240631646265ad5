"""Staff pages to import participant lists; the pages themselves are the generic import's."""

from django.http import HttpRequest, HttpResponse

from quartier.accounts.access import allow
from quartier.imports import views as imports
from quartier.people.importer import IMPORTERS, PARTICIPANTS


def _job(request: HttpRequest, code):
    return imports.get_job(request, PARTICIPANTS, code)


@allow(IMPORTERS)
def import_upload(request: HttpRequest) -> HttpResponse:
    return imports.upload(request, PARTICIPANTS)


@allow(IMPORTERS)
def import_mapping(request: HttpRequest, code) -> HttpResponse:
    return imports.mapping(request, PARTICIPANTS, _job(request, code))


@allow(IMPORTERS)
def import_preview(request: HttpRequest, code) -> HttpResponse:
    return imports.preview(request, PARTICIPANTS, _job(request, code))


@allow(IMPORTERS)
def import_write(request: HttpRequest, code) -> HttpResponse:
    return imports.write(request, PARTICIPANTS, _job(request, code))


@allow(IMPORTERS)
def import_status(request: HttpRequest, code) -> HttpResponse:
    return imports.status(request, PARTICIPANTS, _job(request, code))
