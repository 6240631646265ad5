"""The import pages, for any importer. An app's views wrap these with ``@allow(...)``.

upload → columns (mapping) → preview → write (POST) → status. Every page but
the upload needs the job, which ``get_job`` finds only for the person who
uploaded it, in an organisation where they may still import (the scope of a view
under the importer's ``access``).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import select_template
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.imports import services
from quartier.imports.base import Importer
from quartier.imports.messages import located
from quartier.imports.models import ImportJob

PAGE_SIZE = 100
# The preview lists every error; beyond this many, the user fixes the file first anyway.
MAX_ERRORS_SHOWN = 500
STATUS_REFRESH_SECONDS = 2


def get_job(request: HttpRequest, importer: Importer, code) -> ImportJob:
    """The user's own job of this kind, or 404 (other people's and organisations' alike)."""
    # The cells and the preview can be megabytes: loaded only by the pages that show them.
    return get_object_or_404(
        ImportJob.objects.filter(kind=importer.kind, created_by=request.user).defer("rows", "plan"),
        public_id=code,
    )


def _render(request, importer: Importer, page: str, context: dict) -> HttpResponse:
    template = select_template([f"{importer.template_dir}/{page}.html", f"imports/{page}.html"])
    return HttpResponse(
        template.render({"importer": importer, "urls": importer.url_names, **context}, request)
    )


def upload(request: HttpRequest, importer: Importer) -> HttpResponse:
    form = importer.upload_form(
        request.POST or None,
        request.FILES or None,
        organisations=importer.access.organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        job = services.start_import(
            importer,
            form.organisation_id(),
            request.user,
            form.table,
            form.cleaned_data["file"].name,
            form.options(),
        )
        return redirect(importer.url_names["mapping"], code=job.public_id)
    return _render(request, importer, "upload", {"form": form})


def mapping(request: HttpRequest, importer: Importer, job: ImportJob) -> HttpResponse:
    if not job.is_open:
        return redirect(importer.url_names["status"], code=job.public_id)
    form = importer.mapping_form(request.POST or None, job=job, importer=importer)
    if request.method == "POST" and form.is_valid():
        try:
            services.check(job, importer, request.user, form.mapping(), form.options())
        except services.ImportRefused:
            return redirect(importer.url_names["status"], code=job.public_id)
        return redirect(importer.url_names["preview"], code=job.public_id)
    return _render(request, importer, "mapping", {"form": form, "job": job})


def _worded(rows: list[dict], importer: Importer) -> list[dict]:
    """Rows of the stored plan with their problems as sentences and changed fields by label."""
    labels = {f.name: f.label for f in importer.fields}
    return [
        {
            **row,
            "errors": [located(row["number"], p, importer.messages) for p in row["errors"]],
            "warnings": [located(row["number"], p, importer.messages) for p in row["warnings"]],
            "changes": [labels.get(name, name) for name in row["changes"]],
        }
        for row in rows
    ]


def preview(request: HttpRequest, importer: Importer, job: ImportJob) -> HttpResponse:
    if job.status == ImportJob.Status.UPLOADED:
        return redirect(importer.url_names["mapping"], code=job.public_id)
    if not job.is_open:
        return redirect(importer.url_names["status"], code=job.public_id)
    error_rows = [row for row in job.plan if row["errors"]]
    page = Paginator(job.plan, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(
        request,
        importer,
        "preview",
        {
            "job": job,
            "counts": job.counts,
            "errors": [
                message
                for row in _worded(error_rows[:MAX_ERRORS_SHOWN], importer)
                for message in row["errors"]
            ],
            "errors_left_off": max(len(error_rows) - MAX_ERRORS_SHOWN, 0),
            "page": page,
            "rows": _worded(list(page.object_list), importer),
        },
    )


@require_POST
def write(request: HttpRequest, importer: Importer, job: ImportJob) -> HttpResponse:
    try:
        services.request_write(job, importer, request.user)
    except services.ImportRefused:
        if job.is_open:
            messages.error(request, _("Nothing was written: correct the rows with errors first."))
            return redirect(importer.url_names["preview"], code=job.public_id)
    return redirect(importer.url_names["status"], code=job.public_id)


def status(request: HttpRequest, importer: Importer, job: ImportJob) -> HttpResponse:
    """The progress of a write; while it runs, the page polls its fragment (HTMX) or,
    without JavaScript, reloads itself. The fragment stops polling once the job is done."""
    if job.status == ImportJob.Status.UPLOADED:
        return redirect(importer.url_names["mapping"], code=job.public_id)
    if job.status == ImportJob.Status.PREVIEWED and not job.failure:
        return redirect(importer.url_names["preview"], code=job.public_id)
    fragment = select_template([f"{importer.template_dir}/_status.html", "imports/_status.html"])
    context = {"job": job, "refresh": STATUS_REFRESH_SECONDS, "fragment": fragment}
    if request.htmx:
        response = HttpResponse(
            fragment.render({"importer": importer, "urls": importer.url_names, **context}, request)
        )
    else:
        response = _render(request, importer, "status", context)
    patch_vary_headers(response, ("HX-Request",))
    return response
