"""Today's visits as XLSX or CSV (``downloads.exports``): columns, task and view.

The visit page lists today's visits at the user's contact points; the export holds
the same rows (the use per month is the page for longer periods).
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet, Value
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from quartier.accounts.access import allow
from quartier.downloads.exports import Column, ListExport, make_list_export, request_list_export
from quartier.learning.appointments.access import APPOINTMENT_STAFF
from quartier.learning.models import Visit
from quartier.lib.languages import language_name
from quartier.places.directory import current_site_pack, site_calendar


def visit_rows(user, query: QueryDict, subject=None) -> QuerySet[Visit]:
    """Today's visits in the site's time zone, as ``views.visit_list`` lists them."""
    zone = site_calendar(current_site_pack()).zone
    start = datetime.combine(timezone.now().astimezone(zone).date(), time.min, tzinfo=zone)
    return (
        Visit.objects.filter(at__gte=start, at__lt=start + timedelta(days=1))
        .select_related("contact_point")
        .annotate(zone_name=Value(str(zone)))  # the site's zone for every row, read once
        .order_by("-at", "-pk")
    )


def _local_time(visit: Visit) -> datetime:
    return visit.at.astimezone(ZoneInfo(visit.zone_name))  # type: ignore[attr-defined]


VISITS = ListExport(
    kind="learning.visits",
    title=gettext_lazy("Visits"),
    access=APPOINTMENT_STAFF,
    columns=[
        Column(gettext_lazy("Time"), _local_time),
        Column(gettext_lazy("Place"), lambda visit: visit.contact_point.name),
        Column(gettext_lazy("Kind"), lambda visit: visit.get_kind_display()),
        Column(gettext_lazy("People"), lambda visit: visit.people),
        Column(
            gettext_lazy("Language"),
            lambda visit: language_name(visit.language) if visit.language else "",
        ),
        Column(gettext_lazy("Duration (minutes)"), lambda visit: visit.duration_minutes),
    ],
    rows=visit_rows,
)


@task()
def export_visits(download_id: int, file_format: str, query: str, language: str) -> None:
    make_list_export(VISITS, download_id, file_format, query, language)


@allow(APPOINTMENT_STAFF)
def visit_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """Today's visits as XLSX or CSV; made as a download."""
    return request_list_export(
        request, VISITS, export_visits, file_format, reverse("learning:visits")
    )
