"""The business register as XLSX or CSV (``downloads.exports``): columns, task and view."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django_tasks import task

from quartier.accounts.access import allow
from quartier.downloads.exports import (
    Column,
    ListExport,
    make_list_export,
    request_list_export,
    text,
    yes_no,
)
from quartier.economy.businesses import register
from quartier.economy.businesses.filters import BusinessFilter
from quartier.economy.models import Business


def business_rows(user, query: QueryDict, subject=None) -> QuerySet[Business]:
    """The register's rows (``views.business_list``) under its filters, every page;
    filters the list refuses give no rows, as on the page."""
    supported = register.supported_sme_model() is not None
    business_filter = BusinessFilter(
        query,
        queryset=register.with_supported(
            Business.objects.select_related("sector", "neighbourhood__quarter")
        ),
        supported=supported,
    )
    businesses = business_filter.qs if business_filter.is_valid() else Business.objects.none()
    return businesses.order_by("name", "pk")


BUSINESSES = ListExport(
    kind="economy.businesses",
    title=gettext_lazy("Business register"),
    access=register.READERS,
    columns=[
        Column(gettext_lazy("Name"), lambda business: business.name),
        Column(
            gettext_lazy("Sector"), lambda business: text(business.sector and business.sector.name)
        ),
        Column(gettext_lazy("Address"), lambda business: business.address),
        Column(
            gettext_lazy("Neighbourhood"),
            lambda business: text(business.neighbourhood and business.neighbourhood.name),
        ),
        Column(gettext_lazy("Status"), lambda business: business.get_status_display()),
        Column(gettext_lazy("Trains apprentices"), lambda business: yes_no(business.trains)),
        Column(
            gettext_lazy("Interested in training"),
            lambda business: yes_no(business.interest_in_training),
        ),
        Column(
            gettext_lazy("Interested in hiring"),
            lambda business: yes_no(business.interest_in_hiring),
        ),
        Column(
            gettext_lazy("Supported SME"),
            lambda business: yes_no(getattr(business, "supported", False)),
        ),
    ],
    rows=business_rows,
)


@task()
def export_businesses(download_id: int, file_format: str, query: str, language: str) -> None:
    make_list_export(BUSINESSES, download_id, file_format, query, language)


@allow(register.READERS)
def business_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The register as XLSX or CSV, with its filters and every page; made as a download."""
    return request_list_export(
        request, BUSINESSES, export_businesses, file_format, reverse("economy:business-list")
    )
