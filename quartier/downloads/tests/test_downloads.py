"""Downloads: made in the background, seen only by who asked, gone after an hour or an erasure."""

import json
from datetime import date, timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry, Membership
from quartier.downloads.models import Download
from quartier.downloads.services import purge_expired
from quartier.people.consent import record_consent
from quartier.people.intake import take_in
from quartier.people.models import Project, Purpose
from quartier.people.rights import anonymise_participants, request_erasure
from quartier.tests.downloads import fetch_file, file_link, read_file, request_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    # 10:00 in Leipzig.
    time_machine.move_to("2026-03-10 10:00 +01:00", tick=False)


@pytest.fixture
def olena(home_org, counsellor):
    project = Project.objects.create(
        slug="aiq",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )
    participant = take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name="Olena",
        family_name="Kovalenko",
        email="olena@example.org",
        preferred_language="uk",
    )
    record_consent(participant, Purpose.ESF_NOTICE, "uk", counsellor)
    return participant


def sheet_url(person) -> str:
    return f"/en/staff/people/{person.public_id}/consent-sheet.pdf"


def export_url(person) -> str:
    return f"/en/staff/people/{person.public_id}/export.json"


def downloads() -> list[Download]:
    with scopes_disabled():
        return list(Download.objects.order_by("pk"))


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a file as the signed-in user; the address of its download page."""

    def ask(address: str) -> str:
        return request_file(client, django_capture_on_commit_callbacks, address)

    return ask


# -- The page and the file ------------------------------------------------------------


def test_the_page_polls_while_the_file_is_made_and_stops_when_it_is_ready(
    client, olena, counsellor, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    with django_capture_on_commit_callbacks() as callbacks:  # the task waits, as in a queue
        response = client.get(sheet_url(olena))
    assert response.status_code == 303
    page = client.get(response["Location"]).content.decode()
    assert "<h1>Information and consent sheet – Olena Kovalenko</h1>" in page
    assert "The file is being prepared." in page
    assert 'hx-trigger="every 1s"' in page
    assert f'<a href="{response["Location"]}">Reload now</a>' in page  # without JavaScript
    assert "http-equiv" not in page
    assert "Open the PDF" not in page
    for callback in callbacks:  # the worker makes the file
        callback()
    fragment = client.get(response["Location"], headers={"HX-Request": "true"})
    assert "HX-Request" in fragment["Vary"]
    content = fragment.content.decode()
    assert content.startswith('<div id="download-status">')  # no trigger: polling stops
    assert "hx-trigger" not in content and "<h1>" not in content
    assert ">Open the PDF</a>" in content
    assert "Available until 11:00; then it is deleted." in content


def test_the_page_links_back_to_the_person(client, olena, counsellor, ask):
    client.force_login(counsellor)
    page = client.get(ask(sheet_url(olena))).content.decode()
    assert f'<a href="/en/staff/people/{olena.public_id}/">Go back</a>' in page


def test_the_status_page_queries_a_constant_number_of_times(
    client, olena, counsellor, ask, django_assert_num_queries
):
    client.force_login(counsellor)
    address = ask(sheet_url(olena))
    # 1 session, 2 user, 3 memberships (the scope, cached for the navigation), 4 the download.
    with django_assert_num_queries(4):
        response = client.get(address)
    assert ">Open the PDF</a>" in response.content.decode()


def test_a_pdf_opens_in_the_browser_and_the_read_is_audited(client, olena, counsellor, ask):
    client.force_login(counsellor)
    page = client.get(ask(sheet_url(olena)))
    response = read_file(client, file_link(page))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="consent-{olena.public_id}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")
    with scopes_disabled():
        opened = AuditEntry.objects.get(code="downloads.file.opened")
    download = downloads()[0]
    assert (opened.actor, opened.subject_type, opened.subject_id, opened.person) == (
        counsellor,
        "people.participant",
        str(olena.pk),
        str(olena.public_id),
    )
    assert opened.data == {"download": str(download.public_id), "kind": "people.consent_sheet"}


def test_an_export_is_downloaded_as_an_attachment(client, olena, counsellor, ask):
    client.force_login(counsellor)
    page = client.get(ask(export_url(olena)))
    assert "Download the file" in page.content.decode()
    response = read_file(client, file_link(page))
    assert response["Content-Disposition"] == f'attachment; filename="data-{olena.public_id}.json"'
    assert json.loads(response.content)["sections"]["participant"][0]["given_name"] == "Olena"


def test_the_file_is_made_once_even_if_the_task_runs_twice(
    client, olena, counsellor, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    with django_capture_on_commit_callbacks() as callbacks:
        client.get(sheet_url(olena))
    for callback in [*callbacks, *callbacks]:
        callback()
    (download,) = downloads()
    assert download.is_ready
    assert download.ready_at is not None


# -- Who may see it -----------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lead", "outsider", "coordinator", "viewer", "admin"])
def test_anyone_else_gets_not_found(client, olena, counsellor, personas, ask, persona):
    client.force_login(counsellor)
    address = ask(sheet_url(olena))
    file_url = file_link(client.get(address))
    client.force_login(personas[persona])
    assert client.get(address).status_code == 404
    assert client.get(file_url).status_code == 404


@pytest.mark.parametrize("persona", ["counsellor+resident", "counsellor+viewer"])
def test_someone_with_roles_in_two_organisations_gets_not_found(
    client, olena, counsellor, two_org_personas, ask, persona
):
    """A counsellor of the same organisation, with another role elsewhere: still not theirs."""
    client.force_login(counsellor)
    address = ask(sheet_url(olena))
    file_url = file_link(client.get(address))
    client.force_login(two_org_personas[persona])
    assert client.get(address).status_code == 404
    assert client.get(file_url).status_code == 404
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="downloads.file.opened").exists()


def test_residents_and_employers_are_refused_and_visitors_sent_to_sign_in(
    client, olena, counsellor, personas, ask
):
    client.force_login(counsellor)
    address = ask(sheet_url(olena))
    for persona in ("resident", "employer"):
        client.force_login(personas[persona])
        assert client.get(address).status_code == 403
    client.logout()
    response = client.get(address)
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_a_user_who_left_the_organisation_cannot_fetch_their_download(
    client, olena, counsellor, ask
):
    client.force_login(counsellor)
    address = ask(sheet_url(olena))
    file_url = file_link(client.get(address))
    Membership.objects.filter(user=counsellor).delete()
    assert client.get(address).status_code == 403
    assert client.get(file_url).status_code == 403


# -- Expiry, failure, erasure ---------------------------------------------------------


def test_an_expired_download_is_refused_and_purged_with_its_file(
    client, olena, counsellor, ask, time_machine, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    address = ask(sheet_url(olena))
    file_url = file_link(client.get(address))
    (download,) = downloads()
    assert default_storage.exists(download.file.name)
    time_machine.move_to("2026-03-10 11:00 +01:00", tick=False)
    assert client.get(address).status_code == 404
    assert client.get(file_url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired() == 1
    assert downloads() == []
    assert not default_storage.exists(download.file.name)


def test_the_purge_command_keeps_what_has_not_expired(client, olena, counsellor, ask, capsys):
    client.force_login(counsellor)
    ask(sheet_url(olena))
    call_command("purge-downloads")
    assert "Purged 0 expired downloads." in capsys.readouterr().out
    assert len(downloads()) == 1


def test_a_request_no_worker_answered_is_purged_after_a_day(
    client, olena, counsellor, time_machine, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    with django_capture_on_commit_callbacks():  # never run
        client.get(sheet_url(olena))
    time_machine.move_to("2026-03-11 09:59 +01:00", tick=False)
    assert purge_expired() == 0
    time_machine.move_to("2026-03-11 10:00 +01:00", tick=False)
    assert purge_expired() == 1


def test_a_file_that_cannot_be_made_is_marked_failed_and_the_page_says_so(
    client, olena, counsellor, django_capture_on_commit_callbacks, caplog
):
    """The counsellor's role ends before the worker runs: the task may not read the person."""
    client.force_login(counsellor)
    with django_capture_on_commit_callbacks() as callbacks:
        address = client.get(sheet_url(olena))["Location"]
    Membership.objects.filter(user=counsellor).update(role="viewer")
    for callback in callbacks:
        callback()
    (download,) = downloads()
    assert download.status == Download.Status.FAILED
    assert download.error.startswith("DoesNotExist:")
    assert not download.file
    assert "could not be made" in caplog.text
    page = client.get(address).content.decode()
    assert "The file could not be made. Please try again" in page
    assert "hx-trigger" not in page
    assert "Open the PDF" not in page


