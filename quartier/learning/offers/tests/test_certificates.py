"""Certificates of attendance, in the person's language, read back from the PDF."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from pypdf import PdfReader

from quartier.accounts.models import AuditEntry
from quartier.downloads.models import Download
from quartier.learning.offers.attendance import set_attendance
from quartier.learning.offers.registrations import register
from quartier.people.rights import request_erasure
from quartier.tests.downloads import fetch_file

from .fixtures import *  # noqa: F403
from .fixtures import at, make_offer, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"learning:{name}", kwargs=kwargs)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


TITLES = {"de": "Digitale Grundlagen", "ru": "Цифровые основы", "ar": "أساسيات رقمية"}


def attended_course(home_org, coordinator, registration_kwargs):
    offer = make_offer(
        home_org, coordinator, kind="taster", title=TITLES, dates=[at(1, 10), at(8, 10), at(10, 10)]
    )
    registration = register(offer, coordinator, **registration_kwargs)
    first, second, _third = offer.dates.order_by("starts_at")
    set_attendance(registration, first, True, coordinator)
    set_attendance(registration, second, True, coordinator)
    return registration


def test_a_participants_certificate_is_in_their_language_and_lists_the_dates_attended(
    client, coordinator, counsellor, home_org, project, django_capture_on_commit_callbacks
):
    olga = person(home_org, project, counsellor, "Ольга", "Иванова", "ru")
    registration = attended_course(home_org, coordinator, {"participant": olga})
    client.force_login(coordinator)
    response = fetch_file(
        client, django_capture_on_commit_callbacks, url("certificate", code=registration.code)
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Ольга Иванова" in text
    assert "Цифровые основы" in text
    assert "Beratung Ost" in text
    # Dates in Russian (Django's locale); the texts follow once the catalogue has them.
    assert "1 июня 2026" in text and "8 июня 2026" in text
    assert "10 июня" not in text
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="learning.certificate.printed").count() == 1


def test_a_residents_certificate_is_in_the_language_they_chose_arabic_right_to_left(
    client, coordinator, home_org, django_capture_on_commit_callbacks
):
    registration = attended_course(
        home_org,
        coordinator,
        {"name": "Rami Haddad", "email": "rami@example.org", "language": "ar"},
    )
    client.force_login(coordinator)
    address = url("certificate", code=registration.code)
    text = pdf_text(fetch_file(client, django_capture_on_commit_callbacks, address).content)
    assert "Rami Haddad" in text
    # pypdf returns Arabic in visual order; compare letters, not their order.
    assert set("أساسيات رقمية".replace(" ", "")) <= set(text)


def test_the_persons_certificates_are_deleted_when_they_are_erased(
    client, coordinator, counsellor, home_org, project, django_capture_on_commit_callbacks
):
    olga = person(home_org, project, counsellor, "Ольга", "Иванова", "ru")
    registration = attended_course(home_org, coordinator, {"participant": olga})
    client.force_login(coordinator)
    fetch_file(
        client, django_capture_on_commit_callbacks, url("certificate", code=registration.code)
    )
    date = registration.offer.dates.order_by("starts_at").first()
    fetch_file(client, django_capture_on_commit_callbacks, url("check-in-pdf", pk=date.pk))
    with scopes_disabled():
        names = list(Download.objects.values_list("file", flat=True))
    assert len(names) == 2
    with django_capture_on_commit_callbacks(execute=True):
        request_erasure(olga, counsellor)
    with scopes_disabled():
        assert not Download.objects.exists()
    assert not any(default_storage.exists(name) for name in names)
