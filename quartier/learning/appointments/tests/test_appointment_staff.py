"""Staff see, confirm, propose another time, cancel and close appointments of their places."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django_scopes import scopes_disabled
from icalendar import Calendar

from quartier.accounts.models import AuditEntry, Role
from quartier.conftest import make_user
from quartier.learning.appointments.services import request_individual
from quartier.learning.models import Appointment, AppointmentStatus
from quartier.tests.pagination import walk

from .fixtures import *  # noqa: F403
from .fixtures import book, counsellor_available

pytestmark = pytest.mark.django_db

WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)


@pytest.fixture
def booked(frozen, lernort, counsellor, django_capture_on_commit_callbacks):
    counsellor_available(counsellor, lernort, 2)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(lernort, WEDNESDAY_10, name="Karim Haddad", language="ar")
    mail.outbox.clear()
    return appointment


def detail_url(appointment, suffix="") -> str:
    return f"/en/staff/learning/appointments/{appointment.public_id}/{suffix}"


def reload(appointment) -> Appointment:
    return Appointment.objects.with_scopes_disabled().get(pk=appointment.pk)


def test_counsellors_and_coordinators_see_the_list(client, booked, personas):
    for persona in ("counsellor", "coordinator"):
        client.force_login(personas[persona])
        response = client.get("/en/staff/learning/appointments/")
        assert response.status_code == 200
        assert "Karim Haddad" in response.text


@pytest.mark.parametrize("persona", ["resident", "employer", "advisor", "viewer", "outsider"])
def test_other_roles_are_refused(client, booked, personas, persona):
    client.force_login(personas[persona])
    assert client.get("/en/staff/learning/appointments/").status_code == 403
    assert client.get(detail_url(booked)).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, booked):
    response = client.get(detail_url(booked))
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_another_organisations_counsellor_gets_404(client, booked, other_org):
    stranger = make_user("fremd@example.org", Role.COUNSELLOR, other_org)
    client.force_login(stranger)
    assert client.get(detail_url(booked)).status_code == 404
    assert client.post(detail_url(booked, "cancel/")).status_code == 404
    response = client.get("/en/staff/learning/appointments/")
    assert "Karim Haddad" not in response.text
    assert reload(booked).status == AppointmentStatus.REQUESTED


def test_the_list_has_a_constant_number_of_queries(
    client, booked, counsellor, lernort, django_assert_num_queries
):
    book(lernort, WEDNESDAY_10.replace(minute=30), name="Second Person")
    client.force_login(counsellor)
    # 1 session, 2 user, 3 memberships (access), 4 contact points for the filter,
    # 5 + 6 appointments to reassign (members, coming appointments), 7 the page of
    # appointments with place and counsellor, 8 the count, 9 site pack
    with django_assert_num_queries(9):
        response = client.get("/en/staff/learning/appointments/")
    assert response.status_code == 200
    assert "Second Person" in response.text


def test_the_detail_read_is_audited(client, booked, counsellor):
    client.force_login(counsellor)
    response = client.get(detail_url(booked))
    assert response.status_code == 200
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="learning.appointment.viewed")
    assert (entry.actor, entry.subject_id) == (counsellor, str(booked.pk))


def test_confirming_tells_the_resident_in_their_language(
    client, booked, counsellor, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(booked, "confirm/"))
    assert response.status_code == 302
    assert reload(booked).status == AppointmentStatus.CONFIRMED
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "ar"
    assert message.to == ["amal@example.org"]
    [(_name, ics, _type)] = message.attachments
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["status"]) == "CONFIRMED"


def test_proposing_another_time_and_the_resident_accepts(
    client, booked, counsellor, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail_url(booked, "propose/"),
            {"start": "2025-11-03T15:00", "counsellor": counsellor.pk},
        )
    assert response.status_code == 302
    appointment = reload(booked)
    assert appointment.status == AppointmentStatus.PROPOSED
    assert appointment.start == datetime(2025, 11, 3, 14, 0, tzinfo=UTC)  # 15:00 CET
    [message] = mail.outbox
    assert f"/ar/learn/appointments/mine/{appointment.token}/" in message.body
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/ar/learn/appointments/mine/{appointment.token}/answer/", {"answer": "accept"}
        )
    assert reload(booked).status == AppointmentStatus.CONFIRMED
    assert len(mail.outbox) == 2


def test_the_resident_declines_a_proposed_time(client, booked, counsellor):
    client.force_login(counsellor)
    client.post(
        detail_url(booked, "propose/"), {"start": "2025-11-03T15:00", "counsellor": counsellor.pk}
    )
    client.logout()
    client.post(f"/en/learn/appointments/mine/{booked.token}/answer/", {"answer": "decline"})
    assert reload(booked).status == AppointmentStatus.CANCELLED


def test_a_proposal_cannot_double_book_the_counsellor(client, booked, counsellor, lernort):
    other = book(lernort, WEDNESDAY_10.replace(hour=10), name="Other Person")
    client.force_login(counsellor)
    response = client.post(
        detail_url(other, "propose/"), {"start": "2025-10-29T10:00", "counsellor": counsellor.pk}
    )
    assert response.status_code == 200
    assert "The counsellor already has an appointment at that time." in response.text
    assert reload(other).status == AppointmentStatus.REQUESTED


def test_a_proposal_in_the_past_is_refused(client, booked, counsellor):
    client.force_login(counsellor)
    response = client.post(
        detail_url(booked, "propose/"), {"start": "2025-10-01T10:00", "counsellor": counsellor.pk}
    )
    assert "Please propose a time in the future." in response.text
    assert reload(booked).status == AppointmentStatus.REQUESTED


def test_staff_cancel_and_the_resident_is_told(
    client, booked, coordinator_user, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(detail_url(booked, "cancel/"))
    assert reload(booked).status == AppointmentStatus.CANCELLED
    assert len(mail.outbox) == 1


@pytest.fixture
def coordinator_user(personas):
    return personas["coordinator"]


def test_done_and_no_show_only_after_the_time(client, booked, counsellor):
    client.force_login(counsellor)
    client.post(detail_url(booked, "outcome/"), {"status": "done"})
    assert reload(booked).status == AppointmentStatus.REQUESTED
    with time_machine.travel(datetime(2025, 10, 29, 10, 0, tzinfo=UTC), tick=False):
        client.force_login(counsellor)  # the sign-in of two days ago has expired
        client.post(detail_url(booked, "outcome/"), {"status": "no_show"})
    assert reload(booked).status == AppointmentStatus.NO_SHOW


def test_availability_is_added_for_the_organisations_counsellors_only(
    client, frozen, lernort, other_point, counsellor, personas
):
    client.force_login(personas["coordinator"])
    response = client.post(
        "/en/staff/learning/availability/",
        {
            "user": counsellor.pk,
            "contact_point": lernort.pk,
            "weekday": 4,
            "starts": "10:00",
            "ends": "13:00",
            "valid_from": "2025-10-01",
        },
    )
    assert response.status_code == 302
    assert counsellor.appointment_availability.get().contact_point == lernort
    response = client.post(
        "/en/staff/learning/availability/",
        {
            "user": counsellor.pk,
            "contact_point": other_point.pk,
            "weekday": 4,
            "starts": "13:00",
            "ends": "10:00",
            "valid_from": "2025-10-01",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert "The end must be after the start." in response.text
    assert counsellor.appointment_availability.count() == 1


def test_an_individual_request_gets_a_proposed_time_and_is_confirmed(
    client, frozen, lernort, counsellor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = request_individual(
            lernort,
            name="Rojhat Demir",
            email="rojhat@example.org",
            language="kmr",
            preferred_times="Montags ab 16 Uhr",
        )
    client.force_login(counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            detail_url(request, "propose/"),
            {"start": "2025-11-03T16:30", "counsellor": counsellor.pk},
        )
    request = reload(request)
    assert (request.status, request.counsellor) == (AppointmentStatus.PROPOSED, counsellor)
    assert request.start == datetime(2025, 11, 3, 15, 30, tzinfo=UTC)
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kmr/learn/appointments/mine/{request.token}/answer/", {"answer": "accept"})
    assert reload(request).status == AppointmentStatus.CONFIRMED
    assert [m.extra_headers["Content-Language"] for m in mail.outbox] == ["kmr", "kmr", "kmr"]


def test_the_list_pages_forward_and_back_with_each_appointment_once(
    client, frozen, lernort, counsellor, settings
):
    """Starts tie, and requests for another time have none (listed last)."""
    starts = [WEDNESDAY_10, WEDNESDAY_10.replace(hour=10), None]
    Appointment.objects.bulk_create(
        Appointment(
            organisation=lernort.organisation,
            contact_point=lernort,
            start=starts[number % 3],
            end=starts[number % 3] and starts[number % 3] + timedelta(minutes=30),
            name=f"Person {number}",
            status=AppointmentStatus.REQUESTED,
        )
        for number in range(110)
    )
    client.force_login(counsellor)

    def shown(response):
        return [appointment.pk for appointment in response.context["page"]]

    url = "/en/staff/learning/appointments/"
    forward, backward = walk(client, url, {"status": "open"}, shown)
    with scopes_disabled():
        everyone = list(Appointment.objects.values_list("pk", "start"))
    seen = [pk for page in forward for pk in page]
    assert [len(page) for page in forward] == [50, 50, 10]
    assert sorted(seen) == sorted(pk for pk, _ in everyone)
    starts_seen = dict(everyone)
    assert [starts_seen[pk] for pk in seen] == sorted(
        (start for _, start in everyone), key=lambda start: (start is None, start)
    )
    assert backward == list(reversed(forward))
    assert shown(client.get(url, {"cursor": "x"})) == forward[0]
    settings.KEYSET_COUNT_CAP = 100
    assert "More than 100 appointments" in client.get(url).content.decode()
