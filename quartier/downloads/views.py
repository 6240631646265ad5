"""The download page (polled while the file is made) and the file itself.

Only the user who asked for a download sees it, and only while they still work
at the organisation whose data it holds; anyone else gets 404, as for a
download that has expired.
"""

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse

from quartier.accounts.access import STAFF, allow
from quartier.downloads import services
from quartier.downloads.models import Download
from quartier.lib.partials import render_partial

# Seconds between polls of the download's fragment while the file is made.
POLL_SECONDS = 1


def see_download(download: Download) -> HttpResponse:
    """Send the user to the download's page (303 See Other), where they see it being made.

    For the producers' views, which ask for the file and answer with this.
    """
    response = HttpResponseRedirect(
        reverse("downloads:status", kwargs={"code": download.public_id})
    )
    response.status_code = 303
    return response


@allow(STAFF)
def status(request: HttpRequest, code) -> HttpResponse:
    """The label, "being prepared" (polled), then the link to the file and until when."""
    download = get_object_or_404(services.own_downloads(request.user), public_id=code)
    return render_partial(
        request,
        "downloads/status.html",
        "downloads/_status.html",
        {"download": download, "poll": POLL_SECONDS},
    )


@allow(STAFF)
def file(request: HttpRequest, code) -> HttpResponseBase:
    download = get_object_or_404(services.own_downloads(request.user), public_id=code)
    if not download.is_ready:
        raise Http404
    response = FileResponse(
        services.open_download(download, request.user),
        as_attachment=not download.is_pdf,
        filename=download.file_name,
        content_type=download.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