def test_erasure_deletes_the_persons_downloads_and_their_files(
    client, olena, counsellor, ask, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    ask(sheet_url(olena))
    ask(export_url(olena))
    names = [download.file.name for download in downloads()]
    assert len(names) == 2 and all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        request_erasure(olena, counsellor)
    assert downloads() == []
    assert not any(default_storage.exists(name) for name in names)


def test_an_erasure_rolled_back_leaves_the_files(client, olena, counsellor, ask):
    client.force_login(counsellor)
    ask(sheet_url(olena))
    (download,) = downloads()
    try:
        with transaction.atomic():
            request_erasure(olena, counsellor)
            raise RuntimeError("the erasure fails after the downloads were discarded")
    except RuntimeError:
        pass
    assert downloads() == [download]
    assert default_storage.exists(download.file.name)


def test_anonymisation_deletes_the_persons_downloads(client, olena, counsellor, ask):
    client.force_login(counsellor)
    ask(sheet_url(olena))
    anonymise_participants([olena.pk])
    assert downloads() == []


def test_a_file_made_after_the_erasure_is_not_kept(
    client, olena, counsellor, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    with django_capture_on_commit_callbacks() as callbacks:
        client.get(export_url(olena))
    request_erasure(olena, counsellor)  # before the worker got to it
    for callback in callbacks:
        callback()
    assert downloads() == []


def test_a_fresh_file_for_each_request(
    client, olena, counsellor, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    first = fetch_file(client, django_capture_on_commit_callbacks, export_url(olena))
    olena.email = "neu@example.org"
    olena.save(update_fields=["email"])
    second = fetch_file(client, django_capture_on_commit_callbacks, export_url(olena))
    assert json.loads(first.content)["sections"]["participant"][0]["email"] == "olena@example.org"
    assert json.loads(second.content)["sections"]["participant"][0]["email"] == "neu@example.org"
    assert len(downloads()) == 2
    assert timedelta(hours=1) == downloads()[0].expires_at - downloads()[0].ready_at


def test_the_daily_clean_up_purges_expired_downloads_too(
    client, olena, counsellor, ask, time_machine, capsys
):
    client.force_login(counsellor)
    ask(sheet_url(olena))
    time_machine.move_to("2026-03-10 12:00 +01:00", tick=False)
    call_command("anonymise-expired")
    assert "Purged 1 expired downloads." in capsys.readouterr().out
    assert downloads() == []
