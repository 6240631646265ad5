"""Attendance per date: the check-in list, no-shows, the printable list, the timeline."""

import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from quartier.learning.offers.attendance import check_in_rows, set_attendance
from quartier.learning.offers.registrations import register
from quartier.tests.downloads import fetch_file

from .fixtures import *  # noqa: F403
from .fixtures import at, make_offer, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"learning:{name}", kwargs=kwargs)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_coordinator_checks_people_in_and_out_with_one_button_each(
    client, coordinator, home_org
):
    offer = make_offer(home_org, coordinator)
    anna = register(offer, None, name="Anna", email="anna@example.org")
    register(offer, None, name="Boris", email="boris@example.org")
    date = offer.dates.get()
    client.force_login(coordinator)
    toggle = url("check-in-toggle", pk=date.pk, code=anna.code)

    response = client.post(toggle, {"present": "1"})
    assert response["Location"] == url("check-in", pk=date.pk) + f"#person-{anna.code}"
    page = client.get(url("check-in", pk=date.pk)).content.decode()
    assert "1 of 2 present" in page
    assert 'aria-pressed="true"' in page and 'aria-pressed="false"' in page

    client.post(toggle, {"present": "0"})
    assert [row["present"] for row in check_in_rows(date)] == [False, False]


def test_after_the_date_whoever_did_not_come_is_a_no_show(coordinator, home_org):
    offer = make_offer(home_org, coordinator, dates=[at(17, 10)])
    anna = register(offer, None, name="Anna", email="anna@example.org")
    register(offer, None, name="Boris", email="boris@example.org")
    date = offer.dates.get()
    set_attendance(anna, date, True, coordinator)
    assert [row["no_show"] for row in check_in_rows(date)] == [False, False]
    with time_machine.travel(at(17, 13), tick=False):
        rows = check_in_rows(date)
    assert [(r["registration"].name, r["present"], r["no_show"]) for r in rows] == [
        ("Anna", True, False),
        ("Boris", False, True),
    ]


def test_people_on_the_waiting_list_are_not_on_the_check_in_list(client, coordinator, home_org):
    offer = make_offer(home_org, coordinator, capacity=1)
    register(offer, None, name="Anna", email="anna@example.org")
    waiting = register(offer, None, name="Boris", email="boris@example.org")
    date = offer.dates.get()
    client.force_login(coordinator)
    response = client.post(url("check-in-toggle", pk=date.pk, code=waiting.code), {"present": "1"})
    assert response.status_code == 404


def test_the_check_in_list_prints_as_a_pdf(
    client, coordinator, home_org, lerneck, django_capture_on_commit_callbacks
):
    offer = make_offer(home_org, coordinator, lerneck)
    anna = register(offer, None, name="Анна Петрова", email="anna@example.org")
    set_attendance(anna, offer.dates.get(), True, coordinator)
    client.force_login(coordinator)
    response = fetch_file(
        client, django_capture_on_commit_callbacks, url("check-in-pdf", pk=offer.dates.get().pk)
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Check-in list" in text and "Анна Петрова" in text and "Lerneck" in text


def test_attendance_appears_on_the_participants_timeline(
    client, coordinator, counsellor, home_org, project
):
    offer = make_offer(home_org, coordinator, dates=[at(10, 10)], title={"de": "Digital fit"})
    lan = person(home_org, project, counsellor, "Lan", "Trần", "vi")
    registration = register(offer, counsellor, participant=lan)
    set_attendance(registration, offer.dates.get(), True, coordinator)
    client.force_login(counsellor)
    page = client.get(f"/en/staff/people/{lan.public_id}/").content.decode()
    assert "Registered: Digital fit" in page
    assert "Attended: Digital fit" in page


def test_a_tap_with_htmx_saves_the_same_and_answers_with_the_row_and_the_count(
    client, coordinator, home_org, django_assert_num_queries
):
    offer = make_offer(home_org, coordinator)
    anna = register(offer, None, name="Anna", email="anna@example.org")
    register(offer, None, name="Boris", email="boris@example.org")
    date = offer.dates.get()
    client.force_login(coordinator)
    toggle = url("check-in-toggle", pk=date.pk, code=anna.code)
    # session, user, memberships, the date with its offer, the registration; in the write's
    # transaction (3 savepoints, 3 releases) the attendance looked up and inserted and the
    # audit entry; then the list: registrations, their attendance on the date
    with django_assert_num_queries(16):
        response = client.post(toggle, {"present": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<li id="person-{anna.code}">')
    assert 'aria-pressed="true"' in html and "Boris" not in html
    assert '<span id="check-in-count" hx-swap-oob="true">1 of 2 present</span>' in html
    assert "<html" not in html
    assert [row["present"] for row in check_in_rows(date)] == [True, False]
    # Checked out again: the row says so, the count goes down.
    html = client.post(toggle, {"present": "0"}, headers={"HX-Request": "true"}).content.decode()
    assert 'aria-pressed="false"' in html and "0 of 2 present" in html
    assert [row["present"] for row in check_in_rows(date)] == [False, False]


def test_the_check_in_rows_post_with_htmx_and_without(client, coordinator, home_org):
    offer = make_offer(home_org, coordinator)
    anna = register(offer, None, name="Anna", email="anna@example.org")
    date = offer.dates.get()
    client.force_login(coordinator)
    page = client.get(url("check-in", pk=date.pk)).content.decode()
    toggle = url("check-in-toggle", pk=date.pk, code=anna.code)
    assert f'<form method="post" action="{toggle}" hx-post="{toggle}"' in page
    assert f'hx-target="#person-{anna.code}" hx-swap="outerHTML"' in page
    assert '<span id="check-in-count">0 of 1 present</span>' in page


def test_a_tap_with_htmx_is_refused_to_others(client, personas, home_org, coordinator):
    offer = make_offer(home_org, coordinator)
    anna = register(offer, None, name="Anna", email="anna@example.org")
    date = offer.dates.get()
    toggle = url("check-in-toggle", pk=date.pk, code=anna.code)
    for name, status in [("counsellor", 403), ("advisor", 403), ("outsider", 404)]:
        client.force_login(personas[name])
        response = client.post(toggle, {"present": "1"}, headers={"HX-Request": "true"})
        assert response.status_code == status, name
        assert "Anna" not in response.content.decode()
    assert [row["present"] for row in check_in_rows(date)] == [False]
