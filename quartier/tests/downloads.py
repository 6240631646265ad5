"""Fetching a PDF or an export as a user does: ask, follow to the download's page, open.

The file is made by a task enqueued on commit; pytest-django's test transaction never
commits, so the request runs inside ``django_capture_on_commit_callbacks(execute=True)``
and the immediate task backend (test settings) makes the file at once.
"""

import re

from django.http import HttpResponse

FILE_LINK = re.compile(r'href="(/[^"]+/downloads/[0-9a-f-]+/file)"')


def request_file(client, capture, url: str, data: dict | None = None) -> str:
    """Ask for the file at ``url``; the download page's address it redirects to (303)."""
    with capture(execute=True):
        response = client.get(url, data or {})
    assert response.status_code == 303, (response.status_code, url)
    return response["Location"]


def file_link(page: HttpResponse) -> str:
    """The link to the file on a download page that shows one."""
    match = FILE_LINK.search(page.content.decode())
    assert match, "The download page shows no link to the file."
    return match.group(1)


def read_file(client, file_url: str) -> HttpResponse:
    """The file's answer, with its streamed body gathered into ``content``."""
    response = client.get(file_url)
    assert response.status_code == 200, (response.status_code, file_url)
    body = HttpResponse(b"".join(response.streaming_content), status=response.status_code)
    for header, value in response.items():
        body[header] = value
    return body


def fetch_file(client, capture, url: str, data: dict | None = None) -> HttpResponse:
    """Ask for the file at ``url``, follow to its download page, and open the file there."""
    page = client.get(request_file(client, capture, url, data))
    assert page.status_code == 200
    return read_file(client, file_link(page))
