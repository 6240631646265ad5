"""Staff pages to import business lists; the pages themselves are the generic import's."""

from django.http import HttpRequest, HttpResponse

from quartier.accounts.access import allow
from quartier.economy.businesses.importer import BUSINESSES, IMPORTERS
from quartier.imports import views as imports


def _job(request: HttpRequest, code):
    return imports.get_job(request, BUSINESSES, code)


@allow(IMPORTERS)
def import_upload(request: HttpRequest) -> HttpResponse:
    return imports.upload(request, BUSINESSES)


@allow(IMPORTERS)
def import_mapping(request: HttpRequest, code) -> HttpResponse:
    return imports.mapping(request, BUSINESSES, _job(request, code))


@allow(IMPORTERS)
def import_preview(request: HttpRequest, code) -> HttpResponse:
    return imports.preview(request, BUSINESSES, _job(request, code))


@allow(IMPORTERS)
def import_write(request: HttpRequest, code) -> HttpResponse:
    return imports.write(request, BUSINESSES, _job(request, code))


@allow(IMPORTERS)
def import_status(request: HttpRequest, code) -> HttpResponse:
    return imports.status(request, BUSINESSES, _job(request, code))
